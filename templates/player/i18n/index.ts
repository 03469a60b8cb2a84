/**
 * Resolves the player's interface strings for a locale at build time: English fallback, then the
 * language, then the locale (es-ES, es-CO), then the variant's `ui` overrides.
 */
import { en } from './en.ts';
import { es } from './es.ts';
import { esCO } from './es-CO.ts';
import { esES } from './es-ES.ts';

const byLanguage: Record<string, Record<string, string>> = { en, es };
const byLocale: Record<string, Record<string, string>> = { 'es-ES': esES, 'es-CO': esCO };

export const stringKeys = Object.keys(en);

export function resolveStrings(locale: string, overrides: Record<string, string> = {}): Record<string, string> {
  const language = locale.split('-')[0]!.toLowerCase();
  return { ...en, ...(byLanguage[language] ?? {}), ...(byLocale[locale] ?? {}), ...overrides };
}
