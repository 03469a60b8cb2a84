/**
 * Writes stored translations into a source text: each unit's segment is replaced by its
 * translation, everything else (structure, directives, ids, country blocks) stays as written, so
 * the translated text goes through the same pipeline as the source; a place in it maps back to the source.
 */
import type { Unit } from './extract.ts';
import type { InlineCode } from './inline.ts';
import type { StoredUnit, TranslationFile } from './store.ts';

export interface UnitStatus {
  unit: Unit;
  stored?: StoredUnit;
  state: 'translated' | 'missing' | 'stale' | 'broken';
  /** For `broken`: which codes are wrong. */
  problems?: string[];
}

const count = (text: string, part: string) => {
  if (!part) return 0;
  let n = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) n += 1;
  return n;
};

/**
 * Codes a stored translation lost or repeated: each code's Markdown must appear in it as often as
 * in the source (a hand-edited file that dropped a `:var[…]` is caught here).
 */
export function storedCodeProblems(codes: ReadonlyMap<string, InlineCode>, target: string): string[] {
  if (!codes.size) return [];
  const expected = new Map<string, number>();
  for (const code of codes.values()) {
    // Bars of a list attribute and emphasis marks are layout the translator may rearrange.
    if (code.subType === 'wecare:separator' || code.type === 'fmt') continue;
    if (code.data) expected.set(code.data, (expected.get(code.data) ?? 0) + 1);
    if (code.dataEnd) expected.set(code.dataEnd, (expected.get(code.dataEnd) ?? 0) + 1);
  }
  const problems: string[] = [];
  for (const [data, times] of expected) {
    const found = count(target, data);
    if (found < times) problems.push(`"${data}" is missing`);
  }
  return problems;
}

export function unitStatus(unit: Unit, file: TranslationFile | undefined): UnitStatus {
  const stored = file?.units.get(unit.id);
  if (!stored || !stored.target.trim()) return { unit, state: 'missing' };
  const problems = storedCodeProblems(unit.codes, stored.target);
  if (problems.length) return { unit, stored, state: 'broken', problems };
  return { unit, stored, state: stored.source === unit.digest ? 'translated' : 'stale' };
}

/**
 * Segments of running text can carry their language (`:lang[…]{lang=es}` → `<span lang="es">`);
 * titles and attribute values are plain text, and gaps must stay direct children of their text.
 */
const markable = (unit: Unit) => (unit.context === 'inline' || unit.context === 'table-cell') && ![...unit.codes.values()].some((code) => code.subType === 'wecare:blank');

/** A stored translation that is written into the text: a translated unit's, or a stale one's (warned about meanwhile). */
export const isUsable = (status: UnitStatus | undefined): status is UnitStatus & { stored: StoredUnit } => Boolean(status?.stored && (status.state === 'translated' || status.state === 'stale'));

/** One replacement that writes a translation into a source text: its source offsets, what is written there, and whose translation it is. */
export interface TranslationEdit {
  start: number;
  end: number;
  text: string;
  /** Absent where the source text is shipped, marked as untranslated. */
  unit?: Unit;
}

/** The replacements that write every usable translation into a source text, in text order, none overlapping. */
export function translationEdits(text: string, statuses: readonly UnitStatus[], options: { markUntranslated?: string } = {}): TranslationEdit[] {
  const byId = new Map(statuses.map((status) => [status.unit.id, status]));
  // Units written inside another unit's translation (a gap's other answers) go there when it is translated.
  const inner = new Map<string, UnitStatus[]>();
  for (const status of statuses) {
    const parent = status.unit.parent;
    if (parent && isUsable(byId.get(parent.id))) inner.set(parent.id, [...(inner.get(parent.id) ?? []), status]);
  }
  const edits: TranslationEdit[] = statuses
    .filter((status) => isUsable(status) && !(status.unit.parent && isUsable(byId.get(status.unit.parent.id))))
    .map((status) => {
      const { placement } = status.unit;
      let target = status.stored!.target;
      for (const child of inner.get(status.unit.id) ?? []) {
        if (isUsable(child)) target = target.replace(child.unit.parent!.search, `${child.unit.parent!.name}="${child.stored.target}"`);
      }
      const value = placement.encode === 'yaml' ? JSON.stringify(target) : target;
      // A block scalar (`summary: >-` and its lines) ends with its line break: keep it after the quoted value.
      const lineBreak = placement.encode === 'yaml' ? (text.slice(placement.start, placement.end).match(/\s*\n\s*$/)?.[0] ?? '') : '';
      return { start: placement.start, end: placement.end, text: `${placement.prefix}${value}${placement.suffix}${lineBreak}`, unit: status.unit };
    });
  // Shipped untranslated (--allow-untranslated): the fragment says which language it is in.
  if (options.markUntranslated) {
    for (const status of statuses) {
      if (isUsable(status) || status.unit.parent || !markable(status.unit)) continue;
      const { start, end } = status.unit.placement;
      edits.push({ start, end, text: `:lang[${text.slice(start, end).replace(/[ \t]*\r?\n[ \t]*/g, ' ')}]{lang=${options.markUntranslated}}` });
    }
  }
  // Of two overlapping placements (which cannot happen) the later one is kept, so the text is never corrupted.
  edits.sort((a, b) => b.start - a.start);
  const kept: TranslationEdit[] = [];
  let limit = text.length;
  for (const edit of edits) {
    if (edit.end > limit) continue;
    kept.push(edit);
    limit = edit.start;
  }
  return kept.reverse();
}

/** The source text with the replacements written in. */
export function textWithEdits(text: string, edits: readonly TranslationEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits) {
    parts.push(text.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Where an offset of the translated text comes from: the same character of the source text, or,
 * inside a replacement, the start of the segment it replaced (and the unit, when it is a translation).
 */
export function sourceOffset(edits: readonly TranslationEdit[], translatedOffset: number): { offset: number; unit?: Unit } {
  let shift = 0;
  for (const edit of edits) {
    const start = edit.start + shift;
    if (translatedOffset < start) break;
    if (translatedOffset < start + edit.text.length) return edit.unit ? { offset: edit.start, unit: edit.unit } : { offset: edit.start };
    shift += edit.text.length - (edit.end - edit.start);
  }
  return { offset: translatedOffset - shift };
}
