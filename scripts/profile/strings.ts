/**
 * The profile pages' text, resolved by the shared rule of scripts/i18n: the language's catalogue
 * in scripts/profile/i18n/, then the locale's regional wording, then the variant's `ui` keys
 * prefixed `profile.`. Counting sentences are exposed as functions that fill the placeholders.
 */
import { fill, resolveStrings, type Surface } from '../i18n/resolve.ts';
import type { VariantInfo } from '../ir/types.ts';
import { en, type ProfileStrings } from './i18n/en.ts';
import { es } from './i18n/es.ts';
import { it } from './i18n/it.ts';
import { de } from './i18n/de.ts';
import { fr } from './i18n/fr.ts';
import { nl } from './i18n/nl.ts';
import { pt } from './i18n/pt.ts';

export type { ProfileStrings } from './i18n/en.ts';

export const profileSurface: Surface<ProfileStrings> = {
  id: 'profile',
  home: 'scripts/profile/i18n/',
  uiPrefixes: ['profile.'],
  languages: { en, es, it, fr, nl, de, pt },
  regions: {},
};

type Counted = 'answered' | 'statementsAnswered' | 'summaryGaps' | 'summaryNoGaps' | 'unanswered' | 'lackingRule';

export type ProfileText = Omit<ProfileStrings, Counted> & {
  answered: (answered: number, total: number) => string;
  statementsAnswered: (answered: number, total: number) => string;
  summary: (gaps: number, competences: number) => string;
  unanswered: (count: number) => string;
  lackingRule: (share: number) => string;
};

/** The profile's text for a variant; throws `MissingInterfaceStrings` when its language has no catalogue. */
export function profileText(variant: Pick<VariantInfo, 'locale' | 'ui'>): ProfileText {
  const c = resolveStrings(profileSurface, variant.locale, variant.ui ?? {});
  return {
    ...c,
    answered: (answered, total) => fill(c.answered, { answered, total }),
    statementsAnswered: (answered, total) => fill(c.statementsAnswered, { answered, total }),
    summary: (gaps, competences) => fill(gaps ? c.summaryGaps : c.summaryNoGaps, { gaps, competences }),
    unanswered: (count) => fill(c.unanswered, { count }),
    lackingRule: (share) => fill(c.lackingRule, { share }),
  };
}
