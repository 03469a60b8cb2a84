/**
 * Incremental checking. A file whose text and context are unchanged is not processed again: its
 * result is looked up by content digest, in memory (`MemoryCache`, for a long-lived process) or
 * on disk (`DiskCache`, `<root>/.wecare-cache/check.json`, between `wecare check` runs).
 */
import { readFileSync } from 'node:fs';
import type { LoadOptions } from '../api.ts';
import { PIPELINE_VERSION, runProgramme, type FileCache, type FileFingerprint, type RunResult } from '../parse/load-programme.ts';
import type { ProcessedFile } from '../parse/process-file.ts';
import { cachePath, keepProgrammeCaches } from '../build/cache-folder.ts';
import { writeFileAtomic } from '../build/write-atomic.ts';
import { packUnits } from '../translate/unit-cache.ts';

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

/** An entry as written to disk: its translation units packed (entries in memory are shared, never changed). */
function onDisk(result: ProcessedFile): ProcessedFile {
  if (!result.units) return result;
  const units: NonNullable<ProcessedFile['units']> = {};
  for (const [code, file] of Object.entries(result.units)) units[code] = file.units ? { ...file, units: packUnits(file.units) } : file;
  return { ...result, units };
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
      const cache: CacheFile = { version: PIPELINE_VERSION, entries: Object.fromEntries([...this.entries].map(([key, entry]) => [key, onDisk(entry)])), fingerprints: Object.fromEntries(this.fingerprints) };
      writeFileAtomic(this.file, JSON.stringify(cache));
      this.dirty = false;
    } catch {
      // read-only checkout: checking still works, only slower next time
    }
  }
}

export const defaultCacheFile = (root: string) => cachePath(root, 'check.json');
/**
 * `wecare build`'s own file results, with blocks and HTML (check's are slimmed, so the two never
 * share); one file per set of variants built, since results depend on it.
 */
export const buildCacheFile = (root: string, variants?: string[]) =>
  cachePath(root, `build${variants?.length ? `-${[...variants].sort().join('+').replace(/[^A-Za-z0-9+_-]/g, '_')}` : ''}.json`);

export interface CheckOptions extends LoadOptions {
  /** A cache to use, `false` for none; default: the disk cache under the root. */
  cache?: FileCache | false;
}

/** `wecare check`: validates every file of every variant without building HTML; reuses unchanged results. */
export async function checkProgramme(root: string, options: CheckOptions = {}): Promise<RunResult> {
  const { cache: given, ...load } = options;
  if (given !== undefined) return runProgramme(root, { ...load, html: false, cache: given || new MemoryCache() });
  const cache = new DiskCache(defaultCacheFile(root));
  // As the build does: what an SVG's sanitising removes (a check then loads no DOM for it), and what
  // the YAML library parses content/ into, are kept in the cache folder too.
  const restore = keepProgrammeCaches(root);
  try {
    const result = await runProgramme(root, { ...load, html: false, cache });
    cache.save();
    return result;
  } finally {
    restore();
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
