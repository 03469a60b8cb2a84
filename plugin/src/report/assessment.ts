/**
 * The diagnostic assessment's results, pulled by `wecare moodle report` for `wecare profile`:
 * in each mapped course that holds the diagnostic activity (the programme's
 * `assessment.id`), the latest attempt of every enrolled participant, written in the `scorm`
 * (or, for an H5P-only deployment, `h5p`) results format of docs/profile.md.
 *
 * The activity is recognised as `wecare moodle deploy` creates it: course-module idnumber
 * `<prefix>-<variant>-<assessment id>-<format>` (known with the local_wecare plugin), package file
 * `<assessment id>.scorm12.zip` / `.scorm2004.zip` / `.h5p`, or, failing both, the activity name
 * being the assessment's title. A SCORM diagnostic is preferred to an H5P one (only SCORM carries
 * the self-assessed confidence).
 *
 * Calls: the SCORM and H5P instance lists the report already fetched are reused (two calls in
 * local_wecare mode); then one `mod_scorm_get_scorm_scoes` per activity and one
 * `mod_scorm_get_scorm_sco_tracks` per participant who has attempted it — the attempt counts the
 * report already holds answer `mod_scorm_get_scorm_attempt_count`, and participants without an
 * attempt cost nothing. H5P: batched attempts and results (scripts/profile/moodle-tracks.ts).
 * Personal data: participant ids and variants only, like the rest of the report.
 */
import {
  pullAssessmentH5pResults,
  pullAssessmentTracks,
  type H5pResultsFile,
  type MoodleCall,
  type MoodleLearner,
  type ScormResultsFile,
} from '../../../scripts/profile/moodle-tracks.ts';
import type { MoodleClient } from '../moodle/client.ts';
import type { FormValue } from '../moodle/form.ts';
import { mapLimited } from '../moodle/limit.ts';
import type { ReportData, ReportPackage } from './collect.ts';

/** The diagnostic assessment of one variant, as the resolved programme names it. */
export interface AssessmentRef {
  id: string;
  title: string;
}

export interface AssessmentActivity {
  course: string;
  variant: string;
  cmid: number;
  modname: 'scorm' | 'h5pactivity';
  instance: number;
  /** Participants asked for (enrolled, active, with an id). */
  learners: number;
  /** Of them, how many have an attempt. */
  attempted: number;
}

export interface AssessmentResults {
  activities: AssessmentActivity[];
  scorm?: ScormResultsFile;
  h5p?: H5pResultsFile;
}

const formats = ['scorm12', 'scorm2004', 'h5p'];

/** How well `pkg` looks like the deployed diagnostic of `assessment`: 3 idnumber, 2 package file, 1 name, 0 not it. */
export function assessmentMatch(pkg: ReportPackage, variant: string, assessment: AssessmentRef): number {
  if (pkg.idnumber && formats.some((format) => pkg.idnumber!.endsWith(`-${variant}-${assessment.id}-${format}`))) return 3;
  const file = pkg.filename?.toLowerCase();
  if (file && [`${assessment.id}.scorm12.zip`, `${assessment.id}.scorm2004.zip`, `${assessment.id}.h5p`].includes(file)) return 2;
  if (pkg.name.trim() === assessment.title.trim()) return 1;
  return 0;
}

/** The course's diagnostic activity: the best match, SCORM before H5P. */
export function findAssessmentActivity(packages: readonly ReportPackage[], courseId: number, variant: string, assessment: AssessmentRef): ReportPackage | undefined {
  return packages
    .filter((pkg) => pkg.courseId === courseId)
    .map((pkg) => ({ pkg, score: assessmentMatch(pkg, variant, assessment) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => (a.pkg.modname === b.pkg.modname ? 0 : a.pkg.modname === 'scorm' ? -1 : 1) || b.score - a.score || a.pkg.cmid - b.pkg.cmid)[0]?.pkg;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** SCORM and H5P instances of `courseIds` (two calls), for reports collected without them. */
async function fetchPackages(client: MoodleClient, courseIds: number[]): Promise<ReportPackage[]> {
  const [scorms, h5ps] = await Promise.all([client.call('mod_scorm_get_scorms_by_courses', { courseids: courseIds }), client.call('mod_h5pactivity_get_h5pactivities_by_courses', { courseids: courseIds })]);
  return [...scorms.scorms.map((scorm) => scormPackage(scorm)), ...h5ps.h5pactivities.map((h5p) => h5pPackage(h5p))];
}

/** A `mod_scorm_get_scorms_by_courses` entry as a report package (`reference` is the uploaded file's name). */
export function scormPackage(scorm: { id: number; coursemodule: number; course: number; name: string }): ReportPackage {
  const reference = record(scorm).reference;
  return { modname: 'scorm', instance: scorm.id, cmid: scorm.coursemodule, courseId: scorm.course, name: scorm.name, ...(typeof reference === 'string' ? { filename: reference } : {}) };
}

/** A `mod_h5pactivity_get_h5pactivities_by_courses` entry as a report package. */
export function h5pPackage(h5p: { id: number; coursemodule: number; course: number; name: string }): ReportPackage {
  const files = record(h5p).package;
  const filename = Array.isArray(files) ? record(files[0]).filename : undefined;
  return { modname: 'h5pactivity', instance: h5p.id, cmid: h5p.coursemodule, courseId: h5p.course, name: h5p.name, ...(typeof filename === 'string' ? { filename } : {}) };
}

/**
 * Pulls the diagnostic's results of every mapped course that holds it. `assessments` maps variant
 * codes to their assessment; courses of other variants are skipped. Undefined `scorm`/`h5p` when
 * no course holds the diagnostic in that form.
 */
export async function pullAssessmentResults(client: MoodleClient, data: ReportData, assessments: ReadonlyMap<string, AssessmentRef>, options: { concurrency?: number } = {}): Promise<AssessmentResults> {
  const concurrency = options.concurrency ?? 4;
  const courses = data.courses.filter((course) => assessments.has(course.variant));
  const out: AssessmentResults = { activities: [] };
  if (!courses.length) return out;
  const packages = data.moodle?.packages ?? (await fetchPackages(client, courses.map((course) => course.id)));
  const idnumbers = data.moodle?.idnumbers ?? {};
  const call: MoodleCall = (fn, params) => client.callRaw(fn, params as Record<string, FormValue>);

  for (const course of courses) {
    const assessment = assessments.get(course.variant)!;
    const activity = findAssessmentActivity(packages.map((pkg) => (idnumbers[pkg.cmid] ? { ...pkg, idnumber: idnumbers[pkg.cmid] } : pkg)), course.id, course.variant, assessment);
    if (!activity) continue;
    const users = (data.moodle?.users ?? []).filter((user) => user.course === course.key);
    const learners: MoodleLearner[] = users.map((user) => ({ userId: user.userid, learnerId: user.participantId, variant: course.variant }));
    // What the report already knows: attempts per participant on this activity.
    const attemptsOf = new Map(data.rows.filter((row) => row.course === course.key && row.cmid === activity.cmid).map((row) => [row.participantId, row.attempts]));
    const summary: AssessmentActivity = { course: course.key, variant: course.variant, cmid: activity.cmid, modname: activity.modname, instance: activity.instance, learners: learners.length, attempted: 0 };

    if (activity.modname === 'h5pactivity') {
      const file = await pullAssessmentH5pResults(call, activity.instance, learners);
      summary.attempted = file.learners.filter((learner) => learner.attempts.length).length;
      out.h5p = out.h5p ? { ...out.h5p, learners: [...out.h5p.learners, ...file.learners] } : file;
    } else {
      const known = new Map(learners.map((learner) => [learner.userId, attemptsOf.get(learner.learnerId)]));
      const none = learners.filter((learner) => known.get(learner.userId) === 0);
      const some = learners.filter((learner) => known.get(learner.userId) !== 0);
      // Known counts answer the attempt-count calls; the single SCO is asked for once.
      let scoes: Promise<unknown> | undefined;
      const cached: MoodleCall = (fn, params) => {
        if (fn === 'mod_scorm_get_scorm_attempt_count') {
          const count = known.get(Number(params.userid));
          if (typeof count === 'number') return Promise.resolve({ attemptscount: count, warnings: [] });
        }
        if (fn === 'mod_scorm_get_scorm_scoes') return (scoes ??= call(fn, params));
        return call(fn, params);
      };
      const groups = Array.from({ length: Math.min(concurrency, some.length) }, (_, index) => some.filter((_, i) => i % concurrency === index));
      const pulled = groups.length ? await mapLimited(groups, concurrency, (group) => pullAssessmentTracks(cached, activity.instance, group)) : [];
      const byId = new Map(pulled.flatMap((file) => file.learners).map((learner) => [learner.id, learner]));
      for (const learner of none) byId.set(learner.learnerId, { id: learner.learnerId, variant: course.variant, attempts: [], tracks: [] });
      const ordered = learners.map((learner) => byId.get(learner.learnerId)!);
      summary.attempted = ordered.filter((learner) => learner.attempts.length).length;
      out.scorm = out.scorm ? { ...out.scorm, learners: [...out.scorm.learners, ...ordered] } : { format: 'wecare-scorm-tracks', version: 1, scormId: activity.instance, learners: ordered };
    }
    out.activities.push(summary);
  }
  return out;
}
