/**
 * Sync, step 1: read Moodle's real state and compute what must change for it to match the roster.
 * Nothing is written here. Participants are matched by `idnumber` only; a plan computed right
 * after a complete apply is empty.
 */
import { coursesFor, fillPattern, type MoodleConfig } from '../config/moodle-config.ts';
import { pluginFunctions } from '../deploy/plugin-api.ts';
import type { MoodleClient } from '../moodle/client.ts';
import type { Course, MoodleUser, NewUser } from '../moodle/types.ts';
import type { Participant, RosterProblem } from '../roster/roster.ts';

export interface PlannedCourse {
  key: string;
  id: number;
  shortname: string;
}

export interface UserChange {
  participant: Participant;
  userId: number;
  changes: Record<string, { from: string; to: string }>;
}

export type EnrolAction = 'enrol' | 'reactivate' | 'suspend';

export interface Enrolment {
  participant: Participant;
  course: PlannedCourse;
  action: EnrolAction;
  /** Why, when it is not the participant's status (e.g. moved to another variant). */
  reason?: string;
}

export interface Membership {
  participant: Participant;
  /** Cohort or group idnumber. */
  idnumber: string;
  /** Moodle id when it exists already. */
  containerId?: number;
  course?: PlannedCourse;
}

export interface Conflict {
  row: number;
  participantId: string;
  message: string;
}

export interface SyncPlan {
  courses: PlannedCourse[];
  createUsers: Array<{ participant: Participant; user: NewUser }>;
  updateUsers: UserChange[];
  createCohorts: Array<{ idnumber: string; name: string }>;
  cohortAdds: Membership[];
  cohortRemoves: Membership[];
  enrolments: Enrolment[];
  createGroups: Array<{ course: PlannedCourse; idnumber: string; name: string }>;
  groupAdds: Membership[];
  groupRemoves: Membership[];
  conflicts: Conflict[];
  /** Bad roster rows (skipped). */
  problems: RosterProblem[];
  /** Participants left alone on purpose (withdrawn without an account…). */
  notes: string[];
  /** Moodle user id of every participant that has an account. */
  userIds: Map<string, number>;
  /** Role given by enrolments. */
  roleId: number;
}

export function changeCount(plan: SyncPlan): number {
  return (
    plan.createUsers.length + plan.updateUsers.length + plan.createCohorts.length + plan.cohortAdds.length + plan.cohortRemoves.length +
    plan.enrolments.length + plan.createGroups.length + plan.groupAdds.length + plan.groupRemoves.length
  );
}

function allMappedCourses(config: MoodleConfig): string[] {
  return Object.values(config.variants).flatMap((variant) => variant.phases.flatMap((phase) => phase.courses));
}

export const usernameFor = (config: MoodleConfig, participant: Participant) => `${config.usernamePrefix}${participant.id.toLowerCase()}`;

const patternValues = (p: Participant) => ({ intake: p.intake, variant: p.variant, phase: p.phase, group: p.group });

export class PlanError extends Error {}

/** Matches every idnumber a naming pattern can produce: those are the cohorts and groups the sync manages. */
export function patternRegex(pattern: string): RegExp {
  const parts = pattern.split(/\{(?:intake|variant|phase|group)\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+?')}$`);
}

export interface PlanOptions {
  /**
   * How accounts are read. `auto` (default): one `local_wecare_get_users_by_idnumber` call when the
   * site has the plugin, else core `core_user_get_users_by_field` (which builds a full profile per
   * user: most of a large rerun's time). `core`: core functions only.
   */
  source?: 'auto' | 'core';
}

/** The plugin's bulk account read (plugin/moodle/local_wecare/classes/external/get_users_by_idnumber.php). */
const usersByIdnumberFunction = pluginFunctions.users;

/** Accounts whose idnumber is one of `ids`: one plugin call (the ids as one text field), or core batches. */
async function accountsByIdnumber(client: MoodleClient, ids: string[], source: PlanOptions['source']): Promise<MoodleUser[]> {
  if (!ids.length) return [];
  let bulk = false;
  if (source !== 'core') {
    const info = await client.call('core_webservice_get_site_info', {} as never);
    bulk = info.functions.some((fn) => fn.name === usersByIdnumberFunction);
  }
  if (bulk) {
    const users: MoodleUser[] = [];
    for (let start = 0; start < ids.length; start += 10_000) {
      const answer = (await client.callRaw(usersByIdnumberFunction, { idnumbers: ids.slice(start, start + 10_000).join('\n') }, 'read')) as { users: MoodleUser[] };
      users.push(...answer.users);
    }
    return users;
  }
  const answers = await client.callInBatches('core_user_get_users_by_field', ids, (chunk) => ({ field: 'idnumber', values: chunk }));
  return answers.flatMap(({ result }) => result);
}

export async function planSync(client: MoodleClient, config: MoodleConfig, participants: Participant[], problems: RosterProblem[] = [], options: PlanOptions = {}): Promise<SyncPlan> {
  const plan: SyncPlan = {
    courses: [], createUsers: [], updateUsers: [], createCohorts: [], cohortAdds: [], cohortRemoves: [], enrolments: [],
    createGroups: [], groupAdds: [], groupRemoves: [], conflicts: [], problems, notes: [], userIds: new Map(), roleId: config.roleId,
  };
  const conflict = (p: Participant, message: string) => plan.conflicts.push({ row: p.row, participantId: p.id, message });
  const wantsEnrolment = (p: Participant) => p.status === 'active' || p.status === 'completed';

  // 1. Courses: one look-up per mapped course. Courses nobody in the roster needs may be missing
  // (a later phase not created yet); a needed one may not.
  const used = new Set(participants.flatMap((p) => coursesFor(config, p.variant, p.phase)));
  const courseKeys = [...new Set([...used, ...allMappedCourses(config)])];
  const courses = new Map<string, PlannedCourse>();
  const missing: string[] = [];
  await Promise.all(
    courseKeys.map(async (key) => {
      const { courses: found } = await client.call('core_course_get_courses_by_field', { field: config.courseKey, value: key });
      const course = found.find((c: Course) => (config.courseKey === 'idnumber' ? c.idnumber : c.shortname) === key);
      if (course) courses.set(key, { key, id: course.id, shortname: course.shortname });
      else if (used.has(key)) missing.push(key);
      else plan.notes.push(`course ${key} is mapped but not in Moodle yet; nobody in the roster needs it now`);
    }),
  );
  if (missing.length) {
    throw new PlanError(`Moodle has no course with ${config.courseKey} ${missing.sort().map((k) => `"${k}"`).join(', ')} (mapped in the moodle: section of content/programme.yaml). Create the course(s) or fix the mapping, then run again.`);
  }
  plan.courses = courseKeys.filter((key) => courses.has(key)).map((key) => courses.get(key)!);

  // 2. Accounts, by idnumber only.
  const byIdnumber = new Map<string, MoodleUser[]>();
  const ids = participants.map((p) => p.id);
  for (const user of await accountsByIdnumber(client, ids, options.source)) {
    const list = byIdnumber.get(user.idnumber ?? '') ?? [];
    list.push(user);
    byIdnumber.set(user.idnumber ?? '', list);
  }
  const accountOf = new Map<string, MoodleUser>();
  const toCreate: Participant[] = [];
  for (const participant of participants) {
    const accounts = byIdnumber.get(participant.id) ?? [];
    if (accounts.length > 1) {
      conflict(participant, `${accounts.length} Moodle accounts share idnumber "${participant.id}" (ids ${accounts.map((a) => a.id).join(', ')}): merge or renumber them in Moodle; this participant is left alone`);
    } else if (accounts.length === 1) {
      accountOf.set(participant.id, accounts[0]!);
      plan.userIds.set(participant.id, accounts[0]!.id);
    } else if (participant.status === 'withdrawn' || participant.status === 'paused') {
      plan.notes.push(`row ${participant.row} ${participant.id}: ${participant.status} and has no Moodle account — nothing to do`);
    } else {
      toCreate.push(participant);
    }
  }

  // 3. Who else uses the e-mails and usernames we are about to give out.
  const emailChanges = participants.filter((p) => {
    const account = accountOf.get(p.id);
    return account && (account.email ?? '').toLowerCase() !== p.email.toLowerCase();
  });
  const emails = [...new Set([...toCreate, ...emailChanges].flatMap((p) => [p.email, p.email.toLowerCase()]))];
  const usernames = toCreate.map((p) => usernameFor(config, p));
  const [emailOwners, usernameOwners] = await Promise.all([
    client.callInBatches('core_user_get_users_by_field', emails, (chunk) => ({ field: 'email', values: chunk })),
    client.callInBatches('core_user_get_users_by_field', usernames, (chunk) => ({ field: 'username', values: chunk })),
  ]);
  const ownersByEmail = new Map<string, MoodleUser[]>();
  for (const user of emailOwners.flatMap((r) => r.result)) {
    const key = (user.email ?? '').toLowerCase();
    const list = ownersByEmail.get(key) ?? [];
    if (!list.some((u) => u.id === user.id)) list.push(user);
    ownersByEmail.set(key, list);
  }
  const ownerOfUsername = new Map(usernameOwners.flatMap((r) => r.result).map((u) => [u.username ?? '', u]));
  const describe = (user: MoodleUser) => `Moodle account id ${user.id}${user.idnumber ? `, idnumber "${user.idnumber}"` : ', no idnumber'}`;

  for (const participant of toCreate) {
    const sameEmail = ownersByEmail.get(participant.email.toLowerCase()) ?? [];
    const username = usernameFor(config, participant);
    const sameUsername = ownerOfUsername.get(username);
    if (sameEmail.length) {
      conflict(participant, `email ${participant.email} already belongs to another ${describe(sameEmail[0]!)}; not merged — set that account's idnumber to "${participant.id}" in Moodle if it is the same person, or correct the roster`);
    } else if (sameUsername) {
      conflict(participant, `username "${username}" is taken by ${describe(sameUsername)}; not merged`);
    } else {
      const user: NewUser = { username, firstname: participant.firstname, lastname: participant.lastname, email: participant.email, idnumber: participant.id, createpassword: true };
      // `manual` is Moodle's default: leaving it out saves a form field per account.
      if (config.auth !== 'manual') user.auth = config.auth;
      if (config.lang) user.lang = config.lang;
      plan.createUsers.push({ participant, user });
    }
  }
  for (const participant of participants) {
    const account = accountOf.get(participant.id);
    if (!account) continue;
    const changes: UserChange['changes'] = {};
    if ((account.firstname ?? '') !== participant.firstname) changes.firstname = { from: account.firstname ?? '', to: participant.firstname };
    if ((account.lastname ?? '') !== participant.lastname) changes.lastname = { from: account.lastname ?? '', to: participant.lastname };
    if ((account.email ?? '').toLowerCase() !== participant.email.toLowerCase()) {
      const others = (ownersByEmail.get(participant.email.toLowerCase()) ?? []).filter((u) => u.id !== account.id);
      if (others.length) conflict(participant, `cannot change email to ${participant.email}: it belongs to another ${describe(others[0]!)}; not merged`);
      else changes.email = { from: account.email ?? '', to: participant.email };
    }
    if (config.suspendAccountOnWithdraw) {
      const suspend = participant.status === 'withdrawn';
      if (Boolean(account.suspended) !== suspend) changes.suspended = { from: String(Boolean(account.suspended)), to: String(suspend) };
    }
    if (Object.keys(changes).length) plan.updateUsers.push({ participant, userId: account.id, changes });
  }

  const planned = new Set([...accountOf.keys(), ...plan.createUsers.map((c) => c.participant.id)]);
  const conflicted = new Set(plan.conflicts.map((c) => c.participantId));
  const inScope = participants.filter((p) => planned.has(p.id) && !conflicted.has(p.id));

  // 4. Cohorts: one list call, one members call.
  if (config.cohort) {
    const pattern = config.cohort;
    const wanted = new Map(inScope.map((p) => [p.id, fillPattern(pattern.idnumber, patternValues(p))]));
    const existing = new Map((await client.call('core_cohort_get_cohorts', { cohortids: [] })).map((c) => [c.idnumber, c]));
    const ours = patternRegex(pattern.idnumber);
    const managed = new Set([...wanted.values(), ...[...existing.keys()].filter((idnumber) => ours.test(idnumber))]);
    for (const idnumber of new Set(wanted.values())) {
      if (!existing.has(idnumber)) {
        const example = inScope.find((p) => wanted.get(p.id) === idnumber)!;
        plan.createCohorts.push({ idnumber, name: fillPattern(pattern.name, patternValues(example)) });
      }
    }
    const managedIds = [...managed].map((idnumber) => existing.get(idnumber)?.id).filter((id): id is number => id !== undefined);
    const members = new Map<number, Set<number>>();
    if (managedIds.length) {
      for (const { result } of await client.callInBatches('core_cohort_get_cohort_members', managedIds, (chunk) => ({ cohortids: chunk }))) {
        for (const entry of result) members.set(entry.cohortid, new Set(entry.userids));
      }
    }
    for (const participant of inScope) {
      const idnumber = wanted.get(participant.id)!;
      const cohort = existing.get(idnumber);
      const userId = plan.userIds.get(participant.id);
      if (!cohort || userId === undefined || !members.get(cohort.id)?.has(userId)) plan.cohortAdds.push({ participant, idnumber, containerId: cohort?.id });
      if (userId === undefined || participant.status !== 'active') continue;
      for (const other of managed) {
        const otherCohort = existing.get(other);
        if (other !== idnumber && otherCohort && members.get(otherCohort.id)?.has(userId)) plan.cohortRemoves.push({ participant, idnumber: other, containerId: otherCohort.id });
      }
    }
  }

  // 5. Per course: enrolments, groups and their members.
  await Promise.all(
    plan.courses.map(async (course) => {
      const inCourse = inScope.filter((p) => coursesFor(config, p.variant, p.phase).includes(course.key));
      // Participants with an account whose variant or phase no longer includes this course.
      const leavers = inScope.filter((p) => plan.userIds.has(p.id) && !inCourse.includes(p));
      if (!inCourse.length && !leavers.length) return;
      const options = (extra: Array<{ name: string; value: string }>) => ({ courseid: course.id, options: [{ name: 'userfields', value: 'id' }, ...extra] });
      // Active enrolments answer almost everything; all enrolments are fetched only when someone
      // who should be active is not, to tell a new enrolment from a reactivation.
      const active = new Set((await client.call('core_enrol_get_enrolled_users', options([{ name: 'onlyactive', value: '1' }]))).map((u) => u.id));
      const candidates = inCourse.filter((p) => wantsEnrolment(p) && plan.userIds.has(p.id) && !active.has(plan.userIds.get(p.id)!));
      const enrolledIds = candidates.length ? new Set((await client.call('core_enrol_get_enrolled_users', options([]))).map((u) => u.id)) : active;
      for (const participant of inCourse) {
        const userId = plan.userIds.get(participant.id);
        if (wantsEnrolment(participant)) {
          if (userId === undefined || !enrolledIds.has(userId)) plan.enrolments.push({ participant, course, action: 'enrol' });
          else if (!active.has(userId)) plan.enrolments.push({ participant, course, action: 'reactivate' });
        } else if (userId !== undefined && active.has(userId)) {
          plan.enrolments.push({ participant, course, action: 'suspend' });
        }
      }
      for (const participant of leavers) {
        if (active.has(plan.userIds.get(participant.id)!)) {
          plan.enrolments.push({ participant, course, action: 'suspend', reason: `not in the courses of ${participant.variant} ${participant.phase}` });
        }
      }
      if (!inCourse.length) return;

      if (!config.group) return;
      const pattern = config.group;
      const grouped = inCourse.filter((p) => p.group);
      const wanted = new Map(grouped.map((p) => [p.id, fillPattern(pattern.idnumber, patternValues(p))]));
      const groups = new Map((await client.call('core_group_get_course_groups', { courseid: course.id })).map((g) => [g.idnumber, g]));
      const ours = patternRegex(pattern.idnumber);
      const managed = new Set([...wanted.values(), ...[...groups.keys()].filter((idnumber) => ours.test(idnumber))]);
      if (!managed.size) return;
      for (const idnumber of new Set(wanted.values())) {
        if (!groups.has(idnumber)) {
          const example = grouped.find((p) => wanted.get(p.id) === idnumber)!;
          plan.createGroups.push({ course, idnumber, name: fillPattern(pattern.name, patternValues(example)) });
        }
      }
      const groupIds = [...managed].map((idnumber) => groups.get(idnumber)?.id).filter((id): id is number => id !== undefined);
      const members = new Map<number, Set<number>>();
      if (groupIds.length) {
        for (const { result } of await client.callInBatches('core_group_get_group_members', groupIds, (chunk) => ({ groupids: chunk }))) {
          for (const entry of result) members.set(entry.groupid, new Set(entry.userids));
        }
      }
      for (const participant of grouped) {
        const idnumber = wanted.get(participant.id)!;
        const group = groups.get(idnumber);
        const userId = plan.userIds.get(participant.id);
        const member = group !== undefined && userId !== undefined && members.get(group.id)?.has(userId);
        const willBeEnrolled = (userId !== undefined && enrolledIds.has(userId)) || wantsEnrolment(participant);
        if (!member && willBeEnrolled && participant.status === 'active') plan.groupAdds.push({ participant, idnumber, containerId: group?.id, course });
        if (userId === undefined || participant.status !== 'active') continue;
        for (const other of managed) {
          const otherGroup = groups.get(other);
          if (other !== idnumber && otherGroup && members.get(otherGroup.id)?.has(userId)) plan.groupRemoves.push({ participant, idnumber: other, containerId: otherGroup.id, course });
        }
      }
    }),
  );
  const byRow = (a: { participant: Participant }, b: { participant: Participant }) => a.participant.row - b.participant.row;
  plan.enrolments.sort((a, b) => byRow(a, b) || a.course.key.localeCompare(b.course.key));
  plan.groupAdds.sort(byRow);
  plan.groupRemoves.sort(byRow);
  plan.cohortAdds.sort(byRow);
  plan.conflicts.sort((a, b) => a.row - b.row);
  return plan;
}
