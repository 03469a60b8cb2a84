/**
 * `--h5p-libraries <dir>`: copies the library folders a package needs into it. The H5P validator
 * then insists on every dependency being present, editor dependencies included
 * (`getMissingLibraries()` walks `editorDependencies` too), and on each library's `coreApi` being
 * no newer than the site's.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ZipEntry } from '../package/zip.ts';
import { compareCoreApi, libraryFolder, parseLibraryString } from './libraries.ts';
import type { BundleProblem } from './messages.ts';
import { CONTENT_EXTENSIONS, LIBRARY_EXTRA_EXTENSIONS, extensionOf } from './validate/rules.ts';

export interface LibraryJson {
  machineName: string;
  majorVersion: number;
  minorVersion: number;
  patchVersion: number;
  runnable?: number;
  coreApi?: { majorVersion: number; minorVersion: number };
  preloadedDependencies?: Array<{ machineName: string; majorVersion: number; minorVersion: number }>;
  dynamicDependencies?: Array<{ machineName: string; majorVersion: number; minorVersion: number }>;
  editorDependencies?: Array<{ machineName: string; majorVersion: number; minorVersion: number }>;
  preloadedJs?: Array<{ path: string }>;
  preloadedCss?: Array<{ path: string }>;
}

export interface LibraryFolder {
  name: string;
  folder: string;
  json: LibraryJson;
  /** Files inside the folder, relative to it, forward slashes, skipped names (`.x`, `_x`) left out. */
  files: Map<string, Buffer>;
}

export interface Bundle {
  entries: ZipEntry[];
  /** Library strings bundled. */
  libraries: string[];
  /** Runtime (preloaded + dynamic) closure as the bundled library.json files declare it. */
  runtime: string[];
  problems: BundleProblem[];
}

const depString = (dep: { machineName: string; majorVersion: number; minorVersion: number }) => `${dep.machineName} ${dep.majorVersion}.${dep.minorVersion}`;

/** Finds and reads the folder of one library in `dir`, or explains why it cannot. */
export async function readLibraryFolder(dir: string, name: string): Promise<LibraryFolder | BundleProblem> {
  const parsed = parseLibraryString(name);
  for (const folder of [libraryFolder(parsed), parsed.machineName]) {
    const absolute = path.join(dir, folder);
    const info = await stat(absolute).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    let json: LibraryJson;
    try {
      json = JSON.parse(await readFile(path.join(absolute, 'library.json'), 'utf8')) as LibraryJson;
    } catch (error) {
      return { code: 'unreadable', folder, detail: error instanceof Error ? error.message : String(error) };
    }
    if (json.machineName !== parsed.machineName || json.majorVersion !== parsed.major || json.minorVersion !== parsed.minor) {
      return { code: 'mismatch', folder, declared: `${json.machineName} ${json.majorVersion}.${json.minorVersion}`, expected: name };
    }
    return { name, folder, json, files: await readTree(absolute) };
  }
  return { code: 'missing', library: name, folder: libraryFolder(parsed) };
}

async function readTree(root: string, prefix = ''): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = (await readdir(path.join(root, prefix), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    // The H5P validator skips these; so do we.
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [name, data] of await readTree(root, relative)) files.set(name, data);
    else if (entry.isFile()) files.set(relative, await readFile(path.join(root, relative)));
  }
  return files;
}

/**
 * Reads every library `used` needs from `dir`: the libraries themselves, their preloaded, dynamic and
 * editor dependencies, transitively, following the library.json files found.
 */
export async function bundleLibraries(dir: string, used: string[], coreApi: string): Promise<Bundle> {
  const problems: BundleProblem[] = [];
  const found = new Map<string, LibraryFolder>();
  const queue = [...used];
  const seen = new Set<string>();
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const folder = await readLibraryFolder(dir, name);
    if ('code' in folder) {
      problems.push(folder);
      continue;
    }
    found.set(name, folder);
    const json = folder.json;
    for (const dep of [...(json.preloadedDependencies ?? []), ...(json.dynamicDependencies ?? []), ...(json.editorDependencies ?? [])]) queue.push(depString(dep));
  }
  const entries: ZipEntry[] = [];
  for (const folder of found.values()) {
    const json = folder.json;
    if (json.coreApi) {
      const required = `${json.coreApi.majorVersion}.${json.coreApi.minorVersion}`;
      if (compareCoreApi(required, coreApi) > 0) {
        problems.push({ code: 'core-api', library: `${folder.name}.${json.patchVersion}`, required, target: coreApi });
      }
    }
    for (const asset of [...(json.preloadedJs ?? []), ...(json.preloadedCss ?? [])]) {
      if (!folder.files.has(asset.path)) problems.push({ code: 'missing-asset', file: `${folder.folder}/${asset.path}` });
    }
    for (const [name, data] of folder.files) {
      const ext = extensionOf(name);
      if (!CONTENT_EXTENSIONS.has(ext) && !LIBRARY_EXTRA_EXTENSIONS.has(ext)) {
        problems.push({ code: 'file-type', file: `${folder.folder}/${name}`, ext });
        continue;
      }
      entries.push({ name: `${folder.folder}/${name}`, data });
    }
  }
  const runtime = new Set<string>();
  const visit = (name: string) => {
    if (runtime.has(name)) return;
    runtime.add(name);
    const json = found.get(name)?.json;
    for (const dep of [...(json?.preloadedDependencies ?? []), ...(json?.dynamicDependencies ?? [])]) visit(depString(dep));
  };
  for (const name of used) visit(name);
  return { entries, libraries: [...found.keys()], runtime: [...runtime], problems };
}
