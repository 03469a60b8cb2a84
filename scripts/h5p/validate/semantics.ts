/**
 * Walks content.json parameters against a library's semantics.json, the way
 * H5PContentValidator does, but reporting instead of silently repairing: every value H5P would
 * drop, reset, clamp or escape is an issue here.
 */
import { ALLOWED_STYLE, effectiveTags, escapePlain, listTags } from '../html.ts';
import { UUID_PATTERN } from '../ids.ts';

export interface SemanticsField {
  name?: string;
  type: string;
  optional?: boolean;
  deprecated?: boolean;
  fields?: SemanticsField[];
  field?: SemanticsField;
  options?: Array<string | { value?: string | boolean | number; name?: string }>;
  tags?: string[];
  maxLength?: number;
  regexp?: { pattern: string; modifiers?: string };
  min?: number;
  max?: number;
  step?: number;
  decimals?: number;
  multiple?: boolean;
  isSubContent?: boolean;
  extraAttributes?: string[];
  default?: unknown;
}

/** Semantics of a library (`H5P.MultiChoice 1.16`), or undefined when not available. */
export type SemanticsSource = (library: string) => SemanticsField[] | undefined;

export interface ValidationIssue {
  /** Where: `content/content.json#chapters[0].params.content[2]…` or an archive path. */
  path: string;
  /** Stable id, e.g. `disallowed-tag`, `library-not-allowed`. */
  code: string;
  message: string;
}

export interface ContentWalk {
  issues: ValidationIssue[];
  /** Libraries used as sub-content, in order of first appearance. */
  subLibraries: Set<string>;
  /** Files referenced from file fields, relative to `content/`. */
  files: Set<string>;
  /** Libraries whose parameters could be checked / could not (no semantics). */
  checked: Set<string>;
  unchecked: Set<string>;
}

const SUB_CONTENT_KEYS = ['library', 'params', 'subContentId', 'metadata'];
const FILE_KEYS: Record<string, string[]> = {
  file: ['path', 'mime', 'copyright'],
  image: ['path', 'mime', 'copyright', 'width', 'height', 'originalImage'],
  video: ['path', 'mime', 'copyright', 'width', 'height', 'codecs', 'quality'],
  audio: ['path', 'mime', 'copyright'],
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isRequired(field: SemanticsField, parentOptional: boolean): boolean {
  if (parentOptional || field.optional || field.deprecated) return false;
  if (field.type === 'group') return (field.fields ?? []).some((child) => isRequired(child, false));
  return true;
}

/** Validates the parameters of `library` (the top-level object of content.json, or a sub-content's params). */
export function validateContent(params: unknown, library: string, semantics: SemanticsSource, basePath = 'content/content.json#'): ContentWalk {
  const walk: ContentWalk = { issues: [], subLibraries: new Set(), files: new Set(), checked: new Set(), unchecked: new Set() };
  validateLibraryParams(walk, params, library, semantics, basePath);
  return walk;
}

function validateLibraryParams(walk: ContentWalk, params: unknown, library: string, semantics: SemanticsSource, path: string) {
  const fields = semantics(library);
  if (!fields) {
    walk.unchecked.add(library);
    return;
  }
  walk.checked.add(library);
  validateGroup(walk, params, { type: 'group', fields }, path, false, semantics, false);
}

function issue(walk: ContentWalk, path: string, code: string, message: string) {
  walk.issues.push({ path, code, message });
}

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path.endsWith('#') ? `${path}${key}` : `${path}.${key}`);

function validateGroup(walk: ContentWalk, value: unknown, group: SemanticsField, path: string, flatten: boolean, semantics: SemanticsSource, parentOptional: boolean) {
  const fields = group.fields ?? [];
  const optional = parentOptional || Boolean(group.optional);
  if (fields.length === 1 && flatten && !group.isSubContent) {
    const only = fields[0]!;
    if (isObject(value) && only.type !== 'group' && Object.keys(value).length === 1 && only.name && only.name in value) {
      issue(walk, path, 'not-flattened', `group "${group.name}" has one field: its value must be the "${only.name}" value itself, not {${only.name}: …}`);
      return;
    }
    validateField(walk, value, only, path, semantics, optional);
    return;
  }
  if (!isObject(value)) {
    issue(walk, path, 'wrong-type', `expected an object for group "${group.name ?? 'parameters'}"`);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (group.isSubContent && key === 'subContentId') continue;
    const field = fields.find((candidate) => candidate.name === key);
    if (!field) {
      issue(walk, join(path, key), 'unknown-key', `"${key}" is not a field of ${group.name ? `group "${group.name}"` : 'these parameters'}: H5P removes it`);
      continue;
    }
    validateField(walk, child, field, join(path, key), semantics, optional);
  }
  for (const field of fields) {
    if (field.name && !(field.name in value) && isRequired(field, optional)) {
      issue(walk, join(path, field.name), 'missing-required-field', `required field "${field.name}" is missing`);
    }
  }
}

function validateField(walk: ContentWalk, value: unknown, field: SemanticsField, path: string, semantics: SemanticsSource, parentOptional: boolean) {
  const optional = parentOptional || Boolean(field.optional);
  switch (field.type) {
    case 'text':
      return validateText(walk, value, field, path, optional);
    case 'number':
      return validateNumber(walk, value, field, path);
    case 'boolean':
      if (typeof value !== 'boolean') issue(walk, path, 'wrong-type', 'expected true or false');
      return;
    case 'select':
      return validateSelect(walk, value, field, path, optional);
    case 'list':
      return validateList(walk, value, field, path, semantics, optional);
    case 'group':
      return validateGroup(walk, value, field, path, true, semantics, parentOptional);
    case 'library':
      return validateLibrary(walk, value, field, path, semantics);
    case 'image':
    case 'file':
      return validateFile(walk, value, field.type, path);
    case 'video':
    case 'audio':
      if (!Array.isArray(value)) return issue(walk, path, 'wrong-type', `expected a list of ${field.type} files`);
      value.forEach((item, index) => validateFile(walk, item, field.type, join(path, index)));
      return;
    default:
      issue(walk, path, 'semantics-unknown-type', `semantics type "${field.type}" is unknown to the validator`);
  }
}

function validateText(walk: ContentWalk, value: unknown, field: SemanticsField, path: string, optional: boolean) {
  if (typeof value !== 'string') return issue(walk, path, 'wrong-type', 'expected text');
  if (field.tags) {
    const allowed = effectiveTags(field.tags);
    for (const { tag, attributes } of listTags(value)) {
      if (!allowed.has(tag)) issue(walk, path, 'disallowed-tag', `<${tag}> is not allowed here (allowed: ${[...allowed].sort().join(', ')}): H5P strips it`);
      for (const [name, attribute] of Object.entries(attributes)) {
        const ok = (name === 'href' && tag === 'a' && /^(https?:|mailto:)/i.test(attribute)) || (name === 'style' && ALLOWED_STYLE.test(attribute.trim()));
        if (!ok) issue(walk, path, 'disallowed-attribute', `attribute "${name}" on <${tag}> is not allowed: H5P strips it`);
      }
    }
  } else if (escapePlain(value) !== value) {
    issue(walk, path, 'unescaped-text', 'plain-text field holds unescaped HTML characters: H5P shows them as entities or markup');
  }
  if (field.maxLength !== undefined && value.length > field.maxLength) issue(walk, path, 'too-long', `longer than ${field.maxLength} characters: H5P cuts it`);
  if (field.regexp && !(value === '' && optional)) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(field.regexp.pattern, (field.regexp.modifiers ?? '').replace(/[^gimsuy]/g, ''));
    } catch {
      pattern = undefined;
    }
    if (pattern && !pattern.test(value)) issue(walk, path, 'regexp-mismatch', `does not match ${field.regexp.pattern}`);
  }
}

function validateNumber(walk: ContentWalk, value: unknown, field: SemanticsField, path: string) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return issue(walk, path, 'wrong-type', 'expected a number');
  if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
    issue(walk, path, 'out-of-range', `${value} is outside ${field.min ?? '-∞'}…${field.max ?? '∞'}`);
  }
  if (field.step !== undefined && (value - (field.min ?? 0)) % field.step !== 0) issue(walk, path, 'off-step', `${value} is not a multiple of ${field.step}`);
  if (field.decimals !== undefined && Number(value.toFixed(field.decimals)) !== value) issue(walk, path, 'too-many-decimals', `more than ${field.decimals} decimals`);
}

function optionValues(field: SemanticsField): unknown[] {
  return (field.options ?? []).map((option) => (typeof option === 'string' ? option : option.value));
}

function validateSelect(walk: ContentWalk, value: unknown, field: SemanticsField, path: string, optional: boolean) {
  const values = optionValues(field);
  const items = field.multiple ? (Array.isArray(value) ? value : [value]) : [value];
  for (const item of items) {
    if (values.length && !optional && !values.includes(item)) issue(walk, path, 'invalid-option', `"${String(item)}" is not one of ${values.map(String).join(', ')}`);
  }
}

function validateList(walk: ContentWalk, value: unknown, field: SemanticsField, path: string, semantics: SemanticsSource, optional: boolean) {
  if (!Array.isArray(value)) return issue(walk, path, 'wrong-type', 'expected a list');
  if (field.max !== undefined && value.length > field.max) issue(walk, path, 'too-many-items', `${value.length} items, more than ${field.max}: H5P drops the rest`);
  if (!optional && value.length < Math.max(1, field.min ?? 0)) issue(walk, path, 'too-few-items', `${value.length} items, fewer than ${Math.max(1, field.min ?? 0)}`);
  if (!field.field) return;
  value.forEach((item, index) => validateField(walk, item, field.field!, join(path, index), semantics, false));
}

function validateLibrary(walk: ContentWalk, value: unknown, field: SemanticsField, path: string, semantics: SemanticsSource) {
  if (!isObject(value)) return issue(walk, path, 'wrong-type', 'expected sub-content ({library, params, subContentId, metadata})');
  const allowedKeys = [...SUB_CONTENT_KEYS, ...(field.extraAttributes ?? [])];
  for (const key of Object.keys(value)) if (!allowedKeys.includes(key)) issue(walk, join(path, key), 'unknown-key', `"${key}" is not kept on sub-content`);
  const library = value.library;
  if (typeof library !== 'string') return issue(walk, join(path, 'library'), 'missing-required-field', 'sub-content has no "library"');
  const options = (field.options ?? []).map((option) => (typeof option === 'string' ? option : option.name ?? ''));
  if (!options.includes(library)) {
    const machine = library.split(' ')[0];
    const sameMachine = options.find((option) => option.split(' ')[0] === machine);
    issue(
      walk,
      join(path, 'library'),
      'library-not-allowed',
      sameMachine ? `wrong library version: "${library}", this field accepts "${sameMachine}"` : `"${library}" is not among this field's options`,
    );
    return;
  }
  if (typeof value.subContentId !== 'string' || !UUID_PATTERN.test(value.subContentId)) {
    issue(walk, join(path, 'subContentId'), 'invalid-subcontent-id', `subContentId must be a UUID, not ${JSON.stringify(value.subContentId)}`);
  }
  validateMetadata(walk, value.metadata, join(path, 'metadata'));
  walk.subLibraries.add(library);
  validateLibraryParams(walk, value.params, library, semantics, join(path, 'params'));
}

const METADATA_LICENSES = new Set(['U', 'CC BY', 'CC BY-SA', 'CC BY-ND', 'CC BY-NC', 'CC BY-NC-SA', 'CC BY-NC-ND', 'CC0 1.0', 'CC PDM', 'GNU GPL', 'PD', 'ODC PDDL', 'C']);

/** Sub-content metadata as H5P's metadata validator treats it: plain-text title, known license. */
function validateMetadata(walk: ContentWalk, value: unknown, path: string) {
  if (value === undefined) return;
  if (!isObject(value)) return issue(walk, path, 'wrong-type', 'metadata must be an object');
  if (value.title !== undefined && (typeof value.title !== 'string' || escapePlain(value.title) !== value.title || value.title.length > 255)) {
    issue(walk, join(path, 'title'), 'unescaped-text', 'metadata title must be escaped plain text of at most 255 characters');
  }
  if (value.license !== undefined && !METADATA_LICENSES.has(String(value.license))) issue(walk, join(path, 'license'), 'invalid-option', `license "${String(value.license)}" is not one H5P knows`);
}

function validateFile(walk: ContentWalk, value: unknown, type: string, path: string) {
  if (!isObject(value)) return issue(walk, path, 'wrong-type', `expected a ${type} object`);
  for (const key of Object.keys(value)) if (!(FILE_KEYS[type] ?? FILE_KEYS.file!).includes(key)) issue(walk, join(path, key), 'unknown-key', `"${key}" is not kept on a ${type}`);
  const file = value.path;
  if (typeof file !== 'string' || !file) return issue(walk, join(path, 'path'), 'missing-required-field', `${type} has no path`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(file)) return; // external URL (videos)
  if (file.startsWith('/') || file.split('/').includes('..')) return issue(walk, join(path, 'path'), 'unsafe-path', `"${file}" leaves the content folder`);
  if (typeof value.mime !== 'string') issue(walk, join(path, 'mime'), 'missing-required-field', `${type} has no mime type`);
  walk.files.add(file);
}
