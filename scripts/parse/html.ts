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

const directive: Handler = (state, node: { type: string; name: string }) => {
  if (TRAINER_ONLY.has(node.name)) return undefined;
  const children = state.all(node as MdastNodes);
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

/** Sanitised HTML of block content (paragraphs, lists, tables…). */
export function blocksToHtml(nodes: RootContent[]): string {
  if (!nodes.length) return '';
  const root: Root = { type: 'root', children: nodes };
  const hast = processor.runSync(root) as HastRoot;
  return processor.stringify(hast).trim();
}

/** Sanitised HTML of phrasing content (the inside of one paragraph), without the `<p>`. */
export function inlineToHtml(nodes: PhrasingContent[]): string {
  const html = blocksToHtml([{ type: 'paragraph', children: nodes }]);
  return html.startsWith('<p>') && html.endsWith('</p>') ? html.slice(3, -4) : html;
}
