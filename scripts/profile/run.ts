/**
 * `wecare profile` without the terminal: reads results, checks them against the assessment of
 * each learner's variant, computes the profiles and writes the pages and the cohort CSV.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProgrammeIR } from '../ir/types.ts';
import { buildAssessmentMap, type AssessmentMap } from './assessment-map.ts';
import { cohortCsv, summariseCohort, type CohortSummary } from './cohort.ts';
import { computeLearnerProfile, defaultThresholds } from './compute.ts';
import { ResultsError, type ResultProblem } from './problems.ts';
import { readResultsFile, type ReadResults } from './read-results.ts';
import { renderCohortPage, renderLearnerPage } from './render.ts';
import type { LearnerInteractions, LearnerProfile, ProfileThresholds, ResultsFormat } from './types.ts';

export interface ProfileRunOptions {
  resultsFile: string;
  /** Name of the results file in messages (e.g. relative to the current folder). */
  displayName?: string;
  format?: ResultsFormat;
  outDir: string;
  /** One resolved programme per variant (from `loadProgramme`). */
  programmes: ProgrammeIR[];
  /** Variant of learners whose results do not say; default: the programme's first variant. */
  defaultVariant?: string;
  thresholds?: Partial<ProfileThresholds>;
  /** Write the profiles of valid learners and report the others, instead of writing nothing. */
  skipInvalid?: boolean;
  /** The results file already read (the CLI reads it first to load only the variants it needs). */
  read?: ReadResults;
}

export interface ProfileRunResult {
  profiles: LearnerProfile[];
  summary: CohortSummary;
  /** Problems with learners that were skipped (only with `skipInvalid`). */
  skipped: ResultProblem[];
  files: string[];
}

/** File name for a learner's page: ids can hold anything, names must not. */
export function learnerFileName(learnerId: string, taken: Set<string>): string {
  const base = `perfil-${learnerId.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 80) || 'participante'}`;
  let name = `${base}.html`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}.html`;
  taken.add(name.toLowerCase());
  return name;
}

export function profilesFromLearners(
  learners: LearnerInteractions[],
  programmes: ProgrammeIR[],
  options: { defaultVariant?: string; thresholds: ProfileThresholds },
): { profiles: Array<{ profile: LearnerProfile; map: AssessmentMap }>; problems: ResultProblem[] } {
  const problems: ResultProblem[] = [];
  const maps = new Map<string, AssessmentMap>();
  const mapFor = (variant: string) => {
    if (!maps.has(variant)) {
      const programme = programmes.find((candidate) => candidate.variant.code === variant);
      if (!programme) return undefined;
      maps.set(variant, buildAssessmentMap(programme));
    }
    return maps.get(variant);
  };
  const fallback = options.defaultVariant ?? programmes[0]?.variant.code ?? '';
  const seen = new Map<string, LearnerInteractions>();
  const profiles: Array<{ profile: LearnerProfile; map: AssessmentMap }> = [];
  for (const learner of learners) {
    const earlier = seen.get(learner.learnerId);
    if (earlier) {
      problems.push({ kind: 'malformed', origin: learner.origin, learnerId: learner.learnerId, message: `appears twice (also at ${earlier.origin.pointer ?? `row ${earlier.origin.row}`}); merge the records into one learner.` });
      continue;
    }
    seen.set(learner.learnerId, learner);
    const variant = learner.variant ?? fallback;
    const map = mapFor(variant);
    if (!map) {
      problems.push({ kind: 'unknown-variant', origin: learner.origin, learnerId: learner.learnerId, message: `variant "${variant}" is not one of the programme's (${(programmes[0]?.programme.variants ?? programmes.map((p) => p.variant.code)).join(', ')}).` });
      continue;
    }
    const profile = computeLearnerProfile(map, learner, problems, options.thresholds);
    if (profile) profiles.push({ profile, map });
  }
  return { profiles, problems };
}

/**
 * A re-run into the same folder must not leave the page of a learner who is no longer in the
 * results: pages of an earlier run (recognised by its profiles.json) are removed first.
 */
async function removeStalePages(outDir: string): Promise<void> {
  const marker = await readFile(path.join(outDir, 'profiles.json'), 'utf8').catch(() => '');
  if (!marker.includes('"format": "wecare-profiles"')) return;
  for (const name of await readdir(outDir)) {
    if (/^perfil-.*\.html$/.test(name)) await rm(path.join(outDir, name), { force: true });
  }
}

export async function runProfiles(options: ProfileRunOptions): Promise<ProfileRunResult> {
  const thresholds: ProfileThresholds = { ...defaultThresholds, ...options.thresholds };
  const displayName = options.displayName ?? options.resultsFile;
  const read = options.read ?? (await readResultsFile(options.resultsFile, options.format, displayName));
  if (!read.learners.length) {
    throw new ResultsError(read.problems.length ? read.problems : [{ kind: 'no-data', origin: { file: displayName }, message: 'contains no learner.' }]);
  }
  const computed = profilesFromLearners(read.learners, options.programmes, { ...(options.defaultVariant ? { defaultVariant: options.defaultVariant } : {}), thresholds });
  const problems = [...read.problems, ...computed.problems];
  let kept = computed.profiles;
  if (problems.length) {
    if (!options.skipInvalid) throw new ResultsError(problems);
    // Skip every learner with a problem; records that name no learner are skipped alone.
    const bad = new Set(problems.flatMap((problem) => (problem.learnerId ? [problem.learnerId] : [])));
    kept = kept.filter(({ profile }) => !bad.has(profile.learnerId));
    if (!kept.length) throw new ResultsError(problems);
  }

  await mkdir(options.outDir, { recursive: true });
  await removeStalePages(options.outDir);
  const files: string[] = [];
  const taken = new Set<string>(['index.html', 'cohort.csv', 'profiles.json']);
  const links: Array<{ href: string; label: string }> = [];
  for (const { profile, map } of kept) {
    const name = learnerFileName(profile.learnerId, taken);
    const file = path.join(options.outDir, name);
    await writeFile(file, renderLearnerPage(profile, map, thresholds));
    files.push(file);
    links.push({ href: name, label: profile.name ? `${profile.name} (${profile.learnerId})` : profile.learnerId });
  }
  const profiles = kept.map(({ profile }) => profile);
  const firstMap = kept[0]!.map;
  const summary = summariseCohort(profiles, firstMap, thresholds);
  const csvFile = path.join(options.outDir, 'cohort.csv');
  await writeFile(csvFile, cohortCsv(profiles));
  const indexFile = path.join(options.outDir, 'index.html');
  await writeFile(indexFile, renderCohortPage(summary, firstMap, thresholds, links));
  // Machine-readable twin of the pages, for the plugin or any LMS integration.
  const jsonFile = path.join(options.outDir, 'profiles.json');
  await writeFile(jsonFile, `${JSON.stringify({ format: 'wecare-profiles', version: 1, thresholds, cohort: summary, learners: profiles }, null, 2)}\n`);
  files.push(csvFile, indexFile, jsonFile);
  return { profiles, summary, skipped: options.skipInvalid ? problems : [], files };
}
