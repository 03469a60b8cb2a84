/**
 * Prints the guide to PDF with headless Chromium: A4, running header (guide, programme, variant)
 * and footer (page X of Y), document outline, tagged PDF, and a table of contents whose page
 * numbers come from a first printing (see pdf-destinations.ts). Chromium supports neither
 * `target-counter()` nor running elements, so the numbers are measured, then written into the
 * TOC, then the document is printed again.
 */
import type { Browser } from 'playwright-core';
import { escapeHtml } from './escape.ts';
import { namedDestinationPages } from './pdf-destinations.ts';
import type { TocEntry } from './render.ts';
import type { GuideStrings } from './strings.ts';

export interface PrintOptions {
  browser: Browser;
  toc: TocEntry[];
  strings: GuideStrings;
  /** Left of the running header. */
  headerLeft: string;
  /** Right of the running header. */
  headerRight: string;
}

export interface PrintedGuide {
  pdf: Buffer;
  /** TOC entry id → page; entries whose page could not be read are absent. */
  pages: Map<string, number>;
  pageCount: number;
}

const MAX_PASSES = 3;

export async function printGuidePdf(html: string, options: PrintOptions): Promise<PrintedGuide> {
  const { browser, toc, strings: s } = options;
  const context = await browser.newContext({ javaScriptEnabled: true, offline: true });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const print = () =>
      page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        outline: true,
        tagged: true,
        margin: { top: '22mm', bottom: '20mm', left: '16mm', right: '16mm' },
        headerTemplate: `<div style="font-size:7.5pt;color:#4a5560;width:100%;margin:0 16mm;display:flex;justify-content:space-between;font-family:system-ui,sans-serif"><span>${escapeHtml(options.headerLeft)}</span><span>${escapeHtml(options.headerRight)}</span></div>`,
        footerTemplate: `<div style="font-size:7.5pt;color:#4a5560;width:100%;margin:0 16mm;text-align:right;font-family:system-ui,sans-serif">${escapeHtml(s.page)} <span class="pageNumber"></span> ${escapeHtml(s.pageOf)} <span class="totalPages"></span></div>`,
      });

    let pdf = await print();
    let pages = new Map<string, number>();
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const found = namedDestinationPages(pdf);
      const wanted = new Map(toc.filter((entry) => found.has(entry.id)).map((entry) => [entry.id, found.get(entry.id)!]));
      if (!wanted.size || sameNumbers(wanted, pages)) break;
      pages = wanted;
      await page.evaluate((numbers: Array<[string, number]>) => {
        for (const [id, number] of numbers) {
          const slot = document.querySelector(`.toc-page[data-target="${id}"]`);
          if (slot) slot.textContent = String(number);
        }
      }, [...pages]);
      // Writing numbers can only move pages if the TOC grows; print again and re-check.
      pdf = await print();
    }
    const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
    return { pdf, pages, pageCount };
  } finally {
    await context.close();
  }
}

function sameNumbers(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
