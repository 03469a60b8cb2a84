/** What resolving a source for one variant needs to know about that variant. */
import type { Citation, VariantInfo } from '../ir/types.ts';
import { splitList } from '../validate/directives.ts';

export interface VariantContext {
  variant: VariantInfo;
  /** The variant's file relative to the root, named in messages: `content/variants/co.yaml`. */
  variantFile: string;
  /** Glossary wording for this variant, by term id. */
  terms: ReadonlyMap<string, string>;
}

/** Is a node carrying `variants=` / `except=` attributes included in `variant`? */
export function includedIn(attributes: Record<string, string | null | undefined> | null | undefined, variant: string): boolean {
  if (!attributes) return true;
  const only = variantList(attributes.variants);
  if (only.length && !only.includes(variant)) return false;
  return !variantList(attributes.except).includes(variant);
}

const variantLists = new Map<string, readonly string[]>();
const NO_VARIANTS: readonly string[] = Object.freeze([]);

/**
 * `splitList` of a `variants=` or `except=` value, remembered: the same few values are asked about
 * for every directive, variant and pass (the lists are shared, never changed).
 */
function variantList(value: string | null | undefined): readonly string[] {
  if (!value) return NO_VARIANTS;
  let list = variantLists.get(value);
  if (!list) {
    list = Object.freeze(splitList(value));
    if (variantLists.size < 1000) variantLists.set(value, list);
  }
  return list;
}

/** The variants among `scope` a node with these attributes is included in. */
export function coveredBy(attributes: Record<string, string | null | undefined> | null | undefined, scope: readonly string[]): string[] {
  if (!attributes || (!attributes.variants && !attributes.except)) return [...scope];
  return scope.filter((code) => includedIn(attributes, code));
}

/** Looks up `path.to.value` in a variant: its named fields first, then its free data. */
const variableRoots = new WeakMap<VariantInfo, Record<string, unknown>>();

function variableRoot(variant: VariantInfo): Record<string, unknown> {
  let root = variableRoots.get(variant);
  if (!root) {
    root = {
      ...variant.data,
      code: variant.code,
      name: variant.name,
      locale: variant.locale,
      currency: variant.currency,
      emergencyNumber: variant.emergencyNumber,
    };
    variableRoots.set(variant, root);
  }
  return root;
}

export function lookupVariable(variant: VariantInfo, path: string): { found: boolean; value?: unknown } {
  let current: unknown = variableRoot(variant);
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment)) return { found: false };
    current = (current as Record<string, unknown>)[segment];
  }
  return { found: current !== undefined && current !== null, value: current };
}

export type { Citation };
