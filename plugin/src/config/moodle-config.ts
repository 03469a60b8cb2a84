/**
 * The `moodle:` section of content/programme.yaml: how the roster maps onto Moodle. Every field is
 * documented where it is declared; problems come back with the YAML line and column.
 *
 * ```yaml
 * moodle:
 *   role: student                  # course role of participants (student, teacher, editingteacher, or a role id)
 *   auth: manual                   # Moodle authentication plugin of new accounts
 *   lang: es                       # optional: language of new accounts (must be installed on the site)
 *   usernamePrefix: wc-            # new usernames are prefix + lower-cased participant id
 *   courseKey: idnumber            # how courses below are named: idnumber (default) or shortname
 *   cumulativePhases: true         # a participant stays enrolled in the courses of earlier phases
 *   suspendAccountOnWithdraw: false  # also suspend the Moodle account (not only the enrolments)
 *   cohort: { idnumber: "wecare-{intake}-{variant}", name: "WeCare {intake} {variant}" }
 *   group: { idnumber: "{intake}-{group}", name: "{group} ({intake})" }
 *   variants:
 *     co:
 *       aliases: [Colombia]          # other spellings accepted in the roster's variant column
 *       phases:                      # in order; each phase lists the courses it enrols into
 *         fase-1: [WC-CO-M01, WC-CO-M02]
 *         fase-2: [WC-CO-M03]
 * ```
 * Placeholders: {intake}, {variant}, {phase}, {group}.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';

export interface NamingPattern {
  idnumber: string;
  name: string;
}

export interface VariantMapping {
  aliases: string[];
  /** Phase name → course keys, in phase order. */
  phases: Array<{ name: string; courses: string[] }>;
}

export interface MoodleConfig {
  roleId: number;
  roleName: string;
  auth: string;
  lang?: string;
  usernamePrefix: string;
  courseKey: 'idnumber' | 'shortname';
  cumulativePhases: boolean;
  suspendAccountOnWithdraw: boolean;
  cohort?: NamingPattern;
  group?: NamingPattern;
  variants: Record<string, VariantMapping>;
  /** Keys owned by other parts of the toolkit (e.g. `deploy`), passed through untouched. */
  extra: Record<string, unknown>;
}

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class MoodleConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}  ${p.message}  moodle-config`).join('\n'));
    this.name = 'MoodleConfigError';
  }
}

/** Default role ids of a standard Moodle install. */
export const standardRoles: Record<string, number> = { manager: 1, coursecreator: 2, editingteacher: 3, teacher: 4, student: 5 };
const placeholders = new Set(['intake', 'variant', 'phase', 'group']);
/** Keys other engineers' features read from the same section; not validated here. */
const passThroughKeys = new Set(['deploy', 'sections', 'activities', 'progress']);

export async function loadMoodleConfig(root: string): Promise<MoodleConfig> {
  const file = path.join(root, 'content/programme.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new MoodleConfigError([{ file: 'content/programme.yaml', line: 1, column: 1, message: `cannot read ${file}: run from the programme folder or pass --root` }]);
  }
  return parseMoodleConfig(text, 'content/programme.yaml');
}

export function parseMoodleConfig(text: string, file = 'content/programme.yaml'): MoodleConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  const problems: ConfigProblem[] = [];
  const at = (node: Node | null | undefined, message: string) => {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    problems.push({ file, line, column: col, message });
  };
  for (const error of doc.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    problems.push({ file, line, column: col, message: `YAML: ${error.message.split('\n')[0]}` });
  }
  if (problems.length) throw new MoodleConfigError(problems);
  const rootNode = doc.contents;
  const section = isMap(rootNode) ? (rootNode.get('moodle', true) as Node | undefined) : undefined;
  if (!section) throw new MoodleConfigError([{ file, line: 1, column: 1, message: 'no `moodle:` section: add one that maps each variant and phase to Moodle courses (see docs/moodle.md)' }]);
  if (!isMap(section)) {
    at(section, '`moodle` must be a mapping');
    throw new MoodleConfigError(problems);
  }

  const config: MoodleConfig = {
    roleId: 5,
    roleName: 'student',
    auth: 'manual',
    usernamePrefix: '',
    courseKey: 'idnumber',
    cumulativePhases: true,
    suspendAccountOnWithdraw: false,
    variants: {},
    extra: {},
  };
  const string = (pair: Pair, pattern?: RegExp, hint?: string): string | undefined => {
    const value = pair.value as Node | null;
    if (!isScalar(value) || (typeof value.value !== 'string' && typeof value.value !== 'number')) {
      at(value ?? (pair.key as Node), `moodle.${keyOf(pair)} must be text`);
      return undefined;
    }
    const text = String(value.value);
    if (pattern && !pattern.test(text)) {
      at(value, `moodle.${keyOf(pair)}: "${text}" ${hint}`);
      return undefined;
    }
    return text;
  };
  const bool = (pair: Pair): boolean | undefined => {
    const value = pair.value as Node | null;
    if (!isScalar(value) || typeof value.value !== 'boolean') {
      at(value ?? (pair.key as Node), `moodle.${keyOf(pair)} must be true or false`);
      return undefined;
    }
    return value.value;
  };

  for (const pair of section.items) {
    const key = keyOf(pair);
    switch (key) {
      case 'role': {
        const value = pair.value as Node | null;
        if (isScalar(value) && typeof value.value === 'number' && Number.isInteger(value.value) && value.value > 0) {
          config.roleId = value.value;
          config.roleName = `role ${value.value}`;
        } else {
          const name = string(pair);
          if (name !== undefined) {
            if (standardRoles[name] === undefined) at(value, `moodle.role: unknown role "${name}"; use ${Object.keys(standardRoles).join(', ')} or the role's numeric id`);
            else {
              config.roleId = standardRoles[name]!;
              config.roleName = name;
            }
          }
        }
        break;
      }
      case 'auth':
        config.auth = string(pair, /^[a-z0-9_]+$/, 'is not a Moodle authentication plugin name (e.g. manual, oauth2, saml2)') ?? config.auth;
        break;
      case 'lang':
        config.lang = string(pair, /^[a-z]{2,3}(_[a-z0-9]+)*$/, 'is not a Moodle language code (e.g. es, es_mx)');
        break;
      case 'usernamePrefix':
        config.usernamePrefix = string(pair, /^[a-z0-9_.@-]*$/, 'may contain only lower-case letters, digits and . _ - @') ?? '';
        break;
      case 'courseKey': {
        const value = string(pair, /^(idnumber|shortname)$/, 'must be idnumber or shortname');
        if (value) config.courseKey = value as MoodleConfig['courseKey'];
        break;
      }
      case 'cumulativePhases':
        config.cumulativePhases = bool(pair) ?? config.cumulativePhases;
        break;
      case 'suspendAccountOnWithdraw':
        config.suspendAccountOnWithdraw = bool(pair) ?? config.suspendAccountOnWithdraw;
        break;
      case 'cohort':
      case 'group':
        config[key] = naming(pair, at);
        break;
      case 'variants':
        config.variants = variants(pair, at);
        break;
      default:
        if (passThroughKeys.has(key)) config.extra[key] = (pair.value as Node | null)?.toJSON?.() ?? null;
        else at(pair.key as Node, `moodle: unknown key "${key}" (known: role, auth, lang, usernamePrefix, courseKey, cumulativePhases, suspendAccountOnWithdraw, cohort, group, variants)`);
    }
  }
  if (!Object.keys(config.variants).length && !problems.some((p) => p.message.includes('variants'))) at(section, 'moodle.variants is missing: map each variant to its phases and courses');
  if (problems.length) throw new MoodleConfigError(problems);
  return config;
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

type At = (node: Node | null | undefined, message: string) => void;

function naming(pair: Pair, at: At): NamingPattern | undefined {
  const key = keyOf(pair);
  const value = pair.value as Node | null;
  if (!isMap(value)) {
    at(value ?? (pair.key as Node), `moodle.${key} must be a mapping with idnumber and name`);
    return undefined;
  }
  const out: Partial<NamingPattern> = {};
  for (const item of (value as YAMLMap).items) {
    const field = keyOf(item);
    const node = item.value as Node | null;
    if (field !== 'idnumber' && field !== 'name') {
      at(item.key as Node, `moodle.${key}: unknown key "${field}" (use idnumber and name)`);
      continue;
    }
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.trim()) {
      at(node ?? (item.key as Node), `moodle.${key}.${field} must be non-empty text`);
      continue;
    }
    const unknown = [...node.value.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).filter((name) => !placeholders.has(name));
    if (unknown.length) at(node, `moodle.${key}.${field}: unknown placeholder {${unknown[0]}} (use {intake}, {variant}, {phase}, {group})`);
    out[field] = node.value;
  }
  if (!out.idnumber) {
    at(value, `moodle.${key}.idnumber is required: groups and cohorts are matched by idnumber, never by name`);
    return undefined;
  }
  return { idnumber: out.idnumber, name: out.name ?? out.idnumber };
}

function variants(pair: Pair, at: At): Record<string, VariantMapping> {
  const value = pair.value as Node | null;
  const out: Record<string, VariantMapping> = {};
  if (!isMap(value)) {
    at(value ?? (pair.key as Node), 'moodle.variants must map variant codes (co, es, …) to their phases');
    return out;
  }
  for (const variantPair of value.items) {
    const code = keyOf(variantPair);
    const body = variantPair.value as Node | null;
    if (!/^[a-z]{2,3}(-[a-z]{2,3})?$/.test(code)) at(variantPair.key as Node, `moodle.variants: "${code}" is not a variant code (a country, it, or country-language, be-fr)`);
    if (!isMap(body)) {
      at(body ?? (variantPair.key as Node), `moodle.variants.${code} must have phases (and optionally aliases)`);
      continue;
    }
    const mapping: VariantMapping = { aliases: [], phases: [] };
    for (const item of body.items) {
      const field = keyOf(item);
      const node = item.value as Node | null;
      if (field === 'aliases') {
        if (!isSeq(node) || !node.items.every((alias) => isScalar(alias) && typeof alias.value === 'string')) at(node ?? (item.key as Node), `moodle.variants.${code}.aliases must be a list of names`);
        else mapping.aliases = node.items.map((alias) => String((alias as { value: unknown }).value));
      } else if (field === 'phases') {
        if (!isMap(node) || !node.items.length) {
          at(node ?? (item.key as Node), `moodle.variants.${code}.phases must map each phase to a list of course ${'idnumbers'}`);
          continue;
        }
        for (const phasePair of node.items) {
          const phase = keyOf(phasePair);
          const courses = phasePair.value as Node | null;
          if (!isSeq(courses) || !courses.items.every((course) => isScalar(course) && ['string', 'number'].includes(typeof course.value) && String(course.value).trim())) {
            at(courses ?? (phasePair.key as Node), `moodle.variants.${code}.phases.${phase} must be a list of courses, e.g. [WC-${code.toUpperCase()}-M01]`);
            continue;
          }
          mapping.phases.push({ name: phase, courses: courses.items.map((course) => String((course as { value: unknown }).value).trim()) });
        }
      } else {
        at(item.key as Node, `moodle.variants.${code}: unknown key "${field}" (use aliases and phases)`);
      }
    }
    if (!mapping.phases.length && !body.items.some((item) => keyOf(item) === 'phases')) at(body, `moodle.variants.${code}.phases is missing`);
    out[code] = mapping;
  }
  return out;
}

/** Fills `{intake}`, `{variant}`, `{phase}`, `{group}` in a naming pattern. */
export function fillPattern(pattern: string, values: Record<'intake' | 'variant' | 'phase' | 'group', string>): string {
  return pattern.replace(/\{(intake|variant|phase|group)\}/g, (_, key: keyof typeof values) => values[key]);
}

/** Course keys a participant of `variant` in `phase` is enrolled into. */
export function coursesFor(config: MoodleConfig, variant: string, phase: string): string[] {
  const phases = config.variants[variant]?.phases ?? [];
  const index = phases.findIndex((p) => p.name === phase);
  if (index < 0) return [];
  const included = config.cumulativePhases ? phases.slice(0, index + 1) : [phases[index]!];
  return [...new Set(included.flatMap((p) => p.courses))];
}
