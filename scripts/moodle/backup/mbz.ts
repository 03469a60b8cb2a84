/**
 * Assembles a course backup (.mbz) from its model: every XML file Moodle's restore reads, the
 * files' contents under `files/<first two hash characters>/<sha1>`, zipped with the toolkit's
 * deterministic zip (sorted entries, fixed dates), which Moodle's restore reads like its own.
 */
import { createHash } from 'node:crypto';
import { createZip, type ZipEntry } from '../../package/zip.ts';
import { activityDirectory, sectionDirectory, type BackupFile, type CourseBackup } from './model.ts';
import {
  activityGradesXml, activityInforefXml, activityXml, assignIds, courseCompetenciesXml, courseCompletionXml, courseXml, emptyActivityFiles, emptyFiles,
  enrolmentsXml, filesXml, gradebookXml, moduleCompetenciesXml, moduleXml, moodleBackupXml, roleRefXml, rolesDefinitionXml, emptyRolesXml, sectionXml, xmlFile,
} from './xml.ts';

export function backupFile(component: string, filearea: string, filename: string, mimetype: string, data: Buffer): BackupFile {
  return { contenthash: createHash('sha1').update(data).digest('hex'), component, filearea, filename, mimetype, data };
}

export function backupEntries(backup: CourseBackup): ZipEntry[] {
  const ids = assignIds(backup);
  const entries: ZipEntry[] = [
    { name: 'moodle_backup.xml', data: moodleBackupXml(backup) },
    { name: 'files.xml', data: filesXml(ids) },
    { name: 'gradebook.xml', data: gradebookXml() },
    { name: 'roles.xml', data: rolesDefinitionXml() },
    { name: 'course/course.xml', data: courseXml(backup) },
    { name: 'course/inforef.xml', data: roleRefXml() },
    { name: 'course/roles.xml', data: emptyRolesXml() },
    { name: 'course/enrolments.xml', data: enrolmentsXml() },
    { name: 'course/competencies.xml', data: courseCompetenciesXml(backup) },
    ...Object.entries(emptyFiles).map(([name, data]) => ({ name, data })),
  ];
  const modulenames = new Map<number, string>();
  let sortorder = 2;
  for (const section of backup.sections) {
    entries.push({ name: `${sectionDirectory(section)}/section.xml`, data: sectionXml(section) }, { name: `${sectionDirectory(section)}/inforef.xml`, data: xmlFile('inforef', {}) });
    for (const activity of section.activities) {
      modulenames.set(activity.cmid, activity.modulename);
      const dir = activityDirectory(activity);
      entries.push(
        { name: `${dir}/module.xml`, data: moduleXml(activity, section.id, section.number) },
        { name: `${dir}/${activity.modulename}.xml`, data: activityXml(activity) },
        { name: `${dir}/inforef.xml`, data: activityInforefXml(activity, ids) },
        { name: `${dir}/grades.xml`, data: activityGradesXml(activity, ids, ids.gradeItems.has(activity) ? sortorder++ : 0) },
        { name: `${dir}/competencies.xml`, data: moduleCompetenciesXml(backup, activity) },
        ...Object.entries(emptyActivityFiles).map(([name, data]) => ({ name: `${dir}/${name}`, data })),
      );
    }
  }
  entries.push({ name: 'completion.xml', data: courseCompletionXml(backup, modulenames) });
  const stored = new Set<string>();
  for (const ref of [...ids.files.values()].flat()) {
    if (stored.has(ref.file.contenthash)) continue;
    stored.add(ref.file.contenthash);
    entries.push({ name: `files/${ref.file.contenthash.slice(0, 2)}/${ref.file.contenthash}`, data: ref.file.data });
  }
  return entries;
}

export async function writeMbz(backup: CourseBackup): Promise<Buffer> {
  return createZip(backupEntries(backup));
}
