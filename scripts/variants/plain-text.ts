/**
 * `:var[…]` and `:term[…]` in plain texts (front matter titles and summaries), for one variant.
 */
import { lookupVariable, type VariantContext } from './context.ts';

export type PlainTextProblem = { kind: 'variable'; path: string } | { kind: 'term'; term: string };

const pattern = /:(var|term)\[([^\]\n]*)\]/g;

export function substitutePlain(text: string, context: VariantContext, onProblem?: (problem: PlainTextProblem) => void): string {
  if (!text.includes(':')) return text;
  return text.replace(pattern, (whole, name: string, inner: string) => {
    const key = inner.trim();
    if (name === 'var') {
      const { found, value } = lookupVariable(context.variant, key);
      if (found && typeof value !== 'object') return String(value);
      onProblem?.({ kind: 'variable', path: key });
      return whole;
    }
    const wording = context.terms.get(key);
    if (wording !== undefined) return wording;
    onProblem?.({ kind: 'term', term: key });
    return whole;
  });
}
