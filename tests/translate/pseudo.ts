/**
 * A pseudo-translator for tests: fills every unit's target with its source, each text run
 * wrapped in ⟦ ⟧ markers, codes kept in place. Works on the XML text, independent of the
 * toolkit's XLIFF reader and writer.
 */
export const OPEN = '⟦';
export const CLOSE = '⟧';

export function pseudoTranslate(xliff: string, transform: (text: string) => string = (text) => text): string {
  return xliff
    .replace(/<segment state="[^"]*">/g, '<segment state="translated">')
    .replace(/<target xml:space="preserve">[\s\S]*?<\/target>\n?\s*/g, '')
    .replace(/(<source xml:space="preserve">)([\s\S]*?)(<\/source>)/g, (whole, _open: string, inner: string) => {
      const target = inner.replace(/(^|>)([^<]+)(?=<|$)/g, (_m, before: string, text: string) => `${before}${/\p{L}/u.test(text) ? `${OPEN}${transform(text)}${CLOSE}` : text}`);
      return `${whole}\n        <target xml:space="preserve">${target}</target>`;
    });
}
