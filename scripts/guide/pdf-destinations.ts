/**
 * Reads the page of each named destination in a PDF written by Chromium. Chromium turns every
 * in-document link target (`<a href="#id">` → `id="id"`) into a named destination, so printing
 * once and reading these gives the page number of every table-of-contents entry.
 *
 * Anything unexpected gives an empty map, never a throw: the guide is then printed without page
 * numbers.
 */
import { PdfRef, PdfShapeError, dictOf, pageTree, readPdf, resolve, type PdfFile } from './pdf-objects.ts';

function tryRead(pdf: Uint8Array): PdfFile | undefined {
  try {
    return readPdf(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  } catch (error) {
    if (error instanceof PdfShapeError) return undefined;
    throw error;
  }
}

/** The PDF's page count and its named destinations → 1-based page (0 and none when it cannot be read). */
export function pagesAndDestinations(pdf: Uint8Array): { pageCount: number; destinations: Map<string, number> } {
  const destinations = new Map<string, number>();
  const file = tryRead(pdf);
  if (!file) return { pageCount: 0, destinations };
  const pages = pageTree(file).leaves;
  const pageIndex = new Map(pages.map((id, index) => [id, index + 1]));
  const dests = dictOf(resolve(file, dictOf(resolve(file, file.trailer.get('Root')))?.get('Dests')));
  for (const [name, value] of dests ?? []) {
    const target = resolve(file, value);
    const page = Array.isArray(target) && target[0] instanceof PdfRef ? pageIndex.get(target[0].id) : undefined;
    if (page) destinations.set(name, page);
  }
  return { pageCount: pages.length, destinations };
}

/** Named destination → 1-based page number. */
export function namedDestinationPages(pdf: Uint8Array): Map<string, number> {
  return pagesAndDestinations(pdf).destinations;
}
