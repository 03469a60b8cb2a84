import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan, changeCount, planSync, readRoster, formatPlan, patternRegex } from '../../../plugin/src/sync/index.ts';
import { parseRoster } from '../../../plugin/src/roster/roster.ts';
import { createMoodleDouble, seedCourse, seedUser, type MoodleDouble } from '../double/index.ts';
import { clientFor, csv, fixtureConfig, participantsRows, recordedAvailable, sayWhetherRecorded } from '../helpers.ts';

const config = fixtureConfig();
sayWhetherRecorded();
let double: MoodleDouble;
let url: string;

const courseId = (idnumber: string) => [...double.state.courses.values()].find((c) => c.idnumber === idnumber)!.id;
const userByIdnumber = (idnumber: string) => [...double.state.users.values()].filter((u) => u.idnumber === idnumber);
const enrolment = (idnumber: string, course: string) => double.state.enrolments.get(courseId(course))?.get(userByIdnumber(idnumber)[0]!.id);

async function run(rows: string[], options: { apply?: boolean; maxInputVars?: number } = {}) {
  const client = clientFor(url, double.token, { maxInputVars: options.maxInputVars ?? 1000 });
  const roster = readRoster(csv(rows), config);
  const plan = await planSync(client, config, roster.participants, roster.problems);
  const result = options.apply ? await applyPlan(client, plan) : undefined;
  return { plan, result, roster, client };
}

describe.skipIf(!recordedAvailable)('wecare moodle sync against the double', () => {
  beforeEach(async () => {
    double = createMoodleDouble({ debug: true });
    for (const idnumber of ['WC-CO-M01', 'WC-CO-M02', 'WC-CO-M03', 'WC-ES-M01']) seedCourse(double.state, { shortname: idnumber.toLowerCase(), idnumber });
    url = await double.start();
  });
  afterEach(async () => {
    expect(double.contractViolations).toEqual([]);
    await double.stop();
  });

  it('plans without writing anything, then applies, then plans nothing', async () => {
    const rows = [
      ...participantsRows(3),
      'P-0100,Rosa,Vega,p-0100@example.org,co,2026A,fase-2,A,active',
      'P-0200,Pilar,Soto,p-0200@example.org,es,2026A,fase-1,Madrid,active',
    ];
    const dry = await run(rows);
    expect(dry.plan.createUsers.map((c) => c.user.username)).toEqual(['wc-p-0001', 'wc-p-0002', 'wc-p-0003', 'wc-p-0100', 'wc-p-0200']);
    // fase-2 is cumulative: P-0100 joins M01, M02 and M03.
    expect(dry.plan.enrolments.filter((e) => e.participant.id === 'P-0100').map((e) => e.course.key)).toEqual(['WC-CO-M01', 'WC-CO-M02', 'WC-CO-M03']);
    expect(dry.plan.createCohorts.map((c) => c.idnumber).sort()).toEqual(['wecare-2026A-co', 'wecare-2026A-es']);
    expect(double.calls.every((c) => /_get_|_search_/.test(c.functionName ?? ''))).toBe(true);
    expect(double.state.users.size).toBe(1);

    const applied = await run(rows, { apply: true });
    expect(applied.result!.interrupted).toBeUndefined();
    expect(applied.result!.failures).toEqual([]);
    expect(applied.result!.usersCreated).toBe(5);
    expect(applied.result!.enrolled).toBe(3 * 2 + 3 + 1);
    const ana = userByIdnumber('P-0001')[0]!;
    expect(ana).toMatchObject({ username: 'wc-p-0001', firstname: 'Nombre1', email: 'p-0001@example.org', auth: 'manual' });
    expect(enrolment('P-0001', 'WC-CO-M02')).toMatchObject({ suspended: false });
    expect([...double.state.enrolments.get(courseId('WC-CO-M01'))!.values()].every((e) => e.roleids.has(5))).toBe(true);
    const groupA = [...double.state.groups.values()].find((g) => g.idnumber === '2026A-A' && g.courseid === courseId('WC-CO-M01'))!;
    expect(groupA.name).toBe('A · 2026A');
    expect([...groupA.members].sort()).toEqual([userByIdnumber('P-0001')[0]!.id, userByIdnumber('P-0003')[0]!.id, userByIdnumber('P-0100')[0]!.id].sort());
    const cohort = [...double.state.cohorts.values()].find((c) => c.idnumber === 'wecare-2026A-co')!;
    expect(cohort.members.size).toBe(4);

    double.resetCalls();
    const again = await run(rows);
    expect(changeCount(again.plan)).toBe(0);
    expect(formatPlan(again.plan)).toContain('Nothing to change');
    expect(double.calls.every((c) => !/create|add|enrol_users|update|delete/.test(c.functionName ?? ''))).toBe(true);
  });

  it('prints a plan staff can read', async () => {
    seedUser(double.state, { username: 'taken', idnumber: '', email: 'p-0002@example.org' });
    const { plan } = await run(participantsRows(2));
    expect(formatPlan(plan).replace(/account id \d+/, 'account id N')).toMatchInlineSnapshot(`
      "Users to create (1)
        P-0001 (row 2)  username wc-p-0001
      Cohorts to create (1)
        wecare-2026A-co  "WeCare 2026A (co)"
      Cohort members to add (1)
        P-0001 (row 2) → wecare-2026A-co
      Enrolments to add (2)
        P-0001 (row 2) → WC-CO-M01
        P-0001 (row 2) → WC-CO-M02
      Groups to create (2)
        WC-CO-M01: 2026A-A  "A · 2026A"
        WC-CO-M02: 2026A-A  "A · 2026A"
      Group members to add (2)
        P-0001 (row 2) → WC-CO-M01/2026A-A
        P-0001 (row 2) → WC-CO-M02/2026A-A
      Conflicts (left alone) (1)
        row 3 P-0002: email p-0002@example.org already belongs to another Moodle account id N, no idnumber; not merged — set that account's idnumber to "P-0002" in Moodle if it is the same person, or correct the roster
      9 change(s) planned."
    `);
  });

  it('suspends withdrawn and paused participants, never deletes, and reactivates them', async () => {
    const rows = participantsRows(2);
    await run(rows, { apply: true });
    const withdrawn = rows.map((row, i) => (i === 0 ? row.replace(/active$/, 'withdrawn') : row.replace(/active$/, 'paused')));
    const { plan, result } = await run(withdrawn, { apply: true });
    expect(plan.enrolments.map((e) => e.action)).toEqual(['suspend', 'suspend', 'suspend', 'suspend']);
    expect(result!.suspended).toBe(4);
    expect(enrolment('P-0001', 'WC-CO-M01')).toMatchObject({ suspended: true });
    expect(userByIdnumber('P-0001')).toHaveLength(1);
    expect(userByIdnumber('P-0001')[0]!.suspended).toBe(false);
    expect(changeCount((await run(withdrawn)).plan)).toBe(0);

    const back = await run(rows, { apply: true });
    expect(back.plan.enrolments.map((e) => e.action)).toEqual(['reactivate', 'reactivate', 'reactivate', 'reactivate']);
    expect(enrolment('P-0002', 'WC-CO-M02')).toMatchObject({ suspended: false });
  });

  it('does not create an account for someone withdrawn or paused before ever being synced', async () => {
    const { plan } = await run(['P-0009,Nadia,Paz,p-0009@example.org,co,2026A,fase-1,A,withdrawn', 'P-0010,Lina,Mora,p-0010@example.org,co,2026A,fase-1,A,paused']);
    expect(changeCount(plan)).toBe(0);
    expect(plan.notes).toEqual(['row 2 P-0009: withdrawn and has no Moodle account — nothing to do', 'row 3 P-0010: paused and has no Moodle account — nothing to do']);
  });

  it('updates changed names and emails of accounts matched by idnumber, never by name', async () => {
    await run(participantsRows(2), { apply: true });
    // Same names as participant 1 but another id: a new person, not a match.
    const rows = ['P-0001,Nombre1,Apellido-Nuevo,nuevo.correo@example.org,co,2026A,fase-1,A,active', 'P-0777,Nombre1,Apellido1,otra@example.org,co,2026A,fase-1,A,active'];
    const { plan, result } = await run(rows, { apply: true });
    expect(plan.updateUsers).toHaveLength(1);
    expect(plan.updateUsers[0]!.changes).toEqual({ lastname: { from: 'Apellido1', to: 'Apellido-Nuevo' }, email: { from: 'p-0001@example.org', to: 'nuevo.correo@example.org' } });
    expect(plan.createUsers.map((c) => c.participant.id)).toEqual(['P-0777']);
    expect(result!.usersUpdated).toBe(1);
    expect(userByIdnumber('P-0001')[0]).toMatchObject({ lastname: 'Apellido-Nuevo', email: 'nuevo.correo@example.org' });
  });

  it('reports an email used by another account as a conflict, not a merge', async () => {
    seedUser(double.state, { username: 'someone', idnumber: 'STAFF-9', email: 'p-0002@example.org' });
    // Differs only in case: PostgreSQL look-ups are exact, Moodle's duplicate check is not.
    seedUser(double.state, { username: 'other', idnumber: '', email: 'P-0003@Example.org' });
    seedUser(double.state, { username: 'wc-p-0004', idnumber: 'SOMEONE-ELSE', email: 'else@example.org' });
    const { plan, result } = await run(participantsRows(4), { apply: true });
    expect(plan.conflicts.map((c) => [c.row, c.participantId])).toEqual([[3, 'P-0002'], [5, 'P-0004']]);
    expect(plan.conflicts[1]!.message).toMatch(/username "wc-p-0004" is taken by Moodle account id \d+, idnumber "SOMEONE-ELSE"; not merged/);
    expect(plan.conflicts[0]!.message).toMatch(/email p-0002@example.org already belongs to another Moodle account id \d+, idnumber "STAFF-9"; not merged/);
    // The case-variant duplicate is only found when Moodle refuses it: it becomes a reported failure,
    // the rest of its batch is still created.
    expect(result!.failures.map((f) => f.participantId)).toEqual(['P-0003']);
    expect(result!.failures[0]!.message).toMatch(/Email address already exists/);
    expect(userByIdnumber('P-0001')).toHaveLength(1);
    expect(userByIdnumber('P-0002')).toHaveLength(0);
    expect(double.state.users.get(3)!.idnumber).toBe('STAFF-9');
  });

  it('reports two Moodle accounts sharing an idnumber and leaves that participant alone', async () => {
    seedUser(double.state, { username: 'a1', idnumber: 'P-0001' });
    seedUser(double.state, { username: 'a2', idnumber: 'P-0001' });
    const { plan } = await run(participantsRows(1));
    expect(plan.conflicts[0]!.message).toMatch(/2 Moodle accounts share idnumber "P-0001"/);
    expect(changeCount(plan)).toBe(0);
  });

  it('suspends, never unenrols, the enrolments a participant no longer has after changing variant', async () => {
    await run(participantsRows(2), { apply: true });
    const moved = participantsRows(2).map((row) => (row.startsWith('P-0002') ? row.replace(',co,2026A,fase-1,B,', ',es,2026A,fase-1,B,') : row));
    const { plan, result } = await run(moved, { apply: true });
    expect(plan.enrolments.map((e) => `${e.participant.id} ${e.action} ${e.course.key}${e.reason ? ` (${e.reason})` : ''}`)).toEqual([
      'P-0002 suspend WC-CO-M01 (not in the courses of es fase-1)',
      'P-0002 suspend WC-CO-M02 (not in the courses of es fase-1)',
      'P-0002 enrol WC-ES-M01',
    ]);
    expect(result!.suspended).toBe(2);
    expect(enrolment('P-0002', 'WC-CO-M01')).toMatchObject({ suspended: true });
    expect(changeCount((await run(moved)).plan)).toBe(0);
  });

  it('moves a participant whose group changed, removing the old membership only', async () => {
    await run(participantsRows(2), { apply: true });
    const moved = participantsRows(2).map((row) => (row.startsWith('P-0001') ? row.replace(',A,active', ',B,active') : row));
    const { plan } = await run(moved, { apply: true });
    expect(plan.groupAdds.map((m) => `${m.participant.id}>${m.course!.key}/${m.idnumber}`)).toEqual(['P-0001>WC-CO-M01/2026A-B', 'P-0001>WC-CO-M02/2026A-B']);
    expect(plan.groupRemoves.map((m) => `${m.participant.id}>${m.idnumber}`)).toEqual(['P-0001>2026A-A', 'P-0001>2026A-A']);
    expect(changeCount((await run(moved)).plan)).toBe(0);
  });

  it('batches under max_input_vars: 300 participants in few calls, none truncated', async () => {
    double.maxInputVars = 1000;
    const { result, client } = await run(participantsRows(300), { apply: true, maxInputVars: 1000 });
    expect(result!.usersCreated).toBe(300);
    expect(double.state.users.size).toBe(301);
    expect(double.calls.every((c) => c.dropped === 0 && c.fields <= 1000)).toBe(true);
    // 6 form fields per account (auth is left at Moodle's default): 1,800 fields, 997 per request.
    expect(client.stats.byFunction.core_user_create_users).toBe(2);
    expect(client.stats.calls).toBeLessThan(40);
  });

  it('reads every account in one local_wecare call when the site has the plugin, and plans exactly what the core path plans', async () => {
    const rows = [...participantsRows(300), 'P-0900,Rosa,Vega,rosa.nueva@example.org,co,2026A,fase-1,A,active'];
    await run(rows.slice(0, 300), { apply: true });
    // An account that changes (new e-mail) and one idnumber shared by two accounts: both paths must see them.
    seedUser(double.state, { username: 'p-0900', idnumber: 'P-0900', email: 'rosa.vieja@example.org' });
    seedUser(double.state, { username: 'dup-1', idnumber: 'P-0001', email: 'dup1@example.org' });
    const summary = (plan: Awaited<ReturnType<typeof run>>['plan']) => JSON.stringify({ ...plan, userIds: [...plan.userIds].sort() });
    const core = await run(rows);
    const { installLocalWecare } = await import('../double/local-wecare.ts');
    installLocalWecare(double);
    double.resetCalls();
    const bulk = await run(rows);
    expect(summary(bulk.plan)).toBe(summary(core.plan));
    expect(bulk.plan.updateUsers.map((u) => [u.participant.id, u.changes.email?.to])).toEqual([['P-0900', 'rosa.nueva@example.org']]);
    expect(bulk.plan.conflicts.map((c) => c.participantId)).toEqual(['P-0001']);
    const names = double.calls.map((c) => c.functionName);
    expect(names.filter((name) => name === 'local_wecare_get_users_by_idnumber')).toHaveLength(1);
    expect(names.filter((name) => name === 'core_user_get_users_by_field' && double.calls.find((c) => c.functionName === name)?.params.field === 'idnumber')).toHaveLength(0);
    expect(double.contractViolations).toEqual([]);
  });

  it('an interrupted apply loses nothing and duplicates nothing: the next run converges', async () => {
    const rows = participantsRows(120);
    // The second batch of new accounts is created, but the answer never reaches us;
    // then the enrolment call fails with a 500.
    double.injectFault({ functionName: 'core_user_create_users', nth: 2, kind: 'network-after' });
    const first = await run(rows, { apply: true, maxInputVars: 400 });
    expect(first.result!.interrupted).toMatch(/could not reach Moodle/);
    double.injectFault({ functionName: 'enrol_manual_enrol_users', nth: 1, kind: 'http500' });
    const second = await run(rows, { apply: true, maxInputVars: 400 });
    expect(second.result!.interrupted).toMatch(/HTTP 500/);
    const third = await run(rows, { apply: true, maxInputVars: 400 });
    expect(third.result!.interrupted).toBeUndefined();
    expect(third.result!.failures).toEqual([]);
    const fourth = await run(rows, { maxInputVars: 400 });
    expect(changeCount(fourth.plan)).toBe(0);
    for (let i = 1; i <= 120; i += 1) expect(userByIdnumber(`P-${String(i).padStart(4, '0')}`)).toHaveLength(1);
    expect(double.state.enrolments.get(courseId('WC-CO-M01'))!.size).toBe(120);
  });
});

describe('naming patterns', () => {
  it('recognise the idnumbers they produce, and only those', () => {
    const regex = patternRegex('{intake}-{group}');
    expect(regex.test('2026A-B')).toBe(true);
    expect(regex.test('teachers')).toBe(false);
    expect(patternRegex('wecare-{intake}-{variant}').test('wecare-2026A-co')).toBe(true);
    expect(patternRegex('wc.{intake}').test('wcX2026')).toBe(false);
  });
});

describe('roster rows', () => {
  it('reports bad rows with their row number and keeps the good ones', () => {
    const roster = parseRoster(
      csv([
        'P-1,Ana,Ruiz,ana@example.org,co,2026A,fase-1,A,active',
        ',Sin,Id,sinid@example.org,co,2026A,fase-1,A,active',
        'P-3,Bad,Email,not-an-email,co,2026A,fase-1,A,active',
        'P-4,Unknown,Variant,u@example.org,pe,2026A,fase-1,A,active',
        'P-1,Dup,Id,dup@example.org,co,2026A,fase-1,A,active',
        'P-6,Same,Mail,ANA@example.org,co,2026A,fase-1,A,active',
        'P-7,Bad,Phase,p7@example.org,es,2026A,fase-2,A,active',
        'P 8,Space,Id,p8@example.org,co,2026A,fase-1,A,active',
        'P-9,Odd,Status,p9@example.org,co,2026A,fase-1,A,maybe',
      ]),
      { variants: { co: ['Colombia'], es: [] }, phases: { co: ['fase-1', 'fase-2'], es: ['fase-1'] } },
    );
    expect(roster.participants.map((p) => p.id)).toEqual(['P-1']);
    expect(roster.problems.map((p) => `${p.row}: ${p.message}`)).toEqual([
      '3: missing participant id',
      '4: "not-an-email" is not an email address',
      '5: unknown variant "pe" (known: co, es)',
      '6: duplicate id "P-1" (first on row 2)',
      '7: email ANA@example.org is also given to P-1 on row 2',
      '8: unknown phase "fase-2" for variant es (known: fase-1)',
      '9: id "P 8" may contain only letters, digits and . _ - @',
      '10: unknown status "maybe" (use active, withdrawn, paused or completed)',
    ]);
  });
});
