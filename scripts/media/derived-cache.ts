/**
 * Files derived from media at build time (an SVG sanitised, an SVG rendered to PNG) are kept
 * between builds in `<programme>/.wecare-cache/media/`, under the kind of derivation, a digest of
 * the toolkit and a digest of the source's content: sanitising loads a whole DOM (jsdom), and a
 * rebuild after a one-lesson edit should not pay for it again. Unset (tests, library use), nothing
 * is kept on disk; an unreadable or unwritable entry only costs the derivation.
 *
 * The folder does not grow without end: the first time a process uses it, entries another toolkit
 * wrote (they are never read again after an upgrade) and entries no run has used for
 * `UNUSED_DAYS` (media since edited or removed) are removed; reading an entry marks it used.
 */
import { readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { digestOf, toolkitDigest } from '../build/digest.ts';
import { writeFileAtomic } from '../build/write-atomic.ts';

const UNUSED_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

let folder: string | undefined;
/** Folders pruned by this process (once each). */
const pruned = new Map<string, Promise<void>>();
/** Entries written after this process started are never removed by it: builds running at once share the folder. */
const processStart = Date.now();

/** Where derived media are kept from now on in this process (undefined stops keeping them); returns where they were kept. */
export function keepDerivedMediaIn(dir: string | undefined): string | undefined {
  const before = folder;
  folder = dir;
  return before;
}

/** `svg-png-<toolkit>-<digest>`: the toolkit part tells which entries an upgrade left behind. */
const ENTRY = /^([a-z-]+)-([0-9a-f]{16})-([0-9a-f]{32})$/;
const toolkitPart = () => toolkitDigest().slice(0, 16);

async function prune(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return; // nothing kept yet
  }
  const toolkit = toolkitPart();
  const now = Date.now();
  await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      try {
        const written = (await stat(file)).mtimeMs;
        if (written >= processStart) return;
        const match = ENTRY.exec(name);
        const stale = !match || match[2] !== toolkit || now - written > UNUSED_DAYS * DAY;
        if (stale) await rm(file, { force: true });
      } catch {
        // removed by another build meanwhile
      }
    }),
  );
}

export async function derivedMedia(kind: string, sourceSha256: string, derive: () => Promise<Buffer>): Promise<Buffer> {
  const dir = folder;
  if (!dir) return derive();
  let pruning = pruned.get(dir);
  if (!pruning) pruned.set(dir, (pruning = prune(dir)));
  await pruning;
  const file = path.join(dir, `${kind}-${toolkitPart()}-${digestOf(kind, sourceSha256)}`);
  try {
    const bytes = await readFile(file);
    const now = new Date();
    utimes(file, now, now).catch(() => undefined);
    return bytes;
  } catch {
    // not kept yet
  }
  const bytes = await derive();
  try {
    writeFileAtomic(file, bytes);
  } catch {
    // A cache that cannot be written only costs time.
  }
  return bytes;
}
