/**
 * What a course backup holds, before it becomes Moodle's XML files: the course, its sections,
 * the activities of each section and the files they carry. Ids here are the backup's own (Moodle
 * maps every one of them to new ids on restore); they only have to be consistent inside the file.
 */

export type CompletionRule =
  /** SCORM: the status the SCO reports (`passed`, `completed`, or either). */
  | { kind: 'scorm-status'; status: 'passed' | 'completed' | 'passedorcompleted'; useGrade: boolean }
  /** H5P: a grade at or above the pass grade. */
  | { kind: 'pass-grade' }
  /** Viewed at least once. */
  | { kind: 'view' }
  | { kind: 'none' };

export interface BackupFile {
  /** Lower-case hex SHA-1 of the bytes: Moodle's content hash, and the file's path in the backup. */
  contenthash: string;
  component: string;
  filearea: string;
  filename: string;
  mimetype: string;
  data: Buffer;
}

interface ActivityBase {
  /** Course-module id in the backup. */
  cmid: number;
  /** Module context id in the backup. */
  contextid: number;
  name: string;
  /** Course-module idnumber (empty for labels and pages). */
  idnumber: string;
  visible: boolean;
  completion: CompletionRule;
  /** Competency idnumbers linked to the activity. */
  competencies: string[];
  files: BackupFile[];
}

export interface ScormActivity extends ActivityBase {
  modulename: 'scorm';
  introHtml: string;
  /** `SCORM_1.2` or `SCORM_1.3`. */
  version: string;
  packageName: string;
  /** Percentage 0–100 recorded as the gradebook pass grade; 0 for none. */
  gradepass: number;
}

export interface H5pActivity extends ActivityBase {
  modulename: 'h5pactivity';
  introHtml: string;
  packageName: string;
  gradepass: number;
}

export interface LabelActivity extends ActivityBase {
  modulename: 'label';
  html: string;
}

export interface ResourceActivity extends ActivityBase {
  modulename: 'resource';
  introHtml: string;
}

export type BackupActivity = ScormActivity | H5pActivity | LabelActivity | ResourceActivity;

export interface BackupSection {
  id: number;
  number: number;
  /** Null for section 0, which keeps Moodle's own name. */
  name: string | null;
  summaryHtml: string;
  activities: BackupActivity[];
}

export interface CourseBackup {
  /** The backup's file name, e.g. `WC-CO-FORMACION.mbz`. */
  fileName: string;
  fullname: string;
  shortname: string;
  idnumber: string;
  summaryHtml: string;
  /** BCP 47 primary language of the content, e.g. `es`; empty leaves the course language unforced. */
  lang: string;
  sections: BackupSection[];
  /** Competency framework idnumber the competency links refer to. */
  frameworkIdnumber: string;
  /** Competency idnumbers linked to the course. */
  competencies: string[];
  /** Stands for the site the backup "comes from": stable per programme, variant and course. */
  siteHash: string;
  /** Every activity whose completion makes the course complete. */
  completionCmids: number[];
}

export const COURSE_ID = 1;
export const COURSE_CONTEXT_ID = 2;
export const SYSTEM_CONTEXT_ID = 1;
/** Every date in the backup: the same sources give the same bytes. 2020-01-01T00:00:00Z. */
export const FIXED_TIME = 1577836800;
/** Written as "made by Moodle 4.5 LTS": 4.5 and 5.0 both restore it and apply no upgrade step to it. */
export const BACKUP_VERSION = { moodleVersion: '2024100700', moodleRelease: '4.5 (Build: 20241007)', backupVersion: '2024100700', backupRelease: '4.5' };

export const activityDirectory = (activity: BackupActivity) => `activities/${activity.modulename}_${activity.cmid}`;
export const sectionDirectory = (section: BackupSection) => `sections/section_${section.id}`;
