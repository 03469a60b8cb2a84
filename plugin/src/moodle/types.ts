/**
 * Typed parameters and results of the core web-service functions the toolkit calls, as recorded
 * in ../shared/moodle-recorded/functions.json (Moodle 5.0). Only the fields we read are typed;
 * Moodle returns more.
 */
export interface MoodleWarning {
  item?: string;
  itemid?: number;
  warningcode: string;
  message: string;
}

export interface MoodleUser {
  id: number;
  username?: string;
  firstname?: string;
  lastname?: string;
  fullname: string;
  email?: string;
  idnumber?: string;
  auth?: string;
  suspended?: boolean;
  lang?: string;
}

export interface NewUser {
  username: string;
  firstname: string;
  lastname: string;
  email: string;
  idnumber: string;
  auth?: string;
  password?: string;
  createpassword?: boolean;
  lang?: string;
}

export interface UserUpdate {
  id: number;
  firstname?: string;
  lastname?: string;
  email?: string;
  auth?: string;
  suspended?: boolean;
}

export interface EnrolledUser {
  id: number;
  fullname: string;
  idnumber?: string;
  username?: string;
  email?: string;
  lastcourseaccess?: number;
  roles?: Array<{ roleid: number; name: string; shortname: string; sortorder: number }>;
  groups?: Array<{ id: number; name: string; description: string; descriptionformat: number }>;
}

export interface Course {
  id: number;
  fullname: string;
  shortname: string;
  idnumber?: string;
  enablecompletion?: number;
}

export interface Cohort {
  id: number;
  name: string;
  idnumber: string;
  description: string;
  descriptionformat: number;
  visible: boolean;
}

export interface Group {
  id: number;
  courseid: number;
  name: string;
  idnumber: string;
  description: string;
}

export interface CourseModule {
  id: number;
  name: string;
  instance: number;
  modname: string;
  visible?: number;
  completion?: number;
  url?: string;
}

export interface CourseSection {
  id: number;
  name: string;
  section: number;
  modules: CourseModule[];
}

export interface ActivityCompletionStatus {
  cmid: number;
  modname: string;
  instance: number;
  state: number;
  timecompleted: number;
  tracking: number;
  overrideby?: number | null;
}

export interface CourseCompletionStatus {
  completionstatus: { completed: boolean; aggregation: number; completions: Array<{ type: number; title: string; status: string; complete: boolean; timecompleted: number | null }> };
  warnings?: MoodleWarning[];
}

export interface UserGradeItem {
  id: number;
  itemname: string | null;
  itemtype: string;
  itemmodule: string | null;
  iteminstance: number;
  cmid?: number;
  graderaw: number | null;
  grademin: number;
  grademax: number;
  gradedategraded: number | null;
}

export interface UserGrades {
  courseid: number;
  userid: number;
  useridnumber: string;
  gradeitems: UserGradeItem[];
}

export interface Scorm {
  id: number;
  coursemodule: number;
  course: number;
  name: string;
  maxgrade: number;
  maxattempt: number;
}

export interface H5pActivity {
  id: number;
  course: number;
  coursemodule: number;
  name: string;
  grade?: number;
}

export interface H5pAttempt {
  id: number;
  userid: number;
  attempt: number;
  timemodified: number;
  rawscore: number;
  maxscore: number;
  success?: number | null;
  scaled: number;
}

export interface UserCourse {
  id: number;
  shortname: string;
  idnumber?: string;
  completed?: boolean;
  completionhascriteria?: boolean;
  progress?: number | null;
}

/** Function name → [params, result]. */
export interface MoodleFunctions {
  core_webservice_get_site_info: [Record<string, never>, { sitename: string; username: string; userid: number; release: string; version: string; functions: Array<{ name: string; version: string }> }];
  core_user_get_users_by_field: [{ field: 'id' | 'idnumber' | 'username' | 'email'; values: string[] }, MoodleUser[]];
  core_user_create_users: [{ users: NewUser[] }, Array<{ id: number; username: string }>];
  core_user_update_users: [{ users: UserUpdate[] }, { warnings?: MoodleWarning[] } | null];
  enrol_manual_enrol_users: [{ enrolments: Array<{ roleid: number; userid: number; courseid: number; suspend?: number }> }, null];
  core_enrol_get_enrolled_users: [{ courseid: number; options?: Array<{ name: string; value: string }> }, EnrolledUser[]];
  core_enrol_get_users_courses: [{ userid: number; returnusercount?: boolean }, UserCourse[]];
  core_course_get_courses_by_field: [{ field: 'id' | 'ids' | 'shortname' | 'idnumber' | 'category'; value: string }, { courses: Course[]; warnings?: MoodleWarning[] }];
  core_course_get_contents: [{ courseid: number; options?: Array<{ name: string; value: string }> }, CourseSection[]];
  core_cohort_get_cohorts: [{ cohortids?: number[] }, Cohort[]];
  core_cohort_create_cohorts: [{ cohorts: Array<{ categorytype: { type: string; value: string }; name: string; idnumber: string; description?: string; visible?: boolean }> }, Cohort[]];
  core_cohort_get_cohort_members: [{ cohortids: number[] }, Array<{ cohortid: number; userids: number[] }>];
  core_cohort_add_cohort_members: [{ members: Array<{ cohorttype: { type: string; value: string }; usertype: { type: string; value: string } }> }, { warnings?: MoodleWarning[] }];
  core_cohort_delete_cohort_members: [{ members: Array<{ cohortid: number; userid: number }> }, null];
  core_group_get_course_groups: [{ courseid: number }, Group[]];
  core_group_create_groups: [{ groups: Array<{ courseid: number; name: string; description: string; idnumber?: string }> }, Group[]];
  core_group_get_group_members: [{ groupids: number[] }, Array<{ groupid: number; userids: number[] }>];
  core_group_add_group_members: [{ members: Array<{ groupid: number; userid: number }> }, null];
  core_group_delete_group_members: [{ members: Array<{ groupid: number; userid: number }> }, null];
  core_completion_get_activities_completion_status: [{ courseid: number; userid: number }, { statuses: ActivityCompletionStatus[]; warnings?: MoodleWarning[] }];
  core_completion_get_course_completion_status: [{ courseid: number; userid: number }, CourseCompletionStatus];
  gradereport_user_get_grade_items: [{ courseid: number; userid?: number; groupid?: number }, { usergrades: UserGrades[]; warnings?: MoodleWarning[] }];
  mod_scorm_get_scorms_by_courses: [{ courseids: number[] }, { scorms: Scorm[]; warnings?: MoodleWarning[] }];
  mod_scorm_get_scorm_attempt_count: [{ scormid: number; userid: number; ignoremissingcompletion?: boolean }, { attemptscount: number; warnings?: MoodleWarning[] }];
  mod_h5pactivity_get_h5pactivities_by_courses: [{ courseids: number[] }, { h5pactivities: H5pActivity[]; warnings?: MoodleWarning[] }];
  mod_h5pactivity_get_attempts: [{ h5pactivityid: number; userids?: number[] }, { activityid: number; usersattempts: Array<{ userid: number; attempts: H5pAttempt[] }>; warnings?: MoodleWarning[] }];
}

export type FunctionName = keyof MoodleFunctions;
export type ParamsOf<F extends FunctionName> = MoodleFunctions[F][0];
export type ResultOf<F extends FunctionName> = MoodleFunctions[F][1];
