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
import { Printer } from '../../scripts/guide/printer.ts';
import { renderGuide } from '../../scripts/guide/render.ts';
import { guideStrings } from '../../scripts/guide/strings.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';
import { readPdf } from './pdf-reader.ts';

const hasChromium = Boolean(chromiumPath());
if (!hasChromium) console.warn('tests/guide/guide-pdf.browser.test.ts: skipped, no Chromium (apt-get install -y chromium or set CHROMIUM_PATH).');

describe.skipIf(!hasChromium)('guide format: HTML and PDF', () => {
  it('writes dist/<variant>/guide/<name in its language>.{html,pdf} with TOC pages in order and chapters on new pages', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-guide-pdf-'));
    const programme = sampleProgramme('co', path.join(dir, 'src'));
    const diagnostics: Diagnostic[] = [];
    const artifacts = await guideFormat.build({ root: dir, outDir: path.join(dir, 'dist'), programme, options: {}, report: (d) => diagnostics.push(d) });
    expect(diagnostics).toEqual([]);
    expect(artifacts.map((a) => path.relative(dir, a.path))).toEqual(['dist/co/guide/guia-instructor.html', 'dist/co/guide/guia-instructor.pdf']);
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

  it('prints the guide in pieces and, after a one-chapter edit, prints only that chapter again', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-guide-pieces-'));
    const programme = sampleProgramme('es', path.join(dir, 'src'));
    const rendered = await renderGuide(programme);
    const strings = guideStrings(programme.variant);
    const cacheDir = path.join(dir, 'cache');
    const options = { toc: rendered.toc, strings, headerLeft: 'Guía', headerRight: programme.variant.name, title: 'Guía', lang: 'es-ES', cacheDir, cacheName: 'es' };
    const printer = await Printer.launch();
    try {
      const first = await printGuidePdf(rendered.print, { printer, ...options });
      // Every chapter, then the cover and contents, then the running header and footer.
      expect(first.printed).toBe(rendered.print.chapters.length + 2);
      expect(first.pages.size).toBe(rendered.toc.length);

      // Read back by pdf.js, the pieces are one document.
      const read = await readPdf(first.pdf);
      const total = read.pages.length;
      expect(total).toBe(first.pageCount);
      read.pages.forEach((page, index) => {
        // Running header and footer on every page, as artifacts that screen readers skip.
        expect(page.artifacts).toContain(`${strings.page} ${index + 1} ${strings.pageOf} ${total}`);
        expect(page.artifacts).toContain(programme.variant.name);
        expect(page.text).not.toContain(`${strings.pageOf} ${total}`);
        // One structure tree, in which the page's text sits in paragraphs, headings, lists or tables.
        expect(page.roles[0]).toBe('Root');
        expect(page.roles.filter((role) => role === 'Document')).toHaveLength(1);
        if (page.text.trim()) expect(page.roles.some((role) => /^(?:P|H[1-6]|L|LI|LBody|Table|TR|TD|TH)$/.test(role))).toBe(true);
      });
      for (const entry of rendered.toc) {
        const page = first.pages.get(entry.id)!;
        // The contents list the page the heading is on, and link to it.
        expect(read.pages[page - 1]!.text).toContain(entry.title);
        expect(read.pages.slice(0, 2).map((p) => p.text).join(' ')).toContain(`${entry.title} ${page}`);
      }
      const tocLinks = read.pages.slice(0, 2).flatMap((page) => page.linkTargets);
      expect([...new Set(tocLinks)].sort((a, b) => a - b)).toEqual([...new Set(first.pages.values())].sort((a, b) => a - b));
      expect(read.outline.map((item) => [item.title, item.page])).toEqual(rendered.toc.filter((entry) => entry.level === 1).map((entry) => [entry.title, first.pages.get(entry.id)]));
      expect(read.outline.flatMap((item) => item.children.map((child) => child.page))).toEqual(rendered.toc.filter((entry) => entry.level === 2).map((entry) => first.pages.get(entry.id)));
      expect(read.language).toBe('es-ES');

      const again = await printGuidePdf(rendered.print, { printer, ...options });
      expect(again.printed).toBe(0);
      expect(Buffer.from(again.pdf).equals(Buffer.from(first.pdf))).toBe(true);

      const edited = { ...rendered.print, chapters: rendered.print.chapters.map((chapter, index) => (index === 3 ? chapter.replace('</section>', '<p>Un párrafo nuevo.</p></section>') : chapter)) };
      const afterEdit = await printGuidePdf(edited, { printer, ...options });
      expect(afterEdit.printed).toBe(1);
      expect(afterEdit.reused).toBe(rendered.print.chapters.length + 1);
      expect((await readPdf(afterEdit.pdf)).pages.some((page) => page.text.includes('Un párrafo nuevo.'))).toBe(true);
    } finally {
      await printer.close();
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
