/**
 * The course backup (.mbz) against what Moodle's restore reads: every XML file present and
 * referenced from moodle_backup.xml, ids consistent between files, files.xml content hashes equal
 * to the stored bytes, inforef.xml naming exactly the files and grade items of each activity, the
 * activity settings of docs/moodle.md, and the same bytes from the same sources.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseStringPromise } from 'xml2js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProgrammeIR } from '../../scripts/ir/types.ts';
import { writeMbz } from '../../scripts/moodle/backup/mbz.ts';
import { courseBackups } from '../../scripts/moodle/backup/plan.ts';
import { readZip } from '../../scripts/package/zip.ts';
import type { DeployConfig } from '../../plugin/src/deploy/config.ts';
import { deployItems } from '../../plugin/src/deploy/items.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';

type Node = Record<string, any>;
const first = (node: Node | undefined, key: string): string => {
  const value = node?.[key]?.[0];
  return typeof value === 'string' ? value : value?._ ?? '';
};

const config: DeployConfig = { formats: ['scorm12'], idnumberPrefix: 'wecare', scormCompletion: 'auto', completionCriteria: true, courses: { co: [{ course: 'WC-CO-DEMO', modules: ['m01-demo'], line: 1 }] }, courseKey: 'idnumber' };

async function build(ir: ProgrammeIR, outDir: string): Promise<Buffer> {
  const { items, problems } = deployItems([ir], config, outDir);
  expect(problems).toEqual([]);
  const guide = { name: 'Guía del formador', fileName: 'guia-formador.html', data: Buffer.from('<!doctype html><title>Guía</title>') };
  const [backup] = await courseBackups(ir, config, items, guide);
  return writeMbz(backup!);
}

describe('course backup of the sample programme (variant co)', () => {
  let zip: Map<string, Buffer>;
  let bytes: Buffer;
  let outDir: string;
  let ir: ProgrammeIR;
  const xml = async (name: string): Promise<Node> => {
    const data = zip.get(name);
    if (!data) throw new Error(`${name} is missing from the backup`);
    return parseStringPromise(data.toString('utf8'));
  };

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'wecare-mbz-'));
    ir = sampleProgramme('co', outDir);
    const packageFile = path.join(outDir, 'co', 'm01-demo.scorm12.zip');
    (await import('node:fs')).mkdirSync(path.dirname(packageFile), { recursive: true });
    writeFileSync(packageFile, Buffer.from('PK-not-really-a-scorm-package'));
    bytes = await build(ir, outDir);
    zip = await readZip(bytes);
  });

  it('gives the same bytes for the same sources', async () => {
    expect((await build(ir, outDir)).equals(bytes)).toBe(true);
  });

  it('has every file moodle_backup.xml points to, and nothing it does not', async () => {
    const info = (await xml('moodle_backup.xml')).moodle_backup.information[0];
    const activities = info.contents[0].activities[0].activity as Node[];
    const sections = info.contents[0].sections[0].section as Node[];
    const expected = new Set([
      'moodle_backup.xml', 'files.xml', 'gradebook.xml', 'grade_history.xml', 'groups.xml', 'outcomes.xml', 'questions.xml', 'roles.xml', 'scales.xml', 'badges.xml', 'completion.xml',
      ...['course', 'inforef', 'roles', 'enrolments', 'competencies', 'completiondefaults', 'filters', 'comments', 'calendar', 'contentbank'].map((name) => `course/${name}.xml`),
      ...sections.flatMap((section) => ['section', 'inforef'].map((name) => `${first(section, 'directory')}/${name}.xml`)),
      ...activities.flatMap((activity) => [first(activity, 'modulename'), 'module', 'inforef', 'grades', 'grade_history', 'roles', 'filters', 'comments', 'calendar', 'completion', 'competencies', 'xapistate'].map((name) => `${first(activity, 'directory')}/${name}.xml`)),
    ]);
    const xmlEntries = [...zip.keys()].filter((name) => !name.startsWith('files/'));
    expect(xmlEntries.sort()).toEqual([...expected].sort());
    expect(activities.map((a) => [first(a, 'modulename'), first(a, 'title')])).toEqual([
      ['resource', 'Guía del formador'],
      ['scorm', 'Módulo de prueba'],
      ['label', 'Role-play de acogida'],
    ]);
    const settings = Object.fromEntries((info.settings[0].setting as Node[]).filter((s) => first(s, 'level') === 'root').map((s) => [first(s, 'name'), first(s, 'value')]));
    expect([settings.users, settings.activities, settings.files, settings.competencies]).toEqual(['0', '1', '1', '1']);
  });

  it('keeps section sequences, module sections and activity ids consistent', async () => {
    const info = (await xml('moodle_backup.xml')).moodle_backup.information[0];
    for (const section of info.contents[0].sections[0].section as Node[]) {
      const own = (await xml(`${first(section, 'directory')}/section.xml`)).section;
      const listed = (info.contents[0].activities[0].activity as Node[]).filter((a) => first(a, 'sectionid') === first(section, 'sectionid')).map((a) => first(a, 'moduleid'));
      expect(own.$.id).toBe(first(section, 'sectionid'));
      expect(first(own, 'sequence').split(',').filter(Boolean)).toEqual(listed);
      for (const cmid of listed) {
        const activity = (info.contents[0].activities[0].activity as Node[]).find((a) => first(a, 'moduleid') === cmid)!;
        const module = (await xml(`${first(activity, 'directory')}/module.xml`)).module;
        expect([module.$.id, first(module, 'sectionid'), first(module, 'sectionnumber')]).toEqual([cmid, first(section, 'sectionid'), first(own, 'number')]);
        const body = (await xml(`${first(activity, 'directory')}/${first(activity, 'modulename')}.xml`)).activity;
        expect(body.$.moduleid).toBe(cmid);
      }
    }
  });

  it('lists every stored file in files.xml with its SHA-1, referenced by the inforef.xml of the activity that owns it', async () => {
    const files = ((await xml('files.xml')).files.file ?? []) as Node[];
    expect(files.length).toBe(2);
    for (const file of files) {
      const hash = first(file, 'contenthash');
      const data = zip.get(`files/${hash.slice(0, 2)}/${hash}`)!;
      expect(createHash('sha1').update(data).digest('hex')).toBe(hash);
      expect(String(data.length)).toBe(first(file, 'filesize'));
    }
    const info = (await xml('moodle_backup.xml')).moodle_backup.information[0];
    const referenced: string[] = [];
    for (const activity of info.contents[0].activities[0].activity as Node[]) {
      const dir = first(activity, 'directory');
      const inforef = (await xml(`${dir}/inforef.xml`)).inforef;
      const ids = ((inforef?.fileref?.[0]?.file ?? []) as Node[]).map((f) => first(f, 'id'));
      const contextid = (await xml(`${dir}/${first(activity, 'modulename')}.xml`)).activity.$.contextid;
      for (const id of ids) {
        const file = files.find((f) => f.$.id === id)!;
        expect(file, `file ${id} of ${dir}`).toBeDefined();
        expect(first(file, 'contextid')).toBe(contextid);
        expect(first(file, 'component')).toBe(`mod_${first(activity, 'modulename')}`);
      }
      referenced.push(...ids);
      const gradeRefs = ((inforef?.grade_itemref?.[0]?.grade_item ?? []) as Node[]).map((g) => first(g, 'id'));
      const gradeItems = ((await xml(`${dir}/grades.xml`)).activity_gradebook.grade_items[0]?.grade_item ?? []) as Node[];
      expect(gradeItems.map((g) => g.$.id)).toEqual(gradeRefs);
      for (const item of gradeItems) expect(first(item, 'iteminstance')).toBe(first(activity, 'moduleid'));
    }
    expect(referenced.sort()).toEqual(files.map((f) => f.$.id).sort());
  });

  it('gives the SCORM activity the settings of docs/moodle.md and the pass grade in the gradebook', async () => {
    const scorm = (await xml('activities/scorm_2/scorm.xml')).activity.scorm[0];
    const pick = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, first(scorm, key)]));
    expect(pick(['popup', 'width', 'height', 'skipview', 'hidetoc', 'nav', 'hidebrowse', 'grademethod', 'maxgrade', 'maxattempt', 'whatgrade', 'forcenewattempt', 'masteryoverride', 'forcecompleted', 'auto', 'autocommit', 'completionstatusrequired', 'version', 'reference'])).toEqual({
      popup: '0', width: '100', height: '640', skipview: '2', hidetoc: '1', nav: '0', hidebrowse: '1', grademethod: '1', maxgrade: '100', maxattempt: '0', whatgrade: '0',
      forcenewattempt: '0', masteryoverride: '0', forcecompleted: '0', auto: '0', autocommit: '0', completionstatusrequired: '2', version: 'SCORM_1.2', reference: 'm01-demo.scorm12.zip',
    });
    const module = (await xml('activities/scorm_2/module.xml')).module;
    expect([first(module, 'completion'), first(module, 'completiongradeitemnumber'), first(module, 'idnumber')]).toEqual(['2', '0', 'wecare-co-m01-demo-scorm12']);
    const grade = (await xml('activities/scorm_2/grades.xml')).activity_gradebook.grade_items[0].grade_item[0];
    expect([first(grade, 'gradepass'), first(grade, 'grademax'), first(grade, 'itemmodule')]).toEqual(['70.00000', '100.00000', 'scorm']);
  });

  it('makes course completion require every packaged activity', async () => {
    const criteria = (await xml('completion.xml')).course_completion.course_completion_criteria as Node[];
    expect(criteria.map((c) => [first(c, 'criteriatype'), first(c, 'module'), first(c, 'moduleinstance')])).toEqual([['4', 'scorm', '2']]);
  });

  it('shows the face-to-face activity as a label in its module section and hides the guide from learners', async () => {
    const label = (await xml('activities/label_3/label.xml')).activity.label[0];
    expect(first(label, 'intro')).toBe('<div class="wecare-f2f"><p><strong>Actividad presencial: Role-play de acogida</strong></p><p>En grupo · 45 min</p><p>Lo haremos en el aula.</p></div>');
    expect(first(label, 'intro')).not.toContain('PASO-FORMADOR');
    expect(first((await xml('activities/label_3/module.xml')).module, 'sectionnumber')).toBe('1');
    const guide = (await xml('activities/resource_1/module.xml')).module;
    expect([first(guide, 'visible'), first(guide, 'sectionnumber')]).toEqual(['0', '0']);
  });

  it('links the course and the activity to the programme framework by idnumber', async () => {
    const course = (await xml('course/competencies.xml')).course_competencies.competencies[0].competency as Node[];
    expect(course.map((c) => [first(c, 'idnumber'), first(c, 'frameworkidnumber')])).toEqual([['C1.1', 'demo'], ['C1.2', 'demo']]);
    const activity = (await xml('activities/scorm_2/competencies.xml')).course_module_competencies.competencies[0].competency as Node[];
    expect(activity.map((c) => first(c, 'idnumber'))).toEqual(['C1.1', 'C1.2']);
  });

  it('carries H5P activities, completed on their pass grade, when moodle.deploy.formats says h5p', async () => {
    const h5pConfig: DeployConfig = { ...config, formats: ['h5p'] };
    const { items, problems } = deployItems([ir], h5pConfig, outDir);
    expect(problems).toEqual([]);
    const fs = await import('node:fs');
    for (const item of items) {
      fs.mkdirSync(path.dirname(item.file), { recursive: true });
      fs.writeFileSync(item.file, Buffer.from(`h5p ${item.idnumber}`));
    }
    const [backup] = await courseBackups(ir, h5pConfig, items, undefined);
    const h5p = await readZip(await writeMbz(backup!));
    const names = [...h5p.keys()].filter((name) => /^activities\/h5pactivity_\d+\/h5pactivity\.xml$/.test(name));
    expect(names.length).toBe(items.length);
    const module = await parseStringPromise(h5p.get(names[0]!.replace('h5pactivity.xml', 'module.xml'))!.toString('utf8'));
    expect([first(module.module, 'completion'), first(module.module, 'completionpassgrade'), first(module.module, 'completiongradeitemnumber')]).toEqual(['2', '1', '0']);
    const files = (await parseStringPromise(h5p.get('files.xml')!.toString('utf8'))).files.file as Node[];
    expect(files.map((f) => [first(f, 'component'), first(f, 'filearea')])).toEqual(items.map(() => ['mod_h5pactivity', 'package']));
    expect([...h5p.keys()].some((name) => name.startsWith('activities/resource_'))).toBe(false);
  });
});
