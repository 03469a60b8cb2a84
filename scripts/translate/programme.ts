/**
 * The translation units of a whole programme for one variant: one set per module (its module.md
 * and the lessons that variant sees) and one for `content/` (programme title, competence framework,
 * glossary). Which lessons a variant sees follows the loader: module and lesson `variants:`, and
 * `NN-slug.<cc>.md` overrides.
 */
import { createHash } from 'node:crypto';
import { LESSON_OVERRIDE } from '../parse/schema.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { VariantInfo } from '../ir/types.ts';
import type { ContentData } from '../parse/content.ts';
import { listModules, type ModuleSource } from '../parse/load-programme.ts';
import { extractFile, type ExtractOptions, type FileUnits, type Unit } from './extract.ts';
import { unitsFromCache, type CachedFileUnits } from './unit-cache.ts';
import { sourceDigest } from './inline.ts';
import { CONTENT_NAME, languageOf } from './store.ts';

export interface TranslationTarget {
  code: string;
  variant: VariantInfo;
  /** Primary language subtag of the variant's locale: `it`. */
  language: string;
  /** Shipped variants teaching in that language: content only for them is written in it. */
  native: Set<string>;
}

/** The shipped variants whose language is not the programme's: they take their text from translations. */
export function translationTargets(content: ContentData): Map<string, TranslationTarget> {
  const targets = new Map<string, TranslationTarget>();
  const programme = content.programme;
  if (!programme) return targets;
  const source = languageOf(programme.language);
  for (const [code, context] of content.variants) {
    const language = languageOf(context.variant.locale);
    if (language === source) continue;
    const native = new Set([...content.variants].filter(([, other]) => languageOf(other.variant.locale) === language).map(([other]) => other));
    targets.set(code, { code, variant: context.variant, language, native });
  }
  return targets;
}

export interface SourceFile {
  path: string;
  kind: 'module' | 'lesson';
  /** Read when first asked for (a check that has the units already does not need it). */
  readonly text: string;
  /** Written for the target language already (a country's own lesson): nothing to translate. */
  native: boolean;
  units: Unit[];
}

export interface ModuleUnits {
  /** Module id (front matter), which names its XLIFF and stored translation files. */
  id: string;
  title: string;
  dir: string;
  files: SourceFile[];
  units: Unit[];
}

export function extractOptions(content: ContentData, target: TranslationTarget): ExtractOptions {
  const glossary = new Map(content.glossary.map((term) => [term.id, { wording: term.wording[target.code] ?? term.default, ...(term.definition ? { definition: term.definition } : {}) }]));
  return {
    variant: target.code,
    variantInfo: target.variant,
    shipped: content.programme?.variants ?? [],
    native: target.native,
    sourceLanguage: content.programme?.language ?? 'es',
    glossary,
  };
}

type ReadText = (relative: string) => string | undefined;

/**
 * Units of a file, remembered by its text while `content/` is unchanged: a long-lived process
 * (the incremental checker, an editor) extracts only the files that changed, as it processes only those.
 */
const remembered = new WeakMap<ContentData, Map<string, FileUnits>>();

function unitsOf(content: ContentData, target: TranslationTarget, text: string, file: string, kind: 'module' | 'lesson', options: ExtractOptions): FileUnits {
  let known = remembered.get(content);
  if (!known) remembered.set(content, (known = new Map()));
  const key = createHash('sha1').update(`${target.code}\0${file}\0${kind}\0${text}`).digest('hex');
  let units = known.get(key);
  if (!units) {
    units = extractFile(text, file, kind, options);
    known.set(key, units);
  }
  return units;
}

/** Forgets remembered units (benchmarks measure a cold extraction with it). */
export function forgetExtractedUnits(content: ContentData): void {
  remembered.delete(content);
  rememberedContent.delete(content);
  rememberedModules.delete(content);
}

const defaultRead = (root: string): ReadText => (relative) => {
  try {
    return readFileSync(path.join(root, relative), 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * A file the caller has extracted already (`wecare check` extracts units while it parses each
 * file): its text, and its units for the variant, or only its front matter's id, title and variants.
 */
export type ExtractedFile = (relative: string) => { text: () => string; units: CachedFileUnits | undefined } | undefined;

/** Units of every module the variant sees, in programme order (the assessment last). */
export function moduleUnits(root: string, content: ContentData, target: TranslationTarget, read: ReadText = defaultRead(root), extracted?: ExtractedFile, sources: readonly ModuleSource[] = listModules(root)): ModuleUnits[] {
  const options = extractOptions(content, target);
  const shipped = options.shipped;
  const modules: ModuleUnits[] = [];
  const nativeScope = (variants: string[] | undefined, scope: string[]) => {
    const within = variants ? scope.filter((code) => variants.includes(code)) : scope;
    return within.length > 0 && within.every((code) => target.native.has(code));
  };
  /** The file's text (read once, when asked for) and what its front matter says, or undefined when it cannot be read. */
  const open = (relative: string, kind: 'module' | 'lesson') => {
    const given = extracted?.(relative);
    let text: string | undefined;
    if (!given) {
      text = read(relative);
      if (text === undefined) return undefined;
    }
    const textOf = () => (text ??= given!.text());
    const extract = () => unitsOf(content, target, textOf(), relative, kind, options);
    let units: FileUnits | undefined;
    const header: Omit<FileUnits, 'units'> = given?.units ?? (units = extract());
    /** The units: the caller's when it extracted them, else extracted here. */
    const all = () => (units ??= given?.units?.units ? { ...header, units: unitsFromCache(given.units.units, relative) } : extract());
    return { header, all, textOf };
  };
  const sourceFile = (path: string, kind: 'module' | 'lesson', textOf: () => string, native: boolean, units: Unit[]): SourceFile => ({
    path,
    kind,
    get text() {
      return textOf();
    },
    native,
    units,
  });
  let known = rememberedModules.get(content);
  if (!known) rememberedModules.set(content, (known = new Map()));
  for (const source of sources) {
    const modulePath = `${source.dir}/module.md`;
    // The same results of the caller's extraction for every file as last time: the same module.
    const given = extracted ? [modulePath, ...source.lessons.map((name) => `${source.dir}/${name}`)].map((relative) => extracted(relative)?.units) : [];
    const memoKey = `${target.code}\0${source.dir}\0${source.lessons.join('/')}`;
    const reusable = given.length > 0 && given.every(Boolean);
    const last = reusable ? known.get(memoKey) : undefined;
    if (last && last.given.length === given.length && last.given.every((entry, index) => entry === given[index])) {
      if (last.module) modules.push(last.module);
      continue;
    }
    const module = unitsOfModule(source, modulePath);
    if (module) modules.push(module);
    if (reusable) known.set(memoKey, { given, module });
  }
  return modules;

  function unitsOfModule(source: ModuleSource, modulePath: string): ModuleUnits | undefined {
    const intro = open(modulePath, 'module');
    if (!intro) return undefined;
    const scope = intro.header.variants ? shipped.filter((code) => intro.header.variants!.includes(code)) : [...shipped];
    if (!scope.includes(target.code)) return undefined;
    const moduleNative = nativeScope(undefined, scope);
    const introUnits = intro.all();
    const files: SourceFile[] = [sourceFile(modulePath, 'module', intro.textOf, moduleNative, moduleNative ? [] : introUnits.units)];
    const names = new Set(source.lessons);
    for (const name of source.lessons) {
      const override = name.match(LESSON_OVERRIDE);
      const isOverride = Boolean(override && names.has(`${override[1]}.md`) && shipped.includes(override[2]!));
      if (isOverride && override![2] !== target.code) continue;
      if (!isOverride && names.has(name.replace(/\.md$/, `.${target.code}.md`))) continue;
      const lessonPath = `${source.dir}/${name}`;
      const lesson = open(lessonPath, 'lesson');
      if (!lesson) continue;
      const variants = lesson.header.variants;
      const lessonScope = variants ? scope.filter((code) => variants.includes(code)) : scope;
      if (!lessonScope.includes(target.code)) continue;
      const native = moduleNative || isOverride ? target.native.has(target.code) : nativeScope(variants, scope);
      files.push(sourceFile(lessonPath, 'lesson', lesson.textOf, native, native ? [] : lesson.all().units));
    }
    return { id: introUnits.id ?? path.posix.basename(source.dir), title: introUnits.title ?? source.dir, dir: source.dir, files, units: files.flatMap((file) => file.units) };
  }
}

/**
 * Each module's units for a variant, remembered with the caller's extraction results they were made
 * from: a long-lived process (the incremental checker) makes again only the modules whose files changed.
 */
const rememberedModules = new WeakMap<ContentData, Map<string, { given: unknown[]; module: ModuleUnits | undefined }>>();

/** Line numbers of the values of a YAML file of `content/`, from the parse `loadContent` made of it. */
function yamlLines(content: ContentData, relative: string): { data: unknown; line: (path: (string | number)[]) => number } | undefined {
  const source = content.sources.get(relative);
  return source && { data: source.data, line: (at) => source.locate(at).line };
}

function plainUnit(id: string, file: string, line: number, text: string, notes: string[], maxLength?: number): Unit {
  const pieces = [text.replace(/\s+/g, ' ').trim()];
  const codes = new Map();
  const unit: Unit = { id, file, line, column: 1, pieces, codes, context: 'plain', notes: [`${file}:${line}`, ...notes], terms: [], digest: sourceDigest(pieces, codes), placement: { start: 0, end: 0, prefix: '', suffix: '', encode: 'yaml' } };
  if (maxLength) {
    unit.maxLength = maxLength;
    unit.notes.push(`at most ${maxLength} characters`);
  }
  return unit;
}

const rememberedContent = new WeakMap<ContentData, Map<string, Unit[]>>();

/** Units of `content/`: the programme's title, the competence framework and the glossary. */
export function contentUnits(root: string, content: ContentData, target: TranslationTarget): Unit[] {
  let known = rememberedContent.get(content);
  if (!known) rememberedContent.set(content, (known = new Map()));
  let units = known.get(target.code);
  if (!units) known.set(target.code, (units = readContentUnits(content, target)));
  return units;
}

function readContentUnits(content: ContentData, target: TranslationTarget): Unit[] {
  const units: Unit[] = [];
  const programme = yamlLines(content, 'content/programme.yaml');
  if (content.programme?.title) units.push(plainUnit('programme:title', 'content/programme.yaml', programme?.line(['title']) ?? 1, content.programme.title, ['title of the programme'], 200));
  const competences = yamlLines(content, 'content/competences.yaml');
  content.competences?.areas.forEach((area, a) => {
    const at = (...rest: (string | number)[]) => competences?.line(['areas', a, ...rest]) ?? 1;
    units.push(plainUnit(`area:${area.id}:title`, 'content/competences.yaml', at('title'), area.title, [`competence area ${area.id}: title`]));
    area.competences.forEach((competence, c) => {
      units.push(plainUnit(`competence:${competence.id}:title`, 'content/competences.yaml', at('competences', c, 'title'), competence.title, [`competence ${competence.id}: title`]));
      if (competence.description) units.push(plainUnit(`competence:${competence.id}:description`, 'content/competences.yaml', at('competences', c, 'description'), competence.description, [`competence ${competence.id}: description`]));
      (competence.outcomes ?? []).forEach((outcome, o) => {
        units.push(plainUnit(`outcome:${outcome.id}:text`, 'content/competences.yaml', at('competences', c, 'outcomes', o, 'text'), outcome.text, [`learning outcome ${outcome.id} (${outcome.type}, EQF ${outcome.eqf}) of competence ${competence.id}`]));
      });
    });
  });
  const glossary = yamlLines(content, 'content/glossary.yaml');
  const indexOf = new Map<string, number>();
  const terms = (glossary?.data as { terms?: unknown } | null | undefined)?.terms;
  if (Array.isArray(terms)) terms.forEach((item: unknown, index) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (item && typeof item === 'object' && !Array.isArray(item) && id !== undefined && id !== null && typeof id !== 'object') indexOf.set(String(id), index);
  });
  for (const term of content.glossary) {
    const index = indexOf.get(term.id) ?? 0;
    const line = (key: string) => glossary?.line(['terms', index, key]) ?? 1;
    // A country's own wording (`it:` in glossary.yaml) is written in its language already.
    if (!term.wording[target.code]) {
      units.push(plainUnit(`term:${term.id}:wording`, 'content/glossary.yaml', line('default'), term.default, [`glossary term ${term.id}: the wording lessons print for :term[${term.id}]${term.definition ? `; definition: ${term.definition}` : ''}`]));
    }
    if (term.definition) units.push(plainUnit(`term:${term.id}:definition`, 'content/glossary.yaml', line('definition'), term.definition, [`glossary term ${term.id}: definition`]));
  }
  return units;
}

export { CONTENT_NAME };
