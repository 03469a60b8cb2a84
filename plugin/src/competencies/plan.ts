/**
 * `wecare moodle competencies`: what must change on the site so it holds the programme's framework
 * and the mapped courses are linked to their competences. Reads only; matched by idnumber, so a
 * second run right after plans nothing.
 */
import type { MoodleClient } from '../moodle/client.ts';
import type { DesiredCompetency, DesiredFramework } from './desired.ts';

/** Moodle's default competence scale (id 2 on a standard site): "Not yet competent", "Competent". */
export const defaultScale = { scaleid: 2, scaleconfiguration: JSON.stringify([{ scaleid: '2' }, { id: 1, scaledefault: 1, proficient: 0 }, { id: 2, scaledefault: 0, proficient: 1 }]) };

export interface SiteCompetency {
  id: number;
  idnumber: string;
  shortname: string;
  description: string;
  parentid: number;
}

export interface CourseLinkPlan {
  course: string;
  courseId?: number;
  /** Competency idnumbers to link. */
  add: string[];
}

export interface CompetencyPlan {
  framework: DesiredFramework;
  /** Existing framework id; undefined when it must be created. */
  frameworkId?: number;
  updateFramework: boolean;
  create: DesiredCompetency[];
  update: Array<{ desired: DesiredCompetency; id: number }>;
  /** Existing competencies by idnumber (after apply, also the created ones). */
  existing: Map<string, SiteCompetency>;
  links: CourseLinkPlan[];
  /** Things the plan will not touch, said plainly. */
  problems: string[];
}

interface Framework {
  id: number;
  idnumber: string;
  shortname: string;
  description: string;
}

export async function planCompetencies(client: MoodleClient, framework: DesiredFramework, courses: Array<{ course: string; competences: string[] }>, courseKey: 'idnumber' | 'shortname'): Promise<CompetencyPlan> {
  const problems: string[] = [];
  const frameworks = (await client.callRaw('core_competency_list_competency_frameworks', {
    sort: 'shortname', order: 'ASC', skip: 0, limit: 0, context: { contextid: 1 }, includes: 'children', onlyvisible: 0,
  })) as Framework[];
  const found = frameworks.find((candidate) => candidate.idnumber === framework.idnumber);
  const existing = new Map<string, SiteCompetency>();
  if (found) {
    const list = (await client.callRaw('core_competency_list_competencies', { filters: [{ column: 'competencyframeworkid', value: String(found.id) }] })) as SiteCompetency[];
    for (const competency of list) existing.set(competency.idnumber, competency);
  }
  const byId = new Map([...existing.values()].map((competency) => [competency.id, competency]));
  const create: DesiredCompetency[] = [];
  const update: CompetencyPlan['update'] = [];
  for (const desired of framework.competencies) {
    const current = existing.get(desired.idnumber);
    if (!current) {
      create.push(desired);
      continue;
    }
    const parent = current.parentid ? byId.get(current.parentid)?.idnumber ?? '?' : '';
    if (parent !== desired.parent) problems.push(`competency ${desired.idnumber} sits under "${parent || 'the top'}" on the site, under "${desired.parent || 'the top'}" in content/competences.yaml: move it in Moodle (Competency frameworks), the toolkit does not move competencies`);
    if (current.shortname !== desired.shortname || current.description !== desired.description) update.push({ desired, id: current.id });
  }

  const links: CourseLinkPlan[] = [];
  for (const { course, competences } of courses) {
    const { courses: matches } = await client.call('core_course_get_courses_by_field', { field: courseKey, value: course });
    const match = matches.find((candidate) => (courseKey === 'idnumber' ? candidate.idnumber : candidate.shortname) === course);
    if (!match) {
      problems.push(`course ${course} (by ${courseKey}) is not on the site: restore its backup or create it, then run again to link its competencies`);
      continue;
    }
    const linked = found
      ? ((await client.callRaw('core_competency_list_course_competencies', { id: match.id })) as Array<{ competency: { idnumber: string; competencyframeworkid: number } }>)
          .filter((entry) => entry.competency.competencyframeworkid === found.id)
          .map((entry) => entry.competency.idnumber)
      : [];
    const add = competences.filter((id) => !linked.includes(id));
    if (add.length) links.push({ course, courseId: match.id, add });
  }
  return {
    framework,
    frameworkId: found?.id,
    updateFramework: Boolean(found && (found.shortname !== framework.shortname || found.description !== framework.description)),
    create,
    update,
    existing,
    links,
    problems,
  };
}

export function changeCount(plan: CompetencyPlan): number {
  return (plan.frameworkId === undefined ? 1 : 0) + (plan.updateFramework ? 1 : 0) + plan.create.length + plan.update.length + plan.links.reduce((sum, link) => sum + link.add.length, 0);
}

export function formatCompetencyPlan(plan: CompetencyPlan): string {
  const lines: string[] = [];
  if (plan.frameworkId === undefined) lines.push(`create framework ${plan.framework.idnumber} "${plan.framework.shortname}"`);
  if (plan.updateFramework) lines.push(`update framework ${plan.framework.idnumber}`);
  for (const competency of plan.create) lines.push(`create competency ${competency.idnumber}${competency.parent ? ` (under ${competency.parent})` : ''}`);
  for (const { desired } of plan.update) lines.push(`update competency ${desired.idnumber}`);
  for (const link of plan.links) lines.push(`link ${link.course}: ${link.add.join(', ')}`);
  for (const problem of plan.problems) lines.push(`not done: ${problem}`);
  if (!changeCount(plan)) lines.push('Nothing to change.');
  return lines.join('\n');
}
