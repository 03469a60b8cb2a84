/**
 * `wecare translate import`: XLIFF 2.0 files into `translations/<lang>/`. All or nothing: a file
 * with broken codes, a unit that no longer exists or a translation older than the stored one
 * (without `force`) refuses the whole import, naming file, line and unit.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadContent } from '../parse/content.ts';
import type { Unit } from './extract.ts';
import { codeProblems, piecesToMarkdown, sourceDigest } from './inline.ts';
import { contentUnits, moduleUnits, translationTargets } from './programme.ts';
import { CONTENT_NAME, languageOf, readTranslationFile, writeTranslationFile, type StoredUnit, type TranslationFile } from './store.ts';
import { readXliff, XliffError } from './xliff-read.ts';
import { TranslateError } from './export.ts';

export interface ImportOptions {
  root: string;
  files: string[];
  /** Overwrite stored translations made after the imported file was exported. */
  force?: boolean;
  /** Base for the file names in messages (the current folder). */
  cwd?: string;
}

export interface Refusal {
  file: string;
  line: number;
  unit?: string;
  message: string;
}

export interface ImportResult {
  refusals: Refusal[];
  /** Stored files written, with how many units changed. */
  written: Array<{ path: string; units: number }>;
  unchanged: number;
}

/** Every unit that exists in `language`, by file name (module id or `content`). */
function unitsOfLanguage(root: string, language: string) {
  const content = loadContent(root);
  const byName = new Map<string, { describe: string; units: Map<string, Unit> }>();
  const targets = [...translationTargets(content).values()].filter((target) => target.language === language);
  for (const target of targets) {
    const add = (name: string, describe: string, units: Unit[]) => {
      const entry = byName.get(name) ?? { describe, units: new Map() };
      for (const unit of units) if (!entry.units.has(unit.id)) entry.units.set(unit.id, unit);
      byName.set(name, entry);
    };
    for (const module of moduleUnits(root, content, target)) add(module.id, `Module ${module.id} (${module.dir})`, module.units);
    add(CONTENT_NAME, 'Programme, competence framework and glossary (content/)', contentUnits(root, content, target));
  }
  return { byName, variants: targets.map((t) => t.code), content };
}

const after = (a: string, b: string) => Date.parse(a) > Date.parse(b);

export async function importTranslations(options: ImportOptions): Promise<ImportResult> {
  const root = path.resolve(options.root);
  const cwd = options.cwd ?? process.cwd();
  const refusals: Refusal[] = [];
  const changes = new Map<string, { language: string; describe: string; units: Map<string, StoredUnit> }>();
  const languages = new Map<string, ReturnType<typeof unitsOfLanguage>>();
  for (const given of options.files) {
    const absolute = path.resolve(cwd, given);
    const shown = path.relative(cwd, absolute) || given;
    let text: string;
    try {
      text = readFileSync(absolute, 'utf8');
    } catch {
      refusals.push({ file: shown, line: 1, message: 'cannot be read' });
      continue;
    }
    let xliff: Awaited<ReturnType<typeof readXliff>>;
    try {
      xliff = await readXliff(text);
    } catch (error) {
      refusals.push({ file: shown, line: error instanceof XliffError ? error.line : 1, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (xliff.version !== '2.0') {
      refusals.push({ file: shown, line: 2, message: `XLIFF version "${xliff.version ?? '?'}": wecare reads XLIFF 2.0 (export again with \`wecare translate export\`)` });
      continue;
    }
    if (!xliff.trgLang) {
      refusals.push({ file: shown, line: 2, message: 'the <xliff> element has no trgLang: which language is this?' });
      continue;
    }
    const language = languageOf(xliff.trgLang);
    if (!languages.has(language)) languages.set(language, unitsOfLanguage(root, language));
    const known = languages.get(language)!;
    if (!known.variants.length) {
      refusals.push({ file: shown, line: 2, message: `no variant of the programme teaches in "${language}" (trgLang ${xliff.trgLang})` });
      continue;
    }
    const fallbackTime = statSync(absolute).mtime.toISOString();
    for (const file of xliff.files) {
      const entry = known.byName.get(file.id);
      if (!entry) {
        refusals.push({ file: shown, line: file.line, message: `<file id="${file.id}">: no module with that id (known: ${[...known.byName.keys()].join(', ')})` });
        continue;
      }
      const exported = file.exported && !Number.isNaN(Date.parse(file.exported)) ? file.exported : fallbackTime;
      const stored = readTranslationFile(root, language, file.id);
      const change = changes.get(`${language}/${file.id}`) ?? { language, describe: entry.describe, units: new Map<string, StoredUnit>() };
      for (const unit of file.units) {
        const place = { file: shown, line: unit.line, unit: unit.id };
        const current = entry.units.get(unit.id);
        if (!current) {
          refusals.push({ ...place, message: 'no such unit any more (the source was restructured): export again and carry the translation over' });
          continue;
        }
        if (!unit.target) continue;
        const problems = [...unit.problems, ...codeProblems(unit.target, unit.codes)];
        if (problems.length) {
          refusals.push({ ...place, message: `inline codes broken: ${problems.join('; ')}` });
          continue;
        }
        const target = piecesToMarkdown(unit.target, unit.codes, current.context);
        const incoming: StoredUnit = { source: sourceDigest(unit.source, unit.codes), target, updated: exported, reviewed: unit.state === 'reviewed' || unit.state === 'final' };
        const previous = stored.units.get(unit.id);
        if (previous && previous.target === incoming.target && previous.source === incoming.source && previous.reviewed === incoming.reviewed) continue;
        if (previous && previous.target !== incoming.target && previous.updated && after(previous.updated, exported) && !options.force) {
          refusals.push({ ...place, message: `the stored translation (${previous.updated}) is newer than this file (exported ${exported}); use --force to overwrite it` });
          continue;
        }
        change.units.set(unit.id, incoming);
      }
      changes.set(`${language}/${file.id}`, change);
    }
  }
  const result: ImportResult = { refusals, written: [], unchanged: 0 };
  if (refusals.length) return result;
  for (const [key, change] of changes) {
    const name = key.slice(change.language.length + 1);
    if (!change.units.size) {
      result.unchanged += 1;
      continue;
    }
    const file: TranslationFile = readTranslationFile(root, change.language, name);
    for (const [id, unit] of change.units) file.units.set(id, unit);
    result.written.push({ path: writeTranslationFile(root, file, change.describe), units: change.units.size });
  }
  return result;
}

export function formatRefusals(refusals: readonly Refusal[]): string {
  return refusals.map((r) => `${r.file}:${r.line}  ${r.unit ? `unit ${r.unit}: ` : ''}${r.message}`).join('\n');
}

export { TranslateError };
