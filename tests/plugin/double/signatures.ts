/**
 * Moodle's external-function descriptions, as recorded in ../shared/moodle-recorded/functions.json,
 * and the two checks the real server makes with them: parameter validation (unknown keys, missing
 * required keys, types, defaults) and return-value shape.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Requiredness = 'VALUE_REQUIRED' | 'VALUE_OPTIONAL' | 'VALUE_DEFAULT';

export interface ValueDesc {
  kind: 'value';
  type: string;
  required: Requiredness;
  allownull?: boolean;
  default?: unknown;
}
export interface SingleDesc {
  kind: 'single_structure' | 'function_parameters';
  keys: Record<string, Desc>;
  required: Requiredness;
  allownull?: boolean;
  default?: unknown;
}
export interface MultipleDesc {
  kind: 'multiple_structure';
  content: Desc;
  required: Requiredness;
  allownull?: boolean;
  default?: unknown;
}
export type Desc = ValueDesc | SingleDesc | MultipleDesc;

export interface FunctionSignature {
  name: string;
  type: 'read' | 'write';
  parameters: SingleDesc;
  /** `null`: the function returns nothing (JSON `null`). */
  returns: Desc | null;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** ../shared/moodle-recorded beside the repository (WECARE_MOODLE_RECORDED overrides it). */
export const recordedDir = process.env.WECARE_MOODLE_RECORDED ?? path.resolve(here, '../../../../shared/moodle-recorded');
export const recordedAvailable = existsSync(path.join(recordedDir, 'functions.json'));

let cache: Record<string, FunctionSignature> | undefined;

/** Every recorded signature, by function name. Throws when ../shared/moodle-recorded is missing. */
export function recordedSignatures(): Record<string, FunctionSignature> {
  cache ??= (JSON.parse(readFileSync(path.join(recordedDir, 'functions.json'), 'utf8')) as { functions: Record<string, FunctionSignature> }).functions;
  return cache;
}

/** The reason a parameter is refused; Moodle shows it as `debuginfo` when debugging is on. */
export class InvalidParameter extends Error {}

const patterns: Record<string, RegExp> = {
  int: /^-?\d+$/,
  float: /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i,
  alpha: /^[a-zA-Z]*$/,
  alphanum: /^[a-zA-Z0-9]*$/,
  alphanumext: /^[a-zA-Z0-9_-]*$/,
  username: /^[a-z0-9_.@-]*$/,
  plugin: /^[a-z0-9_]*$/,
  component: /^[a-z0-9_]*$/,
  area: /^[a-z0-9_]*$/,
  auth: /^[a-z0-9_]*$/,
  lang: /^[a-z_]*$/,
  theme: /^[a-z0-9_]*$/,
  safedir: /^[a-zA-Z0-9_-]*$/,
};

/** Validates decoded form parameters the way external_api::validate_parameters does. */
export function validateParams(desc: Desc, value: unknown): unknown {
  if (desc.kind === 'value') {
    if (value === null || typeof value === 'object') throw new InvalidParameter('Scalar type expected, array or object received.');
    const text = String(value);
    const refuse = () => new InvalidParameter(`Invalid external api parameter: the value is "${text}", the server was expecting "${desc.type}" type`);
    if (desc.type === 'bool') {
      if (!['0', '1', 'true', 'false', ''].includes(text)) throw refuse();
      return text === '1' || text === 'true';
    }
    const pattern = patterns[desc.type];
    if (pattern && !pattern.test(text)) throw refuse();
    if (desc.type === 'notags' && /<[^>]*>/.test(text)) throw refuse();
    if (desc.type === 'raw_trimmed' && text !== text.trim()) throw refuse();
    if (desc.type === 'int' || desc.type === 'float') return Number(text);
    return text;
  }
  if (value === null || typeof value !== 'object') throw new InvalidParameter(`Only arrays accepted. The bad value is: '${String(value)}'`);
  if (desc.kind === 'multiple_structure') {
    return Object.values(value as Record<string, unknown>).map((item) => validateParams(desc.content, item));
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(desc.keys)) {
    if (!(key in record)) {
      if (child.required === 'VALUE_REQUIRED') throw new InvalidParameter(`Missing required key in single structure: ${key}`);
      if (child.required === 'VALUE_DEFAULT') out[key] = child.default;
      continue;
    }
    try {
      out[key] = validateParams(child, record[key]);
    } catch (error) {
      throw new InvalidParameter(`${key} => Invalid parameter value detected: ${(error as Error).message}`);
    }
  }
  const unexpected = Object.keys(record).filter((key) => !(key in desc.keys));
  if (unexpected.length) throw new InvalidParameter(`Unexpected keys (${unexpected.join(', ')}) detected in parameter array.`);
  return out;
}

const jsonTypes: Record<string, string> = { int: 'number', float: 'number', bool: 'boolean' };

/** Problems of a handler's answer against the recorded return description (empty when it matches). */
export function checkReturns(desc: Desc | null, value: unknown, where = 'return'): string[] {
  if (desc === null) return value === null ? [] : [`${where}: expected null`];
  if (value === null || value === undefined) return desc.allownull === false ? [`${where}: null not allowed`] : [];
  if (desc.kind === 'value') {
    const expected = jsonTypes[desc.type] ?? 'string';
    return typeof value === expected ? [] : [`${where}: expected ${expected} (${desc.type}), got ${typeof value}`];
  }
  if (desc.kind === 'multiple_structure') {
    if (!Array.isArray(value)) return [`${where}: expected a list`];
    return value.flatMap((item, index) => checkReturns(desc.content, item, `${where}[${index}]`));
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [`${where}: expected an object`];
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, child] of Object.entries(desc.keys)) {
    if (!(key in record)) {
      if (child.required === 'VALUE_REQUIRED') problems.push(`${where}.${key}: missing`);
      continue;
    }
    problems.push(...checkReturns(child, record[key], `${where}.${key}`));
  }
  for (const key of Object.keys(record)) if (!(key in desc.keys)) problems.push(`${where}.${key}: not in the signature`);
  return problems;
}
