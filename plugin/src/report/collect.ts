/**
 * Completion pull: what every enrolled participant has done in the mapped courses, with as few
 * calls as core web services allow:
 * - per course: enrolled users (only id, idnumber, groups, lastcourseaccess), contents (without
 *   file lists), and ONE grade-items call for all users;
 * - once for all courses: SCORM and H5P instances;
 * - per H5P activity: attempts of all participants (batched user ids);
 * - per participant and course: activity completion (core has no bulk variant);
 * - course completion: one probe per course — `nocriteriaset` means no criteria, and no further
 *   calls; otherwise one call per participant and course, or one core_enrol_get_users_courses
 *   per participant when that is fewer (it answers for all their courses);
 * - SCORM attempt counts only for participants who have opened the course.
 * When the site has the local_wecare plugin, one paged local_wecare_get_course_progress call per
 * course replaces all of the above.
 * Personal data kept: the participant id (idnumber) and group names. No names, no e-mails.
 */
import type { MoodleConfig } from '../config/moodle-config.ts';
import type { MoodleClient } from '../moodle/client.ts';
import { isMoodleError } from '../moodle/errors.ts';
import { mapLimited } from '../moodle/limit.ts';
import type { EnrolledUser } from '../moodle/types.ts';
import { courseProgressAvailable, fetchCourseProgress } from '../progress/course-progress.ts';
import { h5pPackage, scormPackage } from './assessment.ts';

export type ActivityState = 'complete' | 'passed' | 'failed' | 'incomplete';

export interface ReportActivity {
  cmid: number;
  name: string;
  modname: string;
  instance: number;
  section: number;
}

export interface ReportCourse {
  key: string;
  id: number;
  shortname: string;
  variant: string;
  activities: ReportActivity[];
  /** False when Moodle answered `nocriteriaset`. */
  hasCompletionCriteria: boolean;
}

export interface ReportRow {
  participantId: string;
  intake: string;
  variant: string;
  group: string;
  course: string;
  cmid: number;
  activity: string;
  type: string;
  state: ActivityState;
  /** Percentage 0–100 of the best grade, when graded. */
  score: number | null;
  attempts: number | null;
  /** Unix time of the last completion or grade change. */
  lastChange: number | null;
}

export interface CourseCompletion {
  participantId: string;
  course: string;
  /** null: the course has no completion criteria. */
  completed: boolean | null;
}

export interface ReportData {
  generatedAt: string;
  courses: ReportCourse[];
  rows: ReportRow[];
  courseCompletion: CourseCompletion[];
  participants: number;
  /** Moodle ids seen on the way, for follow-up pulls (the diagnostic's tracks); never written out. */
  moodle?: ReportMoodleIds;
}

/** A SCORM or H5P activity of a mapped course. */
export interface ReportPackage {
  modname: 'scorm' | 'h5pactivity';
  /** Instance id (scorm.id, h5pactivity.id). */
  instance: number;
  cmid: number;
  courseId: number;
  name: string;
  /** The package's file name, when Moodle says it. */
  filename?: string;
  /** The course-module idnumber, when known. */
  idnumber?: string;
}

export interface ReportMoodleIds {
  /** Active enrolled participants with an id, per course key. */
  users: Array<{ course: string; userid: number; participantId: string }>;
  /** Core mode: the SCORM and H5P instances already fetched. */
  packages?: ReportPackage[];
  /** local_wecare mode: course-module idnumbers by cmid. */
  idnumbers?: Record<number, string>;
}

export interface ParticipantInfo {
  intake: string;
  group: string;
}

const completionState = (state: number): ActivityState => (state === 1 ? 'complete' : state === 2 ? 'passed' : state === 3 ? 'failed' : 'incomplete');

export interface CollectOptions {
  roster?: Map<string, ParticipantInfo>;
  now?: Date;
  concurrency?: number;
  /**
   * `auto` (default): use the local_wecare plugin's `local_wecare_get_course_progress` (one paged
   * call per course) when the site has it, else core functions. `core`: core functions only.
   */
  source?: 'auto' | 'core' | 'local_wecare';
}

export async function collectReport(client: MoodleClient, config: MoodleConfig, options: CollectOptions = {}): Promise<ReportData & { source: 'core' | 'local_wecare' }> {
  const concurrency = options.concurrency ?? 8;
  let source: 'core' | 'local_wecare' = options.source === 'local_wecare' ? 'local_wecare' : 'core';
  if (options.source === undefined || options.source === 'auto') {
    const info = await client.call('core_webservice_get_site_info', {} as never);
    if (courseProgressAvailable(info)) source = 'local_wecare';
  }
  const mapped = Object.entries(config.variants).flatMap(([variant, mapping]) => mapping.phases.flatMap((phase) => phase.courses.map((key) => ({ key, variant }))));
  const unique = [...new Map(mapped.map((m) => [m.key, m])).values()];
  const found = await mapLimited(unique, concurrency, async ({ key, variant }) => {
    const { courses } = await client.call('core_course_get_courses_by_field', { field: config.courseKey, value: key });
    const course = courses.find((c) => (config.courseKey === 'idnumber' ? c.idnumber : c.shortname) === key);
    return course ? { key, variant, id: course.id, shortname: course.shortname } : undefined;
  });
  const courses = found.filter((c): c is NonNullable<typeof c> => Boolean(c));
  const courseIds = courses.map((c) => c.id);
  if (source === 'local_wecare') return { ...(await collectWithPlugin(client, courses, options, concurrency)), source };

  const [perCourse, scorms, h5ps] = await Promise.all([
    mapLimited(courses, concurrency, async (course) => {
      const [enrolled, contents, grades] = await Promise.all([
        client.call('core_enrol_get_enrolled_users', { courseid: course.id, options: [{ name: 'userfields', value: 'id,idnumber,groups,lastcourseaccess' }, { name: 'onlyactive', value: '1' }] }),
        client.call('core_course_get_contents', { courseid: course.id, options: [{ name: 'excludecontents', value: '1' }] }),
        client.call('gradereport_user_get_grade_items', { courseid: course.id, userid: 0 }),
      ]);
      return { course, enrolled: enrolled.filter((u) => u.idnumber), contents, grades };
    }),
    courseIds.length ? client.call('mod_scorm_get_scorms_by_courses', { courseids: courseIds }) : Promise.resolve({ scorms: [] }),
    courseIds.length ? client.call('mod_h5pactivity_get_h5pactivities_by_courses', { courseids: courseIds }) : Promise.resolve({ h5pactivities: [] }),
  ]);

  const reportCourses: ReportCourse[] = [];
  const rows: ReportRow[] = [];
  const courseCompletion: CourseCompletion[] = [];
  const participants = new Set<string>();
  const courseDone = new Map<string, boolean>();
  const pendingCompletion: Array<{ entry: CourseCompletion; userid: number; courseid: number; hasCriteria: boolean }> = [];

  for (const { course, enrolled, contents, grades } of perCourse) {
    const activities: ReportActivity[] = contents.flatMap((section) =>
      section.modules.filter((m) => (m.completion ?? 0) > 0).map((m) => ({ cmid: m.id, name: m.name, modname: m.modname, instance: m.instance, section: section.section })),
    );
    const gradeOf = new Map<string, { percent: number; time: number | null }>();
    for (const user of grades.usergrades) {
      for (const item of user.gradeitems) {
        if (item.cmid === undefined || item.graderaw === null || item.graderaw === undefined) continue;
        const range = item.grademax - item.grademin;
        gradeOf.set(`${user.userid}:${item.cmid}`, { percent: range > 0 ? Math.round(((item.graderaw - item.grademin) / range) * 1000) / 10 : 0, time: item.gradedategraded });
      }
    }
    const info = (user: EnrolledUser): ParticipantInfo => options.roster?.get(user.idnumber!) ?? { intake: '', group: user.groups?.map((g) => g.name).join(' / ') ?? '' };

    // Activity completion: one call per participant (no bulk variant in core).
    const completions = await mapLimited(enrolled, concurrency, (user) => client.call('core_completion_get_activities_completion_status', { courseid: course.id, userid: user.id }));

    // Course completion: probe once; `nocriteriaset` settles the whole course, otherwise the
    // remaining participants are asked later (per course, or per participant for all courses at once).
    let hasCriteria = false;
    if (enrolled.length) {
      try {
        const first = await client.call('core_completion_get_course_completion_status', { courseid: course.id, userid: enrolled[0]!.id });
        hasCriteria = true;
        courseDone.set(`${enrolled[0]!.id}:${course.id}`, first.completionstatus.completed);
      } catch (error) {
        if (!isMoodleError(error, 'nocriteriaset')) throw error;
      }
    }

    // Attempts: H5P per activity for all participants; SCORM per participant who opened the course.
    const attempts = new Map<string, number>();
    const courseH5p = h5ps.h5pactivities.filter((h) => h.course === course.id);
    await mapLimited(courseH5p, concurrency, async (h5p) => {
      const answers = await client.callInBatches('mod_h5pactivity_get_attempts', enrolled.map((u) => u.id), (chunk) => ({ h5pactivityid: h5p.id, userids: chunk }));
      for (const { result } of answers) for (const entry of result.usersattempts) attempts.set(`${entry.userid}:${h5p.coursemodule}`, entry.attempts.length);
    });
    const courseScorms = scorms.scorms.filter((s) => s.course === course.id);
    const opened = enrolled.filter((u) => u.lastcourseaccess === undefined || u.lastcourseaccess > 0);
    const scormPairs = courseScorms.flatMap((scorm) => opened.map((user) => ({ scorm, user })));
    const counts = await mapLimited(scormPairs, concurrency, ({ scorm, user }) => client.call('mod_scorm_get_scorm_attempt_count', { scormid: scorm.id, userid: user.id }));
    scormPairs.forEach(({ scorm, user }, index) => attempts.set(`${user.id}:${scorm.coursemodule}`, counts[index]!.attemptscount));
    for (const scorm of courseScorms) for (const user of enrolled) if (!attempts.has(`${user.id}:${scorm.coursemodule}`)) attempts.set(`${user.id}:${scorm.coursemodule}`, 0);

    enrolled.forEach((user, index) => {
      participants.add(user.idnumber!);
      const { intake, group } = info(user);
      const statuses = new Map(completions[index]!.statuses.map((s) => [s.cmid, s]));
      for (const activity of activities) {
        const status = statuses.get(activity.cmid);
        const grade = gradeOf.get(`${user.id}:${activity.cmid}`);
        const changed = Math.max(status?.timecompleted ?? 0, grade?.time ?? 0);
        rows.push({
          participantId: user.idnumber!,
          intake,
          variant: course.variant,
          group,
          course: course.key,
          cmid: activity.cmid,
          activity: activity.name,
          type: activity.modname,
          state: completionState(status?.state ?? 0),
          score: grade?.percent ?? null,
          attempts: attempts.get(`${user.id}:${activity.cmid}`) ?? null,
          lastChange: changed > 0 ? changed : null,
        });
      }
      courseCompletion.push({ participantId: user.idnumber!, course: course.key, completed: null });
      pendingCompletion.push({ entry: courseCompletion.at(-1)!, userid: user.id, courseid: course.id, hasCriteria });
    });
    reportCourses.push({ key: course.key, id: course.id, shortname: course.shortname, variant: course.variant, activities, hasCompletionCriteria: hasCriteria });
  }
  // Course completion of the rest: per (participant, course), or — cheaper when several courses
  // have criteria — one core_enrol_get_users_courses per participant, which answers for all courses.
  const missing = pendingCompletion.filter((p) => p.hasCriteria && !courseDone.has(`${p.userid}:${p.courseid}`));
  const users = [...new Set(missing.map((p) => p.userid))];
  if (missing.length && users.length < missing.length) {
    const answers = await mapLimited(users, concurrency, (userid) => client.call('core_enrol_get_users_courses', { userid, returnusercount: false }));
    users.forEach((userid, index) => {
      for (const course of answers[index]!) if (course.completed !== undefined) courseDone.set(`${userid}:${course.id}`, course.completed);
    });
  } else if (missing.length) {
    const answers = await mapLimited(missing, concurrency, (p) => client.call('core_completion_get_course_completion_status', { courseid: p.courseid, userid: p.userid }));
    missing.forEach((p, index) => courseDone.set(`${p.userid}:${p.courseid}`, answers[index]!.completionstatus.completed));
  }
  for (const pending of pendingCompletion) pending.entry.completed = pending.hasCriteria ? (courseDone.get(`${pending.userid}:${pending.courseid}`) ?? false) : null;
  const moodle: ReportMoodleIds = {
    users: perCourse.flatMap(({ course, enrolled }) => enrolled.map((user) => ({ course: course.key, userid: user.id, participantId: user.idnumber! }))),
    packages: [...scorms.scorms.map(scormPackage), ...h5ps.h5pactivities.map(h5pPackage)],
  };
  return { generatedAt: (options.now ?? new Date()).toISOString(), courses: reportCourses, rows, courseCompletion, participants: participants.size, moodle, source };
}

/** The local_wecare fast path: one paged call per course gives everything the report needs. */
async function collectWithPlugin(
  client: MoodleClient,
  courses: Array<{ key: string; variant: string; id: number; shortname: string }>,
  options: CollectOptions,
  concurrency: number,
): Promise<ReportData> {
  const pages = await mapLimited(courses, concurrency, async (course) => {
    const progress = await fetchCourseProgress(client, course.id, { perPage: 500, onlyActive: true, concurrency });
    return { course, first: progress, participants: progress.participants };
  });
  const reportCourses: ReportCourse[] = [];
  const rows: ReportRow[] = [];
  const courseCompletion: CourseCompletion[] = [];
  const participants = new Set<string>();
  const moodle: ReportMoodleIds = { users: [], idnumbers: {} };
  for (const { course, first, participants: people } of pages) {
    const activities = first.activities.filter((a) => a.completion > 0);
    for (const activity of first.activities) if (activity.idnumber) moodle.idnumbers![activity.cmid] = activity.idnumber;
    for (const person of people) {
      if (!person.idnumber || !person.active) continue;
      participants.add(person.idnumber);
      moodle.users.push({ course: course.key, userid: person.userid, participantId: person.idnumber });
      const info = options.roster?.get(person.idnumber) ?? { intake: '', group: '' };
      const states = new Map(person.activities.map((a) => [a.cmid, a]));
      for (const activity of activities) {
        const status = states.get(activity.cmid);
        const score = status?.grade !== undefined && activity.grademax ? Math.round((status.grade / activity.grademax) * 1000) / 10 : null;
        rows.push({
          participantId: person.idnumber, intake: info.intake, variant: course.variant, group: info.group, course: course.key, cmid: activity.cmid,
          activity: activity.name, type: activity.modname, state: completionState(status?.state ?? 0), score, attempts: status?.attempts ?? null,
          lastChange: status?.timemodified ? status.timemodified : null,
        });
      }
      courseCompletion.push({ participantId: person.idnumber, course: course.key, completed: first.course.hascriteria ? person.coursecompleted : null });
    }
    reportCourses.push({
      key: course.key, id: course.id, shortname: course.shortname, variant: course.variant, hasCompletionCriteria: first.course.hascriteria,
      activities: activities.map((a) => ({ cmid: a.cmid, name: a.name, modname: a.modname, instance: 0, section: a.sectionnum })),
    });
  }
  return { generatedAt: (options.now ?? new Date()).toISOString(), courses: reportCourses, rows, courseCompletion, participants: participants.size, moodle };
}
