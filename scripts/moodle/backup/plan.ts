/**
 * From the programme resolved for one variant and `moodle.deploy`: one course backup model per
 * mapped course — a section per module (title, summary), its packaged activities with the
 * settings of docs/moodle.md, each face-to-face activity as a label, the trainer guide as a file
 * hidden from learners, course completion on every packaged activity, competency links.
 * Pure apart from reading the package files named by the deploy items.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FaceToFace, ModuleIR, ProgrammeIR } from '../../ir/types.ts';
import { resolveStrings } from '../../../templates/player/i18n/index.ts';
import { escapeHtml } from '../../html/escape.ts';
import type { DeployConfig } from '../../../plugin/src/deploy/config.ts';
import type { DeployItem } from '../../../plugin/src/deploy/items.ts';
import { competencyIdnumber, frameworkIdnumber } from '../competencies/ids.ts';
import { backupFile } from './mbz.ts';
import { COURSE_CONTEXT_ID, type BackupActivity, type BackupSection, type CompletionRule, type CourseBackup } from './model.ts';

export interface GuideFile {
  name: string;
  fileName: string;
  data: Buffer;
}

/** The label learners see for a face-to-face activity: what, how long, in a group or alone, what to bring. */
export function faceToFaceHtml(activity: FaceToFace, locale: string): string {
  const s = resolveStrings(locale);
  const mode = activity.mode === 'collective' ? s.collective : s.individual;
  const minutes = (s.minutes ?? '{n} min').replace('{n}', String(activity.durationMinutes));
  return `<div class="wecare-f2f"><p><strong>${escapeHtml(s.f2f ?? '')}: ${escapeHtml(activity.title)}</strong></p><p>${escapeHtml(mode ?? '')} · ${escapeHtml(minutes)}</p>${activity.learnerHtml}</div>`;
}

function completionOf(item: DeployItem): CompletionRule {
  if (item.type === 'h5pactivity') return item.completion === 'passgrade' ? { kind: 'pass-grade' } : { kind: 'view' };
  const status = item.completion === 'passed' || item.completion === 'completed' || item.completion === 'passedorcompleted' ? item.completion : 'completed';
  return { kind: 'scorm-status', status, useGrade: item.passmark > 0 };
}

const faceToFace = (module: ModuleIR) => module.lessons.flatMap((lesson) => lesson.blocks).filter((block): block is FaceToFace => block.kind === 'face-to-face');

export async function courseBackups(programme: ProgrammeIR, config: DeployConfig, items: DeployItem[], guide: GuideFile | undefined): Promise<CourseBackup[]> {
  const variant = programme.variant;
  const modules = new Map([...programme.modules, ...(programme.assessment ? [programme.assessment] : [])].map((module) => [module.id, module]));
  const backups: CourseBackup[] = [];
  for (const mapping of config.courses[variant.code] ?? []) {
    let cmid = 0;
    const nextActivity = () => {
      cmid += 1;
      return { cmid, contextid: COURSE_CONTEXT_ID + cmid };
    };
    const sections: BackupSection[] = [{ id: 1, number: 0, name: null, summaryHtml: '', activities: [] }];
    if (guide) {
      sections[0]!.activities.push({
        modulename: 'resource', ...nextActivity(), name: guide.name, idnumber: '', visible: false, completion: { kind: 'none' }, competencies: [], introHtml: '',
        files: [backupFile('mod_resource', 'content', guide.fileName, 'text/html', guide.data)],
      });
    }
    const competences: string[] = [];
    const completionCmids: number[] = [];
    for (const [index, moduleId] of mapping.modules.entries()) {
      const module = modules.get(moduleId);
      if (!module) continue;
      const section: BackupSection = { id: index + 2, number: index + 1, name: module.title, summaryHtml: module.summary ? `<p>${escapeHtml(module.summary)}</p>` : '', activities: [] };
      const linked = module.competences.map(competencyIdnumber);
      for (const id of linked) if (!competences.includes(id)) competences.push(id);
      for (const item of items.filter((candidate) => candidate.course === mapping.course && candidate.sectionnum === index + 1)) {
        const data = await readFile(item.file);
        const packageName = path.basename(item.file);
        const common = { ...nextActivity(), name: item.name, idnumber: item.idnumber, visible: config.visible ?? true, completion: completionOf(item), competencies: linked, introHtml: item.intro ? `<p>${escapeHtml(item.intro)}</p>` : '' };
        const activity: BackupActivity = item.type === 'scorm'
          ? { ...common, modulename: 'scorm', version: item.format === 'scorm2004' ? 'SCORM_1.3' : 'SCORM_1.2', packageName, gradepass: item.passmark, files: [backupFile('mod_scorm', 'package', packageName, 'application/zip', data)] }
          : { ...common, modulename: 'h5pactivity', packageName, gradepass: item.passmark, files: [backupFile('mod_h5pactivity', 'package', packageName, 'application/zip.h5p', data)] };
        section.activities.push(activity);
        if (config.completionCriteria) completionCmids.push(activity.cmid);
      }
      for (const f2f of faceToFace(module)) {
        section.activities.push({ modulename: 'label', ...nextActivity(), name: f2f.title, idnumber: '', visible: true, completion: { kind: 'none' }, competencies: [], html: faceToFaceHtml(f2f, module.locale), files: [] });
      }
      sections.push(section);
    }
    backups.push({
      fileName: `${mapping.course}.mbz`,
      fullname: `${programme.programme.title} · ${mapping.course}`,
      shortname: mapping.course,
      idnumber: mapping.course,
      summaryHtml: `<p>${escapeHtml(programme.programme.title)} (${escapeHtml(variant.name)})</p>`,
      // Not forced: a course language Moodle has no pack for would be dropped or break the interface.
      lang: '',
      sections,
      frameworkIdnumber: frameworkIdnumber(programme.programme),
      competencies: competences,
      siteHash: createHash('md5').update(`${programme.programme.id}\u0000${variant.code}\u0000${mapping.course}`).digest('hex'),
      completionCmids,
    });
  }
  return backups;
}
