import { en } from './en.ts';
import { es } from './es.ts';
import { esCO } from './es-co.ts';
import type { H5pStrings } from './strings.ts';

export type { H5pStrings } from './strings.ts';

/** Translations by lower-case BCP 47 tag; a language alone (`es`) is the fallback for its regions. */
const catalogues: Record<string, H5pStrings> = { es, 'es-es': es, 'es-co': esCO, en };

/**
 * Strings for a locale: the exact locale, else its language, else English. `overrides` are the
 * variant file's `ui` entries whose keys start with `h5p.` (e.g. `h5p.check: Corregir`).
 */
export function stringsFor(locale: string, overrides: Record<string, string> = {}): H5pStrings {
  const tag = locale.toLowerCase();
  const base = catalogues[tag] ?? catalogues[tag.split('-')[0]!] ?? en;
  const merged: H5pStrings = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const name = key.startsWith('h5p.') ? key.slice(4) : undefined;
    if (name && name in merged && typeof value === 'string') merged[name as keyof H5pStrings] = value;
  }
  return merged;
}

/** Fills `{name}` slots. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
