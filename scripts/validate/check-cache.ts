/**
 * Incremental checking. A file whose text and context are unchanged is not processed again: its
 * result is looked up by content digest, in memory (`MemoryCache`, for a long-lived process) or
 * on disk (`DiskCache`, `<root>/.wecare-cache/check.json`, between `wecare check` runs).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadOptions } from '../api.ts';
import { PIPELINE_VERSION, runProgramme, type FileCache, type FileFingerprint, type RunResult } from '../parse/load-programme.ts';
import type { ProcessedFile } from '../parse/process-file.ts';
import { keepDerivedMediaIn } from '../media/derived-cache.ts';
import { keepYamlParsesIn } from '../parse/yaml-cache.ts';

/** What a check needs of a processed file: its blocks and HTML are dropped to keep caches small. */
function slim(result: ProcessedFile): ProcessedFile {
  const perVariant: ProcessedFile['perVariant'] = {};
  for (const [code, value] of Object.entries(result.perVariant)) {
    perVariant[code] = { blocks: [], trainerNotes: [], ids: value.ids, media: value.media, sources: [] };
  }
  return { ...result, perVariant };
}

export class MemoryCache implements FileCache {
  protected entries = new Map<string, ProcessedFile>();
  protected used = new Set<string>();
  protected fingerprints = new Map<string, FileFingerprint>();

  /** `keepIr`: keep blocks and HTML too, for a process that builds learner pages (wecare preview). */
  constructor(private readonly keepIr = false) {}

  fingerprint(absolutePath: string): FileFingerprint | undefined {
    return this.fingerprints.get(absolutePath);
  }

  remember(absolutePath: string, fingerprint: FileFingerprint): void {
    this.fingerprints.set(absolutePath, fingerprint);
  }


  get(key: string): ProcessedFile | undefined {
    const entry = this.entries.get(key);
    if (entry) this.used.add(key);
    return entry;
  }

  set(key: string, value: ProcessedFile): void {
    this.entries.set(key, this.keepIr ? value : slim(value));
    this.used.add(key);
  }

  /** Forgets entries no run used since the last prune (deleted or changed files). */
  prune(): void {
    for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key);
    this.used.clear();
  }
}

interface CacheFile {
  version: string;
  entries: Record<string, ProcessedFile>;
  fingerprints?: Record<string, FileFingerprint>;
}

export class DiskCache extends MemoryCache {
  private dirty = false;

  constructor(
    readonly file: string,
    keepIr = false,
  ) {
    super(keepIr);
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (parsed.version === PIPELINE_VERSION && parsed.entries && typeof parsed.entries === 'object') {
        this.entries = new Map(Object.entries(parsed.entries));
        this.fingerprints = new Map(Object.entries(parsed.fingerprints ?? {}));
      }
    } catch {
      // no cache yet, or an unreadable one: start empty
    }
  }

  override set(key: string, value: ProcessedFile): void {
    super.set(key, value);
    this.dirty = true;
  }

  override remember(absolutePath: string, fingerprint: FileFingerprint): void {
    super.remember(absolutePath, fingerprint);
    this.dirty = true;
  }

  /** Writes the entries used by this run (atomically); a failure to write only costs speed. */
  save(): void {
    const stale = this.entries.size !== this.used.size;
    if (!this.dirty && !stale) return;
    this.prune();
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      const cache: CacheFile = { version: PIPELINE_VERSION, entries: Object.fromEntries(this.entries), fingerprints: Object.fromEntries(this.fingerprints) };
      writeFileSync(temporary, JSON.stringify(cache));
      renameSync(temporary, this.file);
      this.dirty = false;
    } catch {
      // read-only checkout: checking still works, only slower next time
    }
  }
}

export const defaultCacheFile = (root: string) => path.join(root, '.wecare-cache', 'check.json');
/**
 * `wecare build`'s own file results, with blocks and HTML (check's are slimmed, so the two never
 * share); one file per set of variants built, since results depend on it.
 */
export const buildCacheFile = (root: string, variants?: string[]) =>
  path.join(root, '.wecare-cache', `build${variants?.length ? `-${[...variants].sort().join('+').replace(/[^A-Za-z0-9+_-]/g, '_')}` : ''}.json`);

export interface CheckOptions extends LoadOptions {
  /** A cache to use, `false` for none; default: the disk cache under the root. */
  cache?: FileCache | false;
}

/** `wecare check`: validates every file of every variant without building HTML; reuses unchanged results. */
export async function checkProgramme(root: string, options: CheckOptions = {}): Promise<RunResult> {
  const { cache: given, ...load } = options;
  if (given !== undefined) return runProgramme(root, { ...load, html: false, cache: given || new MemoryCache() });
  const cache = new DiskCache(defaultCacheFile(path.resolve(root)));
  // What an SVG's sanitising removes is kept with the build's derived media (a check then loads no
  // DOM for it), and what the YAML library parses content/ into, as the build keeps them.
  const cacheDir = path.join(path.resolve(root), '.wecare-cache');
  const media = keepDerivedMediaIn(path.join(cacheDir, 'media'));
  const yaml = keepYamlParsesIn(path.join(cacheDir, 'yaml'));
  try {
    const result = await runProgramme(root, { ...load, html: false, cache });
    cache.save();
    return result;
  } finally {
    keepDerivedMediaIn(media);
    keepYamlParsesIn(yaml);
  }
}

/** A checker for a long-lived process (editor integration, watch mode, benchmarks): keeps results in memory. */
export function createIncrementalChecker(root: string, options: LoadOptions = {}) {
  const cache = new MemoryCache();
  return {
    async check(): Promise<RunResult> {
      const result = await runProgramme(root, { ...options, html: false, cache });
      cache.prune();
      return result;
    },
  };
}
