/**
 * Completion pull: what every enrolled participant has done in the mapped courses, with as few
 * calls as core web services allow:
 * - per course: enrolled users (only id, idnumber, groups, lastcourseaccess), contents (without
 *   file lists), and ONE grade-items call for all users;
 * - once for all courses: SCORM and H5P instances;
 * - per H5P activity: attempts of all participants (batched user ids);
 * - per participant and course: activity completion (core has no bulk variant);
 * - course completion: one probe per course — `nocriteriaset` means no criteria, and no further
 *   calls; otherwise one call per participant;
 * - SCORM attempt counts only for participants who have opened the course.
 * Personal data kept: the participant id (idnumber) and group names. No names, no e-mails.
 */
import type { MoodleConfig } from '../config/moodle-config.ts';
import type { MoodleClient } from '../moodle/client.ts';
import { isMoodleError } from '../moodle/errors.ts';
import { mapLimited } from '../moodle/limit.ts';
import type { EnrolledUser } from '../moodle/types.ts';

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
}

export interface ParticipantInfo {
  intake: string;
  group: string;
}

const completionState = (state: number): ActivityState => (state === 1 ? 'complete' : state === 2 ? 'passed' : state === 3 ? 'failed' : 'incomplete');

export async function collectReport(client: MoodleClient, config: MoodleConfig, options: { roster?: Map<string, ParticipantInfo>; now?: Date; concurrency?: number } = {}): Promise<ReportData> {
  const concurrency = options.concurrency ?? 8;
  const mapped = Object.entries(config.variants).flatMap(([variant, mapping]) => mapping.phases.flatMap((phase) => phase.courses.map((key) => ({ key, variant }))));
  const unique = [...new Map(mapped.map((m) => [m.key, m])).values()];
  const found = await mapLimited(unique, concurrency, async ({ key, variant }) => {
    const { courses } = await client.call('core_course_get_courses_by_field', { field: config.courseKey, value: key });
    const course = courses.find((c) => (config.courseKey === 'idnumber' ? c.idnumber : c.shortname) === key);
    return course ? { key, variant, id: course.id, shortname: course.shortname } : undefined;
  });
  const courses = found.filter((c): c is NonNullable<typeof c> => Boolean(c));
  const courseIds = courses.map((c) => c.id);

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

    // Course completion: probe once; `nocriteriaset` settles the whole course.
    let hasCriteria = enrolled.length > 0;
    const completed = new Map<number, boolean>();
    if (enrolled.length) {
      try {
        const first = await client.call('core_completion_get_course_completion_status', { courseid: course.id, userid: enrolled[0]!.id });
        completed.set(enrolled[0]!.id, first.completionstatus.completed);
        const rest = await mapLimited(enrolled.slice(1), concurrency, (user) => client.call('core_completion_get_course_completion_status', { courseid: course.id, userid: user.id }));
        enrolled.slice(1).forEach((user, index) => completed.set(user.id, rest[index]!.completionstatus.completed));
      } catch (error) {
        if (!isMoodleError(error, 'nocriteriaset')) throw error;
        hasCriteria = false;
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
      courseCompletion.push({ participantId: user.idnumber!, course: course.key, completed: hasCriteria ? (completed.get(user.id) ?? false) : null });
    });
    reportCourses.push({ key: course.key, id: course.id, shortname: course.shortname, variant: course.variant, activities, hasCompletionCriteria: hasCriteria });
  }
  return { generatedAt: (options.now ?? new Date()).toISOString(), courses: reportCourses, rows, courseCompletion, participants: participants.size };
}
