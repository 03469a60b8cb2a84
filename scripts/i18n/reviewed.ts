/**
 * The one place that says which interface catalogues a native speaker has reviewed. A tag is a
 * language (`it`, shared by every surface's catalogue of that language) or a regional overlay
 * (`fr-BE`). Every catalogue tag of every surface must be listed (tests/i18n/catalogues.test.ts);
 * `wecare check --review` names the unreviewed ones a variant uses. When a native speaker has
 * reviewed one, set it to `reviewed` with who and when in the commit message.
 */
export type ReviewState = 'reviewed' | 'unreviewed';

export const catalogueReview: Record<string, ReviewState> = {
  es: 'reviewed',
  'es-ES': 'reviewed',
  'es-CO': 'reviewed',
  en: 'unreviewed',
  it: 'unreviewed',
  fr: 'unreviewed',
  'fr-BE': 'unreviewed',
  nl: 'unreviewed',
  'nl-BE': 'unreviewed',
  de: 'unreviewed',
  'de-AT': 'unreviewed',
  pt: 'unreviewed',
};

export function isReviewed(tag: string): boolean {
  return catalogueReview[tag] === 'reviewed';
}
