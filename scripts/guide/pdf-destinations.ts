/**
 * Reads the page of each named destination in a PDF written by Chromium (Skia). Chromium turns
 * every in-document link target (`<a href="#id">` → `id="id"`) into a named destination, so
 * printing once and reading these gives the page number of every table-of-contents entry.
 *
 * Skia writes plain (not compressed) dictionaries for the catalog, the page tree and the
 * destinations, which is all this reads. Anything unexpected gives an empty map, never a throw:
 * the guide is then printed without page numbers.
 */

function objectTable(pdf: string): Map<number, string> {
  const objects = new Map<number, string>();
  const header = /(?:^|[\r\n])(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(pdf))) {
    const start = match.index + match[0].length;
    const end = pdf.indexOf('endobj', start);
    if (end < 0) break;
    // Only the dictionary part matters; skip stream bytes.
    const body = pdf.slice(start, end);
    const stream = body.indexOf('stream');
    objects.set(Number(match[1]), stream >= 0 ? body.slice(0, stream) : body);
  }
  return objects;
}

function decodeName(name: string): string {
  return name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Page object numbers in document order, walking the page tree. */
function pageOrder(objects: Map<number, string>, rootPages: number, seen = new Set<number>()): number[] {
  if (seen.has(rootPages)) return [];
  seen.add(rootPages);
  const node = objects.get(rootPages);
  if (!node) return [];
  if (/\/Type\s*\/Page\b(?!s)/.test(node)) return [rootPages];
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node);
  if (!kids?.[1]) return [];
  return [...kids[1].matchAll(/(\d+) 0 R/g)].flatMap((kid) => pageOrder(objects, Number(kid[1]), seen));
}

/** Named destination → 1-based page number. */
export function namedDestinationPages(pdfBytes: Buffer): Map<string, number> {
  const result = new Map<string, number>();
  const pdf = pdfBytes.toString('latin1');
  const objects = objectTable(pdf);
  let catalog: string | undefined;
  for (const body of objects.values()) {
    if (/\/Type\s*\/Catalog\b/.test(body)) catalog = body;
  }
  if (!catalog) return result;
  const pagesRef = /\/Pages\s+(\d+) 0 R/.exec(catalog);
  const destsRef = /\/Dests\s+(\d+) 0 R/.exec(catalog);
  if (!pagesRef?.[1] || !destsRef?.[1]) return result;
  const pages = pageOrder(objects, Number(pagesRef[1]));
  const pageIndex = new Map(pages.map((objectNumber, index) => [objectNumber, index + 1]));
  const dests = objects.get(Number(destsRef[1])) ?? '';
  for (const entry of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = pageIndex.get(Number(entry[2]));
    if (entry[1] && page) result.set(decodeName(entry[1]), page);
  }
  return result;
}
