/** Whether an answer is complete enough to check, and whether it is right. */
import { wordBank, type LearnerQuestion } from './model.ts';
import type { Answer } from './state.ts';

export const list = (answer: Answer | undefined): string[] =>
  answer === undefined ? [] : Array.isArray(answer) ? answer : answer === '' ? [] : answer.split(',');

const normalise = (text: string, caseSensitive: boolean) => {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return caseSensitive ? trimmed : trimmed.toLocaleLowerCase();
};

/** Gap values of an answer, one per gap (empty string for an empty gap). */
export function gaps(answer: Answer | undefined, count: number): string[] {
  const values = Array.isArray(answer) ? answer : typeof answer === 'string' ? answer.split(',') : [];
  return Array.from({ length: count }, (_, index) => values[index] ?? '');
}

export function isAnswered(question: LearnerQuestion, answer: Answer | undefined): boolean {
  switch (question.kind) {
    case 'single-choice':
    case 'multiple-choice':
    case 'true-false':
      return list(answer).length > 0;
    case 'fill-blanks':
      return gaps(answer, question.blanks.length).every((value) => value.trim() !== '');
    case 'drag-words':
      return gaps(answer, question.blanks.length).every((value) => value !== '');
    case 'matching':
      return gaps(answer, question.pairs.length).every((value) => value !== '');
    case 'ordering':
      return true;
  }
}

export function isCorrect(question: LearnerQuestion, answer: Answer | undefined): boolean {
  const chosen = list(answer);
  switch (question.kind) {
    case 'single-choice':
    case 'multiple-choice': {
      const correct = question.options.filter((o) => o.correct).map((o) => o.id);
      return chosen.length === correct.length && correct.every((id) => chosen.includes(id));
    }
    case 'true-false':
      return chosen[0] === (question.answer ? 't' : 'f');
    case 'fill-blanks': {
      const values = gaps(answer, question.blanks.length);
      return question.blanks.every((blank, i) => blank.answers.some((ok) => normalise(ok, blank.caseSensitive) === normalise(values[i]!, blank.caseSensitive)));
    }
    case 'drag-words': {
      const bank = wordBank(question);
      const values = gaps(answer, question.blanks.length);
      return question.blanks.every((blank, i) => values[i] !== '' && bank[Number(values[i])] === blank.answer);
    }
    case 'matching': {
      const values = gaps(answer, question.pairs.length);
      return question.pairs.every((pair, i) => values[i] === pair.rightId);
    }
    case 'ordering':
      return orderOf(question, answer).join(',') === question.items.map((item) => item.id).join(',');
  }
}

/** The learner's order of an ordering question: the stored one, else a fixed shuffle that is never the solution. */
export function orderOf(question: { id: string; items: Array<{ id: string }> }, answer: Answer | undefined): string[] {
  const ids = question.items.map((item) => item.id);
  const stored = list(answer);
  if (stored.length === ids.length && ids.every((id) => stored.includes(id))) return stored;
  let seed = 0;
  for (const char of question.id) seed = (seed * 31 + char.charCodeAt(0)) >>> 0;
  const shuffled = [...ids];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const j = seed % (i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  if (shuffled.join(',') === ids.join(',') && ids.length > 1) shuffled.push(shuffled.shift()!);
  return shuffled;
}
