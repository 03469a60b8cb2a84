/**
 * Which interaction id measures what, read from the assessment module of the IR (never guessed
 * from the id's spelling): questions are knowledge evidence for their competences, self-assessment
 * statements (`<activityId>.<statementId>`, docs/tracking.md) are confidence evidence for theirs.
 */
import { subContentId } from '../h5p/ids.ts';
import type { Block, Competence, ModuleIR, ProgrammeIR, Question } from '../ir/types.ts';

export type AssessmentItem =
  | { kind: 'knowledge'; id: string; competences: string[]; question: Question }
  | { kind: 'confidence'; id: string; competence: string; scalePoints: number; text: string }
  | { kind: 'other'; id: string };

export interface AssessmentMap {
  programme: ProgrammeIR;
  assessment: ModuleIR;
  items: Map<string, AssessmentItem>;
  /** H5P subContentId → question id (the H5P compiler derives sub-content ids from activity ids). */
  h5pIds: Map<string, string>;
  /** Framework competences in order, with the items that measure each. */
  competences: Array<{ competence: Competence; questions: string[]; statements: string[] }>;
}

export class MissingAssessmentError extends Error {
  constructor(readonly variant: string) {
    super(`The programme has no diagnostic assessment for variant "${variant}" (content/assessment/ is missing or failed to load).`);
    this.name = 'MissingAssessmentError';
  }
}

const QUESTION_KINDS = new Set<Block['kind']>(['single-choice', 'multiple-choice', 'true-false', 'fill-blanks', 'drag-words', 'matching', 'ordering']);

function isQuestion(block: Block): block is Question {
  return QUESTION_KINDS.has(block.kind);
}

export function buildAssessmentMap(programme: ProgrammeIR): AssessmentMap {
  const assessment = programme.assessment;
  if (!assessment) throw new MissingAssessmentError(programme.variant.code);
  const items = new Map<string, AssessmentItem>();
  const addQuestion = (question: Question, inherited: string[]) => {
    const competences = question.competences.length ? question.competences : inherited;
    items.set(question.id, { kind: 'knowledge', id: question.id, competences, question });
  };
  for (const lesson of assessment.lessons) {
    for (const block of lesson.blocks) {
      if (isQuestion(block)) addQuestion(block, []);
      else if (block.kind === 'quiz') for (const question of block.questions) addQuestion(question, block.competences);
      else if (block.kind === 'self-assessment') {
        for (const statement of block.statements) {
          const id = `${block.id}.${statement.id}`;
          items.set(id, { kind: 'confidence', id, competence: statement.competence, scalePoints: block.scale.length, text: statement.text });
        }
      } else if (block.kind === 'reflection' || block.kind === 'face-to-face') items.set(block.id, { kind: 'other', id: block.id });
    }
  }
  const competences = programme.framework.areas.flatMap((area) =>
    area.competences.map((competence) => ({
      competence,
      questions: [...items.values()].filter((item) => item.kind === 'knowledge' && item.competences.includes(competence.id)).map((item) => item.id),
      statements: [...items.values()].filter((item) => item.kind === 'confidence' && item.competence === competence.id).map((item) => item.id),
    })),
  );
  const h5pIds = new Map([...items.values()].filter((item) => item.kind === 'knowledge').map((item) => [subContentId(item.id), item.id]));
  return { programme, assessment, items, h5pIds, competences };
}
