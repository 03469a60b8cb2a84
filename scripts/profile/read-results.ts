/**
 * Turns a results file into `LearnerInteractions`. Formats (docs/profile.md):
 * - `csv`: one row per interaction, exported from any LMS or spreadsheet;
 * - `json`: the same as JSON;
 * - `scorm`: SCORM run-time elements per learner, as Moodle's `mod_scorm_get_scorm_sco_tracks`
 *   returns them (`{element, value}` tracks; see moodle-tracks.ts);
 * - `h5p`: H5P attempts per learner, as Moodle's `mod_h5pactivity_get_results` returns them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCsv } from '../csv/csv.ts';
import type { ResultProblem } from './problems.ts';
import type { InteractionRecord, LearnerInteractions, RecordOrigin, ResultsFormat } from './types.ts';

export interface ReadResults {
  learners: LearnerInteractions[];
  problems: ResultProblem[];
}

/** `csv` for `.csv`/`.txt`; anything else is read as JSON and its kind (json, scorm, h5p) decided by content. */
export function guessFormat(file: string): ResultsFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  return ext === '.csv' || ext === '.txt' ? 'csv' : undefined;
}

export async function readResultsFile(file: string, format?: ResultsFormat, displayName = file): Promise<ReadResults> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : error instanceof Error ? error.message : String(error);
    return { learners: [], problems: [{ kind: 'unreadable', origin: { file: displayName }, message: `cannot read the results: ${reason}.` }] };
  }
  const chosen = format ?? guessFormat(file);
  if (chosen === 'csv') return readCsvResults(text, displayName);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { learners: [], problems: [{ kind: 'malformed', origin: { file: displayName }, message: `not valid JSON (${error instanceof Error ? error.message : String(error)}). Use --format csv for CSV files.` }] };
  }
  const detected = chosen ?? detectJsonFormat(data);
  if (detected === 'scorm') return readScormResults(data, displayName);
  if (detected === 'h5p') return readH5pResults(data, displayName);
  return readJsonResults(data, displayName);
}

// ---------------------------------------------------------------- CSV

const CSV_COLUMNS = ['learner_id', 'learner_name', 'variant', 'interaction_id', 'response', 'result', 'timestamp'] as const;
const REQUIRED_CSV = ['learner_id', 'interaction_id', 'response'] as const;

function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function readCsvResults(text: string, file: string): ReadResults {
  const problems: ResultProblem[] = [];
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text);
  } catch (error) {
    return { learners: [], problems: [{ kind: 'malformed', origin: { file }, message: `not valid CSV: ${error instanceof Error ? error.message : String(error)}.` }] };
  }
  const [header, ...rows] = parsed.records;
  if (!header) return { learners: [], problems: [{ kind: 'no-data', origin: { file }, message: 'the file is empty.' }] };
  const columns = header.cells.map(normaliseHeader);
  const missing = REQUIRED_CSV.filter((name) => !columns.includes(name));
  if (missing.length) {
    return { learners: [], problems: [{ kind: 'malformed', origin: { file, row: header.line }, message: `missing column(s) ${missing.join(', ')}. Expected a header with ${CSV_COLUMNS.join(', ')} (learner_name, variant, result and timestamp are optional).` }] };
  }
  const index = (name: string) => columns.indexOf(name);
  const learners = new Map<string, LearnerInteractions>();
  for (const row of rows) {
    const get = (name: (typeof CSV_COLUMNS)[number]) => {
      const at = index(name);
      return at >= 0 ? (row.cells[at] ?? '').trim() : '';
    };
    const origin: RecordOrigin = { file, row: row.line };
    if (row.cells.length > columns.length) {
      problems.push({ kind: 'malformed', origin, message: `${row.cells.length} cells but the header has ${columns.length} columns (an unquoted "${parsed.delimiter}" inside a value?).` });
      continue;
    }
    const learnerId = get('learner_id');
    if (!learnerId) {
      problems.push({ kind: 'malformed', origin, message: 'learner_id is empty.' });
      continue;
    }
    const learner = learners.get(learnerId) ?? { learnerId, interactions: [], origin };
    learners.set(learnerId, learner);
    const name = get('learner_name');
    const variant = get('variant');
    if (name && !learner.name) learner.name = name;
    if (variant) {
      if (learner.variant && learner.variant !== variant) problems.push({ kind: 'malformed', origin, learnerId, message: `variant "${variant}" differs from "${learner.variant}" given on an earlier row.` });
      else learner.variant = variant;
    }
    const id = get('interaction_id');
    // A row without an interaction declares a learner (e.g. an enrolled learner with no attempt).
    if (!id) continue;
    const record: InteractionRecord = { id, response: get('response'), origin };
    const result = get('result');
    const timestamp = get('timestamp');
    if (result) record.result = result;
    if (timestamp) record.timestamp = timestamp;
    learner.interactions.push(record);
  }
  return { learners: [...learners.values()], problems };
}

// ---------------------------------------------------------------- JSON

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function learnerList(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (isRecord(data) && Array.isArray(data.learners)) return data.learners;
  return undefined;
}

function learnerHeader(entry: Record<string, unknown>, origin: RecordOrigin, problems: ResultProblem[]): Omit<LearnerInteractions, 'interactions'> | undefined {
  const learnerId = text(entry.id ?? entry.learnerId ?? entry.idnumber)?.trim();
  if (!learnerId) {
    problems.push({ kind: 'malformed', origin, message: 'a learner has no "id".' });
    return undefined;
  }
  const name = text(entry.name)?.trim();
  const variant = text(entry.variant)?.trim();
  return { learnerId, origin, ...(name ? { name } : {}), ...(variant ? { variant } : {}) };
}

interface LearnerEntry {
  entry: Record<string, unknown>;
  header: Omit<LearnerInteractions, 'interactions'>;
  origin: RecordOrigin;
  learnerIndex: number;
  problems: ResultProblem[];
}

/**
 * The loop every results file shares: a list of learners, each with an id. `readInteractions`
 * turns one learner's entry into interactions, or reports a problem and returns undefined.
 */
function readLearners(data: unknown, file: string, expected: string, readInteractions: (learner: LearnerEntry) => InteractionRecord[] | undefined): ReadResults {
  const problems: ResultProblem[] = [];
  const list = learnerList(data);
  if (!list) return { learners: [], problems: [{ kind: 'malformed', origin: { file }, message: `expected ${expected} (see docs/profile.md).` }] };
  const learners: LearnerInteractions[] = [];
  list.forEach((entry, learnerIndex) => {
    const origin: RecordOrigin = { file, row: learnerIndex + 1, pointer: `learners[${learnerIndex}]` };
    if (!isRecord(entry)) return problems.push({ kind: 'malformed', origin, message: 'a learner must be an object.' });
    const header = learnerHeader(entry, origin, problems);
    if (!header) return;
    const interactions = readInteractions({ entry, header, origin, learnerIndex, problems });
    if (interactions) learners.push({ ...header, interactions });
  });
  return { learners, problems };
}

export function readJsonResults(data: unknown, file: string): ReadResults {
  return readLearners(data, file, '{"learners": [...]}', ({ entry, header, origin, learnerIndex, problems }) => {
    const interactions: InteractionRecord[] = [];
    const raw = entry.interactions ?? [];
    if (!Array.isArray(raw)) {
      problems.push({ kind: 'malformed', origin, learnerId: header.learnerId, message: '"interactions" must be a list.' });
      return undefined;
    }
    raw.forEach((item, index) => {
      const itemOrigin: RecordOrigin = { file, row: learnerIndex + 1, pointer: `learners[${learnerIndex}].interactions[${index}]` };
      const id = isRecord(item) ? text(item.id)?.trim() : undefined;
      if (!isRecord(item) || !id) return problems.push({ kind: 'malformed', origin: itemOrigin, learnerId: header.learnerId, message: 'an interaction needs an "id".' });
      const record: InteractionRecord = { id, response: text(item.response ?? item.learner_response ?? item.student_response) ?? '', origin: itemOrigin };
      const result = text(item.result);
      const timestamp = text(item.timestamp ?? item.time);
      if (result) record.result = result;
      if (timestamp) record.timestamp = timestamp;
      interactions.push(record);
    });
    return interactions;
  });
}

// ---------------------------------------------------------------- SCORM tracks

export interface ScormTrack {
  element: string;
  value: unknown;
}

/** `scorm` when learners carry SCORM tracks, `h5p` when their attempts carry H5P results, else `json`. */
function detectJsonFormat(data: unknown): ResultsFormat {
  const entries = (learnerList(data) ?? []).filter(isRecord);
  const attempts = entries.flatMap((entry) => (Array.isArray(entry.attempts) ? entry.attempts.filter(isRecord) : []));
  if (entries.some((entry) => Array.isArray(entry.tracks) || isRecord(entry.tracks)) || attempts.some((attempt) => 'tracks' in attempt)) return 'scorm';
  if (attempts.some((attempt) => Array.isArray(attempt.results))) return 'h5p';
  return 'json';
}

/**
 * The interactions in a SCORM 1.2 or 2004 track list, in `cmi.interactions.n` order. Exported
 * for `wecare moodle report`, which can hand Moodle's tracks straight to the profile.
 */
export function interactionsFromScormTracks(tracks: ScormTrack[], origin: RecordOrigin): InteractionRecord[] {
  const byIndex = new Map<number, Partial<Record<string, string>>>();
  for (const track of tracks) {
    const match = /^cmi\.interactions\.(\d+)\.(id|student_response|learner_response|result|time|timestamp)$/.exec(track.element);
    if (!match) continue;
    const n = Number(match[1]);
    const fields = byIndex.get(n) ?? {};
    fields[match[2]!] = text(track.value) ?? '';
    byIndex.set(n, fields);
  }
  return [...byIndex.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([n, fields]) => {
      if (!fields.id) return [];
      const record: InteractionRecord = { id: fields.id, response: fields.learner_response ?? fields.student_response ?? '', origin: { ...origin, pointer: `${origin.pointer ? `${origin.pointer} ` : ''}cmi.interactions.${n}` } };
      if (fields.result) record.result = fields.result;
      const when = fields.timestamp ?? fields.time;
      if (when) record.timestamp = when;
      return [record];
    });
}

function trackList(value: unknown): ScormTrack[] | undefined {
  if (Array.isArray(value)) return value.filter((track): track is ScormTrack => isRecord(track) && typeof track.element === 'string');
  if (isRecord(value)) return Object.entries(value).map(([element, v]) => ({ element, value: v }));
  return undefined;
}

export function readScormResults(data: unknown, file: string): ReadResults {
  return readLearners(data, file, '{"learners": [{"id", "tracks": [{"element", "value"}]}]}', ({ entry, header, origin, problems }) => {
    let tracks = trackList(entry.tracks);
    if (!tracks && Array.isArray(entry.attempts)) {
      // Several attempts: the latest one is the learner's current profile.
      const attempts = entry.attempts.filter(isRecord).sort((a, b) => Number(a.attempt ?? 0) - Number(b.attempt ?? 0));
      tracks = trackList(attempts.at(-1)?.tracks);
    }
    if (!tracks) {
      problems.push({ kind: 'malformed', origin, learnerId: header.learnerId, message: 'no "tracks" (SCORM elements) for this learner.' });
      return undefined;
    }
    return interactionsFromScormTracks(tracks, origin);
  });
}

// ---------------------------------------------------------------- H5P results (Moodle mod_h5pactivity)

/**
 * H5P results per learner, each attempt as `mod_h5pactivity_get_results` returns it. Every result
 * of a sub-content (`subcontent`, the UUID the H5P build derives from the activity id) becomes an
 * interaction, right when `success` is 1 (or, without `success`, when rawscore = maxscore). The
 * package's own top-level result (`subcontent` empty) is skipped. H5P has no self-assessment, so
 * these results carry knowledge only. The highest attempt is used.
 */
export function readH5pResults(data: unknown, file: string): ReadResults {
  return readLearners(data, file, '{"learners": [{"id", "attempts": [{"attempt", "results": [...]}]}]}', ({ entry, header, learnerIndex, problems }) => {
    const attempts = Array.isArray(entry.attempts) ? entry.attempts.filter(isRecord).sort((a, b) => Number(a.attempt ?? 0) - Number(b.attempt ?? 0)) : [];
    const latest = attempts.at(-1);
    const results = Array.isArray(latest?.results) ? latest.results.filter(isRecord) : [];
    const interactions: InteractionRecord[] = [];
    results.forEach((result, index) => {
      const subcontent = text(result.subcontent)?.trim();
      if (!subcontent) return;
      const success = result.success;
      const right = success === 1 || success === true ? true : success === 0 || success === false ? false : Number(result.maxscore) > 0 ? Number(result.rawscore) >= Number(result.maxscore) : undefined;
      const itemOrigin: RecordOrigin = { file, row: learnerIndex + 1, pointer: `learners[${learnerIndex}].attempts[attempt ${String(latest?.attempt ?? '?')}].results[${index}]` };
      if (right === undefined) return problems.push({ kind: 'bad-response', origin: itemOrigin, learnerId: header.learnerId, message: `H5P result for sub-content "${subcontent}" has neither success nor a score.` });
      interactions.push({ id: subcontent, idKind: 'h5p-subcontent', response: '', result: right ? 'correct' : 'wrong', origin: itemOrigin });
    });
    return interactions;
  });
}
