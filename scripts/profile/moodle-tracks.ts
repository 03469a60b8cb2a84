/**
 * Pulls the diagnostic's results of each learner from Moodle into the `scorm` or `h5p` results
 * formats of docs/profile.md, with core web services only (SCORM: `mod_scorm_get_scorm_scoes`,
 * `mod_scorm_get_scorm_attempt_count`, `mod_scorm_get_scorm_sco_tracks`; H5P:
 * `mod_h5pactivity_get_attempts`, `mod_h5pactivity_get_results`). The Moodle call is
 * injected (e.g. `(fn, params) => client.callRaw(fn, params)` of plugin/src/moodle/client.ts), so
 * this module holds no transport, token or retry logic of its own.
 */
import type { ScormTrack } from './read-results.ts';

export type MoodleCall = (functionName: string, params: Record<string, string | number | number[]>) => Promise<unknown>;

export interface MoodleLearner {
  /** Moodle user id. */
  userId: number;
  /** The programme's stable participant id (Moodle `idnumber`). */
  learnerId: string;
  name?: string;
  variant?: string;
}

export interface ScormResultsFile {
  format: 'wecare-scorm-tracks';
  version: 1;
  scormId: number;
  learners: Array<{ id: string; name?: string; variant?: string; attempts: Array<{ attempt: number; tracks: ScormTrack[] }>; tracks?: ScormTrack[] }>;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The SCO of a single-SCO package (ours always are): the one entry with `scormtype` "sco". */
export async function diagnosticScoId(call: MoodleCall, scormId: number): Promise<number> {
  const scoes = record(await call('mod_scorm_get_scorm_scoes', { scormid: scormId })).scoes;
  const sco = Array.isArray(scoes) ? scoes.map(record).find((item) => item.scormtype === 'sco') : undefined;
  if (typeof sco?.id !== 'number') throw new Error(`SCORM activity ${scormId} has no SCO: is it the diagnostic package?`);
  return sco.id;
}

/**
 * Each learner's latest attempt. A learner who never opened the package gets no attempt and empty
 * tracks, which `wecare profile` reports as "no assessment interactions" (never a silent zero).
 */
export async function pullAssessmentTracks(call: MoodleCall, scormId: number, learners: MoodleLearner[]): Promise<ScormResultsFile> {
  const scoId = await diagnosticScoId(call, scormId);
  const out: ScormResultsFile = { format: 'wecare-scorm-tracks', version: 1, scormId, learners: [] };
  for (const learner of learners) {
    const base = { id: learner.learnerId, ...(learner.name ? { name: learner.name } : {}), ...(learner.variant ? { variant: learner.variant } : {}) };
    const count = Number(record(await call('mod_scorm_get_scorm_attempt_count', { scormid: scormId, userid: learner.userId })).attemptscount ?? 0);
    if (!count) {
      out.learners.push({ ...base, attempts: [], tracks: [] });
      continue;
    }
    const data = record(record(await call('mod_scorm_get_scorm_sco_tracks', { scoid: scoId, userid: learner.userId, attempt: count })).data);
    const tracks = Array.isArray(data.tracks)
      ? data.tracks.map(record).filter((track) => typeof track.element === 'string').map((track) => ({ element: track.element as string, value: track.value }))
      : [];
    out.learners.push({ ...base, attempts: [{ attempt: Number(data.attempt ?? count), tracks }] });
  }
  return out;
}

export interface H5pResultsFile {
  format: 'wecare-h5p-results';
  version: 1;
  h5pActivityId: number;
  learners: Array<{ id: string; name?: string; variant?: string; attempts: Array<Record<string, unknown>> }>;
}

/** Ids per request, well under Moodle's `max_input_vars` (1,000 on PHP's default). */
const CHUNK = 200;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Each learner's latest H5P attempt with its per-question results. Learners without an attempt get
 * none, which `wecare profile` reports as "no assessment interactions".
 */
export async function pullAssessmentH5pResults(call: MoodleCall, h5pActivityId: number, learners: MoodleLearner[]): Promise<H5pResultsFile> {
  const latest = new Map<number, Record<string, unknown>>();
  for (const group of chunks(learners.map((learner) => learner.userId))) {
    const usersAttempts = record(await call('mod_h5pactivity_get_attempts', { h5pactivityid: h5pActivityId, userids: group })).usersattempts;
    for (const user of Array.isArray(usersAttempts) ? usersAttempts.map(record) : []) {
      const attempts = Array.isArray(user.attempts) ? user.attempts.map(record) : [];
      const last = attempts.sort((a, b) => Number(a.attempt ?? 0) - Number(b.attempt ?? 0)).at(-1);
      if (last && typeof user.userid === 'number') latest.set(user.userid, last);
    }
  }
  const withResults = new Map<number, Record<string, unknown>>();
  for (const group of chunks([...latest.values()].map((attempt) => Number(attempt.id)))) {
    const attempts = record(await call('mod_h5pactivity_get_results', { h5pactivityid: h5pActivityId, attemptids: group })).attempts;
    for (const attempt of Array.isArray(attempts) ? attempts.map(record) : []) withResults.set(Number(attempt.id), attempt);
  }
  return {
    format: 'wecare-h5p-results',
    version: 1,
    h5pActivityId,
    learners: learners.map((learner) => {
      const attempt = latest.get(learner.userId);
      const full = attempt ? withResults.get(Number(attempt.id)) : undefined;
      return { id: learner.learnerId, ...(learner.name ? { name: learner.name } : {}), ...(learner.variant ? { variant: learner.variant } : {}), attempts: full ? [full] : [] };
    }),
  };
}
