/**
 * Typed calls to the local_wecare plugin's web-service functions (plugin/moodle/local_wecare) and
 * the check that the site offers them to this token.
 */
import { isMoodleError, type MoodleClient } from '../moodle/index.ts';
import type { MoodleWarning } from '../moodle/types.ts';
import type { ActivityType, Completion } from './items.ts';

/** The plugin version this toolkit was written against (plugin/moodle/local_wecare/version.php). */
export const requiredPluginVersion = 2026112200;

export const pluginFunctions = {
  deploy: 'local_wecare_deploy_package',
  deployed: 'local_wecare_get_deployed_packages',
  progress: 'local_wecare_get_course_progress',
  users: 'local_wecare_get_users_by_idnumber',
  criteria: 'local_wecare_set_completion_criteria',
} as const;

export interface DeployedActivity {
  cmid: number;
  instanceid: number;
  idnumber: string;
  type: ActivityType;
  name: string;
  intro: string;
  sectionnum: number;
  visible: boolean;
  /** SHA-1 (hex) of the package file: Moodle's content hash. */
  packagehash: string;
  packagefilename: string;
  completion: Completion | 'other';
  passmark: number;
  settingsmatch: boolean;
}

export interface DeployedPackages {
  courseid: number;
  completionenabled: boolean;
  activities: DeployedActivity[];
}

export interface DeployPackageParams {
  courseid: number;
  sectionnum: number;
  idnumber: string;
  type: ActivityType;
  name: string;
  draftitemid?: number;
  packagehash?: string;
  intro?: string;
  sectionname?: string;
  completion?: Completion;
  passmark?: number;
  visible?: boolean;
}

export type ChangeKind = 'package' | 'name' | 'intro' | 'section' | 'visible' | 'completion' | 'settings' | 'coursecompletion';

export interface DeployPackageResult {
  cmid: number;
  instanceid: number;
  status: 'created' | 'updated' | 'unchanged';
  changes: ChangeKind[];
  packagehash: string;
  warnings?: MoodleWarning[];
}

export interface CompletionCriteriaResult {
  status: 'created' | 'updated' | 'unchanged';
  cmids: number[];
  warnings?: MoodleWarning[];
}

export function getDeployedPackages(client: MoodleClient, courseid: number, idnumberprefix = ''): Promise<DeployedPackages> {
  return client.callRaw(pluginFunctions.deployed, { courseid, idnumberprefix }) as Promise<DeployedPackages>;
}

export function deployPackage(client: MoodleClient, params: DeployPackageParams): Promise<DeployPackageResult> {
  const form: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) form[key] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  return client.callRaw(pluginFunctions.deploy, form) as Promise<DeployPackageResult>;
}

export function setCompletionCriteria(client: MoodleClient, courseid: number, idnumbers: string[], unlock = false): Promise<CompletionCriteriaResult> {
  return client.callRaw(pluginFunctions.criteria, { courseid, idnumbers, unlock: unlock ? 1 : 0 }) as Promise<CompletionCriteriaResult>;
}

export interface SiteInfoLike {
  functions: Array<{ name: string; version: string }>;
  uploadfiles?: number;
  release?: string;
}

export type PluginStatus =
  | { ok: true; version: number; canUpload: boolean }
  | { ok: false; reason: 'not-installed' | 'not-in-service' | 'outdated'; missing: string[]; version?: number };

/**
 * Whether this token can use the plugin's functions. Site info lists the functions of the token's
 * service; for a missing one, a probe call tells "not installed" (Moodle does not know the
 * function) from "installed but not in this token's service" (access exception).
 */
export async function pluginStatus(client: MoodleClient, siteInfo: SiteInfoLike, needed: readonly string[] = Object.values(pluginFunctions)): Promise<PluginStatus> {
  const offered = new Map(siteInfo.functions.map((fn) => [fn.name, fn.version]));
  const missing = needed.filter((name) => !offered.has(name));
  if (!missing.length) {
    const version = Math.min(...needed.map((name) => Number(offered.get(name)) || 0));
    if (version < requiredPluginVersion) return { ok: false, reason: 'outdated', missing: [], version };
    return { ok: true, version, canUpload: siteInfo.uploadfiles === undefined ? true : siteInfo.uploadfiles === 1 };
  }
  try {
    await client.callRaw(missing[0]!, {}, 'read');
    return { ok: false, reason: 'not-in-service', missing };
  } catch (error) {
    if (isMoodleError(error, 'accessexception') || isMoodleError(error, 'invalidparameter')) return { ok: false, reason: 'not-in-service', missing };
    if (isMoodleError(error, 'invalidrecordunknown') || isMoodleError(error, 'invalidrecord')) return { ok: false, reason: 'not-installed', missing };
    throw error;
  }
}

/** What to tell the person at the terminal when the plugin cannot be used. */
export function pluginProblemMessage(status: Exclude<PluginStatus, { ok: true }>, site: string): string {
  const install = [
    'To install it:',
    '  1. npx wecare moodle plugin-zip            (writes dist/local_wecare.zip)',
    `  2. In ${site}: Site administration > Plugins > Install plugins, upload that zip, follow the upgrade.`,
    '  3. Site administration > Server > Web services > External services: enable "WeCare toolkit",',
    '     add the toolkit\'s user under "Authorised users", and create the token for that service.',
  ].join('\n');
  if (status.reason === 'not-installed') return `The local_wecare plugin is not installed on ${site}: Moodle has no web service that creates SCORM or H5P activities, so deployment needs it.\n${install}`;
  if (status.reason === 'outdated') return `The local_wecare plugin on ${site} is version ${status.version}; this toolkit needs ${requiredPluginVersion} or later. Upgrade it:\n${install}`;
  return `The local_wecare plugin is installed on ${site}, but this token's service does not include ${status.missing.join(', ')}. Create the token for the "WeCare toolkit" service (Site administration > Server > Web services > Manage tokens), or add those functions to the token's service.`;
}
