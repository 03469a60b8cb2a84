/**
 * remark plugin: warns when country-specific content has no counterpart for some shipped country.
 * A run of consecutive `:::only` blocks (or `:only` texts separated by spaces) must together cover
 * every variant the file is shipped in; the warning names the countries left out.
 */
import type { Nodes, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../validate/report.ts';
import { coveredBy } from './context.ts';

export interface CoverageOptions {
  /** Variants the file is shipped in (programme ∩ module ∩ lesson). */
  scope: readonly string[];
}

type Only = Extract<Nodes, { type: 'containerDirective' | 'textDirective' }>;

const isOnly = (node: Nodes, type: 'containerDirective' | 'textDirective'): node is Only =>
  node.type === type && node.name === 'only';

export default function remarkVariantCoverage(options: CoverageOptions) {
  if (!options || !Array.isArray(options.scope)) throw new TypeError('remarkVariantCoverage: `scope` is required');

  return (tree: Root, file: VFile) => {
    function check(run: Only[], scope: readonly string[], inline: boolean) {
      const covered = new Set(run.flatMap((node) => coveredBy(node.attributes, scope)));
      if (!covered.size) return;
      const missing = scope.filter((code) => !covered.has(code));
      if (!missing.length) return;
      const example = missing.length === 1 ? missing[0]! : `"${missing.join(' ')}"`;
      report(file, inline ? 'inline-variant-coverage' : 'variant-coverage', { missing: missing.join(', '), example }, run[0]!.position);
    }

    function walk(parent: Parent, scope: readonly string[]) {
      const children = parent.children as Nodes[];
      let run: Only[] = [];
      let runType: Only['type'] | undefined;
      for (const node of children) {
        if (isOnly(node, 'containerDirective') || isOnly(node, 'textDirective')) {
          if (runType && runType !== node.type) {
            check(run, scope, runType === 'textDirective');
            run = [];
          }
          run.push(node);
          runType = node.type;
        } else if (!(runType === 'textDirective' && node.type === 'text' && !node.value.trim())) {
          if (run.length) {
            check(run, scope, runType === 'textDirective');
            run = [];
          }
          runType = undefined;
        }
        if ('children' in node) {
          const inner = node.type === 'containerDirective' || node.type === 'textDirective' || node.type === 'leafDirective'
            ? coveredBy(node.attributes, scope)
            : scope;
          walk(node as Parent, inner);
        }
      }
      if (run.length) check(run, scope, runType === 'textDirective');
    }

    walk(tree, options.scope);
  };
}
