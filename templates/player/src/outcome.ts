/** Score and status from the learner state (docs/tracking.md, "Score" and "Status"). */
import { quizzes, type LearnerModule } from './model.ts';
import type { PlayerState } from './state.ts';

export interface Outcome {
  hasQuiz: boolean;
  /** Score 0–100 once a quiz has been submitted. */
  score?: number;
  /** Pages seen, out of `pages` (the summary page is not counted). */
  seen: number;
  pages: number;
  /**
   * Share of the module done, 0–100: pages seen and scored quizzes submitted, each one step. It
   * reaches 100 only when the module is complete, never while a quiz is still to be submitted.
   */
  progress: number;
  passed: boolean;
  failed: boolean;
  status12: 'incomplete' | 'completed' | 'passed' | 'failed';
  completion: 'incomplete' | 'completed';
  success: 'unknown' | 'passed' | 'failed';
  /** SCORM 1.2: not `incomplete`. */
  finished: boolean;
  /** SCORM 2004: completed, and decided when there is a quiz. */
  finished2004: boolean;
}

export function computeOutcome(model: LearnerModule, state: PlayerState): Outcome {
  const scored = quizzes(model).filter((quiz) => quiz.questions.length > 0);
  const total = scored.reduce((sum, quiz) => sum + quiz.questions.length, 0);
  const records = scored.map((quiz) => ({ quiz, record: state.quizzes[quiz.id] }));
  const anySubmitted = records.some(({ record }) => record && record[0] > 0);
  const best = records.reduce((sum, { quiz, record }) => sum + Math.min(record?.[1] ?? 0, quiz.questions.length), 0);
  const score = anySubmitted ? Math.round((10000 * best) / total) / 100 : undefined;
  const decided = scored.length > 0 && records.every(({ record }) => record && record[0] > 0);
  const passed = decided && score !== undefined && score >= model.passMark;
  const canImprove = records.some(({ quiz, record }) => (record?.[1] ?? 0) < quiz.questions.length && (record?.[0] ?? 0) < model.limits.maxAttempts);
  const failed = decided && !passed && !canImprove;
  const pages = model.lessons.length + 1;
  const seen = state.seen.slice(0, pages).filter(Boolean).length;
  const allSeen = seen === pages;
  const hasQuiz = scored.length > 0;
  const submitted = records.filter(({ record }) => record && record[0] > 0).length;
  const stepsDone = seen + submitted;
  const steps = pages + scored.length;
  const progressOf = (complete: boolean) => (complete ? 100 : Math.min(99, Math.floor((100 * stepsDone) / steps)));
  if (model.diagnostic) {
    // A diagnostic is neither passed nor failed: it is done once every quiz is submitted.
    const done = hasQuiz ? decided : allSeen;
    return { hasQuiz, score, seen, pages, progress: progressOf(done && allSeen), passed: false, failed: false, status12: done ? 'completed' : 'incomplete', completion: done ? 'completed' : 'incomplete', success: 'unknown', finished: done, finished2004: done };
  }
  const status12 = hasQuiz ? (passed ? 'passed' : failed ? 'failed' : 'incomplete') : allSeen ? 'completed' : 'incomplete';
  const completion = allSeen && (!hasQuiz || decided) ? 'completed' : 'incomplete';
  const success = passed ? 'passed' : failed ? 'failed' : 'unknown';
  return { hasQuiz, score, seen, pages, progress: progressOf(completion === 'completed'), passed, failed, status12, completion, success, finished: status12 !== 'incomplete', finished2004: completion === 'completed' && (!hasQuiz || success !== 'unknown') };
}
