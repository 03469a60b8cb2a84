/**
 * The course backup, the question bank and the competency framework against a real Moodle, when
 * MOODLE_URL, MOODLE_TOKEN and MOODLE_SRC (the site's code, for its CLI scripts) are set; skipped
 * otherwise, and it says so. Needs a token whose service offers the competency functions,
 * core_user_create_users, enrol_manual_enrol_users, core_completion_get_activities_completion_status,
 * gradereport_user_get_grade_items, mod_scorm_get_scorm_scoes and mod_scorm_get_scorm_sco_tracks, and
 * PHP able to run the site's CLI as its web user.
 *
 * 1. `wecare moodle competencies --apply` twice: the second run changes nothing.
 * 2. The co backup of WC-CO-FORMACION is restored into a new course with admin/cli/restore_backup.php:
 *    sections, SCORM settings, course completion and competency links are checked.
 * 3. A new learner is enrolled, logs in with Chromium and opens module 1's SCORM activity; in the
 *    toolkit's player inside Moodle's SCORM player, the learner goes through every page and answers
 *    the module's quiz (one question only partly right) and submits it; Moodle records completion
 *    (passed), the score the player computed for those answers in the gradebook, and the SCO's status,
 *    score and one interaction per quiz question in its tracks.
 * 4. Every Moodle XML and GIFT file of the variant is imported with Moodle's own importers.
 * 5. Quizzes made from the imported questions of the diagnostic and of module 6 (tests/moodle/
 *    quiz-attempts.php, through Moodle's API as core has no web service for it) are attempted by a
 *    learner with four answer sets (tests/moodle/answer-sets.ts); Moodle's marks, per question and in
 *    total, are held to the rules docs/moodle.md states, and compared with what the player's own
 *    scoring code gives for the same answers: the kinds that grade alike and the partial credit that
 *    differs are pinned.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadProgramme } from '../../scripts/api.ts';
import { questionBank } from '../../scripts/moodle/questions/collect.ts';
import { toLearnerModule } from '../../scripts/scorm/learner-model.ts';
import { main } from '../../scripts/cli/main.ts';
import { applyCompetencyPlan } from '../../plugin/src/competencies/apply.ts';
import { courseCompetences, desiredFramework } from '../../plugin/src/competencies/desired.ts';
import { changeCount, planCompetencies } from '../../plugin/src/competencies/plan.ts';
import { loadDeployConfig } from '../../plugin/src/deploy/config.ts';
import { MoodleClient } from '../../plugin/src/moodle/client.ts';
import { answerSets, plannedAnswer, playerScores, scoredQuizzes } from './answer-sets.ts';
import { answerModuleInPlayer } from './player-driver.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const repoRoot = path.resolve(here, '../..');
const env = { url: process.env.MOODLE_URL, token: process.env.MOODLE_TOKEN, src: process.env.MOODLE_SRC };
const available = Boolean(env.url && env.token && env.src);
if (!available) console.info('moodle backup/questions/competencies: MOODLE_URL, MOODLE_TOKEN and MOODLE_SRC are not all set — the real-Moodle suite is skipped.');

const variant = 'co';
const course = 'WC-CO-FORMACION';
const run = Date.now().toString(36);

/** Runs a PHP CLI script of the site as its web user (www-data) when we are root. */
function php(args: string[]): string {
  const command = process.getuid?.() === 0 ? ['runuser', '-u', 'www-data', '--', 'php', ...args] : ['php', ...args];
  return execFileSync(command[0]!, command.slice(1), { cwd: env.src, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Imports one question file into a fresh course's question bank with Moodle's own importer; prints OK or the error. */
const importScript = `<?php
define('CLI_SCRIPT', true);
require(getenv('MOODLE_SRC') . '/config.php');
require_once($CFG->libdir . '/questionlib.php');
require_once($CFG->dirroot . '/question/format.php');
[$script, $format, $file, $courseid] = $argv;
require_once($CFG->dirroot . "/question/format/$format/format.php");
\\core\\session\\manager::set_user(get_admin());
$course = get_course((int)$courseid);
if (class_exists('\\\\core_question\\\\local\\\\bank\\\\question_bank_helper') && method_exists('\\\\core_question\\\\local\\\\bank\\\\question_bank_helper', 'get_default_open_instance_system_type')) {
  $bank = \\core_question\\local\\bank\\question_bank_helper::get_default_open_instance_system_type($course, true);
  $context = context_module::instance($bank->id);
} else {
  $context = context_course::instance($course->id);
}
$category = question_get_default_category($context->id, true);
$class = "qformat_$format";
$q = new $class();
$q->setCategory($category); $q->setContexts([$context]); $q->setCourse($course);
$q->setFilename($file); $q->setRealfilename(basename($file)); $q->setMatchgrades('error');
$q->setCatfromfile(true); $q->setContextfromfile(true); $q->setStoponerror(true);
ob_start();
$ok = $q->importpreprocess() && $q->importprocess() && $q->importpostprocess();
$out = ob_get_clean();
echo $ok ? "OK " . count($q->questionids) : "FAILED " . strip_tags($out);
`;

describe.skipIf(!available)('backup, question bank and competencies on the real Moodle at MOODLE_URL', () => {
  const client = available ? new MoodleClient({ url: env.url!, token: env.token!, allowInsecureHttp: true }) : undefined!;
  const out = mkdtempSync(path.join(os.tmpdir(), 'wecare-mbz-real-'));
  chmodSync(out, 0o755);
  let courseId = 0;
  let browser: Browser | undefined;

  /** A new learner account, enrolled as a student in the restored course. */
  async function newLearner(purpose: string): Promise<{ id: number; username: string; password: string }> {
    const username = `wc${purpose}${run}`;
    const password = 'Learner#2026pw';
    const [user] = (await client.callRaw('core_user_create_users', { users: [{ username, password, firstname: 'Ana', lastname: 'Prueba', email: `${username}@example.org`, auth: 'manual' }] })) as Array<{ id: number }>;
    await client.callRaw('enrol_manual_enrol_users', { enrolments: [{ roleid: 5, userid: user!.id, courseid: courseId }] });
    return { id: user!.id, username, password };
  }

  /**
   * Logs in through Moodle's login form; says why when Moodle refuses. The form is sent once the
   * page's own background requests are over. Now and then (3 times in about 10 runs, always a new
   * learner's first login, never reproduced alone) this Moodle answered "Invalid login" with the right
   * password, logging reason 3, which is also what a stale login token gives: as a person would,
   * the learner then tries once more on a fresh form.
   */
  async function logIn(page: Page, user: { username: string; password: string }): Promise<void> {
    let refusal = '';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await page.goto(`${env.url}/login/index.php`, { waitUntil: 'networkidle' });
      await page.fill('#username', user.username);
      await page.fill('#password', user.password);
      await Promise.all([page.waitForNavigation(), page.click('#loginbtn')]);
      if (!new URL(page.url()).pathname.endsWith('/login/index.php')) return;
      refusal = (await page.locator('.alert, #loginerrormessage').allInnerTexts()).join(' ');
    }
    throw new Error(`Moodle refused ${user.username}'s login twice: ${refusal}`);
  }

  async function sampleModule(id: string) {
    const { programmes } = await loadProgramme(repoRoot, { variants: [variant] });
    const programme = programmes[0]!;
    const module = [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])].find((m) => m.id === id)!;
    return { programme, module };
  }

  beforeAll(async () => {
    const io = { stdout: () => {}, stderr: () => {}, cwd: repoRoot, isTTY: false };
    expect(await main(['build', '--format', 'mbz,moodlexml,gift', '--variant', variant, '--out', out], io)).toBe(0);
    for (const dir of [path.join(out, variant), path.join(out, variant, 'moodle'), path.join(out, variant, 'questions')]) chmodSync(dir, 0o755);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('creates the competency framework, and a second run changes nothing', async () => {
    const { programmes } = await loadProgramme(repoRoot, { variants: ['es', 'co'] });
    const config = await loadDeployConfig(repoRoot);
    const framework = desiredFramework(programmes);
    const courses = programmes.flatMap((p) => (config.courses[p.variant.code] ?? []).map((m) => ({ course: m.course, competences: courseCompetences(p, m.modules) })));
    const plan = await planCompetencies(client, framework, courses, config.courseKey);
    const result = await applyCompetencyPlan(client, plan);
    expect(result.failure).toBeUndefined();
    const again = await planCompetencies(client, framework, courses, config.courseKey);
    expect(changeCount(again)).toBe(0);
  }, 120_000);

  it('restores the course backup into a new course with its sections, settings, completion and competency links', async () => {
    const file = path.join(out, variant, 'moodle', `${course}.mbz`);
    const log = php(['admin/cli/restore_backup.php', `--file=${file}`, '--categoryid=1']);
    courseId = Number(/Restored course ID: (\d+)/.exec(log)?.[1]);
    expect(courseId).toBeGreaterThan(0);
    const contents = (await client.callRaw('core_course_get_contents', { courseid: courseId })) as Array<{ section: number; name: string; modules: Array<{ id: number; modname: string; name: string; visible: number }> }>;
    const { programmes } = await loadProgramme(repoRoot, { variants: [variant] });
    const config = await loadDeployConfig(repoRoot);
    const modules = config.courses[variant]!.find((m) => m.course === course)!.modules;
    const titles = modules.map((id) => [...programmes[0]!.modules, programmes[0]!.assessment!].find((m) => m.id === id)!.title);
    expect(contents.slice(1).map((s) => s.name)).toEqual(titles);
    expect(contents.slice(1).every((s) => s.modules[0]?.modname === 'scorm')).toBe(true);
    expect(contents[0]!.modules.map((m) => [m.modname, m.visible])).toEqual([['resource', 0]]);
    expect(contents.flatMap((s) => s.modules).filter((m) => m.modname === 'label').length).toBeGreaterThan(0);
    const linked = (await client.callRaw('core_competency_list_course_competencies', { id: courseId })) as unknown[];
    expect(linked.length).toBeGreaterThan(0);
  }, 120_000);

  it('records completion and the grade when a learner answers the module quiz in the player inside Moodle', async () => {
    expect(courseId).toBeGreaterThan(0);
    const { programme, module } = await sampleModule('m01-cuidado-profesional');
    // Every answer right but the first several-answer question, which gets only part of its correct
    // options: the player marks it wrong, so the module score is neither 0 nor 100.
    const questions = scoredQuizzes(module).flatMap((quiz) => quiz.questions);
    const partly = questions.find((question) => question.kind === 'multiple-choice')!;
    const answers = Object.fromEntries(questions.map((question) => [question.id, plannedAnswer(question, question === partly ? 'part-right' : 'right', 0).player]));
    const expected = playerScores(module, programme, answers).score;
    expect(expected).toBeGreaterThanOrEqual(module.passMark);
    expect(expected).toBeLessThan(100);

    const user = await newLearner('scorm');
    const contents = (await client.callRaw('core_course_get_contents', { courseid: courseId })) as Array<{ name: string; modules: Array<{ id: number; instance: number; modname: string }> }>;
    const scorm = contents.find((section) => section.name === module.title)!.modules.find((m) => m.modname === 'scorm')!;

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const page = await browser.newPage();
    page.setDefaultTimeout(90_000); // a loaded 2-core machine serves Moodle pages slowly
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.text().startsWith('wecare:')) problems.push(message.text());
    });
    await logIn(page, user);
    // "Student skip content structure page: always" takes the learner straight into the player.
    await page.goto(`${env.url}/mod/scorm/view.php?id=${scorm.id}`);
    await page.waitForURL(/\/mod\/scorm\/player\.php/);
    const model = toLearnerModule(module, programme, '1.2', 10_000);
    await answerModuleInPlayer(page.frameLocator('#scorm_object'), model, answers);
    expect(problems).toEqual([]);
    await page.close({ runBeforeUnload: true });

    // The SCO commits when its status changes; Moodle files completion and the grade from that.
    await vi.waitFor(async () => {
      const status = (await client.callRaw('core_completion_get_activities_completion_status', { courseid: courseId, userid: user.id })) as { statuses: Array<{ cmid: number; state: number }> };
      // 2 = COMPLETION_COMPLETE_PASS: complete, and the grade reached the pass grade the backup set (70).
      expect(status.statuses.find((s) => s.cmid === scorm.id)?.state).toBe(2);
    }, { timeout: 60_000, interval: 500 });
    const grades = (await client.callRaw('gradereport_user_get_grade_items', { courseid: courseId, userid: user.id })) as { usergrades: Array<{ gradeitems: Array<{ cmid?: number; graderaw: number | null }> }> };
    const item = grades.usergrades[0]!.gradeitems.find((g) => g.cmid === scorm.id)!;
    expect(item.graderaw).toBeCloseTo(expected, 2);

    // What the SCO sent is what Moodle keeps: the status, the score and one interaction per quiz
    // question, wrong only for the partly answered one.
    const { scoes } = (await client.callRaw('mod_scorm_get_scorm_scoes', { scormid: scorm.instance })) as { scoes: Array<{ id: number; scormtype: string }> };
    const sco = scoes.find((entry) => entry.scormtype === 'sco')!;
    const { data } = (await client.callRaw('mod_scorm_get_scorm_sco_tracks', { scoid: sco.id, userid: user.id, attempt: 1 })) as { data: { tracks: Array<{ element: string; value: string }> } };
    const track = new Map(data.tracks.map((entry) => [entry.element, entry.value]));
    expect(track.get('cmi.core.lesson_status')).toBe('passed');
    expect(Number(track.get('cmi.core.score.raw'))).toBeCloseTo(expected, 2);
    const results = new Map([...track].filter(([element]) => /^cmi\.interactions_\d+\.id$/.test(element)).map(([element, id]) => [id, track.get(element.replace(/\.id$/, '.result'))]));
    expect(Object.fromEntries(questions.map((question) => [question.id, results.get(question.id)]))).toEqual(Object.fromEntries(questions.map((question) => [question.id, question === partly ? 'wrong' : 'correct'])));
  }, 180_000);

  it("imports every Moodle XML and GIFT file with Moodle's own importers, without an error", async () => {
    expect(courseId).toBeGreaterThan(0);
    const script = path.join(out, 'import-questions.php');
    writeFileSync(script, importScript);
    chmodSync(script, 0o644);
    const dir = path.join(out, variant, 'questions');
    // Moodle XML first: a category a GIFT file created first would keep no idnumber (Moodle's importer
    // fills in an idnumber only on the categories it creates).
    const files = readdirSync(dir).sort((a, b) => Number(b.endsWith('.moodle.xml')) - Number(a.endsWith('.moodle.xml')) || a.localeCompare(b));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const format = file.endsWith('.moodle.xml') ? 'xml' : 'gift';
      const result = php([script, format, path.join(dir, file), String(courseId)]);
      expect(result, file).toMatch(/^OK [1-9]\d*$/);
    }
  }, 300_000);

  it('grades the same answers in a quiz made from the imported questions as the player does, partial credit apart', async () => {
    expect(courseId).toBeGreaterThan(0);
    const { programme } = await sampleModule('m01-cuidado-profesional');
    const bank = questionBank(programme);
    // The diagnostic holds every question kind; module 6 is an ordinary module quiz with two-gap cloze.
    const modules = ['diagnostico-perfil-profesional', 'm06-orientacion-previa'].map((id) => bank.find((entry) => entry.module.id === id)!);
    const learner = await newLearner('quiz');
    const planFor = (module: (typeof modules)[number]) => {
      const questions = scoredQuizzes(module.module).flatMap((quiz) => quiz.questions);
      return { module: module.module, questions, answers: answerSets.map((set) => ({ set, planned: questions.map((question, index) => plannedAnswer(question, set, index)) })) };
    };
    const plans = modules.map(planFor);
    const planFile = path.join(out, 'quiz-plan.json');
    writeFileSync(planFile, JSON.stringify({
      courseid: courseId,
      userid: learner.id,
      quizzes: plans.map(({ module, questions, answers }, index) => ({
        name: `${module.title} · ${run}`,
        category: modules[index]!.categories[0]!.idnumber,
        questions: questions.map((question) => question.id),
        attempts: answers.map(({ set, planned }) => ({ label: set, responses: Object.fromEntries(questions.map((question, i) => [question.id, planned[i]!.moodle])) })),
      })),
    }));
    const script = path.join(out, 'quiz-attempts.php');
    copyFileSync(path.join(here, 'quiz-attempts.php'), script);
    for (const file of [planFile, script]) chmodSync(file, 0o644);
    const moodle = JSON.parse(php([script, planFile])) as { quizzes: Array<{ cmid: number; maxsumgrades: number; attempts: Array<{ label: string; marks: Record<string, number>; sumgrades: number }> }> };

    const byKind = new Set<string>();
    const totals: string[] = [];
    for (const [index, { module, questions, answers }] of plans.entries()) {
      const quiz = moodle.quizzes[index]!;
      expect(quiz.maxsumgrades).toBe(questions.length);
      for (const [setIndex, { set, planned }] of answers.entries()) {
        const attempt = quiz.attempts[setIndex]!;
        expect(attempt.label).toBe(set);
        const player = playerScores(module, programme, Object.fromEntries(questions.map((question, i) => [question.id, planned[i]!.player])));
        for (const [i, question] of questions.entries()) {
          const where = `${module.id} ${set} ${question.id} (${question.kind})`;
          const moodleMark = attempt.marks[question.id]!;
          // Moodle grades as docs/moodle.md says it does…
          expect(moodleMark, where).toBeCloseTo(planned[i]!.moodleMark, 5);
          // …which is the player's right-or-wrong wherever no partial credit is involved.
          if (set === 'right' || set === 'wrong' || ['single-choice', 'true-false', 'ordering'].includes(question.kind)) expect(moodleMark, where).toBeCloseTo(player.marks[question.id]!, 5);
          byKind.add(`${question.kind} · ${set}: player ${player.marks[question.id]}, Moodle ${Number(moodleMark.toFixed(2))}`);
        }
        const moodleScore = (100 * attempt.sumgrades) / quiz.maxsumgrades;
        expect(moodleScore).toBeCloseTo((100 * planned.reduce((sum, answer) => sum + answer.moodleMark, 0)) / questions.length, 3);
        totals.push(`${module.id} · ${set}: player ${player.score}, Moodle ${moodleScore.toFixed(2)}`);
      }
    }
    expect([...byKind].sort()).toMatchInlineSnapshot(`
      [
        "drag-words · near-miss: player 1, Moodle 1",
        "drag-words · part-right: player 0, Moodle 0.33",
        "drag-words · right: player 1, Moodle 1",
        "drag-words · wrong: player 0, Moodle 0",
        "fill-blanks · near-miss: player 1, Moodle 0.5",
        "fill-blanks · near-miss: player 1, Moodle 1",
        "fill-blanks · part-right: player 0, Moodle 0.5",
        "fill-blanks · right: player 1, Moodle 1",
        "fill-blanks · wrong: player 0, Moodle 0",
        "matching · near-miss: player 1, Moodle 1",
        "matching · part-right: player 0, Moodle 0.25",
        "matching · part-right: player 0, Moodle 0.33",
        "matching · right: player 1, Moodle 1",
        "matching · wrong: player 0, Moodle 0",
        "multiple-choice · near-miss: player 0, Moodle 0",
        "multiple-choice · part-right: player 0, Moodle 0.5",
        "multiple-choice · part-right: player 0, Moodle 0.67",
        "multiple-choice · right: player 1, Moodle 1",
        "multiple-choice · wrong: player 0, Moodle 0",
        "ordering · near-miss: player 0, Moodle 0",
        "ordering · part-right: player 0, Moodle 0",
        "ordering · right: player 1, Moodle 1",
        "ordering · wrong: player 0, Moodle 0",
        "single-choice · near-miss: player 1, Moodle 1",
        "single-choice · part-right: player 0, Moodle 0",
        "single-choice · part-right: player 1, Moodle 1",
        "single-choice · right: player 1, Moodle 1",
        "single-choice · wrong: player 0, Moodle 0",
        "true-false · near-miss: player 1, Moodle 1",
        "true-false · part-right: player 0, Moodle 0",
        "true-false · part-right: player 1, Moodle 1",
        "true-false · right: player 1, Moodle 1",
        "true-false · wrong: player 0, Moodle 0",
      ]
    `);
    expect(totals).toMatchInlineSnapshot(`
      [
        "diagnostico-perfil-profesional · right: player 100, Moodle 100.00",
        "diagnostico-perfil-profesional · wrong: player 0, Moodle 0.00",
        "diagnostico-perfil-profesional · part-right: player 37.78, Moodle 52.41",
        "diagnostico-perfil-profesional · near-miss: player 80, Moodle 80.00",
        "m06-orientacion-previa · right: player 100, Moodle 100.00",
        "m06-orientacion-previa · wrong: player 0, Moodle 0.00",
        "m06-orientacion-previa · part-right: player 50, Moodle 70.83",
        "m06-orientacion-previa · near-miss: player 62.5, Moodle 56.25",
      ]
    `);

    // The gradebook keeps the learner's best attempt of each quiz: all right, 100.
    const grades = (await client.callRaw('gradereport_user_get_grade_items', { courseid: courseId, userid: learner.id })) as { usergrades: Array<{ gradeitems: Array<{ cmid?: number; graderaw: number | null }> }> };
    for (const quiz of moodle.quizzes) expect(grades.usergrades[0]!.gradeitems.find((g) => g.cmid === quiz.cmid)?.graderaw).toBe(100);
  }, 180_000);
});
