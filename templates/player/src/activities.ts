/** Every activity kind, interactive, with feedback, keyboard first. */
import { questionResponse, reflectionRecord } from './cmi.ts';
import { h, html, uid } from './dom.ts';
import { gaps, isAnswered, isCorrect, list, orderOf } from './grading.ts';
import { wordBank, type LearnerActivity, type LearnerModule, type LearnerQuestion, type LearnerQuiz } from './model.ts';
import { normaliseText, type Answer, type PlayerState } from './state.ts';
import type { Tracker } from './tracker.ts';

export interface Ctx {
  model: LearnerModule;
  state: PlayerState;
  t: (key: string, vars?: Record<string, string | number>) => string;
  announce: (message: string) => void;
  tracker: Tracker;
  /** State changed: store it and refresh progress. */
  changed: () => void;
}

const startedAt = new Map<string, number>();
const since = (id: string) => startedAt.get(id) ?? Date.now();
const touch = (id: string) => {
  if (!startedAt.has(id)) startedAt.set(id, Date.now());
};

const plain = (markup: string) => {
  const div = document.createElement('div');
  div.innerHTML = markup;
  return (div.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 250);
};

function recordQuestion(ctx: Ctx, question: LearnerQuestion, weighting: number, competences: string[]): boolean {
  const answer = ctx.state.answers[question.id];
  const correct = isCorrect(question, answer);
  if (ctx.tracker.conn) {
    const { type, response, pattern } = questionResponse(question, answer, ctx.tracker.conn.version);
    ctx.tracker.record({ id: question.id, type, response, pattern, result: correct ? 'correct' : 'wrong', weighting, objectives: question.competences.length ? question.competences : competences, description: plain(question.stemHtml) }, since(question.id));
  }
  startedAt.set(question.id, Date.now());
  return correct;
}

function feedbackBox(): HTMLElement {
  return h('div', { class: 'fb', role: 'status' });
}

function showQuestionFeedback(ctx: Ctx, box: HTMLElement, question: LearnerQuestion, withDetails: boolean): void {
  const answer = ctx.state.answers[question.id];
  const correct = isCorrect(question, answer);
  box.className = `fb ${correct ? 'ok' : 'ko'}`;
  const parts: HTMLElement[] = [h('p', { class: 'verdict' }, ctx.t(correct ? 'correct' : 'incorrect'))];
  if (withDetails && (question.kind === 'single-choice' || question.kind === 'multiple-choice')) {
    for (const option of question.options) if (option.feedback && list(answer).includes(option.id)) parts.push(html('div', option.feedback));
  }
  const general = correct ? question.feedback.correct : question.feedback.incorrect;
  if (withDetails && general) parts.push(html('div', general));
  box.replaceChildren(...parts);
}

/** Inputs of a question, bound to the state. `locked` disables them (a submitted quiz). */
function questionBody(ctx: Ctx, question: LearnerQuestion, locked: boolean, onChange?: () => void): HTMLElement {
  const { state, t, model } = ctx;
  const id = question.id;
  const stemId = uid('stem');
  const set = (answer: Answer) => {
    touch(id);
    state.answers[id] = answer;
    ctx.changed();
    onChange?.();
  };
  const group = h('div', { class: 'q', role: 'group', 'aria-labelledby': stemId });
  group.append(html('div', question.stemHtml, { id: stemId, class: 'stem' }));
  const gapInputs = (textHtml: string, make: (index: number) => HTMLElement) => {
    const body = html('div', textHtml, { class: 'gaps' });
    body.querySelectorAll('[data-blank]').forEach((marker) => marker.replaceWith(make(Number(marker.getAttribute('data-blank')))));
    return body;
  };
  switch (question.kind) {
    case 'single-choice':
    case 'multiple-choice':
    case 'true-false': {
      const multiple = question.kind === 'multiple-choice';
      const options = question.kind === 'true-false'
        ? [{ id: 't', html: t('true') }, { id: 'f', html: t('false') }]
        : question.options;
      const chosen = list(state.answers[id]);
      const name = uid('opt');
      const ul = h('ul', { class: 'opts', role: 'list' });
      for (const option of options) {
        const input = h('input', { type: multiple ? 'checkbox' : 'radio', name, value: option.id, checked: chosen.includes(option.id), disabled: locked }) as HTMLInputElement;
        input.addEventListener('change', () => {
          const values = [...ul.querySelectorAll('input')].filter((i) => (i as HTMLInputElement).checked).map((i) => (i as HTMLInputElement).value);
          set(values.join(','));
        });
        // A submitted answer stays as legible as before: the chosen option is marked, not greyed.
        const label = h('label', { class: locked && chosen.includes(option.id) ? 'chosen' : false }, input, ' ');
        label.append(html('span', option.html));
        ul.append(h('li', {}, label));
      }
      group.append(ul);
      break;
    }
    case 'fill-blanks': {
      const values = gaps(state.answers[id], question.blanks.length);
      const inputs: HTMLInputElement[] = [];
      group.append(gapInputs(question.textHtml, (index) => {
        const input = h('input', { type: 'text', class: 'gap', 'aria-label': t('gap', { n: index + 1 }), maxlength: model.limits.blankMax, value: values[index] ?? '', disabled: locked, autocomplete: 'off', spellcheck: 'false' }) as HTMLInputElement;
        input.addEventListener('input', () => set(question.blanks.map((_, i) => normaliseText(inputs[i]?.value ?? '', model.limits.blankMax))));
        inputs[index] = input;
        return input;
      }));
      break;
    }
    case 'drag-words': {
      const bank = wordBank(question);
      const order = bank.map((word, index) => ({ word, index })).sort((a, b) => a.word.localeCompare(b.word, model.locale));
      const values = gaps(state.answers[id], question.blanks.length);
      const selects: HTMLSelectElement[] = [];
      group.append(h('p', { class: 'bank' }, t('bank'), ' ', order.map((o) => o.word).join(' · ')));
      group.append(gapInputs(question.textHtml, (index) => {
        const select = h('select', { class: 'gap', 'aria-label': t('gap', { n: index + 1 }), disabled: locked },
          h('option', { value: '' }, '—'),
          ...order.map((o) => h('option', { value: o.index, selected: values[index] === String(o.index) }, o.word))) as HTMLSelectElement;
        select.addEventListener('change', () => set(question.blanks.map((_, i) => selects[i]?.value ?? '').join(',')));
        selects[index] = select;
        return select;
      }));
      break;
    }
    case 'matching': {
      const values = gaps(state.answers[id], question.pairs.length);
      const rights = [...question.pairs].sort((a, b) => a.right.localeCompare(b.right, model.locale));
      const selects: HTMLSelectElement[] = [];
      const rows = question.pairs.map((pair, index) => {
        const selectId = uid('match');
        const select = h('select', { id: selectId, disabled: locked },
          h('option', { value: '' }, t('choose')),
          ...rights.map((r) => h('option', { value: r.rightId, selected: values[index] === r.rightId }, r.right))) as HTMLSelectElement;
        select.addEventListener('change', () => set(selects.map((s) => s.value).join(',')));
        selects[index] = select;
        return h('li', {}, h('label', { for: selectId }, pair.left), select);
      });
      group.append(h('p', { class: 'cols' }, `${question.labels.left} → ${question.labels.right}`), h('ul', { class: 'match', role: 'list' }, ...rows));
      break;
    }
    case 'ordering': {
      const ol = h('ol', { class: 'order' });
      const draw = (focusId?: string, direction?: 'up' | 'down') => {
        const order = orderOf(question, state.answers[id]);
        ol.replaceChildren(...order.map((itemId, index) => {
          const item = question.items.find((i) => i.id === itemId)!;
          const move = (delta: number) => {
            const next = [...order];
            [next[index], next[index + delta]] = [next[index + delta]!, next[index]!];
            set(next.join(','));
            draw(itemId, delta < 0 ? 'up' : 'down');
            ctx.announce(t('moved', { item: item.text, n: index + delta + 1, total: order.length }));
          };
          const up = h('button', { type: 'button', class: 'mv', 'data-dir': 'up', 'aria-label': `${t('up')}: ${item.text}`, disabled: locked || index === 0 }, '↑');
          const down = h('button', { type: 'button', class: 'mv', 'data-dir': 'down', 'aria-label': `${t('down')}: ${item.text}`, disabled: locked || index === order.length - 1 }, '↓');
          up.addEventListener('click', () => move(-1));
          down.addEventListener('click', () => move(1));
          return h('li', { 'data-id': itemId }, h('div', { class: 'it' }, h('span', {}, item.text), h('span', { class: 'mvs' }, up, down)));
        }));
        if (focusId) {
          const li = ol.querySelector(`[data-id="${focusId}"]`)!;
          const wanted = li.querySelector(`[data-dir="${direction}"]`) as HTMLButtonElement;
          (wanted.disabled ? (li.querySelector('button:not([disabled])') as HTMLButtonElement) : wanted)?.focus();
        }
      };
      draw();
      if (state.answers[id] === undefined) state.answers[id] = orderOf(question, undefined).join(',');
      group.append(ol);
      break;
    }
  }
  return group;
}

function practiceQuestion(ctx: Ctx, question: LearnerQuestion): HTMLElement {
  touch(question.id);
  const box = feedbackBox();
  const check = h('button', { type: 'button', class: 'btn' }, ctx.t('check'));
  check.addEventListener('click', () => {
    if (!isAnswered(question, ctx.state.answers[question.id])) {
      box.className = 'fb ko';
      box.replaceChildren(h('p', {}, ctx.t('answerFirst')));
      return;
    }
    recordQuestion(ctx, question, 0, question.competences);
    ctx.state.checked.add(question.id);
    showQuestionFeedback(ctx, box, question, true);
    ctx.changed();
  });
  if (ctx.state.checked.has(question.id)) showQuestionFeedback(ctx, box, question, true);
  // A changed answer makes the old verdict stale: clear it until the next check.
  const clear = () => box.replaceChildren();
  // Named by its own stem, so each practice region on a page has a name of its own.
  const body = questionBody(ctx, question, false, clear);
  const kickerId = uid('practice');
  const stemId = body.querySelector('.stem')?.id ?? '';
  return h('section', { class: 'act', 'aria-labelledby': `${kickerId} ${stemId}`.trim() }, h('p', { class: 'qn', id: kickerId }, ctx.t('practice')), body, check, box);
}

function quiz(ctx: Ctx, activity: LearnerQuiz): HTMLElement {
  const { t, state, model } = ctx;
  const headingId = uid('quiz');
  const section = h('section', { class: 'act quiz', 'aria-labelledby': headingId });
  const draw = (focus: 'heading' | 'result' | false) => {
    const record = state.quizzes[activity.id] ?? [0, 0, 0];
    const submitted = record[2] === 1;
    const heading = h('h2', { id: headingId, tabindex: -1 }, activity.title);
    const parts: HTMLElement[] = [heading];
    if (activity.introHtml) parts.push(html('div', activity.introHtml));
    parts.push(h('p', { class: 'note' }, t('attempts', { used: record[0], max: model.limits.maxAttempts })));
    const boxes = new Map<string, HTMLElement>();
    activity.questions.forEach((question, index) => {
      touch(question.id);
      const box = feedbackBox();
      boxes.set(question.id, box);
      if (submitted) showQuestionFeedback(ctx, box, question, false);
      parts.push(h('div', { class: 'qz' }, h('h3', { class: 'qn' }, t('questionOf', { n: index + 1, total: activity.questions.length })), questionBody(ctx, question, submitted), box));
    });
    const result = h('div', { class: 'fb', role: 'status', tabindex: -1 });
    if (submitted) {
      const correct = activity.questions.filter((q) => isCorrect(q, state.answers[q.id])).length;
      const score = Math.round((10000 * correct) / Math.max(1, activity.questions.length)) / 100;
      const pass = score >= activity.passMark;
      result.className = `fb ${model.diagnostic ? '' : pass ? 'ok' : 'ko'}`;
      result.append(h('p', { class: 'verdict' }, t(model.diagnostic ? 'diagScore' : 'quizScore', { score, pass: activity.passMark })));
      const message = model.diagnostic ? undefined : pass ? activity.feedback.pass : activity.feedback.fail;
      if (message) result.append(html('div', message));
      const left = model.limits.maxAttempts - record[0];
      if (correct < activity.questions.length && left > 0) {
        const retry = h('button', { type: 'button', class: 'btn' }, t('retry', { n: left }));
        retry.addEventListener('click', () => {
          for (const q of activity.questions) {
            delete state.answers[q.id];
            startedAt.set(q.id, Date.now());
          }
          state.quizzes[activity.id] = [record[0], record[1], 0];
          ctx.changed();
          draw('heading');
        });
        result.append(retry);
      } else if (left <= 0) result.append(h('p', {}, t('noAttempts')));
    } else {
      const submit = h('button', { type: 'button', class: 'btn' }, t('submit'));
      submit.addEventListener('click', () => {
        const missing = activity.questions.filter((q) => !isAnswered(q, state.answers[q.id])).length;
        if (missing) {
          result.className = 'fb ko';
          result.replaceChildren(h('p', {}, t('missing', { n: missing })));
          return;
        }
        const correct = activity.questions.filter((q) => recordQuestion(ctx, q, 1, activity.competences)).length;
        state.quizzes[activity.id] = [record[0] + 1, Math.max(record[1], correct), 1];
        ctx.changed();
        draw('result');
      });
      parts.push(submit);
    }
    parts.push(result);
    section.replaceChildren(...parts);
    if (focus === 'heading') heading.focus();
    if (focus === 'result') result.focus();
  };
  draw(false);
  return section;
}

function selfAssessment(ctx: Ctx, activity: Extract<LearnerActivity, { kind: 'self-assessment' }>): HTMLElement {
  const { t, state } = ctx;
  touch(activity.id);
  const values = gaps(state.answers[activity.id], activity.statements.length);
  const promptId = uid('sa');
  const box = feedbackBox();
  const groups = activity.statements.map((statement, index) => {
    const name = uid('lk');
    const fieldset = h('fieldset', { class: 'likert' }, h('legend', {}, statement.text));
    activity.scale.forEach((label, point) => {
      const input = h('input', { type: 'radio', name, value: point + 1, checked: values[index] === String(point + 1) }) as HTMLInputElement;
      input.addEventListener('change', () => {
        values[index] = input.value;
        state.answers[activity.id] = values.join(',');
        ctx.changed();
      });
      fieldset.append(h('label', {}, input, ` ${label}`));
    });
    return fieldset;
  });
  const save = h('button', { type: 'button', class: 'btn' }, t('save'));
  save.addEventListener('click', () => {
    if (values.some((v) => v === '')) {
      box.replaceChildren(h('p', {}, t('answerAll')));
      return;
    }
    activity.statements.forEach((statement, index) =>
      ctx.tracker.record({ id: `${activity.id}.${statement.id}`, type: 'likert', response: values[index]!, result: 'neutral', weighting: 0, objectives: [statement.competence], description: statement.text.slice(0, 250) }, since(activity.id)));
    state.checked.add(activity.id);
    box.replaceChildren(h('p', {}, t('saved')));
    ctx.changed();
  });
  if (state.checked.has(activity.id)) box.append(h('p', {}, t('saved')));
  return h('section', { class: 'act', 'aria-labelledby': promptId }, html('div', activity.promptHtml, { id: promptId }), h('p', { class: 'note' }, t('selfNote')), ...groups, save, box);
}

function reflection(ctx: Ctx, activity: Extract<LearnerActivity, { kind: 'reflection' }>): HTMLElement {
  const { t, state, model } = ctx;
  touch(activity.id);
  const promptId = uid('rf');
  const countId = uid('rfc');
  const box = feedbackBox();
  const max = model.limits.reflectionMax;
  const area = h('textarea', { 'aria-labelledby': promptId, 'aria-describedby': countId, rows: 5, maxlength: max }) as HTMLTextAreaElement;
  area.value = typeof state.answers[activity.id] === 'string' ? (state.answers[activity.id] as string) : '';
  const words = () => area.value.trim().split(/\s+/).filter(Boolean).length;
  const count = h('p', { id: countId, class: 'note' });
  const refresh = () => (count.textContent = `${t('words', { n: words() })}${activity.minWords ? ` · ${t('minWords', { n: activity.minWords })}` : ''} · ${t('maxChars', { n: max })}`);
  refresh();
  area.addEventListener('input', () => {
    state.answers[activity.id] = normaliseText(area.value, max);
    refresh();
  });
  area.addEventListener('change', () => ctx.changed());
  const save = h('button', { type: 'button', class: 'btn' }, t('save'));
  save.addEventListener('click', () => {
    if (activity.minWords && words() < activity.minWords) {
      box.replaceChildren(h('p', {}, t('minWords', { n: activity.minWords })));
      return;
    }
    const text = normaliseText(area.value, max);
    state.answers[activity.id] = text;
    const version = ctx.tracker.conn?.version;
    if (version) ctx.tracker.record({ id: activity.id, ...reflectionRecord(text, version), result: 'neutral', weighting: 0, objectives: activity.competences }, since(activity.id));
    state.checked.add(activity.id);
    box.replaceChildren(h('p', {}, t('saved')));
    ctx.changed();
  });
  if (state.checked.has(activity.id)) box.append(h('p', {}, t('saved')));
  return h('section', { class: 'act', 'aria-labelledby': promptId }, html('div', activity.promptHtml, { id: promptId }), area, count, save, box);
}

export function renderActivity(activity: LearnerActivity, ctx: Ctx): HTMLElement {
  const { t } = ctx;
  switch (activity.kind) {
    case 'quiz':
      return quiz(ctx, activity);
    case 'self-assessment':
      return selfAssessment(ctx, activity);
    case 'reflection':
      return reflection(ctx, activity);
    case 'face-to-face': {
      const headingId = uid('f2f');
      return h('aside', { class: 'act f2f', 'aria-labelledby': headingId },
        h('h2', { id: headingId }, `${t('f2f')}: ${activity.title}`),
        h('p', { class: 'note' }, `${t(activity.mode)} · ${t('minutes', { n: activity.durationMinutes })}`),
        html('div', activity.learnerHtml));
    }
    default:
      return practiceQuestion(ctx, activity);
  }
}
