/**
 * `wecare build` as a whole: plans output units (variant × format × module for formats built per
 * module, variant × format for what belongs to a variant as a whole), rebuilds only the units whose
 * inputs changed, and keeps `dist/.wecare-build.json` up to date. Files are only ever deleted when
 * the index says a unit in the request's scope wrote them.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../cli/errors.ts';
import type { BuildFormat, ModuleIR, ProgrammeIR } from '../ir/types.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import { suggest } from '../validate/suggest.ts';
import { outputFile, outputsIntact, readIndex, unitKey, writeIndex, type BuildIndex, type OutputFile, type UnitRecord } from './build-index.ts';
import { keepProgrammeCaches } from './cache-folder.ts';
import { digestOf, folderDigest, sourceDigests, toolkitDigest } from './digest.ts';
import { allFormats, formatCompilers, type BuildContext, type BuiltArtifact, type FormatCompiler } from './formats.ts';

export interface BuildRequest {
  /** Programme root. */
  root: string;
  outDir: string;
  /** Formats to build; default: the programme's. */
  formats?: string[];
  variants?: string[];
  /** Module ids, or the part of an id before its first "-" (`m01`). */
  modules?: string[];
  /** Passed to every compiler (`BuildContext.options`); part of every unit's digest. */
  options: BuildContext['options'];
  lang?: 'en' | 'es';
  /** Warnings count as errors. */
  frail?: boolean;
  /** Ignore the index: rebuild every unit asked for. */
  force?: boolean;
  /** Ship the source text of units not translated yet (one warning per module) instead of failing. */
  allowUntranslated?: boolean;
  progress?: BuildProgress;
}

export interface PlannedUnit {
  key: string;
  variant: string;
  format: string;
  /** Module id; absent for what belongs to the variant as a whole. */
  module?: string;
}

export type UnitStatus = 'built' | 'up-to-date' | 'failed';

export interface UnitOutcome extends PlannedUnit {
  status: UnitStatus;
  /** Files the unit holds, relative to the output folder. */
  files: string[];
}

/** Told what happens while building, to show progress. */
export interface BuildProgress {
  planned(units: PlannedUnit[]): void;
  started(unit: PlannedUnit): void;
  finished(outcome: UnitOutcome): void;
}

export interface BuildOutcome {
  /** Every problem, each once: the sources' (from loading) then the builds'. */
  diagnostics: Diagnostic[];
  /** True when the sources had errors (or warnings with `frail`) and nothing was built. */
  stopped: boolean;
  units: UnitOutcome[];
  /** Units of the variants built that were left as they were because `--module` named modules only. */
  leftAlone: PlannedUnit[];
  /** True when the sources, toolkit and options were those of the last identical build: nothing was loaded. */
  unchanged: boolean;
}

/** Module folders as the loader lists them: `modules/*` then `content/assessment`. */
function moduleFolders(root: string): string[] {
  let folders: string[] = [];
  try {
    folders = readdirSync(path.join(root, 'modules'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `modules/${entry.name}`).sort();
  } catch {
    // no modules yet
  }
  return existsSync(path.join(root, 'content/assessment')) ? [...folders, 'content/assessment'] : folders;
}

/** `--module` names → module ids: an id, or the unique id that starts with the name and a "-". */
function resolveModuleNames(root: string, names: string[]): string[] {
  const ids = moduleFolders(root).flatMap((dir) => {
    try {
      const id = readFileSync(path.join(root, dir, 'module.md'), 'utf8').match(/^---\r?\n[\s\S]*?^id:\s*["']?([A-Za-z0-9._-]+)/m)?.[1];
      return id ? [id] : [];
    } catch {
      return [];
    }
  });
  return names.map((name) => {
    if (ids.includes(name)) return name;
    const matches = ids.filter((id) => id.startsWith(`${name}-`));
    if (matches.length === 1) return matches[0]!;
    const hint = matches.length > 1 ? `It could be ${matches.join(', ')}.` : `Did you mean "${suggest(name, ids) ?? ids[0] ?? ''}"?`;
    throw new CliError(`--module: no module "${name}". ${hint} Modules: ${ids.join(', ')}.`, 2);
  });
}

function hasFailures(diagnostics: Diagnostic[], frail: boolean | undefined): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (frail && d.severity === 'warning'));
}

/** The same problem found once per variant or format is kept once. */
export function withoutRepeats(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = [d.file, d.line, d.column, d.severity, d.ruleId, d.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Options and environment that change what compilers write. */
function optionsDigest(request: BuildRequest): string {
  const options = Object.entries(request.options).filter(([, value]) => value !== undefined).sort(([a], [b]) => a.localeCompare(b));
  const libraries = request.options.h5pLibraries;
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return digestOf(
    JSON.stringify(options),
    request.lang ?? '',
    request.allowUntranslated ? 'allow-untranslated' : '',
    typeof libraries === 'string' && libraries ? folderDigest(libraries) : '',
    process.env.WECARE_GUIDE_PDF ?? '',
    existsSync(chromium) ? chromium : 'no chromium',
  );
}

interface Unit extends PlannedUnit {
  digest: string;
  /** Printing uses Chromium: such units run beside the others. */
  browser: boolean;
  build(context: BuildContext): Promise<BuiltArtifact[]>;
}

/** Files of an artifact (a file, or every file in a folder), relative to `outDir`. */
async function artifactFiles(outDir: string, artifact: BuiltArtifact): Promise<string[]> {
  const info = await stat(artifact.path).catch(() => undefined);
  if (!info) return [];
  const relative = (file: string) => path.relative(outDir, file).split(path.sep).join('/');
  if (info.isFile()) return [relative(artifact.path)];
  const entries = await readdir(artifact.path, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(path.join(entry.parentPath, entry.name)));
}

async function removeOutputs(outDir: string, files: Iterable<string>): Promise<void> {
  for (const file of files) {
    const absolute = path.resolve(outDir, file);
    // The index is data on disk: never let it point outside the output folder.
    if (!absolute.startsWith(`${path.resolve(outDir)}${path.sep}`)) continue;
    await rm(absolute, { force: true });
  }
}

export async function runBuild(request: BuildRequest): Promise<BuildOutcome> {
  const { root, outDir } = request;
  const requested = request.formats;
  const unknown = (requested ?? []).filter((format) => !(format in formatCompilers));
  if (unknown.length) throw new CliError(`Unknown format "${unknown.join('", "')}". Use one of: ${allFormats.join(', ')}.`, 2);
  const modules = request.modules?.length ? resolveModuleNames(root, request.modules) : undefined;

  const folders = moduleFolders(root);
  const sources = sourceDigests(root, folders);
  const toolkit = toolkitDigest();
  const options = optionsDigest(request);
  const requestKey = JSON.stringify({ formats: requested ?? 'default', variants: request.variants ?? 'all', modules: modules ?? 'all' });
  const requestDigest = digestOf(toolkit, options, sources.all);
  const index = readIndex(outDir);

  const remembered = index.requests[requestKey];
  if (!request.force && remembered?.digest === requestDigest) {
    const keys = Object.keys(remembered.units);
    const units = keys.map((key) => index.units[key]);
    if (units.every((unit, i): unit is UnitRecord => unit !== undefined && unit.digest === remembered.units[keys[i]!] && outputsIntact(outDir, unit))) {
      const outcomes = units.map((unit, i): UnitOutcome => ({ key: keys[i]!, variant: unit.variant, format: unit.format, ...(unit.module ? { module: unit.module } : {}), status: 'up-to-date', files: Object.keys(unit.outputs) }));
      request.progress?.planned(outcomes);
      for (const outcome of outcomes) request.progress?.finished(outcome);
      return { diagnostics: remembered.diagnostics, stopped: false, units: outcomes, leftAlone: [], unchanged: true };
    }
  }

  // Chromium starts while the programme loads when a guide may be printed; it is closed as soon as none is.
  const printing = (requested ?? ['guide']).includes('guide') && !modules && request.options.guidePdf !== false && process.env.WECARE_GUIDE_PDF !== '0';
  const { openChromiumSession } = await import('../guide/browser.ts');
  const chromium = printing ? openChromiumSession() : undefined;
  const restoreCaches = keepProgrammeCaches(root);
  try {
    return await loadAndBuild();
  } finally {
    restoreCaches();
    await chromium?.close();
  }

  async function loadAndBuild(): Promise<BuildOutcome> {
    // Unchanged files are taken from the last build's results (.wecare-cache/build.json), as `check` does.
    const [{ runProgramme }, { DiskCache, buildCacheFile }] = await Promise.all([import('../parse/load-programme.ts'), import('../validate/check-cache.ts')]);
    const cache = new DiskCache(buildCacheFile(path.resolve(root), request.variants), true);
    const loaded = await runProgramme(root, { html: true, cache, ...(request.variants ? { variants: request.variants } : {}), ...(modules ? { modules } : {}), ...(request.lang ? { lang: request.lang } : {}), ...(request.allowUntranslated ? { allowUntranslated: true } : {}) });
    cache.save();
    const diagnostics: Diagnostic[] = [...loaded.diagnostics];
    if (hasFailures(diagnostics, request.frail)) return { diagnostics: withoutRepeats(diagnostics), stopped: true, units: [], leftAlone: [], unchanged: false };

    const formats = (requested ?? loaded.programmes[0]?.programme.defaults.formats ?? allFormats) as BuildFormat[];
    const compilers = new Map<BuildFormat, FormatCompiler>();
    for (const format of formats) compilers.set(format, await formatCompilers[format]());

    const units: Unit[] = [];
    const leftAlone: PlannedUnit[] = [];
    const contexts = new Map<string, BuildContext>();
    for (const programme of loaded.programmes) {
      const variant = programme.variant.code;
      for (const format of formats) {
        const compiler = compilers.get(format)!;
        const browser = format === 'guide';
        const whole = { key: unitKey(variant, format), variant, format };
        const wholeDigest = digestOf(toolkit, options, format, variant, sources.all);
        if (compiler.parts) {
          for (const module of packagedModules(programme)) {
            const folder = path.posix.dirname(module.source.file);
            const digest = digestOf(toolkit, options, format, variant, sources.programme, folder, sources.modules.get(folder) ?? 'unknown folder');
            const part = compiler.parts.module;
            units.push({ key: unitKey(variant, format, module.id), variant, format, module: module.id, digest, browser, build: (context) => part(context, module) });
          }
          const variantPart = compiler.parts.variant;
          if (variantPart) {
            if (modules) leftAlone.push(whole);
            else units.push({ ...whole, digest: wholeDigest, browser, build: (context) => variantPart(context) });
          }
        } else if (modules) {
          leftAlone.push(whole);
        } else {
          units.push({ ...whole, digest: wholeDigest, browser, build: (context) => compiler.build(context) });
        }
      }
      contexts.set(variant, { root, outDir, programme, options: request.options, report: () => undefined });
    }
    request.progress?.planned(units);

    const toBuild = units.filter((unit) => {
      const known = index.units[unit.key];
      return request.force || !known || known.digest !== unit.digest || !outputsIntact(outDir, known);
    });
    const outcomes = new Map<string, UnitOutcome>();
    const unitDiagnostics = new Map<string, Diagnostic[]>();
    for (const unit of units) {
      if (toBuild.includes(unit)) continue;
      const known = index.units[unit.key]!;
      unitDiagnostics.set(unit.key, known.diagnostics);
      const outcome: UnitOutcome = { ...planned(unit), status: 'up-to-date', files: Object.keys(known.outputs) };
      outcomes.set(unit.key, outcome);
      request.progress?.finished(outcome);
    }

    const buildUnit = async (unit: Unit) => {
      request.progress?.started(unit);
      const found: Diagnostic[] = [];
      const base = contexts.get(unit.variant)!;
      let files: string[] = [];
      try {
        const artifacts = await unit.build({ ...base, report: (diagnostic) => found.push(diagnostic) });
        files = [...new Set((await Promise.all(artifacts.map((artifact) => artifactFiles(outDir, artifact)))).flat())].sort();
      } finally {
        unitDiagnostics.set(unit.key, found);
      }
      const previous = index.units[unit.key];
      if (previous) await removeOutputs(outDir, Object.keys(previous.outputs).filter((file) => !files.includes(file)));
      const failed = found.some((d) => d.severity === 'error');
      if (failed) delete index.units[unit.key];
      else {
        const outputs: Record<string, OutputFile> = {};
        for (const file of files) {
          const info = outputFile(path.join(outDir, file));
          if (info) outputs[file] = info;
        }
        index.units[unit.key] = { variant: unit.variant, format: unit.format, ...(unit.module ? { module: unit.module } : {}), digest: unit.digest, outputs, diagnostics: found };
      }
      const outcome: UnitOutcome = { ...planned(unit), status: failed ? 'failed' : 'built', files };
      outcomes.set(unit.key, outcome);
      request.progress?.finished(outcome);
    };

    const guides = toBuild.filter((unit) => unit.browser);
    if (!guides.length) await chromium?.close();
    const lane = async (lanes: Unit[]) => {
      for (const unit of lanes) await buildUnit(unit);
    };
    // Printing waits mostly on Chromium, a process of its own: the guides print beside the other
    // units, all at once, sharing the session's pages (so Chromium always has a piece to print).
    // The guides start first: while Chromium prints their pieces, the other units keep Node busy.
    await Promise.all([...guides.map((unit) => buildUnit(unit)), lane(toBuild.filter((unit) => !unit.browser))]);

    // Units of this request's variants and formats that no longer exist (a module removed): their files go.
    if (!modules) {
      const planned = new Set(units.map((unit) => unit.key));
      const variants = new Set(loaded.programmes.map((programme) => programme.variant.code));
      for (const [key, unit] of Object.entries(index.units)) {
        if (planned.has(key) || !variants.has(unit.variant) || !formats.includes(unit.format as BuildFormat)) continue;
        await removeOutputs(outDir, Object.keys(unit.outputs));
        delete index.units[key];
      }
    }

    for (const unit of units) diagnostics.push(...(unitDiagnostics.get(unit.key) ?? []));
    const distinct = withoutRepeats(diagnostics);
    const results = units.map((unit) => outcomes.get(unit.key)!);
    const failed = results.some((outcome) => outcome.status === 'failed') || distinct.some((d) => d.severity === 'error');
    if (failed) delete index.requests[requestKey];
    else index.requests[requestKey] = { digest: requestDigest, units: Object.fromEntries(units.map((unit) => [unit.key, unit.digest])), diagnostics: distinct };
    if (units.length || existsSync(outDir)) writeIndex(outDir, index);
    return { diagnostics: distinct, stopped: false, units: results, leftAlone, unchanged: false };
  }
}

function planned(unit: PlannedUnit): PlannedUnit {
  return { key: unit.key, variant: unit.variant, format: unit.format, ...(unit.module ? { module: unit.module } : {}) };
}

function packagedModules(programme: ProgrammeIR): ModuleIR[] {
  return [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])];
}

export type { BuildIndex };
