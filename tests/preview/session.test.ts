import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignBlocks } from '../../scripts/preview/align.ts';
import { PreviewSession } from '../../scripts/preview/session.ts';
import { repoRoot } from '../player/harness.ts';

describe('the preview session', () => {
  let root: string;
  const lessonPath = 'modules/02-seguridad/01-emergencias.md';
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'wecare-session-'));
    cpSync(path.join(repoRoot, 'tests/fixtures/programme-mini'), root, { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('rebuilds only the module of the edited lesson, one variant after the other, and names the pages it changed', async () => {
    const session = new PreviewSession(root);
    const first = await session.rebuild();
    expect(first.processed).toBeGreaterThan(4);
    expect(first.changedPages).toContain('co/m02-seguridad');
    const otherModule = session.module('es', 'm01-cuidado-profesional')!.module;

    const file = path.join(root, lessonPath);
    const edit = async (text: string) => {
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n$/, `\n\n${text}\n`));
      const passes: string[][] = [];
      const result = await session.rebuild([lessonPath], (pages) => {
        passes.push(pages);
      });
      return { result, passes };
    };
    await edit('Primer cambio.');
    const { result, passes } = await edit('Texto nuevo de la lección.');
    // Only the edited lesson is processed again, once per variant (each variant resolves it alone).
    expect(result.processed).toBe(2);
    expect(passes).toEqual([['es/m02-seguridad'], ['co/m02-seguridad']]);
    expect(JSON.stringify(session.module('es', 'm02-seguridad')!.module.lessons[0]!.blocks)).toContain('Texto nuevo de la lección.');
    // The other module was not rebuilt: the very same IR is served.
    expect(session.module('es', 'm01-cuidado-profesional')!.module).toBe(otherModule);
    expect(session.problems()).toEqual([]);

    const unchanged = await session.rebuild([lessonPath]);
    expect(unchanged).toMatchObject({ processed: 0, changedPages: [] });
  });

  it('keeps the last good programme when programme.yaml breaks, and reports it as a problem of that file', async () => {
    const session = new PreviewSession(root, { lang: 'en' });
    await session.rebuild();
    const programmeFile = path.join(root, 'content/programme.yaml');
    const good = readFileSync(programmeFile, 'utf8');
    writeFileSync(programmeFile, 'id: [unclosed\n');
    await session.rebuild(['content/programme.yaml']);
    expect(session.module('es', 'm01-cuidado-profesional')).toBeDefined();
    expect(session.problems().map((p) => p.file)).toContain('content/programme.yaml');
    writeFileSync(programmeFile, good);
    await session.rebuild(['content/programme.yaml']);
    expect(session.problems()).toEqual([]);
  });
});

describe('a half-saved lesson', () => {
  it('is reported on its file and never stops the session; the saved text brings the module back', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'wecare-session-'));
    try {
      cpSync(path.join(repoRoot, 'tests/fixtures/programme-mini'), root, { recursive: true });
      const lessonPath = 'modules/01-cuidado-profesional/02-comunicar.md';
      const file = path.join(root, lessonPath);
      const full = readFileSync(file, 'utf8');
      const session = new PreviewSession(root, { lang: 'en' });
      await session.rebuild();
      // Empty, then cut in the middle of the front matter (as an editor may leave it for a moment).
      for (const partial of ['', full.slice(0, full.indexOf('title:'))]) {
        writeFileSync(file, partial);
        await session.rebuild([lessonPath]);
        expect(session.problems().length).toBeGreaterThan(0);
        expect(new Set(session.problems().map((p) => p.file))).toEqual(new Set([lessonPath]));
        expect(session.module('es', 'm02-seguridad')).toBeDefined();
      }
      writeFileSync(file, full);
      await session.rebuild([lessonPath]);
      expect(session.problems()).toEqual([]);
      expect(session.module('es', 'm01-cuidado-profesional')!.module.lessons.map((l) => l.id)).toContain('l02-comunicar');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('alignBlocks', () => {
  it('puts equal blocks on one row and pairs the changed ones in between', () => {
    expect(alignBlocks(['a', 'b', 'c', 'd'], ['a', 'B', 'c', 'x', 'd'])).toEqual([
      { left: 'a', right: 'a', same: true },
      { left: 'b', right: 'B', same: false },
      { left: 'c', right: 'c', same: true },
      { right: 'x', same: false },
      { left: 'd', right: 'd', same: true },
    ]);
    expect(alignBlocks(['a'], [])).toEqual([{ left: 'a', same: false }]);
  });
});
