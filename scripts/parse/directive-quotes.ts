/**
 * Word processors and phones type `title=“Hola”` for `title="Hola"`. The directive syntax only
 * knows straight quotes, so such a directive would reach learners as literal `:::` text. Before
 * parsing, typographic quotes that open or close an attribute value inside a directive's `{…}`
 * become straight ones. Each replaced character is one UTF-16 unit, as is its replacement, so every
 * line and column stays as the author wrote it. Quotes inside a value (`L’Aquila`) are left alone.
 */
const DOUBLE_OPENERS = new Set(['“', '”', '„', '«']);
const DOUBLE_CLOSERS = new Set(['”', '“', '»', '"']);
const SINGLE_OPENERS = new Set(['‘', '’', '‚']);
const SINGLE_CLOSERS = new Set(['’', '‘', "'"]);
/** A directive name (any form), an optional [label], then its attribute braces on one line. */
const ATTRIBUTES = /:[A-Za-z][\w-]*(?:\[[^\]\n]*\])?\{([^}\n]*)\}?/g;
const TYPOGRAPHIC = /[“”„«‘’‚]/;
/** What `straighten` changes starts here: a text without it (nearly every one) is returned as it is. */
const OPENING_AFTER_EQUALS = /=[“”„«‘’‚]/;

/** `a=“x y” b=‘z’` → `a="x y" b='z'`: an opening quote right after `=`, its closing one before a space or the end. */
function straighten(attributes: string): string {
  const chars = [...attributes];
  for (let index = 0; index < chars.length - 1; index += 1) {
    if (chars[index] !== '=') continue;
    const open = chars[index + 1]!;
    const double = DOUBLE_OPENERS.has(open);
    if (!double && !SINGLE_OPENERS.has(open)) continue;
    const closers = double ? DOUBLE_CLOSERS : SINGLE_CLOSERS;
    for (let end = index + 2; end < chars.length; end += 1) {
      if (closers.has(chars[end]!) && (end + 1 === chars.length || /\s/.test(chars[end + 1]!))) {
        chars[index + 1] = chars[end] = double ? '"' : "'";
        index = end;
        break;
      }
    }
  }
  return chars.join('');
}

export function straightenDirectiveQuotes(text: string): string {
  if (!OPENING_AFTER_EQUALS.test(text)) return text;
  let fence: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (!fence || marker.startsWith(fence))) {
        fence = fence ? undefined : marker;
        return line;
      }
      if (fence || !TYPOGRAPHIC.test(line)) return line;
      return line.replace(ATTRIBUTES, (whole: string, attributes: string) => {
        const start = whole.length - attributes.length - (whole.endsWith('}') ? 1 : 0);
        return whole.slice(0, start) + straighten(attributes) + whole.slice(start + attributes.length);
      });
    })
    .join('\n');
}
