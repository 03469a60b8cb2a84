/**
 * Building blocks for the YAML schemas, on zod 4. Each block is a zod schema that also carries a
 * localised description of a valid value (the `expectations` registry), which the check uses for
 * its messages; each field's `doc` becomes its JSON Schema `description` for editors.
 *
 * `parseWithSchema` runs a schema the way the check needs it: every problem is reported with its
 * path, and what is valid is kept (an invalid optional field or list item is dropped, not the file).
 */
import { z } from 'zod';
import { words, type Lang } from '../validate/messages.ts';
import { suggest } from '../validate/suggest.ts';

export type Path = Array<string | number>;

export interface SchemaIssue {
  path: Path;
  rule: 'missing-field' | 'invalid-field' | 'unknown-field';
  /** What was expected, in the check's language. */
  expected?: string;
  suggestion?: string;
}

type Expect = (lang: Lang) => string;

/** The localised "what a valid value looks like" of each block, for the check's messages. */
const expectations = z.registry<{ expected: Expect }>();

/** Text blocks that accept YAML numbers and booleans as written (`emergencyNumber: 112`). */
const scalarTexts = new WeakSet<z.ZodType>();

function expecting<S extends z.ZodType>(schema: S, expected: Expect): S {
  expectations.add(schema, { expected });
  return schema;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

export const ID_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
/** Competence and outcome ids are upper-case friendly: `C1.1`, `C1.1-K1`. */
export const FRAMEWORK_ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*(?:[.\-_][A-Za-z0-9]+)*$/;
/**
 * A variant is a country (`it`), or a country and one of its teaching languages when it teaches in
 * several (`be-fr`, `be-nl`). VARIANT_CODE is the pattern without anchors, for file names.
 */
export const VARIANT_CODE = '[a-z]{2}(?:-[a-z]{2,3})?';
export const VARIANT_CODE_PATTERN = new RegExp(`^${VARIANT_CODE}$`);
/** `content/variants/<code>.yaml`. */
export const VARIANT_FILE = new RegExp(`^${VARIANT_CODE}\\.yaml$`);
/** `NN-slug.<code>.md`, a lesson rewritten for one variant: [1] the base name, [2] the code. */
export const LESSON_OVERRIDE = new RegExp(`^(.+)\\.(${VARIANT_CODE})\\.md$`);

export function text(options: { pattern?: RegExp; expected?: Expect; nonEmpty?: boolean } = {}) {
  let string = z.string();
  // Every pattern asks for a non-blank text already.
  if (options.pattern) string = string.regex(options.pattern);
  else if (options.nonEmpty !== false) string = string.regex(/\S/);
  // YAML turns 112 or 2017 into numbers; a text field accepts them as written.
  const schema = z.preprocess((value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value), string);
  if (!options.pattern) scalarTexts.add(schema);
  return expecting(schema, options.expected ?? ((lang) => words[lang].aText));
}

export const id = () => text({ pattern: ID_PATTERN, expected: (lang) => words[lang].anId });
export const frameworkId = () => text({ pattern: FRAMEWORK_ID_PATTERN, expected: (lang) => words[lang].anId });
export const variantCode = () => text({ pattern: VARIANT_CODE_PATTERN, expected: (lang) => words[lang].aVariantCode });
export const url = () => text({ pattern: /^https?:\/\/\S+$/, expected: (lang) => words[lang].aUrl });

export function number(options: { min?: number; max?: number; integer?: boolean; expected?: Expect } = {}) {
  let schema = options.integer ? z.int() : z.number();
  if (options.min !== undefined) schema = schema.min(options.min);
  if (options.max !== undefined) schema = schema.max(options.max);
  return expecting(schema, options.expected ?? ((lang) => (options.integer ? words[lang].aWholeNumber : words[lang].aNumber)));
}

export const percentage = () => number({ min: 0, max: 100, integer: true, expected: (lang) => words[lang].aPercentage });
export const minutes = () => number({ min: 0, integer: true, expected: (lang) => words[lang].minutes });

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return expecting(z.enum(values), (lang) => words[lang].oneOf([...values]));
}

export function array<T extends z.ZodType>(item: T, options: { min?: number } = {}) {
  const schema = options.min ? z.array(item).min(options.min) : z.array(item);
  return expecting(schema, (lang) => words[lang].aList);
}

/** A mapping with free keys, e.g. `ui:` overrides or per-variant wording. */
export function record<T extends z.ZodType>(item: T) {
  return expecting(z.record(z.string(), item), (lang) => words[lang].aMapping);
}

/** Any YAML value, kept as is (free data). */
export function anything() {
  return expecting(z.unknown(), (lang) => words[lang].aText);
}

export const required = <S extends z.ZodType>(schema: S, doc: string): S => schema.describe(doc) as S;
export const optional = <S extends z.ZodType>(schema: S, doc: string) => (schema.describe(doc) as S).optional();

export interface ObjectOptions {
  /** Keys outside the shape: `error` (default) or `keep` (free data, see `extraKeys`). */
  unknownKeys?: 'error' | 'keep';
}

/** A mapping with known keys. A key written with no value (`summary:`) counts as absent. */
export function object<S extends z.ZodRawShape>(shape: S, options: ObjectOptions = {}) {
  const inner = options.unknownKeys === 'keep' ? z.looseObject(shape) : z.strictObject(shape);
  const schema = z.preprocess((value) => {
    if (!isPlainObject(value)) return value;
    const absent = Object.keys(shape).filter((key) => value[key] === null);
    if (!absent.length) return value;
    const copy = { ...value };
    for (const key of absent) delete copy[key];
    return copy;
  }, inner);
  return expecting(schema, (lang) => words[lang].aMapping);
}

/** The schema itself, under optional wrappers and preprocessing. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.out as z.ZodType;
    else return current;
  }
}

/** The schema of the value at `segment` inside a value of `schema`, as written in the shape. */
function child(schema: z.ZodType, segment: string | number): z.ZodType | undefined {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) return (inner.shape as Record<string, z.ZodType>)[String(segment)];
  if (inner instanceof z.ZodArray) return typeof segment === 'number' ? (inner.element as z.ZodType) : undefined;
  if (inner instanceof z.ZodRecord) return inner.valueType as z.ZodType;
  return undefined;
}

function schemaAt(root: z.ZodType, path: Path): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    current = child(current, segment);
  }
  return current;
}

function expectedOf(schema: z.ZodType | undefined, lang: Lang): string {
  let current = schema;
  while (current) {
    const entry = expectations.get(current);
    if (entry) return entry.expected(lang);
    const next = current instanceof z.ZodOptional ? (current.unwrap() as z.ZodType) : current instanceof z.ZodPipe ? (current.out as z.ZodType) : undefined;
    current = next;
  }
  return words[lang].aText;
}

/** The keys of a mapping parsed with an `object(…, { unknownKeys: 'keep' })` schema that are not in its shape. */
export function extraKeys(value: Record<string, unknown>, schema: z.ZodType): Record<string, unknown> {
  const inner = unwrap(schema);
  const shape = inner instanceof z.ZodObject ? (inner.shape as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(value).filter(([key]) => !(key in shape)));
}

const DROPPED = Symbol('dropped list item');

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (Array.isArray(current) || isPlainObject(current)) current = (current as Record<string | number, unknown>)[segment];
    else return undefined;
  }
  return current;
}

/**
 * Removes the smallest enclosing part of `data` that may be left out so that the problem at `path`
 * goes: the optional field, the list item or the mapping entry holding it. False when nothing can
 * be left out (a required field of the top-level mapping is wrong).
 */
function leaveOut(data: unknown, root: z.ZodType, path: Path, unknownKey?: string): boolean {
  if (unknownKey !== undefined) {
    const container = valueAt(data, path);
    if (isPlainObject(container)) delete container[unknownKey];
    return true;
  }
  for (let depth = path.length; depth > 0; depth -= 1) {
    const parentPath = path.slice(0, depth - 1);
    const key = path[depth - 1]!;
    const container = valueAt(data, parentPath);
    const parent = schemaAt(root, parentPath);
    if (!parent) return false;
    const inner = unwrap(parent);
    if (Array.isArray(container) && typeof key === 'number' && inner instanceof z.ZodArray) {
      container[key] = DROPPED;
      return true;
    }
    if (isPlainObject(container) && (inner instanceof z.ZodRecord || (inner instanceof z.ZodObject && child(parent, key) instanceof z.ZodOptional))) {
      delete container[String(key)];
      return true;
    }
  }
  return false;
}

function withoutDropped(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== DROPPED).map(withoutDropped);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withoutDropped(entry)]));
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, root: z.ZodType, lang: Lang): SchemaIssue[] {
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys((unwrap(schemaAt(root, path) ?? root) as z.ZodObject).shape ?? {});
    return issue.keys.map((key) => ({ path: [...path, key], rule: 'unknown-field' as const, suggestion: suggest(key, known) }));
  }
  const schema = schemaAt(root, path);
  const container = valueAt(data, path.slice(0, -1));
  const value = valueAt(data, path);
  const missing = path.length > 0 && isPlainObject(container) && (value === undefined || value === null);
  return [{ path, rule: missing ? 'missing-field' : 'invalid-field', expected: expectedOf(schema, lang) }];
}

/**
 * Parses `data` with `schema`. Returns every problem (one per path, in the check's language) and
 * the value with the invalid optional parts left out, or undefined when a required part is wrong.
 */
export function parseWithSchema<S extends z.ZodType>(schema: S, data: unknown, lang: Lang): { value: z.output<S> | undefined; issues: SchemaIssue[] } {
  let result = schema.safeParse(data);
  if (result.success) return { value: result.data, issues: [] };
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    for (const described of describeIssue(issue, data, schema, lang)) {
      const key = `${described.rule}\u0000${described.path.join('\u0000')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(described);
    }
  }
  // Leave out what is wrong and parse again: a list that loses its only item may now be too short,
  // which is a consequence, not a problem of its own, so later rounds report nothing.
  let remaining = structuredClone(data);
  for (let round = 0; round < 4; round += 1) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const key of unknownKeys) {
        if (!leaveOut(remaining, schema, path, key)) return { value: undefined, issues };
      }
    }
    remaining = withoutDropped(remaining);
    result = schema.safeParse(remaining);
    if (result.success) return { value: result.data, issues };
  }
  return { value: undefined, issues };
}

/** JSON Schema (draft-07) of a YAML schema, as editors read it: what an author may write. */
export function toEditorJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    target: 'draft-07',
    io: 'input',
    override: (context) => {
      // The check accepts `emergencyNumber: 112` for a text: so must the editor.
      if (isScalarText(context.zodSchema as unknown as z.ZodType) && context.jsonSchema.type === 'string') {
        context.jsonSchema.type = ['string', 'number', 'boolean'];
      }
    },
  }) as Record<string, unknown>;
}

function isScalarText(schema: z.ZodType): boolean {
  for (let current: z.ZodType | undefined = schema; current; current = (current as { _zod: { parent?: z.ZodType } })._zod.parent) {
    if (scalarTexts.has(current)) return true;
  }
  return false;
}
