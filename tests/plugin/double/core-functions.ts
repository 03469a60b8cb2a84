/**
 * Handlers of the core functions the toolkit uses, over the double's state. Behaviour follows the
 * recorded Moodle 5.0 answers (../shared/moodle-recorded), including its quirks: whole-call
 * failure on one bad user, writes answering `null`, warnings instead of exceptions, the case
 * sensitivity of e-mail look-ups (PostgreSQL) against the case-insensitive duplicate check.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MoodleException, type FunctionHandler, type MoodleDouble } from './server.ts';
import { recordedDir } from './signatures.ts';
import { nextId, type CourseRecord, type DoubleState, type ModuleRecord, type UserRecord } from './state.ts';

const knownAuth = new Set(['manual', 'nologin', 'email', 'oauth2', 'ldap', 'saml2', 'cas', 'shibboleth', 'db', 'lti', 'webservice']);
const knownLangs = new Set(['en', 'es', 'es_mx', 'es_co']);
const roles: Record<number, string> = { 1: 'manager', 2: 'coursecreator', 3: 'editingteacher', 4: 'teacher', 5: 'student', 6: 'guest', 7: 'user', 8: 'frontpage' };
const emailPattern = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

function recorded<T>(file: string): T {
  return (JSON.parse(readFileSync(path.join(recordedDir, file), 'utf8')) as { response: T }).response;
}

function courseOr404(state: DoubleState, id: number, table = 'course'): CourseRecord {
  const course = state.courses.get(id);
  if (!course) throw MoodleException.missingRecord(table, id);
  return course;
}

const fullname = (user: UserRecord) => `${user.firstname} ${user.lastname}`;
const picture = (state: DoubleState) => ({
  profileimageurlsmall: `${state.wwwroot}/theme/image.php/boost/core/1/u/f2`,
  profileimageurl: `${state.wwwroot}/theme/image.php/boost/core/1/u/f1`,
});

/** The fields every recorded user shape starts with. */
const userIdentity = (user: UserRecord) => ({
  id: user.id,
  username: user.username,
  firstname: user.firstname,
  lastname: user.lastname,
  fullname: fullname(user),
  email: user.email,
  idnumber: user.idnumber,
  firstaccess: 0,
  lastaccess: 0,
});

function userDetails(state: DoubleState, user: UserRecord): Record<string, unknown> {
  return {
    ...userIdentity(user),
    auth: user.auth,
    suspended: user.suspended,
    confirmed: true,
    lang: user.lang,
    theme: '',
    timezone: '99',
    mailformat: 1,
    trackforums: 0,
    ...picture(state),
  };
}

function checkPasswordPolicy(password: string): string | undefined {
  const problems: string[] = [];
  if (password.length < 8) problems.push('<div>Passwords must be at least 8 characters long.</div>');
  if (!/\d/.test(password)) problems.push('<div>Passwords must have at least 1 digit(s).</div>');
  if (!/[A-Z]/.test(password)) problems.push('<div>Passwords must have at least 1 upper case letter(s).</div>');
  if (!/[^a-zA-Z0-9]/.test(password)) problems.push('<div>The password must have at least 1 special character(s) such as *, -, or #.</div>');
  return problems.length ? problems.join('') : undefined;
}

function enrolledIn(state: DoubleState, courseid: number): Map<number, { roleids: Set<number>; suspended: boolean }> {
  return state.enrolments.get(courseid) ?? new Map();
}

function userGroupsIn(state: DoubleState, courseid: number, userid: number) {
  return [...state.groups.values()]
    .filter((group) => group.courseid === courseid && group.members.has(userid))
    .map((group) => ({ id: group.id, name: group.name, description: group.description, descriptionformat: 1 }));
}

function coursesOfUser(state: DoubleState, userid: number, onlyActive: boolean): CourseRecord[] {
  return [...state.courses.values()].filter((course) => {
    const enrolment = enrolledIn(state, course.id).get(userid);
    return enrolment && (!onlyActive || !enrolment.suspended);
  });
}

function courseDetails(state: DoubleState, course: CourseRecord): Record<string, unknown> {
  return {
    id: course.id,
    fullname: course.fullname,
    displayname: course.fullname,
    shortname: course.shortname,
    courseimage: `${state.wwwroot}/pluginfile.php/1/course/generated/course.svg`,
    categoryid: course.categoryid,
    categoryname: 'Category 1',
    sortorder: 10000 + course.id,
    summary: '',
    summaryformat: 1,
    summaryfiles: [],
    overviewfiles: [],
    showactivitydates: true,
    showcompletionconditions: true,
    contacts: [],
    enrollmentmethods: ['manual'],
    customfields: [],
    idnumber: course.idnumber,
    format: 'topics',
    showgrades: 1,
    newsitems: 5,
    startdate: 0,
    enddate: 0,
    maxbytes: 0,
    showreports: 0,
    visible: 1,
    groupmode: 0,
    groupmodeforce: 0,
    defaultgroupingid: 0,
    enablecompletion: course.enablecompletion,
    completionnotify: 0,
    lang: '',
    theme: '',
    marker: 0,
    legacyfiles: 0,
    calendartype: '',
    timecreated: 0,
    timemodified: 0,
    requested: 0,
    cacherev: 0,
    filters: [],
    courseformatoptions: [],
  };
}

function completionOf(state: DoubleState, module: ModuleRecord, userid: number) {
  return state.completion.get(`${module.id}:${userid}`) ?? { state: 0, timecompleted: 0, overrideby: null };
}

export const coreHandlers: Record<string, FunctionHandler> = {
  core_webservice_get_site_info: (_params, { state, double }) => ({
    ...recorded<Record<string, unknown>>('0010_core_webservice_get_site_info.json'),
    siteurl: state.wwwroot,
    userpictureurl: picture(state).profileimageurl,
    functions: [...double.functions.keys()].map((name) => ({ name, version: '2025041406.11' })),
    userprivateaccesskey: 'double',
  }),

  core_user_get_users_by_field: ({ field, values }: { field: string; values: string[] }, { state }) => {
    if (!['id', 'idnumber', 'username', 'email'].includes(field)) {
      throw new MoodleException('core\\exception\\coding_exception', 'codingerror', 'Coding error detected, it must be fixed by a programmer: invalid field parameter');
    }
    const wanted = new Set(values.map(String));
    // Exact comparison, as on PostgreSQL: an e-mail that differs in case is not found.
    return [...state.users.values()]
      .filter((user) => !user.deleted && wanted.has(String(user[field as keyof UserRecord])))
      .sort((a, b) => a.id - b.id)
      .map((user) => userDetails(state, user));
  },

  core_user_create_users: ({ users }: { users: Array<Record<string, any>> }, { state }) => {
    const pending: UserRecord[] = [];
    const all = () => [...state.users.values(), ...pending].filter((user) => !user.deleted);
    for (const user of users) {
      if (all().some((existing) => existing.username === user.username)) throw MoodleException.invalidParameter(`Username already exists: ${user.username}`);
      if (!knownAuth.has(user.auth)) throw MoodleException.invalidParameter(`Invalid authentication type: ${user.auth}`);
      if (!emailPattern.test(user.email)) throw MoodleException.invalidParameter(`Email address is invalid: ${user.email}`);
      if (all().some((existing) => existing.email.toLowerCase() === String(user.email).toLowerCase())) throw MoodleException.invalidParameter(`Email address already exists: ${user.email}`);
      if (user.lang !== undefined && !knownLangs.has(user.lang)) throw MoodleException.invalidParameter(`lang => Invalid parameter value detected: Invalid external api parameter: the value is "${user.lang}"`);
      if (!user.createpassword) {
        if (!user.password) throw MoodleException.invalidParameter('Invalid password: you must provide a password, or set createpassword.');
        const problem = checkPasswordPolicy(user.password);
        if (problem) throw new MoodleException('core\\exception\\moodle_exception', problem, `error/${problem}`);
      }
      pending.push({
        id: nextId(state, 'user'),
        username: user.username,
        firstname: user.firstname,
        lastname: user.lastname,
        email: user.email,
        idnumber: user.idnumber ?? '',
        auth: user.auth,
        suspended: false,
        lang: user.lang ?? 'en',
        password: user.createpassword ? undefined : '(hashed)',
      });
    }
    for (const user of pending) state.users.set(user.id, user);
    return pending.map((user) => ({ id: user.id, username: user.username }));
  },

  core_user_update_users: ({ users }: { users: Array<Record<string, any>> }, { state }) => {
    const warnings: Array<Record<string, unknown>> = [];
    for (const change of users) {
      const user = state.users.get(change.id);
      if (!user || user.deleted) {
        warnings.push({ item: 'user', itemid: change.id, warningcode: 'invaliduserid', message: 'Invalid user ID' });
        continue;
      }
      if (change.username !== undefined && [...state.users.values()].some((other) => other.id !== user.id && other.username === change.username)) {
        warnings.push({ item: 'user', itemid: change.id, warningcode: 'dmlwriteexception', message: 'Error writing to database' });
        continue;
      }
      if (change.email !== undefined && [...state.users.values()].some((other) => other.id !== user.id && !other.deleted && other.email.toLowerCase() === String(change.email).toLowerCase())) {
        warnings.push({ item: 'user', itemid: change.id, warningcode: 'useremailduplicate', message: 'Duplicate email address' });
        continue;
      }
      for (const key of ['username', 'firstname', 'lastname', 'email', 'idnumber', 'auth', 'lang'] as const) {
        if (change[key] !== undefined) user[key] = change[key];
      }
      if (change.suspended !== undefined) user.suspended = Boolean(change.suspended);
    }
    return { warnings };
  },

  enrol_manual_enrol_users: ({ enrolments }: { enrolments: Array<Record<string, number>> }, { state }) => {
    for (const enrolment of enrolments) {
      if (!state.courses.has(enrolment.courseid!)) throw MoodleException.invalidParameter('Context does not exist');
      const user = state.users.get(enrolment.userid!);
      if (!user || user.deleted) throw new MoodleException('dml_missing_record_exception', 'invalidrecordunknown', "Can't find data record in database.", 'Invalid user');
      if (!roles[enrolment.roleid!]) throw new MoodleException('core\\exception\\moodle_exception', 'wsusercannotassign', 'You don\'t have the permission to assign this role');
    }
    for (const enrolment of enrolments) {
      const course = state.enrolments.get(enrolment.courseid!) ?? new Map();
      state.enrolments.set(enrolment.courseid!, course);
      const existing = course.get(enrolment.userid!);
      const suspended = Boolean(enrolment.suspend);
      if (existing) {
        existing.roleids.add(enrolment.roleid!);
        existing.suspended = suspended;
      } else {
        course.set(enrolment.userid!, { roleids: new Set([enrolment.roleid!]), suspended, timestart: enrolment.timestart ?? 0, timeend: enrolment.timeend ?? 0 });
      }
    }
    return null;
  },

  enrol_manual_unenrol_users: ({ enrolments }: { enrolments: Array<{ userid: number; courseid: number }> }, { state }) => {
    for (const { userid, courseid } of enrolments) {
      if (!state.courses.has(courseid)) throw MoodleException.invalidParameter('Context does not exist');
      state.enrolments.get(courseid)?.delete(userid);
      for (const group of state.groups.values()) if (group.courseid === courseid) group.members.delete(userid);
    }
    return null;
  },

  core_enrol_get_enrolled_users: ({ courseid, options }: { courseid: number; options: Array<{ name: string; value: string }> }, { state }) => {
    const course = courseOr404(state, courseid);
    const option = (name: string) => options.find((o) => o.name === name)?.value;
    const onlyActive = option('onlyactive') === '1';
    const onlySuspended = option('onlysuspended') === '1';
    const userfields = option('userfields')?.split(',').map((f) => f.trim()).filter(Boolean);
    const limitfrom = Number(option('limitfrom') ?? 0);
    const limitnumber = Number(option('limitnumber') ?? 0);
    let rows = [...enrolledIn(state, course.id).entries()]
      .filter(([, enrolment]) => (onlyActive ? !enrolment.suspended : true) && (onlySuspended ? enrolment.suspended : true))
      .map(([userid, enrolment]) => ({ user: state.users.get(userid)!, enrolment }))
      .filter(({ user }) => user && !user.deleted)
      .sort((a, b) => a.user.id - b.user.id);
    if (limitnumber > 0) rows = rows.slice(limitfrom, limitfrom + limitnumber);
    return rows.map(({ user, enrolment }) => {
      const groups = userGroupsIn(state, course.id, user.id);
      const full: Record<string, unknown> = {
        ...userIdentity(user),
        lastcourseaccess: state.lastCourseAccess.get(`${course.id}:${user.id}`) ?? 0,
        ...picture(state),
        ...(groups.length ? { groups } : {}),
        roles: [...enrolment.roleids].map((roleid) => ({ roleid, name: '', shortname: roles[roleid] ?? 'role', sortorder: 0 })),
        enrolledcourses: coursesOfUser(state, user.id, false).map((c) => ({ id: c.id, fullname: c.fullname, shortname: c.shortname })),
      };
      if (!userfields) return full;
      const keep = new Set(['id', 'fullname', ...userfields]);
      return Object.fromEntries(Object.entries(full).filter(([key]) => keep.has(key)));
    });
  },

  core_enrol_get_users_courses: ({ userid }: { userid: number }, { state }) =>
    coursesOfUser(state, userid, true).map((course) => {
      const tracked = [...state.modules.values()].filter((m) => m.courseid === course.id && m.completion > 0);
      const done = tracked.filter((m) => completionOf(state, m, userid).state > 0);
      const criteria = course.completionCriteria;
      return {
        id: course.id,
        shortname: course.shortname,
        fullname: course.fullname,
        displayname: course.fullname,
        enrolledusercount: enrolledIn(state, course.id).size,
        idnumber: course.idnumber,
        visible: 1,
        enablecompletion: course.enablecompletion === 1,
        completionhascriteria: Boolean(criteria?.length),
        completionusertracked: true,
        category: course.categoryid,
        progress: tracked.length ? (done.length / tracked.length) * 100 : null,
        completed: Boolean(criteria?.length) && criteria!.every((cmid) => completionOf(state, state.modules.get(cmid)!, userid).state > 0),
        showactivitydates: true,
        showcompletionconditions: true,
      };
    }),

  core_course_get_courses_by_field: ({ field, value }: { field: string; value: string }, { state }) => {
    const all = [...state.courses.values()];
    const match: Record<string, (c: CourseRecord) => boolean> = {
      '': () => true,
      id: (c) => String(c.id) === value,
      ids: (c) => value.split(',').map((v) => v.trim()).includes(String(c.id)),
      shortname: (c) => c.shortname === value,
      idnumber: (c) => c.idnumber === value,
      category: (c) => String(c.categoryid) === value,
    };
    const filter = match[field];
    if (!filter) throw MoodleException.invalidParameter(`Invalid field name: ${field}`);
    return { courses: all.filter(filter).map((course) => courseDetails(state, course)), warnings: [] };
  },

  core_course_create_courses: ({ courses }: { courses: Array<Record<string, any>> }, { state }) => {
    const created: CourseRecord[] = [];
    for (const course of courses) {
      if ([...state.courses.values(), ...created].some((c) => c.shortname === course.shortname)) {
        throw new MoodleException('core\\exception\\moodle_exception', 'shortnametaken', `Short name is already used for another course (${course.shortname})`);
      }
      if (course.idnumber && [...state.courses.values(), ...created].some((c) => c.idnumber === course.idnumber)) {
        throw new MoodleException('core\\exception\\moodle_exception', 'courseidnumbertaken', `ID number is already used for another course (${course.idnumber})`);
      }
      created.push({ id: nextId(state, 'course'), shortname: course.shortname, fullname: course.fullname, idnumber: course.idnumber ?? '', categoryid: course.categoryid, enablecompletion: course.enablecompletion ?? 1 });
    }
    for (const course of created) {
      state.courses.set(course.id, course);
      state.enrolments.set(course.id, new Map());
    }
    return created.map((course) => ({ id: course.id, shortname: course.shortname }));
  },

  core_course_get_contents: ({ courseid, options }: { courseid: number; options: Array<{ name: string; value: string }> }, { state }) => {
    const course = courseOr404(state, courseid);
    const excludeModules = options.some((o) => o.name === 'excludemodules' && o.value === '1');
    const modules = [...state.modules.values()].filter((m) => m.courseid === course.id);
    const sectionNumbers = [...new Set([0, ...modules.map((m) => m.section)])].sort((a, b) => a - b);
    return sectionNumbers.map((number) => ({
      id: course.id * 100 + number,
      name: number === 0 ? 'General' : `Section ${number}`,
      visible: 1,
      summary: '',
      summaryformat: 1,
      section: number,
      hiddenbynumsections: 0,
      uservisible: true,
      modules: excludeModules
        ? []
        : modules
            .filter((m) => m.section === number)
            .map((m) => ({
              id: m.id,
              url: `${state.wwwroot}/mod/${m.modname}/view.php?id=${m.id}`,
              name: m.name,
              instance: m.instance,
              contextid: 1000 + m.id,
              visible: 1,
              uservisible: true,
              visibleoncoursepage: 1,
              modicon: `${state.wwwroot}/theme/image.php/boost/${m.modname}/1/monologo`,
              modname: m.modname,
              purpose: m.modname === 'page' ? 'content' : 'interactivecontent',
              branded: m.modname === 'h5pactivity',
              modplural: m.modname,
              availability: null,
              indent: 0,
              onclick: '',
              afterlink: null,
              customdata: '""',
              noviewlink: false,
              candisplay: true,
              completion: m.completion,
              downloadcontent: 1,
              dates: [],
              groupmode: 0,
            })),
    }));
  },

  core_cohort_get_cohorts: ({ cohortids }: { cohortids: number[] }, { state }) => {
    const list = cohortids.length ? cohortids.map((id) => state.cohorts.get(id) ?? (() => { throw MoodleException.missingRecord('cohort', id); })()) : [...state.cohorts.values()];
    return list.map((c) => ({ id: c.id, name: c.name, idnumber: c.idnumber, description: c.description, descriptionformat: 1, visible: c.visible, theme: '', customfields: [] }));
  },

  core_cohort_create_cohorts: ({ cohorts }: { cohorts: Array<Record<string, any>> }, { state }) => {
    const created = [];
    for (const cohort of cohorts) {
      if (cohort.categorytype.type !== 'system') throw MoodleException.invalidParameter('Only system cohorts are supported by the double');
      if ([...state.cohorts.values(), ...created].some((c) => c.idnumber === cohort.idnumber)) throw MoodleException.invalidParameter(`record already exists: idnumber=${cohort.idnumber}`);
      created.push({ id: nextId(state, 'cohort'), name: cohort.name, idnumber: cohort.idnumber, description: cohort.description ?? '', visible: cohort.visible ?? true, members: new Set<number>() });
    }
    for (const cohort of created) state.cohorts.set(cohort.id, cohort);
    return created.map((c) => ({ id: c.id, name: c.name, idnumber: c.idnumber, description: c.description, descriptionformat: 1, visible: c.visible, theme: '' }));
  },

  core_cohort_get_cohort_members: ({ cohortids }: { cohortids: number[] }, { state }) =>
    cohortids.map((id) => {
      const cohort = state.cohorts.get(id);
      if (!cohort) throw MoodleException.missingRecord('cohort', id);
      return { cohortid: id, userids: [...cohort.members] };
    }),

  core_cohort_add_cohort_members: ({ members }: { members: Array<{ cohorttype: { type: string; value: string }; usertype: { type: string; value: string } }> }, { state }) => {
    const warnings: Array<Record<string, unknown>> = [];
    for (const { cohorttype, usertype } of members) {
      const cohort = [...state.cohorts.values()].find((c) => String(cohorttype.type === 'id' ? c.id : c.idnumber) === cohorttype.value);
      if (!cohort) {
        warnings.push({ warningcode: '2', message: `cohort ${cohorttype.type}=${cohorttype.value} not exists` });
        continue;
      }
      const user = [...state.users.values()].find((u) => !u.deleted && String(u[usertype.type as keyof UserRecord]) === usertype.value);
      if (!user) {
        warnings.push({ warningcode: '2', message: `user ${usertype.type}=${usertype.value} not exists` });
        continue;
      }
      cohort.members.add(user.id);
    }
    return { warnings };
  },

  core_cohort_delete_cohort_members: ({ members }: { members: Array<{ cohortid: number; userid: number }> }, { state }) => {
    for (const { cohortid, userid } of members) {
      const cohort = state.cohorts.get(cohortid);
      if (!cohort) throw MoodleException.missingRecord('cohort', cohortid);
      if (!state.users.has(userid)) throw MoodleException.missingRecord('user', userid);
      cohort.members.delete(userid);
    }
    return null;
  },

  core_group_get_course_groups: ({ courseid }: { courseid: number }, { state }) => {
    courseOr404(state, courseid);
    return [...state.groups.values()]
      .filter((g) => g.courseid === courseid)
      .map((g) => ({ id: g.id, courseid: g.courseid, name: g.name, description: g.description, descriptionformat: 1, enrolmentkey: '', idnumber: g.idnumber, visibility: 0, participation: true }));
  },

  core_group_create_groups: ({ groups }: { groups: Array<Record<string, any>> }, { state }) => {
    const created: Array<{ id: number; courseid: number; name: string; idnumber: string; description: string; members: Set<number> }> = [];
    for (const group of groups) {
      if (!state.courses.has(group.courseid)) throw MoodleException.invalidParameter('Context does not exist');
      const siblings = [...state.groups.values(), ...created].filter((g) => g.courseid === group.courseid);
      if (siblings.some((g) => g.name === group.name)) throw MoodleException.invalidParameter('Group with the same name already exists in the course');
      if (group.idnumber && siblings.some((g) => g.idnumber === group.idnumber)) throw MoodleException.invalidParameter('Group ID number is already taken');
      created.push({ id: nextId(state, 'group'), courseid: group.courseid, name: group.name, idnumber: group.idnumber ?? '', description: group.description, members: new Set() });
    }
    for (const group of created) state.groups.set(group.id, group);
    return created.map((g) => ({ id: g.id, courseid: g.courseid, name: g.name, description: g.description, descriptionformat: 1, enrolmentkey: '', idnumber: g.idnumber, visibility: 0, participation: true }));
  },

  core_group_get_group_members: ({ groupids }: { groupids: number[] }, { state }) =>
    groupids.map((id) => {
      const group = state.groups.get(id);
      if (!group) throw MoodleException.missingRecord('groups', id);
      return { groupid: id, userids: [...group.members] };
    }),

  core_group_add_group_members: ({ members }: { members: Array<{ groupid: number; userid: number }> }, { state }) => {
    for (const { groupid, userid } of members) {
      const group = state.groups.get(groupid);
      if (!group) throw MoodleException.missingRecord('groups', groupid);
      if (!enrolledIn(state, group.courseid).has(userid)) throw MoodleException.invalidParameter('Only enrolled users may be members of groups');
    }
    for (const { groupid, userid } of members) state.groups.get(groupid)!.members.add(userid);
    return null;
  },

  core_group_delete_group_members: ({ members }: { members: Array<{ groupid: number; userid: number }> }, { state }) => {
    for (const { groupid, userid } of members) {
      const group = state.groups.get(groupid);
      if (!group) throw MoodleException.missingRecord('groups', groupid);
      group.members.delete(userid);
    }
    return null;
  },

  core_completion_get_activities_completion_status: ({ courseid, userid }: { courseid: number; userid: number }, { state }) => {
    const course = courseOr404(state, courseid);
    if (!enrolledIn(state, course.id).has(userid)) return { statuses: [], warnings: [] };
    const statuses = [...state.modules.values()]
      .filter((m) => m.courseid === course.id && m.completion > 0)
      .map((m) => {
        const status = completionOf(state, m, userid);
        return {
          cmid: m.id,
          modname: m.modname,
          instance: m.instance,
          state: status.state,
          timecompleted: status.timecompleted,
          tracking: m.completion,
          overrideby: status.overrideby,
          valueused: false,
          hascompletion: true,
          isautomatic: m.completion === 2,
          istrackeduser: true,
          uservisible: true,
          details: [],
          isoverallcomplete: status.state > 0,
        };
      });
    return { statuses, warnings: [] };
  },

  core_completion_get_course_completion_status: ({ courseid, userid }: { courseid: number; userid: number }, { state }) => {
    const course = courseOr404(state, courseid);
    if (!course.completionCriteria?.length) throw new MoodleException('core\\exception\\moodle_exception', 'nocriteriaset', 'No completion criteria set for this course');
    const completions = course.completionCriteria.map((cmid) => {
      const module = state.modules.get(cmid)!;
      const status = completionOf(state, module, userid);
      return {
        type: 4,
        title: 'Activity completion',
        status: status.state > 0 ? 'Yes' : 'No',
        complete: status.state > 0,
        timecompleted: status.state > 0 ? status.timecompleted : null,
        details: { type: 'Activity completion', criteria: `<a href="${state.wwwroot}/mod/${module.modname}/view.php?id=${cmid}">${module.name}</a>`, requirement: '', status: '' },
      };
    });
    return { completionstatus: { completed: completions.every((c) => c.complete), aggregation: 1, completions }, warnings: [] };
  },

  gradereport_user_get_grade_items: ({ courseid, userid }: { courseid: number; userid: number }, { state }) => {
    const course = courseOr404(state, courseid);
    const enrolled = [...enrolledIn(state, course.id).entries()].filter(([, e]) => e.roleids.has(5)).map(([id]) => id);
    const userids = userid ? [userid] : enrolled;
    const graded = [...state.modules.values()].filter((m) => m.courseid === course.id && (m.modname === 'scorm' || m.modname === 'h5pactivity'));
    return {
      usergrades: userids.map((id) => {
        const user = state.users.get(id)!;
        const items = graded.map((m) => {
          const grade = state.grades.get(`${m.id}:${id}`);
          return {
            id: 100 + m.id, itemname: m.name, itemtype: 'mod', itemmodule: m.modname, iteminstance: m.instance, itemnumber: 0, idnumber: m.idnumber, categoryid: 1, outcomeid: null, scaleid: null, locked: false, cmid: m.id,
            weightraw: 0, weightformatted: '0.00 %', ...(grade ? {} : { status: 'novalue' }),
            graderaw: grade ? grade.graderaw : null, gradedatesubmitted: null, gradedategraded: grade ? grade.dategraded : null, gradehiddenbydate: false, gradeneedsupdate: false, gradeishidden: false, gradeislocked: false, gradeisoverridden: false,
            gradeformatted: grade ? grade.graderaw.toFixed(2) : '-', grademin: 0, grademax: m.maxgrade, rangeformatted: `0&ndash;${m.maxgrade}`, percentageformatted: grade ? `${((grade.graderaw / m.maxgrade) * 100).toFixed(2)} %` : '-', feedback: '', feedbackformat: 2,
          };
        });
        return { courseid: course.id, courseidnumber: course.idnumber, userid: id, userfullname: fullname(user), useridnumber: user.idnumber, maxdepth: 2, gradeitems: items };
      }),
      warnings: [],
    };
  },

  mod_scorm_get_scorms_by_courses: ({ courseids }: { courseids: number[] }, { state }) => {
    const template = recorded<{ scorms: Array<Record<string, unknown>> }>('0810_mod_scorm_get_scorms_by_courses.json').scorms[0]!;
    const scorms = [...state.modules.values()]
      .filter((m) => m.modname === 'scorm' && courseids.includes(m.courseid))
      .map((m) => ({ ...template, id: m.instance, coursemodule: m.id, course: m.courseid, name: m.name, section: m.section, maxgrade: m.maxgrade, packageurl: `${state.wwwroot}/webservice/pluginfile.php/${1000 + m.id}/mod_scorm/package/0/package.zip` }));
    return { scorms, options: [{ name: 'scormstandard', value: '0' }], warnings: [] };
  },

  mod_scorm_get_scorm_attempt_count: ({ scormid, userid }: { scormid: number; userid: number }, { state }) => {
    const module = [...state.modules.values()].find((m) => m.modname === 'scorm' && m.instance === scormid);
    if (!module) throw MoodleException.missingRecord('scorm', scormid);
    return { attemptscount: state.attempts.filter((a) => a.cmid === module.id && a.userid === userid).length, warnings: [] };
  },

  mod_h5pactivity_get_h5pactivities_by_courses: ({ courseids }: { courseids: number[] }, { state }) => {
    const template = recorded<{ h5pactivities: Array<Record<string, unknown>> }>('0830_mod_h5pactivity_get_h5pactivities_by_courses.json').h5pactivities[0]!;
    const h5pactivities = [...state.modules.values()]
      .filter((m) => m.modname === 'h5pactivity' && courseids.includes(m.courseid))
      .map((m) => ({ ...template, id: m.instance, course: m.courseid, name: m.name, coursemodule: m.id, context: 1000 + m.id, grade: m.maxgrade }));
    return { h5pactivities, h5pglobalsettings: { enablesavestate: true, savestatefreq: 60 }, warnings: [] };
  },

  mod_h5pactivity_get_attempts: ({ h5pactivityid, userids }: { h5pactivityid: number; userids: number[] }, { state }) => {
    const module = [...state.modules.values()].find((m) => m.modname === 'h5pactivity' && m.instance === h5pactivityid);
    if (!module) throw MoodleException.missingRecord('h5pactivity', h5pactivityid);
    const ids = userids.length ? userids : [2];
    return {
      activityid: h5pactivityid,
      usersattempts: ids.map((userid) => {
        const attempts = state.attempts
          .filter((a) => a.cmid === module.id && a.userid === userid)
          .map((a) => ({ id: a.id, h5pactivityid, userid, timecreated: a.timemodified, timemodified: a.timemodified, attempt: a.attempt, rawscore: a.rawscore, maxscore: a.maxscore, duration: 0, completion: 1, success: a.success, scaled: a.maxscore ? a.rawscore / a.maxscore : 0 }));
        const best = attempts.slice().sort((a, b) => b.scaled - a.scaled)[0];
        return { userid, attempts, ...(best ? { scored: { title: 'Highest score attempt', grademethod: '1', attempts: [best] } } : {}) };
      }),
      warnings: [],
    };
  },
};

/** Registers every core handler above on `double` with its recorded signature. */
export function installCoreFunctions(double: MoodleDouble): MoodleDouble {
  for (const [name, handler] of Object.entries(coreHandlers)) double.register(name, { handler });
  return double;
}
