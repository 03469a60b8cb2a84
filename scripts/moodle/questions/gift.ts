/**
 * GIFT, Moodle's plain-text question format, for the question kinds it can hold: single and
 * multiple choice, true/false, matching, and one-gap fill-in or drag-word questions (GIFT's
 * "missing word"). Ordering, several gaps and case-sensitive gaps have no GIFT form: those
 * questions are left out and reported (the Moodle XML file has them all).
 */
import type { ChoiceOption, DragWords, FillBlanks, Matching, MultipleChoice, Question, SingleChoice, TrueFalse } from '../../ir/types.ts';
import { equalShare, questionCompetences, questionName, type BankModule, type BankQuestion } from './collect.ts';
import { categoryPath, QuestionExportError, type QuestionFileResult } from './moodle-xml.ts';

/** Escapes GIFT's special characters (and backslash) and keeps the text on one line. */
export function giftEscape(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[\\~=#{}:]/g, (char) => `\\${char}`);
}

/** `[id:…]` and `[tag:…]` go in a comment line before the question; `]` is escaped there. */
function metadataComment(entry: BankQuestion): string {
  const bracket = (text: string) => text.replace(/]/g, '\\]');
  const bits = [`[id:${bracket(entry.question.id)}]`, ...questionCompetences(entry).map((id) => `[tag:${bracket(id)}]`)];
  return `// ${bits.join(' ')}`;
}

const feedback = (html: string | undefined) => (html ? `#${giftEscape(html)}` : '');

function choiceAnswers(question: SingleChoice | MultipleChoice): string[] {
  const right = question.options.filter((option) => option.correct).length;
  const share = question.kind === 'single-choice' ? 100 : equalShare(right);
  if (!right || share === undefined) throw new QuestionExportError(question, `${right} correct options: Moodle's grades cannot share 100 % equally between them`);
  // GIFT has no right/wrong feedback for the whole question: an option without its own feedback gets it.
  const optionFeedback = (option: ChoiceOption) => feedback(option.feedback ?? (option.correct ? question.feedback.correct : question.feedback.incorrect));
  return question.options.map((option) => {
    if (question.kind === 'single-choice') return `${option.correct ? '=' : '~'}${giftEscape(option.html)}${optionFeedback(option)}`;
    return `~%${option.correct ? share : -100}%${giftEscape(option.html)}${optionFeedback(option)}`;
  });
}

function trueFalse(question: TrueFalse): string {
  // GIFT: {TRUE#feedback when answered wrong#feedback when answered right}
  return `{${question.answer ? 'TRUE' : 'FALSE'}${feedback(question.feedback.incorrect) || (question.feedback.correct ? '#' : '')}${feedback(question.feedback.correct)}}`;
}

function matching(question: Matching): string[] {
  return question.pairs.map((pair) => `=${giftEscape(pair.left)} -> ${giftEscape(pair.right)}`);
}

/** Text before the gap, the answer block, text after (GIFT's missing-word form). */
function oneGap(question: FillBlanks | DragWords, answers: string): string {
  const markers = [...question.textHtml.matchAll(/<span data-blank="(\d+)"><\/span>/g)];
  if (markers.length !== 1 || question.blanks.length !== 1) throw new QuestionExportError(question, `${question.blanks.length} gaps: GIFT holds one gap per question (the Moodle XML file has this question as cloze)`);
  const [before, after] = question.textHtml.split(markers[0]![0]);
  return `${giftEscape(`${question.stemHtml}${before ?? ''}`)}{${answers}}${giftEscape(after ?? '')}`;
}

function fillBlanks(question: FillBlanks): string {
  const blank = question.blanks[0];
  if (blank?.caseSensitive) throw new QuestionExportError(question, 'a case-sensitive gap: GIFT short answers ignore case (the Moodle XML file keeps it)');
  const answers = (blank?.answers ?? []).map((answer) => `=${giftEscape(answer)}${feedback(question.feedback.correct)}`);
  return oneGap(question, answers.join(' '));
}

function dragWords(question: DragWords): string {
  const blank = question.blanks[0];
  const answers = [`=${giftEscape(blank?.answer ?? '')}${feedback(question.feedback.correct)}`, ...question.distractors.map((word) => `~${giftEscape(word)}${feedback(question.feedback.incorrect)}`)];
  return oneGap(question, answers.join(' '));
}

function questionText(entry: BankQuestion): string {
  const { question } = entry;
  const name = `::${giftEscape(questionName(question))}::[html]`;
  const body = (answers: string[] | string) => `${giftEscape(question.stemHtml)}{\n${(Array.isArray(answers) ? answers : [answers]).map((line) => `\t${line}`).join('\n')}\n}`;
  switch (question.kind) {
    case 'single-choice':
    case 'multiple-choice':
      return `${name}${body(choiceAnswers(question))}`;
    case 'true-false':
      return `${name}${giftEscape(question.stemHtml)}${trueFalse(question)}`;
    case 'matching':
      if (question.pairs.length < 2) throw new QuestionExportError(question, 'fewer than two pairs: Moodle matching questions need at least two');
      return `${name}${body(matching(question))}`;
    case 'fill-blanks':
      return `${name}${fillBlanks(question)}`;
    case 'drag-words':
      return `${name}${dragWords(question)}`;
    case 'ordering':
      throw new QuestionExportError(question as Question, 'an ordering question: GIFT has no ordering type (the Moodle XML file has it)');
  }
}

/** The module's GIFT file: a `$CATEGORY:` line before each category's questions. */
export function gift(bank: BankModule): QuestionFileResult {
  const skipped: QuestionExportError[] = [];
  const parts: string[] = [`// ${giftEscape(bank.module.title)}`];
  for (const category of bank.categories) {
    const inside = bank.questions.filter((entry) => entry.category.join('\u0000') === category.path.join('\u0000'));
    if (!inside.length && category !== bank.categories[0]) continue;
    parts.push(`$CATEGORY: ${categoryPath(category.path)}`);
    for (const entry of inside) {
      try {
        parts.push(`${metadataComment(entry)}\n${questionText(entry)}`);
      } catch (error) {
        if (error instanceof QuestionExportError) skipped.push(error);
        else throw error;
      }
    }
  }
  return { text: `${parts.join('\n\n')}\n`, skipped };
}
