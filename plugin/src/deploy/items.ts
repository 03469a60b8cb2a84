/**
 * What should be deployed: from the resolved programme (one IR per variant) and `moodle.deploy`,
 * one item per activity — course, section, stable idnumber, type, name, completion rule and the
 * package file `wecare build` writes for it. Pure: no disk, no network.
 */
import path from 'node:path';
import type { ModuleIR, ProgrammeIR, Quiz } from '../../../scripts/ir/types.ts';
import type { DeployConfig, DeployFormat } from './config.ts';

export type ActivityType = 'scorm' | 'h5pactivity';
export type Completion = 'none' | 'passed' | 'completed' | 'passedorcompleted' | 'passgrade';

export interface DeployItem {
  variant: string;
  /** Course key from the configuration (idnumber or shortname). */
  course: string;
  sectionnum: number;
  sectionname: string;
  /** `<prefix>-<variant>-<package id>-<format>`: how the activity is found again on every run. */
  idnumber: string;
  type: ActivityType;
  format: DeployFormat;
  name: string;
  intro: string;
  completion: Completion;
  /** Percentage 0–100; 0 when the rule uses none. */
  passmark: number;
  /** Absolute path of the package `wecare build` writes. */
  file: string;
}

export interface ItemProblem {
  variant: string;
  course: string;
  message: string;
}

const questionKinds = new Set(['single-choice', 'multiple-choice', 'true-false', 'fill-blanks', 'drag-words', 'matching', 'ordering']);

/** Where `wecare build` writes a package (see scripts/scorm/format.ts and scripts/h5p/format.ts). */
export function packagePath(outDir: string, variant: string, format: DeployFormat, packageId: string): string {
  return format === 'h5p' ? path.join(outDir, variant, 'h5p', `${packageId}.h5p`) : path.join(outDir, variant, `${packageId}.${format}.zip`);
}

export function activityIdnumber(prefix: string, variant: string, packageId: string, format: DeployFormat): string {
  return `${prefix}-${variant}-${packageId}-${format}`;
}

function scoredQuizzes(module: ModuleIR): Quiz[] {
  return module.lessons.flatMap((lesson) => lesson.blocks.filter((block): block is Quiz => block.kind === 'quiz' && block.questions.length > 0));
}

/**
 * SCORM completion rule (docs/moodle.md, "Completion"): a module with a quiz is complete when
 * passed; one without a quiz, and the diagnostic assessment, when completed.
 */
function scormCompletion(module: ModuleIR, isAssessment: boolean, configured: DeployConfig['scormCompletion']): { completion: Completion; passmark: number } {
  const hasQuiz = scoredQuizzes(module).length > 0;
  const completion: Completion = configured !== 'auto' ? configured : !isAssessment && hasQuiz ? 'passed' : 'completed';
  return { completion, passmark: hasQuiz && !isAssessment ? module.passMark : 0 };
}

function hasScoredContent(module: ModuleIR): boolean {
  return module.lessons.some((lesson) => lesson.blocks.some((block) => questionKinds.has(block.kind) || (block.kind === 'quiz' && block.questions.length > 0)));
}

/**
 * Items for every variant the configuration maps and the programme resolved. Modules the
 * configuration names but the programme lacks are problems, reported with their course.
 */
export function deployItems(programmes: readonly ProgrammeIR[], config: DeployConfig, outDir: string): { items: DeployItem[]; problems: ItemProblem[] } {
  const items: DeployItem[] = [];
  const problems: ItemProblem[] = [];
  for (const programme of programmes) {
    const variant = programme.variant.code;
    const modules = new Map<string, ModuleIR>([...programme.modules, ...(programme.assessment ? [programme.assessment] : [])].map((module) => [module.id, module]));
    for (const mapping of config.courses[variant] ?? []) {
      mapping.modules.forEach((moduleId, index) => {
        const module = modules.get(moduleId);
        if (!module) {
          const known = [...modules.keys()].join(', ');
          problems.push({ variant, course: mapping.course, message: `content/programme.yaml:${mapping.line}: course ${mapping.course} lists module "${moduleId}", which variant ${variant} does not have (modules: ${known || 'none'})` });
          return;
        }
        const sectionnum = index + 1;
        const base = { variant, course: mapping.course, sectionnum, sectionname: module.title, intro: module.summary };
        for (const format of config.formats) {
          if (format === 'h5p') {
            if (module.lessons.length) {
              const scored = hasScoredContent(module);
              items.push({ ...base, idnumber: activityIdnumber(config.idnumberPrefix, variant, module.id, format), type: 'h5pactivity', format, name: module.title, completion: scored ? 'passgrade' : 'none', passmark: scored ? module.passMark : 0, file: packagePath(outDir, variant, format, module.id) });
            }
            for (const quiz of scoredQuizzes(module)) {
              items.push({ ...base, idnumber: activityIdnumber(config.idnumberPrefix, variant, quiz.id, format), type: 'h5pactivity', format, name: `${quiz.title || quiz.id} — ${module.title}`, intro: '', completion: 'passgrade', passmark: quiz.passMark, file: packagePath(outDir, variant, format, quiz.id) });
            }
          } else {
            const rule = scormCompletion(module, module === programme.assessment, config.scormCompletion);
            items.push({ ...base, idnumber: activityIdnumber(config.idnumberPrefix, variant, module.id, format), type: 'scorm', format, name: module.title, ...rule, file: packagePath(outDir, variant, format, module.id) });
          }
        }
      });
    }
  }
  for (const item of items) {
    if (!/^[A-Za-z0-9._:-]{1,100}$/.test(item.idnumber)) {
      problems.push({ variant: item.variant, course: item.course, message: `activity idnumber "${item.idnumber}" is longer than Moodle's 100 characters or has characters Moodle refuses; shorten moodle.deploy.idnumberPrefix or the module id` });
    }
  }
  return { items: items.filter((item) => /^[A-Za-z0-9._:-]{1,100}$/.test(item.idnumber)), problems };
}
