/**
 * Stored translations: `translations/<lang>/<module-id>.yaml` (one per module) and
 * `translations/<lang>/content.yaml` (programme, competences, glossary), each a reviewable list
 * of units with the digest of the source they translate.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Source } from '../parse/fast/source.ts';

export interface StoredUnit {
  /** Digest of the source text the translation was made from (see `sourceDigest`). */
  source: string;
  /** The translation, written as the source is (Markdown, with the source's codes as Markdown). */
  target: string;
  /** When it was translated: an ISO date-time (the export time of the file it was imported from). */
  updated: string;
  /** False until a native speaker has reviewed it. */
  reviewed: boolean;
}

export interface TranslationFile {
  /** Module id, or `content`. */
  name: string;
  language: string;
  units: Map<string, StoredUnit>;
  /** SHA-1 of the file as read ('' when there is no file); absent for a file made in memory. */
  digest?: string;
}

export const TRANSLATIONS_DIR = 'translations';
export const CONTENT_NAME = 'content';

/** `it` from `it-IT`: the BCP 47 primary language subtag, lower case. */
export function languageOf(locale: string): string {
  return locale.split(/[-_]/)[0]!.toLowerCase();
}

/** A stored file relative to the programme root, as messages name it: `translations/it/m01-cuidado-profesional.yaml`. */
export function storedFileName(language: string, name: string): string {
  return `${TRANSLATIONS_DIR}/${language}/${name}.yaml`;
}

export function translationPath(root: string, language: string, name: string): string {
  return path.join(root, storedFileName(language, name));
}

/** Files read, by path, with the size and time they had: a long-lived process reads a file again only when it changed. */
const readBefore = new Map<string, { size: number; mtimeMs: number; file: TranslationFile }>();

/** Forgets the files read before (benchmarks measure a first read, as in a new process, with it). */
export function forgetReadTranslations(): void {
  readBefore.clear();
}

/** A stored file (a copy: callers may change it; with `shared`, the remembered file itself, which must not be changed). */
export function readTranslationFile(root: string, language: string, name: string, options: { shared?: boolean } = {}): TranslationFile {
  const where = translationPath(root, language, name);
  let stat: { size: number; mtimeMs: number };
  try {
    stat = statSync(where);
  } catch {
    return { name, language, units: new Map(), digest: '' };
  }
  const known = readBefore.get(where);
  const file = known && known.size === stat.size && known.mtimeMs === stat.mtimeMs ? known.file : readStored(where, name, language);
  readBefore.set(where, { size: stat.size, mtimeMs: stat.mtimeMs, file });
  return options.shared ? file : { ...file, units: new Map(file.units) };
}

function readStored(where: string, name: string, language: string): TranslationFile {
  const file: TranslationFile = { name, language, units: new Map(), digest: '' };
  let bytes: Buffer;
  try {
    bytes = readFileSync(where);
  } catch {
    return file;
  }
  // Of the bytes: hashing the decoded text would encode it back to UTF-8 first.
  file.digest = createHash('sha1').update(bytes).digest('hex');
  const text = bytes.toString('utf8');
  const data = readWritten(text) ?? (parse(text) as { units?: Record<string, Partial<StoredUnit>> } | null);
  for (const [id, unit] of Object.entries(data?.units ?? {})) {
    if (!unit || typeof unit.target !== 'string') continue;
    file.units.set(id, { source: String(unit.source ?? ''), target: unit.target, updated: String(unit.updated ?? ''), reviewed: unit.reviewed === true });
  }
  return file;
}

/** The line of a unit's `target:` in its stored file as `writeTranslationFile` writes it; undefined in any other form. */
export function storedTargetLine(root: string, language: string, name: string, id: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(translationPath(root, language, name), 'utf8');
  } catch {
    return undefined;
  }
  const at = text.indexOf(`\n  ${JSON.stringify(id)}:\n`);
  if (at < 0) return undefined;
  const targetAt = text.indexOf('\n    target: ', at + 1);
  return targetAt < 0 ? undefined : new Source(text).point(targetAt + 1).line;
}

/** Every stored file of a language, by name (`shared`: see `readTranslationFile`). */
export function readTranslations(root: string, language: string, options: { shared?: boolean } = {}): Map<string, TranslationFile> {
  const files = new Map<string, TranslationFile>();
  let names: string[] = [];
  try {
    names = readdirSync(path.join(root, TRANSLATIONS_DIR, language)).filter((name) => name.endsWith('.yaml'));
  } catch {
    return files;
  }
  for (const name of names.sort()) {
    const stem = name.slice(0, -'.yaml'.length);
    files.set(stem, readTranslationFile(root, language, stem, options));
  }
  return files;
}

export function writeTranslationFile(root: string, file: TranslationFile, describe: string): string {
  const target = translationPath(root, file.language, file.name);
  mkdirSync(path.dirname(target), { recursive: true });
  const units: Record<string, StoredUnit> = {};
  for (const id of [...file.units.keys()].sort()) units[id] = file.units.get(id)!;
  const header = [
    `# ${describe} — translation into "${file.language}".`,
    '# Written by `wecare translate import`; each unit keeps the digest of the source it translates.',
    '# reviewed: false until a native speaker has checked the unit (then set it to true).',
  ].join('\n');
  const lines = [header, `name: ${JSON.stringify(file.name)}`, `language: ${JSON.stringify(file.language)}`, 'units:'];
  for (const [id, unit] of Object.entries(units)) {
    lines.push(`  ${JSON.stringify(id)}:`, `    source: ${JSON.stringify(unit.source)}`, `    target: ${JSON.stringify(unit.target)}`, `    updated: ${JSON.stringify(unit.updated)}`, `    reviewed: ${unit.reviewed}`);
  }
  writeFileSync(target, `${lines.join('\n')}\n`);
  return target;
}

const QUOTED = '"(?:[^"\\\\\\n]|\\\\.)*"';
/** One unit as `writeTranslationFile` writes it: its id and four fields, each on its line. */
const unitBlock = new RegExp(`  (${QUOTED}):\\n    source: (${QUOTED})\\n    target: (${QUOTED})\\n    updated: (${QUOTED})\\n    reviewed: (true|false)\\n`, 'g');
const headerLine = /^(?:#.*|name: ".*|language: ".*|)$/;

/**
 * Reads the files `writeTranslationFile` writes (YAML whose strings are JSON-quoted, a subset
 * JSON.parse reads): one replacement turns every unit block into a JSON member and one JSON.parse
 * reads them all (thousands of small ones cost several times more). Anything else (a file edited
 * by hand into other YAML) leaves a line unreplaced, gives undefined, and goes to the `yaml` library.
 */
function readWritten(text: string): { units: Record<string, Partial<StoredUnit>> } | undefined {
  const unitsAt = text.startsWith('units:\n') ? 0 : text.indexOf('\nunits:\n') + 1;
  if (unitsAt === 0 && !text.startsWith('units:\n')) return undefined;
  if (!text.slice(0, unitsAt).split('\n').every((line) => headerLine.test(line))) return undefined;
  const members = text.slice(unitsAt + 'units:\n'.length).replace(unitBlock, '$1:[$2,$3,$4,$5],');
  // JSON strings hold no line break: one left means a line that is not a unit block's (each ends with one).
  if (members.includes('\n') || !text.endsWith('\n')) return undefined;
  let read: Record<string, [string, string, string, boolean]>;
  try {
    read = JSON.parse(`{${members.slice(0, -1)}}`) as typeof read;
  } catch {
    return undefined;
  }
  const units: Record<string, Partial<StoredUnit>> = {};
  for (const id of Object.keys(read)) {
    const [source, target, updated, reviewed] = read[id]!;
    units[id] = { source, target, updated, reviewed };
  }
  return { units };
}
