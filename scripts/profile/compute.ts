/**
 * Per learner and competence: self-assessed confidence beside measured knowledge, the gaps, and
 * the modules that close them. A measure with nothing answered is `null` ("no data"), never 0.
 */
import type { AssessmentItem, AssessmentMap } from './assessment-map.ts';
import type { ResultProblem } from './problems.ts';
import { interpretResult, parseLikert, scoreResponse } from './score.ts';
import type { AreaResult, CompetenceResult, GapKind, LearnerInteractions, LearnerProfile, Measure, ProfileThresholds } from './types.ts';

export const defaultThresholds: ProfileThresholds = {
  lowKnowledge: 0.6,
  highKnowledge: 0.8,
  highConfidence: 2 / 3,
  lowConfidence: 0.5,
  cohortLacking: 0.5,
};

interface Evidence {
  /** Question id → right or wrong (last record wins). */
  answers: Map<string, boolean>;
  /** Statement id → confidence 0–1 (last record wins). */
  confidence: Map<string, number>;
  ignored: number;
}

/** Reads a learner's records against the assessment; records that do not fit become problems. */
export function collectEvidence(map: AssessmentMap, learner: LearnerInteractions, problems: ResultProblem[]): Evidence {
  const evidence: Evidence = { answers: new Map(), confidence: new Map(), ignored: 0 };
  const seen = new Set<string>();
  for (const raw of learner.interactions) {
    const fail = (kind: ResultProblem['kind'], message: string) => problems.push({ kind, origin: raw.origin, learnerId: learner.learnerId, message });
    const resolved = raw.idKind === 'h5p-subcontent' ? map.h5pIds.get(raw.id) : raw.id;
    const item: AssessmentItem | undefined = resolved === undefined ? undefined : map.items.get(resolved);
    if (!item) {
      const what = raw.idKind === 'h5p-subcontent' ? `H5P sub-content "${raw.id}" is not a question` : `interaction id "${raw.id}" is not an activity`;
      fail('unknown-id', `${what} of the assessment "${map.assessment.id}" (variant ${map.programme.variant.code}). Check that the results come from this programme's diagnostic package.`);
      continue;
    }
    const record = { ...raw, id: item.id };
    // Records are a journal: a later record of the same id replaces the earlier one.
    if (seen.has(record.id)) evidence.ignored++;
    seen.add(record.id);
    if (item.kind === 'other') {
      evidence.ignored++;
      continue;
    }
    if (item.kind === 'confidence') {
      if (!record.response.trim()) {
        evidence.confidence.delete(item.id);
        continue;
      }
      const likert = parseLikert(record.response, item.scalePoints);
      if ('error' in likert) {
        fail('bad-response', `self-assessment "${record.id}": ${likert.error}.`);
        continue;
      }
      evidence.confidence.set(item.id, item.scalePoints > 1 ? (likert.point - 1) / (item.scalePoints - 1) : 1);
      continue;
    }
    const result = record.result?.trim().toLowerCase() ?? '';
    // `neutral` says nothing about rightness: the response is scored instead.
    const stated = result && result !== 'neutral' ? interpretResult(result) : undefined;
    if (result && result !== 'neutral' && stated === undefined) {
      fail('bad-response', `question "${record.id}": result "${record.result}" is not correct, wrong, incorrect, unanticipated, neutral or a number.`);
      continue;
    }
    if (stated !== undefined) evidence.answers.set(item.id, stated);
    else if (record.response.trim()) evidence.answers.set(item.id, scoreResponse(item.question, record.response));
    else evidence.answers.delete(item.id); // No result and no response: not answered.
  }
  return evidence;
}

function measure(values: number[], total: number): Measure {
  return { value: values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null, answered: values.length, total };
}

export function classifyGaps(confidence: number | null, knowledge: number | null, t: ProfileThresholds): GapKind[] {
  const gaps: GapKind[] = [];
  if (knowledge === null) return gaps;
  if (knowledge < t.lowKnowledge) gaps.push('knowledge');
  if (confidence === null) return gaps;
  if (knowledge < t.lowKnowledge && confidence >= t.highConfidence) gaps.push('over-confidence');
  if (knowledge >= t.highKnowledge && confidence < t.lowConfidence) gaps.push('under-confidence');
  return gaps;
}

/** The learner's profile, or undefined (with a `no-data` problem) when nothing usable was recorded. */
export function computeLearnerProfile(map: AssessmentMap, learner: LearnerInteractions, problems: ResultProblem[], thresholds: ProfileThresholds = defaultThresholds): LearnerProfile | undefined {
  const before = problems.length;
  const evidence = collectEvidence(map, learner, problems);
  if (!evidence.answers.size && !evidence.confidence.size) {
    if (problems.length === before) {
      problems.push({
        kind: 'no-data',
        origin: learner.origin,
        learnerId: learner.learnerId,
        message: learner.interactions.length
          ? 'has records but no answered question or self-assessment statement of the assessment; no profile can be computed.'
          : 'has no assessment interactions; no profile can be computed (did the learner open the diagnostic package?).',
      });
    }
    return undefined;
  }
  const moduleIdsFor = (competenceId: string) => map.programme.modules.filter((module) => module.competences.includes(competenceId)).map((module) => module.id);
  const byCompetence = new Map<string, CompetenceResult>();
  for (const { competence, questions, statements } of map.competences) {
    const knowledge = measure(questions.filter((id) => evidence.answers.has(id)).map((id) => (evidence.answers.get(id) ? 1 : 0)), questions.length);
    const confidence = measure(statements.filter((id) => evidence.confidence.has(id)).map((id) => evidence.confidence.get(id)!), statements.length);
    const gaps = classifyGaps(confidence.value, knowledge.value, thresholds);
    byCompetence.set(competence.id, { competenceId: competence.id, title: competence.title, areaId: competence.areaId, confidence, knowledge, gaps, modules: moduleIdsFor(competence.id) });
  }
  const areas: AreaResult[] = map.programme.framework.areas.map((area) => {
    const competences = area.competences.map((competence) => byCompetence.get(competence.id)!).filter(Boolean);
    const areaCompetenceIds = new Set(area.competences.map((competence) => competence.id));
    const entries = map.competences.filter((entry) => areaCompetenceIds.has(entry.competence.id));
    // Pool the area's items once each (a question may serve two competences of the area).
    const questions = [...new Set(entries.flatMap((entry) => entry.questions))];
    const statements = [...new Set(entries.flatMap((entry) => entry.statements))];
    return {
      areaId: area.id,
      title: area.title,
      knowledge: measure(questions.filter((id) => evidence.answers.has(id)).map((id) => (evidence.answers.get(id) ? 1 : 0)), questions.length),
      confidence: measure(statements.filter((id) => evidence.confidence.has(id)).map((id) => evidence.confidence.get(id)!), statements.length),
      competences,
    };
  });
  const closing = new Map<string, Set<string>>();
  for (const result of byCompetence.values()) {
    if (!result.gaps.includes('knowledge')) continue;
    for (const moduleId of result.modules) {
      if (!closing.has(moduleId)) closing.set(moduleId, new Set());
      closing.get(moduleId)!.add(result.competenceId);
    }
  }
  const order = map.programme.modules.map((module) => module.id);
  const recommendedModules = [...closing.entries()]
    .sort((a, b) => b[1].size - a[1].size || order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([moduleId, competences]) => ({ moduleId, title: map.programme.modules.find((module) => module.id === moduleId)?.title ?? moduleId, competences: [...competences] }));
  const totalItems = [...map.items.values()].filter((item) => item.kind !== 'other').length;
  return {
    learnerId: learner.learnerId,
    ...(learner.name ? { name: learner.name } : {}),
    variant: map.programme.variant.code,
    areas,
    recommendedModules,
    ignored: evidence.ignored,
    unanswered: totalItems - evidence.answers.size - evidence.confidence.size,
  };
}
