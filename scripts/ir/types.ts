/**
 * The resolved intermediate representation (IR) of a programme for one variant.
 *
 * Every compiler (SCORM, H5P, web preview, trainer guide, assessment profile) consumes these
 * types and nothing else. The IR is plain JSON: no class instances, no functions, no undefined
 * values that matter (optional fields are simply absent), so `JSON.parse(JSON.stringify(ir))`
 * gives an equal value and `wecare inspect` can print it.
 *
 * All learner-facing HTML in the IR is already sanitised, already substituted for its variant
 * (variables, glossary terms, country-only blocks resolved) and already stripped of trainer-only
 * material. Trainer-only material travels in the fields whose names say so (`trainerNotes`,
 * `reviews`, the `face-to-face` activity's details) so that a learner compiler that simply ignores
 * those fields can never leak them.
 */

/** Where something came from, for messages that send the author to the right place. */
export interface SourceRef {
  /** Path relative to the programme root, with forward slashes, e.g. `modules/01-cuidado/02-higiene.md`. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** A variant (country) as declared in `content/variants/<code>.yaml`. */
export interface VariantInfo {
  /** Lower-case country code used in file names and attributes: `es`, `co`, `it`. */
  code: string;
  /** Display name in the programme language, e.g. `España`. */
  name: string;
  /** BCP 47 locale of the learner-facing text, e.g. `es-ES`, `es-CO`. */
  locale: string;
  /** ISO 4217 code and symbol. */
  currency: { code: string; symbol: string };
  /** The number to call in an emergency, as text (`112`, `123`). */
  emergencyNumber: string;
  /** Legal references that lessons may cite by id. */
  legalReferences: LegalReference[];
  /** Overrides of player interface strings for this variant, by key (see templates/player i18n). */
  ui: Record<string, string>;
  /** Everything else in the variant file, reachable from Markdown as `:var[path.to.value]`. */
  data: Record<string, unknown>;
}

export interface LegalReference {
  id: string;
  title: string;
  url?: string;
}

export interface ProgrammeInfo {
  id: string;
  title: string;
  /** Language of the programme's text and of `wecare check` messages by default (`es`). */
  language: string;
  /** Variant codes the programme ships, in order. */
  variants: string[];
  defaults: {
    /** Percentage 0–100 a learner needs on a module's scored quizzes to pass. */
    passMark: number;
    /** Formats `wecare build` writes when none is asked for. */
    formats: BuildFormat[];
  };
}

export type BuildFormat = 'scorm12' | 'scorm2004' | 'web' | 'h5p' | 'guide' | 'mbz' | 'moodlexml' | 'gift';

/** The competence framework of `content/competences.yaml`, with the national entries of one variant. */
export interface CompetenceFramework {
  areas: CompetenceArea[];
}

export interface CompetenceArea {
  id: string;
  title: string;
  competences: Competence[];
}

export interface Competence {
  id: string;
  areaId: string;
  title: string;
  description?: string;
  outcomes: LearningOutcome[];
  /** What this variant's legislation and recognised qualifications say, with citations. */
  national?: { text: string; sources: Citation[] };
}

export interface LearningOutcome {
  id: string;
  competenceId: string;
  type: 'knowledge' | 'skills' | 'autonomy';
  text: string;
  eqfLevel: number;
}

export interface Citation {
  text: string;
  url?: string;
}

export interface GlossaryTerm {
  id: string;
  /** Wording for this variant. */
  term: string;
  definition?: string;
}

/** One module resolved for one variant. */
export interface ModuleIR {
  id: string;
  /** Variant code this module was resolved for. */
  variant: string;
  /** BCP 47 locale of the text (the variant's). */
  locale: string;
  title: string;
  summary: string;
  /** Minutes. */
  duration: { online: number; faceToFace: number };
  /** Competence ids the module covers, in framework order. */
  competences: string[];
  /** Learning outcomes the module states (resolved from the framework). */
  outcomes: LearningOutcome[];
  /** Percentage 0–100. */
  passMark: number;
  /** Sanitised HTML of module.md's body (introduction), possibly empty. */
  introHtml: string;
  lessons: LessonIR[];
  /** Files the module's HTML and activities reference, to be copied into packages. */
  media: MediaFile[];
  /** Sources cited with `:cite`, in order of first appearance, de-duplicated. */
  sources: Citation[];
  /** Trainer-only: notes marked for expert review (`::review`). */
  reviews: ReviewNote[];
  source: SourceRef;
}

export interface LessonIR {
  id: string;
  title: string;
  blocks: Block[];
  /** Trainer-only notes, each placed after the learner block with that index (-1: before all). */
  trainerNotes: TrainerNote[];
  source: SourceRef;
}

export interface TrainerNote {
  html: string;
  afterBlock: number;
  source: SourceRef;
}

export interface ReviewNote {
  text: string;
  lessonId?: string;
  source: SourceRef;
}

export interface MediaFile {
  /** Path as referenced from the module's HTML, relative to the module folder: `media/lavado-manos.svg`. */
  path: string;
  /** Absolute path on disk. */
  absolutePath: string;
  mimeType: string;
  /** Hex SHA-256 of the bytes, for caches and change detection. */
  sha256: string;
  bytes: number;
}

/** The learner-visible content of a lesson, in reading order. */
export type Block = HtmlBlock | ImageBlock | Activity;

export interface HtmlBlock {
  kind: 'html';
  html: string;
}

/** An image that stands alone in its paragraph. Images inside running text stay in the HTML. */
export interface ImageBlock {
  kind: 'image';
  /** Module-relative path, one of `ModuleIR.media[].path`. */
  src: string;
  alt: string;
  title?: string;
  width?: number;
  height?: number;
}

export type Activity = Question | Quiz | SelfAssessment | Reflection | FaceToFace;

export type Question = SingleChoice | MultipleChoice | TrueFalse | FillBlanks | DragWords | Matching | Ordering;

export type QuestionKind = Question['kind'];

export interface ActivityBase {
  /** Stable across variants and rebuilds; unique in the programme. Used as SCORM interaction id and H5P subContentId seed. */
  id: string;
  /** Competence ids this activity assesses or develops. */
  competences: string[];
  source: SourceRef;
}

export interface QuestionFeedback {
  /** HTML shown when the whole answer is right. */
  correct?: string;
  /** HTML shown when it is not. */
  incorrect?: string;
}

export interface ChoiceOption {
  /** Stable option id within the question: `a`, `b`, `c`… in authoring order. */
  id: string;
  html: string;
  correct: boolean;
  /** HTML shown when this option is chosen. */
  feedback?: string;
}

export interface SingleChoice extends ActivityBase {
  kind: 'single-choice';
  stemHtml: string;
  /** Exactly one option is correct. */
  options: ChoiceOption[];
  feedback: QuestionFeedback;
}

export interface MultipleChoice extends ActivityBase {
  kind: 'multiple-choice';
  stemHtml: string;
  /** One or more options are correct; the answer is right when exactly the correct ones are chosen. */
  options: ChoiceOption[];
  feedback: QuestionFeedback;
}

export interface TrueFalse extends ActivityBase {
  kind: 'true-false';
  stemHtml: string;
  answer: boolean;
  feedback: QuestionFeedback;
}

/**
 * Text with gaps. `textHtml` holds `<span data-blank="N"></span>` markers (N is the index in
 * `blanks`) where the gaps are; compilers replace the markers with their own inputs.
 */
export interface FillBlanks extends ActivityBase {
  kind: 'fill-blanks';
  stemHtml: string;
  textHtml: string;
  blanks: Array<{
    /** Accepted answers, the first one being the one shown as the solution. */
    answers: string[];
    caseSensitive: boolean;
  }>;
  feedback: QuestionFeedback;
}

/** Like FillBlanks, but the learner drags given words into the gaps. */
export interface DragWords extends ActivityBase {
  kind: 'drag-words';
  stemHtml: string;
  textHtml: string;
  blanks: Array<{ answer: string }>;
  /** Extra words that fit no gap. */
  distractors: string[];
  feedback: QuestionFeedback;
}

export interface Matching extends ActivityBase {
  kind: 'matching';
  stemHtml: string;
  /** Column headings from the authoring table. */
  labels: { left: string; right: string };
  /** Correct pairs, in authoring order; ids `1`, `2`… for left and `a`, `b`… for right are stable. */
  pairs: Array<{ leftId: string; left: string; rightId: string; right: string }>;
  feedback: QuestionFeedback;
}

export interface Ordering extends ActivityBase {
  kind: 'ordering';
  stemHtml: string;
  /** Items in the correct order; ids are stable (`1`, `2`… in authoring order). */
  items: Array<{ id: string; text: string }>;
  feedback: QuestionFeedback;
}

/** A scored group of questions. Module score = all quiz questions of the module, equally weighted. */
export interface Quiz extends ActivityBase {
  kind: 'quiz';
  title: string;
  introHtml: string;
  /** Percentage 0–100 (the quiz's own, else the module's). */
  passMark: number;
  questions: Question[];
  feedback: { pass?: string; fail?: string };
}

/** Confidence self-assessment. Never right or wrong. */
export interface SelfAssessment extends ActivityBase {
  kind: 'self-assessment';
  promptHtml: string;
  /** Points of the scale, lowest first, e.g. 4 labels for a 1–4 scale. */
  scale: string[];
  statements: Array<{ id: string; text: string; competence: string }>;
}

/** Open text, not scored. */
export interface Reflection extends ActivityBase {
  kind: 'reflection';
  promptHtml: string;
  minWords?: number;
}

/**
 * An activity done in the classroom or with a trainer. Learners see a notice (title, mode,
 * duration, `learnerHtml`); the guide shows everything.
 */
export interface FaceToFace extends ActivityBase {
  kind: 'face-to-face';
  title: string;
  mode: 'collective' | 'individual';
  durationMinutes: number;
  /** What learners see: a short description, possibly empty. */
  learnerHtml: string;
  /** Trainer-only: materials, as short HTML items. */
  materials: string[];
  /** Trainer-only: steps and facilitation detail. */
  stepsHtml: string;
}

/** Everything one variant of a programme compiles from. */
export interface ProgrammeIR {
  programme: ProgrammeInfo;
  variant: VariantInfo;
  framework: CompetenceFramework;
  glossary: GlossaryTerm[];
  modules: ModuleIR[];
  /**
   * The diagnostic assessment of `content/assessment/`, resolved like a module, when present.
   * The SCORM and H5P formats package it like any module; `wecare profile` reads its activity ids.
   */
  assessment?: ModuleIR;
}
