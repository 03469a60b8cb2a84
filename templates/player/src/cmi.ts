/** SCORM 1.2 and 2004 value formats for interactions, times and durations (docs/tracking.md). */
import { wordBank, type LearnerQuestion } from './model.ts';
import { gaps, list, orderOf } from './grading.ts';
import type { Answer } from './state.ts';

export type ScormVersion = '1.2' | '2004';

export interface InteractionRecord {
  id: string;
  type: 'choice' | 'true-false' | 'fill-in' | 'long-fill-in' | 'matching' | 'sequencing' | 'likert';
  response: string;
  pattern?: string;
  result: 'correct' | 'wrong' | 'neutral';
  objectives: string[];
  weighting: number;
  description?: string;
}

const pad = (n: number, width = 2) => String(Math.floor(n)).padStart(width, '0');

/** 1.2 cleans a text for a comma-joined list; 2004 for a `[,]` list (no delimiters, no leading `{`). */
export function cleanText(text: string, version: ScormVersion, max: number): string {
  let out = text.replace(/[\u0000-\u001F\u007F]/g, ' ');
  if (version === '1.2') out = out.replace(/,/g, ' ');
  else out = out.replace(/\[,\]/g, ',').replace(/\[\.\]/g, '.').replace(/^\{/, '(');
  return out.slice(0, max);
}

function joiner(version: ScormVersion) {
  return version === '1.2' ? { list: ',', pair: '.' } : { list: '[,]', pair: '[.]' };
}

/** Response and correct pattern of a question, in the version's format. */
export function questionResponse(question: LearnerQuestion, answer: Answer | undefined, version: ScormVersion): { type: InteractionRecord['type']; response: string; pattern: string } {
  const j = joiner(version);
  switch (question.kind) {
    case 'single-choice':
    case 'multiple-choice':
      return { type: 'choice', response: list(answer).join(j.list), pattern: question.options.filter((o) => o.correct).map((o) => o.id).join(j.list) };
    case 'true-false': {
      const value = (flag: boolean) => (version === '1.2' ? (flag ? 't' : 'f') : flag ? 'true' : 'false');
      const chosen = list(answer)[0];
      return { type: 'true-false', response: chosen ? value(chosen === 't') : '', pattern: value(question.answer) };
    }
    case 'fill-blanks': {
      const count = version === '2004' ? Math.min(10, question.blanks.length) : question.blanks.length;
      const values = gaps(answer, count).map((v) => cleanText(v.trim(), version, 250));
      const correct = question.blanks.slice(0, count).map((b) => cleanText(b.answers[0] ?? '', version, 250));
      const caseFlag = version === '2004' && question.blanks.some((b) => b.caseSensitive) ? '{case_matters=true}' : '';
      return { type: 'fill-in', response: values.join(j.list).slice(0, version === '1.2' ? 255 : undefined), pattern: (caseFlag + correct.join(j.list)).slice(0, version === '1.2' ? 255 : undefined) };
    }
    case 'drag-words': {
      const bank = wordBank(question);
      const count = version === '2004' ? Math.min(10, question.blanks.length) : question.blanks.length;
      const values = gaps(answer, count).map((v) => cleanText(v === '' ? '' : bank[Number(v)] ?? '', version, 250));
      return { type: 'fill-in', response: values.join(j.list), pattern: question.blanks.slice(0, count).map((b) => cleanText(b.answer, version, 250)).join(j.list) };
    }
    case 'matching': {
      const values = gaps(answer, question.pairs.length);
      const response = question.pairs.filter((_, i) => values[i]).map((p, i) => `${p.leftId}${j.pair}${values[i]}`);
      return { type: 'matching', response: response.join(j.list), pattern: question.pairs.map((p) => `${p.leftId}${j.pair}${p.rightId}`).join(j.list) };
    }
    case 'ordering':
      return { type: 'sequencing', response: orderOf(question, answer).join(j.list), pattern: question.items.map((i) => i.id).join(j.list) };
  }
}

/**
 * A reflection as an interaction: 1.2 fill-in (255 characters), 2004 long-fill-in (4000). The
 * learner's words and punctuation are kept, commas included (a reflection is one answer, not a
 * list); only what each version cannot hold changes: line breaks and control characters become
 * spaces, and a 2004 value cannot start with `{` (a delimiter there), so it starts with `(`.
 */
export function reflectionRecord(text: string, version: ScormVersion): { type: 'fill-in' | 'long-fill-in'; response: string } {
  const oneLine = text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\u0000-\u001F\u007F]/g, ' ').trim();
  return version === '1.2' ? { type: 'fill-in', response: oneLine.slice(0, 255) } : { type: 'long-fill-in', response: oneLine.replace(/^\{/, '(').slice(0, 4000) };
}

/** 1.2 `CMITime`: `HH:MM:SS`. */
export function time12(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** 2004 `time (second,10,0)` without zone: `YYYY-MM-DDThh:mm:ss`. */
export function timestamp2004(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${time12(date)}`;
}

/** 1.2 `CMITimespan` `HHHH:MM:SS.SS` or 2004 `PT#H#M#S`, from milliseconds. */
export function duration(ms: number, version: ScormVersion): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  if (version === '1.2') return `${pad(hours, 4)}:${pad(minutes)}:${seconds.toFixed(2).padStart(5, '0')}`;
  return `PT${hours}H${minutes}M${Number(seconds.toFixed(2))}S`;
}

/** The version's word for a wrong answer. */
export const resultWord = (result: InteractionRecord['result'], version: ScormVersion) => (result === 'wrong' && version === '2004' ? 'incorrect' : result);
