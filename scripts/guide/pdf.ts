/**
 * Prints the guide to PDF with headless Chromium: A4, running header (guide, programme, variant)
 * and footer (page X of Y), document outline, tagged PDF, and a table of contents with page
 * numbers. Chromium supports neither `target-counter()` nor running elements, so the numbers are
 * found before printing by laying the document out as columns of exactly one page's content box
 * (page breaks become column breaks: the same fragmentation engine), written into the TOC, and the
 * document is printed once. The printed PDF's named destinations (pdf-destinations.ts) then
 * confirm every number; in the rare case one differs, the measured numbers are written and the
 * document is printed again.
 */
import type { Browser, Page } from 'playwright-core';
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
  /** How many times the guide was printed: 1 unless the estimated page numbers were wrong. */
  prints: number;
}

const MAX_PASSES = 3;
const MARGIN_MM = { top: 22, bottom: 20, left: 16, right: 16 };
const A4_MM = { width: 210, height: 297 };

/**
 * Page of each TOC target, found by laying the body out in columns one page's content box wide
 * and high; the document is left as it was.
 */
async function estimatePages(page: Page, ids: string[]): Promise<Map<string, number>> {
  const pxPerMm = 96 / 25.4;
  const box = { width: (A4_MM.width - MARGIN_MM.left - MARGIN_MM.right) * pxPerMm, height: (A4_MM.height - MARGIN_MM.top - MARGIN_MM.bottom) * pxPerMm };
  const pairs = await page.evaluate(({ box, ids }) => {
    const body = document.body;
    const columns = document.createElement('div');
    while (body.firstChild) columns.appendChild(body.firstChild);
    body.appendChild(columns);
    const restyled: Array<[HTMLElement, string | null]> = [];
    for (const element of columns.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(element);
      if (style.breakBefore !== 'page' && style.breakAfter !== 'page') continue;
      restyled.push([element, element.getAttribute('style')]);
      if (style.breakBefore === 'page') element.style.breakBefore = 'column';
      if (style.breakAfter === 'page') element.style.breakAfter = 'column';
    }
    Object.assign(columns.style, { width: `${box.width}px`, height: `${box.height}px`, columnWidth: `${box.width}px`, columnGap: '0px', columnFill: 'auto' });
    const left = columns.getBoundingClientRect().left;
    const found: Array<[string, number]> = [];
    for (const id of ids) {
      const target = document.getElementById(id);
      if (target) found.push([id, Math.floor((target.getBoundingClientRect().left - left + 1) / box.width) + 1]);
    }
    for (const [element, style] of restyled) {
      if (style === null) element.removeAttribute('style');
      else element.setAttribute('style', style);
    }
    while (columns.firstChild) body.insertBefore(columns.firstChild, columns);
    columns.remove();
    return found;
  }, { box, ids });
  return new Map(pairs);
}

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
        margin: { top: `${MARGIN_MM.top}mm`, bottom: `${MARGIN_MM.bottom}mm`, left: `${MARGIN_MM.left}mm`, right: `${MARGIN_MM.right}mm` },
        displayHeaderFooter: true,
        outline: true,
        tagged: true,
        headerTemplate: `<div style="font-size:7.5pt;color:#4a5560;width:100%;margin:0 16mm;display:flex;justify-content:space-between;font-family:system-ui,sans-serif"><span>${escapeHtml(options.headerLeft)}</span><span>${escapeHtml(options.headerRight)}</span></div>`,
        footerTemplate: `<div style="font-size:7.5pt;color:#4a5560;width:100%;margin:0 16mm;text-align:right;font-family:system-ui,sans-serif">${escapeHtml(s.page)} <span class="pageNumber"></span> ${escapeHtml(s.pageOf)} <span class="totalPages"></span></div>`,
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

    let written = await estimatePages(page, toc.map((entry) => entry.id));
    await writeNumbers(written);
    let pdf = await print();
    let prints = 1;
    let pages = tocPages(pdf);
    // The printed PDF has the last word: numbers that differ are corrected and the guide printed again.
    for (let pass = 1; pass < MAX_PASSES && pages.size && !sameNumbers(pages, written); pass++) {
      written = pages;
      await writeNumbers(written);
      pdf = await print();
      prints += 1;
      pages = tocPages(pdf);
    }
    const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
    return { pdf, pages, pageCount, prints };
  } finally {
    await context.close();
  }
}

function sameNumbers(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
