/** Builds one module's SCORM package (zip bytes) or web folder entries. */
import { readShippableMedia } from '../media/svg.ts';
import type { ModuleIR, ProgrammeIR } from '../ir/types.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import { createZip, isSafeEntryName, type ZipEntry } from '../package/zip.ts';
import type { LmsMode } from '../../templates/player/src/model.ts';
import { checkIdentifiers, checkMedia, suspendBudget } from './checks.ts';
import { toLearnerModule } from './learner-model.ts';
import { manifest12, manifest2004, verifyManifest, type ScormPackaging } from './manifest.ts';
import { modulePage } from './page.ts';
import { playerRuntime } from './runtime.ts';

/** The modules a programme packages: every module, then the diagnostic assessment when present. */
export function packagedModules(programme: ProgrammeIR): ModuleIR[] {
  return [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])];
}

export interface ModuleChecks {
  reflectionMax: number;
  worstCase: number;
  /** Problems that stop every format (identifiers, media). */
  blocking: Diagnostic[];
  /** Warnings to show once. */
  warnings: Diagnostic[];
  /** SCORM 1.2 only. */
  budget: Diagnostic[];
}

const checkCache = new WeakMap<ModuleIR, ModuleChecks>();

export function moduleChecks(module: ModuleIR, programme: ProgrammeIR): ModuleChecks {
  const cached = checkCache.get(module);
  if (cached) return cached;
  const found = [...checkIdentifiers(module), ...checkMedia(module)];
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(module.id)) {
    found.push({ file: module.source.file, line: module.source.line, column: module.source.column, severity: 'error', ruleId: 'scorm-identifier', message: `Module id "${module.id}" cannot name a package file: use letters, digits, ".", "-" and "_".` });
  }
  const budget = suspendBudget(module, programme);
  const result: ModuleChecks = {
    reflectionMax: budget.reflectionMax,
    worstCase: budget.worstCase,
    blocking: found.filter((d) => d.severity === 'error'),
    warnings: found.filter((d) => d.severity !== 'error'),
    budget: budget.diagnostics,
  };
  checkCache.set(module, result);
  return result;
}

/** Learner files of a module: the launch page and its media (not the shared runtime). */
export async function moduleFiles(module: ModuleIR, programme: ProgrammeIR, lms: LmsMode, reflectionMax: number, assets: { css: string; js: string }, homeHref?: string): Promise<ZipEntry[]> {
  const model = toLearnerModule(module, programme, lms, reflectionMax);
  if (homeHref) model.homeHref = homeHref;
  const entries: ZipEntry[] = [{ name: 'index.html', data: modulePage(model, assets) }];
  for (const media of module.media) {
    if (!isSafeEntryName(media.path)) throw new Error(`Unsafe media path "${media.path}" in module "${module.id}".`);
    entries.push({ name: media.path, data: await readShippableMedia(media) });
  }
  return entries;
}

export interface BuiltPackage {
  zip: Buffer;
  manifest: string;
  files: string[];
}

/** The package's bytes, or the problems that stop it. */
export async function scormPackage(module: ModuleIR, programme: ProgrammeIR, kind: ScormPackaging, reflectionMax: number): Promise<BuiltPackage | { problems: string[] }> {
  const runtime = await playerRuntime();
  const entries = await moduleFiles(module, programme, kind === 'scorm12' ? '1.2' : '2004', reflectionMax, { css: 'player.css', js: 'player.js' });
  entries.push({ name: 'player.js', data: runtime.js }, { name: 'player.css', data: runtime.css });
  const files = entries.map((e) => e.name).sort();
  const input = { module, programme, files, launch: 'index.html' };
  const manifest = kind === 'scorm12' ? manifest12(input) : manifest2004(input);
  const problems = await verifyManifest(manifest, files);
  if (problems.length) return { problems };
  entries.push({ name: 'imsmanifest.xml', data: manifest });
  return { zip: await createZip(entries), manifest, files: [...files, 'imsmanifest.xml'].sort() };
}
