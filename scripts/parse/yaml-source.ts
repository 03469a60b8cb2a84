/**
 * YAML with line numbers: `parseDocument` + `LineCounter`, so syntax errors and schema issues are
 * reported at the line and column they occur at (also inside Markdown front matter, via `lineOffset`).
 */
import type { VFile } from 'vfile';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import { report } from '../validate/report.ts';
import type { z } from 'zod';
import type { Lang } from '../validate/messages.ts';
import { parseWithSchema, type Path } from './schema.ts';
import { parseSimpleYaml, type SimpleNode, type SimpleYaml } from './simple-yaml.ts';
import { keepYamlParse, keptYamlParse } from './yaml-cache.ts';
import { Source } from './fast/source.ts';

export interface YamlSource {
  /** The plain value, or undefined when the text has syntax errors. */
  data: unknown;
  /** Line and column (1-based) of the value or key at `path`. */
  locate(path: Path, which?: 'key' | 'value'): { line: number; column: number };
  /** What the text was parsed into (by the fast path or the `yaml` library), for readers that need offsets. */
  parsed: { simple: SimpleYaml } | { document: Document.Parsed };
}

export interface YamlOptions {
  /** Lines before the YAML text in its file (front matter starts after `---`). */
  lineOffset?: number;
  /** Keep what the `yaml` library parses, and use what was kept (see scripts/parse/yaml-cache.ts). */
  keep?: boolean;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

export function parseYaml(text: string, file: VFile, options: YamlOptions = {}): YamlSource {
  const lineOffset = options.lineOffset ?? 0;
  const simple = parseSimpleYaml(text) ?? (options.keep ? keptYamlParse(file.path, text) : undefined);
  if (simple) return simpleSource(simple, text, lineOffset);
  const source = parseWithYamlLibrary(text, file, lineOffset);
  if (options.keep && 'document' in source.parsed) keepYamlParse(file.path, text, source.parsed.document, source.data);
  return source;
}

/** A `YamlSource` over the fast path's result, locating exactly as the `yaml` library's document does. */
function simpleSource(simple: SimpleYaml, text: string, lineOffset: number): YamlSource {
  // Lines are found by binary search: content files are located hundreds of times.
  let lines: Source | undefined;
  const at = (offset: number) => {
    const { line, column } = (lines ??= new Source(text)).point(offset);
    return { line: line + lineOffset, column };
  };
  function locate(path: Path, which: 'key' | 'value' = 'value') {
    let node: SimpleNode = simple.root;
    let best = node.start;
    for (let index = 0; index < path.length; index += 1) {
      const segment = path[index];
      const last = index === path.length - 1;
      if (node.kind === 'map') {
        const pair = node.pairs.get(String(segment));
        if (!pair) return at(best);
        if (last && which === 'key') return at(pair.key);
        best = pair.key;
        node = pair.value;
        if (last) return at(node.start);
      } else if (node.kind === 'seq' && typeof segment === 'number') {
        const item = node.items[segment];
        if (!item) return at(best);
        best = item.start;
        node = item;
      } else {
        return at(best);
      }
    }
    return at(best);
  }
  return { data: simple.data, locate, parsed: { simple } };
}

export function parseWithYamlLibrary(text: string, file: VFile, lineOffset: number): YamlSource {
  const lines = new LineCounter();
  // logLevel 'error': the library would print its warnings on the console; the check reports them instead.
  const doc: Document.Parsed = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const at = (offset: number) => {
    const pos = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: pos.line + lineOffset, column: pos.col };
  };
  let data: unknown;
  const complexKeys = doc.errors.length ? [] : keysThatAreNotText(doc);
  if (doc.errors.length) {
    for (const error of doc.errors) report(file, 'yaml-syntax', { code: error.code, detail: firstLine(error.message) }, at(error.pos[0]));
  } else if (complexKeys.length) {
    for (const offset of complexKeys) report(file, 'yaml-syntax', { code: 'COMPLEX_KEY', detail: 'a key is a list, a mapping or binary data' }, at(offset));
  } else {
    try {
      data = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      report(file, 'yaml-syntax', { detail: firstLine(error instanceof Error ? error.message : String(error)) }, at(0));
    }
  }

  function locate(path: Path, which: 'key' | 'value' = 'value') {
    let node: unknown = doc.contents;
    let best = doc.contents?.range?.[0] ?? 0;
    for (let index = 0; index < path.length; index += 1) {
      const segment = path[index];
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) return at(best);
        const key = pair.key as YamlNode | null;
        if (last && which === 'key') return at(key?.range?.[0] ?? best);
        best = key?.range?.[0] ?? best;
        node = pair.value;
        const value = node as YamlNode | null;
        if (last) return at(value?.range?.[0] ?? best);
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as YamlNode | undefined;
        if (!item) return at(best);
        best = item.range?.[0] ?? best;
        node = item;
      } else {
        return at(best);
      }
    }
    return at(best);
  }

  return { data, locate, parsed: { document: doc } };
}

/** Offsets of mapping keys that are not plain text (`? [a, b]: x`, `!!binary` keys): no field has such a name. */
function keysThatAreNotText(doc: Document.Parsed): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as YamlNode | null;
      if (key && (!isScalar(key) || (typeof key.value === 'object' && key.value !== null))) offsets.push(key.range?.[0] ?? 0);
    },
  });
  return offsets;
}

/**
 * Parses `source.data` with `schema`, reporting each issue on `file` at its YAML position.
 * Returns the typed value, or undefined when something required is missing or invalid.
 */
export function applySchema<S extends z.ZodType>(schema: S, source: YamlSource, file: VFile, lang: Lang): z.output<S> | undefined {
  if (source.data === undefined) return undefined;
  const { value, issues } = parseWithSchema(schema, source.data ?? {}, lang);
  for (const issue of issues) {
    const field = issue.path.join('.');
    if (issue.rule === 'unknown-field') {
      report(file, 'unknown-field', { field, suggestion: issue.suggestion }, source.locate(issue.path, 'key'));
    } else if (issue.rule === 'missing-field') {
      report(file, 'missing-field', { field, expected: issue.expected }, source.locate(issue.path.slice(0, -1), 'key'));
    } else {
      report(file, 'invalid-field', { field, expected: issue.expected }, source.locate(issue.path));
    }
  }
  return value;
}
