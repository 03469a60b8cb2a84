/**
 * Moodle sync and report against the test double with 30 ms of latency per call (what one call
 * costs on a small real Moodle, ../shared/moodle-recorded/perf_summary.json).
 * - sync of 1,000 new participants: calls and time, beside a one-call-per-item baseline run by the
 *   same code in the same run (the way a naive script talks to Moodle);
 * - report for 300 participants × 6 courses: calls and time.
 */
import { parseMoodleConfig } from '../../plugin/src/config/moodle-config.ts';
import { MoodleClient } from '../../plugin/src/moodle/client.ts';
import { collectReport } from '../../plugin/src/report/collect.ts';
import { applyPlan, changeCount, planSync, readRoster } from '../../plugin/src/sync/index.ts';
import { createMoodleDouble, seedCourse, seedEnrolment, seedModule, seedProgress, seedUser } from '../../tests/plugin/double/index.ts';
import { installLocalWecare } from '../../tests/plugin/double/local-wecare.ts';
import type { BenchSection } from './run.ts';

const latencyMs = 30;
const siteMaxInputVars = 5000; // Moodle's required minimum; the recorded site's value.

const config = parseMoodleConfig(`
moodle:
  usernamePrefix: wc-
  cohort: { idnumber: "wecare-{intake}-{variant}", name: "WeCare {intake} {variant}" }
  group: { idnumber: "{intake}-{group}", name: "{group} {intake}" }
  variants:
    co:
      phases:
        fase-1: [CO-M01, CO-M02]
        fase-2: [CO-M03]
    es:
      phases:
        fase-1: [ES-M01, ES-M02]
        fase-2: [ES-M03]
`);
const courseKeys = ['CO-M01', 'CO-M02', 'CO-M03', 'ES-M01', 'ES-M02', 'ES-M03'];

function roster(n: number): Uint8Array {
  const rows = Array.from({ length: n }, (_, i) => {
    const id = `WC-${String(i + 1).padStart(5, '0')}`;
    return `${id},Nombre${i},Apellido${i},${id.toLowerCase()}@example.org,${i % 3 ? 'co' : 'es'},2026A,fase-1,G${i % 8},active`;
  });
  return new TextEncoder().encode(['id,first_name,last_name,email,variant,intake,phase,group,status', ...rows].join('\n'));
}

async function syncOnce(participants: number, clientMaxInputVars: number, maxItemsPerCall?: number) {
  const double = createMoodleDouble({ latencyMs, maxInputVars: siteMaxInputVars });
  for (const key of courseKeys) seedCourse(double.state, { shortname: key.toLowerCase(), idnumber: key });
  const url = await double.start();
  try {
    const client = new MoodleClient({ url, token: double.token, maxInputVars: clientMaxInputVars, maxItemsPerCall, concurrency: 4 });
    const parsed = readRoster(roster(participants), config);
    const started = performance.now();
    const plan = await planSync(client, config, parsed.participants);
    const result = await applyPlan(client, plan);
    const ms = performance.now() - started;
    if (result.interrupted || result.failures.length || result.usersCreated !== participants) throw new Error(`sync bench failed: ${result.interrupted ?? result.failures[0]?.message ?? result.usersCreated}`);
    const calls = client.stats.calls;
    const again = performance.now();
    const second = await planSync(client, config, parsed.participants);
    if (changeCount(second)) throw new Error('second run planned changes');
    return { calls, ms, rerunCalls: client.stats.calls - calls, rerunMs: performance.now() - again, dropped: double.calls.reduce((n, c) => n + c.dropped, 0) };
  } finally {
    await double.stop();
  }
}

/**
 * Per-user cost of core_user_get_users_by_field on a real Moodle 5.0: 100 users in one call took
 * 387 ms (../shared/moodle-recorded/perf_summary.json), about 3.6 ms per user on top of the call,
 * because Moodle builds each user's full profile. The plugin's bulk read is one SQL query.
 */
const profileMsPerUser = 3.6;
const perUserLatency = (name: string | null, params: Record<string, unknown>) =>
  latencyMs + (name === 'core_user_get_users_by_field' ? profileMsPerUser * Object.keys((params.values as object | undefined) ?? {}).length : 0);

/** A sync rerun that must change nothing, for `participants` already in Moodle: the read side alone. */
async function rerunOnce(participants: number, withPlugin: boolean) {
  const double = createMoodleDouble({ latencyMs: perUserLatency, maxInputVars: siteMaxInputVars });
  if (withPlugin) installLocalWecare(double);
  for (const key of courseKeys) seedCourse(double.state, { shortname: key.toLowerCase(), idnumber: key });
  const url = await double.start();
  try {
    const client = new MoodleClient({ url, token: double.token, maxInputVars: siteMaxInputVars, concurrency: 4 });
    const parsed = readRoster(roster(participants), config);
    const first = await applyPlan(client, await planSync(client, config, parsed.participants));
    if (first.interrupted || first.failures.length) throw new Error('rerun bench: the first sync failed');
    const times: number[] = [];
    let calls = 0;
    for (let run = 0; run < 3; run += 1) {
      const before = client.stats.calls;
      const started = performance.now();
      const plan = await planSync(client, config, parsed.participants, [], { source: withPlugin ? 'auto' : 'core' });
      times.push(performance.now() - started);
      calls = client.stats.calls - before;
      if (changeCount(plan)) throw new Error('rerun bench: a rerun planned changes');
    }
    return { ms: times.sort((a, b) => a - b)[1]!, calls };
  } finally {
    await double.stop();
  }
}

async function reportOnce(participants: number, withPlugin: boolean) {
  const double = createMoodleDouble({ latencyMs, maxInputVars: siteMaxInputVars });
  if (withPlugin) installLocalWecare(double);
  const s = double.state;
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const users = Array.from({ length: participants }, (_, i) => seedUser(s, { username: `r${i}`, idnumber: `WC-${i}` }));
  courseKeys.forEach((key, index) => {
    const course = seedCourse(s, { shortname: key.toLowerCase(), idnumber: key });
    const modules = [
      seedModule(s, { courseid: course.id, modname: 'scorm', name: `${key} SCORM` }),
      seedModule(s, { courseid: course.id, modname: 'h5pactivity', name: `${key} H5P 1` }),
      seedModule(s, { courseid: course.id, modname: 'h5pactivity', name: `${key} H5P 2` }),
    ];
    if (index % 2 === 0) course.completionCriteria = modules.map((m) => m.id);
    for (const user of users) {
      seedEnrolment(s, course.id, user.id);
      for (const module of modules) {
        if (random() < 0.6) seedProgress(s, { cmid: module.id, userid: user.id, state: random() < 0.8 ? 2 : 3, graderaw: Math.round(random() * 100), attempts: [{ rawscore: 1, maxscore: 1 }] });
      }
    }
  });
  const url = await double.start();
  try {
    const client = new MoodleClient({ url, token: double.token, maxInputVars: 1000, concurrency: 8 });
    const started = performance.now();
    const data = await collectReport(client, config, { concurrency: 8 });
    const ms = performance.now() - started;
    if (data.participants !== participants || data.source !== (withPlugin ? 'local_wecare' : 'core')) throw new Error('report bench: wrong participants or source');
    return { calls: client.stats.calls, ms, byFunction: client.stats.byFunction };
  } finally {
    await double.stop();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default async function bench(): Promise<BenchSection> {
  const batched = await syncOnce(1000, siteMaxInputVars);
  const conservative = await syncOnce(1000, 1000);
  const baseline = await syncOnce(1000, siteMaxInputVars, 1);
  const rerunCore = await rerunOnce(1000, false);
  const rerunPlugin = await rerunOnce(1000, true);
  const report = await reportOnce(300, false);
  const pluginReport = await reportOnce(300, true);
  const lines = [
    `Test double over HTTP on loopback, ${latencyMs} ms latency per call, site max_input_vars ${siteMaxInputVars}, 4 requests in flight. 1,000 new participants (two variants, 8 groups) into 6 mapped courses, cohorts and groups; then a second run (which must plan nothing).`,
    '',
    '| sync of 1,000 participants | calls | time | second run |',
    '|---|---:|---:|---:|',
    `| batched, client max_input_vars 5,000 | ${batched.calls} | ${seconds(batched.ms)} | ${batched.rerunCalls} calls, ${seconds(batched.rerunMs)} |`,
    `| batched, client default max_input_vars 1,000 | ${conservative.calls} | ${seconds(conservative.ms)} | ${conservative.rerunCalls} calls, ${seconds(conservative.rerunMs)} |`,
    `| baseline: same code, one item per call | ${baseline.calls} | ${seconds(baseline.ms)} | ${baseline.rerunCalls} calls, ${seconds(baseline.rerunMs)} |`,
    '',
    `Batched sync: ${(baseline.calls / batched.calls).toFixed(0)}× fewer calls and ${(baseline.ms / batched.ms).toFixed(1)}× faster than the baseline (target: fewer than 40 calls). Form fields dropped by the double's max_input_vars: ${batched.dropped + conservative.dropped}.`,
    '',
    `A rerun that changes nothing, 1,000 participants already synced (the read side of planning; median of 3). The double charges core_user_get_users_by_field ${profileMsPerUser} ms per user on top of the ${latencyMs} ms call, as a real Moodle 5.0 does (perf_summary.json: 100 users, 387 ms); target under 2 s:`,
    '',
    '| sync rerun, nothing to change | calls | time |',
    '|---|---:|---:|',
    `| core functions (core_user_get_users_by_field) | ${rerunCore.calls} | ${seconds(rerunCore.ms)} |`,
    `| with local_wecare (local_wecare_get_users_by_idnumber, one call) | ${rerunPlugin.calls} | ${seconds(rerunPlugin.ms)} |`,
    '',
    `Report, 300 participants × 6 courses × 3 graded activities (SCORM + 2 H5P), completion criteria on 3 courses, 8 requests in flight: **${report.calls} calls, ${seconds(report.ms)}**. Core Moodle has no bulk activity-completion function, so most calls are one per participant and course:`,
    '',
    '| function | calls |',
    '|---|---:|',
    ...Object.entries(report.byFunction).sort(([, a], [, b]) => b - a).map(([name, count]) => `| ${name} | ${count} |`),
    '',
    `Same report when the site has the local_wecare plugin (\`local_wecare_get_course_progress\`, one paged call per course): **${pluginReport.calls} calls, ${seconds(pluginReport.ms)}** (${(report.calls / pluginReport.calls).toFixed(0)}× fewer calls).`,
  ];
  return { title: 'Moodle sync and report (plugin)', markdown: lines.join('\n') };
}
