/**
 * Deployment against a real Moodle with local_wecare installed, when MOODLE_URL and MOODLE_TOKEN
 * are set (the token's service must also offer core_course_create_courses, core_course_delete_courses,
 * core_user_create_users, core_user_delete_users, enrol_manual_enrol_users, core_group_create_groups,
 * core_group_add_group_members and core_completion_override_activity_completion_status for the
 * set-up). Without them it is skipped and
 * says so.
 *
 * The sample programme (content/, modules/) is copied to a temporary folder, built for real
 * (SCORM 1.2, SCORM 2004, H5P) and every package is deployed to run-unique courses; then deployed
 * again (nothing changes), one module's text is changed and everything is deployed again (only that
 * module's packages update), and progress is pulled with local_wecare_get_course_progress and
 * compared with core's per-user function. The courses and the user are deleted afterwards.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme } from '../../../scripts/api.ts';
import { parseDeployConfig, type DeployConfig } from '../../../plugin/src/deploy/config.ts';
import { deployItems, type DeployItem } from '../../../plugin/src/deploy/items.ts';
import { buildPackages } from '../../../plugin/src/deploy/packages.ts';
import { runDeploy, type DeployReport } from '../../../plugin/src/deploy/run.ts';
import { DraftUploader } from '../../../plugin/src/deploy/upload.ts';
import { fetchCourseProgress } from '../../../plugin/src/progress/course-progress.ts';
import { clientFor, realMoodle, repoRoot, sayWhetherRealMoodle } from '../helpers.ts';
import { tempDir } from './fixtures.ts';

sayWhetherRealMoodle();
if (!realMoodle) console.info('deploy: MOODLE_URL/MOODLE_TOKEN not set — the deployment suite against a real Moodle with local_wecare is skipped.');

const run = `d${Date.now().toString(36)}`;
const formats = ['scorm12', 'scorm2004', 'h5p'] as const;
const courseKey = (variant: string, format: string) => `WCD-${run}-${variant}-${format}`.toUpperCase();

describe.skipIf(!realMoodle)('deploying the sample programme to the real Moodle at MOODLE_URL', () => {
  const client = realMoodle ? clientFor(realMoodle.url, realMoodle.token, { maxInputVars: 1000 }) : undefined!;
  const root = tempDir('wecare-deploy-real-');
  const dist = path.join(root, 'dist');
  const created = { courses: [] as number[], users: [] as number[] };
  /** One configuration per format, each mapping the variants to that format's own courses. */
  let configs: DeployConfig[] = [];
  let items: DeployItem[] = [];
  let changedModule = '';
  let variants: string[] = [];

  const deploy = async (): Promise<DeployReport> =>
    runDeploy({ client, uploader: new DraftUploader({ url: realMoodle!.url, token: realMoodle!.token }), items, courseKey: 'idnumber', idnumberPrefix: run, apply: true, completionCriteria: true });

  const build = async () => {
    const loaded = await loadProgramme(root);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const built = await buildPackages(root, dist, loaded.programmes, formats);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return configs.flatMap((config) => {
      const mapped = deployItems(loaded.programmes, config, dist);
      expect(mapped.problems).toEqual([]);
      return mapped.items;
    });
  };

  beforeAll(async () => {
    cpSync(path.join(repoRoot, 'content'), path.join(root, 'content'), { recursive: true });
    cpSync(path.join(repoRoot, 'modules'), path.join(root, 'modules'), { recursive: true });
    const loaded = await loadProgramme(root);
    variants = loaded.programmes.map((p) => p.variant.code);
    configs = formats.map((format) => {
      const yaml = variants
        .map((variant) => {
          const programme = loaded.programmes.find((p) => p.variant.code === variant)!;
          const ids = [...programme.modules.map((m) => m.id), ...(programme.assessment ? [programme.assessment.id] : [])];
          return `      ${variant}:\n        ${courseKey(variant, format)}: [${ids.join(', ')}]`;
        })
        .join('\n');
      return parseDeployConfig(`moodle:\n  deploy:\n    formats: [${format}]\n    idnumberPrefix: ${run}\n    courses:\n${yaml}\n`);
    });
    const courses = (await client.callRaw('core_course_create_courses', {
      courses: variants.flatMap((variant) => formats.map((format) => ({ fullname: `WeCare deploy test ${courseKey(variant, format)}`, shortname: courseKey(variant, format), categoryid: 1, idnumber: courseKey(variant, format), enablecompletion: 1 }))),
    })) as Array<{ id: number }>;
    created.courses.push(...courses.map((c) => c.id));
    items = await build();
  }, 300_000);

  afterAll(async () => {
    if (created.users.length) await client.callRaw('core_user_delete_users', { userids: created.users }).catch(() => undefined);
    if (created.courses.length) await client.callRaw('core_course_delete_courses', { courseids: created.courses }).catch(() => undefined);
  }, 120_000);

  it('deploys every sample package (H5P only where the site has, or may install, its libraries)', async () => {
    const report = await deploy();
    const scorm = report.rows.filter((row) => row.format !== 'h5p');
    expect(scorm.length).toBeGreaterThan(0);
    expect(scorm.map((row) => `${row.idnumber} ${row.outcome}`)).toEqual(scorm.map((row) => `${row.idnumber} created`));
    for (const row of report.rows.filter((r) => r.format === 'h5p')) {
      if (row.outcome !== 'created') expect(row.message).toMatch(/Missing (main|required) library H5P\.\w+ \d+\.\d+ \[invalidh5p\]/);
    }
    expect(report.courses.filter((c) => !c.course.endsWith('-H5P')).map((c) => c.criteria)).toEqual(variants.flatMap(() => ['created', 'created']));
    expect(report.uploads).toBe(report.rows.filter((row) => row.uploaded).length);
  }, 600_000);

  it('changes nothing and uploads nothing when deployed again', async () => {
    const report = await deploy();
    const scorm = report.rows.filter((row) => row.format !== 'h5p');
    expect(scorm.map((row) => row.outcome)).toEqual(scorm.map(() => 'unchanged'));
    expect(report.rows.filter((row) => row.uploaded && row.format !== 'h5p')).toEqual([]);
  }, 600_000);

  it('updates only the packages of the module whose text changed', async () => {
    const folder = readdirSync(path.join(root, 'modules')).sort()[0]!;
    const lesson = readdirSync(path.join(root, 'modules', folder)).filter((file) => /^\d\d-.*\.md$/.test(file)).sort()[0]!;
    changedModule = /^id:\s*(\S+)/m.exec(readFileSync(path.join(root, 'modules', folder, 'module.md'), 'utf8'))![1]!;
    const file = path.join(root, 'modules', folder, lesson);
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\nPárrafo añadido por la prueba de despliegue ${run}.\n`);
    items = await build();
    const report = await deploy();
    const scorm = report.rows.filter((row) => row.format !== 'h5p');
    const updated = scorm.filter((row) => row.outcome === 'updated');
    expect(updated.map((row) => row.idnumber).sort()).toEqual(scorm.filter((row) => row.idnumber.includes(`-${changedModule}-`)).map((row) => row.idnumber).sort());
    expect(updated.length).toBeGreaterThan(0);
    expect(new Set(updated.map((row) => row.changes.join('+')))).toEqual(new Set(['package']));
    expect(scorm.filter((row) => row.outcome !== 'updated').map((row) => row.outcome)).toEqual(scorm.filter((row) => row.outcome !== 'updated').map(() => 'unchanged'));
  }, 600_000);

  it('pulls progress in bulk, matching core\'s per-participant answer', async () => {
    const key = courseKey(items[0]!.variant, 'scorm12');
    const courseid = (await client.call('core_course_get_courses_by_field', { field: 'idnumber', value: key })).courses[0]!.id;
    const [user] = (await client.callRaw('core_user_create_users', { users: [{ username: `${run}-p1`, firstname: 'Prueba', lastname: 'Despliegue', email: `${run}-p1@example.org`, idnumber: `${run}-P1`, createpassword: 1 }] })) as Array<{ id: number }>;
    created.users.push(user!.id);
    await client.callRaw('enrol_manual_enrol_users', { enrolments: [{ roleid: 5, userid: user!.id, courseid }] });
    const [group] = (await client.callRaw('core_group_create_groups', { groups: [{ courseid, name: `Grupo ${run}`, idnumber: `${run}-A`, description: '' }] })) as Array<{ id: number }>;
    await client.callRaw('core_group_add_group_members', { members: [{ groupid: group!.id, userid: user!.id }] });
    const first = await fetchCourseProgress(client, courseid);
    const target = first.activities.find((a) => a.idnumber.endsWith('-scorm12') && a.completion === 2)!;
    await client.callRaw('core_completion_override_activity_completion_status', { userid: user!.id, cmid: target.cmid, newstate: 1 });

    const progress = await fetchCourseProgress(client, courseid, { perPage: 50 });
    expect(progress.course).toMatchObject({ id: courseid, completionenabled: true, hascriteria: true });
    const participant = progress.participants.find((p) => p.userid === user!.id)!;
    expect(participant).toMatchObject({ idnumber: `${run}-P1`, active: true, coursecompleted: false, groups: [{ id: group!.id, idnumber: `${run}-A`, name: `Grupo ${run}` }] });
    const core = await client.call('core_completion_get_activities_completion_status', { courseid, userid: user!.id });
    const coreStates = new Map(core.statuses.map((s: { cmid: number; state: number }) => [s.cmid, s.state]));
    for (const [index, activity] of progress.activities.entries()) {
      if (coreStates.has(activity.cmid)) expect([activity.cmid, participant.activities[index]!.state]).toEqual([activity.cmid, coreStates.get(activity.cmid)]);
    }
    expect(participant.activities[progress.activities.findIndex((a) => a.cmid === target.cmid)]).toMatchObject({ cmid: target.cmid, state: 1, attempts: 0 });
  }, 120_000);
});
