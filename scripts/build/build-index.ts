/**
 * `dist/.wecare-build.json`: what `dist/` holds and from what. One entry per output unit (a
 * variant × format × module, or a variant × format for what belongs to the variant as a whole)
 * with the digest of its inputs, the files it wrote (size and time, to notice a file changed or
 * removed by hand) and the problems found while building it (shown again when it is skipped).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../validate/diagnostic.ts';
import { writeFileAtomic } from './write-atomic.ts';

export const INDEX_FILE = '.wecare-build.json';
const INDEX_VERSION = 1;

export interface OutputFile {
  size: number;
  mtimeMs: number;
}

export interface UnitRecord {
  variant: string;
  format: string;
  /** Module id; absent for a unit that belongs to the variant as a whole (guide, web index). */
  module?: string;
  /** Digest of every input of the unit. */
  digest: string;
  /** Files written, relative to the output folder (forward slashes). */
  outputs: Record<string, OutputFile>;
  /** Warnings reported while building the unit. */
  diagnostics: Diagnostic[];
}

export interface RequestRecord {
  /** Digest of all sources, toolkit and options when this request last built everything it names. */
  digest: string;
  /** Each unit of the request and its digest then: a unit rebuilt since by another request breaks the match. */
  units: Record<string, string>;
  /** Every problem the build printed. */
  diagnostics: Diagnostic[];
}

export interface BuildIndex {
  version: number;
  units: Record<string, UnitRecord>;
  /** By request (the formats, variants and modules asked for): lets an unchanged programme skip loading. */
  requests: Record<string, RequestRecord>;
}

export const unitKey = (variant: string, format: string, module?: string) => [variant, format, ...(module ? [module] : [])].join('/');

export function emptyIndex(): BuildIndex {
  return { version: INDEX_VERSION, units: {}, requests: {} };
}

/** The index of `outDir`, or an empty one when absent, unreadable or written by another version. */
export function readIndex(outDir: string): BuildIndex {
  try {
    const parsed = JSON.parse(readFileSync(path.join(outDir, INDEX_FILE), 'utf8')) as Partial<BuildIndex>;
    if (parsed.version === INDEX_VERSION && parsed.units && typeof parsed.units === 'object' && parsed.requests && typeof parsed.requests === 'object') {
      return { version: INDEX_VERSION, units: parsed.units, requests: parsed.requests };
    }
  } catch {
    // no index yet, or a damaged one: everything is built again
  }
  return emptyIndex();
}

/** Writes the index atomically, so an interrupted build never leaves half an index. */
export function writeIndex(outDir: string, index: BuildIndex): void {
  writeFileAtomic(path.join(outDir, INDEX_FILE), `${JSON.stringify(index, null, 1)}\n`);
}

/** Size and time of a file, or undefined when it is not there. */
export function outputFile(absolutePath: string): OutputFile | undefined {
  try {
    const info = statSync(absolutePath);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/** True when every file the unit wrote is still there as written. */
export function outputsIntact(outDir: string, unit: UnitRecord): boolean {
  return Object.entries(unit.outputs).every(([relative, recorded]) => {
    const now = outputFile(path.join(outDir, relative));
    return now !== undefined && now.size === recorded.size && now.mtimeMs === recorded.mtimeMs;
  });
}
