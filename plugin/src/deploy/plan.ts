/**
 * The deployment plan: each item compared with what the course holds under its idnumber. Pure,
 * so the dry run and `--apply` print the same decisions and tests can check them directly.
 */
import type { DeployItem } from './items.ts';
import type { ChangeKind, DeployedActivity } from './plugin-api.ts';

export type PlannedAction = 'create' | 'update' | 'unchanged' | 'conflict';

export interface PlanRow {
  item: DeployItem;
  courseid: number;
  /** SHA-1 (hex) of the local package: Moodle's content hash of the same bytes. */
  sha1: string;
  bytes: number;
  action: PlannedAction;
  /** What differs (update) or why it cannot go ahead (conflict). */
  changes: ChangeKind[];
  reason?: string;
  existing?: DeployedActivity;
}

export interface LocalPackage {
  sha1: string;
  bytes: number;
}

export function planItem(item: DeployItem, courseid: number, local: LocalPackage, existing: DeployedActivity | undefined, visible?: boolean): PlanRow {
  const row: PlanRow = { item, courseid, sha1: local.sha1, bytes: local.bytes, action: 'create', changes: [], existing };
  if (!existing) return row;
  if (existing.type !== item.type) {
    return { ...row, action: 'conflict', reason: `the course already has a ${existing.type} activity with idnumber ${item.idnumber}; rename or delete it in Moodle` };
  }
  const changes: ChangeKind[] = [];
  if (existing.packagehash !== local.sha1) changes.push('package');
  if (existing.name !== item.name) changes.push('name');
  if (existing.intro !== item.intro) changes.push('intro');
  if (visible !== undefined && existing.visible !== visible) changes.push('visible');
  const passmarkDiffers = item.completion !== 'none' && Math.abs(existing.passmark - item.passmark) > 0.005;
  if (existing.completion !== item.completion || passmarkDiffers) changes.push('completion');
  if (!existing.settingsmatch) changes.push('settings');
  if (existing.sectionnum !== item.sectionnum) changes.push('section');
  return { ...row, action: changes.length ? 'update' : 'unchanged', changes };
}

/** Activities a course holds under the toolkit's prefix that the programme no longer lists (left alone). */
export function strayActivities(existing: readonly DeployedActivity[], planned: readonly PlanRow[]): DeployedActivity[] {
  const wanted = new Set(planned.map((row) => row.item.idnumber));
  return existing.filter((activity) => !wanted.has(activity.idnumber));
}
