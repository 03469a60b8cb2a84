/**
 * The directives of the format: their forms, attributes and where they may appear.
 * docs/authoring.md documents each one; the validation plugin enforces this table.
 */
import type { Lang } from './messages.ts';

export type DirectiveForm = 'container' | 'leaf' | 'text';

export type QuestionName = 'single-choice' | 'multiple-choice' | 'true-false' | 'fill-blanks' | 'drag-words' | 'matching' | 'ordering';
export type ActivityName = QuestionName | 'quiz' | 'self-assessment' | 'reflection' | 'face-to-face';

export const questionNames: readonly QuestionName[] = ['single-choice', 'multiple-choice', 'true-false', 'fill-blanks', 'drag-words', 'matching', 'ordering'];
export const activityNames: readonly ActivityName[] = [...questionNames, 'quiz', 'self-assessment', 'reflection', 'face-to-face'];

export interface AttributeSpec {
  /** Checks a value; returns a localised description of what is expected when it is invalid. */
  check?: (value: string, lang: Lang) => string | undefined;
}

export interface DirectiveSpec {
  forms: DirectiveForm[];
  attributes: Record<string, AttributeSpec>;
  /** Activities need `#id`. */
  activity?: boolean;
  /** Where it may appear; undefined: anywhere. */
  placement?: Placement;
}

/**
 * - `block`: at the top of a lesson (possibly inside `:::only`), or directly in a quiz for questions;
 * - `question-part`: directly inside a question (or quiz, for feedback);
 * - `gap`: inside fill-blanks or drag-words; `statement`: inside a self-assessment;
 * - `face-to-face-part`: directly inside a face-to-face activity.
 */
export type Placement = 'lesson' | 'question' | 'feedback' | 'gap' | 'statement' | 'face-to-face-part';

const oneOf = (values: string[]) => (value: string, lang: Lang) =>
  values.includes(value) ? undefined : lang === 'es' ? `uno de: ${values.join(', ')}` : `one of ${values.join(', ')}`;
const wholeNumber = (min: number, max = Infinity) => (value: string, lang: Lang) => {
  const number = Number(value);
  if (/^\d+$/.test(value.trim()) && number >= min && number <= max) return undefined;
  const range = max === Infinity ? `${min}+` : `${min}–${max}`;
  return lang === 'es' ? `un número entero (${range})` : `a whole number (${range})`;
};
const nonEmpty = (value: string, lang: Lang) => (value.trim() ? undefined : lang === 'es' ? 'un texto no vacío' : 'a non-empty text');
const languageTag = (value: string, lang: Lang) => (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value) ? undefined : lang === 'es' ? 'una etiqueta de idioma BCP 47 (es, it-IT)' : 'a BCP 47 language tag (es, it-IT)');
const httpUrl = (value: string, lang: Lang) => (/^https?:\/\/\S+$/.test(value) ? undefined : lang === 'es' ? 'una URL http(s)' : 'an http(s) URL');

/** Attributes every activity accepts. */
const activityAttributes: Record<string, AttributeSpec> = { id: {}, competence: {}, variants: {} };

export const directives: Record<string, DirectiveSpec> = {
  'single-choice': { forms: ['container'], attributes: activityAttributes, activity: true, placement: 'question' },
  'multiple-choice': { forms: ['container'], attributes: activityAttributes, activity: true, placement: 'question' },
  'true-false': { forms: ['container'], attributes: { ...activityAttributes, answer: { check: oneOf(['true', 'false']) } }, activity: true, placement: 'question' },
  'fill-blanks': { forms: ['container'], attributes: activityAttributes, activity: true, placement: 'question' },
  'drag-words': { forms: ['container'], attributes: { ...activityAttributes, distractors: {} }, activity: true, placement: 'question' },
  matching: { forms: ['container'], attributes: activityAttributes, activity: true, placement: 'question' },
  ordering: { forms: ['container'], attributes: activityAttributes, activity: true, placement: 'question' },
  quiz: { forms: ['container'], attributes: { ...activityAttributes, title: { check: nonEmpty }, passMark: { check: wholeNumber(0, 100) } }, activity: true, placement: 'lesson' },
  'self-assessment': { forms: ['container'], attributes: { ...activityAttributes, scale: { check: nonEmpty } }, activity: true, placement: 'lesson' },
  reflection: { forms: ['container'], attributes: { ...activityAttributes, minWords: { check: wholeNumber(1) } }, activity: true, placement: 'lesson' },
  'face-to-face': {
    forms: ['container'],
    attributes: { ...activityAttributes, title: { check: nonEmpty }, mode: { check: oneOf(['collective', 'individual']) }, duration: { check: wholeNumber(1) } },
    activity: true,
    placement: 'lesson',
  },
  materials: { forms: ['container'], attributes: {}, placement: 'face-to-face-part' },
  steps: { forms: ['container'], attributes: {}, placement: 'face-to-face-part' },
  'trainer-notes': { forms: ['container'], attributes: { variants: {} }, placement: 'lesson' },
  feedback: { forms: ['leaf'], attributes: { on: { check: oneOf(['correct', 'incorrect', 'pass', 'fail']) } }, placement: 'feedback' },
  review: { forms: ['leaf', 'text'], attributes: {} },
  only: { forms: ['container', 'text'], attributes: { variants: {}, except: {} } },
  var: { forms: ['text'], attributes: {} },
  term: { forms: ['text'], attributes: {} },
  cite: { forms: ['text'], attributes: { url: { check: httpUrl }, ref: {} } },
  blank: { forms: ['text'], attributes: { alt: {}, case: { check: oneOf(['sensitive', 'insensitive']) } }, placement: 'gap' },
  competence: { forms: ['text'], attributes: {}, placement: 'statement' },
  lang: { forms: ['text'], attributes: { lang: { check: languageTag } } },
};

export const directiveNames = Object.keys(directives);

export const isQuestionName = (name: string): name is QuestionName => (questionNames as readonly string[]).includes(name);
export const isActivityName = (name: string): name is ActivityName => (activityNames as readonly string[]).includes(name);

/** Splits `variants="es co"` / `variants=es,co` / `competence="C1.1 C1.2"` lists. */
export function splitList(value: string | null | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).map((item) => item.trim()).filter(Boolean);
}

/** How the directive is written in each form, for messages. */
export function spelled(name: string, form: DirectiveForm): string {
  return `${form === 'container' ? ':::' : form === 'leaf' ? '::' : ':'}${name}`;
}
