/**
 * Moodle 2 backup format ("moodle2"): the XML files a course backup holds, as Moodle's own backup
 * writes them (backup/moodle2/backup_stepslib.php and each module's backup steps). Written with
 * xml2js; `$@NULL@$` is Moodle's marker for a database NULL.
 */
import { Builder } from 'xml2js';
import {
  activityDirectory, BACKUP_VERSION, COURSE_CONTEXT_ID, COURSE_ID, FIXED_TIME, sectionDirectory, SYSTEM_CONTEXT_ID,
  type BackupActivity, type BackupFile, type CompletionRule, type CourseBackup,
} from './model.ts';

export const NULL = '$@NULL@$';
type Node = Record<string, unknown>;

export function xmlFile(root: string, body: Node): string {
  const builder = new Builder({ rootName: root, xmldec: { version: '1.0', encoding: 'UTF-8' }, renderOpts: { pretty: true, indent: '  ', newline: '\n' } });
  return builder.buildObject(body);
}

const list = <T>(items: T[]): T[] | '' => (items.length ? items : '');

export interface FileRef {
  id: number;
  contextid: number;
  file: BackupFile;
}

/** Ids the files and grade items get, decided once so every file that names them agrees. */
export interface BackupIds {
  files: Map<BackupActivity, FileRef[]>;
  gradeItems: Map<BackupActivity, number>;
}

export function assignIds(backup: CourseBackup): BackupIds {
  const files = new Map<BackupActivity, FileRef[]>();
  const gradeItems = new Map<BackupActivity, number>();
  let fileId = 1;
  let gradeItemId = 2; // 1 is the course's own grade item.
  for (const activity of backup.sections.flatMap((section) => section.activities)) {
    files.set(activity, activity.files.map((file) => ({ id: fileId++, contextid: activity.contextid, file })));
    if (isGraded(activity)) gradeItems.set(activity, gradeItemId++);
  }
  return { files, gradeItems };
}

export const isGraded = (activity: BackupActivity) => activity.modulename === 'scorm' || activity.modulename === 'h5pactivity';

export function moodleBackupXml(backup: CourseBackup): string {
  const activities = backup.sections.flatMap((section) => section.activities.map((activity) => ({ section, activity })));
  const rootSettings: Array<[string, string]> = [
    ['filename', backup.fileName], ['imscc11', '0'], ['users', '0'], ['anonymize', '0'], ['role_assignments', '0'], ['activities', '1'],
    ['blocks', '0'], ['files', '1'], ['filters', '0'], ['comments', '0'], ['badges', '0'], ['calendarevents', '0'], ['userscompletion', '0'],
    ['logs', '0'], ['grade_histories', '0'], ['groups', '0'], ['competencies', '1'], ['customfield', '0'], ['contentbankcontent', '0'],
    ['xapistate', '0'], ['legacyfiles', '0'],
  ];
  const settings: Node[] = rootSettings.map(([name, value]) => ({ level: 'root', name, value }));
  for (const section of backup.sections) {
    const key = `section_${section.id}`;
    settings.push({ level: 'section', section: key, name: `${key}_included`, value: '1' }, { level: 'section', section: key, name: `${key}_userinfo`, value: '0' });
    for (const activity of section.activities) {
      const name = `${activity.modulename}_${activity.cmid}`;
      settings.push({ level: 'activity', activity: name, name: `${name}_included`, value: '1' }, { level: 'activity', activity: name, name: `${name}_userinfo`, value: '0' });
    }
  }
  return xmlFile('moodle_backup', {
    information: {
      name: backup.fileName,
      moodle_version: BACKUP_VERSION.moodleVersion,
      moodle_release: BACKUP_VERSION.moodleRelease,
      backup_version: BACKUP_VERSION.backupVersion,
      backup_release: BACKUP_VERSION.backupRelease,
      backup_date: FIXED_TIME,
      mnet_remoteusers: 0,
      include_files: 1,
      include_file_references_to_external_content: 0,
      original_wwwroot: 'https://wecare-toolkit.invalid',
      original_site_identifier_hash: backup.siteHash,
      original_course_id: COURSE_ID,
      original_course_format: 'topics',
      original_course_fullname: backup.fullname,
      original_course_shortname: backup.shortname,
      original_course_startdate: 0,
      original_course_enddate: 0,
      original_course_contextid: COURSE_CONTEXT_ID,
      original_system_contextid: SYSTEM_CONTEXT_ID,
      details: { detail: { $: { backup_id: backup.siteHash }, type: 'course', format: 'moodle2', interactive: 1, mode: 10, execution: 1, executiontime: 0 } },
      contents: {
        activities: { activity: activities.map(({ section, activity }) => ({ moduleid: activity.cmid, sectionid: section.id, modulename: activity.modulename, title: activity.name, directory: activityDirectory(activity), insubsection: '' })) },
        sections: { section: backup.sections.map((section) => ({ sectionid: section.id, title: section.name ?? String(section.number), directory: sectionDirectory(section), parentcmid: '', modname: '' })) },
        course: { courseid: COURSE_ID, title: backup.shortname, directory: 'course' },
      },
      settings: { setting: settings },
    },
  });
}

export function courseXml(backup: CourseBackup): string {
  return xmlFile('course', {
    $: { id: COURSE_ID, contextid: COURSE_CONTEXT_ID },
    shortname: backup.shortname,
    fullname: backup.fullname,
    idnumber: backup.idnumber,
    summary: backup.summaryHtml,
    summaryformat: 1,
    format: 'topics',
    showgrades: 1,
    newsitems: 0,
    startdate: 0,
    enddate: 0,
    marker: 0,
    maxbytes: 0,
    legacyfiles: 0,
    showreports: 0,
    visible: 1,
    groupmode: 0,
    groupmodeforce: 0,
    defaultgroupingid: 0,
    lang: backup.lang,
    theme: '',
    timecreated: FIXED_TIME,
    timemodified: FIXED_TIME,
    requested: 0,
    showactivitydates: 1,
    showcompletionconditions: 1,
    pdfexportfont: NULL,
    enablecompletion: 1,
    completionnotify: 0,
    category: { $: { id: 1 }, name: 'Category 1', description: NULL },
    tags: '',
    customfields: '',
    courseformatoptions: {
      courseformatoption: [
        { format: 'topics', sectionid: 0, name: 'hiddensections', value: 1 },
        { format: 'topics', sectionid: 0, name: 'coursedisplay', value: 0 },
      ],
    },
  });
}

/** The course's enrolment methods: manual enrolment (what `wecare moodle sync` enrols with). */
export function enrolmentsXml(): string {
  const custom = Object.fromEntries(
    ['customint2', 'customint3', 'customint4', 'customint5', 'customint6', 'customint7', 'customint8', 'customchar1', 'customchar2', 'customchar3', 'customdec1', 'customdec2', 'customtext1', 'customtext2', 'customtext3', 'customtext4'].map((key) => [key, NULL]),
  );
  return xmlFile('enrolments', {
    enrols: {
      enrol: {
        $: { id: 1 }, enrol: 'manual', status: 0, name: NULL, enrolperiod: 0, enrolstartdate: 0, enrolenddate: 0, expirynotify: 0, expirythreshold: 86400,
        notifyall: 0, password: NULL, cost: NULL, currency: NULL, roleid: 5, customint1: 1, ...custom, timecreated: FIXED_TIME, timemodified: FIXED_TIME, user_enrolments: '',
      },
    },
  });
}

export const rolesDefinitionXml = () =>
  xmlFile('roles_definition', { role: { $: { id: 5 }, name: '', shortname: 'student', nameincourse: NULL, description: '', sortorder: 5, archetype: 'student' } });

export const roleRefXml = () => xmlFile('inforef', { roleref: { role: { id: 5 } } });

export const emptyRolesXml = () => xmlFile('roles', { role_overrides: '', role_assignments: '' });

export function courseCompetenciesXml(backup: CourseBackup): string {
  return xmlFile('course_competencies', {
    competencies: backup.competencies.length ? { competency: backup.competencies.map((idnumber, index) => ({ id: index + 1, idnumber, ruleoutcome: 1, sortorder: index, frameworkid: 1, frameworkidnumber: backup.frameworkIdnumber })) } : '',
    user_competencies: '',
  });
}

export function moduleCompetenciesXml(backup: CourseBackup, activity: BackupActivity): string {
  return xmlFile('course_module_competencies', {
    competencies: activity.competencies.length ? { competency: activity.competencies.map((idnumber, index) => ({ idnumber, ruleoutcome: 1, sortorder: index, frameworkidnumber: backup.frameworkIdnumber, overridegrade: 0 })) } : '',
  });
}

/** Course completion: every listed activity (criteria type 4 = activity), all required. */
export function courseCompletionXml(backup: CourseBackup, modulenames: Map<number, string>): string {
  return xmlFile('course_completion', {
    course_completion_criteria: list(backup.completionCmids.map((cmid, index) => ({
      $: { id: index + 1 }, course: COURSE_ID, criteriatype: 4, module: modulenames.get(cmid), moduleinstance: cmid, courseinstanceshortname: NULL,
      enrolperiod: NULL, timeend: NULL, gradepass: NULL, role: NULL, roleshortname: NULL, course_completion_crit_completions: '',
    }))),
    course_completion_aggr_methd: [
      { $: { id: 1 }, course: COURSE_ID, criteriatype: NULL, method: 1, value: NULL },
      { $: { id: 2 }, course: COURSE_ID, criteriatype: 4, method: 1, value: NULL },
    ],
  });
}

function gradeItem(id: number, fields: Node): Node {
  return {
    $: { id },
    categoryid: NULL, itemname: NULL, itemtype: 'course', itemmodule: NULL, iteminstance: 1, itemnumber: NULL, iteminfo: NULL, idnumber: NULL, calculation: NULL,
    gradetype: 1, grademax: '100.00000', grademin: '0.00000', scaleid: NULL, outcomeid: NULL, gradepass: '0.00000', multfactor: '1.00000', plusfactor: '0.00000',
    aggregationcoef: '0.00000', aggregationcoef2: '0.00000', weightoverride: 0, sortorder: 1, display: 0, decimals: NULL, hidden: 0, locked: 0, locktime: 0,
    needsupdate: 0, timecreated: FIXED_TIME, timemodified: FIXED_TIME, ...fields, grade_grades: '',
  };
}

export function gradebookXml(): string {
  return xmlFile('gradebook', {
    attributes: '',
    grade_categories: {
      grade_category: { $: { id: 1 }, parent: NULL, depth: 1, path: '/1/', fullname: '?', aggregation: 13, keephigh: 0, droplow: 0, aggregateonlygraded: 1, aggregateoutcomes: 0, timecreated: FIXED_TIME, timemodified: FIXED_TIME, hidden: 0 },
    },
    grade_items: { grade_item: gradeItem(1, {}) },
    grade_letters: '',
    grade_settings: { grade_setting: { $: { id: '' }, name: 'minmaxtouse', value: 1 } },
  });
}

export function activityGradesXml(activity: BackupActivity, ids: BackupIds, sortorder: number): string {
  const id = ids.gradeItems.get(activity);
  const gradepass = activity.modulename === 'scorm' || activity.modulename === 'h5pactivity' ? activity.gradepass : 0;
  return xmlFile('activity_gradebook', {
    grade_items: id === undefined ? '' : {
      grade_item: gradeItem(id, {
        categoryid: 1, itemname: activity.name, itemtype: 'mod', itemmodule: activity.modulename, iteminstance: activity.cmid, itemnumber: 0,
        idnumber: activity.idnumber, gradepass: gradepass.toFixed(5), aggregationcoef2: '1.00000', sortorder,
      }),
    },
    grade_letters: '',
  });
}

export function filesXml(ids: BackupIds): string {
  const refs = [...ids.files.values()].flat();
  return xmlFile('files', {
    file: list(refs.map((ref) => ({
      $: { id: ref.id }, contenthash: ref.file.contenthash, contextid: ref.contextid, component: ref.file.component, filearea: ref.file.filearea, itemid: 0, filepath: '/',
      filename: ref.file.filename, userid: NULL, filesize: ref.file.data.length, mimetype: ref.file.mimetype, status: 0, timecreated: FIXED_TIME, timemodified: FIXED_TIME,
      source: NULL, author: NULL, license: NULL, sortorder: ref.file.component === 'mod_resource' ? 1 : 0, repositorytype: NULL, repositoryid: NULL, reference: NULL,
    }))),
  });
}

export function activityInforefXml(activity: BackupActivity, ids: BackupIds): string {
  const files = ids.files.get(activity) ?? [];
  const grade = ids.gradeItems.get(activity);
  return xmlFile('inforef', {
    ...(files.length ? { fileref: { file: files.map((ref) => ({ id: ref.id })) } } : {}),
    ...(grade !== undefined ? { grade_itemref: { grade_item: { id: grade } } } : {}),
  });
}

function completionFields(rule: CompletionRule): Node {
  switch (rule.kind) {
    case 'scorm-status':
      return { completion: 2, completiongradeitemnumber: rule.useGrade ? 0 : NULL, completionpassgrade: 0, completionview: 0 };
    case 'pass-grade':
      return { completion: 2, completiongradeitemnumber: 0, completionpassgrade: 1, completionview: 0 };
    case 'view':
      return { completion: 2, completiongradeitemnumber: NULL, completionpassgrade: 0, completionview: 1 };
    case 'none':
      return { completion: 0, completiongradeitemnumber: NULL, completionpassgrade: 0, completionview: 0 };
  }
}

export function moduleXml(activity: BackupActivity, sectionId: number, sectionNumber: number): string {
  return xmlFile('module', {
    $: { id: activity.cmid, version: BACKUP_VERSION.backupVersion },
    modulename: activity.modulename,
    sectionid: sectionId,
    sectionnumber: sectionNumber,
    idnumber: activity.idnumber,
    added: FIXED_TIME,
    score: 0,
    indent: 0,
    visible: activity.visible ? 1 : 0,
    visibleoncoursepage: 1,
    visibleold: activity.visible ? 1 : 0,
    groupmode: 0,
    groupingid: 0,
    ...completionFields(activity.completion),
    completionexpected: 0,
    availability: NULL,
    showdescription: 0,
    downloadcontent: 1,
    lang: NULL,
    tags: '',
  });
}

const statusBits = { passed: 2, completed: 4, passedorcompleted: 6 } as const;

/** The module's own XML (`scorm.xml`, `label.xml`, …), with the settings of docs/moodle.md. */
export function activityXml(activity: BackupActivity): string {
  const attributes = { id: activity.cmid, moduleid: activity.cmid, modulename: activity.modulename, contextid: activity.contextid };
  switch (activity.modulename) {
    case 'scorm':
      return xmlFile('activity', {
        $: attributes,
        scorm: {
          $: { id: activity.cmid },
          name: activity.name, scormtype: 'local', reference: activity.packageName, intro: activity.introHtml, introformat: 1, version: activity.version,
          maxgrade: 100, grademethod: 1, whatgrade: 0, maxattempt: 0, forcecompleted: 0, forcenewattempt: 0, lastattemptlock: 0, masteryoverride: 0,
          displayattemptstatus: 1, displaycoursestructure: 0, updatefreq: 0,
          // No hash: restore then unpacks the package and reads its manifest itself (mod/scorm scorm_parse).
          sha1hash: '', md5hash: '', revision: 1, launch: 0,
          skipview: 2, hidebrowse: 1, hidetoc: 1, nav: 0, navpositionleft: -100, navpositiontop: -100, auto: 0, popup: 0, options: '', width: 100, height: 640,
          timeopen: 0, timeclose: 0, timemodified: FIXED_TIME,
          completionstatusrequired: activity.completion.kind === 'scorm-status' ? statusBits[activity.completion.status] : NULL,
          completionscorerequired: NULL, completionstatusallscos: 0, autocommit: 0, scoes: '',
        },
      });
    case 'h5pactivity':
      return xmlFile('activity', {
        $: attributes,
        h5pactivity: {
          $: { id: activity.cmid },
          name: activity.name, timecreated: FIXED_TIME, timemodified: FIXED_TIME, intro: activity.introHtml, introformat: 1, grade: 100,
          displayoptions: 15, enabletracking: 1, grademethod: 1, reviewmode: 1, attempts: '',
        },
      });
    case 'label':
      return xmlFile('activity', { $: attributes, label: { $: { id: activity.cmid }, name: activity.name, intro: activity.html, introformat: 1, timemodified: FIXED_TIME } });
    case 'resource':
      return xmlFile('activity', {
        $: attributes,
        resource: {
          $: { id: activity.cmid },
          name: activity.name, intro: activity.introHtml, introformat: 1, tobemigrated: 0, legacyfiles: 0, legacyfileslast: NULL, display: 0,
          displayoptions: 'a:1:{s:10:"printintro";i:0;}', filterfiles: 0, revision: 1, timemodified: FIXED_TIME,
        },
      });
  }
}

export function sectionXml(section: CourseBackup['sections'][number]): string {
  return xmlFile('section', {
    $: { id: section.id },
    number: section.number,
    name: section.name ?? NULL,
    summary: section.summaryHtml,
    summaryformat: 1,
    sequence: section.activities.map((activity) => activity.cmid).join(','),
    visible: 1,
    availabilityjson: NULL,
    component: NULL,
    itemid: NULL,
    timemodified: FIXED_TIME,
  });
}

/** The files every backup has even when empty (Moodle's restore opens them). */
export const emptyFiles: Record<string, string> = {
  'course/completiondefaults.xml': xmlFile('course_completion_defaults', {}),
  'course/filters.xml': xmlFile('filters', { filter_actives: '', filter_configs: '' }),
  'course/comments.xml': xmlFile('comments', {}),
  'course/calendar.xml': xmlFile('events', {}),
  'course/contentbank.xml': xmlFile('contents', {}),
  'grade_history.xml': xmlFile('grade_history', { grade_grades: '' }),
  'groups.xml': xmlFile('groups', { groupcustomfields: '', groupings: { groupingcustomfields: '' } }),
  'outcomes.xml': xmlFile('outcomes_definition', {}),
  'questions.xml': xmlFile('question_categories', {}),
  'scales.xml': xmlFile('scales_definition', {}),
  'badges.xml': xmlFile('badges', {}),
};

export const emptyActivityFiles: Record<string, string> = {
  'grade_history.xml': xmlFile('grade_history', { grade_grades: '' }),
  'roles.xml': emptyRolesXml(),
  'filters.xml': xmlFile('filters', { filter_actives: '', filter_configs: '' }),
  'comments.xml': xmlFile('comments', {}),
  'calendar.xml': xmlFile('events', {}),
  'completion.xml': xmlFile('completions', { completionviews: '' }),
  'xapistate.xml': xmlFile('states', {}),
};
