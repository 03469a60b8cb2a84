/**
 * Build checks the SCORM runtime and the XSDs cannot do for us: identifiers both SCORM versions
 * accept, the worst-case suspend_data against SCORM 1.2's 4,096 characters, and media on disk.
 */
import { existsSync } from 'node:fs';
import type { ModuleIR, ProgrammeIR, SourceRef } from '../ir/types.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import { allActivities } from '../../templates/player/src/model.ts';
import { SCORM12_SUSPEND_LIMIT, worstCaseLength } from '../../templates/player/src/state.ts';
import { toLearnerModule } from './learner-model.ts';

export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const MAX_IDENTIFIER = 200;
export const REFLECTION_MAX = 1000;
export const REFLECTION_MIN = 200;

const diag = (source: SourceRef, severity: Diagnostic['severity'], ruleId: string, message: string): Diagnostic => ({
  file: source.file, line: source.line, column: source.column, severity, ruleId, message,
});

export interface BudgetResult {
  /** Characters a reflection may hold in this module. */
  reflectionMax: number;
  /** Longest suspend_data the player can write for this module. */
  worstCase: number;
  diagnostics: Diagnostic[];
}

/** Shares what the fixed state leaves of the 4,096 characters between the reflections, then checks the total. */
export function suspendBudget(module: ModuleIR, programme: ProgrammeIR): BudgetResult {
  const probe = toLearnerModule(module, programme, 'none', 0);
  const reflections = allActivities(probe).filter((a) => a.kind === 'reflection').length;
  const fixed = worstCaseLength(probe);
  // Each reflection character costs at most 2 once JSON-escaped (normaliseText removes the rest).
  const share = reflections ? Math.floor((SCORM12_SUSPEND_LIMIT - fixed) / (2 * reflections)) : REFLECTION_MAX;
  const reflectionMax = Math.max(0, Math.min(REFLECTION_MAX, share));
  const worstCase = worstCaseLength(toLearnerModule(module, programme, 'none', reflectionMax));
  const diagnostics: Diagnostic[] = [];
  if (worstCase > SCORM12_SUSPEND_LIMIT || (reflections && reflectionMax < REFLECTION_MIN)) {
    const need = reflections
      ? `can need ${worstCase} characters of suspend_data even with its ${reflections} reflection(s) cut to ${reflectionMax} characters (at least ${REFLECTION_MIN} are needed)`
      : `can need ${worstCase} characters of suspend_data`;
    diagnostics.push(diag(module.source, 'error', 'scorm-suspend-budget',
      `Module "${module.id}" (${programme.variant.code}) ${need}; SCORM 1.2 allows ${SCORM12_SUSPEND_LIMIT}. Split the module, or move some questions or reflections to another module.`));
  }
  return { reflectionMax, worstCase, diagnostics };
}

/** Activity and competence ids that both SCORM versions accept as interaction and objective ids. */
export function checkIdentifiers(module: ModuleIR): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (id: string, source: SourceRef, what: string) => {
    if (!IDENTIFIER.test(id) || id.length > MAX_IDENTIFIER) {
      out.push(diag(source, 'error', 'scorm-identifier', `${what} "${id}" cannot be a SCORM identifier: use letters, digits, ".", "-" and "_" (starting with a letter or digit), at most ${MAX_IDENTIFIER} characters.`));
    }
  };
  for (const lesson of module.lessons) {
    for (const block of lesson.blocks) {
      if (block.kind === 'html' || block.kind === 'image') continue;
      const activities = block.kind === 'quiz' ? [block, ...block.questions] : [block];
      for (const activity of activities) {
        check(activity.id, activity.source, 'Activity id');
        for (const competence of activity.competences) check(competence, activity.source, 'Competence id');
        if (activity.kind === 'self-assessment') {
          for (const statement of activity.statements) {
            check(`${activity.id}.${statement.id}`, activity.source, 'Self-assessment statement id');
            check(statement.competence, activity.source, 'Competence id');
          }
          if (activity.scale.length > 9) out.push(diag(activity.source, 'error', 'scorm-likert-scale', `Self-assessment "${activity.id}" has ${activity.scale.length} scale points; SCORM likert responses allow at most 9.`));
        }
        const longIds = activity.kind === 'single-choice' || activity.kind === 'multiple-choice' ? activity.options.map((o) => o.id)
          : activity.kind === 'ordering' ? activity.items.map((i) => i.id) : [];
        if (longIds.some((id) => id.length > 1)) out.push(diag(activity.source, 'warning', 'scorm12-long-choice', `Question "${activity.id}" has more options than SCORM 1.2's single-character responses can name; Moodle still records it, strict SCORM 1.2 players may not.`));
      }
    }
  }
  return out;
}

/** Media the module uses must exist, and HTML may only point at media the module declares. */
export function checkMedia(module: ModuleIR): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of module.media) {
    if (!existsSync(file.absolutePath)) out.push(diag(module.source, 'error', 'missing-media', `Media file "${file.path}" is missing (expected at ${file.absolutePath}).`));
  }
  const declared = new Set(module.media.map((m) => m.path));
  for (const lesson of module.lessons) {
    const htmls: string[] = [];
    for (const block of lesson.blocks) {
      if (block.kind === 'image' && !declared.has(block.src)) out.push(diag(lesson.source, 'error', 'missing-media', `Image "${block.src}" in lesson "${lesson.id}" is not among the module's media.`));
      htmls.push(JSON.stringify(block));
    }
    for (const match of htmls.join('').matchAll(/\b(?:src|href)=\\"([^"\\]+)\\"/g)) {
      const ref = match[1]!;
      if (/^(?:[a-z]+:|#|\/\/)/i.test(ref)) continue;
      if (!declared.has(ref)) out.push(diag(lesson.source, 'error', 'missing-media', `"${ref}" in lesson "${lesson.id}" is not among the module's media files.`));
    }
  }
  return out;
}
