/**
 * Trainer guide and professional profile on the sample programme (content/ + modules/, variant es):
 * guide HTML render, guide PDF (printed in pieces kept in a cache: nothing cached, one chapter edited,
 * everything cached), and profiles for a synthetic intake of 300.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProgramme } from '../api.ts';
import { chromiumPath } from '../guide/browser.ts';
import { Printer } from '../guide/printer.ts';
import { mergeGuideParts } from '../guide/pdf-merge.ts';
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
    const printer = await Printer.launch();
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'wecare-bench-guide-'));
    const s = guideStrings(programme.variant);
    const print = (parts = rendered.print, cached = true) =>
      printGuidePdf(parts, { printer, toc: rendered.toc, strings: s, headerLeft: s.title, headerRight: programme.variant.name, title: s.title, lang: programme.variant.locale, ...(cached ? { cacheDir, cacheName: 'es' } : {}) });
    try {
      let last = await print(rendered.print, false);
      const cold = await timeRuns(2, async () => {
        last = await print(rendered.print, false);
      });
      lines.push(`| guide PDF, nothing cached: ${rendered.print.chapters.length} chapters, cover and contents, running heads printed (up to 3 at a time) and merged | ${ms(median(cold))} | 2 | ${last.pageCount} pages, ${kib(last.pdf.length)} |`);
      await print();
      let edits = 0;
      const oneChapter = await timeRuns(3, async () => {
        edits += 1;
        const chapters = rendered.print.chapters.map((chapter, index) => (index === 4 ? chapter.replace('</section>', `<p>Edición ${edits}.</p></section>`) : chapter));
        last = await print({ ...rendered.print, chapters });
      });
      lines.push(`| guide PDF after a one-chapter edit: that chapter printed, the rest from the cache, merged | ${ms(median(oneChapter))} | 3 | ${last.printed} piece(s) printed, ${last.reused} reused |`);
      await print();
      const merged = await timeRuns(3, async () => {
        last = await print();
      });
      lines.push(`| guide PDF, every piece cached (reading the pieces and merging them) | ${ms(median(merged))} | 3 | ${last.printed} printed |`);

      // Why pdf-objects.ts is hand-written: the same pieces joined by a PDF library (pages only, no structure tree).
      const pieces = readdirSync(cacheDir).filter((file) => file.endsWith('.pdf')).map((file) => readFileSync(path.join(cacheDir, file)));
      const own = await timeRuns(5, () => mergeGuideParts({ parts: pieces.map((pdf) => ({ pdf, owns: new Set<string>() })), outline: [], title: 't', lang: 'es' }));
      const { PDFDocument, ParseSpeeds } = await import('@cantoo/pdf-lib');
      const library = await timeRuns(5, async () => {
        const out = await PDFDocument.create({ updateMetadata: false });
        for (const piece of pieces) {
          const source = await PDFDocument.load(piece, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
          for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
        }
        await out.save({ useObjectStreams: false });
      });
      lines.push(`| joining the ${pieces.length} cached pieces: pdf-objects.ts (pages, structure tree, destinations) | ${ms(median(own))} | 5 | pdf-lib joining the pages alone takes ${ms(median(library))} (${(median(library) / median(own)).toFixed(1)}×) |`);
    } finally {
      await printer.close();
      rmSync(cacheDir, { recursive: true, force: true });
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
