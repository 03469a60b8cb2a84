/**
 * Files derived from media at build time (an SVG sanitised, an SVG rendered to PNG) are kept
 * between builds in `<programme>/.wecare-cache/media/`, under a digest of the toolkit, the kind of
 * derivation and the source's content: sanitising loads a whole DOM (jsdom), and a rebuild after
 * a one-lesson edit should not pay for it again. Unset (tests, library use), nothing is kept on
 * disk; an unreadable or unwritable entry only costs the derivation.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { digestOf, toolkitDigest } from '../build/digest.ts';
import { writeFileAtomic } from '../build/write-atomic.ts';

let folder: string | undefined;

/** Where derived media are kept from now on in this process (undefined stops keeping them); returns where they were kept. */
export function keepDerivedMediaIn(dir: string | undefined): string | undefined {
  const before = folder;
  folder = dir;
  return before;
}

export async function derivedMedia(kind: string, sourceSha256: string, derive: () => Promise<Buffer>): Promise<Buffer> {
  if (!folder) return derive();
  const file = path.join(folder, `${kind}-${digestOf(toolkitDigest(), kind, sourceSha256)}`);
  try {
    return await readFile(file);
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
