import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import type { Diagnostic } from '../../scripts/validate/diagnostic.ts';
import type { BuiltArtifact } from '../../scripts/build/formats.ts';
import type { ProgrammeIR } from '../../scripts/ir/types.ts';
import { buildH5p, type H5pBuildSettings } from '../../scripts/h5p/format.ts';
import { semanticsFromDirectory } from '../../scripts/h5p/validate/semantics-source.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const standardsH5p = path.resolve(repoRoot, '../shared/standards/h5p');
/** `WECARE_H5P_NO_STANDARDS=1` runs the suite as if ../shared were absent (to check the skips). */
export const hasStandards = process.env.WECARE_H5P_NO_STANDARDS !== '1' && existsSync(path.join(standardsH5p, 'dependencies.json'));
export const standardsSemantics = hasStandards ? semanticsFromDirectory(standardsH5p) : undefined;

/** The real content-type libraries of a core API 1.27 site (exact patch releases), for the player and patch checks. */
export const runtimeLibraries = path.resolve(repoRoot, '../shared/h5p-runtime/libraries');
/** `WECARE_H5P_NO_RUNTIME=1` runs the suite as if ../shared/h5p-runtime were absent (to check the skips). */
export const hasRuntime = process.env.WECARE_H5P_NO_RUNTIME !== '1' && existsSync(path.join(runtimeLibraries, 'H5P.InteractiveBook-1.11', 'library.json'));
export const runtimeSemantics = hasRuntime ? semanticsFromDirectory(runtimeLibraries) : undefined;

let saidRuntime = false;
/** Says once per file why checks against the real libraries are skipped. */
export function noteRuntime(): void {
  if (!hasRuntime && !saidRuntime) {
    saidRuntime = true;
    console.warn(`[h5p tests] ${runtimeLibraries} is absent: checks against the real H5P libraries (core API 1.27 patches, real player) are SKIPPED.`);
  }
}

let said = false;
/** Says once per file why semantics checks are skipped. */
export function noteStandards(): void {
  if (!hasStandards && !said) {
    said = true;
    console.warn(`[h5p tests] ${standardsH5p} is absent: checks against the H5P libraries' semantics.json and dependencies.json are SKIPPED.`);
  }
}

export const tempDir = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), `wecare-h5p-${prefix}-`));

export interface SampleBuild {
  programme: ProgrammeIR;
  artifacts: BuiltArtifact[];
  diagnostics: Diagnostic[];
  outDir: string;
  /** Artifact path by package file name (`m01-demo.h5p`). */
  byName: Map<string, string>;
}

export async function buildSample(variant: 'es' | 'co', settings: Partial<H5pBuildSettings> = {}, dir = tempDir(variant), programme?: ProgrammeIR, lang?: 'en' | 'es'): Promise<SampleBuild> {
  const resolved = programme ?? sampleProgramme(variant, path.join(dir, 'src'));
  const diagnostics: Diagnostic[] = [];
  const outDir = path.join(dir, 'dist');
  const artifacts = await buildH5p(
    { root: dir, outDir, programme: resolved, options: lang ? { lang } : {}, report: (d) => diagnostics.push(d) },
    { coreApi: '1.27', ...settings },
  );
  return { programme: resolved, artifacts, diagnostics, outDir, byName: new Map(artifacts.map((a) => [path.basename(a.path), a.path])) };
}

/**
 * A raw zip (stored, no compression) with exactly the given entry names, including ones our own
 * writer refuses (`..`, directories): to prove the validator rejects hostile archives.
 */
export function rawZip(entries: Array<{ name: string; data: Buffer | string }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : entry.data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** Every sub-content object in a content.json tree. */
export function subContents(value: unknown, found: Array<{ library: string; params: Record<string, unknown>; subContentId: string; metadata: { title: string } }> = []) {
  if (Array.isArray(value)) value.forEach((item) => subContents(item, found));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.library === 'string' && record.params) found.push(record as never);
    Object.values(record).forEach((child) => subContents(child, found));
  }
  return found;
}
