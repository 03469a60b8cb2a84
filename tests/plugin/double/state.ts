/** The double's data, plain and inspectable: tests read and seed it directly. */
export interface UserRecord {
  id: number;
  username: string;
  firstname: string;
  lastname: string;
  email: string;
  idnumber: string;
  auth: string;
  suspended: boolean;
  lang: string;
  password?: string;
  deleted?: boolean;
}

export interface CourseRecord {
  id: number;
  shortname: string;
  fullname: string;
  idnumber: string;
  categoryid: number;
  enablecompletion: number;
  /** cmids whose completion the course completion requires (ALL); undefined = no criteria set. */
  completionCriteria?: number[];
}

export interface EnrolmentRecord {
  roleids: Set<number>;
  suspended: boolean;
  timestart: number;
  timeend: number;
}

export interface CohortRecord {
  id: number;
  name: string;
  idnumber: string;
  description: string;
  visible: boolean;
  members: Set<number>;
}

export interface GroupRecord {
  id: number;
  courseid: number;
  name: string;
  idnumber: string;
  description: string;
  members: Set<number>;
}

export interface ModuleRecord {
  id: number;
  courseid: number;
  section: number;
  modname: 'scorm' | 'h5pactivity' | 'page' | 'forum' | string;
  instance: number;
  name: string;
  idnumber: string;
  /** 0 none, 1 manual, 2 automatic. */
  completion: number;
  maxgrade: number;
}

export interface CompletionRecord {
  state: number;
  timecompleted: number;
  overrideby: number | null;
}

export interface AttemptRecord {
  id: number;
  cmid: number;
  userid: number;
  attempt: number;
  rawscore: number;
  maxscore: number;
  success: number | null;
  timemodified: number;
}

export interface DoubleState {
  wwwroot: string;
  nextId: Record<'user' | 'course' | 'cohort' | 'group' | 'module' | 'instance' | 'attempt', number>;
  users: Map<number, UserRecord>;
  courses: Map<number, CourseRecord>;
  /** courseid → userid → enrolment. */
  enrolments: Map<number, Map<number, EnrolmentRecord>>;
  cohorts: Map<number, CohortRecord>;
  groups: Map<number, GroupRecord>;
  modules: Map<number, ModuleRecord>;
  /** `${cmid}:${userid}`. */
  completion: Map<string, CompletionRecord>;
  /** `${cmid}:${userid}` → raw grade. */
  grades: Map<string, { graderaw: number; dategraded: number }>;
  attempts: AttemptRecord[];
  /** `${courseid}:${userid}` → unix time. */
  lastCourseAccess: Map<string, number>;
  competencyFrameworks: Map<number, CompetencyFrameworkRecord>;
  competencies: Map<number, CompetencyRecord>;
  /** Course → linked competency ids, in link order. */
  courseCompetencies: Map<number, number[]>;
}

export interface CompetencyFrameworkRecord {
  id: number;
  shortname: string;
  idnumber: string;
  description: string;
  contextid: number;
  scaleid: number;
  scaleconfiguration: string;
  taxonomies: string;
}

export interface CompetencyRecord {
  id: number;
  shortname: string;
  idnumber: string;
  description: string;
  competencyframeworkid: number;
  parentid: number;
  sortorder: number;
}

export function createState(): DoubleState {
  const state: DoubleState = {
    wwwroot: 'http://127.0.0.1',
    nextId: { user: 3, course: 2, cohort: 1, group: 1, module: 10, instance: 1, attempt: 1 },
    users: new Map(),
    courses: new Map(),
    enrolments: new Map(),
    cohorts: new Map(),
    groups: new Map(),
    modules: new Map(),
    completion: new Map(),
    grades: new Map(),
    attempts: [],
    lastCourseAccess: new Map(),
    competencyFrameworks: new Map(),
    competencies: new Map(),
    courseCompetencies: new Map(),
  };
  state.users.set(2, { id: 2, username: 'admin', firstname: 'Admin', lastname: 'User', email: 'admin@example.org', idnumber: '', auth: 'manual', suspended: false, lang: 'en' });
  return state;
}

export function nextId(state: DoubleState, kind: keyof DoubleState['nextId']): number {
  const id = state.nextId[kind];
  state.nextId[kind] = id + 1;
  return id;
}

/** Seeding helpers for tests: build a site the way an administrator would have. */
export function seedCourse(state: DoubleState, course: Partial<CourseRecord> & { shortname: string }): CourseRecord {
  const record: CourseRecord = { id: nextId(state, 'course'), fullname: course.shortname, idnumber: '', categoryid: 1, enablecompletion: 1, ...course };
  state.courses.set(record.id, record);
  state.enrolments.set(record.id, new Map());
  return record;
}

export function seedUser(state: DoubleState, user: Partial<UserRecord> & { username: string }): UserRecord {
  const record: UserRecord = { id: nextId(state, 'user'), firstname: 'Test', lastname: 'User', email: `${user.username}@example.org`, idnumber: '', auth: 'manual', suspended: false, lang: 'en', ...user };
  state.users.set(record.id, record);
  return record;
}

export function seedModule(state: DoubleState, module: Partial<ModuleRecord> & { courseid: number; modname: string; name: string }): ModuleRecord {
  const record: ModuleRecord = { id: nextId(state, 'module'), section: 1, instance: nextId(state, 'instance'), idnumber: '', completion: 2, maxgrade: 100, ...module };
  state.modules.set(record.id, record);
  return record;
}

export function seedEnrolment(state: DoubleState, courseid: number, userid: number, options: { roleid?: number; suspended?: boolean } = {}): void {
  const course = state.enrolments.get(courseid) ?? new Map<number, EnrolmentRecord>();
  state.enrolments.set(courseid, course);
  course.set(userid, { roleids: new Set([options.roleid ?? 5]), suspended: options.suspended ?? false, timestart: 0, timeend: 0 });
}

/** Records learner progress as Moodle would after attempts: completion, grade, attempts, access. */
export function seedProgress(
  state: DoubleState,
  progress: { cmid: number; userid: number; state?: number; timecompleted?: number; graderaw?: number; attempts?: Array<{ rawscore: number; maxscore: number; success?: number | null }>; overrideby?: number | null },
  now = 1_795_353_000,
): void {
  const module = state.modules.get(progress.cmid);
  if (!module) throw new Error(`No module ${progress.cmid}`);
  if (progress.state !== undefined) {
    state.completion.set(`${progress.cmid}:${progress.userid}`, { state: progress.state, timecompleted: progress.state > 0 ? (progress.timecompleted ?? now) : 0, overrideby: progress.overrideby ?? null });
  }
  if (progress.graderaw !== undefined) state.grades.set(`${progress.cmid}:${progress.userid}`, { graderaw: progress.graderaw, dategraded: now });
  for (const attempt of progress.attempts ?? []) {
    const number = state.attempts.filter((a) => a.cmid === progress.cmid && a.userid === progress.userid).length + 1;
    state.attempts.push({ id: nextId(state, 'attempt'), cmid: progress.cmid, userid: progress.userid, attempt: number, rawscore: attempt.rawscore, maxscore: attempt.maxscore, success: attempt.success ?? null, timemodified: now });
  }
  state.lastCourseAccess.set(`${module.courseid}:${progress.userid}`, now);
}
