/**
 * remark plugin: checks every directive of a lesson (or module introduction) against the table in
 * directives.ts — known name, right form, known attributes with valid values, an id on activities,
 * the right place — and the Markdown around them (image alt text, raw HTML). It also collects what
 * later checks need: review notes and the files images and links point at.
 *
 * Variant-independent: it runs once per file, before the tree is resolved for each variant.
 */
import type { Nodes, Parent, Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { ID_PATTERN } from '../parse/schema.ts';
import {
  directiveNames, directives, isActivityName, isQuestionName, spelled, splitList, type DirectiveForm, type DirectiveSpec,
} from './directives.ts';
import { report } from './report.ts';
import { suggest } from './suggest.ts';

export interface Reference {
  kind: 'image' | 'link';
  url: string;
  position?: Position;
}

export interface ReviewFact {
  text: string;
  position?: Position;
}

declare module 'vfile' {
  interface DataMap {
    /** Relative files that images and links of this file point at. */
    references: Reference[];
    /** `::review` notes of this file. */
    reviews: ReviewFact[];
  }
}

export interface ValidateOptions {
  /** Competence ids of the framework; undefined when the framework could not be read (no checks then). */
  competences?: ReadonlySet<string>;
  /** Variant codes the programme ships. */
  variants: readonly string[];
  /** True for module.md: activities and trainer notes are not allowed there. */
  intro?: boolean;
}

type Directive = Extract<Nodes, { type: 'containerDirective' | 'leafDirective' | 'textDirective' }>;

const formOf = (node: Directive): DirectiveForm =>
  node.type === 'containerDirective' ? 'container' : node.type === 'leafDirective' ? 'leaf' : 'text';

const isDirective = (node: Nodes): node is Directive =>
  node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective';

const isComment = (value: string) => /^\s*<!--[\s\S]*-->\s*$/.test(value);

/** Is `url` a path inside the programme (not a scheme, protocol-relative URL, absolute path or bare anchor)? */
export function isLocalUrl(url: string): boolean {
  return !!url && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//') && !url.startsWith('/') && !url.startsWith('#');
}

export default function remarkValidateDirectives(options: ValidateOptions) {
  if (!options || !Array.isArray(options.variants)) throw new TypeError('remarkValidateDirectives: `variants` is required');
  const shipped = new Set(options.variants);

  return (tree: Root, file: VFile) => {
    const references: Reference[] = [];
    const reviews: ReviewFact[] = [];
    file.data.references = references;
    file.data.reviews = reviews;

    const lines = String(file.value ?? '').split('\n');
    /** Line of the first directive whose closing fence also closes its container (see fence-too-short); Infinity when none. */
    let shortFenceLine = Infinity;

    /** Where attribute `name` is written on the directive's opening line; the directive's position when not found. */
    function attributePlace(node: Directive, name: string): Position | Point | undefined {
      const start = node.position?.start;
      const line = start && lines[start.line - 1];
      if (!start || line === undefined) return node.position;
      const afterName = start.column - 1 + 1 + node.name.length;
      const label = line[line.indexOf(node.name, start.column - 1) + node.name.length] === '[' ? line.indexOf(']', afterName) : -1;
      const brace = line.indexOf('{', Math.max(afterName, label));
      if (brace === -1) return node.position;
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pattern = name === 'id' ? /[\s{](?:#|id\s*=)/ : name === 'class' ? /[\s{]\./ : new RegExp(`[\\s{]${escaped}(?=[\\s=}])`);
      const match = pattern.exec(line.slice(brace));
      return match ? { line: start.line, column: brace + match.index + 2 } : node.position;
    }

    /** Colons of a container directive's opening fence. */
    function fenceOf(node: Directive): number {
      const start = node.position?.start;
      const line = start ? lines[start.line - 1] : undefined;
      return (line === undefined ? undefined : /^:+/.exec(line.slice(start!.column - 1))?.[0].length) ?? 3;
    }

    /**
     * A container holding a container with as many colons or more: the inner closing fence closes
     * both (`:::quiz` around `:::single-choice`), so what follows lands outside and would be
     * reported as misplaced. Say what is wrong instead.
     */
    function checkFences(parent: Parent) {
      for (const node of parent.children as Nodes[]) {
        if (node.type !== 'containerDirective') {
          if ('children' in node && Array.isArray(node.children)) checkFences(node as Parent);
          continue;
        }
        const outer = fenceOf(node);
        const inner = (node.children as Nodes[]).find((child): child is Directive => child.type === 'containerDirective' && fenceOf(child) >= outer);
        if (inner) {
          const colons = fenceOf(inner);
          report(file, 'fence-too-short', {
            outer: `${':'.repeat(outer)}${node.name}`,
            inner: `${':'.repeat(colons)}${inner.name}`,
            fix: `${':'.repeat(colons + 1)}${node.name}`,
            close: ':'.repeat(colons + 1),
          }, node.position?.start);
          shortFenceLine = Math.min(shortFenceLine, node.position?.start.line ?? Infinity);
        }
        checkFences(node);
      }
    }

    /** Lines of a paragraph that start like a directive: the parser did not read them as one, learners would see them. */
    function checkLiteralDirectives(paragraph: Parent) {
      paragraph.children.forEach((child, index) => {
        if (child.type !== 'text' || !child.position || !child.value.includes('::')) return;
        child.value.split('\n').forEach((text, offset) => {
          if (offset === 0 && index > 0) return;
          if (!/^(?::{2,}[A-Za-z][\w-]*|:{3,}\s*$)/.test(text)) return;
          const line = child.position!.start.line + offset;
          if (line > shortFenceLine) return;
          const column = offset === 0 ? child.position!.start.column : (lines[line - 1] ?? '').indexOf(':') + 1;
          const shown = text.length > 48 ? `${text.slice(0, 47)}…` : text;
          report(file, 'literal-directive', { text: shown }, { line, column: Math.max(1, column) });
        });
      });
    }

    // Places are found only for what is reported: finding an attribute's column reads its line again.
    function checkCompetence(id: string, place: () => Position | Point | undefined) {
      if (options.competences && !options.competences.has(id)) {
        report(file, 'unknown-competence', { id, suggestion: suggest(id, options.competences) }, place());
      }
    }

    function checkVariantCodes(codes: string[], place: () => Position | Point | undefined) {
      for (const code of codes) {
        if (!shipped.has(code)) report(file, 'unknown-variant', { code, suggestion: suggest(code, shipped), known: [...shipped].join(', ') }, place());
      }
    }

    /** The nearest ancestor that is not an `:::only` container (root when none). */
    function nearest(ancestors: Parent[]): Parent | undefined {
      for (let index = ancestors.length - 1; index >= 0; index -= 1) {
        const ancestor = ancestors[index]!;
        if (!(ancestor.type === 'containerDirective' && (ancestor as Directive).name === 'only')) return ancestor;
      }
      return undefined;
    }

    function placedWell(spec: DirectiveSpec, node: Directive, ancestors: Parent[]): string | undefined {
      const parent = nearest(ancestors);
      const parentName = parent && isDirective(parent as Nodes) ? (parent as Directive).name : undefined;
      const atTop = parent?.type === 'root';
      switch (spec.placement) {
        case 'lesson':
          if (options.intro) return 'intro';
          return atTop ? undefined : isActivityName(node.name) ? 'nested' : 'lesson';
        case 'question':
          if (options.intro) return 'intro';
          return atTop || parentName === 'quiz' ? undefined : 'question';
        case 'feedback':
          return parentName && (isQuestionName(parentName) || parentName === 'quiz') ? undefined : 'feedback';
        case 'gap':
          return ancestors.some((a) => isDirective(a as Nodes) && ['fill-blanks', 'drag-words'].includes((a as Directive).name)) ? undefined : 'gap';
        case 'statement':
          return ancestors.some((a) => isDirective(a as Nodes) && (a as Directive).name === 'self-assessment') ? undefined : 'statement';
        case 'face-to-face-part':
          return parentName === 'face-to-face' ? undefined : 'face-to-face-part';
        default:
          return undefined;
      }
    }

    /** Checks one directive; returns false when it was turned back into text. */
    function checkDirective(node: Directive, ancestors: Parent[], parent: Parent, index: number): boolean {
      const spec = directives[node.name];
      const form = formOf(node);
      const attributes = node.attributes ?? {};
      if (!spec) {
        // `Hora:tarde` parses as a text directive: without a label or attributes, it is just text.
        if (form === 'text' && node.children.length === 0 && Object.keys(attributes).length === 0) {
          const text: Text = { type: 'text', value: `:${node.name}`, position: node.position };
          parent.children.splice(index, 1, text as RootContent);
          return false;
        }
        report(file, 'unknown-directive', { name: spelled(node.name, form), suggestion: suggestName(node.name, form) }, node.position);
        return true;
      }
      if (!spec.forms.includes(form)) {
        const expected = spec.forms.map((f) => `"${spelled(node.name, f)}"`).join(file.data.lang === 'es' ? ' o ' : ' or ');
        report(file, 'directive-form', { name: spelled(node.name, form), expected }, node.position);
      }
      const displayed = spelled(node.name, form);
      for (const [name, value] of Object.entries(attributes)) {
        const attribute = spec.attributes[name];
        if (!attribute) {
          const shown = name === 'class' ? `.${value}` : name;
          report(
            file,
            'unknown-attribute',
            { name: shown, directive: displayed, suggestion: suggest(name, Object.keys(spec.attributes)), allowed: Object.keys(spec.attributes).join(', ') || '—' },
            attributePlace(node, name),
          );
          continue;
        }
        const problem = attribute.check?.(value ?? '', file.data.lang ?? 'en');
        if (problem) report(file, 'invalid-attribute', { name, directive: displayed, expected: problem, value: value ?? '' }, attributePlace(node, name));
      }
      if (spec.activity) {
        const id = attributes.id;
        if (!id) report(file, 'missing-id', { directive: displayed }, node.position);
        else if (!ID_PATTERN.test(id)) report(file, 'invalid-id', { id }, attributePlace(node, 'id'));
      }
      if ('competence' in spec.attributes) for (const id of splitList(attributes.competence)) checkCompetence(id, () => attributePlace(node, 'competence'));
      if ('variants' in spec.attributes) checkVariantCodes(splitList(attributes.variants), () => attributePlace(node, 'variants'));
      if ('except' in spec.attributes) checkVariantCodes(splitList(attributes.except), () => attributePlace(node, 'except'));
      if (node.name === 'only' && !attributes.variants && !attributes.except) {
        report(file, 'misplaced-directive', { name: displayed, where: 'only-attributes' }, node.position);
      }
      if (node.name === 'competence') checkCompetence(toString(node).trim(), () => node.position);
      if (node.name === 'review') reviews.push({ text: toString(node).trim(), position: node.position });
      if (node.name === 'review') report(file, 'review-note', { text: toString(node).trim() }, node.position);
      const where = placedWell(spec, node, ancestors);
      if (where && !((node.position?.start.line ?? 0) > shortFenceLine)) report(file, 'misplaced-directive', { name: displayed, where }, node.position);
      return true;
    }

    function suggestName(name: string, form: DirectiveForm): string | undefined {
      const candidate = suggest(name, directiveNames);
      if (!candidate) return undefined;
      const spec = directives[candidate]!;
      return spelled(candidate, spec.forms.includes(form) ? form : spec.forms[0]!);
    }

    function walk(parent: Parent, ancestors: Parent[]) {
      const children = parent.children as Nodes[];
      for (let index = 0; index < children.length; index += 1) {
        const node = children[index]!;
        if (isDirective(node)) {
          if (!checkDirective(node, ancestors, parent, index)) continue;
        } else if (node.type === 'image') {
          if (!node.alt?.trim()) report(file, 'image-alt', { src: node.url }, node.position);
          if (isLocalUrl(node.url)) references.push({ kind: 'image', url: node.url, position: node.position });
        } else if (node.type === 'link') {
          if (isLocalUrl(node.url)) references.push({ kind: 'link', url: node.url, position: node.position });
          const fragment = node.url.indexOf('#');
          if (fragment !== -1 && (node.url.startsWith('#') || isLocalUrl(node.url))) {
            report(file, 'link-fragment', { href: node.url, file: node.url.slice(0, fragment) || undefined }, node.position);
          }
        } else if (node.type === 'html') {
          if (!isComment(node.value)) report(file, 'raw-html', {}, node.position);
        } else if (node.type === 'paragraph') {
          checkLiteralDirectives(node);
        }
        if ('children' in node && Array.isArray(node.children)) {
          // One stack for the whole walk: checks read the ancestors while they run and keep none.
          ancestors.push(node as Parent);
          walk(node as Parent, ancestors);
          ancestors.pop();
        }
      }
    }

    checkFences(tree);
    walk(tree, [tree]);
  };
}
