/**
 * Values a variant file copied from another country and has not yet made its own.
 *
 * `wecare variant add` copies every value of the source variant and lists each one under
 * `localise.values` with a digest of the copied value. While the value at that path still has that
 * digest it is the other country's data, and `wecare check` warns at its line. A digest (not a
 * comparison with the source file) keeps working when the source country updates its own figures
 * next edition, and lets a value that is right for both countries (112 in Spain and Italy) be
 * accepted by deleting its line.
 */
import { createHash } from 'node:crypto';

/** Keys `variant add` sets itself or that are not country data. */
const NOT_COUNTRY_DATA = new Set(['code', 'name', 'locale', 'ui', 'localise']);

export interface LocaliseMarker {
  /** Variant code the values were copied from. */
  from: string;
  /** Key path (`phones.emergency`) → digest of the value as copied. */
  values: Record<string, string>;
}

/** Stable, short digest of a YAML value (as parsed): equal values give equal digests. */
export function valueDigest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex').slice(0, 12);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  // YAML reads 112 as a number and "112" as text: both are the same phone number.
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * The country data of a variant file, as key paths to values: every scalar, and every list as one
 * value (a list of laws is localised as a whole). Mappings are walked into.
 */
export function countryValues(data: Record<string, unknown>): Array<{ path: string; value: unknown }> {
  const out: Array<{ path: string; value: unknown }> = [];
  const walk = (value: unknown, path: string[]) => {
    if (isMapping(value) && Object.keys(value).length) {
      for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
    } else if (value !== null && value !== undefined) {
      out.push({ path: path.join('.'), value });
    }
  };
  for (const [key, value] of Object.entries(data)) if (!NOT_COUNTRY_DATA.has(key)) walk(value, [key]);
  return out;
}

/** The value at `a.b.c` in parsed YAML, or `found: false`. */
export function valueAt(data: unknown, path: string): { found: boolean; value?: unknown } {
  let current = data;
  for (const segment of path.split('.')) {
    if (!isMapping(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return { found: false };
    current = current[segment];
  }
  return { found: current !== undefined, value: current };
}

export interface CopiedValue {
  path: string;
  /** False when the path no longer exists in the file (the marker is stale). */
  found: boolean;
}

/** Paths of `marker` whose value is still the one copied (or that no longer exist). */
export function copiedValues(data: unknown, marker: LocaliseMarker): CopiedValue[] {
  const out: CopiedValue[] = [];
  for (const [path, digest] of Object.entries(marker.values)) {
    const current = valueAt(data, path);
    if (!current.found) out.push({ path, found: false });
    else if (valueDigest(current.value) === String(digest)) out.push({ path, found: true });
  }
  return out;
}
