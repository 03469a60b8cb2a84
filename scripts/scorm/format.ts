/**
 * `wecare build` formats: SCORM 1.2 and SCORM 2004 4th edition packages (one SCO per module and
 * for the diagnostic assessment) and the web preview, all running the same learner player.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext, BuiltArtifact, FormatCompiler } from '../build/formats.ts';
import type { ModuleIR } from '../ir/types.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import { moduleChecks, packagedModules, scormPackage } from './package.ts';
import type { ScormPackaging } from './manifest.ts';
import { buildWebIndex, buildWebModule } from './web.ts';

const reportedWarnings = new WeakSet<ModuleIR>();

/** Reports a module's checks (warnings once across formats); false when the module cannot be packaged. */
export function packagable(context: BuildContext, module: ModuleIR, withBudget: boolean): boolean {
  const checks = moduleChecks(module, context.programme);
  if (!reportedWarnings.has(module)) {
    reportedWarnings.add(module);
    for (const d of [...checks.blocking, ...checks.warnings]) context.report(d);
  }
  if (withBudget) for (const d of checks.budget) context.report(d);
  return checks.blocking.length === 0 && (!withBudget || checks.budget.length === 0);
}

function scormFormat(kind: ScormPackaging): FormatCompiler {
  const buildModule = async (context: BuildContext, module: ModuleIR): Promise<BuiltArtifact[]> => {
    if (!packagable(context, module, kind === 'scorm12')) return [];
    const built = await scormPackage(module, context.programme, kind, moduleChecks(module, context.programme).reflectionMax);
    if ('problems' in built) {
      for (const problem of built.problems) context.report(manifestProblem(module, problem));
      return [];
    }
    const variantDir = path.join(context.outDir, context.programme.variant.code);
    await mkdir(variantDir, { recursive: true });
    const file = path.join(variantDir, `${module.id}.${kind}.zip`);
    await writeFile(file, built.zip);
    return [{ format: kind, path: file, bytes: built.zip.length }];
  };
  return {
    format: kind,
    async build(context) {
      const artifacts: BuiltArtifact[] = [];
      for (const module of packagedModules(context.programme)) artifacts.push(...(await buildModule(context, module)));
      return artifacts;
    },
    parts: { module: buildModule },
  };
}

function manifestProblem(module: ModuleIR, problem: string): Diagnostic {
  return { file: module.source.file, line: module.source.line, column: module.source.column, severity: 'error', ruleId: 'scorm-manifest', message: `Manifest of "${module.id}": ${problem}.` };
}

export const scorm12Format: FormatCompiler = scormFormat('scorm12');
export const scorm2004Format: FormatCompiler = scormFormat('scorm2004');

const webDirOf = (context: BuildContext) => path.join(context.outDir, context.programme.variant.code, 'web');

/** The web preview: `web/<module>/` per module, and `web/index.html` with `web/assets/` for the variant. */
export const webFormat: FormatCompiler = {
  format: 'web',
  async build(context) {
    const modules = packagedModules(context.programme).filter((module) => packagable(context, module, false));
    const webDir = webDirOf(context);
    await buildWebIndex(context.programme, modules, webDir);
    for (const module of modules) await buildWebModule(context.programme, module, webDir);
    return [{ format: 'web', path: webDir }];
  },
  parts: {
    async module(context, module) {
      if (!packagable(context, module, false)) return [];
      return [{ format: 'web', path: await buildWebModule(context.programme, module, webDirOf(context)) }];
    },
    async variant(context) {
      const modules = packagedModules(context.programme).filter((module) => packagable(context, module, false));
      return (await buildWebIndex(context.programme, modules, webDirOf(context))).map((file) => ({ format: 'web' as const, path: file }));
    },
  },
};
