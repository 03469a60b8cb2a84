/**
 * What a new variant still needs after `wecare variant add`, counted from the programme itself:
 * values to localise, national blocks (country blocks with no counterpart for it), competence
 * national entries, glossary wording and, for another language, units to translate.
 */
import { loadContent } from '../parse/content.ts';
import { runProgramme } from '../parse/load-programme.ts';
import { unitStatus } from '../translate/apply.ts';
import { contentUnits, moduleUnits, translationTargets } from '../translate/programme.ts';
import { CONTENT_NAME, languageOf, readTranslations } from '../translate/store.ts';

export interface Checklist {
  values: number;
  nationalBlocks: number;
  competenceEntries: number;
  glossaryWording: number;
  /** Undefined when the variant is in the programme's own language. */
  units?: number;
}

const COVERAGE_RULES = new Set(['variant-coverage', 'inline-variant-coverage']);

/**
 * Each country-block warning of the programme as it stands, by place and message. A warning that
 * appears (or whose list of countries grows) once the variant is added is a block it needs.
 */
export async function coverageWarnings(root: string): Promise<Set<string>> {
  const { diagnostics } = await runProgramme(root, { html: false, lang: 'en' });
  return new Set(diagnostics.filter((d) => COVERAGE_RULES.has(d.ruleId)).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`));
}

/**
 * Units `wecare translate export --variant <code>` would give translators: every segment the
 * variant shows, in its modules and in content/, without a current stored translation.
 */
export function unitsToTranslate(root: string, code: string): number {
  const content = loadContent(root);
  const target = translationTargets(content).get(code);
  if (!target) return 0;
  const stored = readTranslations(root, target.language);
  const modules = moduleUnits(root, content, target).map((module) => ({ name: module.id, units: module.units }));
  let count = 0;
  for (const { name, units } of [...modules, { name: CONTENT_NAME, units: contentUnits(root, content, target) }]) {
    for (const unit of units) if (unitStatus(unit, stored.get(name)).state !== 'translated') count += 1;
  }
  return count;
}

/** Terms with a `term:<id>:wording` translation stored for `language`. */
function translatedTerms(root: string, language: string): Set<string> {
  const file = readTranslations(root, language).get(CONTENT_NAME);
  return new Set([...(file?.units.keys() ?? [])].flatMap((id) => id.match(/^term:(.+):wording$/)?.[1] ?? []));
}

export async function checklistFor(
  root: string,
  added: { code: string; from: string; locale: string; programmeLanguage: string; localise: string[] },
  before: Set<string>,
): Promise<Checklist> {
  const after = await coverageWarnings(root);
  const nationalBlocks = [...after].filter((key) => !before.has(key)).length;
  const content = loadContent(root, 'en');
  const competenceEntries = (content.competences?.areas ?? [])
    .flatMap((area) => area.competences)
    .filter((competence) => competence.national?.[added.from] && !competence.national?.[added.code]).length;
  const language = languageOf(added.locale);
  const translated = language !== languageOf(added.programmeLanguage);
  // In another language every term needs wording in it (its own or a stored translation); in the
  // same language, those the source country words its own way.
  const inLanguage = translated ? translatedTerms(root, language) : new Set<string>();
  const glossaryWording = content.glossary.filter(
    (term) => !term.wording[added.code] && (translated ? !inLanguage.has(term.id) : term.wording[added.from] !== undefined),
  ).length;
  const checklist: Checklist = { values: added.localise.length, nationalBlocks, competenceEntries, glossaryWording };
  if (translated) checklist.units = unitsToTranslate(root, added.code);
  return checklist;
}
