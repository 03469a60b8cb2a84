/**
 * Sync, step 2: carry a plan out, in the order Moodle needs (accounts, cohorts, enrolments, then
 * groups, since only enrolled users may join a group). Every write is batched under
 * max_input_vars. Writes are never retried blindly: if the network or the server fails, apply
 * stops and says so; the next run re-plans from Moodle's real state, so nothing is lost or doubled.
 * A batch of new accounts that Moodle refuses as a whole (one duplicate e-mail fails them all) is
 * split until the refused account is found; that one becomes a reported conflict.
 */
import { chunkByFields } from '../moodle/batch.ts';
import type { FormValue } from '../moodle/form.ts';
import { metaFieldCount } from '../moodle/client.ts';
import { MoodleError } from '../moodle/errors.ts';
import type { MoodleClient } from '../moodle/client.ts';
import type { NewUser } from '../moodle/types.ts';
import type { Participant } from '../roster/roster.ts';
import type { Conflict, SyncPlan } from './plan.ts';

export interface ApplyResult {
  usersCreated: number;
  usersUpdated: number;
  cohortsCreated: number;
  cohortMembersAdded: number;
  cohortMembersRemoved: number;
  enrolled: number;
  reactivated: number;
  suspended: number;
  groupsCreated: number;
  groupMembersAdded: number;
  groupMembersRemoved: number;
  /** Items Moodle refused (the rest went through). */
  failures: Conflict[];
  /** Set when apply stopped early (network, server): what happened and that a rerun finishes. */
  interrupted?: string;
}

export async function applyPlan(client: MoodleClient, plan: SyncPlan): Promise<ApplyResult> {
  const result: ApplyResult = {
    usersCreated: 0, usersUpdated: 0, cohortsCreated: 0, cohortMembersAdded: 0, cohortMembersRemoved: 0, enrolled: 0, reactivated: 0, suspended: 0,
    groupsCreated: 0, groupMembersAdded: 0, groupMembersRemoved: 0, failures: [],
  };
  const userIds = new Map(plan.userIds);
  const fail = (participant: Participant, message: string) => result.failures.push({ row: participant.row, participantId: participant.id, message });
  try {
    await createUsers(client, plan.createUsers, userIds, result, fail);

    if (plan.updateUsers.length) {
      const updates = plan.updateUsers.map((change) => ({
        id: change.userId,
        ...Object.fromEntries(Object.entries(change.changes).map(([key, { to }]) => [key, key === 'suspended' ? to === 'true' : to])),
      }));
      const answers = await client.callInBatches('core_user_update_users', updates, (chunk) => ({ users: chunk }));
      const refused = new Map<number, string>();
      for (const { result: answer } of answers) for (const warning of answer?.warnings ?? []) if (warning.itemid !== undefined) refused.set(warning.itemid, `${warning.message} [${warning.warningcode}]`);
      for (const change of plan.updateUsers) {
        const reason = refused.get(change.userId);
        if (reason) fail(change.participant, `Moodle refused the account update: ${reason}`);
        else result.usersUpdated += 1;
      }
    }

    const cohortIds = new Map<string, number>();
    for (const add of plan.cohortAdds) if (add.containerId !== undefined) cohortIds.set(add.idnumber, add.containerId);
    if (plan.createCohorts.length) {
      const created = await client.callInBatches('core_cohort_create_cohorts', plan.createCohorts, (chunk) => ({
        cohorts: chunk.map((c) => ({ categorytype: { type: 'system', value: '' }, name: c.name, idnumber: c.idnumber })),
      }), { expect: 'one-per-item' });
      for (const { result: cohorts } of created) for (const cohort of cohorts) cohortIds.set(cohort.idnumber, cohort.id);
      result.cohortsCreated = plan.createCohorts.length;
    }
    const cohortAdds = plan.cohortAdds.filter((add) => userIds.has(add.participant.id));
    if (cohortAdds.length) {
      const answers = await client.callInBatches('core_cohort_add_cohort_members', cohortAdds, (chunk) => ({
        members: chunk.map((add) => ({ cohorttype: { type: 'id', value: String(cohortIds.get(add.idnumber)) }, usertype: { type: 'id', value: String(userIds.get(add.participant.id)) } })),
      }));
      const warnings = answers.reduce((n, { result: answer }) => n + (answer?.warnings?.length ?? 0), 0);
      result.cohortMembersAdded = cohortAdds.length - warnings;
      for (const { result: answer } of answers) for (const warning of answer?.warnings ?? []) result.failures.push({ row: 0, participantId: '-', message: `cohort membership refused: ${warning.message}` });
    }
    if (plan.cohortRemoves.length) {
      await client.callInBatches('core_cohort_delete_cohort_members', plan.cohortRemoves, (chunk) => ({
        members: chunk.map((remove) => ({ cohortid: remove.containerId!, userid: userIds.get(remove.participant.id)! })),
      }));
      result.cohortMembersRemoved = plan.cohortRemoves.length;
    }

    const enrolments = plan.enrolments.filter((e) => userIds.has(e.participant.id));
    if (enrolments.length) {
      await client.callInBatches('enrol_manual_enrol_users', enrolments, (chunk) => ({
        // Without `suspend` Moodle makes the enrolment active (new or reactivated).
        enrolments: chunk.map((e) => ({ roleid: plan.roleId, userid: userIds.get(e.participant.id)!, courseid: e.course.id, ...(e.action === 'suspend' ? { suspend: 1 } : {}) })),
      }));
      for (const e of enrolments) {
        if (e.action === 'enrol') result.enrolled += 1;
        else if (e.action === 'reactivate') result.reactivated += 1;
        else result.suspended += 1;
      }
    }

    const groupIds = new Map<string, number>();
    const groupKey = (courseId: number, idnumber: string) => `${courseId}\u0000${idnumber}`;
    for (const add of plan.groupAdds) if (add.containerId !== undefined) groupIds.set(groupKey(add.course!.id, add.idnumber), add.containerId);
    if (plan.createGroups.length) {
      const created = await client.callInBatches('core_group_create_groups', plan.createGroups, (chunk) => ({
        groups: chunk.map((g) => ({ courseid: g.course.id, name: g.name, description: '', idnumber: g.idnumber })),
      }), { expect: 'one-per-item' });
      for (const { result: groups } of created) for (const group of groups) groupIds.set(groupKey(group.courseid, group.idnumber), group.id);
      result.groupsCreated = plan.createGroups.length;
    }
    const groupAdds = plan.groupAdds.filter((add) => userIds.has(add.participant.id));
    if (groupAdds.length) {
      await client.callInBatches('core_group_add_group_members', groupAdds, (chunk) => ({
        members: chunk.map((add) => ({ groupid: groupIds.get(groupKey(add.course!.id, add.idnumber))!, userid: userIds.get(add.participant.id)! })),
      }));
      result.groupMembersAdded = groupAdds.length;
    }
    if (plan.groupRemoves.length) {
      await client.callInBatches('core_group_delete_group_members', plan.groupRemoves, (chunk) => ({
        members: chunk.map((remove) => ({ groupid: remove.containerId!, userid: userIds.get(remove.participant.id)! })),
      }));
      result.groupMembersRemoved = plan.groupRemoves.length;
    }
  } catch (error) {
    if (!(error instanceof MoodleError)) throw error;
    result.interrupted = error.message;
  }
  return result;
}

async function createUsers(
  client: MoodleClient,
  creates: SyncPlan['createUsers'],
  userIds: Map<string, number>,
  result: ApplyResult,
  fail: (participant: Participant, message: string) => void,
): Promise<void> {
  if (!creates.length) return;
  const byUsername = new Map(creates.map((c) => [c.user.username, c.participant]));
  const attempt = async (batch: Array<{ participant: Participant; user: NewUser }>): Promise<void> => {
    try {
      const answers = await client.callInBatches('core_user_create_users', batch, (chunk) => ({ users: chunk.map((c) => c.user) }), { expect: 'one-per-item' });
      for (const { result: created } of answers) {
        for (const user of created) {
          const participant = byUsername.get(user.username);
          if (participant) userIds.set(participant.id, user.id);
          result.usersCreated += 1;
        }
      }
    } catch (error) {
      // Moodle refuses a whole create call for one bad account (and creates none of it).
      const refusedAsAWhole = error instanceof MoodleError && error.kind === 'exception';
      if (!refusedAsAWhole) throw error;
      if (batch.length === 1) {
        fail(batch[0]!.participant, `Moodle refused to create the account: ${error.debuginfo ?? error.message}`);
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await attempt(batch.slice(0, half));
      await attempt(batch.slice(half));
    }
  };
  const toParams = (chunk: Array<{ user: NewUser }>) => ({ users: chunk.map((c) => c.user) }) as unknown as Record<string, FormValue>;
  const chunks = chunkByFields(creates, toParams, client.maxInputVars - metaFieldCount, client.maxItemsPerCall);
  await Promise.all(chunks.map((chunk) => attempt(chunk)));
}
