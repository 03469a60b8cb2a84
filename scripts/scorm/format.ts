/**
 * `wecare build` formats: SCORM 1.2 and SCORM 2004 4th edition packages (one SCO per module and
 * for the diagnostic assessment) and the web preview, all running the same learner player.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext, BuiltArtifact, FormatCompiler } from '../build/formats.ts';
import type { ModuleIR } from '../ir/types.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import { moduleChecks, packagedModules, scormPackage } from './package.ts';
import type { ScormPackaging } from './manifest.ts';
import { buildWebSite } from './web.ts';

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
  return {
    format: kind,
    async build(context) {
      const variantDir = path.join(context.outDir, context.programme.variant.code);
      await mkdir(variantDir, { recursive: true });
      const artifacts: BuiltArtifact[] = [];
      for (const module of packagedModules(context.programme)) {
        if (!packagable(context, module, kind === 'scorm12')) continue;
        const built = await scormPackage(module, context.programme, kind, moduleChecks(module, context.programme).reflectionMax);
        if ('problems' in built) {
          for (const problem of built.problems) context.report(manifestProblem(module, problem));
          continue;
        }
        const file = path.join(variantDir, `${module.id}.${kind}.zip`);
        await writeFile(file, built.zip);
        artifacts.push({ format: kind, path: file, bytes: built.zip.length });
      }
      return artifacts;
    },
  };
}

function manifestProblem(module: ModuleIR, problem: string): Diagnostic {
  return { file: module.source.file, line: module.source.line, column: module.source.column, severity: 'error', ruleId: 'scorm-manifest', message: `Manifest of "${module.id}": ${problem}.` };
}

export const scorm12Format: FormatCompiler = scormFormat('scorm12');
export const scorm2004Format: FormatCompiler = scormFormat('scorm2004');

export const webFormat: FormatCompiler = {
  format: 'web',
  async build(context) {
    const webDir = path.join(context.outDir, context.programme.variant.code, 'web');
    await rm(webDir, { recursive: true, force: true });
    const modules = packagedModules(context.programme).filter((module) => packagable(context, module, false));
    const bytes = await buildWebSite(context.programme, modules, webDir);
    return [{ format: 'web', path: webDir, bytes }];
  },
};
