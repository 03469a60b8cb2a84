/**
 * The guide's interface text, resolved by the shared rule of scripts/i18n: the language's
 * catalogue in scripts/guide/i18n/, then the locale's regional wording, then the variant's `ui`
 * keys prefixed `guide.` (e.g. `ui: { "guide.title": "Guía del facilitador" }`).
 */
import { resolveStrings, type Surface } from '../i18n/resolve.ts';
import type { VariantInfo } from '../ir/types.ts';
import { en, type GuideStrings } from './i18n/en.ts';
import { es } from './i18n/es.ts';
import { esCO } from './i18n/es-CO.ts';
import { it } from './i18n/it.ts';
import { de } from './i18n/de.ts';
import { deAT } from './i18n/de-AT.ts';
import { fr } from './i18n/fr.ts';
import { frBE } from './i18n/fr-BE.ts';
import { nl } from './i18n/nl.ts';
import { nlBE } from './i18n/nl-BE.ts';
import { pt } from './i18n/pt.ts';

export type { GuideStrings } from './i18n/en.ts';

export const guideSurface: Surface<GuideStrings> = {
  id: 'guide',
  home: 'scripts/guide/i18n/',
  uiPrefixes: ['guide.'],
  languages: { en, es, it, fr, nl, de, pt },
  regions: { 'es-CO': esCO, 'fr-BE': frBE, 'nl-BE': nlBE, 'de-AT': deAT },
};

/** Strings for a variant; throws `MissingInterfaceStrings` when its language has no catalogue. */
export function guideStrings(variant: Pick<VariantInfo, 'locale' | 'ui'>): GuideStrings {
  return resolveStrings(guideSurface, variant.locale, variant.ui ?? {});
}

/**
 * The guide's file name without extension, in the variant's language (`guida-formatore` for it-IT):
 * the catalogue's, or the variant's `ui: { "guide.fileName": … }`, kept to ASCII letters, digits and dashes.
 */
export function guideFileName(variant: Pick<VariantInfo, 'locale' | 'ui'>): string {
  const slug = guideStrings(variant)
    .fileName.normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'guide';
}

/** Replaces `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** Minutes as "1 h 30 min". */
export function formatMinutes(minutes: number, s: GuideStrings): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} ${s.minutes}`;
  return rest ? `${hours} h ${rest} ${s.minutes}` : `${hours} h`;
}
