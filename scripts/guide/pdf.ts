/**
 * Prints the guide to PDF with headless Chromium: A4, running header (guide, programme, variant)
 * and footer (page X of Y), document outline, tagged PDF, and a table of contents whose page
 * numbers come from a first printing (see pdf-destinations.ts). Chromium supports neither
 * `target-counter()` nor running elements, so the numbers are measured, then written into the
 * TOC, then the document is printed again.
 */
import type { Browser } from 'playwright-core';
import { escapeHtml } from '../html/escape.ts';
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
    // The draft (for measuring pages) skips what does not move content: tags, outline, header and
    // footer (they live in the fixed margins). It prints about twice as fast as the final.
    const print = (final: boolean) =>
      page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '22mm', bottom: '20mm', left: '16mm', right: '16mm' },
        ...(final
          ? {
              displayHeaderFooter: true,
              outline: true,
              tagged: true,
              headerTemplate: `<div style="font-size:7.5pt;color:#4a5560;width:100%;margin:0 16mm;display:flex;justify-content:space-between;font-family:system-ui,sans-serif"><span>${escapeHtml(options.headerLeft)}</span><span>${escapeHtml(options.headerRight)}</span></div>`,
              footerTemplate: `<div style="font-size:7.5pt;color:#4a5560;width:100%;margin:0 16mm;text-align:right;font-family:system-ui,sans-serif">${escapeHtml(s.page)} <span class="pageNumber"></span> ${escapeHtml(s.pageOf)} <span class="totalPages"></span></div>`,
            }
          : {}),
      });
    const tocPages = (pdf: Buffer) => {
      const found = namedDestinationPages(pdf);
      return new Map(toc.filter((entry) => found.has(entry.id)).map((entry) => [entry.id, found.get(entry.id)!]));
    };
    const writeNumbers = (numbers: Map<string, number>) =>
      page.evaluate((pairs: Array<[string, number]>) => {
        for (const [id, number] of pairs) {
          const slot = document.querySelector(`.toc-page[data-target="${id}"]`);
          if (slot) slot.textContent = String(number);
        }
      }, [...numbers]);

    let pages = tocPages(await print(false));
    if (pages.size) await writeNumbers(pages);
    let pdf = await print(true);
    // Writing the numbers can only move pages if the TOC grows a line; re-check on the final print.
    for (let pass = 1; pass < MAX_PASSES && pages.size; pass++) {
      const check = tocPages(pdf);
      if (sameNumbers(check, pages)) break;
      pages = check;
      await writeNumbers(pages);
      pdf = await print(true);
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
