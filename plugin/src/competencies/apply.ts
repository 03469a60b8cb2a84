/**
 * Carries out a competency plan: the framework, then competencies parents first (a child needs its
 * parent's id), then the course links. Stops at the first refused write and says what was done;
 * the next run re-plans from the site's real state, matched by idnumber, so nothing is duplicated.
 */
import type { MoodleClient } from '../moodle/client.ts';
import { defaultScale, type CompetencyPlan, type SiteCompetency } from './plan.ts';

export interface CompetencyResult {
  frameworkCreated: boolean;
  frameworkUpdated: boolean;
  created: number;
  updated: number;
  linked: number;
  /** The write that failed, when one did. */
  failure?: string;
}

export async function applyCompetencyPlan(client: MoodleClient, plan: CompetencyPlan): Promise<CompetencyResult> {
  const result: CompetencyResult = { frameworkCreated: false, frameworkUpdated: false, created: 0, updated: 0, linked: 0 };
  const { framework } = plan;
  try {
    let frameworkId = plan.frameworkId;
    if (frameworkId === undefined) {
      const created = (await client.callRaw('core_competency_create_competency_framework', {
        competencyframework: {
          shortname: framework.shortname, idnumber: framework.idnumber, description: framework.description, descriptionformat: 1, visible: 1,
          ...defaultScale, contextid: 1, taxonomies: 'domain,competency,outcome,outcome',
        },
      })) as { id: number };
      frameworkId = created.id;
      result.frameworkCreated = true;
    } else if (plan.updateFramework) {
      await client.callRaw('core_competency_update_competency_framework', { competencyframework: { id: frameworkId, shortname: framework.shortname, description: framework.description, descriptionformat: 1 } });
      result.frameworkUpdated = true;
    }
    const ids = new Map([...plan.existing.values()].map((competency) => [competency.idnumber, competency.id]));
    for (const competency of plan.create) {
      const created = (await client.callRaw('core_competency_create_competency', {
        competency: { shortname: competency.shortname, idnumber: competency.idnumber, description: competency.description, descriptionformat: 1, competencyframeworkid: frameworkId, parentid: competency.parent ? ids.get(competency.parent) ?? 0 : 0 },
      })) as SiteCompetency;
      ids.set(competency.idnumber, created.id);
      result.created += 1;
    }
    for (const { desired, id } of plan.update) {
      await client.callRaw('core_competency_update_competency', { competency: { id, shortname: desired.shortname, description: desired.description, descriptionformat: 1 } });
      result.updated += 1;
    }
    for (const link of plan.links) {
      for (const idnumber of link.add) {
        const competencyid = ids.get(idnumber);
        if (competencyid === undefined || link.courseId === undefined) continue;
        await client.callRaw('core_competency_add_competency_to_course', { courseid: link.courseId, competencyid });
        result.linked += 1;
      }
    }
  } catch (error) {
    result.failure = error instanceof Error ? error.message : String(error);
  }
  return result;
}

export function formatCompetencyResult(result: CompetencyResult): string {
  const done = [
    result.frameworkCreated ? 'framework created' : '',
    result.frameworkUpdated ? 'framework updated' : '',
    `${result.created} competencies created`,
    `${result.updated} updated`,
    `${result.linked} course links added`,
  ].filter(Boolean);
  return `${done.join(', ')}.${result.failure ? `\nStopped: ${result.failure}\nRun again: the next run finds what was done and carries on.` : ''}`;
}
