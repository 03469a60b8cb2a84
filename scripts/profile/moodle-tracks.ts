/**
 * Pulls the diagnostic SCO's tracks of each learner from Moodle into the `scorm` results format of
 * docs/profile.md, with core web services only (`mod_scorm_get_scorm_scoes`,
 * `mod_scorm_get_scorm_attempt_count`, `mod_scorm_get_scorm_sco_tracks`). The Moodle call is
 * injected (e.g. `(fn, params) => client.callRaw(fn, params)` of plugin/src/moodle/client.ts), so
 * this module holds no transport, token or retry logic of its own.
 */
import type { ScormTrack } from './read-results.ts';

export type MoodleCall = (functionName: string, params: Record<string, string | number>) => Promise<unknown>;

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
