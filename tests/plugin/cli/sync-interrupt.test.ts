/**
 * Ctrl-C during `wecare moodle sync --apply`, in a real child process: the request in flight
 * finishes, no further write is sent, the command says what was done and that running it again
 * converges, and exits 130. Running it again does converge.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/cli/main.ts';
import { createMoodleDouble, seedCourse, type MoodleDouble } from '../double/index.ts';
import { csv, fixtureRoot, participantsRows, recordedAvailable, repoRoot, sayWhetherRecorded } from '../helpers.ts';

sayWhetherRecorded();
let double: MoodleDouble;
let dir: string;
let firstWrite: Promise<void>;

beforeAll(async () => {
  let reached!: () => void;
  firstWrite = new Promise((resolve) => (reached = resolve));
  // The first write (creating the accounts) is slow enough for Ctrl-C to land while it is in flight.
  double = createMoodleDouble({
    latencyMs: (name) => {
      if (name !== 'core_user_create_users') return 0;
      reached();
      return 1500;
    },
  });
  for (const idnumber of ['WC-CO-M01', 'WC-CO-M02', 'WC-CO-M03', 'WC-ES-M01']) seedCourse(double.state, { shortname: idnumber.toLowerCase(), idnumber });
  await double.start();
  dir = await mkdtemp(path.join(os.tmpdir(), 'wecare-sigint-'));
});
afterAll(async () => {
  await double?.stop();
  await rm(dir, { recursive: true, force: true });
});

function runChild(args: string[]): { exit: Promise<{ code: number | null; stdout: string; stderr: string }>; interrupt: () => void } {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/wecare.js'), ...args], {
    cwd: fixtureRoot,
    env: { ...process.env, MOODLE_URL: double.url, MOODLE_TOKEN: double.token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { exit, interrupt: () => child.kill('SIGINT') };
}

describe.skipIf(!recordedAvailable)('Ctrl-C during wecare moodle sync --apply', () => {
  it('says what was done and that running again converges; running again does', async () => {
    const roster = path.join(dir, 'roster.csv');
    await writeFile(roster, csv(participantsRows(4, 'S')));
    const run = runChild(['moodle', 'sync', roster, '--apply']);
    await firstWrite;
    run.interrupt();
    const { code, stdout, stderr } = await run.exit;
    expect(code).toBe(130);
    expect(stderr).toContain('Stopping after the request Moodle is working on');
    // The accounts request that was in flight finished and is reported; nothing was written after it.
    expect(stdout).toMatch(/Done:\n\s+4 account\(s\) created/);
    expect(stdout).toContain('Stopped early: stopped at your request (Ctrl-C) before');
    expect(stdout).toContain('Nothing is lost: run the same command again');
    expect(double.calls.some((c) => c.functionName === 'enrol_manual_enrol_users')).toBe(false);
    expect(`${stdout}${stderr}`).not.toContain(double.token);

    const io = () => {
      const out: string[] = [];
      return { out, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), cwd: fixtureRoot, isTTY: false } };
    };
    const env = { url: process.env.MOODLE_URL, token: process.env.MOODLE_TOKEN };
    process.env.MOODLE_URL = double.url;
    process.env.MOODLE_TOKEN = double.token;
    try {
      const second = io();
      expect(await main(['moodle', 'sync', roster, '--apply'], second.io)).toBe(0);
      expect(second.out.join('\n')).not.toContain('account(s) created');
      expect(second.out.join('\n')).toMatch(/8 enrolment\(s\) added/);
      const third = io();
      expect(await main(['moodle', 'sync', roster, '--apply'], third.io)).toBe(0);
      expect(third.out.join('\n')).toContain('Nothing to change: Moodle already matches the roster.');
    } finally {
      for (const [key, value] of [['MOODLE_URL', env.url], ['MOODLE_TOKEN', env.token]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
