import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAssessmentMap, MissingAssessmentError } from '../../scripts/profile/assessment-map.ts';
import { computeLearnerProfile, defaultThresholds } from '../../scripts/profile/compute.ts';
import type { ResultProblem } from '../../scripts/profile/problems.ts';
import { scoreResponse } from '../../scripts/profile/score.ts';
import type { CompetenceResult, InteractionRecord, LearnerInteractions, LearnerProfile } from '../../scripts/profile/types.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';
import { profileProgramme } from './fixture.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-profile-'));
const programme = profileProgramme('es', dir);
const map = buildAssessmentMap(programme);

let row = 1;
const rec = (id: string, response: string, result?: string): InteractionRecord => ({ id, response, ...(result ? { result } : {}), origin: { file: 'results.csv', row: ++row } });
const learner = (interactions: InteractionRecord[], learnerId = 'L1'): LearnerInteractions => ({ learnerId, interactions, origin: { file: 'results.csv', row: 2 } });

const confidence = (points: [number, number, number]) => points.map((point, index) => rec(`diag-sa.${index + 1}`, String(point), 'neutral'));
const allRight = () => [rec('diag-q1', 'a'), rec('diag-q2', 't'), rec('diag-q3', 'a,b'), rec('diag-q4', '1,2,3'), rec('diag-q5', 'Escrita'), rec('diag-q6', '1.a,2.b')];
const allWrong = () => [rec('diag-q1', 'b', 'wrong'), rec('diag-q2', 'f', 'wrong'), rec('diag-q3', 'c', 'incorrect'), rec('diag-q4', '3,2,1', 'wrong'), rec('diag-q5', 'verbal', 'wrong'), rec('diag-q6', '1.b,2.a', 'wrong')];

function profileOf(interactions: InteractionRecord[]): { profile: LearnerProfile | undefined; problems: ResultProblem[] } {
  const problems: ResultProblem[] = [];
  const profile = computeLearnerProfile(map, learner(interactions), problems);
  return { profile, problems };
}

function competence(profile: LearnerProfile | undefined, id: string): CompetenceResult {
  const found = profile?.areas.flatMap((area) => area.competences).find((c) => c.competenceId === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

describe('assessment map (from the IR, not from id spelling)', () => {
  it('maps statements to `<activity>.<statement>` and questions (quiz questions inheriting the quiz competence) to knowledge', () => {
    expect(map.items.get('diag-sa.2')).toMatchObject({ kind: 'confidence', competence: 'C1.2', scalePoints: 4 });
    expect(map.items.get('diag-q3')).toMatchObject({ kind: 'knowledge', competences: ['C1.2'] });
    expect(map.items.get('diag-q5')).toMatchObject({ kind: 'knowledge', competences: ['C2.1'] });
    expect(map.items.get('diag-refl')).toMatchObject({ kind: 'other' });
    expect(map.items.has('diag-quiz')).toBe(false);
    expect(map.competences.map((c) => [c.competence.id, c.questions.length, c.statements.length])).toEqual([['C1.1', 2, 1], ['C1.2', 2, 1], ['C2.1', 2, 1]]);
  });

  it('refuses a programme without an assessment with a clear error', () => {
    expect(() => buildAssessmentMap(sampleProgramme('es', dir))).toThrow(MissingAssessmentError);
  });
});

describe('profile computation', () => {
  it('all right with matching confidence: knowledge 100 %, no gaps, no modules', () => {
    const { profile, problems } = profileOf([...confidence([4, 4, 3]), ...allRight()]);
    expect(problems).toEqual([]);
    for (const id of ['C1.1', 'C1.2', 'C2.1']) {
      expect(competence(profile, id).knowledge).toEqual({ value: 1, answered: 2, total: 2 });
      expect(competence(profile, id).gaps).toEqual([]);
    }
    expect(competence(profile, 'C2.1').confidence.value).toBeCloseTo(2 / 3);
    expect(profile?.recommendedModules).toEqual([]);
    expect(profile?.unanswered).toBe(0);
  });

  it('all answers wrong and very confident: a real 0, knowledge gaps and over-confidence everywhere, modules that close them', () => {
    const { profile, problems } = profileOf([...confidence([4, 4, 4]), ...allWrong()]);
    expect(problems).toEqual([]);
    for (const id of ['C1.1', 'C1.2', 'C2.1']) {
      expect(competence(profile, id).knowledge).toEqual({ value: 0, answered: 2, total: 2 });
      expect(competence(profile, id).gaps).toEqual(['knowledge', 'over-confidence']);
    }
    // m01 closes two gaps (C1.1, C1.2), m02 one (C2.1): most gaps first.
    expect(profile?.recommendedModules.map((m) => [m.moduleId, m.competences])).toEqual([['m01-demo', ['C1.1', 'C1.2']], ['m02-derechos', ['C2.1']]]);
    expect(profile?.areas.map((area) => area.knowledge.value)).toEqual([0, 0]);
  });

  it('no self-assessment: confidence is "no data" (null), never 0, and no confidence gap is claimed', () => {
    const { profile } = profileOf(allWrong());
    const c = competence(profile, 'C1.1');
    expect(c.confidence).toEqual({ value: null, answered: 0, total: 1 });
    expect(c.gaps).toEqual(['knowledge']);
  });

  it('partial attempt: unanswered questions are not counted as wrong; competences without answers have no knowledge value', () => {
    const { profile, problems } = profileOf([...confidence([2, 2, 2]), rec('diag-q1', 'a', 'correct')]);
    expect(problems).toEqual([]);
    expect(competence(profile, 'C1.1').knowledge).toEqual({ value: 1, answered: 1, total: 2 });
    expect(competence(profile, 'C1.2').knowledge).toEqual({ value: null, answered: 0, total: 2 });
    expect(competence(profile, 'C1.2').gaps).toEqual([]);
    expect(profile?.unanswered).toBe(5);
  });

  it('a question recorded with an empty response and no result is unanswered; with result "wrong" it counts as wrong', () => {
    expect(competence(profileOf([rec('diag-q1', ''), rec('diag-q2', 't')]).profile, 'C1.1').knowledge).toEqual({ value: 1, answered: 1, total: 2 });
    expect(competence(profileOf([rec('diag-q1', '', 'wrong'), rec('diag-q2', 't')]).profile, 'C1.1').knowledge).toEqual({ value: 0.5, answered: 2, total: 2 });
  });

  it('under-confidence: knows everything, feels unsure', () => {
    const { profile } = profileOf([...confidence([1, 1, 1]), ...allRight()]);
    expect(competence(profile, 'C1.2').gaps).toEqual(['under-confidence']);
    expect(profile?.recommendedModules).toEqual([]);
  });

  it('the last record of an id wins (the player writes a journal)', () => {
    const { profile } = profileOf([rec('diag-q1', 'b', 'wrong'), rec('diag-q2', 't', 'correct'), rec('diag-q1', 'a', 'correct'), rec('diag-sa.1', '1'), rec('diag-sa.1', '4')]);
    expect(competence(profile, 'C1.1').knowledge.value).toBe(1);
    expect(competence(profile, 'C1.1').confidence.value).toBe(1);
    expect(profile?.ignored).toBe(2);
  });

  it('a question result of "neutral" is scored from the response; "unanticipated" and numeric results are understood', () => {
    const { profile, problems } = profileOf([rec('diag-q1', 'a', 'neutral'), rec('diag-q2', 't', 'unanticipated'), rec('diag-q3', 'c', '1.0'), rec('diag-q4', '1,2,3', '0.5')]);
    expect(problems).toEqual([]);
    expect(competence(profile, 'C1.1').knowledge).toEqual({ value: 0.5, answered: 2, total: 2 });
    expect(competence(profile, 'C1.2').knowledge).toEqual({ value: 0.5, answered: 2, total: 2 });
  });

  it('thresholds are options', () => {
    const problems: ResultProblem[] = [];
    const half = [rec('diag-q1', 'a'), rec('diag-q2', 'f')];
    expect(competence(computeLearnerProfile(map, learner(half), problems), 'C1.1').gaps).toEqual(['knowledge']);
    expect(competence(computeLearnerProfile(map, learner(half), problems, { ...defaultThresholds, lowKnowledge: 0.5 }), 'C1.1').gaps).toEqual([]);
  });

  it('unknown interaction ids are errors naming file and row, not ignored', () => {
    const { problems } = profileOf([rec('diag-q1', 'a'), { id: 'm99-q7', response: 'a', origin: { file: 'results.csv', row: 42 } }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'unknown-id', learnerId: 'L1', origin: { file: 'results.csv', row: 42 } });
    expect(problems[0]?.message).toContain('"m99-q7"');
  });

  it('a learner with no interactions, or only reflections, gets a no-data error and no profile', () => {
    const empty = profileOf([]);
    expect(empty.profile).toBeUndefined();
    expect(empty.problems).toMatchObject([{ kind: 'no-data', learnerId: 'L1' }]);
    const onlyReflection = profileOf([rec('diag-refl', 'Porque me gusta', 'neutral')]);
    expect(onlyReflection.profile).toBeUndefined();
    expect(onlyReflection.problems[0]?.kind).toBe('no-data');
  });

  it('a likert response outside the scale or an unknown result value is an error', () => {
    const { problems } = profileOf([rec('diag-sa.1', '7'), rec('diag-q1', 'a', 'maybe'), rec('diag-q2', 't')]);
    expect(problems.map((p) => p.kind)).toEqual(['bad-response', 'bad-response']);
    expect(problems[0]?.message).toContain('outside the 1–4 scale');
  });
});

describe('scoring responses without a result (SCORM 1.2 and 2004 formats of docs/tracking.md)', () => {
  const question = (id: string) => {
    const item = map.items.get(id);
    if (item?.kind !== 'knowledge') throw new Error(id);
    return item.question;
  };
  it.each([
    ['diag-q1', 'a', true], ['diag-q1', 'b', false],
    ['diag-q2', 't', true], ['diag-q2', 'true', true], ['diag-q2', 'false', false],
    ['diag-q3', 'b,a', true], ['diag-q3', 'a[,]b', true], ['diag-q3', 'a', false], ['diag-q3', 'a[,]b[,]c', false],
    ['diag-q4', '1,2,3', true], ['diag-q4', '1[,]2[,]3', true], ['diag-q4', '2,1,3', false],
    ['diag-q5', 'ESCRITO', true], ['diag-q5', 'escrita', true], ['diag-q5', 'oral', false],
    ['diag-q6', '1.a,2.b', true], ['diag-q6', '1[.]a[,]2[.]b', true], ['diag-q6', '1.b,2.a', false], ['diag-q6', '1.a', false],
  ])('%s answered "%s" → %s', (id, response, expected) => {
    expect(scoreResponse(question(id), response)).toBe(expected);
  });
});
