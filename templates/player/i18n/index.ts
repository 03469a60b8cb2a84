/**
 * The player's interface strings, resolved at build time by the shared rule of scripts/i18n:
 * the language's catalogue, then the locale's regional wording, then the variant's `ui`
 * overrides (keys without a dot, or `player.<key>`). No English fallback for other languages.
 */
import { resolveStrings as resolveSurface, type Surface } from '../../../scripts/i18n/resolve.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { esCO } from './es-CO.ts';
import { esES } from './es-ES.ts';
import { it } from './it.ts';
import { de } from './de.ts';
import { deAT } from './de-AT.ts';
import { fr } from './fr.ts';
import { frBE } from './fr-BE.ts';
import { nl } from './nl.ts';
import { pt } from './pt.ts';

export const playerSurface: Surface<Record<string, string>> = {
  id: 'player',
  home: 'templates/player/i18n/',
  uiPrefixes: ['', 'player.'],
  languages: { en, es, it, fr, nl, de, pt },
  regions: { 'es-ES': esES, 'es-CO': esCO, 'fr-BE': frBE, 'de-AT': deAT },
};

export const stringKeys = Object.keys(en);

export function resolveStrings(locale: string, overrides: Record<string, unknown> = {}): Record<string, string> {
  return resolveSurface(playerSurface, locale, overrides);
}
