/**
 * Strings allowed to read exactly as in English, by design: symbols, units and loanwords the
 * language uses as they are. Any other string equal to the English one is taken for an untranslated
 * leftover (tests/i18n/catalogues.test.ts). Keys are catalogue paths (`mode.individual`); values
 * are the languages (primary subtags) for which the English wording is right.
 */
import type { SurfaceId } from './resolve.ts';

export const identicalByDesign: Record<SurfaceId, Record<string, string[]>> = {
  player: {
    minutes: ['es', 'it', 'fr', 'nl', 'de', 'pt'],
    individual: ['es'],
  },
  h5p: {
    scoreText: ['es', 'it', 'fr', 'nl', 'de', 'pt'],
  },
  guide: {
    minutes: ['es', 'it', 'fr', 'nl', 'de', 'pt'],
    online: ['it', 'nl', 'de'],
    area: ['it'],
    matrixNo: ['es', 'it'],
  },
  report: {
    idleDays: ['es'],
  },
  profile: {
    area: ['it'],
  },
};
