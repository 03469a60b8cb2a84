/**
 * The project's own .h5p validator: archive rules, h5p.json, content.json against semantics,
 * dependencies and bundled libraries. Used by `wecare build` on every package it writes and by the
 * tests; H5P's own rules are summarised in docs/h5p.md.
 */
import { readZip, UnsafeZipPathError } from '../../package/zip.ts';
import type { LibraryJson } from '../bundle.ts';
import { compareCoreApi, fieldsNewerThan, LIBRARIES, libraryFolder, parseLibraryString, subContentOptionsAt } from '../libraries.ts';
import { CONTENT_EXTENSIONS, extensionOf, isSkippedPath, LANGUAGE_PATTERN, LIBRARY_EXTRA_EXTENSIONS, LIBRARY_FOLDER_PATTERN, LICENSES, MACHINE_NAME_PATTERN } from './rules.ts';
import { type SemanticsField, type SemanticsSource, validateContent, type ValidationIssue } from './semantics.ts';
import { UUID_PATTERN } from '../ids.ts';

export interface PackageValidationOptions {
  /** Semantics of the libraries; bundled libraries' semantics.json files are always used too. */
  semantics?: SemanticsSource;
  /** Core API of the target site: bundled libraries needing a newer one are refused. */
  coreApi?: string;
}

export interface PackageReport {
  ok: boolean;
  issues: ValidationIssue[];
  /** Libraries whose parameters were checked against semantics, and those that could not be. */
  checked: string[];
  unchecked: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export async function validatePackage(zip: Buffer, options: PackageValidationOptions = {}): Promise<PackageReport> {
  let files: Map<string, Buffer>;
  try {
    files = await readZip(zip);
  } catch (error) {
    const code = error instanceof UnsafeZipPathError ? 'unsafe-path' : 'not-a-zip';
    return { ok: false, issues: [{ path: error instanceof UnsafeZipPathError ? error.entryName : '', code, message: error instanceof Error ? error.message : String(error) }], checked: [], unchecked: [] };
  }
  return validatePackageFiles(files, options);
}

interface Dependency {
  machineName: string;
  majorVersion: number;
  minorVersion: number;
}

/** `".js" files`, or `files without an extension`. */
const fileKind = (ext: string) => (ext ? `".${ext}" files` : 'files without an extension');

const depString = (dep: Dependency) => `${dep.machineName} ${dep.majorVersion}.${dep.minorVersion}`;

export function validatePackageFiles(files: Map<string, Buffer>, options: PackageValidationOptions = {}): PackageReport {
  const issues: ValidationIssue[] = [];
  const add = (path: string, code: string, message: string) => issues.push({ path, code, message });

  // Archive layout and file types.
  const libraryFolders = new Map<string, Map<string, Buffer>>();
  for (const [name, data] of files) {
    if (name.endsWith('/')) {
      add(name, 'directory-entry', 'zip has a directory entry; H5P packages list files only');
      continue;
    }
    if (isSkippedPath(name)) continue;
    const ext = extensionOf(name);
    const [top, ...rest] = name.split('/');
    if (!rest.length) {
      if (name !== 'h5p.json') add(name, 'unexpected-file', 'only h5p.json may sit at the top of the archive');
      continue;
    }
    if (top === 'content') {
      if (!CONTENT_EXTENSIONS.has(ext)) add(name, 'not-in-whitelist', `${fileKind(ext)} are not allowed in content/`);
      continue;
    }
    if (!CONTENT_EXTENSIONS.has(ext) && !LIBRARY_EXTRA_EXTENSIONS.has(ext)) add(name, 'not-in-whitelist', `${fileKind(ext)} are not allowed in library folders`);
    if (!LIBRARY_FOLDER_PATTERN.test(top!)) add(name, 'invalid-library-folder', `"${top}" is not a valid library folder name`);
    let folder = libraryFolders.get(top!);
    if (!folder) libraryFolders.set(top!, (folder = new Map()));
    folder.set(rest.join('/'), data);
  }

  // h5p.json.
  const h5p = parseJson(files.get('h5p.json'), 'h5p.json', add);
  const dependencies: Dependency[] = [];
  let mainLibrary: string | undefined;
  if (h5p) {
    const title = h5p.title;
    if (typeof title !== 'string' || !title.length || title.length > 255) add('h5p.json#title', 'invalid-h5p-json', 'title must be 1–255 characters');
    if (typeof h5p.language !== 'string' || !LANGUAGE_PATTERN.test(h5p.language)) add('h5p.json#language', 'invalid-h5p-json', 'language must match ^[-a-zA-Z]{1,10}$');
    if (typeof h5p.mainLibrary !== 'string' || !MACHINE_NAME_PATTERN.test(h5p.mainLibrary)) add('h5p.json#mainLibrary', 'invalid-h5p-json', 'mainLibrary must be a machine name');
    if (!Array.isArray(h5p.embedTypes) || !h5p.embedTypes.length || h5p.embedTypes.some((type) => type !== 'iframe' && type !== 'div')) {
      add('h5p.json#embedTypes', 'invalid-h5p-json', 'embedTypes must list "iframe" and/or "div"');
    }
    if (h5p.license !== undefined && !LICENSES.has(String(h5p.license))) add('h5p.json#license', 'invalid-h5p-json', `license "${String(h5p.license)}" is not one H5P accepts`);
    if (!Array.isArray(h5p.preloadedDependencies)) add('h5p.json#preloadedDependencies', 'invalid-h5p-json', 'preloadedDependencies must be a list');
    else {
      h5p.preloadedDependencies.forEach((dep, index) => {
        if (isObject(dep) && typeof dep.machineName === 'string' && Number.isInteger(dep.majorVersion) && Number.isInteger(dep.minorVersion)) dependencies.push(dep as unknown as Dependency);
        else add(`h5p.json#preloadedDependencies[${index}]`, 'invalid-h5p-json', 'each dependency needs machineName, majorVersion and minorVersion');
      });
      const main = dependencies.find((dep) => dep.machineName === h5p.mainLibrary);
      if (!main) add('h5p.json#preloadedDependencies', 'main-library-not-listed', `mainLibrary ${String(h5p.mainLibrary)} must be listed in preloadedDependencies`);
      else mainLibrary = depString(main);
    }
  }

  // Bundled libraries.
  const bundled = new Map<string, { json: LibraryJson; semantics?: SemanticsField[] }>();
  for (const [folder, folderFiles] of libraryFolders) {
    const json = parseJson(folderFiles.get('library.json'), `${folder}/library.json`, add) as LibraryJson | undefined;
    if (!json) continue;
    if (typeof json.machineName !== 'string' || !Number.isInteger(json.majorVersion) || !Number.isInteger(json.minorVersion) || !Number.isInteger(json.patchVersion)) {
      add(`${folder}/library.json`, 'invalid-library-json', 'library.json needs machineName, majorVersion, minorVersion and patchVersion');
      continue;
    }
    const name = depString(json);
    if (folder !== json.machineName && folder !== libraryFolder(parseLibraryString(name))) {
      add(`${folder}/library.json`, 'library-directory-name-mismatch', `folder "${folder}" holds ${name}`);
    }
    if (json.coreApi && options.coreApi && compareCoreApi(`${json.coreApi.majorVersion}.${json.coreApi.minorVersion}`, options.coreApi) > 0) {
      add(`${folder}/library.json`, 'api-version-unsupported', `${name}.${json.patchVersion} needs H5P core API ${json.coreApi.majorVersion}.${json.coreApi.minorVersion}, newer than ${options.coreApi}`);
    }
    for (const asset of [...(json.preloadedJs ?? []), ...(json.preloadedCss ?? [])]) {
      if (!folderFiles.has(asset.path)) add(`${folder}/${asset.path}`, 'missing-file', 'named in library.json but missing');
    }
    const semantics = folderFiles.has('semantics.json') ? (parseJson(folderFiles.get('semantics.json'), `${folder}/semantics.json`, add, true) as SemanticsField[] | undefined) : undefined;
    bundled.set(name, { json, ...(semantics ? { semantics } : {}) });
  }

  // content.json against semantics.
  const content = parseJson(files.get('content/content.json'), 'content/content.json', add);
  const semantics: SemanticsSource = (library) => bundled.get(library)?.semantics ?? options.semantics?.(library);
  const checked = new Set<string>();
  const unchecked = new Set<string>();
  const used = new Set<string>();
  if (content && mainLibrary) {
    used.add(mainLibrary);
    const walk = validateContent(content, mainLibrary, semantics);
    issues.push(...walk.issues);
    walk.checked.forEach((library) => checked.add(library));
    walk.unchecked.forEach((library) => unchecked.add(library));
    walk.subLibraries.forEach((library) => used.add(library));
    for (const file of walk.files) if (!files.has(`content/${file}`)) add(`content/${file}`, 'missing-content-file', 'referenced from content.json but not in the archive');
    // Without semantics for a library we still find its sub-content and files generically.
    if (walk.unchecked.size) {
      const referenced = new Set<string>();
      genericSubContent(content, { parent: mainLibrary, relative: '', used, referenced, add }, 'content/content.json#');
      for (const file of referenced) if (!walk.files.has(file) && !files.has(`content/${file}`)) add(`content/${file}`, 'missing-content-file', 'referenced from content.json but not in the archive');
    }
  }

  // Parameters the target's library patches do not have yet (the project's knowledge of patches).
  if (content && mainLibrary && options.coreApi) newerFieldIssues(content, mainLibrary, options.coreApi, 'content/content.json#', add);

  // Dependencies: every used library and its runtime closure must be listed.
  const listed = new Set(dependencies.map(depString));
  const runtimeDeps = (library: string): string[] => {
    const json = bundled.get(library)?.json;
    if (json) return [...(json.preloadedDependencies ?? []), ...(json.dynamicDependencies ?? [])].map(depString);
    return LIBRARIES[library]?.preloaded ?? [];
  };
  const needed = new Set<string>();
  const visit = (library: string) => {
    if (needed.has(library)) return;
    needed.add(library);
    runtimeDeps(library).forEach(visit);
  };
  used.forEach(visit);
  for (const library of needed) if (!listed.has(library)) add('h5p.json#preloadedDependencies', 'missing-dependency', `${library} is used but not listed`);

  // With library folders, everything needed (editor dependencies too) must be bundled.
  if (bundled.size) {
    const all = new Set<string>();
    const visitAll = (library: string) => {
      if (all.has(library)) return;
      all.add(library);
      const json = bundled.get(library)?.json;
      for (const dep of [...(json?.preloadedDependencies ?? []), ...(json?.dynamicDependencies ?? []), ...(json?.editorDependencies ?? [])]) visitAll(depString(dep));
    };
    [...listed, ...used].forEach(visitAll);
    for (const library of all) if (!bundled.has(library)) add(libraryFolder(parseLibraryString(library)), 'missing-library', `${library} is needed but not bundled`);
  }

  return { ok: issues.length === 0, issues, checked: [...checked], unchecked: [...unchecked] };
}

function parseJson(data: Buffer | undefined, path: string, add: (path: string, code: string, message: string) => void, allowArray = false): Record<string, unknown> | undefined {
  if (!data) {
    add(path, 'missing-file', `${path} is missing`);
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(data.toString('utf8'));
    if (isObject(value) || (allowArray && Array.isArray(value))) return value as Record<string, unknown>;
    add(path, 'invalid-json', `${path} must hold a JSON object`);
  } catch (error) {
    add(path, 'invalid-json', `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return undefined;
}

interface GenericWalk {
  /** Library whose parameters we are in, and the path inside them (`content[].content`). */
  parent: string;
  relative: string;
  used: Set<string>;
  referenced: Set<string>;
  add: (path: string, code: string, message: string) => void;
}

/**
 * Without semantics: sub-content anywhere in the tree (`{library: "X 1.2", params, subContentId}`),
 * checked against the field options the project's library table knows, and file references.
 */
function genericSubContent(value: unknown, walk: GenericWalk, path: string) {
  const { add } = walk;
  if (Array.isArray(value)) {
    value.forEach((item, index) => genericSubContent(item, { ...walk, relative: `${walk.relative}[]` }, `${path}[${index}]`));
    return;
  }
  if (!isObject(value)) return;
  if (typeof value.path === 'string' && typeof value.mime === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(value.path)) {
    if (value.path.startsWith('/') || value.path.split('/').includes('..')) add(`${path}.path`, 'unsafe-path', `"${value.path}" leaves the content folder`);
    else walk.referenced.add(value.path);
  }
  if (typeof value.library === 'string' && 'params' in value) {
    const library = value.library;
    if (!/^[\w.$-]+ \d+\.\d+$/.test(library)) add(`${path}.library`, 'invalid-library-string', `"${library}" is not "machineName major.minor"`);
    else walk.used.add(library);
    const options = subContentOptionsAt(walk.parent, walk.relative);
    if (options && !options.includes(library)) {
      const same = options.find((option) => option.split(' ')[0] === library.split(' ')[0]);
      add(`${path}.library`, 'library-not-allowed', same ? `wrong library version: "${library}", this field accepts "${same}"` : `"${library}" is not among this field's options`);
    }
    if (typeof value.subContentId !== 'string' || !UUID_PATTERN.test(value.subContentId)) add(`${path}.subContentId`, 'invalid-subcontent-id', 'subContentId must be a UUID');
    genericSubContent(value.params, { ...walk, parent: library, relative: '' }, `${path}.params`);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    genericSubContent(child, { ...walk, relative: walk.relative ? `${walk.relative}.${key}` : key }, `${path}.${key}`);
  }
}

/**
 * Parameters written for a library that the patch a site of `coreApi` has does not know: that
 * site's content validator removes them (and, with library folders bundled, the package brings
 * that older semantics.json itself).
 */
function newerFieldIssues(params: unknown, library: string, coreApi: string, path: string, add: (path: string, code: string, message: string) => void) {
  if (LIBRARIES[library] && isObject(params)) {
    for (const field of fieldsNewerThan(library, coreApi)) {
      const keys = field.path.split('/');
      let value: unknown = params;
      for (const key of keys) value = isObject(value) ? value[key] : undefined;
      if (value === undefined) continue;
      const since = field.sinceCoreApi ? `${field.since} (core API ${field.sinceCoreApi})` : field.since;
      add(`${path}${path.endsWith('#') ? '' : '.'}${keys.join('.')}`, 'field-needs-newer-patch', `only exists from ${since}; sites on core API ${coreApi} have ${field.target}, which drops it`);
    }
  }
  const visit = (value: unknown, at: string) => {
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${at}[${index}]`));
    else if (isObject(value)) {
      if (typeof value.library === 'string' && 'params' in value) newerFieldIssues(value.params, value.library, coreApi, `${at}.params`, add);
      else for (const [key, child] of Object.entries(value)) visit(child, `${at}${at.endsWith('#') ? '' : '.'}${key}`);
    }
  };
  if (isObject(params)) for (const [key, child] of Object.entries(params)) visit(child, `${path}${path.endsWith('#') ? '' : '.'}${key}`);
}
