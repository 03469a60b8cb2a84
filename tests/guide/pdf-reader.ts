/**
 * Reads a PDF with pdf.js (Mozilla's reader, independent of the code that wrote it): each page's
 * text and its artifacts (running header and footer) apart, the page's structure tree, the
 * outline and in-document links with the pages they lead to.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ReadPage {
  /** Text outside artifacts, in content order, joined by spaces. */
  text: string;
  /** Text marked as artifacts (what assistive technology skips). */
  artifacts: string;
  /** Roles in the page's structure tree, depth first. */
  roles: string[];
  /** Pages (1-based) the page's internal links lead to. */
  linkTargets: number[];
}

export interface ReadPdf {
  pages: ReadPage[];
  outline: Array<{ title: string; page: number; children: Array<{ title: string; page: number }> }>;
  language: string | undefined;
  title: string | undefined;
}

interface StructNode {
  role?: string;
  children?: StructNode[];
}

function roles(node: StructNode | null, into: string[] = []): string[] {
  if (!node) return into;
  if (node.role) into.push(node.role);
  for (const child of node.children ?? []) roles(child, into);
  return into;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pageOf = async (dest: unknown): Promise<number> => {
      const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : (dest as unknown[] | null);
      const ref = explicit?.[0];
      return ref && typeof ref === 'object' ? (await doc.getPageIndex(ref as { num: number; gen: number })) + 1 : -1;
    };
    const pages: ReadPage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const text: string[] = [];
      const artifacts: string[] = [];
      let artifactDepth = 0;
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
            if (artifactDepth || (item as { tag?: string }).tag === 'Artifact') artifactDepth += 1;
          } else if (item.type === 'endMarkedContent' && artifactDepth) artifactDepth -= 1;
          continue;
        }
        (artifactDepth ? artifacts : text).push(item.str);
      }
      const annotations = (await page.getAnnotations()) as Array<{ subtype: string; dest?: unknown }>;
      const linkTargets: number[] = [];
      for (const annotation of annotations) if (annotation.subtype === 'Link' && annotation.dest) linkTargets.push(await pageOf(annotation.dest));
      pages.push({
        text: text.join(' ').replace(/\s+/g, ' '),
        artifacts: artifacts.join(' ').replace(/\s+/g, ' '),
        roles: roles((await page.getStructTree()) as StructNode | null),
        linkTargets,
      });
    }
    const outline = await Promise.all(
      ((await doc.getOutline()) ?? []).map(async (item) => ({
        title: item.title,
        page: await pageOf(item.dest),
        children: await Promise.all(item.items.map(async (child) => ({ title: child.title, page: await pageOf(child.dest) }))),
      })),
    );
    const { info } = (await doc.getMetadata()) as { info: { Language?: string; Title?: string } };
    return { pages, outline, language: info.Language, title: info.Title };
  } finally {
    await doc.destroy();
  }
}
