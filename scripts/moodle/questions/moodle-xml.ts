/**
 * Moodle XML (the question bank format of Moodle's own import): one file per module with its
 * categories (module, then one per competence) and every scored question, tagged with its
 * competence ids. Question types are Moodle core ones: multichoice, truefalse, multianswer (cloze),
 * ddwtos, match, ordering.
 */
import { Builder } from 'xml2js';
import type { DragWords, FillBlanks, Matching, MultipleChoice, Ordering, Question, SingleChoice, TrueFalse } from '../../ir/types.ts';
import { equalShare, questionCompetences, questionName, type BankCategory, type BankModule, type BankQuestion } from './collect.ts';

export class QuestionExportError extends Error {
  constructor(readonly question: Question, message: string) {
    super(message);
    this.name = 'QuestionExportError';
  }
}

type XmlNode = Record<string, unknown>;

const html = (text: string | undefined): XmlNode => ({ $: { format: 'html' }, text: text ?? '' });
const plain = (text: string): XmlNode => ({ text });

/** Moodle splits category paths on "/"; a literal slash in a name is written "//". */
export function categoryPath(segments: string[]): string {
  return ['$course$', 'top', ...segments.map((segment) => segment.replace(/\//g, '//'))].join('/');
}

function categoryNode(category: BankCategory): XmlNode {
  return { $: { type: 'category' }, category: plain(categoryPath(category.path)), info: html(category.infoHtml), idnumber: category.idnumber };
}

function headers(entry: BankQuestion, generalFeedback = ''): XmlNode {
  return {
    name: plain(questionName(entry.question)),
    questiontext: html(entry.question.kind === 'fill-blanks' || entry.question.kind === 'drag-words' ? undefined : entry.question.stemHtml),
    generalfeedback: html(generalFeedback),
    defaultgrade: '1',
    penalty: '0.3333333',
    hidden: '0',
    idnumber: entry.question.id,
  };
}

function combinedFeedback(question: Question): XmlNode {
  return {
    correctfeedback: html(question.feedback.correct),
    partiallycorrectfeedback: html(question.feedback.incorrect),
    incorrectfeedback: html(question.feedback.incorrect),
    shownumcorrect: '',
  };
}

function tags(entry: BankQuestion): XmlNode {
  const ids = questionCompetences(entry);
  return ids.length ? { tags: { tag: ids.map((id) => plain(id)) } } : {};
}

function choice(entry: BankQuestion, question: SingleChoice | MultipleChoice): XmlNode {
  const right = question.options.filter((option) => option.correct).length;
  const share = question.kind === 'single-choice' ? 100 : equalShare(right);
  if (!right || share === undefined) throw new QuestionExportError(question, `${right} correct options: Moodle's grades cannot share 100 % equally between them (1 to 10 correct options can)`);
  return {
    $: { type: 'multichoice' },
    ...headers(entry),
    single: question.kind === 'single-choice' ? 'true' : 'false',
    shuffleanswers: 'true',
    answernumbering: 'abc',
    showstandardinstruction: '0',
    ...combinedFeedback(question),
    // Several correct options: a wrong one costs everything, as "exactly the correct ones" in the player.
    answer: question.options.map((option) => ({ $: { fraction: option.correct ? String(share) : question.kind === 'single-choice' ? '0' : '-100', format: 'html' }, text: option.html, feedback: html(option.feedback) })),
    ...tags(entry),
  };
}

function trueFalse(entry: BankQuestion, question: TrueFalse): XmlNode {
  // Moodle's true/false has no right/wrong feedback: each answer carries the one it deserves.
  const answer = (value: boolean) => ({ $: { fraction: value === question.answer ? '100' : '0', format: 'moodle_auto_format' }, text: String(value), feedback: html(value === question.answer ? question.feedback.correct : question.feedback.incorrect) });
  return { $: { type: 'truefalse' }, ...headers(entry), answer: [answer(true), answer(false)], ...tags(entry) };
}

/** Escapes an answer for a cloze `{…}` subquestion: HTML first, then the cloze syntax. */
export function clozeAnswer(text: string): string {
  if (text.includes('~')) throw new Error(`"${text}" contains "~", which Moodle's cloze syntax cannot hold in an answer`);
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\\/g, '\\\\').replace(/\*/g, '\\*').replace(/[}#]/g, (char) => `\\${char}`);
}

function clozeFeedback(text: string | undefined): string {
  return (text ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().replace(/[}#~]/g, (char) => `\\${char}`);
}

const blankMarker = /<span data-blank="(\d+)"><\/span>/g;

function cloze(entry: BankQuestion, question: FillBlanks): XmlNode {
  let text: string;
  try {
    text = question.textHtml.replace(blankMarker, (_whole, index: string) => {
      const blank = question.blanks[Number(index)];
      if (!blank) throw new Error(`the text has a gap number ${index} without answers`);
      const type = blank.caseSensitive ? 'SHORTANSWER_C' : 'SHORTANSWER';
      const right = blank.answers.map((answer) => `=${clozeAnswer(answer)}`).join('~');
      const wrong = question.feedback.incorrect ? `~*#${clozeFeedback(question.feedback.incorrect)}` : '';
      return `{1:${type}:${right}${wrong}}`;
    });
  } catch (error) {
    throw new QuestionExportError(question, (error as Error).message);
  }
  const node = headers(entry, question.feedback.correct);
  // Moodle's cloze has no right/wrong feedback: the right one becomes its general feedback and
  // the wrong one goes to every gap's catch-all answer.
  return { $: { type: 'cloze' }, ...node, questiontext: html(`${question.stemHtml}${text}`), ...tags(entry) };
}

function dragWords(entry: BankQuestion, question: DragWords): XmlNode {
  // One drag box per distinct word; a word that fills several gaps may be dropped more than once.
  const words = [...new Set([...question.blanks.map((blank) => blank.answer), ...question.distractors])];
  const uses = new Map<string, number>();
  const text = question.textHtml.replace(blankMarker, (_whole, index: string) => {
    const blank = question.blanks[Number(index)];
    if (!blank) throw new QuestionExportError(question, `the text has a gap number ${index} without a word`);
    uses.set(blank.answer, (uses.get(blank.answer) ?? 0) + 1);
    return `[[${words.indexOf(blank.answer) + 1}]]`;
  });
  if (!uses.size) throw new QuestionExportError(question, 'the text has no gaps');
  return {
    $: { type: 'ddwtos' },
    ...headers(entry),
    questiontext: html(`${question.stemHtml}${text}`),
    shuffleanswers: '1',
    ...combinedFeedback(question),
    dragbox: words.map((word) => ({ text: word.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), group: '1', ...((uses.get(word) ?? 0) > 1 ? { infinite: '' } : {}) })),
    ...tags(entry),
  };
}

function matching(entry: BankQuestion, question: Matching): XmlNode {
  return {
    $: { type: 'matching' },
    ...headers(entry),
    shuffleanswers: 'true',
    ...combinedFeedback(question),
    subquestion: question.pairs.map((pair) => ({ $: { format: 'html' }, text: pair.left, answer: plain(pair.right) })),
    ...tags(entry),
  };
}

function ordering(entry: BankQuestion, question: Ordering): XmlNode {
  return {
    $: { type: 'ordering' },
    ...headers(entry),
    layouttype: 'VERTICAL',
    selecttype: 'ALL',
    selectcount: '0',
    // The player marks an order right only when it is all right.
    gradingtype: 'ALL_OR_NOTHING',
    showgrading: 'SHOW',
    numberingstyle: 'none',
    ...combinedFeedback(question),
    answer: question.items.map((item, index) => ({ $: { fraction: String(index + 1), format: 'html' }, text: item.text, feedback: html('') })),
    ...tags(entry),
  };
}

export function questionNode(entry: BankQuestion): XmlNode {
  const { question } = entry;
  switch (question.kind) {
    case 'single-choice':
    case 'multiple-choice':
      return choice(entry, question);
    case 'true-false':
      return trueFalse(entry, question);
    case 'fill-blanks':
      return cloze(entry, question);
    case 'drag-words':
      return dragWords(entry, question);
    case 'matching':
      return matching(entry, question);
    case 'ordering':
      return ordering(entry, question);
  }
}

export interface QuestionFileResult {
  text: string;
  /** Questions left out, with the reason. */
  skipped: QuestionExportError[];
}

/** The module's Moodle XML file: each category, then the questions it holds. */
export function moodleXml(bank: BankModule): QuestionFileResult {
  const skipped: QuestionExportError[] = [];
  const nodes: XmlNode[] = [];
  for (const category of bank.categories) {
    const inside = bank.questions.filter((entry) => entry.category.join('\u0000') === category.path.join('\u0000'));
    if (!inside.length && category !== bank.categories[0]) continue;
    nodes.push(categoryNode(category));
    for (const entry of inside) {
      try {
        nodes.push(questionNode(entry));
      } catch (error) {
        if (error instanceof QuestionExportError) skipped.push(error);
        else throw error;
      }
    }
  }
  const builder = new Builder({ cdata: true, xmldec: { version: '1.0', encoding: 'UTF-8' }, renderOpts: { pretty: true, indent: '  ', newline: '\n' } });
  return { text: `${builder.buildObject({ quiz: { question: nodes } })}\n`, skipped };
}
