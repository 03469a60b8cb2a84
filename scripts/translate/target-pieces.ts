/**
 * A stored translation (written as the source is: Markdown, plain text or an attribute value)
 * read back into pieces whose codes are the source unit's, to send it out again for revision.
 */
import { readSnippet, type ExtractOptions, type Unit } from './extract.ts';
import type { InlineCode, Piece } from './inline.ts';

/** Codes of `found` matched to the unit's codes by their Markdown, in order; undefined when one has no match. */
function matchCodes(pieces: Piece[], found: ReadonlyMap<string, InlineCode>, unit: Unit): Piece[] | undefined {
  const used = new Set<string>();
  const mapping = new Map<string, string>();
  for (const code of found.values()) {
    const match = [...unit.codes.values()].find((candidate) => !used.has(candidate.id) && candidate.kind === code.kind && candidate.data === code.data && (candidate.dataEnd ?? '') === (code.dataEnd ?? ''));
    if (!match) return undefined;
    used.add(match.id);
    mapping.set(code.id, match.id);
  }
  return pieces.map((piece) => (typeof piece === 'string' ? piece : 'ph' in piece ? { ph: mapping.get(piece.ph)! } : 'open' in piece ? { open: mapping.get(piece.open)! } : { close: mapping.get(piece.close)! }));
}

export function storedToPieces(unit: Unit, target: string, options: ExtractOptions): Piece[] | undefined {
  switch (unit.context) {
    case 'inline':
    case 'table-cell': {
      const read = readSnippet(target, options);
      return read ? matchCodes(read.pieces, read.codes, unit) : undefined;
    }
    case 'image-alt':
      return [target.replace(/\\([\\[\]])/g, '$1')];
    case 'attribute': {
      const value = target.replace(/&quot;/g, '"');
      const separators = [...unit.codes.values()].filter((code) => code.subType === 'wecare:separator');
      if (!separators.length) return [value];
      const parts = value.split('|');
      if (parts.length !== separators.length + 1) return undefined;
      const pieces: Piece[] = [];
      parts.forEach((part, index) => {
        if (index > 0) pieces.push({ ph: separators[index - 1]!.id });
        if (part.trim()) pieces.push(part.trim());
      });
      return pieces;
    }
    case 'plain': {
      const pieces: Piece[] = [];
      const found = new Map<string, InlineCode>();
      let last = 0;
      for (const match of target.matchAll(/:(var|term)\[([^\]]*)\]/g)) {
        if (match.index! > last) pieces.push(target.slice(last, match.index));
        const id = String(found.size + 1);
        found.set(id, { id, kind: 'ph', data: match[0], type: 'other' });
        pieces.push({ ph: id });
        last = match.index! + match[0].length;
      }
      if (last < target.length) pieces.push(target.slice(last));
      return matchCodes(pieces, found, unit);
    }
  }
}
