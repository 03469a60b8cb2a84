/**
 * Activities from resolved directive nodes: one builder per kind. Structural problems (no correct
 * answer, an impossible question, a missing table…) are reported on the file as they are found.
 */
import type { ContainerDirective, LeafDirective } from './mdast-nodes.ts';
import type { List, ListItem, Nodes, Paragraph, Parent, PhrasingContent, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type {
  Activity, ChoiceOption, DragWords, FaceToFace, FillBlanks, Matching, MultipleChoice, Ordering, Question, QuestionFeedback, Quiz, Reflection,
  SelfAssessment, SingleChoice, SourceRef, TrueFalse,
} from '../ir/types.ts';
import { isQuestionName, splitList } from '../validate/directives.ts';
import type { Params } from '../validate/messages.ts';
import { report } from '../validate/report.ts';
import type { BlankMarker } from './mdast-nodes.ts';

export interface ActivityContext {
  file: VFile;
  /** Module pass mark, the default of quizzes. */
  passMark: number;
  /** Programme language, for default labels. */
  language: string;
  /** Builds HTML from nodes (or returns '' when only checking). */
  html(nodes: RootContent[]): string;
  /** Builds HTML from phrasing nodes, without a wrapping `<p>`. */
  inline(nodes: PhrasingContent[]): string;
  sourceRef(node: Nodes): SourceRef;
}

/** The self-assessment scale when none is written, by programme language. */
export const defaultScales: Record<string, string[]> = {
  es: ['Nada seguro', 'Poco seguro', 'Bastante seguro', 'Muy seguro'],
  en: ['Not confident', 'Slightly confident', 'Fairly confident', 'Very confident'],
};

/** The title of a quiz or face-to-face activity written without `title=`, by programme language. */
export function defaultTitle(kind: 'quiz' | 'face-to-face', language: string): string {
  if (kind === 'quiz') return language === 'en' ? 'Quiz' : 'Cuestionario';
  return language === 'en' ? 'Face-to-face activity' : 'Actividad presencial';
}

/** Text without spaces and invisible characters (zero-width spaces pasted from word processors). */
const visible = (value: string) => value.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').trim();

const letter = (index: number) => (index < 26 ? String.fromCharCode(97 + index) : `z${index}`);
const squash = (value: string) => value.replace(/\s+/g, ' ').trim();

function isDirectiveNamed(node: Nodes, name: string): node is ContainerDirective | LeafDirective {
  return (node.type === 'containerDirective' || node.type === 'leafDirective') && node.name === name;
}

function problem(context: ActivityContext, rule: 'impossible-question' | 'invalid-activity' | 'no-correct-answer', params: Params, node: Nodes) {
  report(context.file, rule, params, node.position);
}

/** Children of an activity, without its feedback leaves. */
function body(node: ContainerDirective): RootContent[] {
  return node.children.filter((child) => !isDirectiveNamed(child, 'feedback')) as RootContent[];
}

function feedbackOf(node: ContainerDirective, context: ActivityContext): Record<string, string> {
  const result: Record<string, string> = {};
  for (const child of node.children) {
    if (!isDirectiveNamed(child, 'feedback')) continue;
    const on = child.attributes?.on;
    if (!on) continue;
    const content: RootContent[] = child.type === 'leafDirective' ? [{ type: 'paragraph', children: child.children }] : (child.children as RootContent[]);
    result[on] = context.html(content);
  }
  return result;
}

function questionFeedback(node: ContainerDirective, context: ActivityContext): QuestionFeedback {
  const all = feedbackOf(node, context);
  const feedback: QuestionFeedback = {};
  if (all.correct !== undefined) feedback.correct = all.correct;
  if (all.incorrect !== undefined) feedback.incorrect = all.incorrect;
  return feedback;
}

/** HTML of an item's content: inline when it is one paragraph, block HTML otherwise. */
function itemHtml(nodes: RootContent[], context: ActivityContext): string {
  if (nodes.length === 1 && nodes[0]!.type === 'paragraph') return context.inline((nodes[0] as Paragraph).children).trim();
  return context.html(nodes);
}

function base(node: ContainerDirective, context: ActivityContext) {
  return {
    id: node.attributes?.id ?? '',
    competences: splitList(node.attributes?.competence),
    source: context.sourceRef(node),
  };
}

function choice(node: ContainerDirective, context: ActivityContext, kind: 'single-choice' | 'multiple-choice'): SingleChoice | MultipleChoice {
  const common = base(node, context);
  const children = body(node);
  const listIndex = children.findIndex((child) => child.type === 'list');
  const options: ChoiceOption[] = [];
  if (listIndex < 0) {
    problem(context, 'invalid-activity', { reason: 'no-list', id: common.id }, node);
  } else {
    const list = children[listIndex] as List;
    list.children.forEach((item: ListItem, index) => {
      const option = letter(index);
      if (item.checked === null || item.checked === undefined) {
        problem(context, 'invalid-activity', { reason: 'option-without-box', id: common.id, option }, item);
      }
      const content = item.children.filter((child) => child.type !== 'blockquote') as RootContent[];
      const quote = item.children.find((child) => child.type === 'blockquote');
      const hasImage = content.some((c) => c.type === 'paragraph' && c.children.some((p) => p.type === 'image'));
      if (!visible(toString({ type: 'root', children: content })) && !hasImage) {
        problem(context, 'impossible-question', { reason: 'empty-option', id: common.id, option }, item);
      }
      const entry: ChoiceOption = { id: option, html: itemHtml(content, context), correct: item.checked === true };
      if (quote && quote.type === 'blockquote') entry.feedback = context.html(quote.children as RootContent[]);
      options.push(entry);
    });
    const correct = options.filter((option) => option.correct).length;
    if (options.length < 2) problem(context, 'impossible-question', { reason: 'too-few-options', id: common.id, count: options.length }, node);
    else if (correct === 0) problem(context, 'no-correct-answer', { id: common.id }, node);
    else if (kind === 'single-choice' && correct > 1) problem(context, 'impossible-question', { reason: 'single-many-correct', id: common.id, count: correct }, node);
  }
  const stem = listIndex < 0 ? children : children.slice(0, listIndex);
  return { kind, ...common, stemHtml: context.html(stem), options, feedback: questionFeedback(node, context) } as SingleChoice | MultipleChoice;
}

function trueFalse(node: ContainerDirective, context: ActivityContext): TrueFalse {
  const common = base(node, context);
  const answer = node.attributes?.answer;
  if (answer !== 'true' && answer !== 'false') problem(context, 'invalid-activity', { reason: 'missing-answer', id: common.id }, node);
  const stem = body(node);
  if (!toString({ type: 'root', children: stem }).trim()) problem(context, 'invalid-activity', { reason: 'empty-prompt', id: common.id }, node);
  return { kind: 'true-false', ...common, stemHtml: context.html(stem), answer: answer === 'true', feedback: questionFeedback(node, context) };
}

interface Gap {
  answers: string[];
  caseSensitive: boolean;
}

/** Replaces each `:blank[…]` with a marker and returns the gaps in order. */
function collectBlanks(nodes: RootContent[], id: string, context: ActivityContext): { gaps: Gap[]; firstWithGap: number } {
  const gaps: Gap[] = [];
  let firstWithGap = -1;
  const visit = (parent: Parent, top: number) => {
    const children = parent.children as Nodes[];
    children.forEach((child, index) => {
      if (child.type === 'textDirective' && child.name === 'blank') {
        const answer = squash(toString(child));
        const alternatives = (child.attributes?.alt ?? '').split('|').map(squash).filter(Boolean);
        if (!answer) problem(context, 'impossible-question', { reason: 'empty-blank', id, blank: gaps.length + 1 }, child);
        const marker: BlankMarker = { type: 'blankMarker', index: gaps.length, position: child.position };
        children[index] = marker as unknown as Nodes;
        gaps.push({ answers: [answer, ...alternatives.filter((alt) => alt !== answer)], caseSensitive: child.attributes?.case === 'sensitive' });
        if (firstWithGap < 0) firstWithGap = top;
      } else if ('children' in child) {
        visit(child as Parent, top);
      }
    });
  };
  nodes.forEach((node, index) => {
    if ('children' in node) visit(node as Parent, index);
  });
  return { gaps, firstWithGap };
}

function gapped(node: ContainerDirective, context: ActivityContext, kind: 'fill-blanks' | 'drag-words'): FillBlanks | DragWords {
  const common = base(node, context);
  const children = body(node);
  const { gaps, firstWithGap } = collectBlanks(children, common.id, context);
  if (!gaps.length) problem(context, 'invalid-activity', { reason: 'no-blanks', id: common.id }, node);
  const split = firstWithGap < 0 ? children.length : firstWithGap;
  const stemHtml = context.html(children.slice(0, split));
  const textHtml = context.html(children.slice(split));
  const feedback = questionFeedback(node, context);
  if (kind === 'fill-blanks') {
    return { kind, ...common, stemHtml, textHtml, blanks: gaps.map((gap) => ({ answers: gap.answers, caseSensitive: gap.caseSensitive })), feedback };
  }
  const distractors = (node.attributes?.distractors ?? '').split('|').map(squash).filter(Boolean);
  return { kind, ...common, stemHtml, textHtml, blanks: gaps.map((gap) => ({ answer: gap.answers[0]! })), distractors, feedback };
}

function matching(node: ContainerDirective, context: ActivityContext): Matching {
  const common = base(node, context);
  const children = body(node);
  const tableIndex = children.findIndex((child) => child.type === 'table');
  const pairs: Matching['pairs'] = [];
  let labels = { left: '', right: '' };
  if (tableIndex < 0) {
    problem(context, 'invalid-activity', { reason: 'no-table', id: common.id }, node);
  } else {
    const table = children[tableIndex] as Table;
    const [header, ...rows] = table.children;
    const cells = (row: Table['children'][number]) => row.children.map((cell) => squash(toString(cell)));
    if (header) {
      const [left = '', right = ''] = cells(header);
      labels = { left, right };
    }
    rows.forEach((row, index) => {
      const [left = '', right = '', ...extra] = cells(row);
      if (!left || !right || extra.some(Boolean)) {
        problem(context, 'impossible-question', { reason: 'bad-pair', id: common.id, row: index + 1 }, row);
        return;
      }
      pairs.push({ leftId: String(pairs.length + 1), left, rightId: letter(pairs.length), right });
    });
    if (pairs.length < 2) problem(context, 'impossible-question', { reason: 'too-few-pairs', id: common.id, count: pairs.length }, node);
    for (const side of ['left', 'right'] as const) {
      const seen = new Set<string>();
      for (const pair of pairs) {
        if (seen.has(pair[side])) problem(context, 'impossible-question', { reason: 'duplicate-pair', id: common.id, text: pair[side] }, node);
        seen.add(pair[side]);
      }
    }
  }
  const stem = children.filter((_, index) => index !== tableIndex);
  return { kind: 'matching', ...common, stemHtml: context.html(stem), labels, pairs, feedback: questionFeedback(node, context) };
}

function ordering(node: ContainerDirective, context: ActivityContext): Ordering {
  const common = base(node, context);
  const children = body(node);
  const listIndex = children.findIndex((child) => child.type === 'list' && child.ordered);
  const items: Ordering['items'] = [];
  if (listIndex < 0) {
    problem(context, 'invalid-activity', { reason: 'no-ordered-list', id: common.id }, node);
  } else {
    const list = children[listIndex] as List;
    const seen = new Set<string>();
    for (const item of list.children) {
      const text = squash(toString(item));
      if (seen.has(text)) problem(context, 'impossible-question', { reason: 'duplicate-item', id: common.id, text }, item);
      seen.add(text);
      items.push({ id: String(items.length + 1), text });
    }
    if (items.length < 2) problem(context, 'impossible-question', { reason: 'too-few-items', id: common.id, count: items.length }, node);
  }
  const stem = listIndex < 0 ? children : children.slice(0, listIndex);
  return { kind: 'ordering', ...common, stemHtml: context.html(stem), items, feedback: questionFeedback(node, context) };
}

export function buildQuestion(node: ContainerDirective, context: ActivityContext): Question | undefined {
  switch (node.name) {
    case 'single-choice':
    case 'multiple-choice':
      return choice(node, context, node.name);
    case 'true-false':
      return trueFalse(node, context);
    case 'fill-blanks':
    case 'drag-words':
      return gapped(node, context, node.name);
    case 'matching':
      return matching(node, context);
    case 'ordering':
      return ordering(node, context);
    default:
      return undefined;
  }
}

const union = (...lists: string[][]) => [...new Set(lists.flat())];

function quiz(node: ContainerDirective, context: ActivityContext): Quiz {
  const common = base(node, context);
  const questions: Question[] = [];
  const intro: RootContent[] = [];
  for (const child of node.children) {
    if (child.type === 'containerDirective' && isQuestionName(child.name)) {
      const question = buildQuestion(child, context);
      if (question) {
        if (!question.competences.length) question.competences = [...common.competences];
        questions.push(question);
      }
    } else if (!isDirectiveNamed(child, 'feedback')) {
      intro.push(child as RootContent);
    }
  }
  if (!questions.length) problem(context, 'invalid-activity', { reason: 'empty-quiz', id: common.id }, node);
  const all = feedbackOf(node, context);
  const feedback: Quiz['feedback'] = {};
  if (all.pass !== undefined) feedback.pass = all.pass;
  if (all.fail !== undefined) feedback.fail = all.fail;
  const passMark = Number(node.attributes?.passMark);
  return {
    kind: 'quiz',
    ...common,
    competences: union(common.competences, ...questions.map((q) => q.competences)),
    title: node.attributes?.title?.trim() || defaultTitle('quiz', context.language),
    introHtml: context.html(intro),
    passMark: node.attributes?.passMark && Number.isInteger(passMark) && passMark >= 0 && passMark <= 100 ? passMark : context.passMark,
    questions,
    feedback,
  };
}

function selfAssessment(node: ContainerDirective, context: ActivityContext): SelfAssessment {
  const common = base(node, context);
  const children = body(node);
  const listIndex = children.findIndex((child) => child.type === 'list');
  const statements: SelfAssessment['statements'] = [];
  if (listIndex < 0) {
    problem(context, 'invalid-activity', { reason: 'no-statements', id: common.id }, node);
  } else {
    const list = children[listIndex] as List;
    list.children.forEach((item, index) => {
      let competence = '';
      const strip = (parent: Parent) => {
        parent.children = (parent.children as Nodes[]).filter((child) => {
          if (child.type === 'textDirective' && child.name === 'competence') {
            competence ||= squash(toString(child));
            return false;
          }
          if ('children' in child) strip(child as Parent);
          return true;
        }) as Parent['children'];
      };
      strip(item);
      if (!competence) problem(context, 'invalid-activity', { reason: 'statement-without-competence', id: common.id, statement: index + 1 }, item);
      statements.push({ id: String(index + 1), text: squash(toString(item)), competence });
    });
  }
  const scale = (node.attributes?.scale ?? '').split('|').map(squash).filter(Boolean);
  return {
    kind: 'self-assessment',
    ...common,
    competences: union(common.competences, statements.map((s) => s.competence).filter(Boolean)),
    promptHtml: context.html(listIndex < 0 ? children : children.filter((_, index) => index !== listIndex)),
    scale: scale.length >= 2 ? scale : (defaultScales[context.language] ?? defaultScales.es!),
    statements,
  };
}

function reflection(node: ContainerDirective, context: ActivityContext): Reflection {
  const common = base(node, context);
  const prompt = body(node);
  if (!toString({ type: 'root', children: prompt }).trim()) problem(context, 'invalid-activity', { reason: 'empty-prompt', id: common.id }, node);
  const result: Reflection = { kind: 'reflection', ...common, promptHtml: context.html(prompt) };
  const minWords = Number(node.attributes?.minWords);
  if (node.attributes?.minWords && Number.isInteger(minWords) && minWords > 0) result.minWords = minWords;
  return result;
}

function faceToFace(node: ContainerDirective, context: ActivityContext): FaceToFace {
  const common = base(node, context);
  const learner: RootContent[] = [];
  const materials: string[] = [];
  const steps: RootContent[] = [];
  for (const child of node.children) {
    if (child.type === 'containerDirective' && child.name === 'materials') {
      for (const part of child.children) {
        if (part.type === 'list') for (const item of part.children) materials.push(itemHtml(item.children as RootContent[], context));
        else materials.push(itemHtml([part as RootContent], context));
      }
    } else if (child.type === 'containerDirective' && child.name === 'steps') {
      steps.push(...(child.children as RootContent[]));
    } else {
      learner.push(child as RootContent);
    }
  }
  const duration = Number(node.attributes?.duration);
  if (!node.attributes?.duration) {
    report(context.file, 'invalid-attribute', { name: 'duration', directive: ':::face-to-face', expected: context.file.data.lang === 'es' ? 'un número entero de minutos' : 'a whole number of minutes', value: '' }, node.position);
  }
  return {
    kind: 'face-to-face',
    ...common,
    title: node.attributes?.title?.trim() || defaultTitle('face-to-face', context.language),
    mode: node.attributes?.mode === 'individual' ? 'individual' : 'collective',
    durationMinutes: Number.isInteger(duration) && duration > 0 ? duration : 0,
    learnerHtml: context.html(learner),
    materials,
    stepsHtml: context.html(steps),
  };
}

/** Builds the activity a top-level directive stands for, or undefined when it is not an activity. */
export function buildActivity(node: ContainerDirective, context: ActivityContext): Activity | undefined {
  switch (node.name) {
    case 'quiz':
      return quiz(node, context);
    case 'self-assessment':
      return selfAssessment(node, context);
    case 'reflection':
      return reflection(node, context);
    case 'face-to-face':
      return faceToFace(node, context);
    default:
      return buildQuestion(node, context);
  }
}

