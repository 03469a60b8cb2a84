/** Roster → Moodle: read the roster, plan against Moodle's real state, optionally apply. */
import type { MoodleConfig } from '../config/moodle-config.ts';
import type { MoodleClient } from '../moodle/client.ts';
import { parseRoster, type Roster } from '../roster/roster.ts';
import { applyPlan, type ApplyResult } from './apply.ts';
import { planSync, type SyncPlan } from './plan.ts';

export { applyPlan, type ApplyResult } from './apply.ts';
export { planSync, changeCount, usernameFor, PlanError, patternRegex, type SyncPlan } from './plan.ts';
export { formatPlan, formatResult, formatProblems } from './format.ts';

export function rosterRules(config: MoodleConfig) {
  return {
    variants: Object.fromEntries(Object.entries(config.variants).map(([code, v]) => [code, v.aliases])),
    phases: Object.fromEntries(Object.entries(config.variants).map(([code, v]) => [code, v.phases.map((p) => p.name)])),
  };
}

export function readRoster(bytes: Uint8Array, config: MoodleConfig): Roster {
  return parseRoster(bytes, rosterRules(config));
}

export interface SyncOutcome {
  roster: Roster;
  plan: SyncPlan;
  result?: ApplyResult;
}

/** Plans, and applies when `apply` is set. `strict` refuses to plan at all when the roster has bad rows. */
export async function syncRoster(client: MoodleClient, config: MoodleConfig, roster: Roster, options: { apply?: boolean } = {}): Promise<SyncOutcome> {
  const plan = await planSync(client, config, roster.participants, roster.problems);
  if (!options.apply) return { roster, plan };
  return { roster, plan, result: await applyPlan(client, plan) };
}
