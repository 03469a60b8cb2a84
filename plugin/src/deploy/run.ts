/**
 * `wecare moodle deploy` without the command line: check the plugin, find the courses, read what
 * they hold, plan, and — with `apply` — upload changed packages and deploy them. A failure of one
 * activity is reported on its row and does not stop the others; a rerun converges because every
 * decision is taken from Moodle's state (by idnumber and package SHA-1), never from memory.
 */
import { createHash } from 'node:crypto';
import { readFile as fsReadFile } from 'node:fs/promises';
import path from 'node:path';
import { mapLimited, MoodleError, type MoodleClient } from '../moodle/index.ts';
import type { DeployItem } from './items.ts';
import { deployPackage, getDeployedPackages, pluginFunctions, pluginProblemMessage, pluginStatus, setCompletionCriteria, type ChangeKind, type DeployedActivity, type SiteInfoLike } from './plugin-api.ts';
import { planItem, strayActivities, type PlanRow } from './plan.ts';
import type { DraftUploader } from './upload.ts';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'would create' | 'would update' | 'failed' | 'conflict';

export interface ResultRow {
  variant: string;
  course: string;
  courseid?: number;
  sectionnum: number;
  name: string;
  idnumber: string;
  format: string;
  outcome: Outcome;
  changes: ChangeKind[];
  uploaded: boolean;
  cmid?: number;
  message?: string;
}

export interface CourseOutcome {
  course: string;
  courseid?: number;
  /** What happened to the course completion criteria (apply only). */
  criteria?: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';
  message?: string;
  /** Activities under the toolkit's prefix that the programme does not list: left alone. */
  stray: Array<Pick<DeployedActivity, 'cmid' | 'idnumber' | 'name'>>;
}

export interface DeployReport {
  applied: boolean;
  rows: ResultRow[];
  courses: CourseOutcome[];
  uploads: number;
  warnings: string[];
}

export interface DeployRunOptions {
  client: MoodleClient;
  uploader: DraftUploader;
  items: DeployItem[];
  courseKey: 'idnumber' | 'shortname';
  idnumberPrefix: string;
  apply: boolean;
  visible?: boolean;
  completionCriteria: boolean;
  unlockCriteria?: boolean;
  /** Uploads and deployments in flight at once. Default 2. */
  concurrency?: number;
  readFile?: (file: string) => Promise<Buffer>;
  /** The caller already ran checkDeployAccess. */
  accessChecked?: boolean;
  /** Called as each activity that needed work is done (apply only), for progress lines. */
  onRow?: (row: ResultRow, done: number, total: number) => void;
}

/** The site cannot deploy: the plugin is missing, outdated, or outside the token's service. */
export class PluginUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PluginUnavailableError';
  }
}

/**
 * Fails with PluginUnavailableError unless the token can deploy: plugin installed, recent enough,
 * its functions in the token's service, and (to apply) file uploads allowed. One or two calls.
 */
export async function checkDeployAccess(client: MoodleClient, options: Pick<DeployRunOptions, 'apply' | 'completionCriteria'>): Promise<void> {
  const siteInfo = (await client.call('core_webservice_get_site_info', {})) as SiteInfoLike;
  const needed = [pluginFunctions.deploy, pluginFunctions.deployed, ...(options.completionCriteria ? [pluginFunctions.criteria] : [])];
  const status = await pluginStatus(client, siteInfo, needed);
  if (!status.ok) throw new PluginUnavailableError(pluginProblemMessage(status, client.siteLabel));
  if (!status.canUpload && options.apply) throw new PluginUnavailableError(`The token's service does not allow file uploads, so packages cannot reach ${client.siteLabel}. Tick "Can upload files" on the service (Site administration > Server > Web services > External services).`);
}

export async function runDeploy(options: DeployRunOptions): Promise<DeployReport> {
  const { client } = options;
  const readFile = options.readFile ?? ((file: string) => fsReadFile(file));
  const warnings: string[] = [];

  if (!options.accessChecked) await checkDeployAccess(client, options);

  const courseKeys = [...new Set(options.items.map((item) => item.course))];
  const courseIds = new Map<string, number>();
  const courses: CourseOutcome[] = [];
  await mapLimited(courseKeys, 4, async (key) => {
    const found = await client.call('core_course_get_courses_by_field', { field: options.courseKey, value: key });
    const course = found.courses[0];
    if (found.courses.length > 1) warnings.push(`More than one course has ${options.courseKey} "${key}"; using the first (id ${course!.id}).`);
    if (course) courseIds.set(key, course.id);
  });

  const remote = new Map<number, DeployedActivity[]>();
  await mapLimited([...courseIds.values()], 4, async (courseid) => {
    const deployed = await getDeployedPackages(client, courseid, `${options.idnumberPrefix}-`);
    remote.set(courseid, deployed.activities);
  });

  const packages = new Map<string, { sha1: string; bytes: number; data: Buffer } | Error>();
  await mapLimited([...new Set(options.items.map((item) => item.file))], 4, async (file) => {
    try {
      const data = await readFile(file);
      packages.set(file, { sha1: createHash('sha1').update(data).digest('hex'), bytes: data.length, data });
    } catch (error) {
      packages.set(file, error instanceof Error ? error : new Error(String(error)));
    }
  });

  const plans: Array<PlanRow | ResultRow> = options.items.map((item) => {
    const courseid = courseIds.get(item.course);
    const base = rowBase(item, courseid);
    if (courseid === undefined) return { ...base, outcome: 'conflict', message: `no course with ${options.courseKey} "${item.course}" on the site (create it, or fix moodle.deploy.courses)` } satisfies ResultRow;
    const local = packages.get(item.file);
    if (!local || local instanceof Error) return { ...base, outcome: 'failed', message: `package ${path.basename(item.file)} is missing (${local?.message ?? 'not read'}); run \`wecare build\` first, or deploy without --prebuilt` } satisfies ResultRow;
    const existing = remote.get(courseid)?.find((activity) => activity.idnumber === item.idnumber);
    return planItem(item, courseid, local, existing, options.visible);
  });

  const work = plans.filter((plan) => 'sha1' in plan && (plan.action === 'create' || plan.action === 'update')).length;
  let done = 0;
  // Uploads run side by side, but each course gets its activities in programme order, so that
  // activities sharing a section always appear in the same order.
  const courseTurns = new Map<number, Promise<void>>();
  const rows = await mapLimited(plans, options.concurrency ?? 2, async (plan): Promise<ResultRow> => {
    if (!('sha1' in plan)) return plan;
    const base = rowBase(plan.item, plan.courseid);
    if (plan.action === 'conflict') return { ...base, outcome: 'conflict', cmid: plan.existing?.cmid, message: plan.reason };
    if (plan.action === 'unchanged') return { ...base, outcome: 'unchanged', cmid: plan.existing?.cmid };
    if (!options.apply) return { ...base, outcome: plan.action === 'create' ? 'would create' : 'would update', changes: plan.changes, cmid: plan.existing?.cmid };
    const turn = courseTurns.get(plan.courseid) ?? Promise.resolve();
    let release = (): void => {};
    courseTurns.set(plan.courseid, new Promise<void>((resolve) => (release = resolve)));
    const row = await applyRow(options, plan, packages.get(plan.item.file) as { data: Buffer }, base, turn).finally(release);
    done += 1;
    options.onRow?.(row, done, work);
    return row;
  });

  for (const key of courseKeys) {
    const courseid = courseIds.get(key);
    const outcome: CourseOutcome = { course: key, courseid, stray: [] };
    if (courseid !== undefined) {
      const planned = plans.filter((plan): plan is PlanRow => 'sha1' in plan && plan.courseid === courseid);
      outcome.stray = strayActivities(remote.get(courseid) ?? [], planned).map(({ cmid, idnumber, name }) => ({ cmid, idnumber, name }));
      if (options.apply && options.completionCriteria) await applyCriteria(options, courseid, rows.filter((row) => row.courseid === courseid), outcome);
    }
    courses.push(outcome);
  }
  return { applied: options.apply, rows, courses, uploads: options.uploader.uploads, warnings };
}

function rowBase(item: DeployItem, courseid: number | undefined): ResultRow {
  return { variant: item.variant, course: item.course, courseid, sectionnum: item.sectionnum, name: item.name, idnumber: item.idnumber, format: item.format, outcome: 'unchanged', changes: [], uploaded: false };
}

/** Uploads the package if needed, then, once `turn` (the course's previous activity) is done, deploys it. */
async function applyRow(options: DeployRunOptions, plan: PlanRow, local: { data: Buffer }, base: ResultRow, turn: Promise<void>): Promise<ResultRow> {
  const { item } = plan;
  let uploaded = false;
  try {
    let draftitemid = 0;
    if (plan.action === 'create' || plan.changes.includes('package')) {
      draftitemid = (await options.uploader.upload(path.basename(item.file), local.data)).itemid;
      uploaded = true;
    }
    await turn;
    const result = await deployPackage(options.client, {
      courseid: plan.courseid,
      sectionnum: item.sectionnum,
      idnumber: item.idnumber,
      type: item.type,
      name: item.name,
      draftitemid,
      packagehash: plan.sha1,
      intro: item.intro,
      sectionname: item.sectionname,
      completion: item.completion,
      passmark: item.passmark,
      visible: options.visible,
    });
    const message = result.warnings?.map((warning) => warning.message).join(' ') || undefined;
    return { ...base, outcome: result.status, changes: result.changes, uploaded, cmid: result.cmid, message };
  } catch (error) {
    const message = error instanceof MoodleError || error instanceof Error ? error.message : String(error);
    return { ...base, outcome: 'failed', uploaded, cmid: plan.existing?.cmid, message };
  }
}

async function applyCriteria(options: DeployRunOptions, courseid: number, rows: ResultRow[], outcome: CourseOutcome): Promise<void> {
  const deployed = rows.filter((row) => row.cmid !== undefined && row.outcome !== 'failed' && row.outcome !== 'conflict');
  const tracked = deployed.filter((row) => options.items.find((item) => item.idnumber === row.idnumber && item.course === row.course)?.completion !== 'none');
  if (!tracked.length || deployed.length !== rows.length) {
    outcome.criteria = 'skipped';
    outcome.message = !tracked.length ? 'no deployed activity tracks completion' : 'some activities failed; course completion criteria left as they were';
    return;
  }
  try {
    const result = await setCompletionCriteria(options.client, courseid, tracked.map((row) => row.idnumber), options.unlockCriteria ?? false);
    outcome.criteria = result.status;
  } catch (error) {
    outcome.criteria = 'failed';
    const locked = error instanceof MoodleError && error.errorcode === 'criterialocked';
    outcome.message = locked ? 'learners already have course completion data, so Moodle locks the criteria; rerun with --unlock-criteria to replace them (Moodle then recalculates course completion)' : error instanceof Error ? error.message : String(error);
  }
}
