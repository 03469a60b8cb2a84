/**
 * Writes stored translations into a source text: each unit's segment is replaced by its
 * translation, everything else (structure, directives, ids, country blocks) stays as written, so
 * the translated text goes through the same pipeline as the source.
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

/** The source text with every usable translation written in (stale ones too: they are warned about). */
export function applyTranslations(text: string, statuses: readonly UnitStatus[], options: { markUntranslated?: string } = {}): string {
  const usable = (status: UnitStatus | undefined) => Boolean(status?.stored && (status.state === 'translated' || status.state === 'stale'));
  const byId = new Map(statuses.map((status) => [status.unit.id, status]));
  // Units written inside another unit's translation (a gap's other answers) go there when it is translated.
  const inner = new Map<string, UnitStatus[]>();
  for (const status of statuses) {
    const parent = status.unit.parent;
    if (parent && usable(byId.get(parent.id))) inner.set(parent.id, [...(inner.get(parent.id) ?? []), status]);
  }
  const edits = statuses
    .filter((status) => usable(status) && !(status.unit.parent && usable(byId.get(status.unit.parent.id))))
    .map((status) => {
      const { placement } = status.unit;
      let target = status.stored!.target;
      for (const child of inner.get(status.unit.id) ?? []) {
        if (usable(child)) target = target.replace(child.unit.parent!.search, `${child.unit.parent!.name}="${child.stored!.target}"`);
      }
      const value = placement.encode === 'yaml' ? JSON.stringify(target) : target;
      // A block scalar (`summary: >-` and its lines) ends with its line break: keep it after the quoted value.
      const lineBreak = placement.encode === 'yaml' ? (text.slice(placement.start, placement.end).match(/\s*\n\s*$/)?.[0] ?? '') : '';
      return { start: placement.start, end: placement.end, text: `${placement.prefix}${value}${placement.suffix}${lineBreak}` };
    });
  // Shipped untranslated (--allow-untranslated): the fragment says which language it is in.
  if (options.markUntranslated) {
    for (const status of statuses) {
      if (usable(status) || status.unit.parent || !markable(status.unit)) continue;
      const { start, end } = status.unit.placement;
      edits.push({ start, end, text: `:lang[${text.slice(start, end).replace(/[ \t]*\r?\n[ \t]*/g, ' ')}]{lang=${options.markUntranslated}}` });
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  let limit = Infinity;
  for (const edit of edits) {
    if (edit.end > limit) continue; // overlapping placements cannot happen; never corrupt the text if they do
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}
