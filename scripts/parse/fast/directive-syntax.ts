/**
 * The parts of a directive after its colons — name, `[label]`, `{attributes}` — scanned with the
 * rules of micromark-extension-directive. Each scanner returns `undefined` where micromark's
 * attempt fails; a line ending inside a label or attribute list makes the fast path give up.
 */
import { isPunctuation, isWhitespace } from './chars.ts';
import { bail } from './source.ts';

/** End of a directive name starting at `at`, or -1 when there is none. */
export function scanName(text: string, at: number, end: number): number {
  if (at >= end) return -1;
  const first = text[at]!;
  if (first === '\n' || isWhitespace(first) || isPunctuation(first)) return -1;
  let index = at + 1;
  while (index < end) {
    const char = text[index]!;
    if (char === '\n' || isWhitespace(char) || (isPunctuation(char) && char !== '-' && char !== '_')) break;
    index += 1;
  }
  const last = text[index - 1];
  return last === '-' || last === '_' ? -1 : index;
}

export interface LabelSpan {
  /** Offset of `[`. */
  open: number;
  /** Offset of the closing `]`. */
  close: number;
}

const labelSyntax = /[\\[\]\n]/g;

/** The `[label]` starting at `at` (which holds `[`). */
export function scanLabel(text: string, at: number, end: number): LabelSpan | undefined {
  let balance = 0;
  for (let index = at + 1; index < end; index += 1) {
    // Only these four characters matter: the rest is skipped by the regular expression engine.
    labelSyntax.lastIndex = index;
    if (!labelSyntax.test(text)) return undefined;
    index = labelSyntax.lastIndex - 1;
    if (index >= end) return undefined;
    const char = text[index];
    if (char === '\\') {
      // An escaped bracket neither opens nor closes (the inline parser reads the escape).
      index += 1;
    } else if (char === '[') {
      balance += 1;
      if (balance > 32) return undefined;
    } else if (char === ']') {
      if (balance === 0) return { open: at, close: index };
      balance -= 1;
    } else if (char === '\n') {
      bail();
    }
  }
  return undefined;
}

const shortcutForbidden = new Set(['"', "'", '<', '=', '>', '`']);
const valueForbidden = new Set(['<', '=', '>', '`', '}']);

export interface AttributeList {
  attributes: Record<string, string>;
  /** Offset just after the closing `}`. */
  end: number;
}

/** The `{…}` attribute list starting at `at` (which holds `{`). */
export function scanAttributes(text: string, at: number, end: number): AttributeList | undefined {
  // Escapes in attribute values are micromark's to decode.
  const lineEnd = text.indexOf('\n', at);
  if (text.slice(at, lineEnd === -1 || lineEnd > end ? end : lineEnd).includes('\\')) bail();
  const list: [string, string][] = [];
  let index = at + 1;
  for (;;) {
    let char = charAt(text, index, end);
    if (char === '\n') bail();
    if (char === '#' || char === '.') {
      const key = char === '#' ? 'id' : 'class';
      index += 1;
      const first = charAt(text, index, end);
      if (first === undefined || first === '#' || first === '.' || first === '}' || first === ' ' || first === '\n' || shortcutForbidden.has(first)) return undefined;
      const start = index;
      index += 1;
      for (;;) {
        const next = charAt(text, index, end);
        if (next === undefined || shortcutForbidden.has(next)) return undefined;
        if (next === '#' || next === '.' || next === '}' || next === ' ' || next === '\n') break;
        index += 1;
      }
      list.push([key, text.slice(start, index)]);
      continue;
    }
    if (char === ' ') {
      index += 1;
      continue;
    }
    if (char === undefined || isWhitespace(char) || (isPunctuation(char) && char !== '-' && char !== '_')) {
      return char === '}' ? { attributes: collect(list), end: index + 1 } : undefined;
    }
    const nameStart = index;
    index += 1;
    for (;;) {
      const next = charAt(text, index, end);
      if (next === undefined || next === '\n' || isWhitespace(next) || (isPunctuation(next) && next !== '-' && next !== '.' && next !== ':' && next !== '_')) break;
      index += 1;
    }
    const name = text.slice(nameStart, index);
    while (charAt(text, index, end) === ' ') index += 1;
    if (charAt(text, index, end) === '\n') bail();
    if (charAt(text, index, end) !== '=') {
      list.push([name, '']);
      continue;
    }
    index += 1;
    for (;;) {
      char = charAt(text, index, end);
      if (char === ' ') index += 1;
      else if (char === '\n') bail();
      else break;
    }
    if (char === undefined || valueForbidden.has(char)) return undefined;
    if (char === '"' || char === "'") {
      const start = index + 1;
      const close = text.indexOf(char, start);
      const lineEnd = text.indexOf('\n', start);
      if (lineEnd !== -1 && lineEnd < end && (close === -1 || lineEnd < close)) bail();
      if (close === -1 || close >= end) return undefined;
      index = close;
      list.push([name, text.slice(start, index)]);
      index += 1;
      const after = charAt(text, index, end);
      if (after === '\n') bail();
      if (after !== '}' && after !== ' ') return undefined;
      continue;
    }
    const start = index;
    for (;;) {
      const next = charAt(text, index, end);
      if (next === undefined || next === '"' || next === "'" || next === '<' || next === '=' || next === '>' || next === '`') return undefined;
      if (next === '}' || next === ' ' || next === '\n') break;
      index += 1;
    }
    list.push([name, text.slice(start, index)]);
  }
}

function charAt(text: string, position: number, end: number): string | undefined {
  return position < end ? text[position] : undefined;
}

function collect(list: [string, string][]): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [key, value] of list) {
    if (key === 'class' && attributes.class) attributes.class += ' ' + value;
    else attributes[key] = value;
  }
  return attributes;
}
