/**
 * Learner HTML: mdast → hast (remark-rehype) → rehype-sanitize → rehype-stringify.
 * Trainer-only directives are dropped here too, as a last line of defence: whatever reaches this
 * function can never leak trainer notes, review notes or face-to-face facilitation details.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Nodes as MdastNodes, PhrasingContent, Root, RootContent } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype, { type Options as RehypeOptions } from 'remark-rehype';
import { unified } from 'unified';
import type { BlankMarker, Citation } from './mdast-nodes.ts';

/** Directives whose content is for trainers or reviewers only. */
export const TRAINER_ONLY = new Set(['trainer-notes', 'review', 'materials', 'steps']);

type Handlers = NonNullable<RehypeOptions['handlers']>;
type Handler = NonNullable<Handlers['text']>;

const directive: Handler = (state, node: { type: string; name: string; attributes?: Record<string, string | null | undefined> | null }) => {
  if (TRAINER_ONLY.has(node.name)) return undefined;
  const children = state.all(node as MdastNodes);
  // `:lang[…]{lang=es}`: text in another language than the page's (an untranslated fragment).
  if (node.type === 'textDirective' && node.name === 'lang' && node.attributes?.lang) return { type: 'element', tagName: 'span', properties: { lang: node.attributes.lang }, children } satisfies Element;
  // A stray leaf directive (an error is reported elsewhere) keeps its words readable.
  if (node.type === 'leafDirective') return { type: 'element', tagName: 'p', properties: {}, children } satisfies Element;
  return children;
};

const handlers: Handlers = {
  containerDirective: directive,
  leafDirective: directive,
  textDirective: directive,
  citation: ((state, node: Citation) => {
    const children = state.all(node as unknown as MdastNodes);
    const content: ElementContent[] = node.url
      ? [{ type: 'element', tagName: 'a', properties: { href: node.url }, children }]
      : children;
    return { type: 'element', tagName: 'cite', properties: {}, children: content } satisfies Element;
  }) as Handler,
  blankMarker: ((_state, node: BlankMarker) =>
    ({ type: 'element', tagName: 'span', properties: { dataBlank: String(node.index) }, children: [] }) satisfies Element) as Handler,
};

/** GitHub's schema plus `<cite>` and the blank markers of fill-blanks questions. */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'cite'],
  attributes: {
    ...defaultSchema.attributes,
    span: [...(defaultSchema.attributes?.span ?? []), ['dataBlank', /^\d+$/] as [string, RegExp]],
  },
};

const processor = unified().use(remarkRehype, { handlers }).use(rehypeSanitize, sanitizeSchema).use(rehypeStringify).freeze();

/** Raw elements whose content is code or markup, never words for learners. */
const RAW_TEXT_ELEMENTS = 'script|style|textarea|title|noscript|template|iframe|noembed|noframes|object|xmp';
const rawOpen = new RegExp(`^<(${RAW_TEXT_ELEMENTS})\\b[^>]*?(/?)>$`, 'i');

/**
 * Inline HTML reaches mdast as separate `html` nodes for `<script>` and `</script>` with the code
 * between them as ordinary text; the sanitiser drops the tags but would keep that text, so a removed
 * script or style would show its source to learners. Drop what stands between the tags as well.
 */
function withoutRawElementContent<T extends { type: string; children?: unknown[] }>(nodes: T[]): T[] {
  const kept: T[] = [];
  let closing: RegExp | undefined;
  for (const node of nodes) {
    const value = node.type === 'html' ? String((node as { value?: unknown }).value ?? '').trim() : undefined;
    if (closing) {
      if (value !== undefined && closing.test(value)) closing = undefined;
      continue;
    }
    const open = value === undefined ? null : rawOpen.exec(value);
    if (open && !open[2]) {
      closing = new RegExp(`^</${open[1]}\\s*>$`, 'i');
      continue;
    }
    if (Array.isArray(node.children)) {
      kept.push({ ...node, children: withoutRawElementContent(node.children as T[]) });
    } else {
      kept.push(node);
    }
  }
  return kept;
}

/** Sanitised HTML of block content (paragraphs, lists, tables…). */
export function blocksToHtml(nodes: RootContent[]): string {
  if (!nodes.length) return '';
  const root: Root = { type: 'root', children: withoutRawElementContent(nodes) };
  const hast = processor.runSync(root) as HastRoot;
  return processor.stringify(hast).trim();
}

/** Sanitised HTML of phrasing content (the inside of one paragraph), without the `<p>`. */
export function inlineToHtml(nodes: PhrasingContent[]): string {
  const html = blocksToHtml([{ type: 'paragraph', children: nodes }]);
  return html.startsWith('<p>') && html.endsWith('</p>') ? html.slice(3, -4) : html;
}
