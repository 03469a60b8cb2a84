/**
 * The local_wecare plugin on the Moodle test double: its four web-service functions, with the
 * signatures the PHP declares (local-wecare-signatures.json, regenerated from the PHP sources by
 * local-wecare-signatures.php and checked by tests/plugin/deploy/signatures.test.ts), the
 * plugin's English error messages (read from lang/en), and `webservice/upload.php` with the
 * recorded answer shapes. Behaviour follows plugin/moodle/local_wecare/classes/local/*.php.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip } from '../../../scripts/package/zip.ts';
import { MoodleException, type MoodleDouble } from './server.ts';
import type { FunctionSignature } from './signatures.ts';
import { nextId, type DoubleState, type ModuleRecord } from './state.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const pluginDir = path.resolve(here, '../../../plugin/moodle/local_wecare');

export type WecareCompletion = 'none' | 'passed' | 'completed' | 'passedorcompleted' | 'passgrade' | 'other';

export interface DraftFile {
  itemid: number;
  filename: string;
  data: Buffer;
  sha1: string;
  /** Zip entry names (directories end with `/`), or null when the file is not a readable zip. */
  entries: string[] | null;
  /** h5p.json, parsed, when present. */
  h5pJson?: { mainLibrary?: string; preloadedDependencies?: Array<{ machineName: string; majorVersion: number; minorVersion: number }> };
}

/** What local_wecare knows about an activity beyond the double's ModuleRecord. */
export interface WecareActivity {
  cmid: number;
  packagehash: string;
  packagefilename: string;
  intro: string;
  completionRule: WecareCompletion;
  passmark: number;
  /** False after a "manual" change of grading or display settings in Moodle. */
  settingsmatch: boolean;
  visible: boolean;
}

export interface LocalWecareState {
  drafts: Map<number, DraftFile[]>;
  activities: Map<number, WecareActivity>;
  /** H5P libraries installed on the site, as "Machine.Name major.minor". */
  siteLibraries: Set<string>;
  /** Whether the token user may install libraries bundled in a package (moodle/h5p:updatelibraries). */
  canInstallLibraries: boolean;
  /** The service's "Can upload files". */
  uploadfiles: boolean;
  nextDraftItemId: number;
  uploads: number;
}

export interface LocalWecareOptions {
  siteLibraries?: string[];
  canInstallLibraries?: boolean;
  uploadfiles?: boolean;
  /** Plugin version reported for its functions (site info). Default: version.php's. */
  version?: string;
}

export const pluginFunctionNames = ['local_wecare_deploy_package', 'local_wecare_get_deployed_packages', 'local_wecare_get_course_progress', 'local_wecare_get_users_by_idnumber', 'local_wecare_set_completion_criteria'] as const;

let signatureCache: Record<string, FunctionSignature> | undefined;
/** The plugin's signatures, as the PHP declares them. */
export function localWecareSignatures(): Record<string, FunctionSignature> {
  signatureCache ??= (JSON.parse(readFileSync(path.join(here, 'local-wecare-signatures.json'), 'utf8')) as { functions: Record<string, FunctionSignature> }).functions;
  return signatureCache;
}

let stringCache: Record<string, string> | undefined;
/** The plugin's English strings, read from lang/en/local_wecare.php. */
export function pluginStrings(): Record<string, string> {
  if (!stringCache) {
    const text = readFileSync(path.join(pluginDir, 'lang/en/local_wecare.php'), 'utf8');
    stringCache = {};
    for (const match of text.matchAll(/\$string\['([^']+)'\]\s*=\s*'((?:[^'\\]|\\.)*)';/g)) stringCache[match[1]!] = match[2]!.replace(/\\(['\\])/g, '$1');
  }
  return stringCache;
}

function pluginVersion(): string {
  return /\$plugin->version\s*=\s*(\d+)/.exec(readFileSync(path.join(pluginDir, 'version.php'), 'utf8'))?.[1] ?? '0';
}

/** `get_string($key, 'local_wecare', $a)`. */
export function pluginString(key: string, a?: string | number | Record<string, string | number>): string {
  const template = pluginStrings()[key];
  if (template === undefined) throw new Error(`local_wecare has no string "${key}"`);
  return template.replace(/\{\$a(?:->(\w+))?\}/g, (_, field: string | undefined) => String(field ? (a as Record<string, string | number>)[field] : a));
}

function pluginError(errorcode: string, a?: string | number | Record<string, string | number>): MoodleException {
  return new MoodleException('core\\exception\\moodle_exception', errorcode, pluginString(errorcode, a));
}

const states = new WeakMap<MoodleDouble, LocalWecareState>();

export function localWecareState(double: MoodleDouble): LocalWecareState {
  const state = states.get(double);
  if (!state) throw new Error('installLocalWecare() was not called on this double');
  return state;
}

/** Adds the plugin's functions and webservice/upload.php to a double. */
export function installLocalWecare(double: MoodleDouble, options: LocalWecareOptions = {}): LocalWecareState {
  const plugin: LocalWecareState = {
    drafts: new Map(),
    activities: new Map(),
    siteLibraries: new Set(options.siteLibraries ?? []),
    canInstallLibraries: options.canInstallLibraries ?? true,
    uploadfiles: options.uploadfiles ?? true,
    nextDraftItemId: 189_133_049,
    uploads: 0,
  };
  states.set(double, plugin);
  const signatures = localWecareSignatures();
  const version = options.version ?? pluginVersion();

  double.register('local_wecare_deploy_package', { signature: signatures.local_wecare_deploy_package, handler: (params, { state }) => deployPackage(state, plugin, params) });
  double.register('local_wecare_get_deployed_packages', { signature: signatures.local_wecare_get_deployed_packages, handler: (params, { state }) => deployedPackages(state, plugin, params) });
  double.register('local_wecare_get_course_progress', { signature: signatures.local_wecare_get_course_progress, handler: (params, { state }) => courseProgress(state, plugin, params) });
  double.register('local_wecare_get_users_by_idnumber', { signature: signatures.local_wecare_get_users_by_idnumber, handler: (params, { state }) => usersByIdnumber(state, params) });
  double.register('local_wecare_set_completion_criteria', { signature: signatures.local_wecare_set_completion_criteria, handler: (params, { state }) => setCriteria(state, params) });

  // Site info reports a plugin's functions with the plugin's version, and the service's upload flag.
  const siteInfo = double.functions.get('core_webservice_get_site_info');
  if (siteInfo) {
    double.register('core_webservice_get_site_info', {
      signature: siteInfo.signature,
      handler: (params, context) => {
        const info = siteInfo.handler(params, context) as { functions: Array<{ name: string; version: string }>; uploadfiles: number };
        return { ...info, uploadfiles: plugin.uploadfiles ? 1 : 0, functions: info.functions.map((fn) => (fn.name.startsWith('local_wecare_') ? { ...fn, version } : fn)) };
      },
    });
  }

  double.route('/webservice/upload.php', async (request, body, response, site) => {
    const answer = (value: unknown) => {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(JSON.stringify(value));
    };
    const form = await new Request('http://double/upload', { method: 'POST', headers: { 'content-type': String(request.headers['content-type'] ?? '') }, body: new Uint8Array(body) }).formData();
    if (form.get('token') !== site.token) return answer({ error: 'Invalid token - token not found', errorcode: 'invalidtoken', stacktrace: null, debuginfo: null, reproductionlink: null });
    if (!plugin.uploadfiles) return answer({ error: 'Web service file upload must be enabled in external service settings', errorcode: 'servicenotavailable', stacktrace: null, debuginfo: null, reproductionlink: null });
    const requested = Number(form.get('itemid') ?? 0);
    const itemid = requested > 0 ? requested : plugin.nextDraftItemId++;
    const area = plugin.drafts.get(itemid) ?? [];
    const results: unknown[] = [];
    for (const [, value] of form.entries()) {
      if (typeof value === 'string') continue;
      const data = Buffer.from(await value.arrayBuffer());
      if (area.some((file) => file.filename === value.name)) {
        results.push({ avscantime: 0.00003, filename: value.name, filepath: '[php upload temp file, redacted]', size: data.length, errortype: 'filenameexist', error: `File name already exists: ${value.name}` });
        continue;
      }
      plugin.uploads += 1;
      area.push(await draftFile(itemid, value.name, data));
      results.push({ component: 'user', contextid: 5, userid: '2', filearea: 'draft', filename: value.name, filepath: '/', itemid, license: 'unknown', author: 'Admin User', source: `O:8:"stdClass":1:{s:6:"source";s:${value.name.length}:"${value.name}";}`, filesize: data.length });
    }
    plugin.drafts.set(itemid, area);
    answer(results);
  });
  return plugin;
}

async function draftFile(itemid: number, filename: string, data: Buffer): Promise<DraftFile> {
  const file: DraftFile = { itemid, filename, data, sha1: createHash('sha1').update(data).digest('hex'), entries: null };
  try {
    const entries = await readZip(data);
    file.entries = [...entries.keys()];
    const json = entries.get('h5p.json');
    if (json) file.h5pJson = JSON.parse(json.toString('utf8'));
  } catch {
    file.entries = null;
  }
  return file;
}

interface DeployParams {
  courseid: number;
  sectionnum: number;
  idnumber: string;
  type: string;
  name: string;
  draftitemid: number;
  packagehash: string;
  intro: string;
  sectionname: string;
  completion: string;
  passmark: number;
  visible: boolean | null;
}

const completions = ['none', 'passed', 'completed', 'passedorcompleted', 'passgrade'];

function modulesOf(state: DoubleState, courseid: number, idnumber: string): ModuleRecord[] {
  return [...state.modules.values()].filter((m) => m.courseid === courseid && m.idnumber === idnumber);
}

function validatePackage(plugin: LocalWecareState, type: string, file: DraftFile): void {
  if (type === 'scorm') {
    if (!file.entries) throw pluginError('invalidscorm', 'You must provide a valid zip file');
    if (file.entries.includes('imsmanifest.xml')) return;
    const nested = file.entries.some((name) => name.endsWith('/imsmanifest.xml'));
    throw pluginError('invalidscorm', nested ? 'An imsmanifest.xml file was found but it was not in the root of your zip file, please re-package your SCORM' : 'Incorrect file package - missing imsmanifest.xml or AICC structure');
  }
  if (!file.entries) throw pluginError('invalidh5p', pluginString('badzip'));
  const directories = file.entries.filter((name) => name.endsWith('/'));
  if (directories.length) throw pluginError('h5pdirectoryentries', directories.slice(0, 5).join(', '));
  if (!file.h5pJson) throw pluginError('invalidh5p', 'A valid main h5p.json file is missing');
  const bundled = new Set(file.entries.filter((name) => /^[^/]+\/library\.json$/.test(name)).map((name) => name.split('/')[0]!.replace(/-(\d+)\.(\d+)$/, ' $1.$2')));
  const available = (lib: string) => plugin.siteLibraries.has(lib) || (plugin.canInstallLibraries && bundled.has(lib));
  const reasons: string[] = [];
  for (const dependency of file.h5pJson.preloadedDependencies ?? []) {
    const lib = `${dependency.machineName} ${dependency.majorVersion}.${dependency.minorVersion}`;
    if (available(lib)) continue;
    reasons.push(dependency.machineName === file.h5pJson.mainLibrary ? `Missing main library ${lib}` : `Missing required library ${lib}`);
  }
  if (reasons.length) throw pluginError('invalidh5p', reasons.join(' '));
  if (plugin.canInstallLibraries) for (const lib of bundled) plugin.siteLibraries.add(lib);
}

function deployPackage(state: DoubleState, plugin: LocalWecareState, params: DeployParams) {
  const course = state.courses.get(params.courseid);
  if (!course) throw MoodleException.missingRecord('course', params.courseid);
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(params.idnumber)) throw pluginError('invalididnumber', params.idnumber);
  if (!['scorm', 'h5pactivity'].includes(params.type)) throw pluginError('invalidtype', params.type);
  if (!completions.includes(params.completion) || (params.type === 'h5pactivity' && !['none', 'passgrade'].includes(params.completion))) {
    throw pluginError('invalidcompletion', { type: params.type, completion: params.completion });
  }
  if (params.passmark < 0 || params.passmark > 100 || (params.completion === 'passgrade' && params.passmark <= 0)) throw pluginError('invalidpassmark', params.passmark);
  if (params.sectionnum < 0 || params.sectionnum > 52) throw pluginError('invalidsection', params.sectionnum);
  if (!params.name.trim()) throw pluginError('emptyname');
  const packagehash = params.packagehash.toLowerCase();

  const found = modulesOf(state, course.id, params.idnumber);
  if (found.length > 1) throw pluginError('duplicateidnumber', params.idnumber);
  const existing = found[0];
  if (existing && existing.modname !== params.type) throw pluginError('typemismatch', { idnumber: params.idnumber, existing: existing.modname, requested: params.type });

  let file: DraftFile | undefined;
  if (params.draftitemid) {
    const area = plugin.drafts.get(params.draftitemid) ?? [];
    if (!area.length) throw pluginError('draftempty', params.draftitemid);
    if (area.length > 1) throw pluginError('draftmanyfiles', params.draftitemid);
    file = area[0]!;
    if (packagehash && packagehash !== file.sha1) throw pluginError('packagehashmismatch', { expected: packagehash, actual: file.sha1 });
  }

  const changes: string[] = [];
  if (!course.enablecompletion && params.completion !== 'none') {
    course.enablecompletion = 1;
    changes.push('coursecompletion');
  }
  const result = (module: ModuleRecord, status: string) => ({ cmid: module.id, instanceid: module.instance, status, changes: [...new Set(changes)], packagehash: plugin.activities.get(module.id)?.packagehash ?? '', warnings: [] });

  if (!existing) {
    if (!file) throw pluginError('packagerequired', params.idnumber);
    validatePackage(plugin, params.type, file);
    const module: ModuleRecord = { id: nextId(state, 'module'), courseid: course.id, section: params.sectionnum, modname: params.type, instance: nextId(state, 'instance'), name: params.name, idnumber: params.idnumber, completion: params.completion === 'none' ? 0 : 2, maxgrade: 100 };
    state.modules.set(module.id, module);
    plugin.activities.set(module.id, { cmid: module.id, packagehash: file.sha1, packagefilename: file.filename, intro: params.intro, completionRule: params.completion as WecareCompletion, passmark: params.passmark, settingsmatch: true, visible: params.visible ?? true });
    changes.push('package', 'name', 'section', 'completion', 'settings');
    return result(module, 'created');
  }

  const current = plugin.activities.get(existing.id) ?? { cmid: existing.id, packagehash: '', packagefilename: '', intro: '', completionRule: 'other' as const, passmark: 0, settingsmatch: false, visible: true };
  const packageChanged = Boolean(file && file.sha1 !== current.packagehash);
  if (!file && packagehash && packagehash !== current.packagehash) throw pluginError('packagerequired', params.idnumber);
  if (packageChanged) {
    validatePackage(plugin, params.type, file!);
    changes.push('package');
  }
  if (existing.name !== params.name) changes.push('name');
  if (current.intro !== params.intro) changes.push('intro');
  if (params.visible !== null && current.visible !== params.visible) changes.push('visible');
  const completionChanged = current.completionRule !== params.completion || (params.completion !== 'none' && Math.abs(current.passmark - params.passmark) > 0.005);
  if (completionChanged) changes.push('completion');
  if (!current.settingsmatch) changes.push('settings');
  if (existing.section !== params.sectionnum) changes.push('section');
  if (!changes.some((change) => change !== 'coursecompletion')) return result(existing, changes.length ? 'updated' : 'unchanged');

  existing.name = params.name;
  existing.section = params.sectionnum;
  existing.completion = params.completion === 'none' ? 0 : 2;
  plugin.activities.set(existing.id, {
    cmid: existing.id,
    packagehash: packageChanged ? file!.sha1 : current.packagehash,
    packagefilename: packageChanged ? file!.filename : current.packagefilename,
    intro: params.intro,
    completionRule: params.completion as WecareCompletion,
    passmark: params.completion === 'none' ? current.passmark : params.passmark,
    settingsmatch: true,
    visible: params.visible ?? current.visible,
  });
  if (completionChanged) for (const key of [...state.completion.keys()]) if (key.startsWith(`${existing.id}:`)) state.completion.delete(key);
  return result(existing, 'updated');
}

function deployedPackages(state: DoubleState, plugin: LocalWecareState, { courseid, idnumberprefix }: { courseid: number; idnumberprefix: string }) {
  const course = state.courses.get(courseid);
  if (!course) throw MoodleException.missingRecord('course', courseid);
  const activities = [...state.modules.values()]
    .filter((m) => m.courseid === courseid && ['scorm', 'h5pactivity'].includes(m.modname) && m.idnumber !== '' && m.idnumber.startsWith(idnumberprefix))
    .sort((a, b) => a.id - b.id)
    .map((m) => {
      const extra = plugin.activities.get(m.id);
      return {
        cmid: m.id,
        instanceid: m.instance,
        idnumber: m.idnumber,
        type: m.modname,
        name: m.name,
        intro: extra?.intro ?? '',
        sectionnum: m.section,
        visible: extra?.visible ?? true,
        packagehash: extra?.packagehash ?? '',
        packagefilename: extra?.packagefilename ?? '',
        completion: m.completion === 0 ? 'none' : (extra?.completionRule ?? 'other'),
        passmark: extra?.passmark ?? 0,
        settingsmatch: extra?.settingsmatch ?? false,
      };
    });
  return { courseid, completionenabled: Boolean(course.enablecompletion), activities };
}

function courseProgress(state: DoubleState, plugin: LocalWecareState, { courseid, page, perpage, onlyactive }: { courseid: number; page: number; perpage: number; onlyactive: boolean }) {
  if (page < 0) throw MoodleException.invalidParameter('page must be 0 or more');
  if (perpage < 1 || perpage > 500) throw MoodleException.invalidParameter('perpage must be between 1 and 500');
  const course = state.courses.get(courseid);
  if (!course) throw MoodleException.missingRecord('course', courseid);
  const modules = [...state.modules.values()].filter((m) => m.courseid === courseid && (m.completion > 0 || m.maxgrade > 0)).sort((a, b) => a.section - b.section || a.id - b.id);
  const enrolled = [...(state.enrolments.get(courseid) ?? new Map()).entries()]
    .filter(([userid, enrolment]) => state.users.get(userid) && !state.users.get(userid)!.deleted && (!onlyactive || !enrolment.suspended))
    .sort(([a], [b]) => a - b);
  const slice = enrolled.slice(page * perpage, page * perpage + perpage);
  const criteria = course.completionCriteria;
  return {
    course: { id: course.id, shortname: course.shortname, idnumber: course.idnumber, completionenabled: Boolean(course.enablecompletion), hascriteria: Boolean(criteria?.length) },
    activities: modules.map((m) => ({ cmid: m.id, idnumber: m.idnumber, modname: m.modname, name: m.name, sectionnum: m.section, visible: plugin.activities.get(m.id)?.visible ?? true, completion: m.completion, grademax: m.maxgrade, gradepass: plugin.activities.get(m.id)?.passmark ?? 0 })),
    totalparticipants: enrolled.length,
    page,
    perpage,
    participants: slice.map(([userid, enrolment]) => {
      const user = state.users.get(userid)!;
      const stateOf = (cmid: number) => state.completion.get(`${cmid}:${userid}`);
      const completedAll = Boolean(criteria?.length) && criteria!.every((cmid) => (stateOf(cmid)?.state ?? 0) > 0);
      const timecompleted = completedAll ? Math.max(...criteria!.map((cmid) => stateOf(cmid)?.timecompleted ?? 0)) : 0;
      const grades = modules.map((m) => state.grades.get(`${m.id}:${userid}`)?.graderaw).filter((g): g is number => g !== undefined);
      return {
        userid,
        username: user.username,
        idnumber: user.idnumber,
        active: !enrolment.suspended,
        coursecompleted: completedAll,
        timecompleted,
        groups: [...state.groups.values()].filter((g) => g.courseid === courseid && g.members.has(userid)).sort((a, b) => a.id - b.id).map((g) => ({ id: g.id, idnumber: g.idnumber, name: g.name })),
        ...(grades.length ? { coursegrade: grades.reduce((sum, g) => sum + g, 0) } : {}),
        activities: modules.map((m) => {
          const completion = stateOf(m.id);
          const grade = state.grades.get(`${m.id}:${userid}`);
          const attempts = state.attempts.filter((a) => a.cmid === m.id && a.userid === userid).length;
          return {
            cmid: m.id,
            state: completion?.state ?? 0,
            timemodified: completion?.timecompleted ?? 0,
            ...(grade ? { grade: grade.graderaw } : {}),
            ...(['scorm', 'h5pactivity'].includes(m.modname) ? { attempts } : {}),
          };
        }),
      };
    }),
    warnings: [],
  };
}

function setCriteria(state: DoubleState, { courseid, idnumbers, unlock }: { courseid: number; idnumbers: string[]; unlock: boolean }) {
  const course = state.courses.get(courseid);
  if (!course) throw MoodleException.missingRecord('course', courseid);
  if (!idnumbers.length) throw pluginError('noactivities');
  const cmids = [...new Set(idnumbers)].map((idnumber) => {
    const found = modulesOf(state, courseid, idnumber);
    if (found.length > 1) throw pluginError('duplicateidnumber', idnumber);
    if (!found[0]) throw pluginError('activitynotfound', idnumber);
    if (!found[0].completion) throw pluginError('activitynotracking', idnumber);
    return found[0].id;
  }).sort((a, b) => a - b);
  const current = [...(course.completionCriteria ?? [])].sort((a, b) => a - b);
  if (current.length === cmids.length && current.every((cmid, index) => cmid === cmids[index])) return { status: 'unchanged', cmids, warnings: [] };
  // Moodle locks criteria once learners have course completion data (crit_compl rows).
  const enrolled = [...(state.enrolments.get(courseid)?.keys() ?? [])];
  const locked = current.length > 0 && enrolled.some((userid) => current.some((cmid) => (state.completion.get(`${cmid}:${userid}`)?.state ?? 0) > 0));
  if (locked && !unlock) throw pluginError('criterialocked');
  course.enablecompletion = 1;
  course.completionCriteria = cmids;
  return { status: current.length ? 'updated' : 'created', cmids, warnings: [] };
}

/** local_wecare_get_users_by_idnumber (classes/external/get_users_by_idnumber.php): one query, the sync's fields only. */
function usersByIdnumber(state: DoubleState, params: Record<string, any>) {
  const wanted = new Set(String(params.idnumbers).split('\n').map((line) => line.trim()).filter(Boolean));
  if (wanted.size > 10_000) throw MoodleException.invalidParameter('at most 10000 idnumbers per call');
  const users = [...state.users.values()]
    .filter((user) => !user.deleted && wanted.has(user.idnumber))
    .sort((a, b) => a.id - b.id)
    .map((user) => ({
      id: user.id, username: user.username, idnumber: user.idnumber, firstname: user.firstname, lastname: user.lastname,
      fullname: `${user.firstname} ${user.lastname}`, email: user.email, auth: user.auth, suspended: user.suspended, lang: user.lang,
    }));
  return { users };
}
