/**
 * remark plugin: resolves a tree for one variant. `:::only` / `:only` content for other countries
 * is removed and the rest unwrapped; activities and trainer notes with `variants=` / `except=` for
 * other countries are removed.
 */
import type { Nodes, Parent, Root } from 'mdast';
import { includedIn } from './context.ts';

export interface ResolveOptions {
  variant: string;
}

export default function remarkResolveVariants(options: ResolveOptions) {
  if (!options?.variant) throw new TypeError('remarkResolveVariants: `variant` is required');
  const { variant } = options;

  /** Resolves `parent`'s children; its list is replaced only where a child is dropped or unwrapped. */
  function resolve(parent: Parent): void {
    const children = parent.children as Nodes[];
    let result: Nodes[] | undefined;
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index]!;
      if (child.type === 'containerDirective' || child.type === 'textDirective' || child.type === 'leafDirective') {
        if (!includedIn(child.attributes, variant)) {
          result ??= children.slice(0, index);
          continue;
        }
        resolve(child);
        if (child.name === 'only' && child.type !== 'leafDirective') {
          result ??= children.slice(0, index);
          result.push(...(child.children as Nodes[]));
          continue;
        }
      } else if ('children' in child) {
        resolve(child as Parent);
      }
      result?.push(child);
    }
    if (result) parent.children = result as Parent['children'];
  }

  return (tree: Root) => {
    resolve(tree);
  };
}
