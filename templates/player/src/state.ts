/**
 * Learner state and its suspend_data encoding (version 1, see docs/tracking.md). Shared by the
 * player and by the build, which computes each module's worst case with the same encoder.
 */
import { allActivities, pageKeys, wordBank, type LearnerActivity, type LearnerModule } from './model.ts';

export type Answer = string | string[];

export interface PlayerState {
  /** One flag per page, in page order. */
  seen: boolean[];
  answers: Record<string, Answer>;
  /** Practice questions checked, self-assessments and reflections saved. */
  checked: Set<string>;
  /** Per quiz: attempts submitted, best correct count, current answers submitted (0/1). */
  quizzes: Record<string, [number, number, number]>;
}

export const SUSPEND_VERSION = 1;
export const SCORM12_SUSPEND_LIMIT = 4096;

export function emptyState(model: LearnerModule): PlayerState {
  return { seen: pageKeys(model).map(() => false), answers: {}, checked: new Set(), quizzes: {} };
}

export function encodeState(state: PlayerState): string {
  return JSON.stringify({
    v: SUSPEND_VERSION,
    s: state.seen.map((seen) => (seen ? '1' : '0')).join(''),
    a: state.answers,
    k: [...state.checked].join(','),
    z: state.quizzes,
  });
}

/** Reads suspend_data; anything unreadable or of another version gives a fresh state. Unknown ids are dropped. */
export function decodeState(model: LearnerModule, text: string | null | undefined): PlayerState {
  const state = emptyState(model);
  if (!text) return state;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return state;
  }
  if (!raw || typeof raw !== 'object') return state;
  const data = raw as { v?: unknown; s?: unknown; a?: unknown; k?: unknown; z?: unknown };
  if (data.v !== SUSPEND_VERSION) return state;
  const known = new Map(allActivities(model).map((activity) => [activity.id, activity]));
  if (typeof data.s === 'string') state.seen = state.seen.map((_, index) => (data.s as string)[index] === '1');
  if (data.a && typeof data.a === 'object') {
    for (const [id, value] of Object.entries(data.a as Record<string, unknown>)) {
      if (!known.has(id)) continue;
      if (typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))) state.answers[id] = value;
    }
  }
  if (typeof data.k === 'string') for (const id of data.k.split(',')) if (known.has(id)) state.checked.add(id);
  if (data.z && typeof data.z === 'object') {
    for (const [id, value] of Object.entries(data.z as Record<string, unknown>)) {
      if (known.get(id)?.kind !== 'quiz' || !Array.isArray(value) || value.length !== 3) continue;
      if (value.every((n) => Number.isInteger(n) && n >= 0)) state.quizzes[id] = value as [number, number, number];
    }
  }
  return state;
}

/** Removes what would make a text longer once JSON-escaped than twice its length. */
export function normaliseText(text: string, max: number): string {
  let out = '';
  for (const char of text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')) {
    // Iterating by code point leaves lone surrogates as single units: drop them.
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) continue;
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

/** The longest answer the player can store for an activity (text inputs full of `"`). */
function worstAnswer(activity: LearnerActivity, model: LearnerModule): Answer | undefined {
  const longest = (ids: string[]) => ids.reduce((a, b) => (b.length > a.length ? b : a), '');
  const fill = (n: number) => '"'.repeat(n);
  switch (activity.kind) {
    case 'single-choice':
      return longest(activity.options.map((o) => o.id));
    case 'multiple-choice':
      return activity.options.map((o) => o.id).join(',');
    case 'true-false':
      return 't';
    case 'fill-blanks':
      return activity.blanks.map(() => fill(model.limits.blankMax));
    case 'drag-words': {
      const last = String(wordBank(activity).length - 1);
      return activity.blanks.map(() => last).join(',');
    }
    case 'matching': {
      const right = longest(activity.pairs.map((p) => p.rightId));
      return activity.pairs.map(() => right).join(',');
    }
    case 'ordering':
      return activity.items.map((item) => item.id).join(',');
    case 'self-assessment':
      return activity.statements.map(() => String(activity.scale.length)).join(',');
    case 'reflection':
      return fill(model.limits.reflectionMax);
    default:
      return undefined;
  }
}

/** The state with every page seen, every activity answered at its longest and every quiz at its last attempt. */
export function worstCaseState(model: LearnerModule): PlayerState {
  const state = emptyState(model);
  state.seen = state.seen.map(() => true);
  for (const activity of allActivities(model)) {
    const answer = worstAnswer(activity, model);
    if (answer !== undefined) state.answers[activity.id] = answer;
    if (activity.kind === 'quiz') state.quizzes[activity.id] = [model.limits.maxAttempts, activity.questions.length, 1];
    else if (activity.kind !== 'face-to-face') state.checked.add(activity.id);
  }
  for (const activity of allActivities(model)) if (activity.kind === 'quiz') for (const q of activity.questions) state.checked.delete(q.id);
  return state;
}

export function worstCaseLength(model: LearnerModule): number {
  return encodeState(worstCaseState(model)).length;
}

