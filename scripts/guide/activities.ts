/**
 * Renders every learner block and activity as the trainer sees it: questions as answer keys with
 * their feedback, face-to-face activities with materials and steps, self-assessments and
 * reflections with their prompts.
 */
import type { Activity, Block, ChoiceOption, FaceToFace, Question, QuestionFeedback, Quiz, Reflection, SelfAssessment } from '../ir/types.ts';
import { escapeHtml } from '../html/escape.ts';
import { inlineImages } from './media.ts';
import { formatMinutes, type GuideStrings } from './strings.ts';

export interface RenderContext {
  s: GuideStrings;
  /** `C1.1 — Title` for a competence id. */
  competenceLabel(id: string): string;
  /** The current module's media as data URIs. */
  media: Map<string, string>;
  /** Image sources that could not be inlined. */
  missingMedia: string[];
}

const ACTIVITY_KINDS = new Set(['single-choice', 'multiple-choice', 'true-false', 'fill-blanks', 'drag-words', 'matching', 'ordering', 'quiz', 'self-assessment', 'reflection', 'face-to-face']);

export function isActivity(block: Block): block is Activity {
  return ACTIVITY_KINDS.has(block.kind);
}

export function renderBlock(block: Block, ctx: RenderContext): string {
  switch (block.kind) {
    case 'html':
      return `<div class="learner-content">${wrapTables(taskMarks(demoteHeadings(inlineImages(block.html, ctx.media, ctx.missingMedia))), ctx.s.table)}</div>`;
    case 'image': {
      const uri = ctx.media.get(block.src);
      if (!uri) ctx.missingMedia.push(block.src);
      const size = block.width && block.height ? ` width="${block.width}" height="${block.height}"` : '';
      const caption = block.title ? `<figcaption>${escapeHtml(block.title)}</figcaption>` : '';
      return `<figure class="learner-content figure"><img src="${escapeHtml(uri ?? block.src)}" alt="${escapeHtml(block.alt)}"${size}>${caption}</figure>`;
    }
    default:
      return renderActivity(block, ctx);
  }
}

export function renderActivity(activity: Activity, ctx: RenderContext): string {
  switch (activity.kind) {
    case 'quiz':
      return renderQuiz(activity, ctx);
    case 'self-assessment':
      return renderSelfAssessment(activity, ctx);
    case 'reflection':
      return renderReflection(activity, ctx);
    case 'face-to-face':
      return renderFaceToFace(activity, ctx);
    default:
      return `<section class="activity question" id="${activityAnchor(activity.id)}" data-activity-id="${escapeHtml(activity.id)}">${activityHeading(`${ctx.s.practice} · ${ctx.s.questionKind[activity.kind]}`, activity.id, 'h4')}${competenceLine(activity.competences, ctx)}${renderQuestionKey(activity, ctx)}</section>`;
  }
}

/**
 * Lesson HTML uses `h2`… under the player's lesson title; in the guide a lesson is an `h3`, so
 * its headings move two levels down (capped at `h6`) to keep one coherent outline.
 */
export function demoteHeadings(html: string): string {
  return html.replace(/<(\/?)h([1-6])\b/g, (_, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + 2)}`);
}

/**
 * GFM task lists arrive as disabled checkboxes with no label; in a printed guide they are only
 * marks, so they become text symbols (the item's own text follows them).
 */
/** Wraps tables of learner HTML so a narrow screen scrolls the table, not the page. */
export function wrapTables(html: string, label: string): string {
  return html.replace(/<table\b/g, `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(label)}"><table`).replace(/<\/table>/g, '</table></div>');
}

export function taskMarks(html: string): string {
  return html.replace(/<input\b[^>]*type="checkbox"[^>]*>/g, (input) => `<span class="task-mark" aria-hidden="true">${/\bchecked\b/.test(input) ? '☑' : '☐'}</span>`);
}

export function activityAnchor(id: string): string {
  return `act-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

function activityHeading(label: string, id: string, tag: 'h4' | 'h5'): string {
  return `<${tag} class="activity-title">${escapeHtml(label)} <span class="activity-id">${escapeHtml(id)}</span></${tag}>`;
}

function competenceLine(ids: string[], ctx: RenderContext): string {
  if (!ids.length) return '';
  return `<p class="meta"><span class="meta-label">${escapeHtml(ctx.s.competencesLabel)}:</span> ${ids.map((id) => escapeHtml(ctx.competenceLabel(id))).join('; ')}</p>`;
}

function feedbackList(feedback: QuestionFeedback, ctx: RenderContext): string {
  const items: string[] = [];
  if (feedback.correct) items.push(`<div class="feedback"><p class="feedback-label">${escapeHtml(ctx.s.feedbackOnCorrect)}</p>${feedback.correct}</div>`);
  if (feedback.incorrect) items.push(`<div class="feedback"><p class="feedback-label">${escapeHtml(ctx.s.feedbackOnIncorrect)}</p>${feedback.incorrect}</div>`);
  return items.join('');
}

/** One question rendered as its answer key: the stem, the right answer(s), and every feedback text. */
export function renderQuestionKey(question: Question, ctx: RenderContext): string {
  const { s } = ctx;
  const stem = `<div class="stem">${inlineImages(question.stemHtml, ctx.media, ctx.missingMedia)}</div>`;
  let key: string;
  switch (question.kind) {
    case 'single-choice':
    case 'multiple-choice':
      key = `<ul class="key-options">${question.options.map((option) => renderOption(option, ctx)).join('')}</ul>`;
      break;
    case 'true-false':
      key = `<p class="key-answer"><span class="meta-label">${escapeHtml(s.correctAnswer)}:</span> <strong>${escapeHtml(question.answer ? s.trueLabel : s.falseLabel)}</strong></p>`;
      break;
    case 'fill-blanks':
      key = `<div class="key-text">${fillGaps(question.textHtml, (index) => {
        const blank = question.blanks[index];
        if (!blank) return '<mark class="key-blank">?</mark>';
        const [first = '', ...others] = blank.answers;
        const notes = [
          ...(others.length ? [`${s.alsoAccepted}: ${others.join(', ')}`] : []),
          ...(blank.caseSensitive ? [s.caseSensitive] : []),
        ];
        return `<mark class="key-blank">${escapeHtml(first)}</mark>${notes.length ? ` <span class="key-note">(${escapeHtml(notes.join('; '))})</span>` : ''}`;
      })}</div>`;
      break;
    case 'drag-words':
      key = `<div class="key-text">${fillGaps(question.textHtml, (index) => `<mark class="key-blank">${escapeHtml(question.blanks[index]?.answer ?? '?')}</mark>`)}</div>${
        question.distractors.length ? `<p class="key-note"><span class="meta-label">${escapeHtml(s.distractors)}:</span> ${question.distractors.map(escapeHtml).join(', ')}</p>` : ''
      }`;
      break;
    case 'matching':
      key = `<table class="key-table"><caption class="visually-hidden">${escapeHtml(s.correctAnswer)}</caption><thead><tr><th scope="col">${escapeHtml(question.labels.left)}</th><th scope="col">${escapeHtml(question.labels.right)}</th></tr></thead><tbody>${question.pairs
        .map((pair) => `<tr><th scope="row">${escapeHtml(pair.left)}</th><td>${escapeHtml(pair.right)}</td></tr>`)
        .join('')}</tbody></table>`;
      break;
    case 'ordering':
      key = `<p class="meta-label">${escapeHtml(s.correctOrder)}:</p><ol class="key-order">${question.items.map((item) => `<li>${escapeHtml(item.text)}</li>`).join('')}</ol>`;
      break;
  }
  return `${stem}<div class="answer-key" aria-label="${escapeHtml(s.answerKey)}">${key}${feedbackList(question.feedback, ctx)}</div>`;
}

function renderOption(option: ChoiceOption, ctx: RenderContext): string {
  const verdict = option.correct ? ctx.s.correct : ctx.s.incorrect;
  const feedback = option.feedback ? `<div class="feedback option-feedback"><span class="feedback-label">${escapeHtml(ctx.s.feedbackOnOption)}:</span> ${option.feedback}</div>` : '';
  return `<li class="${option.correct ? 'is-correct' : 'is-incorrect'}"><span class="verdict">${option.correct ? '✔' : '✘'} ${escapeHtml(verdict)}</span> <span class="option-text">${option.html}</span>${feedback}</li>`;
}

/** Replaces the IR's `<span data-blank="N"></span>` markers with the answers. */
function fillGaps(textHtml: string, answer: (index: number) => string): string {
  return textHtml.replace(/<span data-blank="(\d+)"><\/span>/g, (_, index: string) => answer(Number(index)));
}

function renderQuiz(quiz: Quiz, ctx: RenderContext): string {
  const { s } = ctx;
  const questions = quiz.questions
    .map((question, index) => `<li class="activity question" id="${activityAnchor(question.id)}" data-activity-id="${escapeHtml(question.id)}">${activityHeading(`${index + 1}. ${s.questionKind[question.kind]}`, question.id, 'h5')}${competenceLine(question.competences, ctx)}${renderQuestionKey(question, ctx)}</li>`)
    .join('');
  const feedback = [
    quiz.feedback.pass ? `<div class="feedback"><p class="feedback-label">${escapeHtml(s.feedbackOnPass)}</p>${quiz.feedback.pass}</div>` : '',
    quiz.feedback.fail ? `<div class="feedback"><p class="feedback-label">${escapeHtml(s.feedbackOnFail)}</p>${quiz.feedback.fail}</div>` : '',
  ].join('');
  return `<section class="activity quiz" id="${activityAnchor(quiz.id)}" data-activity-id="${escapeHtml(quiz.id)}">${activityHeading(`${s.quiz}: ${quiz.title}`, quiz.id, 'h4')}<p class="meta"><span class="meta-label">${escapeHtml(s.passMark)}:</span> ${quiz.passMark} %</p>${competenceLine(quiz.competences, ctx)}${quiz.introHtml ? `<div class="learner-content">${quiz.introHtml}</div>` : ''}<ol class="quiz-questions">${questions}</ol>${feedback}</section>`;
}

function renderSelfAssessment(activity: SelfAssessment, ctx: RenderContext): string {
  const { s } = ctx;
  const scale = activity.scale.map((label, index) => `${index + 1} = ${label}`).join(' · ');
  const rows = activity.statements
    .map((statement) => `<tr><td>${escapeHtml(statement.text)}</td><td>${escapeHtml(ctx.competenceLabel(statement.competence))}</td></tr>`)
    .join('');
  return `<section class="activity self-assessment" id="${activityAnchor(activity.id)}" data-activity-id="${escapeHtml(activity.id)}">${activityHeading(s.selfAssessment, activity.id, 'h4')}<div class="learner-content">${activity.promptHtml}</div><p class="meta"><span class="meta-label">${escapeHtml(s.scale)}:</span> ${escapeHtml(scale)}</p><table class="key-table"><thead><tr><th scope="col">${escapeHtml(s.statement)}</th><th scope="col">${escapeHtml(s.competence)}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function renderReflection(activity: Reflection, ctx: RenderContext): string {
  const { s } = ctx;
  const min = activity.minWords ? `<p class="meta"><span class="meta-label">${escapeHtml(s.minWords)}:</span> ${activity.minWords}</p>` : '';
  return `<section class="activity reflection" id="${activityAnchor(activity.id)}" data-activity-id="${escapeHtml(activity.id)}">${activityHeading(s.reflection, activity.id, 'h4')}${competenceLine(activity.competences, ctx)}<div class="learner-content">${activity.promptHtml}</div>${min}</section>`;
}

export function renderFaceToFace(activity: FaceToFace, ctx: RenderContext): string {
  const { s } = ctx;
  const materials = activity.materials.length ? `<ul>${activity.materials.map((item) => `<li>${item}</li>`).join('')}</ul>` : `<p>${escapeHtml(s.noMaterials)}</p>`;
  return `<section class="activity face-to-face" id="${activityAnchor(activity.id)}" data-activity-id="${escapeHtml(activity.id)}">
<h4 class="activity-title">${escapeHtml(s.faceToFaceActivity)}: ${escapeHtml(activity.title)} <span class="activity-id">${escapeHtml(activity.id)}</span></h4>
<dl class="facts"><div><dt>${escapeHtml(s.modeLabel)}</dt><dd>${escapeHtml(s.mode[activity.mode])}</dd></div><div><dt>${escapeHtml(s.duration)}</dt><dd>${escapeHtml(formatMinutes(activity.durationMinutes, s))}</dd></div></dl>
${competenceLine(activity.competences, ctx)}
${activity.learnerHtml ? `<h5>${escapeHtml(s.learnersSee)}</h5><div class="learner-content">${activity.learnerHtml}</div>` : ''}
<h5>${escapeHtml(s.materials)}</h5>${materials}
<h5>${escapeHtml(s.steps)}</h5><div class="steps">${activity.stepsHtml}</div>
</section>`;
}

/** Every face-to-face activity of a lesson's blocks, in reading order (the format does not nest them in quizzes). */
export function faceToFaceActivities(blocks: Block[]): FaceToFace[] {
  return blocks.filter((block): block is FaceToFace => block.kind === 'face-to-face');
}
