/**
 * remark plugin: substitutes, for one variant, `:var[path]` (a value of the variant file),
 * `:term[id]` (the glossary wording) and `:cite[…]` (a citation node, collected as a source),
 * and removes inline review notes (`:review[…]`, `::review[…]`), which never reach learners.
 */
import type { Nodes, Parent, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type { Citation as SourceCitation } from '../ir/types.ts';
import type { Citation } from '../parse/mdast-nodes.ts';
import { report } from '../validate/report.ts';
import { suggest } from '../validate/suggest.ts';
import { lookupVariable, type VariantContext } from './context.ts';

declare module 'vfile' {
  interface DataMap {
    /** Sources cited with `:cite`, in order of appearance. */
    citations: SourceCitation[];
  }
}

export default function remarkSubstitute(options: VariantContext) {
  if (!options?.variant) throw new TypeError('remarkSubstitute: a variant context is required');
  const { variant, variantFile, terms } = options;

  return (tree: Root, file: VFile) => {
    const citations: SourceCitation[] = [];
    file.data.citations = citations;

    function substitute(parent: Parent): void {
      const children = parent.children as Nodes[];
      for (let index = 0; index < children.length; index += 1) {
        const node = children[index]!;
        if (node.type === 'textDirective' || node.type === 'leafDirective') {
          const replacement = replace(node);
          if (replacement === null) {
            // "seis meses :review[…]." must not leave "seis meses ." behind.
            const before = children[index - 1];
            const after = children[index + 1];
            if (before?.type === 'text' && (!after || (after.type === 'text' && /^[.,;:!?)]/.test(after.value)))) before.value = before.value.replace(/[ \t]+$/, '');
            children.splice(index, 1);
            index -= 1;
            continue;
          }
          if (replacement) {
            children[index] = replacement as Nodes;
            continue;
          }
        }
        if ('children' in node) substitute(node as Parent);
      }
    }

    /** Returns the node to put instead, null to remove it, undefined to keep it. */
    function replace(node: Extract<Nodes, { type: 'textDirective' | 'leafDirective' }>): Text | Citation | null | undefined {
      const text = (value: string): Text => ({ type: 'text', value, position: node.position });
      if (node.name === 'review') return null;
      if (node.type !== 'textDirective') return undefined;
      switch (node.name) {
        case 'var': {
          const path = toString(node).trim();
          const { found, value } = lookupVariable(variant, path);
          if (!found) {
            report(file, 'unknown-variable', { path, variant: variant.code, file: variantFile }, node.position);
            return text(`[${path}]`);
          }
          if (typeof value === 'object') {
            report(file, 'invalid-variable', { path, file: variantFile }, node.position);
            return text(`[${path}]`);
          }
          return text(String(value));
        }
        case 'term': {
          const id = toString(node).trim();
          const wording = terms.get(id);
          if (wording === undefined) {
            report(file, 'unknown-term', { term: id, suggestion: suggest(id, terms.keys()) }, node.position);
            return text(id);
          }
          return text(wording);
        }
        case 'cite': {
          const ref = node.attributes?.ref;
          let label = toString(node).trim();
          let url = node.attributes?.url ?? undefined;
          if (ref) {
            const legal = variant.legalReferences.find((entry) => entry.id === ref);
            if (!legal) {
              report(file, 'unknown-legal-reference', { ref, file: variantFile }, node.position);
            } else {
              label = label ? `${legal.title}, ${label}` : legal.title;
              url ??= legal.url;
            }
          }
          if (!label) label = ref ?? '';
          const citation: SourceCitation = url ? { text: label, url } : { text: label };
          if (!citations.some((c) => c.text === citation.text && c.url === citation.url)) citations.push(citation);
          const node2: Citation = { type: 'citation', children: [text(label)], position: node.position };
          if (url) node2.url = url;
          return node2;
        }
        default:
          return undefined;
      }
    }

    substitute(tree);
  };
}
