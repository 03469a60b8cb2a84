/**
 * The shared data of `content/`: programme, variants, competence framework and glossary, each
 * parsed with its schema and reported at the right YAML line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { interfaceLanguages, surfacesMissing, uiKeys, unknownUiKeys, unreviewedCatalogues } from '../i18n/surfaces.ts';
import { suggest } from '../validate/suggest.ts';
import type { Competence, CompetenceFramework, GlossaryTerm, ProgrammeInfo, VariantInfo } from '../ir/types.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import type { Lang } from '../validate/messages.ts';
import { diagnosticsOf, report } from '../validate/report.ts';
import type { VariantContext } from '../variants/context.ts';
import { copiedValues } from '../variants/localise.ts';
import { extraKeys, VARIANT_CODE_PATTERN, VARIANT_FILE } from './schema.ts';
import { competencesSchema, glossarySchema, glossaryTermSchema, programmeSchema, variantSchema, type CompetencesYaml, type VariantYaml } from './schemas.ts';
import { applySchema, parseYaml, type YamlSource } from './yaml-source.ts';

export interface ContentData {
  programme?: ProgrammeInfo;
  lang: Lang;
  /** Variants that could be read, by code (shipped ones only). */
  variants: Map<string, VariantContext>;
  /** The framework as written, before choosing a variant's national entries. */
  competences?: CompetencesYaml;
  competenceIds?: Set<string>;
  /** Learning outcome id → the id of the competence it belongs to. */
  outcomeCompetences?: Map<string, string>;
  glossary: Array<{ id: string; default: string; definition?: string; wording: Record<string, string> }>;
  diagnostics: Diagnostic[];
  /** Every content file's text, for cache keys: a change here re-checks everything. */
  texts: string[];
  /** The parsed YAML of each content file read, by path relative to the root (for line numbers). */
  sources: Map<string, YamlSource>;
}

export const PROGRAMME_FILE = 'content/programme.yaml';

function read(root: string, relative: string): string | undefined {
  try {
    return readFileSync(path.join(root, relative), 'utf8');
  } catch {
    return undefined;
  }
}

interface Loaded {
  file: VFile;
  source: YamlSource;
}

function loadYaml(root: string, relative: string, lang: Lang, data: ContentData): Loaded | undefined {
  const text = read(root, relative);
  if (text === undefined) return undefined;
  data.texts.push(relative, text);
  const file = new VFile({ path: relative, value: text });
  file.data.lang = lang;
  const source = parseYaml(text, file, { keep: true });
  data.sources.set(relative, source);
  return { file, source };
}

/** Reads `language:` without validating, to choose the language of every other message. */
function programmeLanguage(text: string | undefined): Lang | undefined {
  const match = text?.match(/^language:\s*["']?(en|es)\b/m);
  return match ? (match[1] as Lang) : undefined;
}

/** Every YAML text of `content/` (and the language asked for): equal snapshots load to equal data. */
function snapshot(root: string, requestedLang: Lang | undefined): string {
  const parts = [String(requestedLang), path.resolve(root)];
  for (const dir of ['content', 'content/variants']) {
    let names: string[] = [];
    try {
      names = readdirSync(path.join(root, dir)).filter((name) => name.endsWith('.yaml')).sort();
    } catch {
      // absent: part of the snapshot too
    }
    for (const name of names) parts.push(`${dir}/${name}`, read(root, `${dir}/${name}`) ?? '');
  }
  return parts.join('\0');
}

let last: { snapshot: string; data: ContentData } | undefined;

/**
 * Loads `content/`. A long-lived process (the incremental checker) gets the previous result back
 * while no content file changed, so variant pipelines and parsed YAML are reused.
 */
export function loadContent(root: string, requestedLang?: Lang): ContentData {
  const current = snapshot(root, requestedLang);
  if (last?.snapshot === current) return last.data;
  const data = readContent(root, requestedLang);
  last = { snapshot: current, data };
  return data;
}

function readContent(root: string, requestedLang?: Lang): ContentData {
  const texts: string[] = [];
  const lang: Lang = requestedLang ?? programmeLanguage(read(root, PROGRAMME_FILE)) ?? 'en';
  const diagnostics: Diagnostic[] = [];
  const data: ContentData = { lang, variants: new Map(), glossary: [], diagnostics, texts, sources: new Map() };
  const files: VFile[] = [];

  const programmeFile = loadYaml(root, PROGRAMME_FILE, lang, data);
  if (!programmeFile) {
    const file = new VFile({ path: PROGRAMME_FILE });
    file.data.lang = lang;
    report(file, 'missing-file', { path: PROGRAMME_FILE, hint: lang === 'es' ? '¿es esta la carpeta del programa? (use --root)' : 'is this the programme folder? (use --root)' });
    diagnostics.push(...diagnosticsOf(file));
    return data;
  }
  files.push(programmeFile.file);
  const programmeYaml = applySchema(programmeSchema, programmeFile.source, programmeFile.file, lang);

  let variantFiles: string[] = [];
  try {
    variantFiles = readdirSync(path.join(root, 'content/variants')).filter((name) => VARIANT_FILE.test(name)).map((name) => name.slice(0, -'.yaml'.length)).sort();
  } catch {
    // reported below for each declared variant
  }
  const shipped = programmeYaml?.variants ?? variantFiles;

  if (programmeYaml) {
    data.programme = {
      id: programmeYaml.id,
      title: programmeYaml.title,
      language: programmeYaml.language,
      variants: [...shipped],
      defaults: {
        passMark: programmeYaml.defaults?.passMark ?? 70,
        formats: programmeYaml.defaults?.formats ?? ['scorm12', 'scorm2004', 'web', 'h5p', 'guide'],
      },
    };
  }

  // Glossary first: variants need their wording.
  const glossaryFile = loadYaml(root, 'content/glossary.yaml', lang, data);
  if (glossaryFile) {
    files.push(glossaryFile.file);
    const glossary = applySchema(glossarySchema, glossaryFile.source, glossaryFile.file, lang);
    const seen = new Set<string>();
    glossary?.terms.forEach((term, index) => {
      if (seen.has(term.id)) report(glossaryFile.file, 'duplicate-id', { id: term.id, other: `content/glossary.yaml` }, glossaryFile.source.locate(['terms', index, 'id']));
      seen.add(term.id);
      const wording: Record<string, string> = {};
      for (const [key, value] of Object.entries(extraKeys(term, glossaryTermSchema))) {
        if (VARIANT_CODE_PATTERN.test(key) && (typeof value === 'string' || typeof value === 'number')) wording[key] = String(value);
        else report(glossaryFile.file, 'unknown-field', { field: `terms.${index}.${key}` }, glossaryFile.source.locate(['terms', index, key], 'key'));
      }
      const entry: ContentData['glossary'][number] = { id: term.id, default: term.default, wording };
      if (term.definition) entry.definition = term.definition;
      data.glossary.push(entry);
    });
  }

  shipped.forEach((code, index) => {
    const relative = `content/variants/${code}.yaml`;
    const loaded = loadYaml(root, relative, lang, data);
    if (!loaded) {
      report(programmeFile.file, 'missing-file', { path: relative }, programmeFile.source.locate(['variants', index]));
      return;
    }
    files.push(loaded.file);
    const yaml = applySchema(variantSchema, loaded.source, loaded.file, lang) as VariantYaml | undefined;
    if (!yaml) return;
    if (yaml.code !== code) {
      report(loaded.file, 'invalid-field', { field: 'code', expected: `"${code}"` }, loaded.source.locate(['code']));
    }
    if (yaml.localise) {
      for (const copied of copiedValues(loaded.source.data, yaml.localise)) {
        const path = copied.path.split('.');
        if (copied.found) report(loaded.file, 'copied-value', { path: copied.path, from: yaml.localise.from }, loaded.source.locate(path, 'key'));
        else report(loaded.file, 'stale-localise', { path: copied.path }, loaded.source.locate(['localise', 'values', copied.path], 'key'));
      }
    }
    checkInterfaceStrings(loaded.file, yaml.locale, loaded.source.locate(['locale'], 'key'));
    for (const key of unknownUiKeys(yaml.ui ?? {})) {
      report(loaded.file, 'unknown-ui-key', { key, suggestion: suggest(key, uiKeys()) }, loaded.source.locate(['ui', key], 'key'));
    }
    const variant: VariantInfo = {
      code,
      name: yaml.name,
      locale: yaml.locale,
      currency: yaml.currency,
      emergencyNumber: yaml.emergencyNumber,
      legalReferences: yaml.legalReferences ?? [],
      ui: yaml.ui ?? {},
      data: extraKeys(yaml, variantSchema),
    };
    const terms = new Map(data.glossary.map((term) => [term.id, term.wording[code] ?? term.default]));
    data.variants.set(code, { variant, variantFile: relative, terms });
  });

  const competencesFile = loadYaml(root, 'content/competences.yaml', lang, data);
  if (!competencesFile) {
    report(programmeFile.file, 'missing-file', { path: 'content/competences.yaml' }, { line: 1, column: 1 });
  } else {
    files.push(competencesFile.file);
    const framework = applySchema(competencesSchema, competencesFile.source, competencesFile.file, lang);
    if (framework) {
      data.competences = framework;
      const ids = new Map<string, string>();
      framework.areas.forEach((area, a) => {
        area.competences.forEach((competence, c) => {
          const at = competencesFile.source.locate(['areas', a, 'competences', c, 'id']);
          if (ids.has(competence.id)) report(competencesFile.file, 'duplicate-id', { id: competence.id, other: `content/competences.yaml:${ids.get(competence.id)}` }, at);
          else ids.set(competence.id, String(at.line));
        });
      });
      data.competenceIds = new Set(ids.keys());
      data.outcomeCompetences = new Map(framework.areas.flatMap((area) => area.competences.flatMap((competence) => (competence.outcomes ?? []).map((outcome) => [outcome.id, competence.id] as const))));
    }
  }

  for (const file of files) diagnostics.push(...diagnosticsOf(file));
  return data;
}

/**
 * A locale must have interface strings in its language on every surface (no silent fallback to
 * English); strings no native speaker has reviewed are an info item for `wecare check --review`.
 */
function checkInterfaceStrings(file: VFile, locale: string, at: ReturnType<YamlSource['locate']>): void {
  const missing = surfacesMissing(locale);
  if (missing.length) {
    report(file, 'missing-interface-strings', { locale, surfaces: missing.join(', '), languages: interfaceLanguages().join(', ') }, at);
    return;
  }
  const pending = unreviewedCatalogues(locale);
  if (pending.length) report(file, 'unreviewed-interface-strings', { locale, catalogues: pending.join(', ') }, at);
}

/** The framework with one variant's national entries. */
export function frameworkFor(content: ContentData, variant: string): CompetenceFramework {
  return {
    areas: (content.competences?.areas ?? []).map((area) => ({
      id: area.id,
      title: area.title,
      competences: area.competences.map((competence) => {
        const entry: Competence = {
          id: competence.id,
          areaId: area.id,
          title: competence.title,
          outcomes: (competence.outcomes ?? []).map((outcome) => ({
            id: outcome.id,
            competenceId: competence.id,
            type: outcome.type,
            text: outcome.text,
            eqfLevel: outcome.eqf,
          })),
        };
        if (competence.description) entry.description = competence.description;
        const national = competence.national?.[variant];
        if (national) entry.national = { text: national.text, sources: (national.sources ?? []).map((s) => (s.url ? { text: s.text, url: s.url } : { text: s.text })) };
        return entry;
      }),
    })),
  };
}

export function glossaryFor(content: ContentData, variant: string): GlossaryTerm[] {
  return content.glossary.map((term) => {
    const entry: GlossaryTerm = { id: term.id, term: term.wording[variant] ?? term.default };
    if (term.definition) entry.definition = term.definition;
    return entry;
  });
}
