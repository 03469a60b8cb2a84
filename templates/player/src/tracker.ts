/**
 * Writes the learner's progress where it belongs: the LMS (SCORM 1.2 or 2004) or localStorage.
 * Commits only when the status or score changed, when the page is hidden, and before terminating.
 */
import { duration, resultWord, time12, timestamp2004, type InteractionRecord } from './cmi.ts';
import { connect, local, type Connection } from './lms.ts';
import type { LearnerModule } from './model.ts';
import { computeOutcome, type Outcome } from './outcome.ts';
import { decodeState, encodeState, type PlayerState } from './state.ts';

export class Tracker {
  readonly conn: Connection | null;
  private readonly started = Date.now();
  private readonly storageKey: string;
  private interactionCount = 0;
  private dirty = false;
  private lastReported = '';
  private ended = false;
  /** What the LMS already had: a relaunch never takes the learner backwards. */
  private prior = { status12: '', completion: '', success: '', score: Number.NaN };

  constructor(private readonly model: LearnerModule, win: Window) {
    this.storageKey = `wecare:${model.programmeId}:${model.variant}:${model.id}`;
    this.conn = model.lms === 'none' ? null : connect(model.lms, win);
  }

  private el(name12: string, name2004: string): string {
    return this.conn?.version === '1.2' ? name12 : name2004;
  }

  /** The bookmark and the state to resume from. */
  load(): { location: string; state: PlayerState } {
    if (!this.conn) {
      const saved = local.read(this.storageKey);
      return { location: saved.l ?? '', state: decodeState(this.model, saved.d) };
    }
    const count = Number.parseInt(this.conn.get('cmi.interactions._count'), 10);
    this.interactionCount = Number.isFinite(count) && count > 0 ? count : 0;
    if (this.conn.version === '1.2') this.prior.status12 = this.conn.get('cmi.core.lesson_status');
    else Object.assign(this.prior, { completion: this.conn.get('cmi.completion_status'), success: this.conn.get('cmi.success_status') });
    const priorScore = this.conn.get(this.el('cmi.core.score.raw', 'cmi.score.raw'));
    this.prior.score = priorScore === '' ? Number.NaN : Number(priorScore);
    const location = this.conn.get(this.el('cmi.core.lesson_location', 'cmi.location'));
    const state = decodeState(this.model, this.conn.get('cmi.suspend_data'));
    this.conn.set(this.el('cmi.core.exit', 'cmi.exit'), 'suspend');
    return { location, state };
  }

  /** Stores bookmark and state (no commit). */
  save(location: string, state: PlayerState): void {
    const data = encodeState(state);
    if (!this.conn) return local.write(this.storageKey, location, data);
    this.conn.set(this.el('cmi.core.lesson_location', 'cmi.location'), location);
    this.conn.set('cmi.suspend_data', data);
    this.dirty = true;
  }

  record(interaction: InteractionRecord, startedAt: number): void {
    const conn = this.conn;
    if (!conn) return;
    const v = conn.version;
    const base = `cmi.interactions.${this.interactionCount}.`;
    this.interactionCount += 1;
    const now = new Date();
    conn.set(`${base}id`, interaction.id);
    conn.set(`${base}type`, interaction.type);
    interaction.objectives.forEach((objective, index) => conn.set(`${base}objectives.${index}.id`, objective));
    if (v === '1.2') conn.set(`${base}time`, time12(now));
    else conn.set(`${base}timestamp`, timestamp2004(now));
    conn.set(`${base}weighting`, interaction.weighting);
    if (interaction.pattern !== undefined) conn.set(`${base}correct_responses.0.pattern`, interaction.pattern);
    // An empty response is not a valid choice/matching/sequencing value: leave it unset.
    if (interaction.response !== '') conn.set(`${base}${v === '1.2' ? 'student_response' : 'learner_response'}`, interaction.response);
    conn.set(`${base}result`, resultWord(interaction.result, v));
    conn.set(`${base}latency`, duration(now.getTime() - startedAt, v));
    if (v === '2004' && interaction.description) conn.set(`${base}description`, interaction.description);
    this.dirty = true;
  }

  /** Reports score and status; commits when either changed. */
  report(state: PlayerState): Outcome {
    const outcome = this.keepPrior(computeOutcome(this.model, state));
    const conn = this.conn;
    if (!conn) return outcome;
    const key = JSON.stringify([outcome.score, outcome.status12, outcome.completion, outcome.success, outcome.progress]);
    if (key === this.lastReported) return outcome;
    const changedStatus = this.lastReported === '' || JSON.stringify(JSON.parse(this.lastReported).slice(0, 4)) !== JSON.stringify(JSON.parse(key).slice(0, 4));
    this.lastReported = key;
    if (outcome.score !== undefined) {
      conn.set(this.el('cmi.core.score.min', 'cmi.score.min'), 0);
      conn.set(this.el('cmi.core.score.max', 'cmi.score.max'), 100);
      conn.set(this.el('cmi.core.score.raw', 'cmi.score.raw'), outcome.score);
      if (conn.version === '2004') conn.set('cmi.score.scaled', outcome.score / 100);
    }
    if (conn.version === '1.2') {
      conn.set('cmi.core.lesson_status', outcome.status12);
      conn.set('cmi.core.exit', outcome.finished ? '' : 'suspend');
    } else {
      conn.set('cmi.completion_status', outcome.completion);
      conn.set('cmi.success_status', outcome.success);
      conn.set('cmi.progress_measure', outcome.progress / 100);
      conn.set('cmi.exit', outcome.finished2004 ? 'normal' : 'suspend');
    }
    this.dirty = true;
    if (changedStatus) this.flush();
    return outcome;
  }

  /** Lost or reset state must not undo a pass, a completion or a better score the LMS recorded. */
  private keepPrior(outcome: Outcome): Outcome {
    const prior = this.prior;
    const out = { ...outcome };
    if (prior.status12 === 'passed' || (prior.status12 === 'completed' && out.status12 === 'incomplete')) out.status12 = prior.status12;
    if (prior.completion === 'completed') {
      out.completion = 'completed';
      out.progress = 100;
    }
    if (prior.success === 'passed') out.success = 'passed';
    if (Number.isFinite(prior.score) && (out.score === undefined || out.score < prior.score)) out.score = prior.score;
    out.finished = out.status12 !== 'incomplete';
    out.finished2004 = out.completion === 'completed' && (!out.hasQuiz || out.success !== 'unknown');
    return out;
  }

  /** Commits pending writes (page hidden, status change). */
  flush(): void {
    if (!this.conn || !this.dirty) return;
    this.dirty = false;
    this.conn.commit();
  }

  /** Session time, exit, commit and terminate: once. */
  end(): void {
    if (this.ended || !this.conn) return;
    this.ended = true;
    this.conn.set(this.el('cmi.core.session_time', 'cmi.session_time'), duration(Date.now() - this.started, this.conn.version));
    this.dirty = true;
    this.flush();
    this.conn.finish();
  }
}
