/** Character classes as micromark defines them (Unicode punctuation includes symbols). */
const unicodePunctuation = /[\p{P}\p{S}]/u;
const unicodeWhitespace = /\s/;

export function isPunctuation(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 128) return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
  return unicodePunctuation.test(char);
}

export function isWhitespace(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 128) return code === 32 || code === 10 || code === 9 || code === 13 || code === 12 || code === 11;
  return unicodeWhitespace.test(char);
}

/** A backslash escape of ASCII punctuation (`\\_`, `\\*`): the character it escapes is captured. */
export const BACKSLASH_ESCAPE = /\\([!-/:-@[-`{-~])/g;

export function isAsciiPunctuation(char: string | undefined): boolean {
  return char !== undefined && char.length === 1 && char.charCodeAt(0) < 128 && isPunctuation(char);
}

/** micromark's `classifyCharacter`: 1 whitespace (or a boundary), 2 punctuation, 0 anything else. */
export function classify(char: string | undefined): 0 | 1 | 2 {
  if (char === undefined || isWhitespace(char)) return 1;
  return isPunctuation(char) ? 2 : 0;
}
