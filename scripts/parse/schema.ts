/**
 * A small schema library for the YAML sources: each schema parses an unknown value into a typed one
 * and records issues with the path they occurred at, which `yaml-source.ts` turns into messages at
 * the right line. Fields carry a `doc` string: the schema is the documentation of the format.
 */
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

export interface ParseContext {
  lang: Lang;
  issues: SchemaIssue[];
}

export interface Schema<T> {
  /** Localised description of a valid value, e.g. "a whole number from 0 to 100". */
  expected(lang: Lang): string;
  parse(value: unknown, path: Path, context: ParseContext): T | undefined;
}

type Expect = (lang: Lang) => string;

function invalid(context: ParseContext, path: Path, expected: Expect): undefined {
  context.issues.push({ path, rule: 'invalid-field', expected: expected(context.lang) });
  return undefined;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

export function text(options: { pattern?: RegExp; expected?: Expect; nonEmpty?: boolean } = {}): Schema<string> {
  const expected: Expect = options.expected ?? ((lang) => words[lang].aText);
  return {
    expected,
    parse(value, path, context) {
      // YAML turns 112 or 2017 into numbers; a text field accepts them as written.
      const result = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
      if (typeof result !== 'string') return invalid(context, path, expected);
      if (options.nonEmpty !== false && !result.trim()) return invalid(context, path, expected);
      if (options.pattern && !options.pattern.test(result)) return invalid(context, path, expected);
      return result;
    },
  };
}

export const ID_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
/** Competence and outcome ids are upper-case friendly: `C1.1`, `C1.1-K1`. */
export const FRAMEWORK_ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*(?:[.\-_][A-Za-z0-9]+)*$/;
export const VARIANT_CODE_PATTERN = /^[a-z]{2}$/;

export const id = () => text({ pattern: ID_PATTERN, expected: (lang) => words[lang].anId });
export const frameworkId = () => text({ pattern: FRAMEWORK_ID_PATTERN, expected: (lang) => words[lang].anId });
export const variantCode = () => text({ pattern: VARIANT_CODE_PATTERN, expected: (lang) => words[lang].aVariantCode });
export const url = () => text({ pattern: /^https?:\/\/\S+$/, expected: (lang) => words[lang].aUrl });

export function number(options: { min?: number; max?: number; integer?: boolean; expected?: Expect } = {}): Schema<number> {
  const expected: Expect = options.expected ?? ((lang) => (options.integer ? words[lang].aWholeNumber : words[lang].aNumber));
  return {
    expected,
    parse(value, path, context) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return invalid(context, path, expected);
      if (options.integer && !Number.isInteger(value)) return invalid(context, path, expected);
      if (options.min !== undefined && value < options.min) return invalid(context, path, expected);
      if (options.max !== undefined && value > options.max) return invalid(context, path, expected);
      return value;
    },
  };
}

export const percentage = () => number({ min: 0, max: 100, integer: true, expected: (lang) => words[lang].aPercentage });
export const minutes = () => number({ min: 0, integer: true, expected: (lang) => words[lang].minutes });

export function oneOf<const T extends string>(values: readonly T[]): Schema<T> {
  const expected: Expect = (lang) => words[lang].oneOf([...values]);
  return {
    expected,
    parse(value, path, context) {
      if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
      return invalid(context, path, expected);
    },
  };
}

export function array<T>(item: Schema<T>, options: { min?: number } = {}): Schema<T[]> {
  const expected: Expect = (lang) => words[lang].aList;
  return {
    expected,
    parse(value, path, context) {
      if (!Array.isArray(value) || value.length < (options.min ?? 0)) return invalid(context, path, expected);
      const result: T[] = [];
      value.forEach((entry, index) => {
        const parsed = item.parse(entry, [...path, index], context);
        if (parsed !== undefined) result.push(parsed);
      });
      return result;
    },
  };
}

/** A mapping with free keys, e.g. `ui:` overrides or per-variant wording. */
export function record<T>(item: Schema<T>): Schema<Record<string, T>> {
  const expected: Expect = (lang) => words[lang].aMapping;
  return {
    expected,
    parse(value, path, context) {
      if (value === null || value === undefined) return {};
      if (!isPlainObject(value)) return invalid(context, path, expected);
      const result: Record<string, T> = {};
      for (const [key, entry] of Object.entries(value)) {
        const parsed = item.parse(entry, [...path, key], context);
        if (parsed !== undefined) result[key] = parsed;
      }
      return result;
    },
  };
}

/** Any YAML value, kept as is (free data). */
export function anything(): Schema<unknown> {
  return { expected: (lang) => words[lang].aText, parse: (value) => value };
}

export interface Field<T, Optional extends boolean> {
  schema: Schema<T>;
  optional: Optional;
  /** What the field means, for readers of the schema (and of docs/authoring.md). */
  doc: string;
}

export const required = <T>(schema: Schema<T>, doc: string): Field<T, false> => ({ schema, optional: false, doc });
export const optional = <T>(schema: Schema<T>, doc: string): Field<T, true> => ({ schema, optional: true, doc });

type Shape = Record<string, Field<unknown, boolean>>;
type FieldType<F> = F extends Field<infer T, boolean> ? T : never;
export type Infer<S extends Shape> = {
  [K in keyof S as S[K] extends Field<unknown, false> ? K : never]: FieldType<S[K]>;
} & {
  [K in keyof S as S[K] extends Field<unknown, false> ? never : K]?: FieldType<S[K]>;
};

export interface ObjectOptions {
  /** Keys outside the shape: `error` (default), `keep` (returned under `rest`), or a predicate allowing some. */
  unknownKeys?: 'error' | 'keep' | ((key: string) => boolean);
}

export type ObjectSchema<S extends Shape> = Schema<Infer<S> & { rest?: Record<string, unknown> }> & { shape: S };

export function object<S extends Shape>(shape: S, options: ObjectOptions = {}): ObjectSchema<S> {
  const expected: Expect = (lang) => words[lang].aMapping;
  return {
    shape,
    expected,
    parse(value, path, context) {
      if (!isPlainObject(value)) return invalid(context, path, expected);
      const result: Record<string, unknown> = {};
      let ok = true;
      for (const [key, field] of Object.entries(shape)) {
        const entry = value[key];
        if (entry === undefined || entry === null) {
          if (!field.optional) {
            context.issues.push({ path: [...path, key], rule: 'missing-field', expected: field.schema.expected(context.lang) });
            ok = false;
          }
          continue;
        }
        const parsed = field.schema.parse(entry, [...path, key], context);
        if (parsed === undefined) {
          if (!field.optional) ok = false;
          continue;
        }
        result[key] = parsed;
      }
      const rest: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (key in shape) continue;
        const policy = options.unknownKeys ?? 'error';
        if (policy === 'keep' || (typeof policy === 'function' && policy(key))) {
          rest[key] = value[key];
          continue;
        }
        context.issues.push({ path: [...path, key], rule: 'unknown-field', suggestion: suggest(key, Object.keys(shape)) });
      }
      if (options.unknownKeys === 'keep') result.rest = rest;
      return ok ? (result as Infer<S> & { rest?: Record<string, unknown> }) : undefined;
    },
  };
}
