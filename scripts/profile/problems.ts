import type { RecordOrigin } from './types.ts';

export type ProblemKind = 'unreadable' | 'malformed' | 'unknown-id' | 'no-data' | 'bad-response' | 'unknown-variant' | 'wrong-kind';

/** A results record that does not match the assessment. Never turned into a silent zero. */
export interface ResultProblem {
  kind: ProblemKind;
  origin: RecordOrigin;
  learnerId?: string;
  message: string;
}

/** `file:row  message` (or `file  message`), the way staff find the record in a spreadsheet. */
export function formatProblem(problem: ResultProblem): string {
  const where = problem.origin.row ? `${problem.origin.file}:${problem.origin.row}` : problem.origin.file;
  const pointer = problem.origin.pointer ? ` (${problem.origin.pointer})` : '';
  const learner = problem.learnerId ? ` learner "${problem.learnerId}":` : '';
  return `${where}${pointer}${learner} ${problem.message}  [${problem.kind}]`;
}

/** Thrown when results cannot be used; carries every problem found, not only the first. */
export class ResultsError extends Error {
  constructor(readonly problems: ResultProblem[]) {
    super(`${problems.length} problem(s) in the results:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ResultsError';
  }
}
