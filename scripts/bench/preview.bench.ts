/**
 * `wecare preview` on the sample programme: from saving a lesson to the open page showing the
 * new text after its automatic reload, in headless Chromium. Target: under 300 ms.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../guide/browser.ts';
import { startPreview } from '../preview/server.ts';
import type { BenchSection } from './run.ts';
import { median, ms } from './stats.ts';

const RUNS = 9;
const TARGET_MS = 300;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lessonPath = 'modules/01-cuidado-profesional/01-que-es-cuidar.md';

export default async function previewBench(): Promise<BenchSection> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wecare-bench-preview-'));
  cpSync(path.join(repoRoot, 'content'), path.join(root, 'content'), { recursive: true });
  cpSync(path.join(repoRoot, 'modules'), path.join(root, 'modules'), { recursive: true });
  const startedAt = performance.now();
  const preview = await startPreview({ root, log: process.env.WECARE_BENCH_LOG ? (line) => process.stderr.write(`${(performance.now() - startedAt).toFixed(0)} ${line.slice(0, 200)}\n`) : undefined });
  const startup = performance.now() - startedAt;
  const browser = await launchChromium();
  const saveToPage: number[] = [];
  const rebuilds: number[] = [];
  const off = preview.onRebuild((result) => rebuilds.push(result.milliseconds));
  try {
    const page = await browser.newPage();
    await page.goto(`${preview.url}es/m01-cuidado-profesional/index.html`);
    // The lesson page stays open across reloads (the player keeps its bookmark).
    await page.locator('button.next').click();
    await page.waitForFunction(() => document.documentElement.dataset.wecarePreview !== undefined);
    const file = path.join(root, lessonPath);
    const original = readFileSync(file, 'utf8');
    for (let run = 0; run < RUNS; run += 1) {
      // A designer saves, looks, then saves again: each save starts with the server idle.
      await preview.idle();
      const marker = `Marca de prueba ${run}`;
      const start = performance.now();
      writeFileSync(file, `${original.trimEnd()}\n\n${marker}.\n`);
      await page.waitForFunction((text) => document.querySelector('main')?.textContent?.includes(text), marker, { timeout: 30_000 });
      saveToPage.push(performance.now() - start);
    }
  } finally {
    off();
    await browser.close();
    await preview.close();
    rmSync(root, { recursive: true, force: true });
  }
  const result = median(saveToPage);
  const load = os.loadavg()[0]!.toFixed(1);
  return {
    title: 'Preview: save → reloaded page',
    markdown: `\`wecare preview\` on the sample programme (${preview.session.variants.length} variants), one lesson page open in headless Chromium; a paragraph is added to \`${lessonPath}\` and saved ${RUNS} times, each time once the previous rebuild is over. The variants the open page shows are rebuilt first; the others follow once the page has reloaded.

| measure | median |
|---|---|
| save → the open page shows the new text (reload included) | ${ms(result)} (target < ${TARGET_MS} ms: ${result < TARGET_MS ? 'met' : 'NOT met'}) |
| whole rebuild after the save, every variant (only that module, only that lesson processed again) | ${ms(median(rebuilds))} |
| start-up (programme loaded, server listening) | ${ms(startup)} |

Load average while measuring: ${load} on ${os.cpus().length} cores (the figure includes Chromium's own reload of the page).
`,
  };
}
