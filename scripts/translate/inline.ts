/**
 * The text of one translation unit: plain text runs and inline codes. A code stands for Markdown
 * the translator must keep but not translate — emphasis and link syntax, `:var[…]`, `:term[…]`,
 * `:cite[…]`, code spans — and carries that Markdown as its original data, so a translated unit
 * turns back into Markdown by writing its text (escaped) and each code's data in the translator's order.
 */
import { createHash, hash } from 'node:crypto';

/** A run of text, a standalone code, or the start or end of a paired code (`<pc>`). */
export type Piece = string | { ph: string } | { open: string } | { close: string };

export interface InlineCode {
  /** Unique in its unit: `1`, `2`… */
  id: string;
  kind: 'ph' | 'pc';
  /** The Markdown the code stands for (for `pc`, the opening part). */
  data: string;
  /** `pc` only: the closing part. */
  dataEnd?: string;
  type: 'fmt' | 'link' | 'image' | 'other' | 'ui';
  subType?: string;
  /** What a CAT tool shows for the code (`ph`), or for its opening part (`pc`). */
  disp?: string;
  /** Plain-text equivalent, for word counts and previews. */
  equiv?: string;
}

/** Where a unit's text is written, which decides what must be escaped. */
export type TextContext = 'inline' | 'table-cell' | 'plain' | 'attribute' | 'image-alt';

// One-shot `hash` (Node 20.12+) costs a fraction of a Hash object; a check digests every unit.
const sha = typeof hash === 'function' ? (text: string) => hash('sha256', text, 'hex') : (text: string) => createHash('sha256').update(text).digest('hex');

/** Markdown that reads back as exactly `text`: punctuation that would start syntax is escaped. */
export function escapeMarkdownText(text: string, context: TextContext): string {
  if (context === 'plain') return text;
  if (context === 'attribute') return text.replace(/"/g, '&quot;');
  if (context === 'image-alt') return text.replace(/([\\[\]])/g, '\\$1');
  let out = text
    .replace(/([\\`*_[\]<])/g, '\\$1')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/:(?=[A-Za-z])/g, '\\:')
    .replace(/~/g, '\\~');
  if (context === 'table-cell') out = out.replace(/\|/g, '\\|');
  return out;
}

/** The start of a line that would open a block (heading, list, quote, fence) is escaped. */
function escapeLineStart(markdown: string): string {
  return markdown.replace(/^(\s*)([#>+=-]|\d+[.)])(?=\s|$)/, (_, space: string, mark: string) => `${space}${mark.length > 1 ? mark.replace(/([.)])$/, '\\$1') : `\\${mark}`}`);
}

/** The Markdown a unit's pieces stand for. Soft line breaks were made spaces when the unit was read. */
export function piecesToMarkdown(pieces: readonly Piece[], codes: ReadonlyMap<string, InlineCode>, context: TextContext): string {
  let out = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') out += escapeMarkdownText(piece, context);
    else if ('ph' in piece) out += codes.get(piece.ph)?.data ?? '';
    else if ('open' in piece) out += codes.get(piece.open)?.data ?? '';
    else out += codes.get(piece.close)?.dataEnd ?? '';
  }
  return context === 'inline' || context === 'table-cell' ? escapeLineStart(out) : out;
}

/** Plain text of the pieces, codes shown by their equivalent: for messages and notes. */
export function piecesToPlain(pieces: readonly Piece[], codes: ReadonlyMap<string, InlineCode>): string {
  return pieces.map((piece) => (typeof piece === 'string' ? piece : 'ph' in piece ? (codes.get(piece.ph)?.equiv ?? codes.get(piece.ph)?.disp ?? '') : '')).join('');
}

/**
 * The digest stored with a translation: of the source's Markdown, so any change of wording or of
 * codes makes the translation stale, and whitespace-only changes (re-wrapping a paragraph) do not.
 */
/** Whitespace that `\s+` → ' ' would change: any but a space, or two in a row (text without it is kept as is). */
const FOLDABLE_SPACE = /[^\S ]| {2}/;

export function sourceDigest(pieces: readonly Piece[], codes: ReadonlyMap<string, InlineCode>): string {
  let canonical = '';
  for (const piece of pieces) {
    canonical += typeof piece === 'string' ? (FOLDABLE_SPACE.test(piece) ? piece.replace(/\s+/g, ' ') : piece) : 'ph' in piece ? `{${codes.get(piece.ph)?.data}}` : 'open' in piece ? `{${codes.get(piece.open)?.data}` : `${codes.get(piece.close)?.dataEnd}}`;
  }
  return sha(canonical.trim()).slice(0, 16);
}

/** Problems with a translation's codes compared with its source's: what the import refuses. */
export function codeProblems(target: readonly Piece[], codes: ReadonlyMap<string, InlineCode>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const open: string[] = [];
  for (const piece of target) {
    if (typeof piece === 'string') continue;
    const id = 'ph' in piece ? piece.ph : 'open' in piece ? piece.open : piece.close;
    const code = codes.get(id);
    if (!code) {
      problems.push(`code ${id} is not in the source`);
      continue;
    }
    if ('ph' in piece && code.kind !== 'ph') problems.push(`code ${id} must be a pair (<pc>), not <ph>`);
    if (!('ph' in piece) && code.kind !== 'pc') problems.push(`code ${id} must be standalone (<ph>), not a pair`);
    if ('close' in piece) {
      if (open.pop() !== id) problems.push(`code ${id} closes out of order`);
      continue;
    }
    if ('open' in piece) open.push(id);
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  if (open.length) problems.push(`code ${open.join(', ')} is not closed`);
  for (const code of codes.values()) {
    const count = seen.get(code.id) ?? 0;
    if (count === 0) problems.push(`code ${code.id} (${code.disp ?? code.data}) is missing`);
    else if (count > 1) problems.push(`code ${code.id} (${code.disp ?? code.data}) appears ${count} times`);
  }
  return problems;
}
