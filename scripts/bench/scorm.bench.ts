/**
 * SCORM / web packaging: build time of the programme (the bundled sample programme when it loads,
 * else tests/fixtures/programme-mini), each package's size, the player runtime gzipped, and the
 * worst-case suspend_data of each module against SCORM 1.2's 4,096 characters.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProgramme, type ProgrammeIR } from '../api.ts';
import type { BuiltArtifact } from '../build/formats.ts';
import { scorm12Format, scorm2004Format, webFormat } from '../scorm/format.ts';
import { moduleChecks, packagedModules } from '../scorm/package.ts';
import { runtimeGzipBytes } from '../scorm/runtime.ts';
import type { BenchSection } from './run.ts';
import { kib, median, ms, timeRuns } from './stats.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function pickProgramme(): Promise<{ label: string; programmes: ProgrammeIR[] }> {
  for (const [label, root] of [['the bundled programme (`content/`, `modules/`)', repoRoot], ['tests/fixtures/programme-mini', path.join(repoRoot, 'tests/fixtures/programme-mini')]] as const) {
    if (!existsSync(path.join(root, 'content/programme.yaml'))) continue;
    try {
      const loaded = await loadProgramme(root);
      if (loaded.programmes.length && !loaded.diagnostics.some((d) => d.severity === 'error')) return { label, programmes: loaded.programmes };
    } catch {
      // Try the next one.
    }
  }
  throw new Error('No programme loads without errors: nothing to benchmark.');
}

async function buildAll(programmes: ProgrammeIR[], outDir: string): Promise<BuiltArtifact[]> {
  const artifacts: BuiltArtifact[] = [];
  for (const programme of programmes) {
    for (const compiler of [scorm12Format, scorm2004Format, webFormat]) {
      artifacts.push(...(await compiler.build({ root: outDir, outDir, programme, options: {}, report: () => undefined })));
    }
  }
  return artifacts;
}

export default async function bench(): Promise<BenchSection> {
  const { label, programmes } = await pickProgramme();
  const runtime = await runtimeGzipBytes();
  const out = mkdtempSync(path.join(os.tmpdir(), 'wecare-bench-scorm-'));
  let artifacts: BuiltArtifact[] = [];
  const times = await timeRuns(7, async () => {
    artifacts = await buildAll(programmes, out);
  });
  rmSync(out, { recursive: true, force: true });
  const moduleCount = programmes.reduce((sum, p) => sum + packagedModules(p).length, 0);

  const sizes = artifacts
    .filter((a) => a.format !== 'web')
    .map((a) => `| ${path.relative(out, a.path)} | ${kib(a.bytes ?? 0)} |`);
  const budgets = programmes.flatMap((p) => packagedModules(p).map((m) => {
    const checks = moduleChecks(m, p);
    return `| ${p.variant.code} | ${m.id} | ${checks.worstCase} | ${(100 * checks.worstCase / 4096).toFixed(0)} % | ${checks.reflectionMax} |`;
  }));

  return {
    title: 'SCORM packages and learner player',
    markdown: [
      `Programme: ${label}, ${programmes.length} variant(s), ${moduleCount} module(s) including the diagnostic assessment.`,
      '',
      `- Build time for SCORM 1.2 + SCORM 2004 + web, all variants (programme already loaded; the player bundle is built once per process, so this is the warm figure): **${ms(median(times))}** median of 7 (first run ${ms(times[0]!)}).`,
      `- Player runtime gzipped: **${kib(runtime.total)}** (JS ${kib(runtime.js)}, CSS ${kib(runtime.css)}); budget 40 KiB.`,
      '',
      '| package | size |',
      '|---|---|',
      ...sizes,
      '',
      'Worst-case suspend_data per module (every page seen, every answer at its longest, every text full of characters JSON escapes); SCORM 1.2 allows 4,096 characters:',
      '',
      '| variant | module | worst case (chars) | of 4,096 | reflection cap (chars) |',
      '|---|---|---|---|---|',
      ...budgets,
    ].join('\n'),
  };
}
