/** Assembles a .h5p archive: h5p.json, content/content.json, content/images/…, bundled libraries. */
import { createZip, type ZipEntry } from '../package/zip.ts';
import type { Bundle } from './bundle.ts';
import { parseLibraryString, runtimeClosure } from './libraries.ts';
import type { PackagedImage } from './media.ts';

export interface PackageInput {
  title: string;
  /** Language code for h5p.json, e.g. `es`. */
  language: string;
  /** Library string of the main content type, e.g. `H5P.InteractiveBook 1.11`. */
  mainLibrary: string;
  params: Record<string, unknown>;
  images: Map<string, PackagedImage>;
  /** Libraries used as sub-content. */
  usedLibraries: Iterable<string>;
  bundle?: Bundle;
}

/** Main library first, then sub-content libraries, then their runtime dependencies. */
export function dependencyList(input: Pick<PackageInput, 'mainLibrary' | 'usedLibraries' | 'bundle'>): string[] {
  const direct = [input.mainLibrary, ...input.usedLibraries];
  const all = new Set<string>(direct);
  for (const name of runtimeClosure(direct)) all.add(name);
  for (const name of input.bundle?.runtime ?? []) all.add(name);
  return [...all];
}

export function h5pJson(input: PackageInput): Record<string, unknown> {
  const main = parseLibraryString(input.mainLibrary);
  return {
    title: truncate(input.title, 255),
    language: input.language,
    mainLibrary: main.machineName,
    embedTypes: ['iframe'],
    license: 'U',
    defaultLanguage: input.language,
    preloadedDependencies: dependencyList(input).map((name) => {
      const { machineName, major, minor } = parseLibraryString(name);
      return { machineName, majorVersion: major, minorVersion: minor };
    }),
  };
}

function truncate(value: string, max: number): string {
  const text = value.trim() || 'H5P';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function packageEntries(input: PackageInput): ZipEntry[] {
  const entries: ZipEntry[] = [
    { name: 'h5p.json', data: `${JSON.stringify(h5pJson(input), null, 2)}\n` },
    { name: 'content/content.json', data: JSON.stringify(input.params) },
  ];
  for (const image of input.images.values()) entries.push({ name: `content/${image.path}`, data: image.data });
  entries.push(...(input.bundle?.entries ?? []));
  return entries;
}

export function buildPackage(input: PackageInput): Promise<Buffer> {
  return createZip(packageEntries(input));
}
