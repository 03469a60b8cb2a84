/**
 * Decides whether a recorded answer is right, for sources that carry only the response. Accepts
 * both SCORM 1.2 and SCORM 2004 response formats of docs/tracking.md.
 */
import type { Question } from '../ir/types.ts';

/** `true` right, `false` wrong, `undefined` when a `result` value says nothing about rightness (`neutral`, unknown words). */
export function interpretResult(result: string): boolean | undefined {
  const value = result.trim().toLowerCase();
  if (value === 'correct') return true;
  // SCORM 1.2 `unanticipated`: a response the content did not foresee, so not the right one.
  if (value === 'wrong' || value === 'incorrect' || value === 'unanticipated') return false;
  // SCORM 2004 also allows a decimal result; a full score is right, anything else is not.
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value) >= 1;
  return undefined;
}

/** Splits a SCORM list: `[,]` in 2004, `,` in 1.2. */
function splitList(response: string): string[] {
  return response.includes('[,]') ? response.split('[,]') : response.split(',');
}

/**
 * Text compared as the player writes it: control characters and commas become spaces (SCORM 1.2
 * lists cannot hold commas), runs of spaces collapse.
 */
function comparable(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F,]/g, ' ').replace(/\s+/g, ' ').trim();
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

/** Scores a response against the question's key. Empty responses are wrong (an attempted but blank answer). */
export function scoreResponse(question: Question, rawResponse: string): boolean {
  const response = rawResponse.trim();
  switch (question.kind) {
    case 'single-choice':
      return question.options.some((option) => option.correct && option.id === response);
    case 'multiple-choice':
      return sameSet(
        splitList(response).map((id) => id.trim()).filter(Boolean),
        question.options.filter((option) => option.correct).map((option) => option.id),
      );
    case 'true-false': {
      const value = response.toLowerCase();
      if (value === 't' || value === 'true') return question.answer;
      if (value === 'f' || value === 'false') return !question.answer;
      return false;
    }
    case 'fill-blanks': {
      // One gap without `[,]` may be a 2004 answer that contains a comma: try it whole too.
      const readings = response.includes('[,]') || question.blanks.length !== 1 ? [splitList(response)] : [splitList(response), [response]];
      return readings.some(
        (given) =>
          given.length === question.blanks.length &&
          question.blanks.every((blank, index) => {
            const answer = comparable(given[index] ?? '');
            return blank.answers.some((accepted) => (blank.caseSensitive ? comparable(accepted) === answer : comparable(accepted).toLowerCase() === answer.toLowerCase()));
          }),
      );
    }
    case 'drag-words': {
      const given = response.includes('[,]') || question.blanks.length !== 1 ? splitList(response) : [response];
      return given.length === question.blanks.length && question.blanks.every((blank, index) => comparable(given[index] ?? '') === comparable(blank.answer));
    }
    case 'matching': {
      const pairs = splitList(response).map((pair) => (pair.includes('[.]') ? pair.split('[.]') : pair.split('.')).map((part) => part.trim()).join('.'));
      return sameSet(pairs.filter(Boolean), question.pairs.map((pair) => `${pair.leftId}.${pair.rightId}`)) && pairs.length === question.pairs.length;
    }
    case 'ordering': {
      const order = splitList(response).map((id) => id.trim());
      return order.length === question.items.length && question.items.every((item, index) => order[index] === item.id);
    }
  }
}

/** A likert response as a 1-based point, or an explanation of why it is not one. */
export function parseLikert(response: string, scalePoints: number): { point: number } | { error: string } {
  const value = response.trim();
  if (!/^\d+$/.test(value)) return { error: `the response "${value}" is not a point of the 1–${scalePoints} scale` };
  const point = Number(value);
  if (point < 1 || point > scalePoints) return { error: `the response ${point} is outside the 1–${scalePoints} scale` };
  return { point };
}
