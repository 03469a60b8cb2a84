/**
 * `wecare build --format guide` end to end on the sample IR: the HTML file and a PDF printed by
 * headless Chromium whose table-of-contents entries all resolve to pages, in order.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../scripts/api.ts';
import { chromiumPath, launchChromium } from '../../scripts/guide/browser.ts';
import { guideFormat } from '../../scripts/guide/format.ts';
import { namedDestinationPages } from '../../scripts/guide/pdf-destinations.ts';
import { printGuidePdf } from '../../scripts/guide/pdf.ts';
import { renderGuide } from '../../scripts/guide/render.ts';
import { guideStrings } from '../../scripts/guide/strings.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';

const hasChromium = Boolean(chromiumPath());
if (!hasChromium) console.warn('tests/guide/guide-pdf.browser.test.ts: skipped, no Chromium (apt-get install -y chromium or set CHROMIUM_PATH).');

describe.skipIf(!hasChromium)('guide format: HTML and PDF', () => {
  it('writes dist/<variant>/guide/guia-formador.{html,pdf} with TOC pages in order and chapters on new pages', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-guide-pdf-'));
    const programme = sampleProgramme('co', path.join(dir, 'src'));
    const diagnostics: Diagnostic[] = [];
    const artifacts = await guideFormat.build({ root: dir, outDir: path.join(dir, 'dist'), programme, options: {}, report: (d) => diagnostics.push(d) });
    expect(diagnostics).toEqual([]);
    expect(artifacts.map((a) => path.relative(dir, a.path))).toEqual(['dist/co/guide/guia-formador.html', 'dist/co/guide/guia-formador.pdf']);
    const html = readFileSync(artifacts[0]!.path, 'utf8');
    const pdf = readFileSync(artifacts[1]!.path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const tocIds = [...html.matchAll(/<span class="toc-page" data-target="([^"]+)">/g)].map((m) => m[1]!);
    expect(tocIds.length).toBeGreaterThan(5);
    const pages = namedDestinationPages(pdf);
    const numbers = tocIds.map((id) => pages.get(id));
    expect(numbers.every((n) => typeof n === 'number')).toBe(true);
    expect([...numbers].sort((a, b) => a! - b!)).toEqual(numbers);
    // Cover and TOC share page 1; every chapter starts a page.
    expect(numbers[0]).toBe(2);
    expect(pages.get('itinerario')).toBeGreaterThan(pages.get('presentacion')!);
    expect(pages.get('mod-m01-demo')).toBeGreaterThan(pages.get('competencias')!);
    // Lang and outline are set for assistive technology.
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Lang (es-CO)');
    expect(raw).toContain('/Outlines');
    expect(raw).toContain('/StructTreeRoot');
  });

  it('the HTML guide reads on a 320 px screen without horizontal scroll and passes axe-core (WCAG 2.1 AA)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-guide-a11y-'));
    const programme = sampleProgramme('es', path.join(dir, 'src'));
    const [artifact] = await guideFormat.build({ root: dir, outDir: path.join(dir, 'dist'), programme, options: { guidePdf: false }, report: () => undefined });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
      await page.goto(pathToFileURL(artifact!.path).href);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.addScriptTag({ content: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('finds the TOC page numbers before printing, so the guide is printed once with the pages the PDF has', async () => {
    const programme = sampleProgramme('es', path.join(mkdtempSync(path.join(os.tmpdir(), 'wecare-guide-once-')), 'src'));
    const rendered = await renderGuide(programme);
    const browser = await launchChromium();
    try {
      const printed = await printGuidePdf(rendered.html, { browser, toc: rendered.toc, strings: guideStrings(programme.variant), headerLeft: 'Guía', headerRight: programme.variant.name });
      expect(printed.pages.size).toBe(rendered.toc.length);
      expect(printed.pageCount).toBeGreaterThan(3);
      expect(printed.prints).toBe(1);
    } finally {
      await browser.close();
    }
  });

  it('writes only the HTML when asked not to print', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-guide-nopdf-'));
    const programme = sampleProgramme('es', path.join(dir, 'src'));
    const artifacts = await guideFormat.build({ root: dir, outDir: path.join(dir, 'dist'), programme, options: { guidePdf: false }, report: () => undefined });
    expect(artifacts).toHaveLength(1);
    expect(existsSync(path.join(dir, 'dist/es/guide/guia-formador.pdf'))).toBe(false);
  });
});
