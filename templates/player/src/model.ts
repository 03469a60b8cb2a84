/**
 * The learner model: what a built page embeds as JSON and the player renders. It is a whitelist
 * projection of ModuleIR (scripts/scorm/learner-model.ts): trainer-only fields have no place here.
 */
export type LmsMode = '1.2' | '2004' | 'none';

export interface LearnerModule {
  programmeId: string;
  variant: string;
  id: string;
  title: string;
  summary: string;
  locale: string;
  duration: { online: number; faceToFace: number };
  passMark: number;
  outcomes: string[];
  introHtml: string;
  lessons: LearnerLesson[];
  sources: Array<{ text: string; url?: string }>;
  /** Interface strings, already resolved for the locale and the variant's overrides. */
  strings: Record<string, string>;
  limits: { maxAttempts: number; blankMax: number; reflectionMax: number };
  lms: LmsMode;
  /** The programme's diagnostic assessment: one attempt, reported as completed, never passed or failed. */
  diagnostic?: boolean;
  /** Link back to the module list in the web preview. */
  homeHref?: string;
}

export interface LearnerLesson {
  id: string;
  title: string;
  blocks: LearnerBlock[];
}

export type LearnerBlock =
  | { kind: 'html'; html: string }
  | { kind: 'image'; src: string; alt: string; width?: number; height?: number }
  | LearnerActivity;

export type LearnerActivity = LearnerQuestion | LearnerQuiz | LearnerSelfAssessment | LearnerReflection | LearnerFaceToFace;

interface Base {
  id: string;
  competences: string[];
}

export interface Feedback {
  correct?: string;
  incorrect?: string;
}

export interface LearnerOption {
  id: string;
  html: string;
  correct: boolean;
  feedback?: string;
}

export type LearnerQuestion =
  | (Base & { kind: 'single-choice' | 'multiple-choice'; stemHtml: string; options: LearnerOption[]; feedback: Feedback })
  | (Base & { kind: 'true-false'; stemHtml: string; answer: boolean; feedback: Feedback })
  | (Base & { kind: 'fill-blanks'; stemHtml: string; textHtml: string; blanks: Array<{ answers: string[]; caseSensitive: boolean }>; feedback: Feedback })
  | (Base & { kind: 'drag-words'; stemHtml: string; textHtml: string; blanks: Array<{ answer: string }>; distractors: string[]; feedback: Feedback })
  | (Base & { kind: 'matching'; stemHtml: string; labels: { left: string; right: string }; pairs: Array<{ leftId: string; left: string; rightId: string; right: string }>; feedback: Feedback })
  | (Base & { kind: 'ordering'; stemHtml: string; items: Array<{ id: string; text: string }>; feedback: Feedback });

export interface LearnerQuiz extends Base {
  kind: 'quiz';
  title: string;
  introHtml: string;
  passMark: number;
  questions: LearnerQuestion[];
  feedback: { pass?: string; fail?: string };
}

export interface LearnerSelfAssessment extends Base {
  kind: 'self-assessment';
  promptHtml: string;
  scale: string[];
  statements: Array<{ id: string; text: string; competence: string }>;
}

export interface LearnerReflection extends Base {
  kind: 'reflection';
  promptHtml: string;
  minWords?: number;
}

export interface LearnerFaceToFace extends Base {
  kind: 'face-to-face';
  title: string;
  mode: 'collective' | 'individual';
  durationMinutes: number;
  learnerHtml: string;
}

/** Page keys in order: the introduction, one per lesson, the summary. */
export function pageKeys(model: LearnerModule): string[] {
  return ['intro', ...model.lessons.map((lesson) => lesson.id), 'end'];
}

export function isQuestion(block: LearnerBlock): block is LearnerQuestion {
  return ['single-choice', 'multiple-choice', 'true-false', 'fill-blanks', 'drag-words', 'matching', 'ordering'].includes(block.kind);
}

/** Every activity of the module in page order, quiz questions after their quiz. */
export function allActivities(model: LearnerModule): LearnerActivity[] {
  const out: LearnerActivity[] = [];
  for (const lesson of model.lessons) {
    for (const block of lesson.blocks) {
      if (block.kind === 'html' || block.kind === 'image') continue;
      out.push(block);
      if (block.kind === 'quiz') out.push(...block.questions);
    }
  }
  return out;
}

export function quizzes(model: LearnerModule): LearnerQuiz[] {
  return allActivities(model).filter((a): a is LearnerQuiz => a.kind === 'quiz');
}

/** The word bank of a drag-words question: gap answers then distractors, authoring order. */
export function wordBank(question: { blanks: Array<{ answer: string }>; distractors: string[] }): string[] {
  return [...question.blanks.map((blank) => blank.answer), ...question.distractors];
}
