/**
 * The course backup, the question bank and the competency framework against a real Moodle, when
 * MOODLE_URL, MOODLE_TOKEN and MOODLE_SRC (the site's code, for its CLI scripts) are set; skipped
 * otherwise, and it says so. Needs a token whose service offers the competency functions,
 * core_user_create_users, enrol_manual_enrol_users, core_completion_get_activities_completion_status
 * and gradereport_user_get_grade_items, and PHP able to run the site's CLI as its web user.
 *
 * 1. `wecare moodle competencies --apply` twice: the second run changes nothing.
 * 2. The co backup of WC-CO-FORMACION is restored into a new course with admin/cli/restore_backup.php:
 *    sections, SCORM settings, course completion and competency links are checked.
 * 3. A new learner is enrolled, logs in with Chromium and opens a module's SCORM activity; the
 *    toolkit's player loads inside Moodle's SCORM player, and the SCO reports a score of 85 and
 *    `passed` through Moodle's own SCORM 1.2 API object; Moodle records completion and the grade.
 * 4. Every Moodle XML and GIFT file of the variant is imported with Moodle's own importers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme } from '../../scripts/api.ts';
import { main } from '../../scripts/cli/main.ts';
import { applyCompetencyPlan } from '../../plugin/src/competencies/apply.ts';
import { courseCompetences, desiredFramework } from '../../plugin/src/competencies/desired.ts';
import { changeCount, planCompetencies } from '../../plugin/src/competencies/plan.ts';
import { loadDeployConfig } from '../../plugin/src/deploy/config.ts';
import { MoodleClient } from '../../plugin/src/moodle/client.ts';

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

  it('records completion and the grade of a SCORM activity a learner completes in Chromium', async () => {
    expect(courseId).toBeGreaterThan(0);
    const username = `wcmbz${run}`;
    const password = 'Learner#2026pw';
    const [user] = (await client.callRaw('core_user_create_users', { users: [{ username, password, firstname: 'Ana', lastname: 'Prueba', email: `${username}@example.org`, auth: 'manual' }] })) as Array<{ id: number }>;
    await client.callRaw('enrol_manual_enrol_users', { enrolments: [{ roleid: 5, userid: user!.id, courseid: courseId }] });
    const contents = (await client.callRaw('core_course_get_contents', { courseid: courseId })) as Array<{ modules: Array<{ id: number; modname: string; name: string }> }>;
    const scorm = contents[2]!.modules.find((m) => m.modname === 'scorm')!;

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const page = await browser.newPage();
    page.setDefaultTimeout(90_000); // a loaded 2-core machine serves Moodle pages slowly
    await page.goto(`${env.url}/login/index.php`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login/index.php')), page.click('#loginbtn')]);
    // "Student skip content structure page: always" takes the learner straight into the player.
    await page.goto(`${env.url}/mod/scorm/view.php?id=${scorm.id}`);
    await page.waitForURL(/\/mod\/scorm\/player\.php/);
    const frame = page.frameLocator('#scorm_object');
    await frame.locator('h1').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => typeof (window as unknown as { API?: unknown }).API === 'object');
    const reported = await page.evaluate(() => {
      const api = (window as unknown as { API: Record<string, (...args: string[]) => string> }).API;
      api.LMSInitialize!('');
      const calls = [api.LMSSetValue!('cmi.core.score.raw', '85'), api.LMSSetValue!('cmi.core.lesson_status', 'passed'), api.LMSCommit!(''), api.LMSFinish!('')];
      return calls;
    });
    expect(reported).toEqual(['true', 'true', 'true', 'true']);
    await page.close();

    const status = (await client.callRaw('core_completion_get_activities_completion_status', { courseid: courseId, userid: user!.id })) as { statuses: Array<{ cmid: number; state: number }> };
    // 2 = COMPLETION_COMPLETE_PASS: complete, and the grade reached the pass grade the backup set (70).
    expect(status.statuses.find((s) => s.cmid === scorm.id)?.state).toBe(2);
    const grades = (await client.callRaw('gradereport_user_get_grade_items', { courseid: courseId, userid: user!.id })) as { usergrades: Array<{ gradeitems: Array<{ cmid?: number; graderaw: number | null; gradepass?: number }> }> };
    const item = grades.usergrades[0]!.gradeitems.find((g) => g.cmid === scorm.id)!;
    expect(item.graderaw).toBe(85);
  }, 180_000);

  it("imports every Moodle XML and GIFT file with Moodle's own importers, without an error", async () => {
    expect(courseId).toBeGreaterThan(0);
    const script = path.join(out, 'import-questions.php');
    writeFileSync(script, importScript);
    chmodSync(script, 0o644);
    const dir = path.join(out, variant, 'questions');
    const files = readdirSync(dir).sort();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const format = file.endsWith('.moodle.xml') ? 'xml' : 'gift';
      const result = php([script, format, path.join(dir, file), String(courseId)]);
      expect(result, file).toMatch(/^OK [1-9]\d*$/);
    }
  }, 300_000);
});
