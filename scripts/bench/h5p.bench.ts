/**
 * H5P build time and package sizes, on the bundled mini programme (tests/fixtures/programme-mini),
 * both variants. The parser runs once; what is timed is `h5pFormat.build` for every variant.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProgramme } from '../api.ts';
import type { BuiltArtifact } from '../build/formats.ts';
import { buildH5p } from '../h5p/format.ts';
import type { BenchSection } from './run.ts';
import { kib, median, ms, timeRuns } from './stats.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.resolve(here, '../../tests/fixtures/programme-mini');
const RUNS = 15;

export default async function bench(): Promise<BenchSection> {
  const { programmes } = await loadProgramme(fixture);
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'wecare-bench-h5p-'));
  let artifacts: BuiltArtifact[] = [];
  const buildAll = async () => {
    artifacts = [];
    for (const programme of programmes) {
      artifacts.push(...(await buildH5p({ root: fixture, outDir, programme, options: {}, report: () => {} }, { coreApi: '1.27' })));
    }
  };
  // The first build also converts SVG images to PNG; later builds reuse the converted images.
  const [cold] = await timeRuns(1, buildAll);
  const warm = await timeRuns(RUNS, buildAll);
  rmSync(outDir, { recursive: true, force: true });

  // The bundled sample programme (modules/): real lessons, tables and SVG figures.
  const sample = await loadProgramme(path.resolve(here, '../..'));
  const sampleOut = mkdtempSync(path.join(os.tmpdir(), 'wecare-bench-h5p-sample-'));
  let sampleArtifacts: BuiltArtifact[] = [];
  const sampleTimes = await timeRuns(3, async () => {
    sampleArtifacts = [];
    for (const programme of sample.programmes) {
      sampleArtifacts.push(...(await buildH5p({ root: path.resolve(here, '../..'), outDir: sampleOut, programme, options: {}, report: () => {} }, { coreApi: '1.27' })));
    }
  });
  rmSync(sampleOut, { recursive: true, force: true });
  const sampleSizes = sampleArtifacts.map((artifact) => artifact.bytes ?? 0);
  const books = sampleArtifacts.filter((artifact) => sample.programmes.some((p) => p.modules.some((m) => artifact.path.endsWith(`${path.sep}${m.id}.h5p`))));

  const rows = artifacts
    .map((artifact) => ({ name: path.relative(outDir, artifact.path), bytes: artifact.bytes ?? 0 }))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(({ name, bytes }) => `| \`${name}\` | ${kib(bytes)} |`);
  const total = artifacts.reduce((sum, artifact) => sum + (artifact.bytes ?? 0), 0);
  return {
    title: 'H5P packages',
    markdown: [
      `Builds every module, the assessment and every scored quiz of \`tests/fixtures/programme-mini\` as content-only .h5p packages for ${programmes.length} variants (${artifacts.length} packages), including the project's own package validation.`,
      '',
      `- First build (includes SVG → PNG conversion): ${ms(cold!)}`,
      `- Rebuild, median of ${RUNS}: ${ms(median(warm))} (${ms(median(warm) / Math.max(1, artifacts.length))} per package)`,
      `- Total size: ${kib(total)}; median package ${kib(median(artifacts.map((a) => a.bytes ?? 0)))}`,
      '',
      `Bundled sample programme (\`modules/\`, ${sample.programmes.length} variants, ${sampleArtifacts.length} packages): build median of 3 ${ms(median(sampleTimes))}; module books median ${kib(median(books.map((b) => b.bytes ?? 0)))}, largest package ${kib(Math.max(...sampleSizes))}, all packages ${kib(sampleSizes.reduce((a, b) => a + b, 0))}.`,
      '',
      '| mini programme package | size |',
      '|---|---|',
      ...rows,
    ].join('\n'),
  };
}
