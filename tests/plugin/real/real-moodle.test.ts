/**
 * The sync and report scenarios against a real Moodle, when MOODLE_URL and MOODLE_TOKEN are set
 * (e.g. a Moodle 5 on loopback). Everything is created under a run-unique prefix and deleted
 * afterwards. Without those variables the suite is skipped, and says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMoodleConfig, type MoodleConfig } from '../../../plugin/src/config/moodle-config.ts';
import { collectReport } from '../../../plugin/src/report/collect.ts';
import { applyPlan, changeCount, planSync, readRoster } from '../../../plugin/src/sync/index.ts';
import { fetchTransport, type Transport } from '../../../plugin/src/moodle/transport.ts';
import { clientFor, csv, realMoodle, sayWhetherRealMoodle } from '../helpers.ts';

sayWhetherRealMoodle();
const run = `t${Date.now().toString(36)}`;
const courseKeys = ['CO-M01', 'CO-M02', 'CO-M03', 'ES-M01'].map((key) => `WCT-${run}-${key}`);

function config(): MoodleConfig {
  return parseMoodleConfig(`
moodle:
  role: student
  usernamePrefix: ${run}-
  cohort: { idnumber: "${run}-{intake}-{variant}", name: "WeCare test {intake} {variant}" }
  group: { idnumber: "${run}-{intake}-{group}", name: "{group} {intake}" }
  variants:
    co:
      phases:
        fase-1: [${courseKeys[0]}, ${courseKeys[1]}]
        fase-2: [${courseKeys[2]}]
    es:
      phases:
        fase-1: [${courseKeys[3]}]
`);
}

const rows = (status = 'active') =>
  Array.from({ length: 6 }, (_, i) => {
    const id = `${run}-P${i + 1}`;
    return `${id},Nombre${i + 1},Apellido${i + 1},${id}@example.org,${i === 5 ? 'es' : 'co'},2026A,${i === 4 ? 'fase-2' : 'fase-1'},${i % 2 ? 'B' : 'A'},${i === 0 ? status : 'active'}`;
  });

describe.skipIf(!realMoodle)('sync and report against the real Moodle at MOODLE_URL', () => {
  const client = realMoodle ? clientFor(realMoodle.url, realMoodle.token, { maxInputVars: 1000 }) : undefined!;
  const created = { courses: [] as number[], users: [] as number[] };

  beforeAll(async () => {
    const courses = await client.callRaw('core_course_create_courses', {
      courses: courseKeys.map((key) => ({ fullname: `WeCare test ${key}`, shortname: key, categoryid: 1, idnumber: key, enablecompletion: 1 })),
    }) as Array<{ id: number }>;
    created.courses.push(...courses.map((c) => c.id));
    // Someone else already uses participant 3's e-mail.
    const others = await client.call('core_user_create_users', { users: [{ username: `${run}-other`, firstname: 'Other', lastname: 'Person', email: `${run}-p3@example.org`, idnumber: '', createpassword: true }] });
    created.users.push(...others.map((u) => u.id));
  });

  afterAll(async () => {
    const ids = [...rows(), ...Array.from({ length: 4 }, (_, i) => `${run}-X${i + 1}`)].map((r) => r.split(',')[0]!);
    const users = await client.call('core_user_get_users_by_field', { field: 'idnumber', values: ids });
    const userIds = [...new Set([...created.users, ...users.map((u) => u.id)])];
    if (userIds.length) await client.callRaw('core_user_delete_users', { userids: userIds });
    if (created.courses.length) await client.callRaw('core_course_delete_courses', { courseids: created.courses });
    const cohorts = await client.call('core_cohort_get_cohorts', { cohortids: [] });
    const ours = cohorts.filter((c) => c.idnumber.startsWith(`${run}-`)).map((c) => c.id);
    if (ours.length) await client.callRaw('core_cohort_delete_cohorts', { cohortids: ours });
  });

  it('plans, applies, and then plans nothing; a conflict is reported, not merged', async () => {
    const cfg = config();
    const roster = readRoster(csv(rows()), cfg);
    const plan = await planSync(client, cfg, roster.participants);
    expect(plan.conflicts.map((c) => c.participantId)).toEqual([`${run}-P3`]);
    expect(plan.createUsers).toHaveLength(5);
    const result = await applyPlan(client, plan);
    expect(result.interrupted).toBeUndefined();
    expect(result.failures).toEqual([]);
    expect(result.usersCreated).toBe(5);
    expect(result.enrolled).toBe(2 + 2 + 2 + 3 + 1);
    const again = await planSync(client, cfg, roster.participants);
    expect(changeCount(again)).toBe(0);
  });

  it('suspends a withdrawn participant and reactivates them', async () => {
    const cfg = config();
    const withdrawn = readRoster(csv(rows('withdrawn')), cfg);
    const plan = await planSync(client, cfg, withdrawn.participants);
    expect(plan.enrolments.map((e) => e.action)).toEqual(['suspend', 'suspend']);
    await applyPlan(client, plan);
    expect(changeCount(await planSync(client, cfg, withdrawn.participants))).toBe(0);
    const back = readRoster(csv(rows()), cfg);
    const reactivate = await planSync(client, cfg, back.participants);
    expect(reactivate.enrolments.map((e) => e.action)).toEqual(['reactivate', 'reactivate']);
    await applyPlan(client, reactivate);
    expect(changeCount(await planSync(client, cfg, back.participants))).toBe(0);
  });

  it('converges after a run cut off right after Moodle created accounts', async () => {
    const cfg = config();
    const extra = Array.from({ length: 4 }, (_, i) => {
      const id = `${run}-X${i + 1}`;
      return `${id},Extra${i},Persona${i},${id}@example.org,co,2026A,fase-1,A,active`;
    });
    const roster = readRoster(csv([...rows(), ...extra]), cfg);
    let creates = 0;
    // The second batch of accounts reaches Moodle, but its answer is lost.
    const cutting: Transport = async (request) => {
      const response = await fetchTransport(request);
      if (request.body.includes('wsfunction=core_user_create_users') && ++creates === 2) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return response;
    };
    const flaky = clientFor(realMoodle!.url, realMoodle!.token, { maxInputVars: 1000, maxItemsPerCall: 2, transport: cutting });
    const first = await applyPlan(flaky, await planSync(flaky, cfg, roster.participants));
    expect(first.interrupted).toMatch(/ECONNRESET/);
    expect(first.usersCreated).toBe(2);
    // The rerun finds the two accounts whose answer was lost: it creates nothing twice and enrols all four.
    const second = await applyPlan(client, await planSync(client, cfg, roster.participants));
    expect(second.interrupted).toBeUndefined();
    expect(second.usersCreated).toBe(0);
    expect(second.enrolled).toBe(8);
    expect(changeCount(await planSync(client, cfg, roster.participants))).toBe(0);
    const found = await client.call('core_user_get_users_by_field', { field: 'idnumber', values: extra.map((r) => r.split(',')[0]!) });
    expect(found).toHaveLength(4);
  });

  it('reports the mapped courses (no activities, no completion criteria yet), through core and through the plugin when present', async () => {
    for (const source of ['core', 'auto'] as const) {
      const data = await collectReport(client, config(), { source });
      expect(data.courses.map((c) => c.key).sort()).toEqual([...courseKeys].sort());
      expect(data.participants).toBe(9);
      expect(data.courses.every((c) => !c.hasCompletionCriteria)).toBe(true);
      expect(data.courseCompletion.every((c) => c.completed === null)).toBe(true);
    }
  });
});
