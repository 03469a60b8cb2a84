/**
 * `wecare moodle deploy` against the Moodle test double extended with local_wecare: plan, apply,
 * idempotence, one changed package, bad packages, a missing plugin.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDeployConfig } from '../../../plugin/src/deploy/config.ts';
import { deployItems, type DeployItem } from '../../../plugin/src/deploy/items.ts';
import { PluginUnavailableError, runDeploy, type DeployRunOptions } from '../../../plugin/src/deploy/run.ts';
import { formatDeployReport } from '../../../plugin/src/deploy/table.ts';
import { DraftUploader } from '../../../plugin/src/deploy/upload.ts';
import { createMoodleDouble, seedCourse, seedEnrolment, seedProgress, seedUser, type MoodleDouble } from '../double/index.ts';
import { installLocalWecare, localWecareState, type LocalWecareState } from '../double/local-wecare.ts';
import { clientFor } from '../helpers.ts';
import { deployProgramme, h5pZip, scormZip, tempDir, zipWithDirectoryEntry } from './fixtures.ts';

let double: MoodleDouble;
let plugin: LocalWecareState;
let url: string;
const dist = tempDir();
const media = tempDir();
const programmes = [deployProgramme('co', media), deployProgramme('es', media)];
const config = parseDeployConfig(`
moodle:
  deploy:
    courses:
      co:
        WC-CO-M01: [m01-demo, m02-sinquiz]
        WC-CO-DIAG: [diagnostico]
      es:
        WC-ES-M01: [m01-demo]
`);
const { items } = deployItems(programmes, config, dist);

async function writePackages(version = 'v1'): Promise<void> {
  for (const item of items) {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(item.file), { recursive: true });
    writeFileSync(item.file, await scormZip(item.name, `${item.idnumber} ${version}`));
  }
}

function options(overrides: Partial<DeployRunOptions> = {}): DeployRunOptions {
  const client = clientFor(url, double.token);
  return {
    client,
    uploader: new DraftUploader({ url, token: double.token, sleep: async () => {} }),
    items,
    courseKey: config.courseKey,
    idnumberPrefix: config.idnumberPrefix,
    apply: false,
    completionCriteria: true,
    ...overrides,
  };
}

/**
 * An uploader whose first upload finishes last, as on a slow connection: it waits until a later
 * upload has finished (an event, not a delay, so a loaded machine cannot reorder it).
 */
class FirstUploadLast extends DraftUploader {
  private started = 0;
  private laterFinished!: () => void;
  private readonly later = new Promise<void>((resolve) => (this.laterFinished = resolve));

  override async upload(name: string, data: Buffer): ReturnType<DraftUploader['upload']> {
    if (this.started++ === 0) {
      await this.later;
      return super.upload(name, data);
    }
    try {
      return await super.upload(name, data);
    } finally {
      this.laterFinished();
    }
  }
}

const outcomes = (report: Awaited<ReturnType<typeof runDeploy>>) => report.rows.map((row) => `${row.idnumber} ${row.outcome}${row.changes.length && row.outcome !== 'created' ? ` ${row.changes.join('+')}` : ''}`);

beforeAll(async () => {
  double = createMoodleDouble();
  plugin = installLocalWecare(double);
  url = await double.start();
  for (const key of ['WC-CO-M01', 'WC-CO-DIAG', 'WC-ES-M01']) seedCourse(double.state, { shortname: key.toLowerCase(), idnumber: key });
  await writePackages();
});
afterAll(() => double.stop());
afterEach(() => {
  expect(double.contractViolations).toEqual([]);
});

describe('deploying packages into Moodle courses', () => {
  it('plans without touching the site (dry run)', async () => {
    const report = await runDeploy(options());
    expect(outcomes(report)).toEqual([
      'wecare-co-m01-demo-scorm12 would create',
      'wecare-co-m02-sinquiz-scorm12 would create',
      'wecare-co-diagnostico-scorm12 would create',
      'wecare-es-m01-demo-scorm12 would create',
    ]);
    expect(report.uploads).toBe(0);
    expect(double.state.modules.size).toBe(0);
    expect(double.callCount('local_wecare_deploy_package')).toBe(0);
    expect(formatDeployReport(report)).toContain('Dry run: nothing was changed on the site. Run again with --apply to deploy.');
  });

  it('creates every activity once, in its section and in programme order, with completion criteria', async () => {
    const uploader = new FirstUploadLast({ url, token: double.token, sleep: async () => {} });
    const report = await runDeploy(options({ apply: true, uploader }));
    expect(outcomes(report)).toEqual([
      'wecare-co-m01-demo-scorm12 created',
      'wecare-co-m02-sinquiz-scorm12 created',
      'wecare-co-diagnostico-scorm12 created',
      'wecare-es-m01-demo-scorm12 created',
    ]);
    expect(report.uploads).toBe(4);
    // Uploads run side by side, so courses are filled in any order; within a course, in programme order.
    const byCourse = new Map<number, Array<[string, number, string]>>();
    for (const m of double.state.modules.values()) byCourse.set(m.courseid, [...(byCourse.get(m.courseid) ?? []), [m.idnumber, m.section, m.modname]]);
    expect([...byCourse.values()].sort((a, b) => a[0]![0].localeCompare(b[0]![0]))).toEqual([
      [['wecare-co-diagnostico-scorm12', 1, 'scorm']],
      [['wecare-co-m01-demo-scorm12', 1, 'scorm'], ['wecare-co-m02-sinquiz-scorm12', 2, 'scorm']],
      [['wecare-es-m01-demo-scorm12', 1, 'scorm']],
    ]);
    const rules = Object.fromEntries([...plugin.activities.values()].map((a) => [double.state.modules.get(a.cmid)!.idnumber, [a.completionRule, a.passmark]]));
    expect(rules).toEqual({
      'wecare-co-m01-demo-scorm12': ['passed', 70],
      'wecare-co-m02-sinquiz-scorm12': ['completed', 0],
      'wecare-co-diagnostico-scorm12': ['completed', 0],
      'wecare-es-m01-demo-scorm12': ['passed', 70],
    });
    const course = [...double.state.courses.values()].find((c) => c.idnumber === 'WC-CO-M01')!;
    expect(course.completionCriteria).toHaveLength(2);
    expect(report.courses.map((c) => c.criteria)).toEqual(['created', 'created', 'created']);
    const table = formatDeployReport(report);
    expect(table.split('\n').slice(0, 3).join('\n')).toMatchInlineSnapshot(`
      "course      section  activity                 format   result
      ----------  -------  -----------------------  -------  -------
      WC-CO-M01   1        ${programmes[0]!.modules[0]!.title.padEnd(23)}  scorm12  created"
    `);
    expect(table).toContain('4 created, 0 updated, 0 unchanged; 4 package(s) uploaded.');
  });

  it('changes nothing and uploads nothing when deployed again', async () => {
    double.resetCalls();
    const report = await runDeploy(options({ apply: true }));
    expect(new Set(report.rows.map((row) => row.outcome))).toEqual(new Set(['unchanged']));
    expect(report.uploads).toBe(0);
    expect(double.callCount('local_wecare_deploy_package')).toBe(0);
    expect(report.courses.map((c) => c.criteria)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(double.state.modules.size).toBe(4);
  });

  it('updates only the package that changed, keeping learners\' completion', async () => {
    const changed = items.find((item) => item.idnumber === 'wecare-co-m02-sinquiz-scorm12')!;
    writeFileSync(changed.file, await scormZip(changed.name, 'revised lesson'));
    const learner = seedUser(double.state, { username: 'p1', idnumber: 'P-1' });
    const module = [...double.state.modules.values()].find((m) => m.idnumber === changed.idnumber)!;
    seedEnrolment(double.state, module.courseid, learner.id);
    seedProgress(double.state, { cmid: module.id, userid: learner.id, state: 1 });

    const report = await runDeploy(options({ apply: true }));
    expect(outcomes(report)).toEqual([
      'wecare-co-m01-demo-scorm12 unchanged',
      'wecare-co-m02-sinquiz-scorm12 updated package',
      'wecare-co-diagnostico-scorm12 unchanged',
      'wecare-es-m01-demo-scorm12 unchanged',
    ]);
    expect(report.uploads).toBe(1);
    expect(double.state.modules.get(module.id)!.idnumber).toBe(changed.idnumber);
    expect(double.state.completion.get(`${module.id}:${learner.id}`)?.state).toBe(1);
    expect(double.state.modules.size).toBe(4);
  });

  it('sends settings changes without uploading the unchanged package', async () => {
    const moved: DeployItem[] = items.map((item) => (item.idnumber === 'wecare-es-m01-demo-scorm12' ? { ...item, name: 'Módulo 1 (revisado)', sectionnum: 3 } : item));
    const report = await runDeploy(options({ apply: true, items: moved }));
    const row = report.rows.find((r) => r.idnumber === 'wecare-es-m01-demo-scorm12')!;
    expect([row.outcome, row.changes, row.uploaded]).toEqual(['updated', ['name', 'section'], false]);
    expect(report.uploads).toBe(0);
  });

  it('reports a bad package on its row and deploys the others', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.scorm12.zip');
    writeFileSync(bad, await zipWithDirectoryEntry({ 'index.html': '<p>no manifest</p>' }, 'media'));
    const h5pMissing = path.join(dir, 'needs-lib.h5p');
    writeFileSync(h5pMissing, await h5pZip({ title: 'Libro', mainLibrary: 'H5P.InteractiveBook', version: [1, 11] }));
    const h5pDirs = path.join(dir, 'dirs.h5p');
    writeFileSync(h5pDirs, await zipWithDirectoryEntry({ 'h5p.json': '{}' }, 'content'));
    const h5pBundled = path.join(dir, 'bundled.h5p');
    writeFileSync(h5pBundled, await h5pZip({ title: 'Texto', bundleLibrary: true }));
    const base = { variant: 'co', course: 'WC-CO-DIAG', sectionnum: 4, sectionname: 'Extra', intro: '', format: 'h5p' as const, type: 'h5pactivity' as const, completion: 'passgrade' as const, passmark: 60 };
    const extra: DeployItem[] = [
      { ...base, idnumber: 'wecare-co-bad-scorm12', name: 'Sin manifiesto', type: 'scorm', format: 'scorm12', completion: 'completed', passmark: 0, file: bad },
      { ...base, idnumber: 'wecare-co-book-h5p', name: 'Libro', file: h5pMissing },
      { ...base, idnumber: 'wecare-co-dirs-h5p', name: 'Con carpetas', file: h5pDirs },
      { ...base, idnumber: 'wecare-co-text-h5p', name: 'Texto', file: h5pBundled },
      { ...base, idnumber: 'wecare-co-missing-h5p', name: 'No construido', file: path.join(dir, 'missing.h5p') },
    ];
    const report = await runDeploy(options({ apply: true, items: extra, completionCriteria: false }));
    expect(report.rows.map((row) => [row.idnumber, row.outcome, row.message])).toEqual([
      ['wecare-co-bad-scorm12', 'failed', "local_wecare_deploy_package: Moodle's SCORM validation refused the package: Incorrect file package - missing imsmanifest.xml or AICC structure [invalidscorm]"],
      ['wecare-co-book-h5p', 'failed', "local_wecare_deploy_package: Moodle's H5P validation refused the package: Missing main library H5P.InteractiveBook 1.11 [invalidh5p]"],
      ['wecare-co-dirs-h5p', 'failed', "local_wecare_deploy_package: The H5P package contains directory entries (content/); Moodle's H5P validator rejects such packages. Rebuild it without directory entries. [h5pdirectoryentries]"],
      ['wecare-co-text-h5p', 'created', undefined],
      ['wecare-co-missing-h5p', 'failed', expect.stringMatching(/^package missing\.h5p is missing \(.*ENOENT.*\); run `wecare build` first, or deploy without --prebuilt$/)],
    ]);
    expect(plugin.siteLibraries.has('H5P.Text 1.1')).toBe(true);
    expect(formatDeployReport(report)).toContain('1 created, 0 updated, 0 unchanged, 4 failed; 4 package(s) uploaded.');
  });

  it('refuses an activity of another type under the same idnumber instead of duplicating it', async () => {
    const item = items.find((i) => i.idnumber === 'wecare-co-m01-demo-scorm12')!;
    const report = await runDeploy(options({ apply: true, items: [{ ...item, type: 'h5pactivity', format: 'h5p', completion: 'passgrade' }], completionCriteria: false }));
    expect(report.rows[0]).toMatchObject({ outcome: 'conflict', message: 'the course already has a scorm activity with idnumber wecare-co-m01-demo-scorm12; rename or delete it in Moodle' });
    expect([...double.state.modules.values()].filter((m) => m.idnumber === item.idnumber)).toHaveLength(1);
  });

  it('says which course is missing on the site', async () => {
    const report = await runDeploy(options({ items: [{ ...items[0]!, course: 'WC-XX-404' }, { ...items[1]!, course: 'WC-XX-404' }], completionCriteria: false }));
    expect(report.rows[0]).toMatchObject({ outcome: 'conflict', message: 'no course with idnumber "WC-XX-404" on the site (create it, or fix moodle.deploy.courses)' });
    expect(formatDeployReport(report)).toContain('Notes:\n  WC-XX-404 (2 activities): no course with idnumber "WC-XX-404" on the site (create it, or fix moodle.deploy.courses)\n');
  });

  it('leaves course completion criteria alone when learners completed and the criteria would change', async () => {
    const course = [...double.state.courses.values()].find((c) => c.idnumber === 'WC-CO-M01')!;
    const [first] = course.completionCriteria!;
    const learner = seedUser(double.state, { username: 'p2', idnumber: 'P-2' });
    seedEnrolment(double.state, course.id, learner.id);
    seedProgress(double.state, { cmid: first!, userid: learner.id, state: 1 });
    const onlyFirst = items.filter((item) => item.idnumber !== 'wecare-co-m02-sinquiz-scorm12');
    const report = await runDeploy(options({ apply: true, items: onlyFirst }));
    const outcome = report.courses.find((c) => c.course === 'WC-CO-M01')!;
    expect(outcome).toMatchObject({ criteria: 'failed', stray: [{ idnumber: 'wecare-co-m02-sinquiz-scorm12' }] });
    expect(outcome.message).toMatch(/--unlock-criteria/);
    const unlocked = await runDeploy(options({ apply: true, items: onlyFirst, unlockCriteria: true }));
    expect(unlocked.courses.find((c) => c.course === 'WC-CO-M01')!.criteria).toBe('updated');
    expect(course.completionCriteria).toEqual([first]);
    expect(formatDeployReport(unlocked)).toContain("WC-CO-M01: 1 activity(ies) with the toolkit's idnumber prefix are not in the programme and were left alone: wecare-co-m02-sinquiz-scorm12");
  });
});

describe('a site without the plugin', () => {
  it('explains how to install it, before anything is uploaded', async () => {
    const bare = createMoodleDouble();
    const bareUrl = await bare.start();
    try {
      const run = runDeploy({ ...options(), client: clientFor(bareUrl, bare.token), uploader: new DraftUploader({ url: bareUrl, token: bare.token }) });
      await expect(run).rejects.toThrow(PluginUnavailableError);
      const message = await run.catch((error: Error) => error.message);
      expect(message).toContain('The local_wecare plugin is not installed on http://127.0.0.1:');
      expect(message).toContain('npx wecare moodle plugin-zip');
      expect(message).toContain('Site administration > Plugins > Install plugins');
      expect(message).not.toContain(bare.token);
      expect(bare.calls.map((call) => call.functionName)).toEqual(['core_webservice_get_site_info', 'local_wecare_deploy_package']);
    } finally {
      await bare.stop();
    }
  });

  it('asks for an upgrade when the plugin is older than the toolkit needs', async () => {
    const old = createMoodleDouble();
    installLocalWecare(old, { version: '2025010100' });
    const oldUrl = await old.start();
    try {
      const run = runDeploy({ ...options(), client: clientFor(oldUrl, old.token), uploader: new DraftUploader({ url: oldUrl, token: old.token }) });
      await expect(run).rejects.toThrow(/version 2025010100; this toolkit needs 2026112200 or later/);
    } finally {
      await old.stop();
    }
  });

  it('refuses to apply when the token\'s service cannot upload files', async () => {
    const noUpload = createMoodleDouble();
    installLocalWecare(noUpload, { uploadfiles: false });
    const noUploadUrl = await noUpload.start();
    try {
      const run = runDeploy({ ...options({ apply: true }), client: clientFor(noUploadUrl, noUpload.token), uploader: new DraftUploader({ url: noUploadUrl, token: noUpload.token }) });
      await expect(run).rejects.toThrow(/does not allow file uploads/);
      expect(localWecareState(noUpload).uploads).toBe(0);
    } finally {
      await noUpload.stop();
    }
  });
});
