/**
 * The preview server's watching, without a browser: whatever the timing of the saves, it ends on
 * what was saved last.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer, type ServerState } from '../../scripts/preview/server.ts';
import { repoRoot } from '../player/harness.ts';

const lessonPath = 'modules/01-cuidado-profesional/01-que-es-cuidar.md';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('wecare preview server', () => {
  let root: string;
  let server: PreviewServer;
  let original: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'wecare-preview-server-'));
    cpSync(path.join(repoRoot, 'tests/fixtures/programme-mini'), root, { recursive: true });
    original = readFileSync(path.join(root, lessonPath), 'utf8');
    server = await startPreview({ root, lang: 'en' });
  });

  afterAll(async () => {
    await server?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const state = async () => (await (await fetch(`${server.url}__wecare/state`)).json()) as ServerState;
  /** Waits until the problems the server announces satisfy `done`, or two seconds have passed. */
  async function problemsWhen(done: (messages: string[]) => boolean): Promise<string[]> {
    let messages: string[] = [];
    for (let tries = 0; tries < 40; tries += 1) {
      await server.idle();
      messages = (await state()).problems.map((problem) => problem.message);
      if (done(messages)) break;
      await sleep(50);
    }
    return messages;
  }

  it('takes a second save that follows the first within a few milliseconds (format on save)', async () => {
    const lesson = path.join(root, lessonPath);
    for (const gap of [5, 20, 40]) {
      writeFileSync(lesson, original.replace(':::trainer-notes', ':::trainer-notez'));
      await sleep(gap);
      writeFileSync(lesson, original.replace(':::trainer-notes', ':::trainer-notey'));
      const messages = await problemsWhen((list) => list.some((message) => message.includes('trainer-notey')));
      expect(messages.filter((message) => message.includes('trainer-note')), `second save ${gap} ms after the first`).toEqual([expect.stringContaining('":::trainer-notey"')]);
      writeFileSync(lesson, original);
      expect(await problemsWhen((list) => list.length === 0)).toEqual([]);
    }
  });
});
