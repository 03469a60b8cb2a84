/**
 * Prints the guide to PDF with headless Chromium: A4, running header (guide, programme, variant)
 * and footer (page X of Y), outline, tagged PDF, and a table of contents with page numbers.
 *
 * The guide is printed in pieces that break pages anyway (cover and contents, then each chapter),
 * each kept in a cache under the digest of what it prints, so that after editing one lesson only
 * that lesson's chapter is printed again. Chromium has no `target-counter()`: a chapter's pages
 * are read from its own PDF (its named destinations), which gives every table-of-contents number
 * before the cover and contents are printed. pdf-merge.ts joins the pieces, with the running
 * header and footer printed once for the whole page count.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../html/escape.ts';
import { mergeGuideParts } from './pdf-merge.ts';
import type { PrintMargins, Printer } from './printer.ts';
import { pagesAndDestinations } from './pdf-destinations.ts';
import { PrintedPartCache, type PrintedPart } from './pdf-part-cache.ts';
import type { GuidePrintParts, TocEntry } from './render.ts';
import type { GuideStrings } from './strings.ts';

export interface PrintOptions {
  /** Chromium, shared by every guide a build prints. */
  printer: Printer;
  toc: TocEntry[];
  strings: GuideStrings;
  /** Left of the running header. */
  headerLeft: string;
  /** Right of the running header. */
  headerRight: string;
  /** Document title and language of the PDF. */
  title: string;
  lang: string;
  /** Where printed pieces are kept between builds; without it every piece is printed. */
  cacheDir?: string;
  /** Names this guide's list of pieces in the cache (pieces no guide lists any more are removed). */
  cacheName?: string;
}

export interface PrintedGuide {
  pdf: Uint8Array;
  /** TOC entry id → page; entries whose page could not be read are absent. */
  pages: Map<string, number>;
  pageCount: number;
  /** Pieces printed by Chromium this time (the others came from the cache). */
  printed: number;
  reused: number;
}

/** Changes whenever what a piece looks like may change without its HTML changing. */
const PRINT_FORMAT = 'guide-pdf/2';
const MARGINS: PrintMargins = { top: 22, right: 16, bottom: 20, left: 16 };
const NO_MARGINS: PrintMargins = { top: 0, right: 0, bottom: 0, left: 0 };
const MAX_FRONT_PASSES = 3;

const idsIn = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));
const linksIn = (html: string) => new Set([...html.matchAll(/\shref="#([^"]+)"/g)].map((match) => match[1]!));

/**
 * A piece as a document of its own. Links to other pieces get an empty target here (replaced by
 * the real one when merging) so that Chromium still writes them; ids the table of contents points
 * to get an empty link, so that Chromium writes their destinations.
 */
function pieceDocument(head: string, body: string, tocIds: ReadonlySet<string>): { html: string; owns: Set<string> } {
  const owns = idsIn(body);
  const links = linksIn(body);
  const placeholders = [...links].filter((id) => !owns.has(id)).map((id) => `<span id="${escapeHtml(id)}"></span>`);
  const anchors = [...owns].filter((id) => tocIds.has(id) && !links.has(id)).map((id) => `<a href="#${escapeHtml(id)}"></a>`);
  // Inside the first heading: before it, even an empty element would push the piece's page break down a page.
  const marked = body.replace(/<h[1-6]\b[^>]*>/, (tag) => `${tag}${placeholders.join('')}${anchors.join('')}`);
  return { html: `${head}<body>\n${marked}\n</body>\n</html>\n`, owns };
}

function overlayDocument(lang: string, pageCount: number, options: PrintOptions): string {
  const s = options.strings;
  const sheet = (page: number) =>
    `<div class="sheet"><div class="head"><span>${escapeHtml(options.headerLeft)}</span><span>${escapeHtml(options.headerRight)}</span></div><div class="foot">${escapeHtml(s.page)} ${page} ${escapeHtml(s.pageOf)} ${pageCount}</div></div>`;
  const sheets = Array.from({ length: pageCount }, (_, index) => sheet(index + 1)).join('');
  return `<!DOCTYPE html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 0; }
html, body { margin: 0; }
body { font: 7.5pt system-ui, sans-serif; color: #4a5560; }
.sheet { position: relative; height: 100vh; overflow: hidden; break-after: page; }
.sheet:last-child { break-after: auto; }
.head, .foot { position: absolute; left: 16mm; right: 16mm; }
.head { top: 9mm; display: flex; justify-content: space-between; gap: 2em; }
.foot { bottom: 8mm; text-align: right; }
</style></head><body>${sheets}</body></html>`;
}

export async function printGuidePdf(print: GuidePrintParts, options: PrintOptions): Promise<PrintedGuide> {
  const { printer, toc } = options;
  const tocIds = new Set(toc.map((entry) => entry.id));
  const cache = new PrintedPartCache(options.cacheDir);
  const version = printer.version;
  const digest = (kind: string, html: string) => createHash('sha256').update(`${PRINT_FORMAT}\u0000${version}\u0000${kind}\u0000${html}`).digest('hex');
  let printedCount = 0;
  let reusedCount = 0;

  const printPiece = async (kind: string, html: string, margins: PrintMargins, tagged: boolean): Promise<PrintedPart> => {
    const key = digest(kind, html);
    const cached = await cache.get(key);
    if (cached) {
      reusedCount += 1;
      return cached;
    }
    const pdf = await printer.print(html, { margins, tagged });
    printedCount += 1;
    const { pageCount, destinations } = pagesAndDestinations(pdf);
    const part: PrintedPart = { key, pdf, pageCount, destinations: Object.fromEntries(destinations) };
    await cache.put(part);
    return part;
  };

  const chapters = print.chapters.map((body) => pieceDocument(print.head, body, tocIds));
  const printedChapters = await Promise.all(chapters.map((chapter) => printPiece('chapter', chapter.html, MARGINS, true)));

  // Page of each TOC target, counted from the first chapter; the cover and contents come before.
  const afterFront = new Map<string, number>();
  let offset = 0;
  printedChapters.forEach((part, index) => {
    for (const id of chapters[index]!.owns) {
      const page = part.destinations[id];
      if (page !== undefined && tocIds.has(id)) afterFront.set(id, offset + page);
    }
    offset += part.pageCount;
  });

  // Last time's page count, else a guess (the cover takes most of the first page; a page holds
  // about 45 entries): a wrong guess only costs printing the cover and contents once more.
  let frontPages = (await cache.frontPages(options.cacheName)) ?? 1 + Math.ceil(Math.max(0, toc.length - 15) / 45);
  let front!: { html: string; owns: Set<string> };
  let printedFront!: PrintedPart;
  const runningHeads = (pages: number) => printPiece('overlay', overlayDocument(options.lang, pages, options), NO_MARGINS, false);
  // The running heads need only the page count: printed beside the contents, on the guess.
  const overlays: Array<Promise<PrintedPart>> = [];
  for (let pass = 0; pass < MAX_FRONT_PASSES; pass++) {
    const numbered = print.front.replace(/<span class="toc-page" data-target="([^"]+)"><\/span>/g, (slot, id: string) => {
      const page = afterFront.get(id);
      return page === undefined ? slot : `<span class="toc-page" data-target="${id}">${frontPages + page}</span>`;
    });
    front = pieceDocument(print.head, numbered, tocIds);
    overlays.push(runningHeads(frontPages + offset));
    printedFront = await printPiece('front', front.html, MARGINS, true);
    if (printedFront.pageCount === frontPages) break;
    frontPages = printedFront.pageCount;
  }

  const pageCount = printedFront.pageCount + offset;
  // Every print started is waited for (a wrong guess included): none outlives this guide.
  const printedHeads = await Promise.allSettled(overlays);
  const matching = printedHeads.find((result): result is PromiseFulfilledResult<PrintedPart> => result.status === 'fulfilled' && result.value.pageCount === pageCount);
  const heads = matching?.value ?? (await runningHeads(pageCount));
  const merged = await mergeGuideParts({
    parts: [
      { pdf: printedFront.pdf, owns: front.owns },
      ...printedChapters.map((part, index) => ({ pdf: part.pdf, owns: chapters[index]!.owns })),
    ],
    ...(heads.pageCount === pageCount ? { overlay: heads.pdf } : {}),
    outline: toc,
    title: options.title,
    lang: options.lang,
  });
  await cache.remember(options.cacheName, [printedFront, ...printedChapters, heads], printedFront.pageCount);
  const pages = new Map(toc.filter((entry) => merged.pages.has(entry.id)).map((entry) => [entry.id, merged.pages.get(entry.id)!]));
  return { pdf: merged.pdf, pages, pageCount: merged.pageCount, printed: printedCount, reused: reusedCount };
}
