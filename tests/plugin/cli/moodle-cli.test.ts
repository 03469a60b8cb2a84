import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/cli/main.ts';
import { createMoodleDouble, seedCourse, type MoodleDouble } from '../double/index.ts';
import { csv, fixtureRoot, participantsRows, recordedAvailable, sayWhetherRecorded } from '../helpers.ts';

sayWhetherRecorded();
let double: MoodleDouble;
let dir: string;
const saved = { url: process.env.MOODLE_URL, token: process.env.MOODLE_TOKEN };

beforeAll(async () => {
  double = createMoodleDouble();
  for (const idnumber of ['WC-CO-M01', 'WC-CO-M02', 'WC-CO-M03', 'WC-ES-M01']) seedCourse(double.state, { shortname: idnumber.toLowerCase(), idnumber });
  process.env.MOODLE_URL = await double.start();
  process.env.MOODLE_TOKEN = double.token;
  dir = await mkdtemp(path.join(os.tmpdir(), 'wecare-cli-'));
});
afterAll(async () => {
  process.env.MOODLE_URL = saved.url;
  process.env.MOODLE_TOKEN = saved.token;
  if (saved.url === undefined) delete process.env.MOODLE_URL;
  if (saved.token === undefined) delete process.env.MOODLE_TOKEN;
  await double.stop();
  await rm(dir, { recursive: true, force: true });
});

async function wecare(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: fixtureRoot, isTTY: false });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe.skipIf(!recordedAvailable)('wecare moodle sync / report (CLI)', () => {
  it('dry-runs by default, applies with --apply, then has nothing to do', async () => {
    const roster = path.join(dir, 'roster.csv');
    await writeFile(roster, csv(participantsRows(4)));
    const dry = await wecare('moodle', 'sync', roster);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Users to create (4)');
    expect(dry.stdout).toContain('Dry run: nothing was changed');
    expect(double.state.users.size).toBe(1);

    const applied = await wecare('moodle', 'sync', roster, '--apply');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/4 account\(s\) created/);
    expect(applied.stdout).toMatch(/8 enrolment\(s\) added/);

    const again = await wecare('moodle', 'sync', roster, '--apply');
    expect(again.stdout).toContain('Nothing to change: Moodle already matches the roster.');
    for (const run of [dry, applied, again]) expect(`${run.stdout}${run.stderr}`).not.toContain(double.token);
  });

  it('skips bad rows with their row numbers, or refuses everything with --strict', async () => {
    const roster = path.join(dir, 'bad.csv');
    // Semicolons and a BOM, as a Spanish-locale spreadsheet exports them.
    const text = '\uFEFFid;first_name;last_name;email;variant;intake;phase;group;status\nQ-1;Ana;Ruiz;q-1@example.org;co;2026A;fase-1;A;active\nQ-2;Bad;Mail;nope;co;2026A;fase-1;A;active\n';
    await writeFile(roster, text);
    const lenient = await wecare('moodle', 'sync', roster);
    // A skipped row is a refused item: exit 3, as docs/moodle.md says, dry run included.
    expect(lenient.code).toBe(3);
    expect(lenient.stderr).toContain('bad.csv: row 3 (email): "nope" is not an email address');
    expect(lenient.stdout).toContain('Q-1 (row 2)');
    const before = double.calls.length;
    const strict = await wecare('moodle', 'sync', roster, '--strict', '--apply');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/1 bad row\(s\) in .*bad\.csv; nothing was done \(--strict\)/);
    expect(double.calls.length).toBe(before);
  });

  it('refuses a token on the command line and never prints it', async () => {
    const result = await wecare('moodle', 'sync', 'x.csv', '--token', double.token);
    expect(result.code).toBe(2);
    expect(`${result.stdout}${result.stderr}`).not.toContain(double.token);
  });

  it('explains a bad token without showing it', async () => {
    const roster = path.join(dir, 'one.csv');
    await writeFile(roster, csv(participantsRows(1, 'Z')));
    const secret = 'not-the-right-token-9876543210';
    process.env.MOODLE_TOKEN = secret;
    try {
      const result = await wecare('moodle', 'sync', roster);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('[invalidtoken]');
      expect(result.stderr).toContain('Check MOODLE_TOKEN');
      expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
    } finally {
      process.env.MOODLE_TOKEN = double.token;
    }
  });

  it('writes the three report files', async () => {
    const out = path.join(dir, 'reports');
    const result = await wecare('moodle', 'report', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Wrote .*completion\.csv.*summary\.json.*index\.html/);
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.participants).toBe(4);
    expect(summary.calls).toBeGreaterThan(0);
  });
});
