/**
 * Lessons → H5P.Column chapters; modules → H5P.InteractiveBook; scored quizzes → H5P.QuestionSet.
 * Activities with no H5P equivalent (self-assessment, reflection, face-to-face) become text blocks
 * with a warning. Trainer-only fields (`trainerNotes`, `reviews`, face-to-face `materials` and
 * `stepsHtml`) are never read here.
 */
import type { Block, FaceToFace, ImageBlock, LessonIR, Question, Quiz, Reflection, SelfAssessment } from '../../ir/types.ts';
import { escapeHtml } from '../../html/escape.ts';
import { adaptHtml, escapePlain, htmlToText } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { LIB } from '../libraries.ts';
import { packageImage } from '../media.ts';
import { describeChanges, htmlChangeRule } from '../messages.ts';
import { type ContentContext, metadataTitle, type SubContent, subContent } from './context.ts';
import { buildQuestion, type QuestionOptions, TAGS } from './questions.ts';

export const QUIZ_INTRO_TAGS = ['sub', 'sup', 'strong', 'em', 'p', 'code'];
export const QUIZ_TITLE_TAGS = ['sub', 'sup', 'strong', 'em', 'code'];
export const COVER_TAGS = ['sub', 'sup', 'strong', 'em', 'p', 'code', 'u', 'del', 'a', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'hr', 'table'];

function textBlock(context: ContentContext, html: string, seed: string, title: string, source: { file: string; line: number; column: number }, what: string): SubContent {
  const adapted = adaptHtml(html, TAGS.text, { imageText: (alt) => fill(context.strings.imageAsText, { alt }) });
  if (adapted.changes.length) context.warn(source, htmlChangeRule(adapted.changes), { what, changes: describeChanges(adapted.changes, context.lang) });
  return subContent(context, LIB.text, { text: adapted.html }, seed, title);
}

async function imageBlock(context: ContentContext, block: ImageBlock, seed: string, lesson: LessonIR): Promise<SubContent> {
  const media = context.module.media.find((file) => file.path === block.src);
  const result = media ? await packageImage(media) : ({ ok: false, reason: 'not-in-module', detail: block.src } as const);
  if (!result.ok) {
    context.warn(lesson.source, 'h5p-image-fallback', { src: block.src, lesson: lesson.id, reason: result.reason, detail: result.detail });
    return subContent(context, LIB.text, { text: `<p><em>[${escapeHtml(fill(context.strings.imageAsText, { alt: block.alt }))}]</em></p>` }, seed, escapePlain(block.alt.slice(0, 80)));
  }
  const image = result.image;
  context.images.set(image.path, image);
  const file: Record<string, unknown> = { path: image.path, mime: image.mime };
  if (image.width) file.width = image.width;
  if (image.height) file.height = image.height;
  const s = context.strings;
  const params: Record<string, unknown> = {
    file,
    decorative: false,
    alt: escapePlain(block.alt),
    contentName: escapePlain(s.image),
    expandImage: escapePlain(s.expandImage),
    minimizeImage: escapePlain(s.minimizeImage),
  };
  if (block.title) params.title = escapePlain(block.title);
  return subContent(context, LIB.image, params, seed, escapePlain(block.alt.slice(0, 80)));
}

function selfAssessment(context: ContentContext, activity: SelfAssessment): SubContent {
  context.warn(activity.source, 'h5p-self-assessment-unsupported', { id: activity.id });
  const s = context.strings;
  const scale = activity.scale.map((label, index) => `<li>${index + 1}: ${escapeHtml(label)}</li>`).join('');
  const statements = activity.statements.map((statement) => `<li>${escapeHtml(statement.text)}</li>`).join('');
  const html = `${activity.promptHtml}<ul>${statements}</ul><p><strong>${escapeHtml(s.selfAssessmentScale)}</strong></p><ol>${scale}</ol><p><em>${escapeHtml(s.selfAssessmentNote)}</em></p>`;
  return textBlock(context, html, activity.id, metadataTitle(activity.promptHtml, activity.id), activity.source, `"${activity.id}"`);
}

function reflection(context: ContentContext, activity: Reflection): SubContent {
  context.warn(activity.source, 'h5p-reflection-unsupported', { id: activity.id });
  const s = context.strings;
  const minimum = activity.minWords ? `<p>${escapeHtml(fill(s.reflectionMinWords, { n: activity.minWords }))}</p>` : '';
  const html = `${activity.promptHtml}${minimum}<p><em>${escapeHtml(s.reflectionNote)}</em></p>`;
  return textBlock(context, html, activity.id, metadataTitle(activity.promptHtml, activity.id), activity.source, `"${activity.id}"`);
}

function faceToFace(context: ContentContext, activity: FaceToFace): SubContent {
  context.warn(activity.source, 'h5p-face-to-face-notice', { id: activity.id });
  const s = context.strings;
  const mode = activity.mode === 'collective' ? s.faceToFaceCollective : s.faceToFaceIndividual;
  const html = `<h3>${escapeHtml(activity.title)}</h3><p><strong>${escapeHtml(mode)}</strong>. ${escapeHtml(fill(s.faceToFaceDuration, { n: activity.durationMinutes }))}</p>${activity.learnerHtml}`;
  return textBlock(context, html, activity.id, escapePlain(activity.title.slice(0, 80)), activity.source, `"${activity.id}"`);
}

/** Sub-content for the blocks of a lesson, in reading order. */
async function lessonContent(context: ContentContext, lesson: LessonIR): Promise<SubContent[]> {
  const items: SubContent[] = [];
  const counters = new Map<string, number>();
  const seedFor = (kind: string, key = '') => {
    const name = `${kind}:${key}`;
    const n = counters.get(name) ?? 0;
    counters.set(name, n + 1);
    return `${context.module.id}/${lesson.id}/${kind}/${key}#${n}`;
  };
  for (const block of lesson.blocks as Block[]) {
    switch (block.kind) {
      case 'html':
        items.push(textBlock(context, block.html, seedFor('text'), metadataTitle(block.html, lesson.title), lesson.source, `"${lesson.id}"`));
        break;
      case 'image':
        items.push(await imageBlock(context, block, seedFor('image', block.src), lesson));
        break;
      case 'quiz': {
        const intro = `<h2>${escapeHtml(block.title)}</h2>${block.introHtml}`;
        items.push(textBlock(context, intro, `${block.id}/intro`, escapePlain(block.title.slice(0, 80)), block.source, `"${block.id}"`));
        for (const question of block.questions) items.push(buildQuestion(question, context));
        break;
      }
      case 'self-assessment':
        items.push(selfAssessment(context, block));
        break;
      case 'reflection':
        items.push(reflection(context, block));
        break;
      case 'face-to-face':
        items.push(faceToFace(context, block));
        break;
      default:
        items.push(buildQuestion(block, context));
    }
  }
  return items;
}

/** One chapter of the book: an H5P.Column holding the lesson's blocks. */
export async function buildChapter(context: ContentContext, lesson: LessonIR): Promise<SubContent> {
  const items = await lessonContent(context, lesson);
  if (!items.length) items.push(subContent(context, LIB.text, { text: `<h2>${escapeHtml(lesson.title)}</h2>` }, `${context.module.id}/${lesson.id}/empty`, escapePlain(lesson.title)));
  const params = { content: items.map((content) => ({ content, useSeparator: 'auto' })) };
  return subContent(context, LIB.column, params, `${context.module.id}/${lesson.id}`, escapePlain(lesson.title.slice(0, 255)));
}

export async function buildBook(context: ContentContext): Promise<Record<string, unknown>> {
  const module = context.module;
  const chapters: SubContent[] = [];
  for (const lesson of module.lessons) chapters.push(await buildChapter(context, lesson));
  const cover = `<h2>${escapeHtml(module.title)}</h2>${module.summary ? `<p>${escapeHtml(module.summary)}</p>` : ''}${module.introHtml}`;
  const adaptedCover = adaptHtml(cover, COVER_TAGS, { imageText: (alt) => fill(context.strings.imageAsText, { alt }) });
  if (adaptedCover.changes.length) context.warn(module.source, htmlChangeRule(adaptedCover.changes), { what: `"${module.id}"`, changes: describeChanges(adaptedCover.changes, context.lang) });
  const s = context.strings;
  const e = escapePlain;
  return {
    showCoverPage: true,
    bookCover: { coverDescription: adaptedCover.html },
    chapters,
    behaviour: { baseColor: '#1768c4', defaultTableOfContents: true, progressIndicators: true, progressAuto: true, displaySummary: true, enableRetry: true },
    read: e(s.read), displayTOC: e(s.displayToc), hideTOC: e(s.hideToc), nextPage: e(s.nextPage), previousPage: e(s.previousPage),
    chapterCompleted: e(s.chapterCompleted), partCompleted: e(s.partCompleted), incompleteChapter: e(s.incompleteChapter), navigateToTop: e(s.navigateToTop),
    markAsFinished: e(s.markAsFinished), fullscreen: e(s.fullscreen), exitFullscreen: e(s.exitFullscreen), bookProgressSubtext: e(s.bookProgressSubtext),
    interactionsProgressSubtext: e(s.interactionsProgressSubtext), submitReport: e(s.submitReport), restartLabel: e(s.restart), summaryHeader: e(s.summaryHeader),
    allInteractions: e(s.allInteractions), unansweredInteractions: e(s.unansweredInteractions), scoreText: e(s.scoreText),
    leftOutOfTotalCompleted: e(s.leftOutOfTotalCompleted), noInteractions: e(s.noInteractions), score: e(s.score), summaryAndSubmit: e(s.summaryAndSubmit),
    noChapterInteractionBoldText: e(s.noChapterInteractionBold), noChapterInteractionText: e(s.noChapterInteraction),
    yourAnswersAreSubmittedForReview: e(s.submittedForReview), bookProgress: e(s.bookProgress), interactionsProgress: e(s.interactionsProgress),
    totalScoreLabel: e(s.totalScore),
    a11y: { progress: e(s.pageProgress), menu: e(s.toggleMenu) },
  };
}

/** Pass/fail texts of a quiz as score ranges around its pass mark. */
function passFailRanges(quiz: Quiz): QuestionOptions['scoreFeedback'] {
  const mark = Math.min(100, Math.max(0, Math.round(quiz.passMark)));
  if (mark === 0) return [{ from: 0, to: 100, html: quiz.feedback.pass }];
  return [
    { from: 0, to: mark - 1, html: quiz.feedback.fail },
    { from: mark, to: 100, html: quiz.feedback.pass },
  ];
}

/**
 * A scored quiz as a whole package: H5P.QuestionSet, or the question type itself when the quiz has
 * one question. Returns the main library and its content.json parameters.
 */
export function buildQuiz(context: ContentContext, quiz: Quiz): { mainLibrary: string; params: Record<string, unknown> } {
  const s = context.strings;
  const e = escapePlain;
  const hasFeedback = Boolean(quiz.feedback.pass || quiz.feedback.fail);
  if (quiz.questions.length === 1) {
    const question = quiz.questions[0]!;
    const preamble = `${quiz.title ? `<h2>${escapeHtml(quiz.title)}</h2>` : ''}${quiz.introHtml}`;
    const built = buildQuestion(question, context, { preambleHtml: preamble, ...(hasFeedback ? { scoreFeedback: passFailRanges(quiz) } : {}) });
    if (built.library === LIB.text) {
      // The question could only be shown as text: a text block is not runnable on its own.
      return { mainLibrary: LIB.column, params: { content: [{ content: built, useSeparator: 'auto' }] } };
    }
    context.usedLibraries.delete(built.library);
    if (built.library === LIB.multiChoice) (built.params.behaviour as Record<string, unknown>).passPercentage = Math.round(quiz.passMark);
    return { mainLibrary: built.library, params: built.params };
  }
  // H5P.QuestionSet holds question types only: a question that could only be shown as text is
  // left out of the graded package (it stays, as text, in the module's book).
  const built = quiz.questions.map((question) => ({ question, content: buildQuestion(question, context) }));
  const questions = built.filter(({ content }) => content.library !== LIB.text).map(({ content }) => content);
  const leftOut = built.filter(({ content }) => content.library === LIB.text);
  for (const { question } of leftOut) context.warn(question.source, 'h5p-quiz-question-left-out', { id: question.id, quiz: quiz.id });
  if (!questions.length) {
    // Nothing gradable is left: the quiz's texts in a Column, like a one-question quiz shown as text.
    const heading = `${quiz.title ? `<h2>${escapeHtml(quiz.title)}</h2>` : ''}${quiz.introHtml}`;
    const items = [...(htmlToText(heading) ? [subContent(context, LIB.text, { text: adaptHtml(heading, TAGS.text).html }, `${quiz.id}/intro`, escapePlain((quiz.title || quiz.id).slice(0, 80)))] : []), ...leftOut.map(({ content }) => content)];
    return { mainLibrary: LIB.column, params: { content: items.map((content) => ({ content, useSeparator: 'auto' })) } };
  }
  if (leftOut.length) context.usedLibraries.delete(LIB.text);
  const passPercentage = Math.min(100, Math.max(0, Math.round(quiz.passMark)));
  const total = built.filter(({ content }) => content.library !== LIB.text).reduce((sum, { question }) => sum + maxScore(question), 0);
  // QuestionSet 1.21's result screen shows its heading, the points and a line per question, but
  // not the pass/fail text (that reaches screen readers only): the heading says what passes.
  const resultsHeading = passPercentage > 0 ? fill(s.quizResultsPassMark, { pass: passPoints(passPercentage, total), total }) : s.results;
  const ranges = hasFeedback
    ? passFailRanges(quiz)!.map(({ from, to, html }) => (html ? { from, to, feedback: e(htmlToText(html)) } : { from, to }))
    : [{ from: 0, to: 100 }];
  const intro = adaptHtml(quiz.introHtml, QUIZ_INTRO_TAGS);
  const title = adaptHtml(escapeHtml(quiz.title), QUIZ_TITLE_TAGS);
  return {
    mainLibrary: LIB.questionSet,
    params: {
      // An intro page costs learners a tap: only when the quiz has an introduction to show.
      introPage: { showIntroPage: Boolean(htmlToText(quiz.introHtml)), title: title.html, introduction: intro.html, startButtonText: e(s.startQuiz) },
      progressType: 'dots',
      passPercentage,
      questions,
      texts: {
        prevButton: e(s.previousQuestion), previous: e(s.previous), nextButton: e(s.nextQuestion), next: e(s.next), finishButton: e(s.finish),
        submitButton: e(s.submit), textualProgress: e(s.textualProgress), jumpToQuestion: e(s.jumpToQuestion), questionLabel: e(s.questionLabel),
        readSpeakerProgress: e(s.readSpeakerProgress), unansweredText: e(s.unanswered), answeredText: e(s.answered), currentQuestionText: e(s.currentQuestion),
        navigationLabel: e(s.navigationLabel), questionSetInstruction: e(s.questionSetInstruction),
      },
      disableBackwardsNavigation: false,
      randomQuestions: false,
      endGame: {
        showResultPage: true, showSolutionButton: true, showRetryButton: true, noResultMessage: e(s.quizFinished), message: e(resultsHeading),
        amountCorrect: e(s.amountCorrect), scoreBarLabel: e(s.quizScoreBarLabel), scoreHeader: e(s.scoreHeader), overallFeedback: ranges,
        solutionButtonText: e(s.showSolution), retryButtonText: e(s.retry), finishButtonText: e(s.finish), submitButtonText: e(s.submit),
        showAnimations: false, skippable: false, skipButtonText: e(s.skipVideo),
      },
      override: { checkButton: true },
    },
  };
}

/** The points H5P gives a question built by `buildQuestion` (one per gap for Blanks and DragText). */
export function maxScore(question: Question): number {
  switch (question.kind) {
    case 'fill-blanks':
    case 'drag-words':
      return question.blanks.length;
    case 'matching':
      return question.pairs.length;
    case 'ordering':
      return question.items.length;
    default:
      return 1;
  }
}

/** The fewest points that pass, by QuestionSet's own rule: `100 * score / total >= passPercentage`. */
export function passPoints(passPercentage: number, total: number): number {
  for (let points = 0; points <= total; points += 1) if ((100 * points) / total >= passPercentage) return points;
  return total;
}

/** Every scored quiz of a module, in reading order. */
export function quizzesOf(lessons: LessonIR[]): Quiz[] {
  return lessons.flatMap((lesson) => lesson.blocks.filter((block): block is Quiz => block.kind === 'quiz'));
}
