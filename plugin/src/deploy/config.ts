/**
 * The `moodle.deploy` section of content/programme.yaml: which packages go into which Moodle
 * courses. Every field is documented where it is declared; problems carry the YAML line and column.
 *
 * ```yaml
 * moodle:
 *   deploy:
 *     formats: [scorm12]             # scorm12, scorm2004 and/or h5p (default: scorm12)
 *     idnumberPrefix: wecare         # activity idnumbers are <prefix>-<variant>-<package id>-<format>
 *     scormCompletion: auto          # auto (docs/moodle.md: passed for modules with a quiz, completed otherwise
 *                                    # and for the diagnostic assessment), passed, completed or passedorcompleted
 *     completionCriteria: true       # course completion = every deployed activity (default true)
 *     visible: true                  # optional: force visibility; omitted = visible when created, untouched after
 *     courses:                       # variant → course (by moodle.courseKey) → modules, one section each, in order
 *       co:
 *         WC-CO-M01: [01-cuidado-profesional, 02-marco-legal]
 *       es:
 *         WC-ES-M01: [01-cuidado-profesional, 02-marco-legal]
 * ```
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import type { ConfigProblem } from '../config/moodle-config.ts';

export type DeployFormat = 'scorm12' | 'scorm2004' | 'h5p';
export type ScormCompletion = 'auto' | 'passed' | 'completed' | 'passedorcompleted';

export const deployFormats: readonly DeployFormat[] = ['scorm12', 'scorm2004', 'h5p'];

export interface CourseMapping {
  /** Course key as `moodle.courseKey` says (idnumber by default). */
  course: string;
  /** Package ids (module ids, or the assessment's id) in section order: the first goes to section 1. */
  modules: string[];
  /** Where the mapping was written, for messages. */
  line: number;
}

export interface DeployConfig {
  formats: DeployFormat[];
  idnumberPrefix: string;
  scormCompletion: ScormCompletion;
  completionCriteria: boolean;
  visible?: boolean;
  /** Variant code → its courses. */
  courses: Record<string, CourseMapping[]>;
  /** How course keys are looked up (from `moodle.courseKey`). */
  courseKey: 'idnumber' | 'shortname';
}

export class DeployConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}  ${p.message}  moodle-deploy`).join('\n'));
    this.name = 'DeployConfigError';
  }
}

const knownKeys = ['formats', 'idnumberPrefix', 'scormCompletion', 'completionCriteria', 'visible', 'courses'];

export async function loadDeployConfig(root: string): Promise<DeployConfig> {
  const file = 'content/programme.yaml';
  let text: string;
  try {
    text = await readFile(path.join(root, file), 'utf8');
  } catch {
    throw new DeployConfigError([{ file, line: 1, column: 1, message: `cannot read ${path.join(root, file)}: run from the programme folder or pass --root` }]);
  }
  return parseDeployConfig(text, file);
}

export function parseDeployConfig(text: string, file = 'content/programme.yaml'): DeployConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const problems: ConfigProblem[] = [];
  const at = (node: Node | null | undefined, message: string) => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    problems.push({ file, line, column: col, message });
  };
  for (const error of doc.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    problems.push({ file, line, column: col, message: `YAML: ${error.message.split('\n')[0]}` });
  }
  if (problems.length) throw new DeployConfigError(problems);

  const moodle = isMap(doc.contents) ? (doc.contents.get('moodle', true) as Node | undefined) : undefined;
  const deploy = isMap(moodle) ? (moodle.get('deploy', true) as Node | undefined) : undefined;
  if (!isMap(deploy)) {
    at(deploy ?? moodle ?? doc.contents, 'no `moodle.deploy` section: add one that maps each variant\'s Moodle courses to the modules they hold (see docs/moodle.md)');
    throw new DeployConfigError(problems);
  }
  const courseKeyNode = isMap(moodle) ? moodle.get('courseKey', true) : undefined;
  const courseKey = isScalar(courseKeyNode) && courseKeyNode.value === 'shortname' ? 'shortname' : 'idnumber';

  const config: DeployConfig = { formats: ['scorm12'], idnumberPrefix: 'wecare', scormCompletion: 'auto', completionCriteria: true, courses: {}, courseKey };
  let sawCourses = false;
  for (const pair of deploy.items) {
    const key = keyOf(pair);
    const value = pair.value as Node | null;
    switch (key) {
      case 'formats': {
        const list = isSeq(value) ? value.items : isScalar(value) ? [value] : undefined;
        if (!list?.length || !list.every((item) => isScalar(item) && deployFormats.includes(item.value as DeployFormat))) {
          at(value ?? (pair.key as Node), `moodle.deploy.formats must list ${deployFormats.join(', ')} (e.g. [scorm12])`);
        } else config.formats = [...new Set(list.map((item) => (item as { value: DeployFormat }).value))];
        break;
      }
      case 'idnumberPrefix':
        if (!isScalar(value) || typeof value.value !== 'string' || !/^[A-Za-z0-9._:]{1,30}$/.test(value.value)) {
          at(value ?? (pair.key as Node), 'moodle.deploy.idnumberPrefix must be 1–30 letters, digits, dots, underscores or colons (no hyphens: they separate the parts)');
        } else config.idnumberPrefix = value.value;
        break;
      case 'scormCompletion':
        if (!isScalar(value) || !['auto', 'passed', 'completed', 'passedorcompleted'].includes(String(value.value))) {
          at(value ?? (pair.key as Node), 'moodle.deploy.scormCompletion must be auto, passed, completed or passedorcompleted');
        } else config.scormCompletion = value.value as ScormCompletion;
        break;
      case 'completionCriteria':
      case 'visible':
        if (!isScalar(value) || typeof value.value !== 'boolean') at(value ?? (pair.key as Node), `moodle.deploy.${key} must be true or false`);
        else if (key === 'visible') config.visible = value.value;
        else config.completionCriteria = value.value;
        break;
      case 'courses':
        sawCourses = true;
        config.courses = courses(value, pair, at, lineCounter);
        break;
      default:
        at(pair.key as Node, `moodle.deploy: unknown key "${key}" (known: ${knownKeys.join(', ')})`);
    }
  }
  if (!sawCourses) at(deploy, 'moodle.deploy.courses is missing: map each variant to its courses and the modules each course holds');
  if (problems.length) throw new DeployConfigError(problems);
  return config;
}

type At = (node: Node | null | undefined, message: string) => void;

function courses(value: Node | null, pair: Pair, at: At, lineCounter: LineCounter): Record<string, CourseMapping[]> {
  const out: Record<string, CourseMapping[]> = {};
  if (!isMap(value) || !value.items.length) {
    at(value ?? (pair.key as Node), 'moodle.deploy.courses must map variant codes (co, es, …) to their courses');
    return out;
  }
  const seenCourse = new Map<string, string>();
  for (const variantPair of value.items) {
    const variant = keyOf(variantPair);
    const body = variantPair.value as Node | null;
    if (!/^[a-z]{2,3}(-[a-z]{2,3})?$/.test(variant)) at(variantPair.key as Node, `moodle.deploy.courses: "${variant}" is not a variant code (a country, it, or country-language, be-fr)`);
    if (!isMap(body) || !body.items.length) {
      at(body ?? (variantPair.key as Node), `moodle.deploy.courses.${variant} must map course keys to lists of modules, e.g. WC-${variant.toUpperCase()}-M01: [01-cuidado-profesional]`);
      continue;
    }
    const list: CourseMapping[] = [];
    for (const coursePair of body.items) {
      const course = keyOf(coursePair).trim();
      const modules = coursePair.value as Node | null;
      const keyNode = coursePair.key as Node;
      if (!course) {
        at(keyNode, `moodle.deploy.courses.${variant}: empty course key`);
        continue;
      }
      const other = seenCourse.get(course);
      if (other) at(keyNode, `moodle.deploy.courses.${variant}: course "${course}" is already mapped for variant ${other}; a course holds one variant`);
      seenCourse.set(course, variant);
      if (!isSeq(modules) || !modules.items.length || !modules.items.every((item) => isScalar(item) && typeof item.value === 'string' && item.value.trim())) {
        at(modules ?? keyNode, `moodle.deploy.courses.${variant}.${course} must be a list of module ids, e.g. [01-cuidado-profesional]`);
        continue;
      }
      const ids = modules.items.map((item) => String((item as { value: string }).value).trim());
      const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
      if (duplicate) at(modules, `moodle.deploy.courses.${variant}.${course}: module "${duplicate}" is listed twice`);
      list.push({ course, modules: ids, line: lineCounter.linePos(keyNode?.range?.[0] ?? 0).line });
    }
    out[variant] = list;
  }
  return out;
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}
