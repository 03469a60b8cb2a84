/**
 * Contract with the learner player (docs/tracking.md): the correct-response pattern the player
 * itself writes for every question, in SCORM 1.2 and 2004 form, is scored right by the profile;
 * likert points and statement ids are the ones the profile expects. Uses the player's own encoder
 * (templates/player/src/cmi.ts) on the hand-written sample IR and its assessment.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Question } from '../../scripts/ir/types.ts';
import { buildAssessmentMap } from '../../scripts/profile/assessment-map.ts';
import { scoreResponse } from '../../scripts/profile/score.ts';
import { toLearnerModule } from '../../scripts/scorm/learner-model.ts';
import { questionResponse } from '../../templates/player/src/cmi.ts';
import { allActivities, isQuestion } from '../../templates/player/src/model.ts';
import { profileProgramme } from './fixture.ts';

const programme = profileProgramme('co', mkdtempSync(path.join(os.tmpdir(), 'wecare-contract-')));
// A comma inside an accepted answer: SCORM 1.2 turns it into a space, the profile must still match.
const q5 = programme.assessment!.lessons[0]!.blocks.find((b) => b.kind === 'quiz');
if (q5?.kind === 'quiz' && q5.questions[2]?.kind === 'fill-blanks') q5.questions[2].blanks[0]!.answers = ['por escrito, firmado', 'escrito'];
const map = buildAssessmentMap(programme);

describe.each(['1.2', '2004'] as const)('SCORM %s responses written by the player', (version) => {
  const modules = [...programme.modules, programme.assessment!];
  const cases = modules.flatMap((module) =>
    allActivities(toLearnerModule(module, programme, version, 1000)).filter(isQuestion).map((learner) => {
      const ir = [...map.items.values()].find((item) => item.kind === 'knowledge' && item.id === learner.id);
      const fallback = module.lessons.flatMap((l) => l.blocks).flatMap((b) => (b.kind === 'quiz' ? b.questions : [b])).find((b) => 'id' in b && b.id === learner.id);
      return { id: learner.id, learner, question: (ir?.kind === 'knowledge' ? ir.question : fallback) as Question };
    }),
  );

  it('covers every question kind', () => {
    expect(new Set(cases.map((c) => c.question.kind))).toEqual(new Set(['single-choice', 'multiple-choice', 'true-false', 'fill-blanks', 'drag-words', 'matching', 'ordering']));
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s: the correct pattern scores right', (_, { learner, question }) => {
    const { pattern } = questionResponse(learner, undefined, version);
    expect(scoreResponse(question, pattern.replace(/^\{case_matters=true\}/, ''))).toBe(true);
  });
});

describe('self-assessment statements', () => {
  it('are `<activityId>.<statementId>` with points 1…n, as the player records likert interactions', () => {
    const ids = [...map.items.values()].filter((item) => item.kind === 'confidence').map((item) => item.id);
    expect(ids).toEqual(['diag-sa.1', 'diag-sa.2', 'diag-sa.3']);
  });
});
