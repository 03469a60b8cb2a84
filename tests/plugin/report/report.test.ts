import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectReport, type ReportData, type ReportRow } from '../../../plugin/src/report/collect.ts';
import { reportHtml, summarise, writeReports } from '../../../plugin/src/report/render.ts';
import { createMoodleDouble, seedCourse, seedEnrolment, seedModule, seedProgress, seedUser, type MoodleDouble } from '../double/index.ts';
import { clientFor, fixtureConfig, recordedAvailable, sayWhetherRecorded } from '../helpers.ts';

sayWhetherRecorded();
let double: MoodleDouble;
let url: string;
let out: string;

beforeAll(async () => {
  double = createMoodleDouble();
  const s = double.state;
  const m01 = seedCourse(s, { shortname: 'm01', idnumber: 'WC-CO-M01' });
  const m02 = seedCourse(s, { shortname: 'm02', idnumber: 'WC-CO-M02' });
  seedCourse(s, { shortname: 'm03', idnumber: 'WC-CO-M03' });
  seedCourse(s, { shortname: 'es1', idnumber: 'WC-ES-M01' });
  const scorm = seedModule(s, { courseid: m01.id, modname: 'scorm', name: 'Higiene de manos' });
  const h5p = seedModule(s, { courseid: m01.id, modname: 'h5pactivity', name: 'Quiz <b>1</b>', section: 2 });
  seedModule(s, { courseid: m01.id, modname: 'forum', name: 'Avisos', completion: 0, section: 0 });
  const page = seedModule(s, { courseid: m02.id, modname: 'page', name: '=Lectura', completion: 1 });
  m01.completionCriteria = [scorm.id, h5p.id];
  const users = ['CO-1', 'CO-2', 'CO-3'].map((id) => seedUser(s, { username: id.toLowerCase(), idnumber: id, firstname: 'Secret', lastname: 'Name', email: `${id}@private.example.org` }));
  for (const user of users) {
    seedEnrolment(s, m01.id, user.id);
    seedEnrolment(s, m02.id, user.id);
  }
  const withdrawn = seedUser(s, { username: 'co-4', idnumber: 'CO-4' });
  seedEnrolment(s, m01.id, withdrawn.id, { suspended: true });
  seedProgress(s, { cmid: scorm.id, userid: users[0]!.id, state: 2, graderaw: 90, attempts: [{ rawscore: 90, maxscore: 100 }] });
  seedProgress(s, { cmid: h5p.id, userid: users[0]!.id, state: 2, graderaw: 100, attempts: [{ rawscore: 1, maxscore: 1, success: 1 }, { rawscore: 0, maxscore: 1, success: 0 }] });
  seedProgress(s, { cmid: scorm.id, userid: users[1]!.id, state: 1, graderaw: 40, attempts: [{ rawscore: 40, maxscore: 100 }] });
  seedProgress(s, { cmid: page.id, userid: users[2]!.id, state: 1 });
  url = await double.start();
  out = await mkdtemp(path.join(os.tmpdir(), 'wecare-report-'));
});
afterAll(async () => {
  await double.stop();
  await rm(out, { recursive: true, force: true });
});

describe.skipIf(!recordedAvailable)('wecare moodle report against the double', () => {
  it('collects completion, scores and attempts with one grade-items call per course', async () => {
    const client = clientFor(url, double.token);
    double.resetCalls();
    const threeDaysLater = new Date((double.now + 3 * 86_400 + 60) * 1000);
    const data = await collectReport(client, fixtureConfig(), { roster: new Map([['CO-1', { intake: '2026A', group: 'A' }]]), now: threeDaysLater });
    expect(double.contractViolations).toEqual([]);
    expect(double.callCount('gradereport_user_get_grade_items')).toBe(4);
    expect(double.callCount('mod_scorm_get_scorms_by_courses')).toBe(1);
    expect(double.callCount('mod_h5pactivity_get_h5pactivities_by_courses')).toBe(1);
    // Enrolled users are asked for the needed fields only.
    const enrolledCall = double.calls.find((c) => c.functionName === 'core_enrol_get_enrolled_users')!;
    expect(JSON.stringify(enrolledCall.params)).toContain('id,idnumber,groups,lastcourseaccess');
    // SCORM attempt counts only for participants who opened the course (CO-1, CO-2).
    expect(double.callCount('mod_scorm_get_scorm_attempt_count')).toBe(2);

    expect(data.participants).toBe(3);
    const row = (id: string, activity: string) => data.rows.find((r) => r.participantId === id && r.activity === activity)!;
    expect(row('CO-1', 'Higiene de manos')).toMatchObject({ state: 'passed', score: 90, attempts: 1, intake: '2026A', variant: 'co' });
    expect(row('CO-1', 'Quiz <b>1</b>')).toMatchObject({ state: 'passed', score: 100, attempts: 2 });
    expect(row('CO-2', 'Higiene de manos')).toMatchObject({ state: 'complete', score: 40, attempts: 1 });
    expect(row('CO-3', 'Higiene de manos')).toMatchObject({ state: 'incomplete', score: null, attempts: 0 });
    expect(data.rows.some((r) => r.activity === 'Avisos')).toBe(false);
    expect(data.rows.some((r) => r.participantId === 'CO-4')).toBe(false);

    const m01 = data.courses.find((c) => c.key === 'WC-CO-M01')!;
    const m02 = data.courses.find((c) => c.key === 'WC-CO-M02')!;
    expect(m01.hasCompletionCriteria).toBe(true);
    // nocriteriaset: one probe for the course, not one call per participant.
    expect(m02.hasCompletionCriteria).toBe(false);
    expect(double.calls.filter((c) => c.functionName === 'core_completion_get_course_completion_status' && c.params.courseid === String(m02.id))).toHaveLength(1);
    expect(data.courseCompletion.find((c) => c.participantId === 'CO-1' && c.course === 'WC-CO-M01')!.completed).toBe(true);
    expect(data.courseCompletion.find((c) => c.participantId === 'CO-2' && c.course === 'WC-CO-M01')!.completed).toBe(false);
    expect(data.courseCompletion.find((c) => c.course === 'WC-CO-M02')!.completed).toBeNull();

    const { files, summary } = await writeReports(out, data);
    expect(summary.byVariant).toEqual([{ label: 'co', done: 4, total: 9, percent: 44.4 }]);
    expect(summary.stuck.find((s) => s.activity === 'Higiene de manos')).toMatchObject({ participants: ['CO-3'], idleDays: [null] });
    // CO-2 completed the SCORM at the double's clock, then stopped at the quiz.
    const atQuiz = summary.stuck.find((s) => s.activity === 'Quiz <b>1</b>')!;
    expect(atQuiz.participants).toEqual(['CO-2']);
    expect(atQuiz.idleDays).toEqual([3]);
    const [csvText, json, html] = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    expect(csvText!.split('\n')[0]).toBe('participant_id,intake,variant,group,course,activity_id,activity,type,state,score_percent,attempts,last_change');
    expect(csvText).toContain("'=Lectura");
    expect(JSON.parse(json!).courses).toHaveLength(4);
    for (const text of [csvText!, json!, html!]) {
      expect(text).not.toMatch(/Secret|private\.example\.org/);
      expect(text).not.toContain(double.token);
    }
    expect(html).toMatch(/<li><span class="label">co<\/span><svg class="bar"[^>]*>.*<rect width="44.4"/);
    expect(html).toContain('Quiz &lt;b&gt;1&lt;/b&gt;');
    expect(html).not.toMatch(/<(script|link)\b|src="http|href="http/);
  });

  it('uses local_wecare_get_course_progress when the site has it: same answers, a handful of calls', async () => {
    const { installLocalWecare } = await import('../double/local-wecare.ts');
    const client = clientFor(url, double.token);
    const core = await collectReport(client, fixtureConfig(), { source: 'core' });
    installLocalWecare(double);
    double.resetCalls();
    const fast = await collectReport(client, fixtureConfig());
    expect(fast.source).toBe('local_wecare');
    expect(double.calls.map((c) => c.functionName).filter((name) => name !== 'core_course_get_courses_by_field')).toEqual(['core_webservice_get_site_info', ...Array(4).fill('local_wecare_get_course_progress')]);
    expect(double.contractViolations).toEqual([]);
    const key = (r: { participantId: string; cmid: number }) => `${r.participantId}:${r.cmid}`;
    const pick = (rows: typeof core.rows) => rows.map((r) => ({ key: key(r), state: r.state, score: r.score })).sort((a, b) => a.key.localeCompare(b.key));
    expect(pick(fast.rows)).toEqual(pick(core.rows));
    expect(fast.courseCompletion.sort((a, b) => `${a.participantId}${a.course}`.localeCompare(`${b.participantId}${b.course}`))).toEqual(core.courseCompletion.sort((a, b) => `${a.participantId}${a.course}`.localeCompare(`${b.participantId}${b.course}`)));
  });
});

describe('where participants stop', () => {
  const row = (participantId: string, patch: Partial<ReportRow>): ReportRow => ({
    participantId, intake: '2026A', variant: 'co', group: '', course: 'WC-CO-M01', cmid: 7, activity: 'Higiene de manos', type: 'scorm',
    state: 'incomplete', score: null, attempts: 0, lastChange: null, ...patch,
  });
  const data = (rows: ReportRow[]): ReportData => ({
    generatedAt: '2026-12-07T00:00:00.000Z', rows, participants: rows.length, courseCompletion: [], moodle: { users: [] },
    courses: [{ key: 'WC-CO-M01', id: 2, shortname: 'm01', variant: 'co', hasCompletionCriteria: true, activities: [{ cmid: 7, name: 'Higiene de manos', modname: 'scorm', instance: 1, section: 1 }] }],
  });

  it('tells a participant with an attempt graded 0 and no recorded date from one who never started', () => {
    const summary = summarise(data([
      row('CO-1', { attempts: 1, score: 0 }),
      row('CO-2', {}),
      row('CO-3', { attempts: 1, score: 0, lastChange: Date.parse('2026-12-04T00:00:00Z') / 1000 }),
    ]));
    expect(summary.stuck[0]).toMatchObject({ participants: ['CO-1', 'CO-2', 'CO-3'], idleDays: [null, null, 3], started: [true, false, true] });
    const html = reportHtml(summary, 'es');
    expect(html).toContain('CO-1 <span class="idle">(ha empezado, sin fecha registrada)</span>');
    expect(html).toContain('CO-2 <span class="idle">(sin actividad)</span>');
    expect(html).toContain('CO-3 <span class="idle">(3 d)</span>');
  });
});
