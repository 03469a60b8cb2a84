/**
 * `wecare variant add`: a new country variant from an existing one. Writes
 * `content/variants/<code>.yaml` (every key of the source, its country data listed under
 * `localise:`), adds the code to `programme.yaml`'s `variants` and placeholder courses to its
 * `moodle:` mapping. Files are edited as text, so the author's layout and comments stay as they were.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { VARIANT_CODE_PATTERN } from '../parse/schema.ts';
import { countryValues, valueDigest } from './localise.ts';

export class VariantAddError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'VariantAddError';
  }
}

export interface AddVariantRequest {
  root: string;
  code: string;
  /** BCP 47 locale of the new variant's learner text, e.g. it-IT. */
  locale: string;
  /** Code of the variant to copy. */
  from: string;
  /** Country name in the programme language; default: from the locale's region. */
  name?: string;
}

export interface AddVariantResult {
  code: string;
  name: string;
  locale: string;
  from: string;
  /** Language of the programme's source text (programme.yaml `language`). */
  programmeLanguage: string;
  variantFile: string;
  /** Key paths listed under `localise:`. */
  localise: string[];
  /** True when `variants:` in programme.yaml got the new code (false: it ships every file). */
  addedToVariants: boolean;
  /** Placeholder Moodle course keys written into programme.yaml's `moodle:` mapping. */
  moodleCourses: string[];
  /** `ui:` overrides of the source left out because they are in another language. */
  droppedUi: number;
}

const PROGRAMME = 'content/programme.yaml';
const LOCALE = /^([a-z]{2,3})(?:-([A-Z]{2}))?$/;

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** A YAML scalar written plainly when that reads back as the same text, else double-quoted. */
export function yamlScalar(value: string): string {
  if (/^[\p{L}\p{N}][\p{L}\p{N} ()·'’.,_/-]*$/u.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) && !/^[\d.+-]/.test(value) && !/[ ]$/.test(value)) return value;
  return JSON.stringify(value);
}

function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap).items.find((item) => isScalar(item.key) && String(item.key.value) === key) as Pair | undefined;
}

function parse(text: string, file: string): Document.Parsed {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new VariantAddError(`${file} cannot be read as YAML (${doc.errors[0]!.message.split('\n')[0]}); run wecare check and fix it first.`);
  return doc;
}

/** Offset just after the line holding the last non-blank character before `offset`. */
function afterLineOf(text: string, offset: number): number {
  let last = offset - 1;
  while (last > 0 && /\s/.test(text[last]!)) last -= 1;
  const newline = text.indexOf('\n', last);
  return newline === -1 ? text.length : newline + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** `WC-ES-FORMACION` for es → `WC-IT-FORMACION` for it; keys without the code get it appended. */
export function renameCourse(course: string, from: string, code: string): string {
  const fromToken = from.toUpperCase();
  let replaced = false;
  const renamed = course
    .split(/([-_.])/)
    .map((part) => {
      if (part.toUpperCase() !== fromToken) return part;
      replaced = true;
      return part === fromToken ? code.toUpperCase() : code;
    })
    .join('');
  return replaced ? renamed : `${course}-${code.toUpperCase()}`;
}

export function defaultCountryName(locale: string, code: string, programmeLanguage: string): string | undefined {
  const match = locale.match(LOCALE);
  const region = match?.[2] ?? (code.length === 2 ? code.toUpperCase() : undefined);
  if (!region) return undefined;
  try {
    const country = new Intl.DisplayNames([programmeLanguage], { type: 'region', fallback: 'none' }).of(region);
    if (!country) return undefined;
    // A country that teaches in several languages (be-fr, be-nl) names the language too.
    if (!code.includes('-')) return country;
    const language = new Intl.DisplayNames([programmeLanguage], { type: 'language', fallback: 'none' }).of(match![1]!);
    return language ? `${country} (${language})` : country;
  } catch {
    return undefined;
  }
}

function validate(request: AddVariantRequest, shipped: string[]): void {
  const { code, locale, from } = request;
  if (!VARIANT_CODE_PATTERN.test(code)) {
    throw new VariantAddError(`"${code}" is not a variant code: use the country's two-letter code in lower case (it, at), or country-language when it teaches in several languages (be-fr); see docs/authoring.md, "Adding a country".`, 2);
  }
  const match = locale.match(LOCALE);
  if (!match) throw new VariantAddError(`--locale "${locale}" is not a BCP 47 locale like it-IT, fr-BE or de-AT.`, 2);
  const country = code.split('-')[0]!;
  if (match[2] && match[2].toLowerCase() !== country) {
    throw new VariantAddError(`variant "${code}" and locale ${locale} name different countries (${country.toUpperCase()} and ${match[2]}); the code is the country: ${match[2].toLowerCase()}.`, 2);
  }
  const language = code.split('-')[1];
  if (language && language !== match[1]) throw new VariantAddError(`variant "${code}" teaches in "${language}" but --locale ${locale} is in "${match[1]}".`, 2);
  if (shipped.includes(code)) throw new VariantAddError(`the programme already has a variant "${code}" (${PROGRAMME}).`);
  if (!shipped.includes(from)) throw new VariantAddError(`--from "${from}" is not a variant of the programme (it ships: ${shipped.join(', ')}).`, 2);
}

/** The new variant file: the source's text with code, name, locale and header replaced, and `localise:` appended. */
function variantText(source: string, sourceFile: string, request: Required<Pick<AddVariantRequest, 'code' | 'locale' | 'from' | 'name'>>, sameLanguage: boolean) {
  const doc = parse(source, sourceFile);
  const data = doc.toJS() as Record<string, unknown>;
  if (!data || typeof data !== 'object') throw new VariantAddError(`${sourceFile} is not a mapping of keys to values.`);
  const edits: Edit[] = [];
  const setScalar = (key: string, value: string) => {
    const pair = pairOf(doc.contents, key);
    const node = pair?.value as YamlNode | undefined;
    if (node?.range) edits.push({ start: node.range[0], end: node.range[1], text: yamlScalar(value) });
  };
  setScalar('code', request.code);
  setScalar('name', request.name);
  setScalar('locale', request.locale);

  // `ui` overrides are interface wording in the source's language: they do not carry over to another.
  let droppedUi = 0;
  const ui = pairOf(doc.contents, 'ui');
  if (!sameLanguage && isMap(ui?.value) && (ui!.value as YAMLMap).items.length) {
    const node = ui!.value as YAMLMap;
    droppedUi = node.items.length;
    const keyStart = (ui!.key as YamlNode).range![0];
    edits.push({ start: keyStart, end: afterLineOf(source, node.range![1]), text: 'ui: {}\n' });
  }
  // A source that was itself added keeps its own marker; the new file gets a fresh one below.
  const previous = pairOf(doc.contents, 'localise');
  if (previous) {
    const start = (previous.key as YamlNode).range![0];
    let lineStart = source.lastIndexOf('\n', start - 1) + 1;
    // Its explanatory comment lines go with it.
    while (lineStart > 0) {
      const before = source.lastIndexOf('\n', lineStart - 2) + 1;
      if (!source.slice(before, lineStart).trimStart().startsWith('#')) break;
      lineStart = before;
    }
    edits.push({ start: lineStart, end: afterLineOf(source, (previous.value as YamlNode).range![1]), text: '' });
  }

  // The header comment described the source country.
  const header = source.match(/^(?:[ \t]*#[^\n]*\n|[ \t]*\n)*/)![0];
  // The editor's schema line (see docs/authoring.md) stays.
  const modeline = /^# yaml-language-server:[^\n]*\n/m.exec(header)?.[0] ?? '';
  edits.push({
    start: 0,
    end: header.length,
    text: modeline + [
      `# ${request.name} (${request.locale}), added by \`wecare variant add\` from ${request.from}.yaml. Every key below`,
      '# `ui` is free data that lessons reach with :var[path.to.value]. The values listed under `localise:`',
      `# at the end are still ${request.from}'s: write this country's (docs/authoring.md, "Adding a country").`,
      '',
    ].join('\n'),
  });

  const values = countryValues(data);
  const text = applyEdits(source, edits).replace(/\s*$/, '\n');
  const marker = [
    '',
    `# Every value below was copied from ${request.from}.yaml by \`wecare variant add\`, with a digest of what`,
    "# was copied. `wecare check` warns while a value is unchanged: write this country's value, or, when",
    `# ${request.from}'s value is right here too (the same emergency number, the same currency), delete its line.`,
    'localise:',
    `  from: ${request.from}`,
    values.length ? '  values:' : '  values: {}',
    ...values.map(({ path: key, value }) => `    ${yamlScalar(key)}: "${valueDigest(value)}"`),
    '',
  ].join('\n');
  return { text: text + marker, localise: values.map((v) => v.path), droppedUi };
}

/** programme.yaml with the new code in `variants` and placeholder Moodle courses. */
function programmeText(text: string, request: Required<Pick<AddVariantRequest, 'code' | 'from' | 'name'>>) {
  const doc = parse(text, PROGRAMME);
  const edits: Edit[] = [];
  const { code, from, name } = request;

  let addedToVariants = false;
  const variants = pairOf(doc.contents, 'variants')?.value;
  if (isSeq(variants) && variants.range) {
    addedToVariants = true;
    if (variants.flow) {
      const close = text.lastIndexOf(']', variants.range[1]);
      const end = text.slice(0, close).trimEnd().length;
      edits.push(variants.items.length ? { start: end, end, text: `, ${code}` } : { start: close, end: close, text: code });
    } else {
      const last = variants.items[variants.items.length - 1] as YamlNode;
      const dash = text.lastIndexOf('-', last.range![0]);
      edits.push({ start: afterLineOf(text, last.range![1]), end: afterLineOf(text, last.range![1]), text: `${' '.repeat(columnOf(text, dash))}- ${code}\n` });
    }
  }

  const moodleCourses: string[] = [];
  const moodle = pairOf(doc.contents, 'moodle')?.value;
  const insertEntry = (map: unknown, lines: (indent: string) => string[]) => {
    if (!isMap(map) || !(map as YAMLMap).items.length || !(map as YAMLMap).range) return;
    const first = (map as YAMLMap).items[0]!.key as YamlNode;
    const indent = ' '.repeat(columnOf(text, first.range![0]));
    const at = afterLineOf(text, (map as YAMLMap).range![1]);
    edits.push({ start: at, end: at, text: lines(indent).map((line) => `${indent}${line}\n`).join('') });
  };
  const note = `# ${code}: placeholder courses written by \`wecare variant add\`; create them in Moodle or change them`;

  const mappings = isMap(moodle) ? (moodle as YAMLMap).get('variants', true) : undefined;
  const sourceMapping = isMap(mappings) ? (mappings as YAMLMap).get(from, true) : undefined;
  const sourcePhases = isMap(sourceMapping) ? ((sourceMapping as YAMLMap).toJSON() as { phases?: Record<string, string[]> }).phases : undefined;
  if (sourcePhases && typeof sourcePhases === 'object') {
    insertEntry(mappings, () => [
      note,
      `${code}:`,
      `  aliases: [${yamlScalar(name)}]`,
      '  phases:',
      ...Object.entries(sourcePhases).map(([phase, courses]) => {
        const renamed = (Array.isArray(courses) ? courses : []).map((course) => renameCourse(String(course), from, code));
        moodleCourses.push(...renamed);
        return `    ${yamlScalar(phase)}: [${renamed.map(yamlScalar).join(', ')}]`;
      }),
    ]);
  }
  const deploy = isMap(moodle) ? (moodle as YAMLMap).get('deploy', true) : undefined;
  const courses = isMap(deploy) ? (deploy as YAMLMap).get('courses', true) : undefined;
  const sourceCourses = isMap(courses) ? (courses as YAMLMap).get(from, true) : undefined;
  if (isMap(sourceCourses)) {
    const entries = Object.entries((sourceCourses as YAMLMap).toJSON() as Record<string, unknown>);
    insertEntry(courses, () => [
      ...(sourcePhases ? [] : [note]),
      `${code}:`,
      ...entries.map(([course, modules]) => {
        const renamed = renameCourse(course, from, code);
        if (!moodleCourses.includes(renamed)) moodleCourses.push(renamed);
        return `  ${yamlScalar(renamed)}: [${(Array.isArray(modules) ? modules : []).map((m) => yamlScalar(String(m))).join(', ')}]`;
      }),
    ]);
  }
  return { text: applyEdits(text, edits), addedToVariants, moodleCourses };
}

/** Shipped variant codes: programme.yaml's `variants`, or every variant file. */
function shippedVariants(root: string, doc: Document.Parsed): string[] {
  const variants = pairOf(doc.contents, 'variants')?.value;
  if (isSeq(variants)) return variants.items.map((item) => String(isScalar(item) ? item.value : item));
  try {
    return readdirVariantFiles(root);
  } catch {
    return [];
  }
}

function readdirVariantFiles(root: string): string[] {
  return readdirSync(path.join(root, 'content/variants')).filter((name) => name.endsWith('.yaml')).map((name) => name.slice(0, -5)).sort();
}

export function addVariant(request: AddVariantRequest): AddVariantResult {
  const root = path.resolve(request.root);
  let programmeSource: string;
  try {
    programmeSource = readFileSync(path.join(root, PROGRAMME), 'utf8');
  } catch {
    throw new VariantAddError(`cannot read ${PROGRAMME} in ${root}: is this the programme folder? (use --root)`);
  }
  const programmeDoc = parse(programmeSource, PROGRAMME);
  const shipped = shippedVariants(root, programmeDoc);
  validate(request, shipped);
  const programmeLanguage = String((programmeDoc.toJS() as { language?: unknown })?.language ?? 'en');

  const variantFile = `content/variants/${request.code}.yaml`;
  if (existsSync(path.join(root, variantFile))) throw new VariantAddError(`${variantFile} already exists; add "${request.code}" to variants: in ${PROGRAMME} or delete the file.`);
  const sourceFile = `content/variants/${request.from}.yaml`;
  let source: string;
  try {
    source = readFileSync(path.join(root, sourceFile), 'utf8');
  } catch {
    throw new VariantAddError(`cannot read ${sourceFile}, the variant to copy.`);
  }
  const sourceLocale = String((parse(source, sourceFile).toJS() as { locale?: unknown })?.locale ?? '');
  const sameLanguage = sourceLocale.split('-')[0] === request.locale.split('-')[0];

  const name = request.name ?? defaultCountryName(request.locale, request.code, programmeLanguage);
  if (!name) throw new VariantAddError(`cannot tell the country of ${request.locale}: give its name with --name.`, 2);
  const full = { code: request.code, locale: request.locale, from: request.from, name };

  const variant = variantText(source, sourceFile, full, sameLanguage);
  const programme = programmeText(programmeSource, full);
  // The new file first, refusing to replace one written meanwhile; programme.yaml only after it.
  writeFileSync(path.join(root, variantFile), variant.text, { flag: 'wx' });
  writeFileSync(path.join(root, PROGRAMME), programme.text);
  return {
    code: request.code,
    name,
    locale: request.locale,
    from: request.from,
    programmeLanguage,
    variantFile,
    localise: variant.localise,
    addedToVariants: programme.addedToVariants,
    moodleCourses: programme.moodleCourses,
    droppedUi: variant.droppedUi,
  };
}
