/**
 * What the loader needs to resolve a variant taught in another language than the programme's:
 * for each source file, its text with the stored translations written in; the glossary wording,
 * competence framework and programme title in that language; and the diagnostics that say what
 * is missing, stale or broken.
 */
import { createHash } from 'node:crypto';
import type { CompetenceFramework, GlossaryTerm, ProgrammeInfo } from '../ir/types.ts';
import type { ContentData } from '../parse/content.ts';
import { Source } from '../parse/fast/source.ts';
import type { ModuleSource } from '../parse/load-programme.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import type { Lang } from '../validate/messages.ts';
import { makeDiagnostic } from '../validate/report.ts';
import type { VariantContext } from '../variants/context.ts';
import { isUsable, sourceOffset, textWithEdits, translationEdits, unitStatus, type UnitStatus } from './apply.ts';
import type { Unit } from './extract.ts';
import { piecesToPlain } from './inline.ts';
import { contentUnits, moduleUnits, type ExtractedFile, type ModuleUnits, type SourceFile, type TranslationTarget } from './programme.ts';
import { CONTENT_NAME, readTranslations, storedFileName, storedTargetLine, type TranslationFile } from './store.ts';

export interface TranslationPlan {
  target: TranslationTarget;
  /** Source files the variant sees, by path, with the module they belong to. */
  files: Map<string, { file: SourceFile; module: string }>;
  modules: Array<{ id: string; statuses: UnitStatus[] }>;
  content: UnitStatus[];
  stored: Map<string, TranslationFile>;
  /** Changes whenever a stored translation of `content/` changes (cache keys). */
  contentDigest: string;
  /** With --allow-untranslated: the source language, which untranslated fragments are marked with. */
  markUntranslated?: string;
}

const LANGUAGE_NAMES: Record<string, { en: string; es: string }> = {
  it: { en: 'Italian', es: 'italiano' },
  fr: { en: 'French', es: 'francés' },
  nl: { en: 'Dutch', es: 'neerlandés' },
  de: { en: 'German', es: 'alemán' },
  pt: { en: 'Portuguese', es: 'portugués' },
  en: { en: 'English', es: 'inglés' },
  es: { en: 'Spanish', es: 'español' },
  fi: { en: 'Finnish', es: 'finés' },
};

export const languageName = (language: string, lang: Lang) => LANGUAGE_NAMES[language]?.[lang] ?? `"${language}"`;

export function planTranslation(root: string, content: ContentData, target: TranslationTarget, options: { allowUntranslated?: boolean; read?: (relative: string) => string | undefined; extracted?: ExtractedFile; sources?: readonly ModuleSource[] } = {}): TranslationPlan {
  // Only read here (a plan never changes them): the files a long-lived process read before, not copies.
  const stored = readTranslations(root, target.language, { shared: true });
  const files = new Map<string, { file: SourceFile; module: string }>();
  const modules: TranslationPlan['modules'] = [];
  for (const module of moduleUnits(root, content, target, options.read, options.extracted, options.sources)) {
    for (const file of module.files) files.set(file.path, { file, module: module.id });
    const storedFile = stored.get(module.id);
    modules.push({ id: module.id, statuses: moduleStatuses(module, storedFile) });
  }
  const contentStatuses = statusesOf(contentUnits(root, content, target), stored.get(CONTENT_NAME));
  const plan: TranslationPlan = { target, files, modules, content: contentStatuses, stored, contentDigest: digestOf(contentStatuses) };
  if (options.allowUntranslated) plan.markUntranslated = content.programme?.language ?? 'es';
  return plan;
}

/**
 * Statuses of a file's units against the stored file, remembered while both are the same objects:
 * a long-lived process (the incremental checker) compares again only the files that changed.
 */
const rememberedStatuses = new WeakMap<readonly Unit[], { stored: TranslationFile | undefined; statuses: UnitStatus[] }>();

function statusesOf(units: readonly Unit[], stored: TranslationFile | undefined): UnitStatus[] {
  const known = rememberedStatuses.get(units);
  if (known && known.stored === stored) return known.statuses;
  const statuses = units.map((unit) => unitStatus(unit, stored));
  rememberedStatuses.set(units, { stored, statuses });
  return statuses;
}

const rememberedModuleStatuses = new WeakMap<ModuleUnits, { stored: TranslationFile | undefined; statuses: UnitStatus[] }>();

/** A module's statuses: the same list while the module (see `moduleUnits`) and its stored file are the same. */
function moduleStatuses(module: ModuleUnits, stored: TranslationFile | undefined): UnitStatus[] {
  const known = rememberedModuleStatuses.get(module);
  if (known && known.stored === stored) return known.statuses;
  const statuses = module.files.flatMap((file) => statusesOf(file.units, stored));
  rememberedModuleStatuses.set(module, { stored, statuses });
  return statuses;
}

const rememberedDigests = new WeakMap<readonly UnitStatus[], string>();

/** Changes whenever a stored translation of `content/` changes. */
function digestOf(contentStatuses: readonly UnitStatus[]): string {
  let known = rememberedDigests.get(contentStatuses);
  if (known === undefined) {
    const digest = createHash('sha1');
    for (const status of contentStatuses) digest.update(`${status.unit.id}\0${status.state}\0${status.stored?.target ?? ''}\0`);
    rememberedDigests.set(contentStatuses, (known = digest.digest('hex')));
  }
  return known;
}

/** The plan's entry for a file that has units to translate (not native, not without units). */
function fileToTranslate(plan: TranslationPlan, path: string) {
  const entry = plan.files.get(path);
  return entry && !entry.file.native && entry.file.units.length ? entry : undefined;
}

/**
 * What the file's translated text is made from besides its source text: the stored translation of
 * its module (a digest), or undefined when the file needs no translation. Cache keys use it, so
 * that a file whose source and stored translation are unchanged is not translated again to look it up.
 */
export function translationInput(plan: TranslationPlan, path: string): string | undefined {
  const entry = fileToTranslate(plan, path);
  if (!entry) return undefined;
  return `${plan.stored.get(entry.module)?.digest ?? 'none'}\0${plan.markUntranslated ?? ''}`;
}

/** The replacements that make the file's translated text, or undefined when it needs no translation. */
function editsOf(plan: TranslationPlan, path: string) {
  const entry = fileToTranslate(plan, path);
  if (!entry) return undefined;
  const statuses = plan.modules.find((m) => m.id === entry.module)?.statuses.filter((s) => s.unit.file === path) ?? [];
  const text = entry.file.text;
  return { text, module: entry.module, edits: translationEdits(text, statuses, plan.markUntranslated ? { markUntranslated: plan.markUntranslated } : {}) };
}

/** The file's text for the plan's variant, or undefined when it needs no translation. */
export function translatedText(plan: TranslationPlan, path: string): string | undefined {
  const file = editsOf(plan, path);
  return file && textWithEdits(file.text, file.edits);
}

/**
 * A problem found in a file's translated text, moved to where it comes from in the source: the
 * same place, or, when it lies in a translated segment, that segment, with the unit and the line of
 * its stored translation named (what is to be fixed is there, not in the source).
 */
export function placeTranslatedDiagnostic(root: string, plan: TranslationPlan, diagnostic: Diagnostic, lang: Lang): Diagnostic {
  const file = editsOf(plan, diagnostic.file);
  if (!file) return diagnostic;
  const translated = new Source(textWithEdits(file.text, file.edits));
  const lineStart = translated.lineStarts[diagnostic.line - 1];
  if (lineStart === undefined) return diagnostic;
  const from = sourceOffset(file.edits, lineStart + diagnostic.column - 1);
  const { line, column } = new Source(file.text).point(from.offset);
  if (!from.unit) return { ...diagnostic, line, column };
  const storedLine = storedTargetLine(root, plan.target.language, file.module, from.unit.id);
  const where = `${storedFileName(plan.target.language, file.module)}${storedLine ? `:${storedLine}` : ''}`;
  const named = languageName(plan.target.language, lang);
  const origin = lang === 'es' ? `en la traducción al ${named} de la unidad ${from.unit.id}, ${where}` : `in the ${named} translation of unit ${from.unit.id}, ${where}`;
  return { ...diagnostic, line, column, message: `${diagnostic.message} (${origin})` };
}

const usable = (status: UnitStatus | undefined) => (isUsable(status) ? status.stored.target : undefined);

/** Glossary wording in the variant's language: its own (`it:` in glossary.yaml), else the translated one. */
export function translatedWording(plan: TranslationPlan, content: ContentData): Map<string, string | undefined> {
  const byId = new Map(plan.content.map((status) => [status.unit.id, status]));
  return new Map(content.glossary.map((term) => [term.id, term.wording[plan.target.code] ?? usable(byId.get(`term:${term.id}:wording`))]));
}

export function translatedContext(plan: TranslationPlan, content: ContentData, context: VariantContext): VariantContext {
  const wording = translatedWording(plan, content);
  const terms = new Map<string, string>();
  for (const term of content.glossary) terms.set(term.id, wording.get(term.id) ?? context.terms.get(term.id) ?? term.default);
  return { ...context, terms };
}

export function translateGlossary(plan: TranslationPlan, content: ContentData, glossary: GlossaryTerm[]): GlossaryTerm[] {
  const byId = new Map(plan.content.map((status) => [status.unit.id, status]));
  const wording = translatedWording(plan, content);
  return glossary.map((term) => {
    const entry: GlossaryTerm = { ...term, term: wording.get(term.id) ?? term.term };
    const definition = usable(byId.get(`term:${term.id}:definition`));
    if (term.definition && definition) entry.definition = definition;
    return entry;
  });
}

export function translateFramework(plan: TranslationPlan, framework: CompetenceFramework): CompetenceFramework {
  const byId = new Map(plan.content.map((status) => [status.unit.id, status]));
  const text = (id: string, fallback: string) => usable(byId.get(id)) ?? fallback;
  return {
    areas: framework.areas.map((area) => ({
      ...area,
      title: text(`area:${area.id}:title`, area.title),
      competences: area.competences.map((competence) => {
        const translated = { ...competence, title: text(`competence:${competence.id}:title`, competence.title), outcomes: competence.outcomes.map((outcome) => ({ ...outcome, text: text(`outcome:${outcome.id}:text`, outcome.text) })) };
        if (competence.description) translated.description = text(`competence:${competence.id}:description`, competence.description);
        return translated;
      }),
    })),
  };
}

export function translateProgrammeInfo(plan: TranslationPlan, programme: ProgrammeInfo): ProgrammeInfo {
  const title = usable(plan.content.find((status) => status.unit.id === 'programme:title'));
  return title ? { ...programme, title } : programme;
}

const excerpt = (unit: Unit) => {
  const plain = piecesToPlain(unit.pieces, unit.codes).replace(/\s+/g, ' ').trim();
  return plain.length > 60 ? `${plain.slice(0, 57)}…` : plain;
};

/** Missing, stale and broken units, and glossary terms with no wording, as `wecare check` reports them. */
export function translationDiagnostics(plan: TranslationPlan, content: ContentData, lang: Lang, options: { allowUntranslated?: boolean; modules?: readonly string[] } = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { code, language } = plan.target;
  const named = languageName(language, lang);
  const report = (statuses: UnitStatus[], moduleName: string) => {
    let missing = 0;
    let first: Unit | undefined;
    for (const status of statuses) {
      if (status.state === 'translated') continue;
      const { unit } = status;
      const place = { line: unit.line, column: unit.column };
      if (status.state === 'missing') {
        if (unit.id.startsWith('term:') && unit.id.endsWith(':wording')) continue; // reported as glossary-language where used
        missing += 1;
        first ??= unit;
        if (!options.allowUntranslated) diagnostics.push(makeDiagnostic(unit.file, place, 'translation-missing', { language: named, variant: code, unit: unit.id, text: excerpt(unit) }, lang));
      } else if (status.state === 'stale') {
        diagnostics.push(makeDiagnostic(unit.file, place, 'translation-stale', { language: named, variant: code, unit: unit.id }, lang));
      } else if (status.state === 'broken') {
        diagnostics.push(makeDiagnostic(unit.file, place, 'translation-codes', { language: named, unit: unit.id, file: storedFileName(language, moduleName), problems: status.problems!.join('; ') }, lang));
      }
    }
    if (options.allowUntranslated && missing && first) diagnostics.push(makeDiagnostic(first.file, { line: 1, column: 1 }, 'translation-incomplete', { count: missing, module: moduleName, language: named, variant: code }, lang));
    const used = statuses.filter(isUsable);
    const unreviewed = used.filter((status) => !status.stored.reviewed);
    if (unreviewed.length) {
      diagnostics.push(makeDiagnostic(storedFileName(language, moduleName), undefined, 'unreviewed-translations', { count: unreviewed.length, total: used.length, language: named, unit: unreviewed[0]!.unit.id }, lang));
    }
  };
  for (const module of plan.modules) {
    if (options.modules?.length && !options.modules.includes(module.id)) continue;
    report(module.statuses, module.id);
  }
  report(plan.content, CONTENT_NAME);
  const wording = translatedWording(plan, content);
  const used = new Map<string, Unit>();
  for (const module of plan.modules) for (const status of module.statuses) for (const term of status.unit.terms) if (!used.has(term)) used.set(term, status.unit);
  for (const [term, unit] of used) {
    if (!content.glossary.some((entry) => entry.id === term) || wording.get(term)) continue;
    const where = plan.content.find((status) => status.unit.id === `term:${term}:wording`)?.unit;
    diagnostics.push(makeDiagnostic(where?.file ?? unit.file, where ? { line: where.line, column: 1 } : { line: unit.line, column: unit.column }, 'glossary-language', { term, language: named, variant: code }, lang));
  }
  return diagnostics;
}
