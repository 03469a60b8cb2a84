/**
 * The packages a deployment needs: built now with the same compilers as `wecare build` (fresh,
 * so Moodle always gets the current content; deterministic zips keep unchanged modules
 * byte-identical, hence "unchanged"), or taken from an earlier build.
 */
import type { ProgrammeIR } from '../../../scripts/ir/types.ts';
import { formatCompilers } from '../../../scripts/build/formats.ts';
import type { Diagnostic } from '../../../scripts/validate/diagnostic.ts';
import type { DeployFormat } from './config.ts';

export interface BuildResult {
  diagnostics: Diagnostic[];
  files: number;
}

/** Compiles `formats` for every programme (variant) into `outDir`, as `wecare build` would. */
export async function buildPackages(root: string, outDir: string, programmes: readonly ProgrammeIR[], formats: readonly DeployFormat[], options: Record<string, string | boolean | undefined> = {}): Promise<BuildResult> {
  const diagnostics: Diagnostic[] = [];
  let files = 0;
  for (const programme of programmes) {
    for (const format of formats) {
      const compiler = await formatCompilers[format]();
      const built = await compiler.build({ root, outDir, programme, options, report: (diagnostic) => diagnostics.push(diagnostic) });
      files += built.length;
    }
  }
  return { diagnostics, files };
}
