/**
 * Reads, validates and resolves a whole programme: `content/` then every module folder and the
 * assessment, each Markdown file through `processFile`, then the checks that span files
 * (duplicate ids, media and links, modules without lessons). Returns one ProgrammeIR per variant.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoadOptions, LoadResult } from '../api.ts';
import type { Citation, Competence, CompetenceFramework, LearningOutcome, LessonIR, MediaFile, ModuleIR, ProgrammeIR, ReviewNote } from '../ir/types.ts';
import { extractOptions, translationTargets } from '../translate/programme.ts';
import { placeTranslatedDiagnostic, planTranslation, translatedContext, translatedText, translateFramework, translationInput, translateGlossary, translateProgrammeInfo, translationDiagnostics, type TranslationPlan } from '../translate/resolve.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import { makeDiagnostic, sortDiagnostics } from '../validate/report.ts';
import { suggest } from '../validate/suggest.ts';
import { normaliseLocalPath } from './build-lesson.ts';
import { frameworkFor, glossaryFor, loadContent, PROGRAMME_FILE, type ContentData } from './content.ts';
import { MediaCatalogue, mimeTypeOf } from './media.ts';
import { processFile, type FileJob, type ProcessedFile, type SharedContext } from './process-file.ts';
import { deepestLine } from './nesting.ts';
import { LESSON_OVERRIDE } from './schema.ts';
import type { LessonFrontMatter, ModuleFrontMatter } from './schemas.ts';

/** Bump when processing changes, so persistent caches written by older code are ignored. */
export const PIPELINE_VERSION = '5';

/** Where processed files are remembered between runs, by content digest. */
export interface FileCache {
  get(key: string): ProcessedFile | undefined;
  set(key: string, value: ProcessedFile): void;
  /** The digest of a file's text as last read, with the size and times it had then (optional). */
  fingerprint?(absolutePath: string): FileFingerprint | undefined;
  remember?(absolutePath: string, fingerprint: FileFingerprint): void;
}

export interface FileFingerprint {
  mtimeMs: number;
  ctimeMs: number;
  size: number;
  digest: string;
}

export interface RunOptions extends LoadOptions {
  /** Build learner HTML and IR (false: only check). */
  html: boolean;
  cache?: FileCache;
}

export interface RunResult extends LoadResult {
  /** Review notes (`::review`) of every file, for `wecare check --review`. */
  reviews: Array<ReviewNote & { file: string }>;
  /** Files processed this run (not taken from the cache). */
  processed: number;
}

export interface ModuleSource {
  /** Folder relative to the root: `modules/01-cuidado` or `content/assessment`. */
  dir: string;
  lessons: string[];
  assessment: boolean;
}

const LESSON_FILE = /^\d[^/]*\.md$/;

/** Module folders (and the assessment) of a programme, in order. */
export function listModules(root: string): ModuleSource[] {
  const modules: ModuleSource[] = [];
  const lessonsOf = (dir: string) => readdirSync(path.join(root, dir)).filter((name) => LESSON_FILE.test(name)).sort();
  let folders: string[] = [];
  try {
    folders = readdirSync(path.join(root, 'modules'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  } catch {
    // no modules yet
  }
  for (const folder of folders) modules.push({ dir: `modules/${folder}`, lessons: lessonsOf(`modules/${folder}`), assessment: false });
  try {
    modules.push({ dir: 'content/assessment', lessons: lessonsOf('content/assessment'), assessment: true });
  } catch {
    // no assessment
  }
  return modules;
}

function readText(root: string, relative: string): string | undefined {
  try {
    return readFileSync(path.join(root, relative), 'utf8');
  } catch {
    return undefined;
  }
}

const sha1 = (...parts: string[]) => createHash('sha1').update(parts.join('\0')).digest('hex');

function lessonIdOf(text: string): string | undefined {
  return text.match(/^---\r?\n[\s\S]*?^id:\s*["']?([A-Za-z0-9.-]+)/m)?.[1];
}

function mergeSources(target: Citation[], more: Citation[]) {
  for (const citation of more) if (!target.some((c) => c.text === citation.text && c.url === citation.url)) target.push(citation);
}

export async function runProgramme(rootDir: string, options: RunOptions): Promise<RunResult> {
  const root = path.resolve(rootDir);
  const content = loadContent(root, options.lang);
  const diagnostics: Diagnostic[] = [...content.diagnostics];
  const lang = content.lang;
  const reviews: RunResult['reviews'] = [];
  if (!content.programme) return { programmes: [], diagnostics: sortDiagnostics(diagnostics), reviews, processed: 0 };
  const programme = content.programme;

  let wanted = programme.variants.filter((code) => content.variants.has(code));
  if (options.variants?.length) {
    for (const code of options.variants) {
      if (!programme.variants.includes(code)) {
        diagnostics.push(makeDiagnostic(PROGRAMME_FILE, undefined, 'unknown-variant', { code, suggestion: suggest(code, programme.variants), known: programme.variants.join(', ') }, lang));
      }
    }
    wanted = wanted.filter((code) => options.variants!.includes(code));
  }

  const shared: SharedContext = {
    lang,
    language: programme.language,
    shipped: programme.variants,
    competences: content.competenceIds,
    outcomes: content.outcomeCompetences,
    variants: new Map([...content.variants].filter(([code]) => wanted.includes(code))),
  };
  // Variants taught in another language take their text from translations/<lang>/. Their units are
  // extracted while each file is parsed (`ProcessedFile.units`); the plans are made once every file is.
  const targets = translationTargets(content);
  const translatedTargets = wanted.flatMap((code) => targets.get(code) ?? []);
  if (translatedTargets.length) shared.translations = new Map(translatedTargets.map((target) => [target.code, { ...extractOptions(content, target), notes: false }]));
  const plans = new Map<string, TranslationPlan>();
  const translatedShared = new Map<string, SharedContext>();
  const sharedFor = (code: string) => {
    let context = translatedShared.get(code);
    if (!context) {
      const plan = plans.get(code)!;
      // A translated text has no units of its own to extract.
      context = { ...shared, translations: undefined, variants: new Map([[code, translatedContext(plan, content, content.variants.get(code)!)]]) };
      translatedShared.set(code, context);
    }
    return context;
  };
  const contextDigest = sha1(PIPELINE_VERSION, lang, String(options.html), wanted.join(','), ...content.texts);
  const media = new MediaCatalogue();
  let processed = 0;

  /**
   * A lesson's text digest: from the cache's fingerprint when the file's size and times are
   * unchanged (no read), else from its text (read now, kept for processing).
   */
  const lessonSource = (relative: string) => {
    const absolute = path.join(root, relative);
    let text: string | undefined;
    const read = () => (text ??= readText(root, relative) ?? '');
    let digest: string | undefined;
    let stats: { mtimeMs: number; ctimeMs: number; size: number } | undefined;
    try {
      const stat = statSync(absolute);
      stats = { mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, size: stat.size };
    } catch {
      // unreadable: read() gives '' and the file is processed (and reported) as empty
    }
    const known = stats && options.cache?.fingerprint?.(absolute);
    if (known && stats && known.mtimeMs === stats.mtimeMs && known.ctimeMs === stats.ctimeMs && known.size === stats.size) digest = known.digest;
    else {
      digest = sha1(read());
      if (stats) options.cache?.remember?.(absolute, { ...stats, digest });
    }
    return { digest, read };
  };

  const run = (job: Omit<FileJob, 'text'>, source: { digest: string; read: () => string }, moduleKey: string, context: SharedContext = shared): ProcessedFile => {
    const anchors = options.html ? [...(job.anchors ?? [])].join() : '';
    const key = sha1(contextDigest, moduleKey, job.path, job.kind, job.scope.join(','), String(job.passMark), anchors, source.digest);
    const cached = options.cache?.get(key);
    if (cached) return cached;
    processed += 1;
    let result: ProcessedFile;
    const text = source.read();
    try {
      result = processFile({ ...job, text }, context);
    } catch (error) {
      // A bug in the toolkit must not hide every other message: report it on the file.
      const detail = error instanceof Error ? error.message : String(error);
      const diagnostic = error instanceof RangeError && /call stack/i.test(detail)
        ? makeDiagnostic(job.path, deepestLine(text), 'nesting-too-deep', {}, lang)
        : makeDiagnostic(job.path, undefined, 'internal-error', { detail }, lang);
      result = { diagnostics: [diagnostic], scope: [], references: [], reviews: [], perVariant: {} };
    }
    options.cache?.set(key, result);
    return result;
  };

  /** Every file processed this run, with its text: the translation plans take its units from here. */
  const processedFiles = new Map<string, { result: ProcessedFile; read: () => string; digest: string }>();
  const moduleIds = new Map<string, string>();
  const activityIds = new Map<string, Map<string, string>>(); // variant → id → "file:line:column"
  const modulesByVariant = new Map<string, ModuleIR[]>(wanted.map((code) => [code, []]));
  const assessmentByVariant = new Map<string, ModuleIR>();

  // First every file is processed (its units extracted on the way), then the translation plans are
  // made from those units, then each module is checked and assembled.
  const sources = listModules(root);
  const runs = sources.map((source) => {
    const modulePath = `${source.dir}/module.md`;
    const moduleText = readText(root, modulePath);
    if (moduleText === undefined) return { source, modulePath };
    const moduleKey = sha1(moduleText, source.lessons.join('/'));
    const lessonTexts = source.lessons.map((name) => ({ name, path: `${source.dir}/${name}`, source: lessonSource(`${source.dir}/${name}`) }));
    // Links between lessons become anchors; only learner HTML needs them, so checks skip reading for them.
    const anchors = new Map<string, string>();
    if (options.html) {
      for (const lesson of lessonTexts) {
        const id = lessonIdOf(lesson.source.read());
        if (id) anchors.set(lesson.name, id);
      }
    }
    const moduleSource = { digest: sha1(moduleText), read: () => moduleText };
    const intro = run({ path: modulePath, kind: 'module', scope: programme.variants, passMark: programme.defaults.passMark, html: options.html, anchors }, moduleSource, moduleKey);
    processedFiles.set(modulePath, { result: intro, read: moduleSource.read, digest: moduleSource.digest });
    const front = intro.frontMatter as ModuleFrontMatter | undefined;
    const moduleId = front?.id ?? path.posix.basename(source.dir);
    const module = { source, modulePath, moduleKey, anchors, intro, front, moduleId };
    if (options.modules?.length && !options.modules.includes(moduleId)) return module;
    const passMark = front?.passMark ?? programme.defaults.passMark;
    // `NN-slug.<cc>.md` beside `NN-slug.md` replaces that lesson for country <cc>.
    const names = new Set(source.lessons);
    const overrideOf = (name: string) => {
      const match = name.match(LESSON_OVERRIDE);
      return match && names.has(`${match[1]}.md`) && programme.variants.includes(match[2]!) ? { base: `${match[1]}.md`, code: match[2]! } : undefined;
    };
    const overridden = new Map<string, string[]>();
    for (const name of source.lessons) {
      const override = overrideOf(name);
      if (override) overridden.set(override.base, [...(overridden.get(override.base) ?? []), override.code]);
    }
    const lessons = lessonTexts
      .map((lesson) => {
        const override = overrideOf(lesson.name);
        const scope = override ? intro.scope.filter((code) => code === override.code) : intro.scope.filter((code) => !overridden.get(lesson.name)?.includes(code));
        const result = run({ path: lesson.path, kind: 'lesson', scope, passMark, html: options.html, anchors }, lesson.source, moduleKey);
        processedFiles.set(lesson.path, { result, read: lesson.source.read, digest: lesson.source.digest });
        return { ...lesson, override, order: override?.base ?? lesson.name, result };
      })
      .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : Number(Boolean(a.override)) - Number(Boolean(b.override))));
    return { ...module, passMark, lessons };
  });

  for (const target of translatedTargets) {
    const extracted = (relative: string) => {
      const file = processedFiles.get(relative);
      return file && { text: file.read, units: file.result.units?.[target.code] };
    };
    const plan = planTranslation(root, content, target, { allowUntranslated: options.allowUntranslated, extracted, sources });
    plans.set(target.code, plan);
    diagnostics.push(...translationDiagnostics(plan, content, lang, { allowUntranslated: options.allowUntranslated, modules: options.modules }));
  }

  for (const module of runs) {
    const { source, modulePath } = module;
    if (!('intro' in module)) {
      if (!source.assessment || source.lessons.length) {
        diagnostics.push(makeDiagnostic(modulePath, undefined, 'missing-file', { path: modulePath }, lang));
      }
      continue;
    }
    const { moduleKey, anchors, intro, front, moduleId } = module;
    diagnostics.push(...intro.diagnostics);
    if (!('lessons' in module)) continue; // not one of the modules asked for
    const { passMark, lessons } = module;
    if (front) {
      const other = moduleIds.get(moduleId);
      if (other) diagnostics.push(makeDiagnostic(modulePath, { line: 2, column: 1 }, 'duplicate-id', { id: moduleId, other }, lang));
      else moduleIds.set(moduleId, modulePath);
    }

    // Lesson ids are unique in their module; an override keeps the id of the lesson it replaces.
    const lessonIds = new Map<string, string>();
    const idOf = (lesson: (typeof lessons)[number]) => (lesson.result.frontMatter as LessonFrontMatter | undefined)?.id;
    for (const lesson of lessons) {
      diagnostics.push(...lesson.result.diagnostics);
      const id = idOf(lesson);
      if (!id) continue;
      if (lesson.override) {
        const baseId = idOf(lessons.find((l) => l.name === lesson.override!.base)!);
        if (baseId && baseId !== id) diagnostics.push(makeDiagnostic(lesson.path, { line: 2, column: 1 }, 'invalid-field', { field: 'id', expected: `"${baseId}" (${lesson.override.base})` }, lang));
        continue;
      }
      const other = lessonIds.get(id);
      if (other) diagnostics.push(makeDiagnostic(lesson.path, { line: 2, column: 1 }, 'duplicate-id', { id, other }, lang));
      else lessonIds.set(id, lesson.path);
    }

    // Media and links must stay inside the module and exist.
    const moduleDir = path.join(root, source.dir);
    for (const file of [{ path: modulePath, result: intro }, ...lessons]) {
      for (const reference of file.result.references) {
        const local = normaliseLocalPath(reference.url);
        const place = reference.position?.start;
        if (local.startsWith('..') || path.posix.isAbsolute(local)) {
          diagnostics.push(
            reference.kind === 'image'
              ? makeDiagnostic(file.path, place, 'media-outside-module', { path: reference.url }, lang)
              : makeDiagnostic(file.path, place, 'broken-link', { href: reference.url, detail: 'outside' }, lang),
          );
        } else if (!media.isFile(path.join(moduleDir, local))) {
          diagnostics.push(
            reference.kind === 'image'
              ? makeDiagnostic(file.path, place, 'missing-media', { path: reference.url }, lang)
              : makeDiagnostic(file.path, place, 'broken-link', { href: reference.url, detail: 'missing' }, lang),
          );
        } else if (mimeTypeOf(local) === 'image/svg+xml') {
          const removed = await media.unsafeSvgParts(path.join(moduleDir, local));
          if (removed.length) diagnostics.push(makeDiagnostic(file.path, place, 'svg-unsafe', { path: reference.url, removed: removed.join(', ') }, lang));
        }
      }
      for (const review of file.result.reviews) {
        reviews.push({ text: review.text, file: file.path, source: { file: file.path, line: review.position?.start.line ?? 1, column: review.position?.start.column ?? 1 } });
      }
    }

    for (const code of wanted) {
      if (!intro.scope.includes(code)) continue;
      const variant = content.variants.get(code)!.variant;
      const known = activityIds.get(code) ?? new Map<string, string>();
      activityIds.set(code, known);
      const included = lessons.filter((lesson) => lesson.result.scope.includes(code) && lesson.result.perVariant[code]);
      if (!included.length) diagnostics.push(makeDiagnostic(modulePath, undefined, 'no-lessons', { id: moduleId, variant: code }, lang));
      for (const lesson of included) {
        for (const fact of lesson.result.perVariant[code]!.ids) {
          if (!fact.id) continue;
          const where = `${lesson.path}:${fact.line}:${fact.column}`;
          const other = known.get(fact.id);
          if (other && other !== where) diagnostics.push(makeDiagnostic(lesson.path, fact, 'duplicate-id', { id: fact.id, other }, lang));
          else known.set(fact.id, where);
        }
      }
      const plan = plans.get(code);
      // The check processes translated text too (for its diagnostics only), so that it reports what the build would.
      if (!options.html && !plan) continue;
      let introFor = intro;
      let includedFor = included;
      if (plan) {
        /** The file processed again from its translated text, for this variant only. */
        const translate = (job: Omit<FileJob, 'text' | 'scope' | 'html'>, result: ProcessedFile): ProcessedFile => {
          const input = translationInput(plan, job.path);
          const source = processedFiles.get(job.path);
          if (input === undefined || !source) return result;
          // Keyed by the source and its module's stored translation: a cached result needs no translated text.
          const translatedSource = { digest: sha1(source.digest, input), read: () => translatedText(plan, job.path)! };
          const translated = run({ ...job, scope: [code], html: options.html, errorsOnly: true }, translatedSource, `${moduleKey}\0${code}\0${plan.contentDigest}\0${plan.markUntranslated ?? ''}`, sharedFor(code));
          const perVariant = translated.perVariant[code];
          if (!perVariant) return result;
          // A translation that breaks the Markdown shows up here (the run keeps errors only); problems the source has are already reported.
          const known = new Set(result.diagnostics.map((d) => `${d.ruleId}\0${d.message}`));
          for (const diagnostic of translated.diagnostics) {
            if (known.has(`${diagnostic.ruleId}\0${diagnostic.message}`)) continue;
            diagnostics.push(diagnostic.file === job.path ? placeTranslatedDiagnostic(root, plan, diagnostic, lang) : diagnostic);
          }
          return { ...result, perVariant: { ...result.perVariant, [code]: perVariant } };
        };
        introFor = translate({ path: modulePath, kind: 'module', passMark: programme.defaults.passMark, anchors }, intro);
        includedFor = included.map((lesson) => ({ ...lesson, result: translate({ path: lesson.path, kind: 'lesson', passMark, anchors }, lesson.result) }));
      }
      if (!options.html) continue;
      const framework = plan ? translateFramework(plan, frameworkFor(content, code)) : frameworkFor(content, code);
      const moduleIR = assembleModule(framework, code, variant.locale, front, moduleId, modulePath, introFor, includedFor, passMark, moduleDir, media, reviews);
      if (source.assessment) assessmentByVariant.set(code, moduleIR);
      else modulesByVariant.get(code)!.push(moduleIR);
    }
  }

  const programmes: ProgrammeIR[] = options.html
    ? wanted.map((code) => {
        const plan = plans.get(code);
        const ir: ProgrammeIR = {
          programme: plan ? translateProgrammeInfo(plan, programme) : programme,
          variant: content.variants.get(code)!.variant,
          framework: plan ? translateFramework(plan, frameworkFor(content, code)) : frameworkFor(content, code),
          glossary: plan ? translateGlossary(plan, content, glossaryFor(content, code)) : glossaryFor(content, code),
          modules: modulesByVariant.get(code)!,
        };
        const assessment = assessmentByVariant.get(code);
        if (assessment) ir.assessment = assessment;
        return ir;
      })
    : [];
  return { programmes, diagnostics: sortDiagnostics(diagnostics), reviews, processed };
}

function assembleModule(
  framework: CompetenceFramework,
  code: string,
  locale: string,
  front: ModuleFrontMatter | undefined,
  moduleId: string,
  modulePath: string,
  intro: ProcessedFile,
  lessons: Array<{ path: string; name: string; result: ProcessedFile }>,
  passMark: number,
  moduleDir: string,
  catalogue: MediaCatalogue,
  allReviews: RunResult['reviews'],
): ModuleIR {
  const order = framework.areas.flatMap((area) => area.competences);
  const declared = new Set(front?.competences ?? []);
  const competences = order.filter((c) => declared.has(c.id));
  const sources: Citation[] = [];
  const mediaPaths = new Set<string>();
  const introResult = intro.perVariant[code];
  if (introResult) {
    mergeSources(sources, introResult.sources);
    for (const item of introResult.media) mediaPaths.add(item);
  }
  const lessonIRs: LessonIR[] = lessons.map((lesson) => {
    const result = lesson.result.perVariant[code]!;
    mergeSources(sources, result.sources);
    for (const item of result.media) mediaPaths.add(item);
    const fm = lesson.result.frontMatter as LessonFrontMatter | undefined;
    for (const block of result.blocks) {
      if (block.kind !== 'image') continue;
      const size = catalogue.size(moduleDir, block.src);
      if (size) Object.assign(block, size);
    }
    return {
      id: fm?.id ?? lesson.name.replace(/\.md$/, ''),
      title: result.title ?? fm?.title ?? '',
      blocks: result.blocks,
      trainerNotes: result.trainerNotes,
      source: { file: lesson.path, line: 1, column: 1 },
    };
  });
  const media: MediaFile[] = [];
  for (const relative of mediaPaths) {
    const entry = catalogue.describe(moduleDir, relative);
    if (entry) media.push(entry);
  }
  const filesOfModule = new Set([modulePath, ...lessons.map((l) => l.path)]);
  const lessonIdByFile = new Map(lessons.map((l, i) => [l.path, lessonIRs[i]!.id]));
  const reviews: ReviewNote[] = allReviews
    .filter((review) => filesOfModule.has(review.file))
    .map((review) => {
      const note: ReviewNote = { text: review.text, source: review.source };
      const lessonId = lessonIdByFile.get(review.file);
      if (lessonId) note.lessonId = lessonId;
      return note;
    });
  return {
    id: moduleId,
    variant: code,
    locale,
    title: introResult?.title ?? front?.title ?? moduleId,
    summary: introResult?.summary ?? front?.summary ?? '',
    duration: { online: front?.duration?.online ?? 0, faceToFace: front?.duration?.faceToFace ?? 0 },
    competences: competences.map((c) => c.id),
    outcomes: statedOutcomes(competences, front?.outcomes),
    passMark,
    introHtml: introResult?.introHtml ?? '',
    lessons: lessonIRs,
    media,
    sources,
    reviews,
    source: { file: modulePath, line: 1, column: 1 },
  };
}

/** `loadProgramme` of scripts/api.ts: every variant resolved into IR, with every diagnostic. */
export async function loadProgrammeFromDisk(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const { programmes, diagnostics } = await runProgramme(root, { ...options, html: true });
  return { programmes, diagnostics };
}

/** The outcomes a module states: the ones its front matter names, in framework order, else all of its competences'. */
function statedOutcomes(competences: Competence[], named: string[] | undefined): LearningOutcome[] {
  const all = competences.flatMap((c) => c.outcomes);
  if (!named) return all;
  const wanted = new Set(named);
  return all.filter((outcome) => wanted.has(outcome.id));
}
