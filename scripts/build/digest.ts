/**
 * Digests of what a build output is made from: the programme's source folders (text and media),
 * the toolkit's own code, and the options. Contents are hashed, never times, so a fresh clone of
 * unchanged sources is up to date with a `dist/` built elsewhere from the same sources.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const digestOf = (...parts: string[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 32);
};

/** Every file under `dir` (relative paths, forward slashes, sorted); a missing folder has none. */
function filesUnder(dir: string, skip: (relative: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(dir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (skip(child)) continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

/** Digest of the names and contents of every file under `dir`, except those `skip` names. */
export function folderDigest(dir: string, skip?: (relative: string) => boolean): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(dir, skip)) {
    hash.update(file).update('\0');
    try {
      hash.update(readFileSync(path.join(dir, file)));
    } catch {
      hash.update('unreadable');
    }
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

export interface SourceDigests {
  /**
   * What every output depends on: `content/` but the assessment, and `translations/`. Variant
   * files are in it whole: a variant may be checked against, or take data from, another.
   */
  programme: string;
  /** Each module folder (and `content/assessment`), by folder relative to the root. */
  modules: Map<string, string>;
  /** All of the above: equal digests mean equal sources. */
  all: string;
}

/** Digests of the programme at `root`, folder by folder: `moduleDirs` as listed by the loader. */
export function sourceDigests(root: string, moduleDirs: string[]): SourceDigests {
  const programme = digestOf(
    folderDigest(path.join(root, 'content'), (relative) => relative === 'assessment'),
    folderDigest(path.join(root, 'translations')),
  );
  const modules = new Map(moduleDirs.map((dir) => [dir, folderDigest(path.join(root, dir))]));
  return { programme, modules, all: digestOf(programme, ...[...modules].flat()) };
}

let toolkit: string | undefined;

/**
 * Digest of the toolkit that builds: its version, its code and templates, and its locked
 * dependencies. A change to any compiler rebuilds everything, as a new release would.
 */
export function toolkitDigest(): string {
  if (toolkit) return toolkit;
  const toolkitRoot = fileURLToPath(new URL('../../', import.meta.url));
  const read = (file: string) => {
    try {
      return readFileSync(path.join(toolkitRoot, file), 'utf8');
    } catch {
      return '';
    }
  };
  const version = (JSON.parse(read('package.json') || '{}') as { version?: string }).version ?? '';
  const skip = (relative: string) => relative === 'bench' || relative.startsWith('bench/');
  toolkit = digestOf(version, read('package-lock.json'), folderDigest(path.join(toolkitRoot, 'scripts'), skip), folderDigest(path.join(toolkitRoot, 'templates')));
  return toolkit;
}
