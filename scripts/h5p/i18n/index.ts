/**
 * H5P content strings, resolved by the shared rule of scripts/i18n: the language's catalogue,
 * then the locale's regional wording, then the variant's `ui` keys prefixed `h5p.`
 * (e.g. `h5p.check: Corregir`). No English fallback for other languages.
 */
import { resolveStrings, type Surface } from '../../i18n/resolve.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { esCO } from './es-co.ts';
import { it } from './it.ts';
import { de } from './de.ts';
import { deAT } from './de-at.ts';
import { fr } from './fr.ts';
import { frBE } from './fr-be.ts';
import { nl } from './nl.ts';
import { pt } from './pt.ts';
import type { H5pStrings } from './strings.ts';

export type { H5pStrings } from './strings.ts';
export { fill } from '../../i18n/resolve.ts';

export const h5pSurface: Surface<H5pStrings> = {
  id: 'h5p',
  home: 'scripts/h5p/i18n/',
  uiPrefixes: ['h5p.'],
  languages: { en, es, it, fr, nl, de, pt },
  regions: { 'es-CO': esCO, 'fr-BE': frBE, 'de-AT': deAT },
};

/** Strings for a locale; throws `MissingInterfaceStrings` when its language has no catalogue. */
export function stringsFor(locale: string, overrides: Record<string, unknown> = {}): H5pStrings {
  return resolveStrings(h5pSurface, locale, overrides);
}
