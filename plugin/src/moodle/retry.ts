import { MoodleError } from './errors.ts';

/**
 * Retry policy as data. Only reads are retried, and only when the failure is one a repeat can fix:
 * transport failures, 5xx and 429. Writes are never repeated blindly: the sync makes a write safe to
 * repeat by re-reading Moodle's state on the next run (look up by idnumber before creating).
 */
export interface RetryPolicy {
  /** Extra attempts after the first one. */
  retries: number;
  /** First delay; each retry doubles it. */
  baseDelayMs: number;
  /** Ceiling of one delay (also caps a server's Retry-After). */
  maxDelayMs: number;
  /** `full`: a random delay between 0 and the exponential one (spreads concurrent clients). */
  jitter: 'full' | 'none';
  /** HTTP statuses worth another try. */
  statuses: number[];
  /** Retry when the request never got an answer (reset, refused, timeout). */
  transport: boolean;
  /** Moodle error codes that mean "try again later" (the site is being upgraded…). */
  errorcodes: string[];
}

export const defaultRetryPolicy: RetryPolicy = {
  retries: 3,
  baseDelayMs: 300,
  maxDelayMs: 5_000,
  jitter: 'full',
  statuses: [429, 500, 502, 503, 504],
  transport: true,
  errorcodes: ['upgraderunning'],
};

export type FunctionKind = 'read' | 'write';

export function shouldRetry(policy: RetryPolicy, error: unknown, attempt: number, kind: FunctionKind): boolean {
  if (kind !== 'read' || attempt > policy.retries || !(error instanceof MoodleError)) return false;
  if (error.kind === 'transport') return policy.transport;
  if (error.kind === 'http') return error.status !== undefined && policy.statuses.includes(error.status);
  if (error.kind === 'exception') return error.errorcode !== undefined && policy.errorcodes.includes(error.errorcode);
  return false;
}

/** Delay before retry number `attempt` (1-based). `retryAfterSeconds` from a 429/503 wins when larger. */
export function retryDelay(policy: RetryPolicy, attempt: number, random: () => number, retryAfterSeconds?: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const base = policy.jitter === 'full' ? Math.round(random() * exponential) : exponential;
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds)) return Math.min(policy.maxDelayMs, Math.max(base, retryAfterSeconds * 1000));
  return base;
}

/** Functions that only read. Anything not listed is treated as a write unless its name says it reads. */
const knownReads = new Set([
  'core_webservice_get_site_info',
  'core_cohort_search_cohorts',
  'core_enrol_get_enrolled_users',
  'core_enrol_get_users_courses',
  'gradereport_user_get_grade_items',
  'core_h5p_get_trusted_h5p_file',
]);

export function functionKind(name: string): FunctionKind {
  if (knownReads.has(name)) return 'read';
  return /_(get|list|search)_/.test(`${name}_`) && !/_(create|update|delete|add|insert|set|mark|override|import|upload|launch|view|deploy|enrol|unenrol)_/.test(`${name}_`) ? 'read' : 'write';
}
