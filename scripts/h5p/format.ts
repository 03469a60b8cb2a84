/**
 * `wecare build --format h5p`: per variant, one H5P.InteractiveBook per module (and for the
 * diagnostic assessment) and one package per scored quiz, in `dist/<variant>/h5p/`.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext, BuiltArtifact, FormatCompiler } from '../build/formats.ts';
import { CliError } from '../cli/errors.ts';
import type { ModuleIR, ProgrammeIR, SourceRef } from '../ir/types.ts';
import { bundleLibraries } from './bundle.ts';
import { buildBook, buildQuiz, quizzesOf } from './content/blocks.ts';
import type { ContentContext } from './content/context.ts';
import { stringsFor } from './i18n/index.ts';
import { compareCoreApi, DEFAULT_CORE_API, LIB, minimumCoreApi, packageClosure, parseCoreApi, patchFor } from './libraries.ts';
import { approximationSummary, bundleProblemText, h5pMessage, type H5pRule, type Lang, type Params } from './messages.ts';
import { buildPackage, dependencyList, type PackageInput } from './package.ts';
import { semanticsFromDirectory } from './validate/semantics-source.ts';
import { validatePackage } from './validate/package.ts';
import type { SemanticsSource } from './validate/semantics.ts';

export interface H5pBuildSettings {
  coreApi: string;
  /** Folder of H5P library folders to bundle, absolute. */
  librariesDir?: string;
  /** Semantics used to validate what we write (bundled libraries' own semantics win). */
  semantics?: SemanticsSource;
}

/** Reads and checks the H5P options of `wecare build`. */
export async function h5pSettings(context: Pick<BuildContext, 'options'>): Promise<H5pBuildSettings> {
  const coreOption = context.options.h5pCoreApi;
  const coreApi = typeof coreOption === 'string' && coreOption ? coreOption.trim() : DEFAULT_CORE_API;
  if (!parseCoreApi(coreApi)) throw new CliError(`--h5p-core-api takes a version like 1.27, not "${coreApi}".`, 2);
  const librariesOption = context.options.h5pLibraries;
  if (typeof librariesOption !== 'string' || !librariesOption) return { coreApi };
  // Relative to where the command runs, like every other path typed on the command line.
  const librariesDir = path.resolve(process.cwd(), librariesOption);
  const info = await stat(librariesDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new CliError(`--h5p-libraries: "${librariesOption}" is not a folder of H5P libraries.`, 2);
  return { coreApi, librariesDir, semantics: semanticsFromDirectory(librariesDir) };
}

const settingsByOptions = new WeakMap<BuildContext['options'], Promise<H5pBuildSettings>>();
/** One reading of the options (and of bundled libraries' semantics) for all the modules of a build. */
function settingsOnce(context: BuildContext): Promise<H5pBuildSettings> {
  let settings = settingsByOptions.get(context.options);
  if (!settings) settingsByOptions.set(context.options, (settings = h5pSettings(context)));
  return settings;
}

export const h5pFormat: FormatCompiler = {
  format: 'h5p',
  async build(context) {
    return buildH5p(context, await h5pSettings(context));
  },
  parts: {
    /** The module's book and quiz packages: the programme narrowed to that one module. */
    async module(context, module) {
      const isAssessment = module === context.programme.assessment;
      const { assessment: _left, ...rest } = context.programme;
      const programme: ProgrammeIR = { ...rest, modules: isAssessment ? [] : [module], ...(isAssessment ? { assessment: module } : {}) };
      return buildH5p({ ...context, programme }, await settingsOnce(context));
    },
  },
};

/** `--lang`, else the programme's language when it is Spanish, else English. */
function messageLanguage(context: BuildContext): Lang {
  const option = context.options.lang;
  if (option === 'en' || option === 'es') return option;
  return context.programme.programme.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

const languageOf = (locale: string) => (locale.split('-')[0] ?? 'und').toLowerCase() || 'und';

export async function buildH5p(context: BuildContext, settings: H5pBuildSettings): Promise<BuiltArtifact[]> {
  const { programme } = context;
  const outDir = path.join(context.outDir, programme.variant.code, 'h5p');
  await mkdir(outDir, { recursive: true });
  const strings = stringsFor(programme.variant.locale, programme.variant.ui);
  const language = languageOf(programme.variant.locale);
  const artifacts: BuiltArtifact[] = [];
  const written = new Map<string, SourceRef>();
  const lang = messageLanguage(context);
  const report = (source: SourceRef, severity: 'error' | 'warning', rule: H5pRule, params: Params) => {
    const summary = severity === 'warning' ? approximationSummary(rule, lang) : undefined;
    const base = { file: source.file, line: source.line, column: source.column, ruleId: rule, message: h5pMessage(rule, params, lang), lang };
    // A documented approximation is a note the build summarises, not a warning (`check` agrees).
    context.report(summary ? { ...base, severity: 'info', summary } : { ...base, severity });
  };

  const emit = async (id: string, source: SourceRef, input: PackageInput) => {
    const previous = written.get(id);
    if (previous) {
      report(source, 'error', 'h5p-duplicate-package', { name: `${id}.h5p`, other: `${previous.file}:${previous.line}` });
      return;
    }
    written.set(id, source);
    const file = path.join(outDir, `${id}.h5p`);
    const zip = await packageFor(id, source, input);
    if (!zip) {
      // Never leave an older build of a package that is now refused where someone could deploy it.
      await rm(file, { force: true });
      return;
    }
    await writeFile(file, zip);
    artifacts.push({ format: 'h5p', path: file, bytes: zip.length });
  };

  /** The package's bytes, or undefined (with errors reported) when it must not be written. */
  const packageFor = async (id: string, source: SourceRef, input: PackageInput): Promise<Buffer | undefined> => {
    if (!checkCoreApi(input, settings, (params) => report(source, 'error', 'h5p-core-api', params))) return undefined;
    if (settings.librariesDir) {
      const bundle = await bundleLibraries(settings.librariesDir, dependencyList(input), settings.coreApi);
      for (const problem of bundle.problems) report(source, 'error', 'h5p-library-bundle', { name: `${id}.h5p`, problem: bundleProblemText(problem, lang) });
      if (bundle.problems.length) return undefined;
      input.bundle = bundle;
    }
    const zip = await buildPackage(input);
    const validation = await validatePackage(zip, { ...(settings.semantics ? { semantics: settings.semantics } : {}), coreApi: settings.coreApi });
    if (!validation.ok) {
      const details = validation.issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message} [${issue.code}]`).join('; ');
      report(source, 'error', 'h5p-package-invalid', { name: `${id}.h5p`, details });
      return undefined;
    }
    return zip;
  };

  const modules: ModuleIR[] = [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])];
  for (const module of modules) {
    const warn = (source: SourceRef, rule: H5pRule, params: Params) => report(source, 'warning', rule, params);
    const bookContext: ContentContext = { strings, module, lang, coreApi: settings.coreApi, warn, images: new Map(), usedLibraries: new Set() };
    if (!module.lessons.length) {
      warn(module.source, 'h5p-empty-module', { id: module.id, variant: programme.variant.code });
    } else {
      const params = await buildBook(bookContext);
      await emit(module.id, module.source, { title: module.title, language, mainLibrary: LIB.book, params, images: bookContext.images, usedLibraries: bookContext.usedLibraries });
    }
    for (const quiz of quizzesOf(module.lessons)) {
      if (!quiz.questions.length) {
        warn(quiz.source, 'h5p-empty-quiz', { id: quiz.id });
        continue;
      }
      // Warnings for the quiz's questions were already given for the book; only what is particular
      // to the quiz package is reported here.
      const quizWarn = (source: SourceRef, rule: H5pRule, params: Params) => {
        if (rule === 'h5p-quiz-question-left-out') warn(source, rule, params);
      };
      const quizContext: ContentContext = { strings, module, lang, coreApi: settings.coreApi, warn: quizWarn, images: new Map(), usedLibraries: new Set() };
      const { mainLibrary, params } = buildQuiz(quizContext, quiz);
      await emit(quiz.id, quiz.source, { title: `${quiz.title || quiz.id} — ${module.title}`, language, mainLibrary, params, images: quizContext.images, usedLibraries: quizContext.usedLibraries });
    }
  }
  return artifacts;
}

/** Every library must have a known patch that runs on the target core API. */
function checkCoreApi(input: PackageInput, settings: H5pBuildSettings, fail: (params: Params) => void): boolean {
  const names = settings.librariesDir ? packageClosure([input.mainLibrary, ...input.usedLibraries]) : dependencyList(input);
  const blocked = names.filter((name) => patchFor(name, settings.coreApi) === undefined);
  if (!blocked.length) return true;
  fail({
    target: settings.coreApi,
    libraries: blocked.map((name) => `${name} (${minimumCoreApi(name)})`).join(', '),
    minimum: blocked.map((name) => minimumCoreApi(name)!).sort(compareCoreApi).at(-1)!,
  });
  return false;
}
