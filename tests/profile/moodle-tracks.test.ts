/**
 * Pulling the diagnostic SCO's tracks from Moodle, against a fake call that answers with the
 * responses recorded from a real Moodle (../shared/moodle-recorded), then profiling them.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { subContentId } from '../../scripts/h5p/ids.ts';
import { pullAssessmentH5pResults, pullAssessmentTracks, type MoodleCall } from '../../scripts/profile/moodle-tracks.ts';
import { readResultsFile } from '../../scripts/profile/read-results.ts';
import { runProfiles } from '../../scripts/profile/run.ts';
import { profileProgramme } from './fixture.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const recorded = path.resolve(repoRoot, '../shared/moodle-recorded');
const hasRecorded = existsSync(path.join(recorded, '0950_mod_scorm_get_scorm_sco_tracks.json'));
if (!hasRecorded) console.warn('tests/profile/moodle-tracks.test.ts: skipped, ../shared/moodle-recorded is not there.');

const response = (file: string) => JSON.parse(readFileSync(path.join(recorded, file), 'utf8')).response as Record<string, unknown>;

describe.skipIf(!hasRecorded)('pullAssessmentTracks', () => {
  it('turns recorded Moodle responses into the scorm results format, latest attempt per learner, and profiles them', async () => {
    const scoes = response('0820_mod_scorm_get_scorm_scoes.json');
    const count = response('0940_mod_scorm_get_scorm_attempt_count.json');
    const tracks = response('0950_mod_scorm_get_scorm_sco_tracks.json') as { data: { attempt: number; tracks: Array<{ element: string; value: unknown }> } };
    // The recorded attempt holds no interactions; add the diagnostic's, as the player writes them.
    const withInteractions = {
      ...tracks,
      data: {
        ...tracks.data,
        tracks: [
          ...tracks.data.tracks,
          { element: 'cmi.interactions.0.id', value: 'diag-sa.1' },
          { element: 'cmi.interactions.0.student_response', value: '4' },
          { element: 'cmi.interactions.0.result', value: 'neutral' },
          { element: 'cmi.interactions.1.id', value: 'diag-q1' },
          { element: 'cmi.interactions.1.student_response', value: 'b' },
          { element: 'cmi.interactions.1.result', value: 'wrong' },
        ],
      },
    };
    const calls: Array<[string, Record<string, unknown>]> = [];
    const call: MoodleCall = async (fn, params) => {
      calls.push([fn, params]);
      if (fn === 'mod_scorm_get_scorm_scoes') return scoes;
      if (fn === 'mod_scorm_get_scorm_attempt_count') return params.userid === 3 ? count : { attemptscount: 0, warnings: [] };
      if (fn === 'mod_scorm_get_scorm_sco_tracks') return withInteractions;
      throw new Error(`unexpected ${fn}`);
    };
    const file = await pullAssessmentTracks(call, 5, [
      { userId: 3, learnerId: 'CO-1', name: 'Ana', variant: 'co' },
      { userId: 4, learnerId: 'CO-2', variant: 'co' },
    ]);
    expect(calls).toEqual([
      ['mod_scorm_get_scorm_scoes', { scormid: 5 }],
      ['mod_scorm_get_scorm_attempt_count', { scormid: 5, userid: 3 }],
      ['mod_scorm_get_scorm_sco_tracks', { scoid: 8, userid: 3, attempt: 1 }],
      ['mod_scorm_get_scorm_attempt_count', { scormid: 5, userid: 4 }],
    ]);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-moodle-tracks-'));
    const results = path.join(dir, 'tracks.json');
    writeFileSync(results, JSON.stringify(file));
    const read = await readResultsFile(results, undefined, 'tracks.json');
    expect(read.learners.map((l) => [l.learnerId, l.interactions.map((i) => i.id)])).toEqual([['CO-1', ['diag-sa.1', 'diag-q1']], ['CO-2', []]]);

    // CO-2 never opened the package: reported, not a zero.
    const programme = profileProgramme('co', dir);
    const result = await runProfiles({ resultsFile: results, outDir: path.join(dir, 'out'), programmes: [programme], skipInvalid: true });
    expect(result.skipped).toMatchObject([{ kind: 'no-data', learnerId: 'CO-2' }]);
    const c11 = result.profiles[0]!.areas[0]!.competences.find((c) => c.competenceId === 'C1.1')!;
    expect(c11).toMatchObject({ knowledge: { value: 0, answered: 1 }, confidence: { value: 1 }, gaps: ['knowledge', 'over-confidence'] });
  });

  it('refuses a SCORM activity without a SCO', async () => {
    await expect(pullAssessmentTracks(async () => ({ scoes: [{ id: 7, scormtype: '' }] }), 9, [])).rejects.toThrow('SCORM activity 9 has no SCO');
  });

  it('pulls H5P results (latest attempt per learner) and profiles them by sub-content id: knowledge only, confidence "no data"', async () => {
    const attempts = response('0960_mod_h5pactivity_get_attempts.json');
    const results = response('0970_mod_h5pactivity_get_results.json') as { attempts: Array<{ results: Array<Record<string, unknown>> }> };
    const template = results.attempts[0]!.results[0]!;
    const withQuestions = {
      ...results,
      attempts: [{
        ...results.attempts[0]!,
        results: [
          template, // the package's own result (empty subcontent): skipped
          { ...template, subcontent: subContentId('diag-q1'), success: 1 },
          { ...template, subcontent: subContentId('diag-q2'), success: 0, rawscore: 0 },
          { ...template, subcontent: subContentId('diag-q3'), success: null, rawscore: 2, maxscore: 2 },
        ],
      }],
    };
    const calls: Array<[string, Record<string, unknown>]> = [];
    const call: MoodleCall = async (fn, params) => {
      calls.push([fn, params]);
      if (fn === 'mod_h5pactivity_get_attempts') return attempts;
      if (fn === 'mod_h5pactivity_get_results') return withQuestions;
      throw new Error(`unexpected ${fn}`);
    };
    const file = await pullAssessmentH5pResults(call, 4, [{ userId: 3, learnerId: 'ES-1', variant: 'es' }, { userId: 4, learnerId: 'ES-2', variant: 'es' }]);
    expect(calls).toEqual([
      ['mod_h5pactivity_get_attempts', { h5pactivityid: 4, userids: [3, 4] }],
      ['mod_h5pactivity_get_results', { h5pactivityid: 4, attemptids: [1] }],
    ]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-h5p-results-'));
    const resultsFile = path.join(dir, 'h5p.json');
    writeFileSync(resultsFile, JSON.stringify(file));
    const programme = profileProgramme('es', dir);
    const result = await runProfiles({ resultsFile, outDir: path.join(dir, 'out'), programmes: [programme], skipInvalid: true });
    expect(result.skipped).toMatchObject([{ kind: 'no-data', learnerId: 'ES-2' }]);
    const competences = result.profiles[0]!.areas.flatMap((area) => area.competences);
    expect(competences.find((c) => c.competenceId === 'C1.1')).toMatchObject({ knowledge: { value: 0.5, answered: 2 }, confidence: { value: null } });
    expect(competences.find((c) => c.competenceId === 'C1.2')).toMatchObject({ knowledge: { value: 1, answered: 1 } });

    // A sub-content of another package is an unknown id, named as such.
    writeFileSync(resultsFile, JSON.stringify({ learners: [{ id: 'ES-3', attempts: [{ attempt: 1, results: [{ subcontent: subContentId('m01-sc'), success: 1 }] }] }] }));
    const error = await runProfiles({ resultsFile, outDir: path.join(dir, 'out2'), programmes: [programme] }).catch((e: unknown) => e);
    expect(String(error)).toContain(`H5P sub-content "${subContentId('m01-sc')}" is not a question of the assessment "diagnostico"`);
  });
});
