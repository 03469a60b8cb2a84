/**
 * HTML for H5P fields. H5P keeps, in a `text` field with `tags`, only those tags plus
 * `div span p br` and a few related ones (H5PContentValidator::validateText); plain `text` fields
 * are shown HTML-escaped. We rewrite the IR's already-sanitised HTML so nothing is silently lost
 * on the site: tags the field does not allow are mapped to the closest allowed ones (tables to
 * rows of text, images to their alt text) and the caller is told what was changed.
 */
import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

/** Tags H5P allows in a field declaring `tags`, mirroring H5PContentValidator::validateText. */
export function effectiveTags(tags: readonly string[]): Set<string> {
  const allowed = new Set(['div', 'span', 'p', 'br', ...tags]);
  if (allowed.has('table')) for (const tag of ['tr', 'td', 'th', 'colgroup', 'thead', 'tbody', 'tfoot']) allowed.add(tag);
  if (allowed.has('b')) allowed.add('strong');
  if (allowed.has('i')) allowed.add('em');
  if (allowed.has('ul') || allowed.has('ol')) allowed.add('li');
  if (allowed.has('del') || allowed.has('strike')) allowed.add('s');
  return allowed;
}

/** Style declarations H5P keeps on any HTML field (others need a `font` setting we never use). */
export const ALLOWED_STYLE = /^text-align: *(center|left|right);?$/i;
const SAFE_HREF = /^(https?:|mailto:)/i;
/** Content that must never reach learners even as text. */
const REMOVED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'form', 'input', 'button', 'select', 'textarea']);
const SYNONYMS: Record<string, string[]> = {
  b: ['strong'], strong: ['b'], i: ['em'], em: ['i'], s: ['del'], strike: ['del'], del: ['s'],
  h1: ['h2', 'h3'], h2: ['h3'], h3: ['h2'], h4: ['h3', 'h2'], h5: ['h3', 'h2'], h6: ['h3', 'h2'],
  blockquote: ['div'], figure: ['div'], figcaption: ['p'], section: ['div'], article: ['div'], aside: ['div'],
  header: ['div'], footer: ['div'], dl: ['div'], dt: ['p'], dd: ['p'], cite: ['em'], mark: ['strong'], kbd: ['code'], samp: ['code'],
};
const BLOCK_TAGS = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'dt', 'dd', 'figure', 'figcaption', 'hr', 'section', 'article']);

export interface AdaptedHtml {
  html: string;
  /** What had to change, as codes (`table`, `image`, `list`, `link:<href>`, `removed:<tag>`, `plain:<tag>`); see messages.ts. */
  changes: string[];
}

export interface AdaptOptions {
  /** How an image the field cannot hold is written instead, e.g. `Imagen: {alt}`. */
  imageText?: (alt: string) => string;
}

/** Rewrites `html` so that it uses only the tags the field allows. */
export function adaptHtml(html: string, tags: readonly string[], options: AdaptOptions = {}): AdaptedHtml {
  const allowed = effectiveTags(tags);
  const changes = new Set<string>();
  const tree = fromHtml(html, { fragment: true });
  const children = adaptChildren(tree.children, allowed, changes, options);
  const root: Root = { type: 'root', children: children as RootContent[] };
  // `<br />`, as H5P's own sanitiser writes it, so content passes through H5P unchanged.
  return { html: toHtml(root, { closeSelfClosing: true }).trim(), changes: [...changes] };
}

function adaptChildren(nodes: Array<RootContent | ElementContent>, allowed: Set<string>, changes: Set<string>, options: AdaptOptions): ElementContent[] {
  return nodes.flatMap((node) => adaptNode(node, allowed, changes, options));
}

function element(tagName: string, children: ElementContent[], properties: Element['properties'] = {}): Element {
  return { type: 'element', tagName, properties, children };
}

const text = (value: string): ElementContent => ({ type: 'text', value });

function adaptNode(node: RootContent | ElementContent, allowed: Set<string>, changes: Set<string>, options: AdaptOptions): ElementContent[] {
  if (node.type === 'text') return [node];
  if (node.type !== 'element') return [];
  const tag = node.tagName;
  if (REMOVED.has(tag)) {
    changes.add(`removed:${tag}`);
    return [];
  }
  if (tag === 'img') {
    const alt = String(node.properties?.alt ?? '').trim();
    changes.add('image');
    if (!alt) return [];
    const label = options.imageText ? options.imageText(alt) : alt;
    return [allowed.has('em') ? element('em', [text(`[${label}]`)]) : text(`[${label}]`)];
  }
  const inner = () => adaptChildren(node.children, allowed, changes, options);
  if (tag === 'a') {
    const href = node.properties?.href;
    // Links inside the programme (`#l02-…`) have no address inside an H5P package: keep their text.
    if (typeof href !== 'string' || !SAFE_HREF.test(href)) {
      if (typeof href === 'string' && !href.startsWith('#')) changes.add(`link:${href}`);
      return inner();
    }
  }
  if (allowed.has(tag)) return [element(tag, inner(), keptProperties(node))];
  if (tag === 'table') {
    changes.add('table');
    return tableAsParagraphs(node, allowed, changes, options);
  }
  if ((tag === 'ul' || tag === 'ol') && !allowed.has('li')) {
    changes.add('list');
    return node.children
      .filter((child): child is Element => child.type === 'element' && child.tagName === 'li')
      .map((li, index) => element('p', [text(tag === 'ol' ? `${index + 1}. ` : '• '), ...adaptChildren(li.children, allowed, changes, options)]));
  }
  const synonym = SYNONYMS[tag]?.find((candidate) => allowed.has(candidate));
  if (synonym) return [element(synonym, inner(), synonym === 'a' ? keptProperties(node) : {})];
  if (/^h[1-6]$/.test(tag)) {
    const content = allowed.has('strong') ? [element('strong', inner())] : inner();
    return [element('p', content)];
  }
  if (tag === 'hr') return [];
  changes.add(`plain:${tag}`);
  return BLOCK_TAGS.has(tag) ? [element('div', inner())] : inner();
}

function keptProperties(node: Element): Element['properties'] {
  const properties: Element['properties'] = {};
  const href = node.properties?.href;
  if (node.tagName === 'a' && typeof href === 'string' && SAFE_HREF.test(href)) properties.href = href;
  const style = node.properties?.style;
  if (typeof style === 'string' && ALLOWED_STYLE.test(style.trim())) properties.style = style.trim();
  return properties;
}

/**
 * A table where tables are not allowed. With a header row, each row becomes a list item whose
 * cells are labelled with their column headings ("Hora: 8:00"), the usual accessible pattern for
 * tables on narrow screens; without one, each row becomes a paragraph with cells separated by " — ".
 */
function tableAsParagraphs(table: Element, allowed: Set<string>, changes: Set<string>, options: AdaptOptions): ElementContent[] {
  const rows: Element[] = [];
  const collect = (node: Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'tr') rows.push(child);
      else collect(child);
    }
  };
  collect(table);
  const cellsOf = (row: Element) => row.children.filter((cell): cell is Element => cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th'));
  const content = (cell: Element) => adaptChildren(cell.children, allowed, changes, options);
  const strong = (children: ElementContent[]) => (allowed.has('strong') ? [element('strong', children)] : children);
  const [first, ...rest] = rows;
  const headers = first && cellsOf(first).every((cell) => cell.tagName === 'th') ? cellsOf(first) : undefined;
  if (headers && rest.length) {
    const items = rest.map((row) => {
      const parts: ElementContent[] = [];
      cellsOf(row).forEach((cell, index) => {
        if (index) parts.push(element('br', []));
        const heading = headers[index];
        if (heading) parts.push(...strong([...content(heading), text(':')]), text(' '));
        parts.push(...content(cell));
      });
      return parts;
    });
    if (allowed.has('ul')) return [element('ul', items.map((parts) => element('li', parts)))];
    return items.map((parts) => element('p', parts));
  }
  return rows.map((row) => {
    const parts: ElementContent[] = [];
    cellsOf(row).forEach((cell, index) => {
      if (index) parts.push(text(' — '));
      parts.push(...(cell.tagName === 'th' ? strong(content(cell)) : content(cell)));
    });
    return element('p', parts);
  });
}

/** The text of some HTML, block elements separated by `blockSeparator`, whitespace collapsed. */
export function htmlToText(html: string, blockSeparator = ' '): string {
  const tree = fromHtml(html, { fragment: true });
  const pieces: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'text') pieces.push(node.value);
    else if (node.type === 'element') {
      if (REMOVED.has(node.tagName)) return;
      if (node.tagName === 'img') pieces.push(String(node.properties?.alt ?? ''));
      if (node.tagName === 'br') pieces.push('\n');
      const block = BLOCK_TAGS.has(node.tagName) || node.tagName === 'td' || node.tagName === 'th';
      if (block) pieces.push('\u0000');
      for (const child of node.children) walk(child);
      if (block) pieces.push('\u0000');
    } else if (node.type === 'root') for (const child of node.children) walk(child);
  };
  walk(tree);
  return pieces
    .join('')
    .split('\u0000')
    .map((part) => part.replace(/[ \t\r\f\v]+/g, ' ').replace(/ *\n */g, '\n').trim())
    .filter(Boolean)
    .join(blockSeparator);
}

/**
 * PHP's `htmlspecialchars($text, ENT_QUOTES, 'UTF-8', false)`: what H5P does to plain-text fields.
 * Existing entities are kept, so escaping twice changes nothing.
 */
export function escapePlain(value: string): string {
  return value
    .replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

/** Plain text of some HTML, escaped for a plain-text H5P field. */
export const plainFromHtml = (html: string) => escapePlain(htmlToText(html));


/** Tag names used in some HTML, with their attribute names, for the validator. */
export function listTags(html: string): Array<{ tag: string; attributes: Record<string, string> }> {
  const tree = fromHtml(html, { fragment: true });
  const found: Array<{ tag: string; attributes: Record<string, string> }> = [];
  const walk = (node: Nodes) => {
    if (node.type === 'element') {
      const attributes: Record<string, string> = {};
      for (const [name, value] of Object.entries(node.properties ?? {})) attributes[name] = Array.isArray(value) ? value.join(' ') : String(value);
      found.push({ tag: node.tagName, attributes });
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}
