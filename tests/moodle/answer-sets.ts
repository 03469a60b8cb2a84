/**
 * Answer sets given both to the toolkit's player and to a Moodle quiz made from the same module's
 * Moodle XML (tests/moodle/quiz-attempts.php). Each planned answer carries what the player stores
 * for it and the response a learner gives in Moodle, plus the mark Moodle should give by the
 * rules docs/moodle.md states for each question kind ("The question bank"), so that the real
 * Moodle is held to the documentation and the player to its own scoring code.
 */
import type { ModuleIR, ProgrammeIR, Question, Quiz } from '../../scripts/ir/types.ts';
import { equalShare } from '../../scripts/moodle/questions/collect.ts';
import { toLearnerModule } from '../../scripts/scorm/learner-model.ts';
import { isCorrect } from '../../templates/player/src/grading.ts';
import { quizzes, wordBank, type LearnerQuestion } from '../../templates/player/src/model.ts';
import { computeOutcome } from '../../templates/player/src/outcome.ts';
import { emptyState, type Answer } from '../../templates/player/src/state.ts';

export type MoodleResponse =
  | { type: 'choice'; chosen: number[] }
  | { type: 'truefalse'; value: boolean }
  | { type: 'gaps'; values: string[] }
  | { type: 'words'; values: string[] }
  | { type: 'match'; choices: number[] }
  | { type: 'order'; order: number[] };

export interface PlannedAnswer {
  player: Answer;
  moodle: MoodleResponse;
  /** The mark (0–1) Moodle gives by the documented rules. */
  moodleMark: number;
}

/**
 * - `right`: every answer right.
 * - `wrong`: every answer wrong.
 * - `part-right`: the kinds with several parts get some parts right (a subset of the correct
 *   options, some pairs, some gaps, the first items in order); single choice and true/false
 *   alternate right and wrong.
 * - `near-miss`: several choice answers add one wrong option to all the correct ones; the last
 *   two items of an order are swapped; gaps are written in another case, with spaces around and
 *   doubled spaces inside; the other kinds are right.
 */
export const answerSets = ['right', 'wrong', 'part-right', 'near-miss'] as const;
export type AnswerSet = (typeof answerSets)[number];

/** 0, 2, 1 / 0, 2, 3, 1: the first right, the rest each moved by one. */
const firstRightOnly = (n: number) => [0, ...Array.from({ length: n - 1 }, (_, i) => (i + 1 < n - 1 ? i + 2 : 1))];
const allMoved = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) % n);
const identity = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Moodle's short answer: trimmed, Unicode NFC, case-insensitive unless the gap is case-sensitive; inner spaces kept. */
function moodleAccepts(value: string, answers: string[], caseSensitive: boolean): boolean {
  const typed = value.trim().normalize('NFC');
  return answers.some((answer) => (caseSensitive ? typed === answer.normalize('NFC') : typed.toLocaleLowerCase() === answer.normalize('NFC').toLocaleLowerCase()));
}

function reworded(answers: string[]): string {
  const base = answers.find((answer) => answer.includes(' ')) ?? answers[0]!;
  return `  ${base.charAt(0).toLocaleUpperCase()}${base.slice(1).replace(/ /g, '  ')} `;
}

export function plannedAnswer(question: Question, set: AnswerSet, index: number): PlannedAnswer {
  const alternate = set === 'part-right' ? (index % 2 === 0 ? 'right' : 'wrong') : set === 'wrong' ? 'wrong' : 'right';
  switch (question.kind) {
    case 'single-choice': {
      const right = question.options.findIndex((o) => o.correct);
      const chosen = alternate === 'right' ? right : question.options.findIndex((o) => !o.correct);
      return { player: question.options[chosen]!.id, moodle: { type: 'choice', chosen: [chosen] }, moodleMark: chosen === right ? 1 : 0 };
    }
    case 'multiple-choice': {
      const correct = identity(question.options.length).filter((i) => question.options[i]!.correct);
      const wrong = identity(question.options.length).filter((i) => !question.options[i]!.correct);
      const chosen = set === 'right' ? correct : set === 'wrong' ? wrong : set === 'part-right' ? correct.slice(0, Math.max(1, correct.length - 1)) : [...correct, ...wrong.slice(0, 1)];
      // Each correct option is worth an equal share, a wrong one −100 %; the sum is kept within 0–1.
      const share = equalShare(correct.length)! / 100;
      const sum = chosen.reduce((total, i) => total + (question.options[i]!.correct ? share : -1), 0);
      return { player: chosen.map((i) => question.options[i]!.id).join(','), moodle: { type: 'choice', chosen }, moodleMark: Math.min(1, Math.max(0, sum)) };
    }
    case 'true-false': {
      const value = alternate === 'right' ? question.answer : !question.answer;
      return { player: value ? 't' : 'f', moodle: { type: 'truefalse', value }, moodleMark: value === question.answer ? 1 : 0 };
    }
    case 'fill-blanks': {
      const values = question.blanks.map((blank, i) =>
        set === 'right' || (set === 'part-right' && i === 0 && question.blanks.length > 1) ? blank.answers[0]! : set === 'near-miss' ? reworded(blank.answers) : 'zzz',
      );
      const right = question.blanks.filter((blank, i) => moodleAccepts(values[i]!, blank.answers, blank.caseSensitive)).length;
      return { player: values, moodle: { type: 'gaps', values }, moodleMark: right / question.blanks.length };
    }
    case 'drag-words': {
      const n = question.blanks.length;
      const bank = wordBank(question);
      const placement = set === 'wrong' ? allMoved(n) : set === 'part-right' ? firstRightOnly(n) : identity(n);
      // A single gap cannot take another gap's word: it takes the first distractor.
      const words = placement.map((from, i) => (from === i && set === 'wrong' ? question.distractors[0]! : question.blanks[from]!.answer));
      const right = words.filter((word, i) => word === question.blanks[i]!.answer).length;
      return { player: words.map((word) => String(bank.indexOf(word))), moodle: { type: 'words', values: words }, moodleMark: right / n };
    }
    case 'matching': {
      const n = question.pairs.length;
      const choices = set === 'wrong' ? allMoved(n) : set === 'part-right' ? firstRightOnly(n) : identity(n);
      const right = choices.filter((pair, left) => pair === left).length;
      return { player: choices.map((pair) => question.pairs[pair]!.rightId), moodle: { type: 'match', choices }, moodleMark: right / n };
    }
    case 'ordering': {
      const n = question.items.length;
      const order = set === 'wrong' ? identity(n).reverse() : set === 'right' ? identity(n) : [...identity(n - 2), n - 1, n - 2];
      return { player: order.map((i) => question.items[i]!.id), moodle: { type: 'order', order }, moodleMark: order.every((item, i) => item === i) ? 1 : 0 };
    }
  }
}

export function scoredQuizzes(module: ModuleIR): Quiz[] {
  return module.lessons.flatMap((lesson) => lesson.blocks).filter((block): block is Quiz => block.kind === 'quiz' && block.questions.length > 0);
}

export interface PlayerScores {
  /** 1 or 0 per question id: the player marks a question right or wrong. */
  marks: Record<string, number>;
  /** The module score the SCO reports (score.raw), 0–100. */
  score: number;
}

/** What the player scores for these answers: its own grading and outcome code on the module's learner model. */
export function playerScores(module: ModuleIR, programme: ProgrammeIR, answers: Record<string, Answer>): PlayerScores {
  const model = toLearnerModule(module, programme, 'none', 10_000);
  const state = emptyState(model);
  const marks: Record<string, number> = {};
  for (const quiz of quizzes(model)) {
    const right = quiz.questions.filter((question: LearnerQuestion) => {
      const correct = isCorrect(question, answers[question.id]);
      marks[question.id] = correct ? 1 : 0;
      return correct;
    }).length;
    state.quizzes[quiz.id] = [1, right, 1];
  }
  const { score } = computeOutcome(model, state);
  if (score === undefined) throw new Error(`${module.id}: the player gave no score`);
  return { marks, score };
}
