/** suspend_data v1: round trips, tolerant reading, and the worst case really is the worst case. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suspendBudget } from '../../scripts/scorm/checks.ts';
import { toLearnerModule } from '../../scripts/scorm/learner-model.ts';
import { allActivities, wordBank, type LearnerActivity, type LearnerModule } from '../../templates/player/src/model.ts';
import { decodeState, encodeState, normaliseText, SCORM12_SUSPEND_LIMIT, worstCaseLength, type Answer, type PlayerState } from '../../templates/player/src/state.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';

const programme = sampleProgramme('es', mkdtempSync(path.join(os.tmpdir(), 'wecare-state-')));
const budget = suspendBudget(programme.modules[0]!, programme);
const model: LearnerModule = toLearnerModule(programme.modules[0]!, programme, '1.2', budget.reflectionMax);
const activities = allActivities(model);

// Text with everything JSON escapes or that a learner may paste: quotes, backslashes, controls, emoji, lone surrogates.
const nastyText = fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\t', '\u0001', 'á', '😀', '\uD800', 'a', ' ', ','), maxLength: 1200 });

function answerFor(activity: LearnerActivity): fc.Arbitrary<Answer> | undefined {
  const pick = <T>(values: T[]) => fc.constantFrom(...values);
  switch (activity.kind) {
    case 'single-choice': return pick(activity.options.map((o) => o.id));
    case 'multiple-choice': return fc.subarray(activity.options.map((o) => o.id)).map((ids) => ids.join(','));
    case 'true-false': return pick(['t', 'f']);
    case 'fill-blanks': return fc.tuple(...activity.blanks.map(() => nastyText)).map((values) => values.map((v) => normaliseText(v, model.limits.blankMax)));
    case 'drag-words': return fc.tuple(...activity.blanks.map(() => pick(['', ...wordBank(activity).map((_, i) => String(i))]))).map((v) => v.join(','));
    case 'matching': return fc.tuple(...activity.pairs.map(() => pick(['', ...activity.pairs.map((p) => p.rightId)]))).map((v) => v.join(','));
    case 'ordering': return fc.shuffledSubarray(activity.items.map((i) => i.id), { minLength: activity.items.length }).map((ids) => ids.join(','));
    case 'self-assessment': return fc.tuple(...activity.statements.map(() => pick(['', ...activity.scale.map((_, i) => String(i + 1))]))).map((v) => v.join(','));
    case 'reflection': return nastyText.map((text) => normaliseText(text, model.limits.reflectionMax));
    default: return undefined;
  }
}

// What the player can mark as checked: practice questions, self-assessments, reflections.
const quizQuestionIds = new Set(activities.flatMap((a) => (a.kind === 'quiz' ? a.questions.map((q) => q.id) : [])));
const checkable = activities.filter((a) => a.kind !== 'quiz' && a.kind !== 'face-to-face' && !quizQuestionIds.has(a.id)).map((a) => a.id);

const stateArb: fc.Arbitrary<PlayerState> = fc.record({
  seen: fc.array(fc.boolean(), { minLength: model.lessons.length + 2, maxLength: model.lessons.length + 2 }),
  answers: fc.record(Object.fromEntries(activities.flatMap((a) => { const arb = answerFor(a); return arb ? [[a.id, arb]] : []; })), { requiredKeys: [] }) as fc.Arbitrary<Record<string, Answer>>,
  checked: fc.subarray(checkable).map((ids) => new Set(ids)),
  quizzes: fc.record(Object.fromEntries(activities.filter((a) => a.kind === 'quiz').map((quiz) => [quiz.id, fc.tuple(
    fc.integer({ min: 0, max: model.limits.maxAttempts }), fc.integer({ min: 0, max: quiz.kind === 'quiz' ? quiz.questions.length : 0 }), fc.integer({ min: 0, max: 1 }),
  )])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, [number, number, number]>>,
});

describe('suspend_data v1', () => {
  it('round-trips every reachable state', () => {
    fc.assert(fc.property(stateArb, (state) => {
      const back = decodeState(model, encodeState(state));
      expect(back.seen).toEqual(state.seen);
      expect(back.answers).toEqual(state.answers);
      expect([...back.checked].sort()).toEqual([...state.checked].sort());
      expect(back.quizzes).toEqual(state.quizzes);
    }), { numRuns: 150 });
  });

  it('never exceeds the computed worst case, which fits SCORM 1.2', () => {
    const worst = worstCaseLength(model);
    expect(worst).toBe(budget.worstCase);
    expect(worst).toBeLessThanOrEqual(SCORM12_SUSPEND_LIMIT);
    fc.assert(fc.property(stateArb, (state) => {
      expect(encodeState(state).length).toBeLessThanOrEqual(worst);
    }), { numRuns: 300 });
  });

  it('ignores unreadable data, other versions and unknown activities', () => {
    const fresh = decodeState(model, '');
    expect(fresh.seen.every((s) => !s)).toBe(true);
    for (const bad of ['{', 'null', '[]', '{"v":2,"s":"1111"}', '{"v":1,"a":"x","z":[1]}']) expect(decodeState(model, bad)).toEqual(fresh);
    const mixed = decodeState(model, JSON.stringify({ v: 1, s: '10', a: { 'm01-sc': 'a', gone: 'b', 'm01-q-fb': [1] }, k: 'm01-sc,gone', z: { 'm01-quiz': [1, 2, 1], 'm01-sc': [1, 1, 1] } }));
    expect(mixed.answers).toEqual({ 'm01-sc': 'a' });
    expect([...mixed.checked]).toEqual(['m01-sc']);
    expect(mixed.quizzes).toEqual({ 'm01-quiz': [1, 2, 1] });
    expect(mixed.seen.slice(0, 2)).toEqual([true, false]);
  });

  it('normalises text so that JSON never more than doubles it', () => {
    fc.assert(fc.property(nastyText, fc.integer({ min: 0, max: 300 }), (text, max) => {
      const clean = normaliseText(text, max);
      expect(clean.length).toBeLessThanOrEqual(max);
      expect(JSON.stringify(clean).length - 2).toBeLessThanOrEqual(2 * clean.length);
    }), { numRuns: 300 });
  });
});
