/**
 * Media derived at build time (sanitised SVG, SVG rendered to PNG) are kept between builds under
 * the source's digest: derived once, read back after, never wrong when the cache is unusable.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { derivedMedia, keepDerivedMediaIn } from '../../scripts/media/derived-cache.ts';
import { shippableMedia } from '../../scripts/media/svg.ts';

afterEach(() => keepDerivedMediaIn(undefined));

describe('derived media cache', () => {
  it('derives once per kind and source digest, then reads the kept bytes', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'wecare-derived-')), 'media');
    keepDerivedMediaIn(dir);
    const derive = vi.fn(async () => Buffer.from('derived'));
    expect((await derivedMedia('svg-png', 'a'.repeat(64), derive)).toString()).toBe('derived');
    expect((await derivedMedia('svg-png', 'a'.repeat(64), derive)).toString()).toBe('derived');
    expect(derive).toHaveBeenCalledTimes(1);
    await derivedMedia('svg-sanitised', 'a'.repeat(64), derive);
    await derivedMedia('svg-png', 'b'.repeat(64), derive);
    expect(derive).toHaveBeenCalledTimes(3);
    expect(readdirSync(dir).filter((file) => !file.endsWith('.part'))).toHaveLength(3);
  });

  it('derives every time when no folder is set or the folder cannot be written', async () => {
    const derive = vi.fn(async () => Buffer.from('x'));
    await derivedMedia('svg-png', 'c'.repeat(64), derive);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'wecare-derived-')), 'a-file');
    writeFileSync(file, '');
    keepDerivedMediaIn(path.join(file, 'media'));
    await derivedMedia('svg-png', 'c'.repeat(64), derive);
    await derivedMedia('svg-png', 'c'.repeat(64), derive);
    expect(derive).toHaveBeenCalledTimes(3);
  });

  it('keeps the sanitised SVG, not the source, and a new process reads it back without sanitising again', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'wecare-derived-')), 'media');
    keepDerivedMediaIn(dir);
    const source = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="4" height="4"/></svg>');
    const digest = 'd'.repeat(64);
    const shipped = (await shippableMedia(source, 'image/svg+xml', digest)).toString();
    expect(shipped).not.toMatch(/onload|script/);
    // What a later build finds under the same digest is the sanitised file.
    const derive = vi.fn(async () => source);
    expect((await derivedMedia('svg-sanitised', digest, derive)).toString()).toBe(shipped);
    expect(derive).not.toHaveBeenCalled();
  });

  it('removes what an older toolkit wrote and what no run used for 30 days, and keeps what is in use', async () => {
    const DAY = 24 * 60 * 60 * 1000;
    const first = path.join(mkdtempSync(path.join(os.tmpdir(), 'wecare-derived-')), 'media');
    keepDerivedMediaIn(first);
    const derive = vi.fn(async () => Buffer.from('png'));
    const entries = () => readdirSync(first).filter((name) => !name.endsWith('.part'));
    await derivedMedia('svg-png', 'e'.repeat(64), derive);
    const [inUse] = entries();
    await derivedMedia('svg-png', 'f'.repeat(64), derive);
    const unused = entries().find((name) => name !== inUse);
    expect(inUse).toMatch(/^svg-png-[0-9a-f]{16}-[0-9a-f]{32}$/);
    expect(unused).toBeDefined();

    // A programme whose cache holds both, plus an entry of another toolkit and one of an older format.
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'wecare-derived-')), 'media');
    mkdirSync(dir);
    const age = (name: string, days: number) => utimesSync(path.join(dir, name), new Date(Date.now() - days * DAY), new Date(Date.now() - days * DAY));
    for (const name of [inUse, unused]) copyFileSync(path.join(first, name!), path.join(dir, name!));
    const otherToolkit = inUse!.replace(/^svg-png-[0-9a-f]{16}-/, `svg-png-${'0'.repeat(16)}-`);
    writeFileSync(path.join(dir, otherToolkit), 'old');
    writeFileSync(path.join(dir, `svg-png-${'1'.repeat(32)}`), 'old format');
    age(inUse!, 29);
    age(otherToolkit, 1);
    age(`svg-png-${'1'.repeat(32)}`, 1);
    age(unused!, 31);

    keepDerivedMediaIn(dir);
    derive.mockClear();
    await derivedMedia('svg-png', 'e'.repeat(64), derive);
    await derivedMedia('svg-png', 'e'.repeat(64), derive);
    expect(derive).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([inUse]);
    // Reading an entry marks it used, so the next 30 days count from now.
    await vi.waitFor(() => expect(Date.now() - statSync(path.join(dir, inUse!)).mtimeMs).toBeLessThan(DAY));
  });
});
