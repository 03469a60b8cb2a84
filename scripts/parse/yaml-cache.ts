/**
 * The files of `content/` (competences, glossary, variants: some 80 KB) go to the `yaml` library,
 * which parses them in about 50 ms in a new process, on every `wecare check` and `build`. What it
 * parsed them into — the value, and the offset of every key, value and list item, which is all
 * `locate` reads — is kept in `<programme>/.wecare-cache/yaml/` under the file's name and a digest
 * of the text and the library's version, in the form of scripts/parse/simple-yaml.ts, so a later run
 * reads JSON instead; keeping a file's new parse removes its older ones.
 * Only texts without errors are kept (a text with errors is parsed again, to report them). Unset
 * (tests, library use), nothing is kept; an unreadable or unwritable entry only costs the parse.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import { writeFileAtomic } from '../build/write-atomic.ts';
import type { SimpleNode, SimpleYaml } from './simple-yaml.ts';

/** Changes when what an entry holds changes. */
const FORMAT = 'yaml-parse 1';

let folder: string | undefined;
let libraryVersion: string | undefined;

/** Where parses are kept from now on in this process (undefined stops keeping them); returns where they were kept. */
export function keepYamlParsesIn(dir: string | undefined): string | undefined {
  const before = folder;
  folder = dir;
  return before;
}

/** `content/variants/es.yaml` → `content_variants_es.yaml-`: what every entry of that file starts with. */
const entryPrefix = (name: string) => `${name.replace(/[^A-Za-z0-9.-]+/g, '_')}-`;

function entryPath(name: string, text: string): string | undefined {
  if (!folder) return undefined;
  libraryVersion ??= (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
  return path.join(folder, `${entryPrefix(name)}${createHash('sha1').update(`${FORMAT}\0${libraryVersion}\0`).update(text).digest('hex')}.json`);
}

type StoredNode = { m: number; p: Array<[string, number, StoredNode]> } | { s: number; i: StoredNode[] } | { v: number };

/** The parse kept for `text`, the text of the file `name` (relative to the programme), if any. */
export function keptYamlParse(name: string, text: string): SimpleYaml | undefined {
  const file = entryPath(name, text);
  if (!file) return undefined;
  let stored: { data: Record<string, unknown>; root: StoredNode };
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as typeof stored;
  } catch {
    return undefined;
  }
  const root = revive(stored.root);
  return root?.kind === 'map' && stored.data && typeof stored.data === 'object' ? { data: stored.data, root } : undefined;
}

function revive(node: StoredNode | undefined): SimpleNode | undefined {
  if (!node || typeof node !== 'object') return undefined;
  if ('m' in node) {
    const pairs = new Map<string, { key: number; value: SimpleNode }>();
    for (const [key, keyStart, value] of node.p) {
      const revived = revive(value);
      if (!revived) return undefined;
      if (!pairs.has(key)) pairs.set(key, { key: keyStart, value: revived });
    }
    return { kind: 'map', start: node.m, pairs };
  }
  if ('s' in node) {
    const items: SimpleNode[] = [];
    for (const item of node.i) {
      const revived = revive(item);
      if (!revived) return undefined;
      items.push(revived);
    }
    return { kind: 'seq', start: node.s, items };
  }
  return typeof node.v === 'number' ? { kind: 'scalar', start: node.v } : undefined;
}

/** Keeps what the library parsed `text` (of file `name`) into, when it had no errors and its value is plain JSON. */
export function keepYamlParse(name: string, text: string, document: Document.Parsed, data: unknown): void {
  const file = entryPath(name, text);
  if (!file || document.errors.length || !isMap(document.contents) || !isPlainJson(data)) return;
  const root = stored(document.contents, document.contents.range?.[0] ?? 0);
  if (!root) return;
  try {
    writeFileAtomic(file, JSON.stringify({ data, root }));
    const prefix = entryPrefix(name);
    for (const entry of readdirSync(path.dirname(file))) {
      if (entry.startsWith(prefix) && entry.endsWith('.json') && entry !== path.basename(file)) rmSync(path.join(path.dirname(file), entry), { force: true });
    }
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/**
 * A node as `locate` walks it: a mapping's keys with their offsets, a list's items, and where
 * anything else starts (a scalar, an alias, or `fallback`, the key's offset, for an empty value).
 * Undefined for what the simple form cannot hold the same way (keys that are not plain scalars).
 */
function stored(node: unknown, fallback: number): StoredNode | undefined {
  if (node === null || node === undefined) return { v: fallback };
  if (isMap(node)) {
    const pairs: Array<[string, number, StoredNode]> = [];
    for (const pair of node.items) {
      if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) return undefined;
      const keyStart = pair.key.range[0];
      const value = stored(pair.value, keyStart);
      if (!value) return undefined;
      pairs.push([String(pair.key.value), keyStart, value]);
    }
    return { m: node.range?.[0] ?? fallback, p: pairs };
  }
  if (isSeq(node)) {
    const items: StoredNode[] = [];
    for (const item of node.items) {
      // An item `locate` would find no offset for has no equivalent in the simple form.
      if (!item || !(item as YamlNode).range) return undefined;
      const value = stored(item, (item as YamlNode).range![0]);
      if (!value) return undefined;
      items.push(value);
    }
    return { s: node.range?.[0] ?? fallback, i: items };
  }
  if (isScalar(node) || isAlias(node)) return { v: node.range?.[0] ?? fallback };
  return undefined;
}

/** Strings, finite numbers, booleans, null, lists and plain objects: what JSON gives back unchanged. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(isPlainJson);
  return false;
}
