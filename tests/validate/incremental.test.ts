/** Unchanged files are skipped by content digest, and skipping never changes the messages. */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProgramme, createIncrementalChecker, defaultCacheFile, DiskCache } from '../../scripts/validate/check-cache.ts';
import { copyMini } from '../parse/helpers.ts';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('incremental checking', () => {
  it('re-checks only changed files through the on-disk cache, with the same messages as a full check', async () => {
    const { root, cleanup: done } = copyMini();
    cleanup = done;
    const first = await checkProgramme(root);
    expect(first.processed).toBe(8); // 3 module.md + 5 lessons
    expect(existsSync(defaultCacheFile(root))).toBe(true);

    const second = await checkProgramme(root);
    expect(second.processed).toBe(0);
    expect(second.diagnostics).toEqual(first.diagnostics);

    const lesson = path.join(root, 'modules/02-seguridad/01-emergencias.md');
    appendFileSync(lesson, '\n:::reflection{#m01-refl}\nDuplicada.\n:::\n');
    const third = await checkProgramme(root);
    expect(third.processed).toBe(1);
    const full = await checkProgramme(root, { cache: false });
    expect(third.diagnostics).toEqual(full.diagnostics);
    // The duplicate id spans two files: found although the other file came from the cache.
    expect(third.diagnostics.map((d) => d.ruleId)).toContain('duplicate-id');
  });

  it('re-checks everything when shared content changes', async () => {
    const { root, cleanup: done } = copyMini();
    cleanup = done;
    await checkProgramme(root);
    const variant = path.join(root, 'content/variants/co.yaml');
    writeFileSync(variant, readFileSync(variant, 'utf8').replace('health: Secretaría de Salud', 'hospital: Secretaría de Salud'));
    const result = await checkProgramme(root);
    expect(result.processed).toBe(8);
    expect(result.diagnostics.filter((d) => d.ruleId === 'unknown-variable').map((d) => `${d.file}:${d.line}`)).toEqual([
      'modules/02-seguridad/01-emergencias.md:9',
      'modules/02-seguridad/02-solo-colombia.md:7',
    ]);
  });

  it('ignores a corrupt cache file', async () => {
    const { root, cleanup: done } = copyMini();
    cleanup = done;
    await checkProgramme(root);
    writeFileSync(defaultCacheFile(root), '{not json');
    const result = await checkProgramme(root, { cache: new DiskCache(defaultCacheFile(root)) });
    expect(result.processed).toBe(8);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('keeps results in memory in a long-lived process', async () => {
    const { root, cleanup: done } = copyMini();
    cleanup = done;
    const checker = createIncrementalChecker(root);
    expect((await checker.check()).processed).toBe(8);
    appendFileSync(path.join(root, 'modules/01-cuidado-profesional/02-comunicar.md'), '\nMás texto.\n');
    expect((await checker.check()).processed).toBe(1);
    expect((await checker.check()).processed).toBe(0);
  });
});
