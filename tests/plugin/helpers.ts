/**
 * Shared set-up of the plugin tests: a target Moodle (the double, or a real site when MOODLE_URL
 * and MOODLE_TOKEN are set), the fixture programme, and roster builders.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMoodleConfig, type MoodleConfig } from '../../plugin/src/config/moodle-config.ts';
import { MoodleClient, type MoodleClientOptions } from '../../plugin/src/moodle/client.ts';
import { readFileSync } from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const fixtureRoot = path.resolve(here, '../fixtures/moodle');
export const repoRoot = path.resolve(here, '../..');

export function fixtureConfig(): MoodleConfig {
  return parseMoodleConfig(readFileSync(path.join(fixtureRoot, 'content/programme.yaml'), 'utf8'));
}

export const realMoodle = process.env.MOODLE_URL && process.env.MOODLE_TOKEN ? { url: process.env.MOODLE_URL, token: process.env.MOODLE_TOKEN } : undefined;

export { recordedAvailable } from './double/signatures.ts';
import { recordedAvailable, recordedDir } from './double/signatures.ts';

let saidRecorded = false;
/** The double needs ../shared/moodle-recorded (signatures and recorded answers); say so once when it is missing. */
export function sayWhetherRecorded(): void {
  if (saidRecorded || recordedAvailable) return;
  saidRecorded = true;
  // eslint-disable-next-line no-console
  console.info(`plugin tests: ${recordedDir} is missing — the tests that need the Moodle test double are skipped.`);
}

let said = false;
export function sayWhetherRealMoodle(): void {
  if (said) return;
  said = true;
  // eslint-disable-next-line no-console
  console.info(realMoodle ? `plugin tests: also running against the real Moodle at MOODLE_URL` : 'plugin tests: MOODLE_URL/MOODLE_TOKEN not set — the real-Moodle suite is skipped; the double is used.');
}

export const header = 'id,first_name,last_name,email,variant,intake,phase,group,status';

export function csv(rows: string[], head = header): Uint8Array {
  return new TextEncoder().encode([head, ...rows].join('\n') + '\n');
}

/** `n` fictional participants of variant co, intake 2026A, phase fase-1, groups A/B. */
export function participantsRows(n: number, prefix = 'P', options: { variant?: string; phase?: string } = {}): string[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `${prefix}-${String(i + 1).padStart(4, '0')}`;
    return `${id},Nombre${i + 1},Apellido${i + 1},${id.toLowerCase()}@example.org,${options.variant ?? 'co'},2026A,${options.phase ?? 'fase-1'},${i % 2 ? 'B' : 'A'},active`;
  });
}

export function clientFor(url: string, token: string, options: Partial<MoodleClientOptions> = {}): MoodleClient {
  return new MoodleClient({ url, token, sleep: async () => {}, ...options });
}
