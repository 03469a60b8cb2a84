import { countFields, type FormValue } from './form.ts';

/**
 * Splits `items` into chunks whose request stays within `budget` form fields, PHP's
 * max_input_vars: past it PHP silently drops the rest of the request and Moodle acts on what is
 * left (recorded: 840 users sent, 833 created, HTTP 200, no error).
 */
export function chunkByFields<T>(
  items: readonly T[],
  toParams: (chunk: T[]) => Record<string, FormValue>,
  budget: number,
  maxItems = Number.POSITIVE_INFINITY,
): T[][] {
  const base = countFields(toParams([]) as FormValue);
  const chunks: T[][] = [];
  let current: T[] = [];
  let used = base;
  for (const item of items) {
    const cost = countFields(toParams([item]) as FormValue) - base;
    if (base + cost > budget) {
      throw new RangeError(`One item needs ${base + cost} form fields, more than the limit of ${budget} (max_input_vars).`);
    }
    if (current.length && (used + cost > budget || current.length >= maxItems)) {
      chunks.push(current);
      current = [];
      used = base;
    }
    current.push(item);
    used += cost;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
