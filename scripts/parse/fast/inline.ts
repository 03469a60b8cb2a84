/**
 * Phrasing content of one paragraph, heading or directive label: text, emphasis and strong, code,
 * links and images, hard breaks and text directives, with CommonMark's delimiter rules as micromark
 * applies them. Works on the paragraph's text with container prefixes and line-edge spaces removed
 * (`InlineText`), mapping any of its indices back to a source offset for positions.
 */
import type { PhrasingContent, Text } from 'mdast';
import type { Position } from 'unist';
import { BACKSLASH_ESCAPE, classify, isAsciiPunctuation } from './chars.ts';
import { scanAttributes, scanLabel, scanName } from './directive-syntax.ts';
import { bail, type Source } from './source.ts';

/** One line of a paragraph as joined into `InlineText.text`. */
export interface InlineLine {
  /** Index in the text where the line's content starts, and the source offset it stands for. */
  at: number;
  source: number;
  /** Index in the text just after the content: its `\n`, or the end of the last line. */
  end: number;
  /** Source offset that index `end` stands for. */
  endSource: number;
  /** The `\n` after it is a hard break (two or more trailing spaces). */
  hardBreak: boolean;
  /** Source offset just after the line ending that `\n` stands for. */
  next: number;
}

export interface InlineText {
  text: string;
  lines: InlineLine[];
}

type Piece =
  | { kind: 'text'; from: number; to: number }
  | { kind: 'delimiter'; char: string; from: number; to: number; canOpen: boolean; canClose: boolean }
  | { kind: 'bracket'; image: boolean; from: number; to: number; active: boolean }
  | { kind: 'node'; node: PhrasingContent; from: number; to: number };

/** Characters that may start inline syntax; everything between them is plain text. */
const special = /[\\*_`[\]!:\n]/g;
/** GFM autolink literals (web addresses, e-mail addresses) would become links: leave such text to micromark. */
const autolinkLike = /www\.|:\/\/|mailto:|xmpp:|@[-\w]*\./i;
/** A reference label (`][…`) running over a line ending: micromark's attempt shifts text positions. */
const referenceOverLineEnding = /\]\[[^\]]*\n/;

export class InlineParser {
  constructor(
    private readonly source: Source,
    private readonly inline: InlineText,
  ) {}

  parse(from = 0, to = this.inline.text.length): PhrasingContent[] {
    const { text } = this.inline;
    const pieces: Piece[] = [];
    let textStart = from;
    let index = from;
    while (index < to) {
      // Plain text is skipped by the regular expression engine, not character by character.
      special.lastIndex = index;
      index = special.test(text) ? special.lastIndex - 1 : to;
      if (index >= to) break;
      const char = text[index]!;
      if (char === '\\') {
        // An escaped character is text (the screen let only escapes of ASCII punctuation through).
        if (index + 1 >= to || !isAsciiPunctuation(text[index + 1])) bail();
        index += 2;
      } else if (char === '*' || char === '_') {
        pushText(pieces, textStart, index);
        let end = index + 1;
        while (end < to && text[end] === char) end += 1;
        const before = classify(index > from ? text[index - 1] : undefined);
        const after = classify(end < to ? text[end] : undefined);
        const open = after === 0 || (after === 2 && before !== 0);
        const close = before === 0 || (before === 2 && after !== 0);
        pieces.push({
          kind: 'delimiter',
          char,
          from: index,
          to: end,
          canOpen: char === '*' ? open : open && (before !== 0 || !close),
          canClose: char === '*' ? close : close && (after !== 0 || !open),
        });
        index = end;
        textStart = end;
      } else if (char === '`') {
        const code = this.codeSpan(index, to);
        if (code) {
          pushText(pieces, textStart, index);
          pieces.push(code);
          textStart = code.to;
        }
        index = code ? code.to : skipRun(text, index, to);
      } else if (char === '[' || (char === '!' && text[index + 1] === '[')) {
        pushText(pieces, textStart, index);
        const width = char === '[' ? 1 : 2;
        pieces.push({ kind: 'bracket', image: width === 2, from: index, to: index + width, active: true });
        index += width;
        textStart = index;
      } else if (char === ']') {
        pushText(pieces, textStart, index);
        index = this.closeBracket(pieces, index, to);
        textStart = index;
      } else if (char === ':' && (index === from || text[index - 1] !== ':')) {
        const directive = this.textDirective(index, to);
        if (directive) {
          pushText(pieces, textStart, index);
          pieces.push(directive);
          index = directive.to;
          textStart = index;
        } else {
          index += 1;
        }
      } else if (char === '\n' && this.lineAt(index).hardBreak) {
        pushText(pieces, textStart, index);
        pieces.push({ kind: 'node', node: { type: 'break', position: this.position(index, index + 1) }, from: index, to: index + 1 });
        index += 1;
        textStart = index;
      } else {
        index += 1;
      }
    }
    pushText(pieces, textStart, to);
    this.processEmphasis(pieces);
    return this.toPhrasing(pieces);
  }

  private closeBracket(pieces: Piece[], at: number, to: number): number {
    let openerIndex = pieces.length - 1;
    while (openerIndex >= 0 && pieces[openerIndex]!.kind !== 'bracket') openerIndex -= 1;
    if (openerIndex < 0) return pushLiteral(pieces, at);
    const opener = pieces[openerIndex] as Extract<Piece, { kind: 'bracket' }>;
    const resource = opener.active ? this.scanResource(at + 1, to) : undefined;
    if (!resource) {
      pieces[openerIndex] = { kind: 'text', from: opener.from, to: opener.to };
      return pushLiteral(pieces, at);
    }
    const inner = pieces.splice(openerIndex);
    inner.shift();
    this.processEmphasis(inner);
    const children = this.toPhrasing(inner);
    const position = this.position(opener.from, resource.end);
    const node: PhrasingContent = opener.image
      ? { type: 'image', title: resource.title, url: resource.url, alt: toPlainString(children), position }
      : { type: 'link', title: resource.title, url: resource.url, children, position };
    if (!opener.image) {
      for (const piece of pieces) if (piece.kind === 'bracket' && !piece.image) piece.active = false;
    }
    pieces.push({ kind: 'node', node, from: opener.from, to: resource.end });
    return resource.end;
  }

  /** `(destination "title")` right after `]`; a line ending inside makes the fast path give up. */
  private scanResource(at: number, to: number): { url: string; title: string | null; end: number } | undefined {
    const { text } = this.inline;
    if (text[at] !== '(') return undefined;
    let index = skipSpaces(text, at + 1, to);
    if (index >= to) return undefined;
    let url = '';
    if (text[index] !== ')') {
      const start = index;
      let balance = 0;
      for (;;) {
        if (index >= to) return undefined;
        const char = text[index]!;
        const code = char.charCodeAt(0);
        if (char === '\\') bail();
        if (balance === 0 && (char === ')' || char === ' ' || char === '\n')) break;
        if (char === '(') {
          if (balance >= 32) return undefined;
          balance += 1;
        } else if (char === ')') {
          balance -= 1;
        } else if (char === ' ' || code < 32 || code === 127) {
          return undefined;
        }
        index += 1;
      }
      url = text.slice(start, index);
    }
    const beforeSpaces = index;
    index = skipSpaces(text, index, to);
    let title: string | null = null;
    const marker = text[index];
    if (index > beforeSpaces && (marker === '"' || marker === "'" || marker === '(')) {
      const close = marker === '(' ? ')' : marker;
      const start = index + 1;
      index = start;
      for (;;) {
        if (index >= to) return undefined;
        const char = text[index]!;
        if (char === close) break;
        if (char === '\n' || char === '\\' || (marker === '(' && char === '(')) bail();
        index += 1;
      }
      title = text.slice(start, index);
      index = skipSpaces(text, index + 1, to);
    }
    if (index >= to || text[index] !== ')') return undefined;
    return { url, title, end: index + 1 };
  }

  /** A code span opened by the backtick run at `at`, closed by the next run of the same length. */
  private codeSpan(at: number, to: number): Extract<Piece, { kind: 'node' }> | undefined {
    const { text } = this.inline;
    const contentStart = skipRun(text, at, to);
    const size = contentStart - at;
    let close = contentStart;
    for (;;) {
      close = text.indexOf('`', close);
      if (close === -1 || close >= to) {
        // An unclosed run whose search crossed a line ending shifts micromark's text positions.
        const lineEnding = text.indexOf('\n', contentStart);
        if (lineEnding !== -1 && lineEnding < to) bail();
        return undefined;
      }
      const closeEnd = skipRun(text, close, to);
      if (closeEnd - close === size) break;
      close = closeEnd;
    }
    let value = text.slice(contentStart, close);
    // Line endings inside code keep the spaces around them in micromark: not modelled.
    if (value.includes('\n')) bail();
    if (value[0] === ' ' && value[value.length - 1] === ' ' && value.trim() !== '') value = value.slice(1, -1);
    const end = close + size;
    return { kind: 'node', node: { type: 'inlineCode', value, position: this.position(at, end) }, from: at, to: end };
  }

  private textDirective(at: number, to: number): Extract<Piece, { kind: 'node' }> | undefined {
    const { text } = this.inline;
    const nameEnd = scanName(text, at + 1, to);
    if (nameEnd === -1 || text[nameEnd] === ':') return undefined;
    let end = nameEnd;
    let children: PhrasingContent[] = [];
    if (text[end] === '[') {
      const label = scanLabel(text, end, to);
      if (label) {
        children = this.parse(label.open + 1, label.close);
        end = label.close + 1;
      }
    }
    let attributes: Record<string, string> = {};
    if (text[end] === '{') {
      const list = scanAttributes(text, end, to);
      if (list) {
        attributes = list.attributes;
        end = list.end;
      }
    }
    const node: PhrasingContent = { type: 'textDirective', name: text.slice(at + 1, nameEnd), attributes, children, position: this.position(at, end) };
    return { kind: 'node', node, from: at, to: end };
  }

  /** Wraps matched `*`/`_` runs into emphasis and strong nodes, in place (micromark's attention rules). */
  private processEmphasis(pieces: Piece[]): void {
    let closerIndex = 0;
    while (closerIndex < pieces.length) {
      const closer = pieces[closerIndex]!;
      if (closer.kind !== 'delimiter' || !closer.canClose || closer.from === closer.to) {
        closerIndex += 1;
        continue;
      }
      let openerIndex = closerIndex - 1;
      for (; openerIndex >= 0; openerIndex -= 1) {
        const opener = pieces[openerIndex]!;
        if (opener.kind !== 'delimiter' || !opener.canOpen || opener.char !== closer.char || opener.from === opener.to) continue;
        const closeSize = closer.to - closer.from;
        const openSize = opener.to - opener.from;
        if ((opener.canClose || closer.canOpen) && closeSize % 3 !== 0 && (openSize + closeSize) % 3 === 0) continue;
        break;
      }
      if (openerIndex < 0) {
        closerIndex += 1;
        continue;
      }
      const opener = pieces[openerIndex] as Extract<Piece, { kind: 'delimiter' }>;
      const use = opener.to - opener.from > 1 && closer.to - closer.from > 1 ? 2 : 1;
      opener.to -= use;
      closer.from += use;
      const inner = pieces.slice(openerIndex + 1, closerIndex);
      const node: PhrasingContent = { type: use === 2 ? 'strong' : 'emphasis', children: this.toPhrasing(inner), position: this.position(opener.to, closer.from) };
      pieces.splice(openerIndex + 1, closerIndex - openerIndex - 1, { kind: 'node', node, from: opener.to, to: closer.from });
      closerIndex = openerIndex + 2;
    }
  }

  private toPhrasing(pieces: Piece[]): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    let runStart = -1;
    let runEnd = -1;
    for (const piece of pieces) {
      if (piece.kind === 'node') {
        if (runStart !== -1) out.push(this.textNode(runStart, runEnd));
        runStart = -1;
        out.push(piece.node);
      } else if (piece.from < piece.to) {
        if (runStart === -1) runStart = piece.from;
        runEnd = piece.to;
      }
    }
    if (runStart !== -1) out.push(this.textNode(runStart, runEnd));
    return out;
  }

  private textNode(from: number, to: number): Text {
    const raw = this.inline.text.slice(from, to);
    const value = raw.includes('\\') ? raw.replace(BACKSLASH_ESCAPE, '$1') : raw;
    if (autolinkLike.test(value)) bail();
    return { type: 'text', value, position: this.position(from, to) };
  }

  private position(from: number, to: number): Position {
    const { text } = this.inline;
    const end = to === from ? this.offsetAt(to) : text[to - 1] === '\n' ? this.lineAt(to - 1).next : this.offsetAt(to - 1) + 1;
    return this.source.position(this.offsetAt(from), end);
  }

  /** The line an index of the text belongs to (a line's `\n` included). */
  private lineAt(index: number): InlineLine {
    const { lines } = this.inline;
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lines[middle]!.at <= index) low = middle;
      else high = middle - 1;
    }
    return lines[low]!;
  }

  private offsetAt(index: number): number {
    const line = this.lineAt(index);
    return index < line.end ? line.source + index - line.at : line.endSource;
  }
}

function pushText(pieces: Piece[], from: number, to: number): void {
  if (from < to) pieces.push({ kind: 'text', from, to });
}

/** End of the run of the character at `at`. */
function skipRun(text: string, at: number, to: number): number {
  let end = at + 1;
  while (end < to && text[end] === text[at]) end += 1;
  return end;
}

function pushLiteral(pieces: Piece[], at: number): number {
  pieces.push({ kind: 'text', from: at, to: at + 1 });
  return at + 1;
}

/** Skips spaces; a line ending there (inside a link's parentheses) makes the fast path give up. */
function skipSpaces(text: string, index: number, to: number): number {
  while (index < to && text[index] === ' ') index += 1;
  if (index < to && text[index] === '\n') bail();
  return index;
}

export function parsePhrasing(source: Source, inline: InlineText, from?: number, to?: number): PhrasingContent[] {
  if (inline.text.includes('\n') && referenceOverLineEnding.test(inline.text)) bail();
  return new InlineParser(source, inline).parse(from, to);
}

function toPlainString(nodes: PhrasingContent[]): string {
  let out = '';
  for (const node of nodes) {
    if ('value' in node) out += node.value;
    else if ('alt' in node) out += node.alt ?? '';
    else if ('children' in node) out += toPlainString(node.children as PhrasingContent[]);
  }
  return out;
}
