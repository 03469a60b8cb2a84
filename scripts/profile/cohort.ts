/** The intake as a whole: which competences it lacks, and the cohort CSV. */
import type { AssessmentMap } from './assessment-map.ts';
import { csvLine } from '../csv/csv.ts';
import type { GapKind, LearnerProfile, ProfileThresholds } from './types.ts';

export interface CohortCompetence {
  competenceId: string;
  title: string;
  areaId: string;
  /** Learners with a knowledge measure for this competence. */
  assessed: number;
  gapCounts: Record<GapKind, number>;
  /** Share of assessed learners with a knowledge gap, 0–1; null when nobody was assessed. */
  gapShare: number | null;
  meanKnowledge: number | null;
  meanConfidence: number | null;
  lacking: boolean;
  modules: string[];
}

export interface CohortSummary {
  learners: number;
  competences: CohortCompetence[];
  /** Modules covering the lacking competences, most lacking competences first. */
  modules: Array<{ moduleId: string; title: string; competences: string[] }>;
}

const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null);

export function summariseCohort(profiles: LearnerProfile[], map: AssessmentMap, thresholds: ProfileThresholds): CohortSummary {
  const competences: CohortCompetence[] = map.competences.map(({ competence }) => {
    const results = profiles.flatMap((profile) => profile.areas.flatMap((area) => area.competences.filter((c) => c.competenceId === competence.id)));
    const assessed = results.filter((result) => result.knowledge.value !== null);
    const gapCounts: Record<GapKind, number> = { knowledge: 0, 'over-confidence': 0, 'under-confidence': 0 };
    for (const result of results) for (const gap of result.gaps) gapCounts[gap]++;
    const gapShare = assessed.length ? gapCounts.knowledge / assessed.length : null;
    return {
      competenceId: competence.id,
      title: competence.title,
      areaId: competence.areaId,
      assessed: assessed.length,
      gapCounts,
      gapShare,
      meanKnowledge: mean(assessed.map((result) => result.knowledge.value!)),
      meanConfidence: mean(results.filter((result) => result.confidence.value !== null).map((result) => result.confidence.value!)),
      lacking: gapShare !== null && gapShare >= thresholds.cohortLacking,
      modules: map.programme.modules.filter((module) => module.competences.includes(competence.id)).map((module) => module.id),
    };
  });
  const closing = new Map<string, string[]>();
  for (const competence of competences.filter((c) => c.lacking)) {
    for (const moduleId of competence.modules) closing.set(moduleId, [...(closing.get(moduleId) ?? []), competence.competenceId]);
  }
  const order = map.programme.modules.map((module) => module.id);
  const modules = [...closing.entries()]
    .sort((a, b) => b[1].length - a[1].length || order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([moduleId, ids]) => ({ moduleId, title: map.programme.modules.find((module) => module.id === moduleId)?.title ?? moduleId, competences: ids }));
  return { learners: profiles.length, competences, modules };
}

const percent = (value: number | null) => (value === null ? '' : Math.round(value * 100));

export const COHORT_CSV_HEADER = ['learner_id', 'learner_name', 'variant', 'area_id', 'competence_id', 'confidence_pct', 'knowledge_pct', 'statements_answered', 'statements_total', 'questions_answered', 'questions_total', 'gaps', 'modules'];

/** One row per learner × competence; empty cells mean "no data", never 0. */
export function cohortCsv(profiles: LearnerProfile[]): string {
  const lines = [csvLine(COHORT_CSV_HEADER)];
  for (const profile of profiles) {
    for (const area of profile.areas) {
      for (const c of area.competences) {
        lines.push(csvLine([profile.learnerId, profile.name ?? '', profile.variant, area.areaId, c.competenceId, percent(c.confidence.value), percent(c.knowledge.value), c.confidence.answered, c.confidence.total, c.knowledge.answered, c.knowledge.total, c.gaps.join(';'), c.modules.join(';')]));
      }
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
