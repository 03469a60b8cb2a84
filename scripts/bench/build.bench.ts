/**
 * `wecare build` and the CLI's start, as a user meets them: each figure is a new `node bin/wecare.js`
 * process, on a copy of the sample programme (content/ + modules/) in a temporary folder.
 * Targets (issue 13): --help < 150 ms, start-up before a command's work < 250 ms, cold full
 * build < 8 s, no-change rebuild < 1 s, one lesson edited < 3 s including that variant's guide PDF.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromiumPath } from '../guide/browser.ts';
import type { BenchSection } from './run.ts';
import { median, ms, timeRuns } from './stats.ts';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const launcher = path.join(root, 'bin/wecare.js');

async function wecare(args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run(process.execPath, [launcher, ...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

const verdict = (value: number, target: number) => (value < target ? `under ${ms(target)} ✔` : `over ${ms(target)} ✘`);

export default async function bench(): Promise<BenchSection> {
  const lines = ['| measure | median | runs | target |', '|---|---|---|---|'];
  const row = (label: string, times: number[], target?: number) => lines.push(`| ${label} | ${ms(median(times))} | ${times.length} | ${target ? verdict(median(times), target) : '—'} |`);

  const load = os.loadavg()[0]!.toFixed(1);
  await wecare(['--version'], root); // compiles the CLI when it is missing or stale
  row('`node -e 0`: Node\'s own start, the floor of every figure below', await timeRuns(7, () => run(process.execPath, ['-e', '0'])));
  row('`wecare --help` (compiled)', await timeRuns(7, () => wecare(['--help'], root)), 150);
  row('`wecare build --help`: start-up and the build command loaded, before any work (compiled)', await timeRuns(7, () => wecare(['build', '--help'], root)), 250);
  row('`wecare --help` through tsx (`WECARE_CLI=tsx`), for comparison', await timeRuns(3, () => wecare(['--help'], root, { WECARE_CLI: 'tsx' })));

  const copy = mkdtempSync(path.join(os.tmpdir(), 'wecare-bench-build-'));
  try {
    for (const folder of ['content', 'modules', 'translations']) {
      if (existsSync(path.join(root, folder))) cpSync(path.join(root, folder), path.join(copy, folder), { recursive: true });
    }
    // Every variant the sample ships, unless one cannot be built yet (e.g. untranslated): then the others.
    let only: string[] = [];
    let note = 'every variant';
    try {
      await wecare(['check'], copy);
    } catch {
      only = ['--variant', 'es,co'];
      note = 'variants es and co (`wecare check` fails on the others)';
    }
    let summary = '';
    const cold = await timeRuns(2, async () => {
      // Cold: no output and nothing kept between builds (printed guide pieces, derived media).
      rmSync(path.join(copy, 'dist'), { recursive: true, force: true });
      rmSync(path.join(copy, '.wecare-cache'), { recursive: true, force: true });
      summary = await wecare(['build', ...only], copy);
    });
    row(`cold full build of the sample (every format, ${note}, guide PDFs)`, cold, 8000);
    row('no-change rebuild', await timeRuns(5, () => wecare(['build', ...only], copy)), 1000);
    const moduleDir = path.join(copy, 'modules', readdirSync(path.join(copy, 'modules')).sort()[2]!);
    const lesson = path.join(moduleDir, readdirSync(moduleDir).filter((name) => /^\d.*\.md$/.test(name)).sort()[0]!);
    const edited = await timeRuns(5, async (n) => {
      appendFileSync(lesson, `\nUn párrafo más (${n}).\n`);
      await wecare(['build', '--variant', 'es'], copy);
    });
    row(`one lesson edited (${path.relative(copy, lesson)}), \`wecare build --variant es\`: its module's outputs, the web index and the guide PDF`, edited, 3000);
    const outputs = summary.match(/^Built (\d+) outputs/m)?.[1] ?? '?';
    return {
      title: '`wecare build` and CLI start-up',
      markdown: `Each figure is a new process (\`node bin/wecare.js …\`) on a copy of the sample programme: ${outputs} outputs (variant × format × module, the web indexes and the guides)${chromiumPath() ? '' : '; no Chromium, so no guide PDF'}. Load average when it started: ${load} on ${os.cpus().length} cores (other work shares the machine; figures are wall-clock).\n\n${lines.join('\n')}\n`,
    };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
