/**
 * Questions → H5P question types. Single and multiple choice → MultiChoice, true/false →
 * TrueFalse, fill in the blanks → Blanks, drag the words → DragText. Matching and ordering have no
 * faithful equivalent among the content types we target: they become DragText (one gap per pair or
 * per position) with a warning. docs/h5p.md has the table.
 */
import type { Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { DragWords, FillBlanks, Matching, MultipleChoice, Ordering, Question, QuestionFeedback, SingleChoice, TrueFalse } from '../../ir/types.ts';
import { escapeHtml } from '../../html/escape.ts';
import { adaptHtml, escapePlain, htmlToText, plainFromHtml } from '../html.ts';
import type { H5pStrings } from '../i18n/index.ts';
import { fill } from '../i18n/index.ts';
import { hasField, LIB } from '../libraries.ts';
import { describeChanges, htmlChangeRule } from '../messages.ts';
import { type ContentContext, metadataTitle, type SubContent, subContent } from './context.ts';

/** Allowed tags of the HTML fields we fill, from each library's semantics.json. */
export const TAGS = {
  questionText: ['strong', 'em', 'sub', 'sup', 'h2', 'h3', 'pre', 'code'],
  choiceText: ['strong', 'em', 'sub', 'sup', 'code'],
  choiceFeedback: ['strong', 'em', 'sub', 'sup', 'a', 'code'],
  /** H5P.AdvancedText: lesson text and every fallback. */
  text: ['strong', 'em', 'del', 'a', 'ul', 'ol', 'h2', 'h3', 'hr', 'pre', 'code'],
  blanksText: ['strong', 'em', 'u', 'a', 'ul', 'ol', 'h2', 'h3', 'hr', 'pre', 'code'],
  blanksQuestion: ['strong', 'em', 'del', 'u', 'code'],
  dragTask: ['strong', 'em', 'u', 'a', 'ul', 'ol', 'h2', 'h3', 'hr', 'pre', 'code'],
} as const;

/** Extra options of a question built as a whole package or inside a quiz. */
export interface QuestionOptions {
  /** HTML shown before the question (a one-question quiz's introduction). */
  preambleHtml?: string;
  /** Overrides the question's own whole-answer feedback (a one-question quiz's pass/fail texts). */
  scoreFeedback?: Array<{ from: number; to: number; html?: string }>;
}

export function buildQuestion(question: Question, context: ContentContext, options: QuestionOptions = {}): SubContent {
  const title = metadataTitle(question.stemHtml, question.id);
  switch (question.kind) {
    case 'single-choice':
    case 'multiple-choice':
      return subContent(context, LIB.multiChoice, multiChoice(question, context, options), question.id, title);
    case 'true-false':
      return subContent(context, LIB.trueFalse, trueFalse(question, context, options), question.id, title);
    case 'fill-blanks':
      return blanks(question, context, options, title);
    case 'drag-words':
      return dragWords(question, context, options, title);
    case 'matching':
      return matching(question, context, options, title);
    case 'ordering':
      return ordering(question, context, options, title);
  }
}

function html(context: ContentContext, source: Question, value: string, tags: readonly string[]): string {
  const adapted = adaptHtml(value, tags, { imageText: (alt) => fill(context.strings.imageAsText, { alt }) });
  if (adapted.changes.length) {
    context.warn(source.source, htmlChangeRule(adapted.changes), { what: `"${source.id}"`, changes: describeChanges(adapted.changes, context.lang) });
  }
  return adapted.html;
}

function withPreamble(stemHtml: string, options: QuestionOptions): string {
  return options.preambleHtml ? `${options.preambleHtml}${stemHtml}` : stemHtml;
}

export function confirmDialogs(strings: H5pStrings) {
  const e = escapePlain;
  return {
    confirmCheck: { header: e(strings.confirmCheckHeader), body: `<p>${escapeHtml(strings.confirmCheckBody)}</p>`, cancelLabel: e(strings.cancel), confirmLabel: e(strings.finish) },
    confirmRetry: { header: e(strings.confirmRetryHeader), body: `<p>${escapeHtml(strings.confirmRetryBody)}</p>`, cancelLabel: e(strings.cancel), confirmLabel: e(strings.confirm) },
  };
}

/** H5P's `overallFeedback` list (score ranges in percent, plain text). */
export function scoreRanges(feedback: QuestionFeedback, options: QuestionOptions): Array<{ from: number; to: number; feedback?: string }> {
  if (options.scoreFeedback) {
    return options.scoreFeedback.map(({ from, to, html: value }) => (value ? { from, to, feedback: plainFromHtml(value) } : { from, to }));
  }
  if (!feedback.correct && !feedback.incorrect) return [{ from: 0, to: 100 }];
  const ranges: Array<{ from: number; to: number; feedback?: string }> = [];
  ranges.push(feedback.incorrect ? { from: 0, to: 99, feedback: plainFromHtml(feedback.incorrect) } : { from: 0, to: 99 });
  ranges.push(feedback.correct ? { from: 100, to: 100, feedback: plainFromHtml(feedback.correct) } : { from: 100, to: 100 });
  return ranges;
}

function a11y(strings: H5pStrings) {
  return { a11yCheck: escapePlain(strings.a11yCheck), a11yShowSolution: escapePlain(strings.a11yShowSolution), a11yRetry: escapePlain(strings.a11yRetry) };
}

function multiChoice(question: SingleChoice | MultipleChoice, context: ContentContext, options: QuestionOptions) {
  const s = context.strings;
  const e = escapePlain;
  return {
    media: { disableImageZooming: false },
    question: html(context, question, withPreamble(question.stemHtml, options), TAGS.questionText),
    answers: question.options.map((option) => ({
      text: html(context, question, option.html, TAGS.choiceText),
      correct: option.correct,
      tipsAndFeedback: { tip: '', chosenFeedback: option.feedback ? html(context, question, option.feedback, TAGS.choiceFeedback) : '', notChosenFeedback: '' },
    })),
    overallFeedback: scoreRanges(question.feedback, options),
    UI: {
      checkAnswerButton: e(s.check), submitAnswerButton: e(s.submit), showSolutionButton: e(s.showSolution), tryAgainButton: e(s.retry),
      tipsLabel: e(s.showTip), scoreBarLabel: e(s.scoreBarLabel), tipAvailable: e(s.tipAvailable), feedbackAvailable: e(s.feedbackAvailable),
      readFeedback: e(s.readFeedback), wrongAnswer: e(s.wrongAnswer), correctAnswer: e(s.correctAnswer), shouldCheck: e(s.shouldCheck),
      shouldNotCheck: e(s.shouldNotCheck), noInput: e(s.noInput), ...a11y(s),
    },
    behaviour: {
      enableRetry: true, enableSolutionsButton: true, enableCheckButton: true,
      type: question.kind === 'single-choice' ? 'single' : 'multi',
      // The IR scores a choice question as right only when exactly the correct options are chosen.
      singlePoint: true,
      // Authors write options in a meaningful order ("Todas las anteriores"): keep it.
      randomAnswers: false,
      showSolutionsRequiresInput: true, confirmCheckDialog: false, confirmRetryDialog: false, autoCheck: false, passPercentage: 100, showScorePoints: true,
    },
    ...confirmDialogs(s),
  };
}

function trueFalse(question: TrueFalse, context: ContentContext, options: QuestionOptions) {
  const s = context.strings;
  const e = escapePlain;
  const feedback = (value: string | undefined) => (value ? escapePlain(htmlToText(value).slice(0, 1500)) : undefined);
  const pass = options.scoreFeedback?.find((range) => range.to === 100)?.html ?? question.feedback.correct;
  const fail = options.scoreFeedback?.find((range) => range.from === 0)?.html ?? question.feedback.incorrect;
  const behaviour: Record<string, unknown> = { enableRetry: true, enableSolutionsButton: true, enableCheckButton: true, confirmCheckDialog: false, confirmRetryDialog: false, autoCheck: false };
  if (feedback(pass)) behaviour.feedbackOnCorrect = feedback(pass);
  if (feedback(fail)) behaviour.feedbackOnWrong = feedback(fail);
  return {
    media: { disableImageZooming: false },
    question: html(context, question, withPreamble(question.stemHtml, options), TAGS.questionText),
    correct: question.answer ? 'true' : 'false',
    l10n: {
      trueText: e(s.trueText), falseText: e(s.falseText), score: e(s.trueFalseScore), checkAnswer: e(s.check), submitAnswer: e(s.submit),
      showSolutionButton: e(s.showSolution), tryAgain: e(s.retry), wrongAnswerMessage: e(s.wrongAnswer), correctAnswerMessage: e(s.correctAnswer),
      scoreBarLabel: e(s.scoreBarLabel), ...a11y(s),
    },
    behaviour,
    ...confirmDialogs(s),
  };
}

/** Characters with a meaning inside H5P's `*answer*` gap syntax. */
const GAP_SYNTAX = /[*/:\\]/;
/** Private-use characters that survive HTML parsing: gap markers and literal asterisks. */
const GAP = '\uE000';
const STAR = '\uE001';

/**
 * Replaces `<span data-blank="N">` markers with `gap(N)` and literal asterisks with `&#42;`, so
 * that the library's `*…*` parser only sees our gaps.
 */
function withGaps(textHtml: string, gap: (index: number) => string): { tree: Nodes } {
  const tree = fromHtml(textHtml, { fragment: true });
  const visit = (node: Nodes) => {
    if (!('children' in node)) return;
    node.children = node.children.map((child) => {
      if (child.type === 'text') return { ...child, value: child.value.replaceAll('*', STAR) };
      if (child.type === 'element' && child.tagName === 'span' && child.properties?.dataBlank !== undefined) {
        return { type: 'text', value: gap(Number(child.properties.dataBlank)) };
      }
      visit(child as Nodes);
      return child;
    }) as typeof node.children;
  };
  visit(tree);
  return { tree };
}

function blanks(question: FillBlanks, context: ContentContext, options: QuestionOptions, title: string): SubContent {
  const s = context.strings;
  const e = escapePlain;
  const gaps: string[] = [];
  for (const [index, blank] of question.blanks.entries()) {
    const usable = blank.answers.map((answer) => answer.trim()).filter((answer) => answer && !GAP_SYNTAX.test(answer));
    if (usable.length < blank.answers.length) {
      context.warn(question.source, 'h5p-blank-answer-syntax', { id: question.id, gap: index + 1, dropped: usable.length ? 'some' : 'all' });
    }
    if (!usable.length) return textFallback(question, context, title, question.blanks.map((b) => b.answers[0] ?? ''));
    gaps.push(usable.join('/'));
  }
  const caseSensitive = question.blanks.every((blank) => blank.caseSensitive);
  if (!caseSensitive && question.blanks.some((blank) => blank.caseSensitive)) {
    context.warn(question.source, 'h5p-blank-case', { id: question.id });
  }
  const { tree } = withGaps(question.textHtml, (index) => `${GAP}${index}${GAP}`);
  let text = html(context, question, toHtml(tree), TAGS.blanksQuestion);
  text = text.replace(new RegExp(`${GAP}(\\d+)${GAP}`, 'g'), (_m, index: string) => `*${escapeHtml(gaps[Number(index)] ?? '')}*`).replaceAll(STAR, '&#42;');
  const params = {
    media: { disableImageZooming: false },
    text: html(context, question, withPreamble(question.stemHtml || `<p>${escapeHtml(s.blanksInstruction)}</p>`, options), TAGS.blanksText),
    questions: [text],
    overallFeedback: scoreRanges(question.feedback, options),
    showSolutions: e(s.showSolution), tryAgain: e(s.retry), checkAnswer: e(s.check), submitAnswer: e(s.submit), notFilledOut: e(s.notFilledOut),
    answerIsCorrect: e(s.answerIsCorrect), answerIsWrong: e(s.answerIsWrong), answeredCorrectly: e(s.answeredCorrectly),
    answeredIncorrectly: e(s.answeredIncorrectly), solutionLabel: e(s.solutionLabel), inputLabel: e(s.inputLabel), inputHasTipLabel: e(s.tipAvailable),
    tipLabel: e(s.tip),
    behaviour: {
      enableRetry: true,
      // Only from H5P.Blanks 1.14.37 (core API 1.28): older patches drop it, and false is their behaviour anyway.
      ...(hasField(LIB.blanks, 'behaviour/allowRetryIfCorrect', context.coreApi) ? { allowRetryIfCorrect: false } : {}),
      enableSolutionsButton: true, enableCheckButton: true, autoCheck: false, caseSensitive,
      showSolutionsRequiresInput: true, separateLines: false, confirmCheckDialog: false, confirmRetryDialog: false, acceptSpellingErrors: false,
    },
    ...confirmDialogs(s),
    scoreBarLabel: e(s.scoreBarLabel), ...a11y(s), a11yCheckingModeHeader: e(s.checkingModeHeader),
  };
  return subContent(context, LIB.blanks, params, question.id, title);
}

interface DragTextSpec {
  taskHtml: string;
  /** Plain text with `*word*` gaps (words through `dragWord`), lines separated by `\n` (not yet escaped). */
  text: string;
  distractors: string[];
  feedback: QuestionFeedback;
}

function dragTextParams(spec: DragTextSpec, question: Question, context: ContentContext, options: QuestionOptions) {
  const s = context.strings;
  const e = escapePlain;
  return {
    media: { disableImageZooming: false },
    taskDescription: html(context, question, withPreamble(spec.taskHtml, options), TAGS.dragTask),
    textField: e(spec.text),
    distractors: e(spec.distractors.map((word) => `*${dragWord(word)}*`).join(' ')),
    overallFeedback: scoreRanges(spec.feedback, options),
    checkAnswer: e(s.check), submitAnswer: e(s.submit), tryAgain: e(s.retry), showSolution: e(s.showSolution), dropZoneIndex: e(s.dropZoneIndex),
    empty: e(s.dropZoneEmpty), contains: e(s.dropZoneContains), ariaDraggableIndex: e(s.draggableIndex), tipLabel: e(s.showTip),
    correctText: e(s.correctExclamation), incorrectText: e(s.incorrectExclamation), resetDropTitle: e(s.resetDropTitle),
    resetDropDescription: e(s.resetDropDescription), grabbed: e(s.grabbed), cancelledDragging: e(s.cancelledDragging),
    correctAnswer: e(s.solutionLabel), feedbackHeader: e(s.feedbackHeader),
    behaviour: { enableRetry: true, enableSolutionsButton: true, enableCheckButton: true, instantFeedback: false },
    scoreBarLabel: e(s.scoreBarLabel), ...a11y(s),
  };
}

/**
 * A word as H5P.DragText can hold it inside `*…*`. DragText 1.10 (parse-text.js) splits its text
 * field on `*…*` and, inside a gap, reads `:` as the start of a tip and `\+`/`\-` as feedback; it
 * has no escape. A numeric character reference (`&#58;`) would fool its parser, but H5P's editor
 * and Lumi's port of the content validator decode it back to ":" on save, which turns the rest of
 * the word into a tip. So those characters are written as look-alikes, as `*` already is: "∗"
 * (U+2217), "∶" (U+2236 RATIO) and "∖" (U+2216, only before `+`/`-`). Learners drag the words and
 * never type them, so scoring is unaffected.
 */
export function dragWord(word: string): string {
  return word.replaceAll('*', '∗').replaceAll(':', '∶').replace(/\\(?=[+-])/g, '∖');
}

/** Checks the words of a DragText question: false when one is empty (then it cannot be built). */
function usableWords(question: Question, context: ContentContext, words: string[]): boolean {
  const empty = words.filter((word) => !word.trim());
  if (empty.length) {
    context.warn(question.source, 'h5p-drag-word-syntax', { id: question.id, words: empty.map((w) => `"${w}"`).join(', ') });
    return false;
  }
  const rewritten = words.filter((word) => dragWord(word) !== word);
  if (rewritten.length) context.warn(question.source, 'h5p-drag-word-rewritten', { id: question.id, words: rewritten.map((w) => `"${w}"`).join(', ') });
  return true;
}

function dragWords(question: DragWords, context: ContentContext, options: QuestionOptions, title: string): SubContent {
  const answers = question.blanks.map((blank) => blank.answer.trim());
  if (!usableWords(question, context, [...answers, ...question.distractors])) return textFallback(question, context, title, answers);
  const { tree } = withGaps(question.textHtml, (index) => `${GAP}${index}${GAP}`);
  const plain = htmlToText(toHtml(tree), '\n');
  if (plain.includes(STAR)) {
    context.warn(question.source, 'h5p-drag-word-syntax', { id: question.id });
  }
  const text = plain.replace(new RegExp(`${GAP}(\\d+)${GAP}`, 'g'), (_m, index: string) => `*${dragWord(answers[Number(index)] ?? '')}*`).replaceAll(STAR, '∗');
  const spec = { taskHtml: question.stemHtml || `<p>${escapeHtml(context.strings.dragInstruction)}</p>`, text, distractors: question.distractors, feedback: question.feedback };
  return subContent(context, LIB.dragText, dragTextParams(spec, question, context, options), question.id, title);
}

function matching(question: Matching, context: ContentContext, options: QuestionOptions, title: string): SubContent {
  context.warn(question.source, 'h5p-matching-approximated', { id: question.id });
  const rights = question.pairs.map((pair) => pair.right.trim());
  const lefts = question.pairs.map((pair) => htmlToText(pair.left).replaceAll('*', '∗'));
  if (!usableWords(question, context, rights)) return textFallback(question, context, title, rights);
  const instruction = fill(context.strings.matchingInstruction, { left: question.labels.left, right: question.labels.right });
  const spec = {
    taskHtml: `${question.stemHtml}<p>${escapeHtml(instruction)}</p>`,
    text: question.pairs.map((_, index) => `${lefts[index]} → *${dragWord(rights[index]!)}*`).join('\n'),
    distractors: [],
    feedback: question.feedback,
  };
  return subContent(context, LIB.dragText, dragTextParams(spec, question, context, options), question.id, title);
}

function ordering(question: Ordering, context: ContentContext, options: QuestionOptions, title: string): SubContent {
  context.warn(question.source, 'h5p-ordering-approximated', { id: question.id });
  const items = question.items.map((item) => item.text.trim());
  if (!usableWords(question, context, items)) return textFallback(question, context, title, items);
  const spec = {
    taskHtml: `${question.stemHtml}<p>${escapeHtml(context.strings.orderingInstruction)}</p>`,
    text: items.map((item, index) => `${index + 1}. *${dragWord(item)}*`).join('\n'),
    distractors: [],
    feedback: question.feedback,
  };
  return subContent(context, LIB.dragText, dragTextParams(spec, question, context, options), question.id, title);
}

/** A question H5P cannot hold at all: its text and the expected answers, as a text block. */
function textFallback(question: Question, context: ContentContext, title: string, answers: string[]): SubContent {
  const body = `${question.stemHtml}${'textHtml' in question ? question.textHtml.replace(/<span data-blank="\d+"><\/span>/g, '____') : ''}<p><strong>${escapeHtml(context.strings.solutionLabel)}</strong> ${escapeHtml(answers.join(' · '))}</p>`;
  const adapted = adaptHtml(body, TAGS.text);
  return subContent(context, LIB.text, { text: adapted.html }, question.id, title);
}
