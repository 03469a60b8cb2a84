/**
 * PHP-style form encoding, the way Moodle's REST server reads parameters:
 * `{ users: [{ username: 'a' }] }` becomes `users[0][username]=a`. Booleans are sent as 1/0
 * (what PARAM_BOOL accepts), `undefined` keys are left out, `null` is refused (Moodle's REST
 * protocol cannot express it).
 */
export type FormValue = string | number | boolean | null | undefined | FormValue[] | { [key: string]: FormValue };

export function flattenParams(params: Record<string, FormValue>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const walk = (prefix: string, value: FormValue): void => {
    if (value === undefined) return;
    if (value === null) throw new TypeError(`Parameter ${prefix} is null; leave it out instead.`);
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(`${prefix}[${index}]`, item));
    } else if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(`${prefix}[${key}]`, item);
    } else if (typeof value === 'boolean') {
      pairs.push([prefix, value ? '1' : '0']);
    } else {
      if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`Parameter ${prefix} is not a finite number.`);
      pairs.push([prefix, String(value)]);
    }
  };
  for (const [key, value] of Object.entries(params)) walk(key, value);
  return pairs;
}

/** Number of form fields `value` flattens to (what counts against PHP's max_input_vars). */
export function countFields(value: FormValue): number {
  if (value === undefined) return 0;
  if (value === null || typeof value !== 'object') return 1;
  let total = 0;
  for (const item of Array.isArray(value) ? value : Object.values(value)) total += countFields(item);
  return total;
}

export function encodeForm(pairs: Array<[string, string]>): string {
  return pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
}
