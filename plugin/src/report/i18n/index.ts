/**
 * The report's text, resolved by the shared rule of scripts/i18n (language catalogue, then
 * regional wording). The report is for programme staff: its locale is the programme's language
 * unless `wecare moodle report --locale` says otherwise.
 */
import { resolveStrings, type Surface } from '../../../../scripts/i18n/resolve.ts';
import { en, type ReportStrings } from './en.ts';
import { es } from './es.ts';
import { it } from './it.ts';
import { de } from './de.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';
import { pt } from './pt.ts';

export type { ReportStrings } from './en.ts';

export const reportSurface: Surface<ReportStrings> = {
  id: 'report',
  home: 'plugin/src/report/i18n/',
  // Staff read one report for all variants: no variant's `ui` applies.
  uiPrefixes: [],
  languages: { en, es, it, fr, nl, de, pt },
  regions: {},
};

/** Throws `MissingInterfaceStrings` when the locale's language has no catalogue. */
export function reportStrings(locale: string): ReportStrings {
  return resolveStrings(reportSurface, locale);
}
