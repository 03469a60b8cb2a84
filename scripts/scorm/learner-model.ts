/**
 * ModuleIR → LearnerModule: an explicit whitelist of learner-facing fields. Trainer notes, review
 * notes and the face-to-face trainer fields are never copied, so they cannot reach a package.
 */
import type { Activity, Block, ModuleIR, ProgrammeIR, Question } from '../ir/types.ts';
import { resolveStrings } from '../../templates/player/i18n/index.ts';
import type { LearnerActivity, LearnerBlock, LearnerModule, LearnerQuestion, LmsMode } from '../../templates/player/src/model.ts';

export const MAX_ATTEMPTS = 3;
export const BLANK_MAX = 80;

function question(q: Question): LearnerQuestion {
  const base = { id: q.id, competences: [...q.competences] };
  const feedback = { ...(q.feedback.correct ? { correct: q.feedback.correct } : {}), ...(q.feedback.incorrect ? { incorrect: q.feedback.incorrect } : {}) };
  switch (q.kind) {
    case 'single-choice':
    case 'multiple-choice':
      return { ...base, kind: q.kind, stemHtml: q.stemHtml, feedback, options: q.options.map((o) => ({ id: o.id, html: o.html, correct: o.correct, ...(o.feedback ? { feedback: o.feedback } : {}) })) };
    case 'true-false':
      return { ...base, kind: q.kind, stemHtml: q.stemHtml, feedback, answer: q.answer };
    case 'fill-blanks':
      return { ...base, kind: q.kind, stemHtml: q.stemHtml, feedback, textHtml: q.textHtml, blanks: q.blanks.map((b) => ({ answers: [...b.answers], caseSensitive: b.caseSensitive })) };
    case 'drag-words':
      return { ...base, kind: q.kind, stemHtml: q.stemHtml, feedback, textHtml: q.textHtml, blanks: q.blanks.map((b) => ({ answer: b.answer })), distractors: [...q.distractors] };
    case 'matching':
      return { ...base, kind: q.kind, stemHtml: q.stemHtml, feedback, labels: { left: q.labels.left, right: q.labels.right }, pairs: q.pairs.map((p) => ({ leftId: p.leftId, left: p.left, rightId: p.rightId, right: p.right })) };
    case 'ordering':
      return { ...base, kind: q.kind, stemHtml: q.stemHtml, feedback, items: q.items.map((i) => ({ id: i.id, text: i.text })) };
  }
}

function activity(a: Activity): LearnerActivity {
  const base = { id: a.id, competences: [...a.competences] };
  switch (a.kind) {
    case 'quiz':
      return { ...base, kind: 'quiz', title: a.title, introHtml: a.introHtml, passMark: a.passMark, questions: a.questions.map(question), feedback: { ...(a.feedback.pass ? { pass: a.feedback.pass } : {}), ...(a.feedback.fail ? { fail: a.feedback.fail } : {}) } };
    case 'self-assessment':
      return { ...base, kind: 'self-assessment', promptHtml: a.promptHtml, scale: [...a.scale], statements: a.statements.map((s) => ({ id: s.id, text: s.text, competence: s.competence })) };
    case 'reflection':
      return { ...base, kind: 'reflection', promptHtml: a.promptHtml, ...(a.minWords ? { minWords: a.minWords } : {}) };
    case 'face-to-face':
      // materials and stepsHtml are trainer-only: deliberately not copied.
      return { ...base, kind: 'face-to-face', title: a.title, mode: a.mode, durationMinutes: a.durationMinutes, learnerHtml: a.learnerHtml };
    default:
      return question(a);
  }
}

function block(b: Block): LearnerBlock {
  if (b.kind === 'html') return { kind: 'html', html: b.html };
  if (b.kind === 'image') return { kind: 'image', src: b.src, alt: b.alt, ...(b.width ? { width: b.width } : {}), ...(b.height ? { height: b.height } : {}) };
  return activity(b);
}

/** The learner model of a module; `limits.reflectionMax` is set by the suspend budget check. */
export function toLearnerModule(module: ModuleIR, programme: ProgrammeIR, lms: LmsMode, reflectionMax: number): LearnerModule {
  const diagnostic = programme.assessment?.id === module.id;
  return {
    programmeId: programme.programme.id,
    variant: programme.variant.code,
    id: module.id,
    title: module.title,
    summary: module.summary,
    locale: module.locale,
    duration: { online: module.duration.online, faceToFace: module.duration.faceToFace },
    passMark: module.passMark,
    outcomes: module.outcomes.map((o) => o.text),
    introHtml: module.introHtml,
    lessons: module.lessons.map((lesson) => ({ id: lesson.id, title: lesson.title, blocks: lesson.blocks.map(block) })),
    // Only web links become links: a `javascript:` or `data:` URL in a citation stays plain text.
    sources: module.sources.map((s) => ({ text: s.text, ...(s.url && /^https?:\/\//i.test(s.url) ? { url: s.url } : {}) })),
    strings: resolveStrings(module.locale, programme.variant.ui),
    limits: { maxAttempts: diagnostic ? 1 : MAX_ATTEMPTS, blankMax: BLANK_MAX, reflectionMax },
    lms,
    ...(diagnostic ? { diagnostic: true } : {}),
  };
}
