/**
 * Strings allowed to read exactly as in English, by design: symbols, units and loanwords the
 * language uses as they are. Any other string equal to the English one is taken for an untranslated
 * leftover (tests/i18n/catalogues.test.ts). Keys are catalogue paths (`mode.individual`); values
 * are the languages (primary subtags) for which the English wording is right.
 */
import type { SurfaceId } from './resolve.ts';

export const identicalByDesign: Record<SurfaceId, Record<string, string[]>> = {
  player: {
    minutes: ['es', 'it', 'fr', 'nl', 'pt'],
    individual: ['es', 'pt'],
    pager: ['fr'],
    sources: ['fr'],
    modules: ['fr', 'nl'],
    status: ['nl', 'de'],
  },
  h5p: {
    scoreText: ['es', 'it', 'fr', 'nl', 'de', 'pt'],
    questionLabel: ['fr'],
    navigationLabel: ['fr'],
    scoreHeader: ['fr', 'nl'],
    score: ['fr', 'nl'],
    image: ['fr'],
    tip: ['nl'],
    feedbackHeader: ['nl'],
  },
  guide: {
    minutes: ['es', 'it', 'fr', 'nl', 'pt'],
    online: ['it', 'nl', 'de', 'pt'],
    page: ['fr'],
    programme: ['fr'],
    modulesCount: ['fr', 'nl'],
    module: ['fr', 'nl'],
    introduction: ['fr'],
    trainer: ['nl'],
    variant: ['nl'],
    feedbackOnOption: ['nl'],
    area: ['it'],
    matrixNo: ['es', 'it'],
  },
  report: {
    idleDays: ['es', 'pt'],
    participants: ['fr'],
    variant: ['nl'],
  },
  profile: {
    area: ['it'],
    learner: ['fr'],
    learners: ['fr'],
    variant: ['nl'],
  },
};
