/** Plain-text rendering of a sync plan and of what apply did, for the terminal. */
import type { RosterProblem } from '../roster/roster.ts';
import type { ApplyResult } from './apply.ts';
import { changeCount, type SyncPlan } from './plan.ts';

const list = (lines: string[], limit: number) => (lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more (--verbose shows all)`] : lines);

export function formatProblems(file: string, problems: RosterProblem[]): string[] {
  return problems.map((p) => `${file}: row ${p.row}${p.column ? ` (${p.column})` : ''}: ${p.message}`);
}

export function formatPlan(plan: SyncPlan, options: { verbose?: boolean } = {}): string {
  const limit = options.verbose ? Number.POSITIVE_INFINITY : 15;
  const out: string[] = [];
  const section = (title: string, lines: string[]) => {
    if (!lines.length) return;
    out.push(`${title} (${lines.length})`, ...list(lines, limit).map((line) => `  ${line}`));
  };
  const who = (p: { id: string; row: number }) => `${p.id} (row ${p.row})`;
  section('Users to create', plan.createUsers.map(({ participant, user }) => `${who(participant)}  username ${user.username}`));
  section('Users to update', plan.updateUsers.map(({ participant, changes }) => `${who(participant)}  ${Object.entries(changes).map(([k, v]) => `${k}: "${v.from}" → "${v.to}"`).join(', ')}`));
  section('Cohorts to create', plan.createCohorts.map((c) => `${c.idnumber}  "${c.name}"`));
  section('Cohort members to add', plan.cohortAdds.map((m) => `${who(m.participant)} → ${m.idnumber}`));
  section('Cohort members to remove', plan.cohortRemoves.map((m) => `${who(m.participant)} ✕ ${m.idnumber}`));
  section('Enrolments to add', plan.enrolments.filter((e) => e.action === 'enrol').map((e) => `${who(e.participant)} → ${e.course.key}`));
  section('Enrolments to reactivate', plan.enrolments.filter((e) => e.action === 'reactivate').map((e) => `${who(e.participant)} → ${e.course.key}`));
  section('Enrolments to suspend', plan.enrolments.filter((e) => e.action === 'suspend').map((e) => `${who(e.participant)} ✕ ${e.course.key} (${e.reason ?? e.participant.status})`));
  section('Groups to create', plan.createGroups.map((g) => `${g.course.key}: ${g.idnumber}  "${g.name}"`));
  section('Group members to add', plan.groupAdds.map((m) => `${who(m.participant)} → ${m.course!.key}/${m.idnumber}`));
  section('Group members to remove', plan.groupRemoves.map((m) => `${who(m.participant)} ✕ ${m.course!.key}/${m.idnumber}`));
  section('Conflicts (left alone)', plan.conflicts.map((c) => `row ${c.row} ${c.participantId}: ${c.message}`));
  if (options.verbose) section('Notes', plan.notes);
  else if (plan.notes.length) out.push(`${plan.notes.length} note(s) about participants or courses left alone (--verbose shows them).`);
  const changes = changeCount(plan);
  out.push(changes ? `${changes} change(s) planned.` : 'Nothing to change: Moodle already matches the roster.');
  return out.join('\n');
}

export function formatResult(result: ApplyResult): string {
  const parts = [
    ['account(s) created', result.usersCreated], ['account(s) updated', result.usersUpdated], ['cohort(s) created', result.cohortsCreated],
    ['cohort member(s) added', result.cohortMembersAdded], ['cohort member(s) removed', result.cohortMembersRemoved], ['enrolment(s) added', result.enrolled],
    ['enrolment(s) reactivated', result.reactivated], ['enrolment(s) suspended', result.suspended], ['group(s) created', result.groupsCreated],
    ['group member(s) added', result.groupMembersAdded], ['group member(s) removed', result.groupMembersRemoved],
  ] as const;
  const done = parts.filter(([, n]) => n > 0).map(([label, n]) => `  ${n} ${label}`);
  const out = ['Done:', ...(done.length ? done : ['  nothing'])];
  if (result.failures.length) out.push(`Refused by Moodle (${result.failures.length}):`, ...result.failures.map((f) => `  ${f.row ? `row ${f.row} ` : ''}${f.participantId}: ${f.message}`));
  if (result.interrupted) out.push(`Stopped early: ${result.interrupted}`, 'Nothing is lost: run the same command again; it re-reads Moodle and finishes the rest.');
  return out.join('\n');
}
