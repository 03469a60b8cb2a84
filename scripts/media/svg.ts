/**
 * SVG media ends up on the LMS's own origin: opened by its URL, an SVG with a `<script>` or an
 * `onload` handler would run there (stored XSS in the course). Every SVG is rewritten at build time
 * by DOMPurify's SVG profile on a server-side DOM (jsdom), loaded only when an SVG is met.
 */
import { readFile } from 'node:fs/promises';
import type { DOMPurify } from 'dompurify';
import type { MediaFile } from '../ir/types.ts';
import { derivedMedia } from './derived-cache.ts';

export interface SvgSanitation {
  /** Well-formed standalone SVG (XML) with everything that could run script removed. */
  svg: string;
  /** What was removed, for authors: `<script>`, `onload (on <svg>)`, … Comments are not listed. */
  removed: string[];
}

/** An XML declaration or a DOCTYPE (internal subsets can declare entities) is dropped before parsing. */
const prolog = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>[]*(?:\[[^\]]*\])?\s*>\s*)?/i;

/**
 * A cheap screen for `wecare check`: an SVG that matches none of these has nothing worth a warning.
 * A reference to an element of the same file (`<use href="#wheel"/>`) is kept by the sanitiser, so
 * it is no reason to load a DOM. The build never relies on this screen: it sanitises every SVG.
 */
const suspicious = /<\s*(?:[\w-]+:)?(?:script|foreignObject|iframe|embed|object|animate\w*|set|handler|listener)\b|[\s/"']on[a-z]+\s*=|javascript:|data:text\/html|href\s*=\s*(?!"#[\w.:-]+"|'#[\w.:-]+')/i;

export function mayNeedSanitising(source: string): boolean {
  return suspicious.test(source);
}

let purifier: Promise<{ purify: DOMPurify; serialize: (node: Node) => string }> | undefined;

function loadPurifier() {
  purifier ??= (async () => {
    const [{ JSDOM }, { default: createDOMPurify }] = await Promise.all([import('jsdom'), import('dompurify')]);
    const { window } = new JSDOM('');
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
    // `<use>` may only point inside the same file: an external reference loads another document.
    purify.addHook('uponSanitizeAttribute', (node, data) => {
      if (node.nodeName.toLowerCase() === 'use' && /^(?:xlink:)?href$/i.test(data.attrName) && !data.attrValue.trim().startsWith('#')) {
        data.keepAttr = false;
      }
    });
    const serializer = new window.XMLSerializer();
    return { purify, serialize: (node: Node) => serializer.serializeToString(node) };
  })();
  return purifier;
}

function describeRemoval(entry: DOMPurify['removed'][number]): string | undefined {
  if ('element' in entry) {
    const name = entry.element.nodeName;
    // DOMPurify reports the wrapper it parses into and comments; neither is the author's content.
    if (name.startsWith('#') || name.toUpperCase() === 'BODY') return undefined;
    return `<${name.toLowerCase() === 'foreignobject' ? 'foreignObject' : name}>`;
  }
  const attribute = entry.attribute?.name;
  return attribute ? `${attribute} (<${entry.from.nodeName}>)` : undefined;
}

/** Sanitises one SVG document. A file that is not SVG at all yields an empty `<svg>`, listed as removed. */
export async function sanitiseSvg(source: string): Promise<SvgSanitation> {
  const { purify, serialize } = await loadPurifier();
  const body = purify.sanitize(source.replace(prolog, ''), {
    USE_PROFILES: { svg: true, svgFilters: true },
    ADD_TAGS: ['use'],
    ADD_ATTR: ['role'],
    RETURN_DOM: true,
  });
  const removed = [...new Set(purify.removed.map(describeRemoval).filter((item): item is string => Boolean(item)))];
  const root = body.querySelector('svg');
  if (!root) return { svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', removed: removed.length ? removed : ['<svg>'] };
  return { svg: `${serialize(root)}\n`, removed };
}

const cleaned = new Map<string, Promise<Buffer>>();

/** The bytes to ship for a media file: SVG sanitised (once per content digest), anything else as it is. */
export function shippableMedia(bytes: Buffer, mimeType: string, sha256: string): Promise<Buffer> {
  if (mimeType !== 'image/svg+xml') return Promise.resolve(bytes);
  let result = cleaned.get(sha256);
  if (!result) {
    result = derivedMedia('svg-sanitised', sha256, async () => Buffer.from((await sanitiseSvg(bytes.toString('utf8'))).svg, 'utf8'));
    cleaned.set(sha256, result);
  }
  return result;
}

/** Reads a module's media file as it goes into a package. */
export async function readShippableMedia(media: MediaFile): Promise<Buffer> {
  return shippableMedia(await readFile(media.absolutePath), media.mimeType, media.sha256);
}
