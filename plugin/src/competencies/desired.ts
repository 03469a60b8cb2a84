/**
 * The competency framework Moodle should hold for a programme: areas, competences and learning
 * outcomes as a three-level tree of competencies, matched by idnumber. Built from the framework as
 * every variant resolves it, so each competence's description carries every variant's national entry.
 */
import type { ProgrammeIR } from '../../../scripts/ir/types.ts';
import { competencyIdnumber, frameworkIdnumber } from '../../../scripts/moodle/competencies/ids.ts';

/**
 * Moodle checks descriptions as PARAM_CLEANHTML: the text must come out of its HTML cleaner
 * unchanged, so text is escaped only where the cleaner would escape it (not quotes in text).
 */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeHtml(text).replace(/"/g, '&quot;');

export interface DesiredCompetency {
  idnumber: string;
  /** Parent's idnumber; empty for an area (top level). */
  parent: string;
  shortname: string;
  description: string;
}

export interface DesiredFramework {
  idnumber: string;
  shortname: string;
  description: string;
  /** Parents before children. */
  competencies: DesiredCompetency[];
}

/** Moodle's competency and framework short names hold 100 characters. */
export function shortName(text: string, max = 100): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

const labels = {
  es: { eqf: 'Nivel EQF (MEC)', knowledge: 'conocimientos', skills: 'destrezas', autonomy: 'autonomía y responsabilidad', framework: 'Marco de competencias del programa' },
  en: { eqf: 'EQF level', knowledge: 'knowledge', skills: 'skills', autonomy: 'responsibility and autonomy', framework: 'Competence framework of the programme' },
};

/** `programmes`: the programme resolved for each variant (the first one gives titles and order). */
export function desiredFramework(programmes: readonly ProgrammeIR[]): DesiredFramework {
  const [base] = programmes;
  if (!base) throw new Error('No variant resolved: nothing to build the framework from.');
  const l = base.programme.language.startsWith('es') ? labels.es : labels.en;
  const competencies: DesiredCompetency[] = [];
  for (const area of base.framework.areas) {
    competencies.push({ idnumber: competencyIdnumber(area.id), parent: '', shortname: shortName(`${area.id} ${area.title}`), description: `<p>${escapeHtml(area.title)}</p>` });
    for (const competence of area.competences) {
      const national = programmes.flatMap((programme) => {
        const entry = programme.framework.areas.flatMap((a) => a.competences).find((c) => c.id === competence.id)?.national;
        if (!entry) return [];
        const sources = entry.sources.map((source) => (source.url ? `<a href="${escapeAttribute(source.url)}">${escapeHtml(source.text)}</a>` : escapeHtml(source.text))).join('; ');
        return [`<p><strong>${escapeHtml(programme.variant.name)}:</strong> ${escapeHtml(entry.text)}${sources ? ` (${sources})` : ''}</p>`];
      });
      competencies.push({
        idnumber: competencyIdnumber(competence.id),
        parent: competencyIdnumber(area.id),
        shortname: shortName(`${competence.id} ${competence.title}`),
        description: `<p>${escapeHtml(competence.title)}</p>${competence.description ? `<p>${escapeHtml(competence.description)}</p>` : ''}${national.join('')}`,
      });
      for (const outcome of competence.outcomes) {
        competencies.push({
          idnumber: competencyIdnumber(outcome.id),
          parent: competencyIdnumber(competence.id),
          shortname: shortName(`${outcome.id} ${outcome.text}`),
          description: `<p>${escapeHtml(outcome.text)}</p><p>${l.eqf} ${outcome.eqfLevel} · ${l[outcome.type]}</p>`,
        });
      }
    }
  }
  return {
    idnumber: frameworkIdnumber(base.programme),
    shortname: shortName(base.programme.title),
    description: `<p>${l.framework}: ${escapeHtml(base.programme.title)}</p>`,
    competencies,
  };
}

/** Competence ids each mapped course should be linked to: those of the modules it holds. */
export function courseCompetences(programme: ProgrammeIR, modules: readonly string[]): string[] {
  const byId = new Map([...programme.modules, ...(programme.assessment ? [programme.assessment] : [])].map((module) => [module.id, module]));
  const ids: string[] = [];
  for (const moduleId of modules) for (const id of byId.get(moduleId)?.competences ?? []) if (!ids.includes(id)) ids.push(competencyIdnumber(id));
  return ids;
}
