/**
 * `wecare build --format h5p`: per variant, one H5P.InteractiveBook per module (and for the
 * diagnostic assessment) and one package per scored quiz, in `dist/<variant>/h5p/`.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext, BuiltArtifact, FormatCompiler } from '../build/formats.ts';
import { CliError } from '../cli/errors.ts';
import type { ModuleIR, SourceRef } from '../ir/types.ts';
import { bundleLibraries } from './bundle.ts';
import { buildBook, buildQuiz, quizzesOf } from './content/blocks.ts';
import type { ContentContext } from './content/context.ts';
import { stringsFor } from './i18n/index.ts';
import { compareCoreApi, DEFAULT_CORE_API, LIB, minimumCoreApi, packageClosure, parseCoreApi, patchFor } from './libraries.ts';
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
export async function h5pSettings(context: Pick<BuildContext, 'options' | 'root'>): Promise<H5pBuildSettings> {
  const coreOption = context.options.h5pCoreApi;
  const coreApi = typeof coreOption === 'string' && coreOption ? coreOption.trim() : DEFAULT_CORE_API;
  if (!parseCoreApi(coreApi)) throw new CliError(`--h5p-core-api takes a version like 1.27, not "${coreApi}".`, 2);
  const librariesOption = context.options.h5pLibraries;
  if (typeof librariesOption !== 'string' || !librariesOption) return { coreApi };
  const librariesDir = path.resolve(context.root, librariesOption);
  const info = await stat(librariesDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new CliError(`--h5p-libraries: "${librariesOption}" is not a folder of H5P libraries.`, 2);
  return { coreApi, librariesDir, semantics: semanticsFromDirectory(librariesDir) };
}

export const h5pFormat: FormatCompiler = {
  format: 'h5p',
  async build(context) {
    return buildH5p(context, await h5pSettings(context));
  },
};

const languageOf = (locale: string) => (locale.split('-')[0] ?? 'und').toLowerCase() || 'und';

export async function buildH5p(context: BuildContext, settings: H5pBuildSettings): Promise<BuiltArtifact[]> {
  const { programme } = context;
  const outDir = path.join(context.outDir, programme.variant.code, 'h5p');
  await mkdir(outDir, { recursive: true });
  const strings = stringsFor(programme.variant.locale, programme.variant.ui);
  const language = languageOf(programme.variant.locale);
  const artifacts: BuiltArtifact[] = [];
  const written = new Map<string, SourceRef>();
  const report = (source: SourceRef, severity: 'error' | 'warning', ruleId: string, message: string) =>
    context.report({ file: source.file, line: source.line, column: source.column, severity, ruleId, message });

  const emit = async (id: string, source: SourceRef, input: PackageInput) => {
    const previous = written.get(id);
    if (previous) {
      report(source, 'error', 'h5p-duplicate-package', `Two H5P packages would be named "${id}.h5p" (also ${previous.file}:${previous.line}); give the quiz or module another id.`);
      return;
    }
    written.set(id, source);
    if (!checkCoreApi(input, settings, (message) => report(source, 'error', 'h5p-core-api', message))) return;
    if (settings.librariesDir) {
      const used = dependencyList(input);
      const bundle = await bundleLibraries(settings.librariesDir, used, settings.coreApi);
      for (const problem of bundle.problems) report(source, 'error', 'h5p-library-bundle', `${id}.h5p not written: ${problem}`);
      if (bundle.problems.length) return;
      input.bundle = bundle;
    }
    const zip = await buildPackage(input);
    const validation = await validatePackage(zip, { ...(settings.semantics ? { semantics: settings.semantics } : {}), coreApi: settings.coreApi });
    if (!validation.ok) {
      const details = validation.issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message} [${issue.code}]`).join('; ');
      report(source, 'error', 'h5p-package-invalid', `${id}.h5p would be refused or altered by H5P (this is a toolkit bug, please report it): ${details}`);
      return;
    }
    const file = path.join(outDir, `${id}.h5p`);
    await writeFile(file, zip);
    artifacts.push({ format: 'h5p', path: file, bytes: zip.length });
  };

  const modules: ModuleIR[] = [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])];
  for (const module of modules) {
    const warn = (source: SourceRef, ruleId: string, message: string) => report(source, 'warning', ruleId, message);
    const bookContext: ContentContext = { strings, module, warn, images: new Map(), usedLibraries: new Set() };
    if (!module.lessons.length) {
      warn(module.source, 'h5p-empty-module', `Module "${module.id}" has no lessons for variant ${programme.variant.code}; no H5P book is written.`);
    } else {
      const params = await buildBook(bookContext);
      await emit(module.id, module.source, { title: module.title, language, mainLibrary: LIB.book, params, images: bookContext.images, usedLibraries: bookContext.usedLibraries });
    }
    for (const quiz of quizzesOf(module.lessons)) {
      if (!quiz.questions.length) {
        warn(quiz.source, 'h5p-empty-quiz', `Quiz "${quiz.id}" has no questions; no H5P package is written for it.`);
        continue;
      }
      // Warnings for the quiz's questions were already given for the book.
      const quizContext: ContentContext = { strings, module, warn: () => {}, images: new Map(), usedLibraries: new Set() };
      const { mainLibrary, params } = buildQuiz(quizContext, quiz);
      await emit(quiz.id, quiz.source, { title: `${quiz.title || quiz.id} — ${module.title}`, language, mainLibrary, params, images: quizContext.images, usedLibraries: quizContext.usedLibraries });
    }
  }
  return artifacts;
}

/** Every library must have a known patch that runs on the target core API. */
function checkCoreApi(input: PackageInput, settings: H5pBuildSettings, fail: (message: string) => void): boolean {
  const names = settings.librariesDir ? packageClosure([input.mainLibrary, ...input.usedLibraries]) : dependencyList(input);
  const blocked = names.filter((name) => patchFor(name, settings.coreApi) === undefined);
  if (!blocked.length) return true;
  fail(`H5P core API ${settings.coreApi} is too old for ${blocked.map((name) => `${name} (needs ${minimumCoreApi(name)})`).join(', ')}; target at least ${blocked.map((name) => minimumCoreApi(name)!).sort(compareCoreApi).at(-1)} (Moodle 4.5 and 5.0 have 1.27).`);
  return false;
}
