/**
 * A fast path for the front matter lessons are written with: one `key: value` per line, values
 * plain or quoted scalars, or one-line flow sequences and mappings of them (which a comment may
 * follow). Returns the value the `yaml` library would give, with the offsets `locate` needs, or
 * `undefined` for anything else (block scalars, nested blocks, other comments, anchors, escapes,
 * numbers other than plain integers…), which then goes to the `yaml` library.
 * `tests/parse/simple-yaml.test.ts` holds the two equal.
 */

export type SimpleNode =
  | { kind: 'map'; start: number; pairs: Map<string, { key: number; value: SimpleNode }> }
  | { kind: 'seq'; start: number; items: SimpleNode[] }
  | { kind: 'scalar'; start: number };

export interface SimpleYaml {
  data: Record<string, unknown>;
  root: SimpleNode & { kind: 'map' };
}

class NotSimple extends Error {}
const give = (): never => {
  throw new NotSimple();
};

const keyPattern = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Characters that may not start a plain scalar we accept (YAML indicators, and anything numeric-looking). */
const plainStart = /^[^-?:,[\]{}#&*!|>'"%@`.+\s]/;

export function parseSimpleYaml(text: string): SimpleYaml | undefined {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof NotSimple) return undefined;
    throw error;
  }
}

function parse(text: string): SimpleYaml {
  if (/[\t\r\\]/.test(text) || text.trim() === '') give();
  const data: Record<string, unknown> = {};
  const pairs = new Map<string, { key: number; value: SimpleNode }>();
  let lineStart = 0;
  let first = -1;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() !== '') {
      const colon = line.indexOf(':');
      if (colon <= 0) give();
      const key = line.slice(0, colon);
      if (!keyPattern.test(key) || key === '__proto__' || pairs.has(key)) give();
      if (first === -1) first = lineStart;
      const rest = line.slice(colon + 1);
      if (rest !== '' && rest[0] !== ' ') give();
      const valueOffset = colon + 1 + (rest.length - rest.trimStart().length);
      const trimmed = rest.trim();
      // A comment after a one-line flow collection (`variants: [es, co]  # why`) is left out.
      const raw = /^([[{][^#]*?[\]}])\s+#/.exec(trimmed)?.[1] ?? trimmed;
      if (raw === '') give();
      const [value, node] = parseValue(raw, lineStart + valueOffset, true);
      data[key] = value;
      pairs.set(key, { key: lineStart, value: node });
    }
    lineStart = lineEnd + 1;
  }
  if (first === -1) give();
  return { data, root: { kind: 'map', start: first, pairs } };
}

function parseValue(raw: string, offset: number, topLevel: boolean): [unknown, SimpleNode] {
  if (topLevel && raw.startsWith('[')) return parseFlowSequence(raw, offset);
  if (topLevel && raw.startsWith('{')) return parseFlowMapping(raw, offset);
  return [parseScalar(raw, !topLevel), { kind: 'scalar', start: offset }];
}

function parseScalar(raw: string, inFlow: boolean): unknown {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    if (raw.length < 2 || raw[raw.length - 1] !== quote) give();
    const inner = raw.slice(1, -1);
    if (inner.includes(quote)) give();
    return inner;
  }
  if (!plainStart.test(raw) || raw.includes(': ') || raw.includes(' #') || raw.endsWith(':')) give();
  if (inFlow && /[[\]{},]/.test(raw)) give();
  if (/^[0-9]/.test(raw)) {
    if (!/^(?:0|[1-9][0-9]{0,14})$/.test(raw)) give();
    return Number(raw);
  }
  if (/^(?:~|null|Null|NULL)$/.test(raw)) return null;
  if (/^(?:true|True|TRUE)$/.test(raw)) return true;
  if (/^(?:false|False|FALSE)$/.test(raw)) return false;
  return raw;
}

/** Splits the inside of a one-line flow collection at commas; quoted items may not contain one. */
function flowEntries(raw: string, offset: number, close: string): { text: string; offset: number }[] {
  if (raw[raw.length - 1] !== close) give();
  const inner = raw.slice(1, -1);
  if (inner.trim() === '') return [];
  const entries: { text: string; offset: number }[] = [];
  let start = 0;
  for (;;) {
    const comma = inner.indexOf(',', start);
    const end = comma === -1 ? inner.length : comma;
    const part = inner.slice(start, end);
    const text = part.trim();
    if (text === '') give();
    entries.push({ text, offset: offset + 1 + start + (part.length - part.trimStart().length) });
    if (comma === -1) return entries;
    start = comma + 1;
  }
}

function parseFlowSequence(raw: string, offset: number): [unknown[], SimpleNode] {
  const values: unknown[] = [];
  const items: SimpleNode[] = [];
  for (const entry of flowEntries(raw, offset, ']')) {
    values.push(parseScalar(entry.text, true));
    items.push({ kind: 'scalar', start: entry.offset });
  }
  return [values, { kind: 'seq', start: offset, items }];
}

function parseFlowMapping(raw: string, offset: number): [Record<string, unknown>, SimpleNode] {
  const value: Record<string, unknown> = {};
  const pairs = new Map<string, { key: number; value: SimpleNode }>();
  for (const entry of flowEntries(raw, offset, '}')) {
    const colon = entry.text.indexOf(': ');
    if (colon <= 0) give();
    const key = entry.text.slice(0, colon);
    if (!keyPattern.test(key) || key === '__proto__' || pairs.has(key)) give();
    const rawValue = entry.text.slice(colon + 2).trimStart();
    const valueOffset = entry.offset + entry.text.length - rawValue.length;
    value[key] = parseScalar(rawValue, true);
    pairs.set(key, { key: entry.offset, value: { kind: 'scalar', start: valueOffset } });
  }
  return [value, { kind: 'map', start: offset, pairs }];
}
