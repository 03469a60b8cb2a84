/**
 * The wire from `wecare moodle report` to `wecare profile`: the diagnostic assessment deployed as a
 * SCORM activity in a mapped course of the sample programme, two participants' tracks in the Moodle
 * double, the report writing reports/assessment-tracks.json, and `wecare profile` reading that
 * file straight away and naming each participant's gaps.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme } from '../../../scripts/api.ts';
import { main } from '../../../scripts/cli/main.ts';
import type { ProgrammeIR, Question } from '../../../scripts/ir/types.ts';
import { buildAssessmentMap, type AssessmentMap } from '../../../scripts/profile/assessment-map.ts';
import type { LearnerProfile } from '../../../scripts/profile/types.ts';
import { createMoodleDouble, seedCourse, seedEnrolment, seedModule, seedProgress, seedUser, type MoodleDouble } from '../double/index.ts';
import { installScormTracks } from '../double/scorm-tracks.ts';
import { findAssessmentActivity } from '../../../plugin/src/report/assessment.ts';
import type { ReportPackage } from '../../../plugin/src/report/collect.ts';
import { recordedAvailable, repoRoot, sayWhetherRecorded } from '../helpers.ts';

sayWhetherRecorded();

/** The right answer in SCORM 1.2 form, as the player records it (docs/tracking.md). */
function rightResponse(question: Question): string {
  switch (question.kind) {
    case 'single-choice': return question.options.find((o) => o.correct)!.id;
    case 'multiple-choice': return question.options.filter((o) => o.correct).map((o) => o.id).join(',');
    case 'true-false': return question.answer ? 't' : 'f';
    case 'fill-blanks': return question.blanks.map((b) => b.answers[0]).join(',');
    case 'drag-words': return question.blanks.map((b) => b.answer).join(',');
    case 'matching': return question.pairs.map((p) => `${p.leftId}.${p.rightId}`).join(',');
    case 'ordering': return question.items.map((i) => i.id).join(',');
  }
}

/** SCORM 1.2 interaction tracks: confidence `confidence` (1–4) everywhere, knowledge wrong for the `wrong` competences. */
function tracksFor(map: AssessmentMap, confidence: string, wrong: Set<string>): Record<string, string> {
  const tracks: Record<string, string> = { 'cmi.core.lesson_status': 'completed' };
  [...map.items.values()].forEach((item, n) => {
    if (item.kind === 'other') return;
    tracks[`cmi.interactions.${n}.id`] = item.id;
    if (item.kind === 'confidence') {
      tracks[`cmi.interactions.${n}.student_response`] = confidence;
      tracks[`cmi.interactions.${n}.result`] = 'neutral';
    } else {
      const isWrong = item.competences.some((c) => wrong.has(c));
      tracks[`cmi.interactions.${n}.student_response`] = isWrong ? 'zzz' : rightResponse(item.question);
      tracks[`cmi.interactions.${n}.result`] = isWrong ? 'wrong' : 'correct';
    }
  });
  return tracks;
}

const saved = { url: process.env.MOODLE_URL, token: process.env.MOODLE_TOKEN };
let double: MoodleDouble;
let dir: string;
let programme: ProgrammeIR;
let map: AssessmentMap;
const wrongOf: Record<string, Set<string>> = {};
const userIdOf: Record<string, number> = {};
let diagnosticCmid: number;

async function wecare(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`), cwd: dir, isTTY: false });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wecare-assessment-tracks-'));
  programme = (await loadProgramme(repoRoot, { variants: ['co'] })).programmes[0]!;
  map = buildAssessmentMap(programme);
  const areas = programme.framework.areas;
  // CO-1 knows nothing of the first area and of the second area's first competence; CO-2 misses
  // the last competence of the last two areas.
  wrongOf['CO-1'] = new Set([...areas[0]!.competences.map((c) => c.id), areas[1]!.competences[0]!.id]);
  wrongOf['CO-2'] = new Set([areas.at(-2)!.competences.at(-1)!.id, areas.at(-1)!.competences.at(-1)!.id]);

  double = createMoodleDouble();
  const tracks = installScormTracks(double);
  const s = double.state;
  // content/programme.yaml maps variant co, fase-1 to the course WC-CO-FORMACION.
  const course = seedCourse(s, { shortname: 'formacion', idnumber: 'WC-CO-FORMACION' });
  // As `wecare moodle deploy` names it: the assessment's title. A module's SCORM beside it is not the diagnostic.
  const diagnostic = seedModule(s, { courseid: course.id, modname: 'scorm', name: programme.assessment!.title });
  const m01 = seedModule(s, { courseid: course.id, modname: 'scorm', name: programme.modules[0]!.title, section: 2 });
  diagnosticCmid = diagnostic.id;
  for (const id of ['CO-1', 'CO-2', 'CO-3']) {
    const user = seedUser(s, { username: id.toLowerCase(), idnumber: id, firstname: 'Secreto', lastname: 'Apellido', email: `${id}@private.example.org` });
    userIdOf[id] = user.id;
    seedEnrolment(s, course.id, user.id);
  }
  // CO-1 and CO-2 took the diagnostic (CO-1 twice: the latest attempt counts); CO-3 opened only module 1.
  seedProgress(s, { cmid: diagnostic.id, userid: userIdOf['CO-1']!, state: 1, attempts: [{ rawscore: 0, maxscore: 100 }, { rawscore: 0, maxscore: 100 }] });
  tracks.setTracks(diagnostic.id, userIdOf['CO-1']!, tracksFor(map, '4', new Set(map.competences.map((c) => c.competence.id))), 1);
  tracks.setTracks(diagnostic.id, userIdOf['CO-1']!, tracksFor(map, '3', wrongOf['CO-1']!), 2);
  seedProgress(s, { cmid: diagnostic.id, userid: userIdOf['CO-2']!, state: 1, attempts: [{ rawscore: 0, maxscore: 100 }] });
  tracks.setTracks(diagnostic.id, userIdOf['CO-2']!, tracksFor(map, '4', wrongOf['CO-2']!), 1);
  seedProgress(s, { cmid: m01.id, userid: userIdOf['CO-3']!, state: 1, attempts: [{ rawscore: 80, maxscore: 100 }] });

  process.env.MOODLE_URL = await double.start();
  process.env.MOODLE_TOKEN = double.token;
});

afterAll(async () => {
  await double?.stop();
  if (saved.url === undefined) delete process.env.MOODLE_URL;
  else process.env.MOODLE_URL = saved.url;
  if (saved.token === undefined) delete process.env.MOODLE_TOKEN;
  else process.env.MOODLE_TOKEN = saved.token;
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!recordedAvailable)('wecare moodle report → wecare profile', () => {
  it('writes the diagnostic tracks of the mapped course, and wecare profile names each participant\'s gaps', async () => {
    double.resetCalls();
    // --out is relative to --root (the repository here): keep the output in the temporary folder.
    const report = await wecare('moodle', 'report', '--root', repoRoot, '--out', path.join(dir, 'reports'), '--source', 'core');
    expect(report.stderr).not.toMatch(/not pulled|Error/);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('Diagnostic assessment in WC-CO-FORMACION: 2 of 3 participant(s) attempted it.');
    expect(report.stdout).toContain('wecare profile --results reports/assessment-tracks.json --format scorm');
    expect(double.contractViolations).toEqual([]);
    // Few calls: the SCO once; tracks only for the two who attempted it, at their latest attempt;
    // attempt counts only those the report itself asks for (participants who opened the course, per SCORM).
    expect(double.callCount('mod_scorm_get_scorm_scoes')).toBe(1);
    const trackCalls = double.calls.filter((c) => c.functionName === 'mod_scorm_get_scorm_sco_tracks').map((c) => [Number(c.params.userid), Number(c.params.attempt)]);
    expect(trackCalls.sort()).toEqual([[userIdOf['CO-1']!, 2], [userIdOf['CO-2']!, 1]].sort());
    expect(double.callCount('mod_scorm_get_scorm_attempt_count')).toBe(2 * 3);
    expect(double.callCount('mod_scorm_get_scorms_by_courses')).toBe(1);

    const text = await readFile(path.join(dir, 'reports/assessment-tracks.json'), 'utf8');
    expect(text).not.toMatch(/Secreto|Apellido|private\.example\.org/);
    expect(text).not.toContain(double.token);
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'wecare-scorm-tracks', version: 1, scormId: double.state.modules.get(diagnosticCmid)!.instance });
    expect(file.learners.map((l: { id: string; variant: string; attempts: unknown[] }) => [l.id, l.variant, l.attempts.length])).toEqual([['CO-1', 'co', 1], ['CO-2', 'co', 1], ['CO-3', 'co', 0]]);

    const profile = await wecare('profile', '--results', 'reports/assessment-tracks.json', '--format', 'scorm', '--root', repoRoot, '--out', 'profiles', '--skip-invalid');
    expect(profile.code).toBe(0);
    // CO-3 never took the diagnostic: named, never a silent zero.
    expect(profile.stderr).toMatch(/CO-3/);
    expect(profile.stdout).toContain('Profiled 2 learner(s) into profiles');
    const written = JSON.parse(await readFile(path.join(dir, 'profiles/profiles.json'), 'utf8')) as { learners: LearnerProfile[] };
    const gaps = (id: string, kind: string) =>
      written.learners.find((l) => l.learnerId === id)!.areas.flatMap((a) => a.competences).filter((c) => c.gaps.includes(kind as never)).map((c) => c.competenceId).sort();
    expect(gaps('CO-1', 'knowledge')).toEqual([...wrongOf['CO-1']!].sort());
    expect(gaps('CO-2', 'knowledge')).toEqual([...wrongOf['CO-2']!].sort());
    // CO-2 was very sure of what they got wrong.
    expect(gaps('CO-2', 'over-confidence')).toEqual([...wrongOf['CO-2']!].sort());
    const page = await readFile(path.join(dir, 'profiles/perfil-CO-1.html'), 'utf8');
    for (const id of wrongOf['CO-1']!) expect(page).toContain(id);
  });

  it('with the local_wecare plugin, finds the diagnostic by its deploy idnumber even when renamed in Moodle', async () => {
    const { installLocalWecare } = await import('../double/local-wecare.ts');
    installLocalWecare(double);
    const diagnostic = double.state.modules.get(diagnosticCmid)!;
    diagnostic.name = 'Diagnóstico (renombrado por el equipo)';
    diagnostic.idnumber = `wecare-co-${programme.assessment!.id}-scorm12`;
    double.resetCalls();
    const out = path.join(dir, 'plugin-reports');
    const report = await wecare('moodle', 'report', '--root', repoRoot, '--out', out);
    expect(report.code).toBe(0);
    expect(double.callCount('local_wecare_get_course_progress')).toBe(1);
    // The instance lists come in two calls; the attempt counts come from the plugin's answer.
    expect(double.callCount('mod_scorm_get_scorms_by_courses')).toBe(1);
    expect(double.callCount('mod_scorm_get_scorm_attempt_count')).toBe(0);
    expect(double.callCount('mod_scorm_get_scorm_sco_tracks')).toBe(2);
    const file = JSON.parse(await readFile(path.join(out, 'assessment-tracks.json'), 'utf8'));
    expect(file.learners.map((l: { id: string; attempts: unknown[] }) => [l.id, l.attempts.length])).toEqual([['CO-1', 1], ['CO-2', 1], ['CO-3', 0]]);
    expect(file.learners[0].attempts[0].attempt).toBe(2);
  });
});

describe.skipIf(!recordedAvailable)('wecare moodle report when the tracks cannot be read', () => {
  it('keeps the completion reports, names the failing function and exits 1', async () => {
    const bare = createMoodleDouble(); // no mod_scorm_get_scorm_scoes: like a token whose service lacks it
    const course = seedCourse(bare.state, { shortname: 'formacion', idnumber: 'WC-CO-FORMACION' });
    const diagnostic = seedModule(bare.state, { courseid: course.id, modname: 'scorm', name: programme.assessment!.title });
    const user = seedUser(bare.state, { username: 'co-9', idnumber: 'CO-9' });
    seedEnrolment(bare.state, course.id, user.id);
    seedProgress(bare.state, { cmid: diagnostic.id, userid: user.id, state: 1, attempts: [{ rawscore: 0, maxscore: 100 }] });
    const url = process.env.MOODLE_URL;
    const token = process.env.MOODLE_TOKEN;
    process.env.MOODLE_URL = await bare.start();
    process.env.MOODLE_TOKEN = bare.token;
    try {
      const out = path.join(dir, 'bare-reports');
      const report = await wecare('moodle', 'report', '--root', repoRoot, '--out', out, '--source', 'core');
      expect(report.code).toBe(1);
      expect(report.stderr).toMatch(/Diagnostic assessment not pulled: .*mod_scorm_get_scorm_scoes/);
      expect(report.stderr).not.toContain(bare.token);
      expect(report.stdout).toMatch(/Wrote .*completion\.csv/);
      expect(await readFile(path.join(out, 'completion.csv'), 'utf8')).toContain('CO-9');
      await expect(readFile(path.join(out, 'assessment-tracks.json'), 'utf8')).rejects.toThrow();
    } finally {
      await bare.stop();
      process.env.MOODLE_URL = url;
      process.env.MOODLE_TOKEN = token;
    }
  });
});

describe('findAssessmentActivity', () => {
  const assessment = { id: 'diagnostico', title: 'Diagnóstico' };
  const pkg = (cmid: number, extra: Partial<ReportPackage>): ReportPackage => ({ modname: 'scorm', instance: cmid, cmid, courseId: 1, name: `Actividad ${cmid}`, ...extra });

  it('prefers the deploy idnumber, then the package file, then the title; SCORM before H5P; only in the course asked for', () => {
    const byName = pkg(1, { name: 'Diagnóstico' });
    const byFile = pkg(2, { filename: 'diagnostico.scorm2004.zip' });
    const byIdnumber = pkg(3, { idnumber: 'wecare-co-diagnostico-scorm12' });
    const h5p = pkg(4, { modname: 'h5pactivity', idnumber: 'wecare-co-diagnostico-h5p' });
    const elsewhere = pkg(5, { courseId: 2, idnumber: 'wecare-co-diagnostico-scorm12' });
    expect(findAssessmentActivity([byName, byFile, byIdnumber, h5p, elsewhere], 1, 'co', assessment)).toBe(byIdnumber);
    expect(findAssessmentActivity([byName, byFile, h5p], 1, 'co', assessment)).toBe(byFile);
    expect(findAssessmentActivity([h5p, byName], 1, 'co', assessment)).toBe(byName);
    expect(findAssessmentActivity([h5p], 1, 'co', assessment)).toBe(h5p);
    // Another variant's idnumber, another module's package: not the diagnostic.
    expect(findAssessmentActivity([pkg(6, { idnumber: 'wecare-es-diagnostico-scorm12' }), pkg(7, { filename: 'm01.scorm12.zip' })], 1, 'co', assessment)).toBeUndefined();
  });
});
