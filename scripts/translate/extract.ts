/**
 * Translation units of one Markdown source (a lesson or a module.md), for one variant.
 *
 * A unit is one translatable segment: a heading, a paragraph (also inside list items, quotes,
 * table cells, activities and trainer notes), an image's alt text and title, a directive label
 * (`::feedback[…]`), a translatable attribute (`title=`, `scale=`, `distractors=`) or a front
 * matter title or summary. Its id is a path of structural steps, never of content, so editing a
 * paragraph changes no id; see docs/translation.md for the scheme:
 *
 *   <lesson-id>:title                      front matter
 *   <lesson-id>:p2                         2nd paragraph before the first heading
 *   <lesson-id>:<heading-slug>:heading     a heading; what follows it is numbered inside its section
 *   <lesson-id>:<heading-slug>:list1:li3:p1
 *   <activity-id>:p1, <activity-id>:opt-b:p1, <activity-id>:opt-b:feedback:p1, <activity-id>:feedback-correct
 *
 * Content the variant does not see (other countries' blocks) gives no unit; content only for
 * countries that teach in the target language (`:::only{variants=it}`, `variants: [it]`) is
 * already written in it and gives no unit either.
 */
import type { Heading, Nodes, Paragraph, Parent, PhrasingContent, Root, RootContent, Table } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { parseSimpleYaml, type SimpleYaml } from '../parse/simple-yaml.ts';
import { defaultScales, defaultTitle } from '../parse/activities.ts';
import { parseMarkdown } from '../parse/markdown.ts';
import { coveredBy, includedIn, lookupVariable } from '../variants/context.ts';
import type { VariantInfo } from '../ir/types.ts';
import { sourceDigest, type InlineCode, type Piece, type TextContext } from './inline.ts';

/** How a unit's translation is written back into its source text. */
export interface Placement {
  /** Offsets in the source text of what the translation replaces. */
  start: number;
  end: number;
  /** Written around the translation (an attribute inserted where there was none). */
  prefix: string;
  suffix: string;
  encode: 'markdown' | 'yaml';
}

export interface Unit {
  id: string;
  /** Source file, relative to the programme root, and place of the segment in it. */
  file: string;
  line: number;
  column: number;
  pieces: Piece[];
  codes: Map<string, InlineCode>;
  context: TextContext;
  /** Context for the translator: where the segment is, what it is. */
  notes: string[];
  /** Glossary term ids used in the segment. */
  terms: string[];
  /** Characters the target may use, where a format imposes a limit. */
  maxLength?: number;
  digest: string;
  placement: Placement;
  /**
   * Set on a unit written inside another unit's text (the `alt=` answers of a gap): when that unit
   * is translated, this one replaces `search` in its translation; else it replaces `placement` in the source.
   */
  parent?: { id: string; search: string; name: string };
}

export interface ExtractOptions {
  /** The variant the units are for. */
  variant: string;
  variantInfo?: VariantInfo;
  /** Variants the programme ships. */
  shipped: readonly string[];
  /** Shipped variants that teach in the target language: content only for them is not translated. */
  native: ReadonlySet<string>;
  /** Programme (source) language, for the default labels of activities. */
  sourceLanguage: string;
  /** Glossary, for the notes of units that use a term. */
  glossary: ReadonlyMap<string, { wording: string; definition?: string }>;
  /** False: units carry no notes. Only the XLIFF export shows them; `check` leaves them out. */
  notes?: boolean;
}

export interface FileUnits {
  /** Front matter id (lesson id or module id), when present. */
  id?: string;
  title?: string;
  /** Variants the front matter restricts the file to, when it does. */
  variants?: string[];
  units: Unit[];
}

const ACTIVITIES = new Set(['single-choice', 'multiple-choice', 'true-false', 'fill-blanks', 'drag-words', 'matching', 'ordering', 'quiz', 'self-assessment', 'reflection', 'face-to-face']);
const ACTIVITY_NOTES: Record<string, string> = {
  'single-choice': 'single-choice question',
  'multiple-choice': 'multiple-choice question',
  'true-false': 'true/false statement',
  'fill-blanks': 'text with gaps (the text inside a gap code is the expected answer)',
  'drag-words': 'text with gaps the learner fills by dragging words',
  matching: 'matching question (a table of pairs)',
  ordering: 'ordering question (steps in the right order)',
  quiz: 'scored quiz',
  'self-assessment': 'confidence self-assessment',
  reflection: 'reflection prompt (open answer)',
  'face-to-face': 'face-to-face (classroom) activity',
};
/** SCORM 1.2 keeps a learner response in 255 characters; an answer longer than that is cut. */
const ANSWER_LIMIT = 250;
/** SCORM 1.2 manifest titles hold 200 characters; H5P titles 255. */
const TITLE_LIMIT = 200;

const letter = (index: number) => (index < 26 ? String.fromCharCode(97 + index) : `z${index}`);

/** An id step from a heading: ASCII letters, digits and dashes (XLIFF ids are NMTOKENs). */
const slugs = new Map<string, string>();

export function slugify(text: string): string {
  let slug = slugs.get(text);
  if (slug === undefined) {
    if (slugs.size > 10_000) slugs.clear();
    slugs.set(text, (slug = slugOf(text)));
  }
  return slug;
}

function slugOf(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'section';
}

type Visibility = 'hidden' | 'native' | 'translate';

interface Walk {
  text: string;
  file: string;
  options: ExtractOptions;
  units: Unit[];
  ids: Set<string>;
  /** "lesson «title» (id)" for notes. */
  where: string;
}

interface Scope {
  path: string;
  counters: Map<string, number>;
  /** The activity the content belongs to, for notes and roles. */
  activity?: { id: string; kind: string };
  /** What the content is, in the activity: "option b (correct)". */
  role?: string;
}

const next = (scope: Scope, kind: string) => {
  const n = (scope.counters.get(kind) ?? 0) + 1;
  scope.counters.set(kind, n);
  return `${kind}${n}`;
};

const child = (scope: Scope, step: string, extra: { role?: string } = {}): Scope => {
  const inner: Scope = { path: `${scope.path}:${step}`, counters: new Map() };
  if (scope.activity) inner.activity = scope.activity;
  const role = 'role' in extra ? extra.role : scope.role;
  if (role !== undefined) inner.role = role;
  return inner;
};

function visibility(attributes: Record<string, string | null | undefined> | null | undefined, options: ExtractOptions): Visibility {
  if (!includedIn(attributes, options.variant)) return 'hidden';
  if (attributes && (attributes.variants || attributes.except)) {
    const covered = coveredBy(attributes, options.shipped);
    if (covered.length && covered.every((code) => options.native.has(code))) return 'native';
  }
  return 'translate';
}

const start = (node: Nodes) => node.position?.start.offset ?? 0;
const end = (node: Nodes) => node.position?.end.offset ?? 0;

/** Pieces and codes of phrasing content; text runs keep their words, soft line breaks become spaces. */
/** A gap's `alt="a|b"` answers, found while reading a paragraph: a unit of their own. */
interface GapAlternatives {
  node: TextDirective;
  value: string;
  /** Offsets of the value (inside the quotes) in the source. */
  start: number;
  end: number;
  search: string;
}

/** What `readInline` gathers while it visits a paragraph's phrasing content. */
interface InlineReader {
  walk: Walk;
  codes: Map<string, InlineCode>;
  terms: string[];
  gaps: GapAlternatives[];
  pieces: Piece[];
}

function addCode(codes: Map<string, InlineCode>, code: Omit<InlineCode, 'id'>): string {
  const id = String(codes.size + 1);
  codes.set(id, { id, ...code });
  return id;
}

const sourceOf = (walk: Walk, node: Nodes) => walk.text.slice(start(node), end(node));

function visitInline(reader: InlineReader, node: PhrasingContent): void {
  switch (node.type) {
    case 'text':
      reader.pieces.push(node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' '));
      return;
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'link': {
      const first = node.children[0];
      const last = node.children[node.children.length - 1];
      const opening = first ? reader.walk.text.slice(start(node), start(first)) : '';
      if (!first || !last || opening === '' || opening.startsWith('<')) {
        // An autolink or an empty span: nothing in it to translate.
        reader.pieces.push({ ph: addCode(reader.codes, { kind: 'ph', data: sourceOf(reader.walk, node), type: node.type === 'link' ? 'link' : 'fmt', disp: sourceOf(reader.walk, node) }) });
        return;
      }
      const subType = node.type === 'strong' ? 'xlf:b' : node.type === 'emphasis' ? 'xlf:i' : node.type === 'delete' ? 'wecare:strike' : undefined;
      const code: Omit<InlineCode, 'id'> = { kind: 'pc', data: opening, dataEnd: reader.walk.text.slice(end(last), end(node)), type: node.type === 'link' ? 'link' : 'fmt' };
      if (subType) code.subType = subType;
      if (node.type === 'link') code.disp = node.url;
      const id = addCode(reader.codes, code);
      reader.pieces.push({ open: id });
      for (const inner of node.children) visitInline(reader, inner as PhrasingContent);
      reader.pieces.push({ close: id });
      return;
    }
    case 'inlineCode':
      reader.pieces.push({ ph: addCode(reader.codes, { kind: 'ph', data: sourceOf(reader.walk, node), type: 'fmt', subType: 'wecare:code', disp: node.value, equiv: node.value }) });
      return;
    case 'image':
      reader.pieces.push({ ph: addCode(reader.codes, { kind: 'ph', data: sourceOf(reader.walk, node), type: 'image', disp: node.alt ?? node.url, equiv: node.alt ?? '' }) });
      return;
    case 'break':
      reader.pieces.push({ ph: addCode(reader.codes, { kind: 'ph', data: sourceOf(reader.walk, node), type: 'fmt', subType: 'xlf:lb', disp: '↵', equiv: '\n' }) });
      return;
    case 'textDirective': {
      const directive = node as TextDirective;
      const first = directive.children[0];
      const last = directive.children[directive.children.length - 1];
      const label = directive.children.map((c) => ('value' in c ? String(c.value) : '')).join('');
      if ((directive.name === 'only' || directive.name === 'blank') && first && last && (directive.name === 'blank' || visibility(directive.attributes, reader.walk.options) === 'translate')) {
        const code: Omit<InlineCode, 'id'> = {
          kind: 'pc',
          data: reader.walk.text.slice(start(directive), start(first)),
          dataEnd: reader.walk.text.slice(end(last), end(directive)),
          type: 'other',
          subType: `wecare:${directive.name}`,
          disp: directive.name === 'blank' ? '[gap]' : `[only ${reader.walk.text.slice(end(last) + 1, end(directive))}]`,
        };
        const id = addCode(reader.codes, code);
        const alt = directive.name === 'blank' ? /(^|[{\s,])(alt=("([^"]*)"|'([^']*)'))/.exec(code.dataEnd!) : null;
        if (alt) {
          const valueStart = end(last) + alt.index + alt[1]!.length + 'alt='.length + 1;
          const value = alt[4] ?? alt[5] ?? '';
          reader.gaps.push({ node: directive, value, start: valueStart, end: valueStart + value.length, search: alt[2]! });
        }
        reader.pieces.push({ open: id });
        for (const inner of directive.children) visitInline(reader, inner);
        reader.pieces.push({ close: id });
        return;
      }
      let disp = sourceOf(reader.walk, directive);
      let equiv: string | undefined;
      if (directive.name === 'var') {
        const value = reader.walk.options.variantInfo ? lookupVariable(reader.walk.options.variantInfo, label.trim()) : undefined;
        disp = value?.found ? `{${label.trim()}: ${String(value.value)}}` : `{${label.trim()}}`;
        equiv = value?.found ? String(value.value) : label;
      } else if (directive.name === 'term') {
        const term = reader.walk.options.glossary.get(label.trim());
        reader.terms.push(label.trim());
        disp = `{term ${label.trim()}: ${term?.wording ?? label}}`;
        equiv = term?.wording ?? label;
      } else if (directive.name === 'only') {
        equiv = '';
      } else if (directive.name === 'cite') {
        disp = `{source: ${label || directive.attributes?.ref || ''}}`;
        equiv = '';
      }
      const code: Omit<InlineCode, 'id'> = { kind: 'ph', data: disp === undefined ? sourceOf(reader.walk, directive) : sourceOf(reader.walk, directive), type: 'other', subType: `wecare:${directive.name}`, disp };
      if (equiv !== undefined) code.equiv = equiv;
      reader.pieces.push({ ph: addCode(reader.codes, code) });
      return;
    }
    default:
      reader.pieces.push({ ph: addCode(reader.codes, { kind: 'ph', data: sourceOf(reader.walk, node), type: 'other', disp: sourceOf(reader.walk, node) }) });
  }
}

function readInline(nodes: readonly PhrasingContent[], walk: Walk, codes: Map<string, InlineCode>, terms: string[], gaps: GapAlternatives[] = []): Piece[] {
  const reader: InlineReader = { walk, codes, terms, gaps, pieces: [] };
  const pieces = reader.pieces;
  for (const node of nodes) visitInline(reader, node);
  // Leading and trailing spaces are layout, not text.
  // (trimStart and trimEnd remove exactly what \s matches, without the regular expression's backtracking on long text)
  if (typeof pieces[0] === 'string') pieces[0] = pieces[0].trimStart();
  const lastIndex = pieces.length - 1;
  if (typeof pieces[lastIndex] === 'string') pieces[lastIndex] = (pieces[lastIndex] as string).trimEnd();
  // Empty runs are left out (in place: the list is kept with the unit).
  let kept = 0;
  for (const piece of pieces) if (piece !== '') pieces[kept++] = piece;
  pieces.length = kept;
  return pieces;
}

/** Shared by every unit without notes or glossary terms (units are never changed once extracted). */
export const NONE = Object.freeze([]) as unknown as string[];

const hasText = (pieces: readonly Piece[]) => pieces.some((piece) => typeof piece === 'string' && /\p{L}/u.test(piece));

/** `role`, when given, says what the segment is in place of the scope's role (for the notes). */
function pushUnit(walk: Walk, scope: Scope, id: string, node: Nodes, unit: Omit<Unit, 'id' | 'file' | 'line' | 'column' | 'digest' | 'notes'> & { notes?: string[] }, role?: string) {
  // Segments with no words (a lone :var[…], a number) need no translation.
  if (!hasText(unit.pieces)) return;
  if (walk.ids.has(id)) return;
  walk.ids.add(id);
  const notes = walk.options.notes === false ? NONE : unitNotes(walk, role === undefined ? scope : { ...scope, role }, node, unit);
  const { pieces, codes, context, placement } = unit;
  const terms = unit.terms.length ? unit.terms : NONE;
  const start = node.position?.start;
  const made: Unit = { pieces, codes, context, terms, placement, id, file: walk.file, line: start?.line ?? 1, column: start?.column ?? 1, notes, digest: sourceDigest(pieces, codes) };
  if (unit.maxLength !== undefined) made.maxLength = unit.maxLength;
  if (unit.parent !== undefined) made.parent = unit.parent;
  walk.units.push(made);
}

function unitNotes(walk: Walk, scope: Scope, node: Nodes, unit: { notes?: string[]; terms: string[]; maxLength?: number }): string[] {
  const notes = [`${walk.file}:${node.position?.start.line ?? 1} · ${walk.where}`];
  if (scope.activity) notes.push(`activity ${scope.activity.id}: ${ACTIVITY_NOTES[scope.activity.kind] ?? scope.activity.kind}${scope.role ? ` — ${scope.role}` : ''}`);
  else if (scope.role) notes.push(scope.role);
  notes.push(...(unit.notes ?? []));
  for (const term of new Set(unit.terms)) {
    const entry = walk.options.glossary.get(term);
    if (entry?.definition) notes.push(`term ${term} («${entry.wording}»): ${entry.definition}`);
  }
  if (unit.maxLength) notes.push(`at most ${unit.maxLength} characters`);
  return notes;
}

function inlineUnit(walk: Walk, scope: Scope, id: string, node: Nodes, children: readonly PhrasingContent[], context: TextContext, extra: { maxLength?: number; role?: string } = {}) {
  const first = children[0];
  const last = children[children.length - 1];
  if (!first || !last) return;
  const codes = new Map<string, InlineCode>();
  const terms: string[] = [];
  const gaps: GapAlternatives[] = [];
  const pieces = readInline(children, walk, codes, terms, gaps);
  const unit: Parameters<typeof pushUnit>[4] = { pieces, codes, terms, context, placement: { start: start(first), end: end(last), prefix: '', suffix: '', encode: 'markdown' } };
  if (extra.maxLength) unit.maxLength = extra.maxLength;
  pushUnit(walk, scope, id, node, unit, extra.role || undefined);
  gaps.forEach((gap, index) => {
    const answer = gap.node.children.map((c) => ('value' in c ? String(c.value) : '')).join('');
    const altCodes = new Map<string, InlineCode>();
    const altPieces: Piece[] = [];
    gap.value.split('|').forEach((part, n) => {
      if (n > 0) {
        const codeId = String(altCodes.size + 1);
        altCodes.set(codeId, { id: codeId, kind: 'ph', data: '|', type: 'other', subType: 'wecare:separator', disp: '|', equiv: ' | ' });
        altPieces.push({ ph: codeId });
      }
      if (part.trim()) altPieces.push(part.trim());
    });
    pushUnit(walk, scope, `${id}:gap${index + 1}:alt`, gap.node, {
      pieces: altPieces,
      codes: altCodes,
      terms: [],
      context: 'attribute',
      maxLength: ANSWER_LIMIT,
      notes: ['a list: keep one | code between answers'],
      placement: { start: gap.start, end: gap.end, prefix: '', suffix: '', encode: 'markdown' },
    }, `other accepted answers of gap ${index + 1} («${answer}»)`);
    const pushed = walk.units[walk.units.length - 1];
    if (pushed?.id === `${id}:gap${index + 1}:alt`) pushed.parent = { id, search: gap.search, name: 'alt' };
  });
}

const attributePatterns = new Map<string, RegExp>();
/** `name=value` in a directive's attribute braces (a few names, asked for every directive). */
function attributePattern(name: string): RegExp {
  let pattern = attributePatterns.get(name);
  if (!pattern) attributePatterns.set(name, (pattern = new RegExp(`([{\\s,])${name}=("[^"]*"|'[^']*'|[^\\s,}"']+)`)));
  return pattern;
}

/** An attribute of a directive's opening line as a unit (lists separated by `|` keep their bars as codes). */
function attributeUnit(walk: Walk, scope: Scope, node: Nodes, name: string, value: string, role: string, list: boolean) {
  const lineEnd = walk.text.indexOf('\n', start(node));
  const opening = walk.text.slice(start(node), lineEnd < 0 ? walk.text.length : lineEnd);
  const match = attributePattern(name).exec(opening);
  let placement: Placement;
  if (match) {
    const valueStart = start(node) + match.index + match[1]!.length + name.length + 1;
    placement = { start: valueStart, end: valueStart + match[2]!.length, prefix: '"', suffix: '"', encode: 'markdown' };
  } else {
    const close = opening.lastIndexOf('}');
    const at = start(node) + (close >= 0 ? close : opening.trimEnd().length);
    placement = close >= 0 ? { start: at, end: at, prefix: ` ${name}="`, suffix: '"', encode: 'markdown' } : { start: at, end: at, prefix: `{${name}="`, suffix: '"}', encode: 'markdown' };
  }
  const codes = new Map<string, InlineCode>();
  const pieces: Piece[] = [];
  const parts = list ? value.split('|') : [value];
  parts.forEach((part, index) => {
    if (index > 0) {
      const id = String(codes.size + 1);
      codes.set(id, { id, kind: 'ph', data: '|', type: 'other', subType: 'wecare:separator', disp: '|', equiv: ' | ' });
      pieces.push({ ph: id });
    }
    if (part.trim()) pieces.push(part.trim());
  });
  pushUnit(walk, scope, `${scope.path}:${name}`, node, { pieces, codes, terms: [], context: 'attribute', placement, notes: list ? ['a list: keep one | code between items'] : [] }, role);
}

function imageUnits(walk: Walk, scope: Scope, node: Paragraph) {
  const image = node.children.find((c) => c.type === 'image');
  if (!image || image.type !== 'image') return;
  const step = next(scope, 'img');
  const raw = walk.text.slice(start(image), end(image));
  const altEnd = raw.indexOf('](');
  if (altEnd > 2 && image.alt) {
    pushUnit(walk, scope, `${scope.path}:${step}:alt`, image, {
      pieces: [image.alt],
      codes: new Map<string, InlineCode>(),
      terms: [],
      context: 'image-alt',
      placement: { start: start(image) + 2, end: start(image) + altEnd, prefix: '', suffix: '', encode: 'markdown' },
    }, `image ${image.url}: alt text`);
  }
  const title = /\s"((?:[^"\\]|\\.)*)"\)$/.exec(raw);
  if (title && image.title) {
    const at = start(image) + title.index + 2;
    pushUnit(walk, scope, `${scope.path}:${step}:title`, image, {
      pieces: [image.title],
      codes: new Map<string, InlineCode>(),
      terms: [],
      context: 'attribute',
      placement: { start: at, end: at + title[1]!.length, prefix: '', suffix: '', encode: 'markdown' },
    }, `image ${image.url}: caption (title)`);
  }
}

const isStandaloneImage = (node: Paragraph) =>
  node.children.some((c) => c.type === 'image') && node.children.every((c) => c.type === 'image' || (c.type === 'text' && !c.value.trim()));

function walkTable(walk: Walk, scope: Scope, node: Table) {
  const table = child(scope, next(scope, 'table'));
  node.children.forEach((row, r) => {
    row.children.forEach((cell, c) => {
      inlineUnit(walk, table, `${table.path}:r${r}c${c + 1}`, cell, cell.children, 'table-cell', { role: r === 0 ? `table header, column ${c + 1}` : `table row ${r}, column ${c + 1}` });
    });
  });
}

function walkBlocks(walk: Walk, scope: Scope, nodes: readonly Nodes[]) {
  for (const node of nodes) walkBlock(walk, scope, node);
}

function walkBlock(walk: Walk, scope: Scope, node: Nodes) {
  switch (node.type) {
    case 'paragraph':
      if ((node.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) return;
      if (isStandaloneImage(node)) return imageUnits(walk, scope, node);
      return inlineUnit(walk, scope, `${scope.path}:${next(scope, 'p')}`, node, node.children, 'inline');
    case 'heading':
      return inlineUnit(walk, scope, `${scope.path}:${next(scope, 'h')}`, node, node.children, 'inline', { role: 'heading' });
    case 'blockquote':
      return walkBlocks(walk, child(scope, next(scope, 'quote')), node.children);
    case 'list': {
      const list = child(scope, next(scope, 'list'));
      node.children.forEach((item, index) => walkBlocks(walk, child(list, `li${index + 1}`), item.children));
      return;
    }
    case 'table':
      return walkTable(walk, scope, node);
    case 'containerDirective':
      return walkContainer(walk, scope, node as ContainerDirective);
    case 'leafDirective': {
      const leaf = node as LeafDirective;
      if (leaf.name !== 'feedback' || visibility(leaf.attributes, walk.options) !== 'translate') return;
      const on = leaf.attributes?.on ?? 'all';
      return inlineUnit(walk, scope, `${scope.path}:feedback-${slugify(on)}`, leaf, leaf.children, 'inline', { role: `feedback (${on})` });
    }
    default:
      return;
  }
}

function walkContainer(walk: Walk, scope: Scope, node: ContainerDirective) {
  const seen = visibility(node.attributes, walk.options);
  const id = node.attributes?.id;
  if (id && ACTIVITIES.has(node.name)) {
    if (seen !== 'translate') return;
    return walkActivity(walk, { path: id, counters: new Map(), activity: { id, kind: node.name } }, node);
  }
  const step = node.name === 'only' ? next(scope, 'only') : node.name === 'trainer-notes' ? next(scope, 'notes') : node.name === 'materials' || node.name === 'steps' ? node.name : next(scope, slugify(node.name));
  if (seen !== 'translate') return;
  const role = node.name === 'trainer-notes' ? 'trainer notes (trainer guide only)' : node.name === 'materials' ? 'materials (trainer guide only)' : node.name === 'steps' ? 'facilitation steps (trainer guide only)' : scope.role;
  const inner = child(scope, step, role ? { role } : {});
  if (node.name === 'materials') {
    const list = node.children.find((c) => c.type === 'list');
    node.children.forEach((c) => {
      if (c !== list) walkBlock(walk, inner, c);
    });
    if (list?.type === 'list') list.children.forEach((item, index) => walkBlocks(walk, child(inner, `item-${index + 1}`), item.children));
    return;
  }
  walkBlocks(walk, inner, node.children);
}

function walkActivity(walk: Walk, scope: Scope, node: ContainerDirective) {
  const kind = node.name;
  const attributes = node.attributes ?? {};
  if (kind === 'quiz' || kind === 'face-to-face') {
    attributeUnit(walk, scope, node, 'title', attributes.title?.trim() || defaultTitle(kind, walk.options.sourceLanguage), 'title', false);
  }
  if (kind === 'self-assessment') {
    const scale = attributes.scale?.trim() ? attributes.scale : (defaultScales[walk.options.sourceLanguage] ?? defaultScales.es!).join('|');
    attributeUnit(walk, scope, node, 'scale', scale, 'points of the confidence scale, lowest first', true);
  }
  if (kind === 'drag-words' && attributes.distractors?.trim()) attributeUnit(walk, scope, node, 'distractors', attributes.distractors, 'extra words that fit no gap', true);
  const optionsList = kind === 'single-choice' || kind === 'multiple-choice' || kind === 'self-assessment' || kind === 'ordering';
  let listDone = false;
  for (const inner of node.children) {
    if (inner.type === 'list' && optionsList && !listDone) {
      listDone = true;
      inner.children.forEach((item, index) => {
        const role =
          kind === 'self-assessment' ? `stmt-${index + 1}` : kind === 'ordering' ? `item-${index + 1}` : `opt-${letter(index)}`;
        const described =
          kind === 'self-assessment'
            ? `statement ${index + 1}`
            : kind === 'ordering'
              ? `step ${index + 1} (in the right order)`
              : `option ${letter(index)} (${item.checked ? 'correct' : 'wrong'})`;
        const itemScope = child(scope, role, { role: described });
        for (const part of item.children) {
          if (part.type === 'blockquote' && kind !== 'self-assessment' && kind !== 'ordering') walkBlocks(walk, child(itemScope, 'feedback', { role: `feedback when ${described} is chosen` }), part.children);
          else walkBlock(walk, itemScope, part);
        }
      });
      continue;
    }
    if (inner.type === 'paragraph' && !(inner.data as { directiveLabel?: boolean } | undefined)?.directiveLabel && !isStandaloneImage(inner)) {
      const gaps = inner.children.some((c) => c.type === 'textDirective' && (c as TextDirective).name === 'blank');
      inlineUnit(walk, scope, `${scope.path}:${next(scope, 'p')}`, inner, inner.children, 'inline', gaps ? { maxLength: undefined, role: `text with gaps; each gap answer at most ${ANSWER_LIMIT} characters` } : {});
      continue;
    }
    walkBlock(walk, scope, inner);
  }
}

/** A front matter value as a unit; `:var[…]` and `:term[…]` in it become codes. */
function frontMatterUnit(walk: Walk, scope: Scope, name: 'title' | 'summary', value: string, range: [number, number], yamlStart: number, line: number) {
  if (!value.trim()) return;
  const codes = new Map<string, InlineCode>();
  const pieces: Piece[] = [];
  const terms: string[] = [];
  let last = 0;
  for (const match of value.matchAll(/:(var|term)\[([^\]]*)\]/g)) {
    if (match.index! > last) pieces.push(value.slice(last, match.index));
    const id = String(codes.size + 1);
    if (match[1] === 'term') terms.push(match[2]!.trim());
    codes.set(id, { id, kind: 'ph', data: match[0], type: 'other', subType: `wecare:${match[1]}`, disp: match[0] });
    pieces.push({ ph: id });
    last = match.index! + match[0].length;
  }
  if (last < value.length) pieces.push(value.slice(last));
  const text = pieces.map((p) => (typeof p === 'string' ? p.replace(/\s+/g, ' ') : p));
  const node = { type: 'text', value: '', position: { start: { line, column: 1, offset: 0 }, end: { line, column: 1, offset: 0 } } } as Nodes;
  pushUnit(walk, scope, `${scope.path}:${name}`, node, {
    pieces: text,
    codes,
    terms,
    context: 'plain',
    placement: { start: yamlStart + range[0], end: yamlStart + range[1], prefix: '', suffix: '', encode: 'yaml' },
    ...(name === 'title' ? { maxLength: TITLE_LIMIT } : {}),
  }, name === 'title' ? 'title' : 'summary');
}

/** The front matter's YAML as the check parsed it already (`YamlSource.parsed`): not parsed again. */
export type ParsedFrontMatter = { simple: SimpleYaml } | { document: Document.Parsed };

interface FrontMatter {
  /** Offset of the YAML text in the file, and its first line. */
  yamlStart: number;
  line: number;
  data?: Record<string, unknown>;
  /** The title and summary: value and offsets (in the YAML text) of what a translation replaces. */
  texts: Map<'title' | 'summary', { value: string; range: [number, number] }>;
}

/**
 * The front matter of a Markdown file: data, and where title and summary are. One-line
 * `key: value` front matter (nearly all) is read by the fast path of scripts/parse/simple-yaml.ts;
 * anything else by the `yaml` library.
 */
export function readFrontMatter(tree: Root, text: string, parsed?: ParsedFrontMatter): FrontMatter | undefined {
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  if (!yaml) return undefined;
  const front: FrontMatter = { yamlStart: text.indexOf('\n', start(yaml)) + 1, line: (yaml.position?.start.line ?? 1) + 1, texts: new Map() };
  const simple = parsed ? ('simple' in parsed ? parsed.simple : undefined) : parseSimpleYaml(yaml.value);
  if (simple) {
    front.data = simple.data;
    for (const name of ['title', 'summary'] as const) {
      const node = simple.root.pairs.get(name)?.value;
      const value = simple.data[name];
      if (node?.kind !== 'scalar' || typeof value !== 'string') continue;
      const lineEnd = yaml.value.indexOf('\n', node.start);
      const end = (lineEnd < 0 ? yaml.value.length : lineEnd);
      front.texts.set(name, { value, range: [node.start, node.start + yaml.value.slice(node.start, end).trimEnd().length] });
    }
    return front;
  }
  const document = parsed && 'document' in parsed ? parsed.document : parseDocument(yaml.value);
  if (document.errors.length || !isMap(document.contents)) return front;
  front.data = document.toJS() as Record<string, unknown>;
  for (const name of ['title', 'summary'] as const) {
    const node = document.get(name, true);
    if (isScalar(node) && node.range) front.texts.set(name, { value: String(node.value ?? ''), range: [node.range[0], node.range[1]] });
  }
  return front;
}

/** What the front matter says of a file's units: its id, title and the variants it is restricted to. */
function headerOf(front: FrontMatter | undefined): Omit<FileUnits, 'units'> {
  const data = front?.data;
  const id = typeof data?.id === 'string' ? data.id : undefined;
  const title = typeof data?.title === 'string' ? data.title : undefined;
  const variants = Array.isArray(data?.variants) ? data.variants.map(String) : undefined;
  const header: Omit<FileUnits, 'units'> = {};
  if (id) header.id = id;
  if (title) header.title = title;
  if (variants) header.variants = variants;
  return header;
}

/** `extractFile` without the units: for a file the variant does not see (its front matter says which it is). */
export function fileHeader(tree: Root, text: string, parsed?: ParsedFrontMatter): Omit<FileUnits, 'units'> {
  return headerOf(readFrontMatter(tree, text, parsed));
}

/**
 * Every unit of one Markdown file for one variant. `kind` says whether it is a module.md. The
 * tree and front matter, when given, are the check's own parse of `text` (read, never changed).
 */
export function extractFile(text: string, file: string, kind: 'module' | 'lesson', options: ExtractOptions, tree: Root = parseMarkdown(text), parsed?: ParsedFrontMatter): FileUnits {
  const front = readFrontMatter(tree, text, parsed);
  const result: FileUnits = { ...headerOf(front), units: [] };
  const { id, title } = result;
  const prefix = kind === 'module' ? 'module' : (id ?? file);
  const walk: Walk = { text, file, options, units: result.units, ids: new Set(), where: kind === 'module' ? `module «${title ?? id}»` : `lesson «${title ?? id}» (${id ?? file})` };
  const root: Scope = { path: prefix, counters: new Map() };
  if (front) {
    const yamlText = text.slice(front.yamlStart);
    for (const [name, entry] of front.texts) frontMatterUnit(walk, root, name, entry.value, entry.range, front.yamlStart, front.line + yamlLineOf(yamlText, entry.range[0]) - 1);
  }
  // Top-level headings open sections; blocks are numbered inside their section.
  let section = kind === 'module' ? child(root, 'intro') : root;
  const slugs = new Map<string, number>();
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const plain = headingText(node as Heading, text);
      let slug = slugify(plain);
      const count = (slugs.get(slug) ?? 0) + 1;
      slugs.set(slug, count);
      if (count > 1) slug = `${slug}-${count}`;
      section = child(kind === 'module' ? child(root, 'intro') : root, slug);
      inlineUnit(walk, section, `${section.path}:heading`, node, (node as Heading).children, 'inline', { role: 'heading', maxLength: undefined });
      continue;
    }
    walkBlock(walk, section, node as RootContent as Nodes);
  }
  return result;
}

function yamlLineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}

/** A heading's words (directive labels included), for its section's id step. */
function headingText(node: Parent, text: string): string {
  return node.children.map((c) => ('value' in c && typeof c.value === 'string' ? c.value : 'children' in c ? headingText(c as Parent, text) : '')).join('');
}

/** Pieces and codes of a Markdown snippet read as one paragraph (a stored translation). */
export function readSnippet(markdown: string, options: ExtractOptions): { pieces: Piece[]; codes: Map<string, InlineCode> } | undefined {
  const tree = parseMarkdown(markdown);
  if (tree.children.length !== 1) return undefined;
  const only = tree.children[0]!;
  if (only.type !== 'paragraph' && only.type !== 'heading') return undefined;
  const codes = new Map<string, InlineCode>();
  const walk: Walk = { text: markdown, file: '', options, units: [], ids: new Set(), where: '' };
  return { pieces: readInline(only.children, walk, codes, []), codes };
}
