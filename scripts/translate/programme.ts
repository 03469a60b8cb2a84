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
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { VariantInfo } from '../ir/types.ts';
import type { ContentData } from '../parse/content.ts';
import { listModules } from '../parse/load-programme.ts';
import { extractFile, type ExtractOptions, type FileUnits, type Unit } from './extract.ts';
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
  text: string;
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
}

const defaultRead = (root: string): ReadText => (relative) => {
  try {
    return readFileSync(path.join(root, relative), 'utf8');
  } catch {
    return undefined;
  }
};

/** Units of every module the variant sees, in programme order (the assessment last). */
export function moduleUnits(root: string, content: ContentData, target: TranslationTarget, read: ReadText = defaultRead(root)): ModuleUnits[] {
  const options = extractOptions(content, target);
  const shipped = options.shipped;
  const modules: ModuleUnits[] = [];
  const nativeScope = (variants: string[] | undefined, scope: string[]) => {
    const within = variants ? scope.filter((code) => variants.includes(code)) : scope;
    return within.length > 0 && within.every((code) => target.native.has(code));
  };
  for (const source of listModules(root)) {
    const modulePath = `${source.dir}/module.md`;
    const moduleText = read(modulePath);
    if (moduleText === undefined) continue;
    const intro = unitsOf(content, target, moduleText, modulePath, 'module', options);
    const scope = intro.variants ? shipped.filter((code) => intro.variants!.includes(code)) : [...shipped];
    if (!scope.includes(target.code)) continue;
    const moduleNative = nativeScope(undefined, scope);
    const files: SourceFile[] = [{ path: modulePath, kind: 'module', text: moduleText, native: moduleNative, units: moduleNative ? [] : intro.units }];
    const names = new Set(source.lessons);
    for (const name of source.lessons) {
      const override = name.match(LESSON_OVERRIDE);
      const isOverride = Boolean(override && names.has(`${override[1]}.md`) && shipped.includes(override[2]!));
      if (isOverride && override![2] !== target.code) continue;
      if (!isOverride && source.lessons.some((other) => other === name.replace(/\.md$/, `.${target.code}.md`))) continue;
      const lessonPath = `${source.dir}/${name}`;
      const text = read(lessonPath);
      if (text === undefined) continue;
      const lesson = unitsOf(content, target, text, lessonPath, 'lesson', options);
      const lessonScope = lesson.variants ? scope.filter((code) => lesson.variants!.includes(code)) : scope;
      if (!lessonScope.includes(target.code)) continue;
      const native = moduleNative || isOverride ? target.native.has(target.code) : nativeScope(lesson.variants, scope);
      files.push({ path: lessonPath, kind: 'lesson', text, native, units: native ? [] : lesson.units });
    }
    modules.push({ id: intro.id ?? path.posix.basename(source.dir), title: intro.title ?? source.dir, dir: source.dir, files, units: files.flatMap((file) => file.units) });
  }
  return modules;
}

/** A YAML file of `content/` with line numbers for its values. */
function yamlLines(root: string, relative: string): { document: Document; line: (path: (string | number)[]) => number } | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(root, relative), 'utf8');
  } catch {
    return undefined;
  }
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter });
  return {
    document,
    line: (at) => {
      const node = document.getIn(at, true) as { range?: [number, number] } | undefined;
      return node?.range ? counter.linePos(node.range[0]).line : 1;
    },
  };
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
  if (!units) known.set(target.code, (units = readContentUnits(root, content, target)));
  return units;
}

function readContentUnits(root: string, content: ContentData, target: TranslationTarget): Unit[] {
  const units: Unit[] = [];
  const programme = yamlLines(root, 'content/programme.yaml');
  if (content.programme?.title) units.push(plainUnit('programme:title', 'content/programme.yaml', programme?.line(['title']) ?? 1, content.programme.title, ['title of the programme'], 200));
  const competences = yamlLines(root, 'content/competences.yaml');
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
  const glossary = yamlLines(root, 'content/glossary.yaml');
  const indexOf = new Map<string, number>();
  const terms = glossary?.document.get('terms', true);
  if (isSeq(terms)) terms.items.forEach((item, index) => isMap(item) && isScalar(item.get('id', true)) && indexOf.set(String(item.get('id')), index));
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
