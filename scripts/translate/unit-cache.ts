/**
 * Translation units as the check and build caches keep them on disk (`.wecare-cache/*.json`).
 *
 * A translated variant's units are most of what a check caches (about nine tenths of check.json for
 * the sample), and reading, parsing and writing that file is paid on every check. So each unit is
 * written as a tuple rather than an object: no key names, its file left out (it is the file the
 * entry is for), a text of one run written as that string, and fields that have their usual value
 * (no notes, no terms, no parent, a Markdown placement without prefix or suffix) left off the end.
 */
import { NONE, type FileUnits, type Placement, type Unit } from './extract.ts';
import type { InlineCode, Piece, TextContext } from './inline.ts';

/** Absent optional fields are 0 (JSON has no undefined inside an array). */
type PackedCode = [id: string, kind: 0 | 1, data: string, type: InlineCode['type'], subType?: string | 0, disp?: string | 0, equiv?: string | 0, dataEnd?: string | 0];

export type PackedUnit = [
  id: string,
  line: number,
  column: number,
  digest: string,
  context: number,
  pieces: string | Piece[],
  codes: PackedCode[] | 0,
  start: number,
  end: number,
  encode?: 0 | 1,
  prefix?: string,
  suffix?: string,
  terms?: string[],
  notes?: string[],
  parent?: Unit['parent'] | 0,
  maxLength?: number,
];

/** Units as a cache holds them: extracted in this process, or packed as read from disk. */
export type CachedUnits = readonly Unit[] | readonly PackedUnit[];

const CONTEXTS: readonly TextContext[] = ['inline', 'table-cell', 'plain', 'attribute', 'image-alt'];
const ENCODINGS: readonly Placement['encode'][] = ['markdown', 'yaml'];

const isPacked = (units: CachedUnits): units is readonly PackedUnit[] => Array.isArray(units[0]);

const absent = (value: unknown) => value === 0;
/** A unit's usual values: no code list, Markdown encoding, no prefix or suffix, no terms, notes or parent. */
const usual = (value: unknown) => value === undefined || value === 0 || value === '' || (Array.isArray(value) && value.length === 0);

/** Drops the trailing entries `leaveOff` accepts, keeping the first `minimum`. */
function trimmed<T extends unknown[]>(tuple: T, minimum: number, leaveOff: (value: unknown) => boolean): T {
  let length = tuple.length;
  while (length > minimum && leaveOff(tuple[length - 1])) length -= 1;
  tuple.length = length;
  return tuple;
}

function packCode(code: InlineCode): PackedCode {
  return trimmed<PackedCode>([code.id, code.kind === 'pc' ? 1 : 0, code.data, code.type, code.subType ?? 0, code.disp ?? 0, code.equiv ?? 0, code.dataEnd ?? 0], 4, absent);
}

function unpackCode([id, kind, data, type, subType, disp, equiv, dataEnd]: PackedCode): InlineCode {
  const code: InlineCode = { id, kind: kind === 1 ? 'pc' : 'ph', data, type };
  if (typeof subType === 'string') code.subType = subType;
  if (typeof disp === 'string') code.disp = disp;
  if (typeof equiv === 'string') code.equiv = equiv;
  if (typeof dataEnd === 'string') code.dataEnd = dataEnd;
  return code;
}

function packUnit(unit: Unit): PackedUnit {
  const { placement, pieces } = unit;
  const text = pieces.length === 1 && typeof pieces[0] === 'string' ? pieces[0] : pieces;
  const codes = unit.codes.size ? [...unit.codes.values()].map(packCode) : 0;
  return trimmed<PackedUnit>(
    [unit.id, unit.line, unit.column, unit.digest, CONTEXTS.indexOf(unit.context), text, codes, placement.start, placement.end, placement.encode === 'yaml' ? 1 : 0, placement.prefix, placement.suffix, unit.terms, unit.notes, unit.parent ?? 0, unit.maxLength],
    9,
    usual,
  );
}

function unpackUnit(packed: PackedUnit, file: string): Unit {
  const [id, line, column, digest, context, text, codes, start, end, encode = 0, prefix = '', suffix = '', terms, notes, parent, maxLength] = packed;
  const unit: Unit = {
    id,
    file,
    line,
    column,
    pieces: typeof text === 'string' ? [text] : text,
    codes: new Map(codes ? codes.map((code) => [code[0], unpackCode(code)]) : []),
    context: CONTEXTS[context] ?? 'inline',
    notes: notes?.length ? notes : NONE,
    terms: terms?.length ? terms : NONE,
    digest,
    placement: { start, end, prefix, suffix, encode: ENCODINGS[encode] ?? 'markdown' },
  };
  if (maxLength !== undefined) unit.maxLength = maxLength;
  if (parent) unit.parent = parent;
  return unit;
}

/** The units in their on-disk form (packed ones are returned as they are). */
export function packUnits(units: CachedUnits): readonly PackedUnit[] {
  return isPacked(units) ? units : units.map(packUnit);
}

const unpacked = new WeakMap<CachedUnits, Unit[]>();

/** The units as extracted: packed ones read from disk are unpacked once; `file` is the file they are from. */
export function unitsFromCache(units: CachedUnits, file: string): Unit[] {
  if (!isPacked(units)) return units as Unit[];
  let known = unpacked.get(units);
  if (!known) unpacked.set(units, (known = units.map((unit) => unpackUnit(unit, file))));
  return known;
}

/** A file's units as the check keeps them; `units` is absent when they were not extracted (the variant does not see the file). */
export type CachedFileUnits = Omit<FileUnits, 'units'> & { units?: CachedUnits };
