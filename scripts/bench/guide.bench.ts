/**
 * Trainer guide and professional profile on the sample programme (content/ + modules/, variant es):
 * guide HTML render, guide PDF (pages estimated in Chromium, then one printing), and profiles for a synthetic intake of 300.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProgramme } from '../api.ts';
import { chromiumPath, launchChromium } from '../guide/browser.ts';
import { printGuidePdf } from '../guide/pdf.ts';
import { renderGuide } from '../guide/render.ts';
import { guideStrings } from '../guide/strings.ts';
import { buildAssessmentMap } from '../profile/assessment-map.ts';
import { csvLine } from '../csv/csv.ts';
import { runProfiles } from '../profile/run.ts';
import type { BenchSection } from './run.ts';
import { kib, median, ms, timeRuns } from './stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function bench(): Promise<BenchSection> {
  const { programmes } = await loadProgramme(root, { variants: ['es'] });
  const programme = programmes[0]!;
  const lines: string[] = ['| measure | median | runs | note |', '|---|---|---|---|'];

  let html = '';
  const renderTimes = await timeRuns(5, async () => {
    html = (await renderGuide(programme)).html;
  });
  lines.push(`| guide HTML render | ${ms(median(renderTimes))} | 5 | ${kib(Buffer.byteLength(html))} self-contained HTML |`);

  if (chromiumPath()) {
    const rendered = await renderGuide(programme);
    const browser = await launchChromium();
    try {
      let pages = 0;
      let bytes = 0;
      let prints = 0;
      const printTimes = await timeRuns(2, async () => {
        const printed = await printGuidePdf(rendered.html, { browser, toc: rendered.toc, strings: guideStrings(programme.variant), headerLeft: 'Guía', headerRight: programme.variant.name });
        pages = printed.pageCount;
        bytes = printed.pdf.length;
        prints = printed.prints;
      });
      lines.push(`| guide PDF (estimate TOC pages, print, check pages) | ${ms(median(printTimes))} | 2 | ${pages} pages, ${kib(bytes)}, printed ${prints} time(s) |`);
    } finally {
      await browser.close();
    }
  } else {
    lines.push('| guide PDF | — | 0 | skipped: no Chromium |');
  }

  // 300 learners answering every item of the assessment (a realistic intake), through the CSV reader.
  const map = buildAssessmentMap(programme);
  const rows = [csvLine(['learner_id', 'variant', 'interaction_id', 'response', 'result'])];
  for (let learner = 0; learner < 300; learner++) {
    for (const item of map.items.values()) {
      if (item.kind === 'confidence') rows.push(csvLine([`L${learner}`, 'es', item.id, String(1 + ((learner + item.id.length) % item.scalePoints)), 'neutral']));
      else if (item.kind === 'knowledge') rows.push(csvLine([`L${learner}`, 'es', item.id, 'a', (learner * 7 + item.id.length) % 3 ? 'correct' : 'wrong']));
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-bench-profile-'));
  const results = path.join(dir, 'results.csv');
  writeFileSync(results, rows.join('\n'));
  const profileTimes = await timeRuns(3, async (run) => runProfiles({ resultsFile: results, outDir: path.join(dir, `out-${run}`), programmes }));
  rmSync(dir, { recursive: true, force: true });
  lines.push(`| profiles: 300 learners × ${map.items.size} interactions (read CSV, compute, write 300 pages + cohort) | ${ms(median(profileTimes))} | 3 | ${rows.length - 1} CSV rows |`);

  return {
    title: 'Trainer guide and professional profile',
    markdown: `Sample programme, variant es (${programme.modules.length} modules + the diagnostic assessment).\n\n${lines.join('\n')}\n`,
  };
}
