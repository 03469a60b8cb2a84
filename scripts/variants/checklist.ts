/**
 * What a new variant still needs after `wecare variant add`, counted from the programme itself:
 * values to localise, national blocks (country blocks with no counterpart for it), competence
 * national entries, glossary wording and, for another language, units to translate.
 */
import { loadContent } from '../parse/content.ts';
import { runProgramme } from '../parse/load-programme.ts';

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

export async function checklistFor(
  root: string,
  added: { code: string; from: string; locale: string; programmeLanguage: string; localise: string[] },
  before: Set<string>,
  countUnits?: () => Promise<number>,
): Promise<Checklist> {
  const after = await coverageWarnings(root);
  const nationalBlocks = [...after].filter((key) => !before.has(key)).length;
  const content = loadContent(root, 'en');
  const competenceEntries = (content.competences?.areas ?? [])
    .flatMap((area) => area.competences)
    .filter((competence) => competence.national?.[added.from] && !competence.national?.[added.code]).length;
  const language = added.locale.split('-')[0]!;
  const translated = language !== added.programmeLanguage;
  // In another language every term needs its wording; in the same one, those the source country words its own way.
  const glossaryWording = content.glossary.filter((term) => !term.wording[added.code] && (translated || term.wording[added.from] !== undefined)).length;
  const checklist: Checklist = { values: added.localise.length, nationalBlocks, competenceEntries, glossaryWording };
  if (translated && countUnits) checklist.units = await countUnits();
  return checklist;
}
