/**
 * Course progress in bulk through local_wecare_get_course_progress: every enrolled participant's
 * activity completion, grades, SCORM/H5P attempts and course completion, one page of participants
 * per call (core Moodle needs one call per participant and course for activity completion).
 *
 * `wecare moodle report` calls `courseProgressAvailable` once per run and, when true, uses
 * `fetchCourseProgress` per course instead of the core functions.
 */
import { mapLimited, type MoodleClient } from '../moodle/index.ts';
import type { MoodleWarning } from '../moodle/types.ts';

export const courseProgressFunction = 'local_wecare_get_course_progress';

export interface ProgressActivity {
  cmid: number;
  idnumber: string;
  modname: string;
  name: string;
  sectionnum: number;
  visible: boolean;
  /** 0 none, 1 manual, 2 automatic. */
  completion: number;
  grademax?: number;
  gradepass?: number;
}

export interface ParticipantActivity {
  cmid: number;
  /** 0 incomplete, 1 complete, 2 complete and passed, 3 complete and failed. */
  state: number;
  /** Unix time of the last state change, 0 when never. */
  timemodified: number;
  grade?: number;
  /** SCORM or H5P attempts started. */
  attempts?: number;
}

export interface ProgressParticipant {
  userid: number;
  username: string;
  /** The programme's participant id. */
  idnumber: string;
  /** False when the enrolment is suspended (withdrawn) or outside its dates. */
  active: boolean;
  coursecompleted: boolean;
  timecompleted: number;
  coursegrade?: number;
  /** The participant's groups in the course (absent from plugin versions before 2026112202). */
  groups?: Array<{ id: number; idnumber: string; name: string }>;
  /** One entry per `activities` item, same order. */
  activities: ParticipantActivity[];
}

export interface CourseProgress {
  course: { id: number; shortname: string; idnumber: string; completionenabled: boolean; hascriteria: boolean };
  activities: ProgressActivity[];
  totalparticipants: number;
  participants: ProgressParticipant[];
  warnings: MoodleWarning[];
  /** Calls made for this course. */
  calls: number;
}

interface ProgressPage extends Omit<CourseProgress, 'participants' | 'calls' | 'warnings'> {
  page: number;
  perpage: number;
  participants: ProgressParticipant[];
  warnings?: MoodleWarning[];
}

/** True when the token may call local_wecare_get_course_progress (from core_webservice_get_site_info). */
export function courseProgressAvailable(siteInfo: { functions: Array<{ name: string }> }): boolean {
  return siteInfo.functions.some((fn) => fn.name === courseProgressFunction);
}

export interface FetchProgressOptions {
  /** Participants per call, 1–500. Default 200: a 300-participant course takes two calls. */
  perPage?: number;
  /** Leave out suspended enrolments. Default false (they come flagged `active: false`). */
  onlyActive?: boolean;
  /** Pages in flight at once after the first. Default 3. */
  concurrency?: number;
}

export async function fetchCourseProgress(client: MoodleClient, courseid: number, options: FetchProgressOptions = {}): Promise<CourseProgress> {
  const perpage = options.perPage ?? 200;
  if (!Number.isInteger(perpage) || perpage < 1 || perpage > 500) throw new RangeError(`perPage must be between 1 and 500, not ${perpage}.`);
  const onlyactive = options.onlyActive ? 1 : 0;
  const call = (page: number) => client.callRaw(courseProgressFunction, { courseid, page, perpage, onlyactive }, 'read') as Promise<ProgressPage>;
  const first = await call(0);
  const pages = Math.ceil(first.totalparticipants / perpage);
  const rest = await mapLimited(Array.from({ length: Math.max(0, pages - 1) }, (_, index) => index + 1), options.concurrency ?? 3, call);
  const seen = new Set<number>();
  const participants: ProgressParticipant[] = [];
  const warnings: MoodleWarning[] = [...(first.warnings ?? [])];
  for (const page of [first, ...rest]) {
    for (const participant of page.participants) {
      // Enrolments can change between pages; a participant seen twice is kept once.
      if (seen.has(participant.userid)) continue;
      seen.add(participant.userid);
      participants.push(participant);
    }
  }
  return { course: first.course, activities: first.activities, totalparticipants: first.totalparticipants, participants, warnings, calls: 1 + rest.length };
}
