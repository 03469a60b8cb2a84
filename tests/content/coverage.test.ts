/**
 * Coverage of the sample programme in `content/` and `modules/` (issue 7): the real course every
 * other test and benchmark compiles. It loads the programme once with the public loader and checks
 * what the issue promises: every competence is taught and assessed, every module has the required
 * parts in both variants, the variants really differ, and `wecare check` would report nothing.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme, type LoadResult } from '../../scripts/api.ts';
import type { Activity, Block, ModuleIR, ProgrammeIR, Question, Quiz } from '../../scripts/ir/types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The variants the whole programme is written for; Italy (issue 12) ships module 01 and the assessment only. */
const VARIANTS = ['es', 'co'];
const QUESTION_KINDS = ['single-choice', 'multiple-choice', 'true-false', 'fill-blanks', 'drag-words', 'matching', 'ordering'] as const;

let result: LoadResult;

beforeAll(async () => {
  result = await loadProgramme(repoRoot);
});

const isActivity = (block: Block): block is Activity => block.kind !== 'html' && block.kind !== 'image';
const isQuestion = (block: { kind: string }): block is Question => (QUESTION_KINDS as readonly string[]).includes(block.kind);
const activitiesOf = (module: ModuleIR): Activity[] => module.lessons.flatMap((lesson) => lesson.blocks.filter(isActivity));
const quizzesOf = (module: ModuleIR): Quiz[] => activitiesOf(module).filter((a): a is Quiz => a.kind === 'quiz');
/** Questions that count as assessing: those of module quizzes and of the diagnostic assessment. */
function assessingQuestions(programme: ProgrammeIR): Question[] {
  const fromQuizzes = programme.modules.flatMap((module) => quizzesOf(module).flatMap((quiz) => quiz.questions));
  const fromAssessment = programme.assessment
    ? activitiesOf(programme.assessment).flatMap((a) => (a.kind === 'quiz' ? a.questions : isQuestion(a) ? [a] : []))
    : [];
  return [...fromQuizzes, ...fromAssessment];
}
const programmeFor = (code: string): ProgrammeIR => {
  const programme = result.programmes.find((p) => p.variant.code === code);
  if (!programme) throw new Error(`variant ${code} was not resolved`);
  return programme;
};
const frameworkCompetences = (programme: ProgrammeIR): string[] =>
  programme.framework.areas.flatMap((area) => area.competences.map((competence) => competence.id));
const where = (module: ModuleIR) => `${module.id} (${module.variant})`;

describe('sample programme: check', () => {
  it('resolves every shipped variant with no errors and no warnings', () => {
    const problems = result.diagnostics
      .filter((d) => d.severity === 'error' || d.severity === 'warning')
      .map((d) => `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.ruleId}`);
    expect(problems).toEqual([]);
    expect(result.programmes.map((p) => p.variant.code)).toEqual([...VARIANTS, 'it']);
  });

  it('ships Italy with module 01 and the assessment, with Italian data and national entries for module 01', () => {
    const italy = programmeFor('it');
    expect(italy.variant.locale).toBe('it-IT');
    expect(italy.modules.map((m) => m.id)).toEqual(['m01-cuidado-profesional']);
    expect(italy.assessment?.id).toBe('diagnostico-perfil-profesional');
    // The Italian text comes from translations/it/, the front matter's folded summaries included.
    expect(italy.modules[0]!.title).toBe('Il lavoro di cura come servizio professionale');
    expect(italy.modules[0]!.summary).toMatch(/^Che cosa fa un assistente familiare, dove lavora/);
    expect(italy.assessment!.summary).toMatch(/^Un percorso attraverso le cinque aree/);
    const competences = italy.framework.areas.flatMap((area) => area.competences).filter((c) => ['C1.1', 'C1.2', 'C1.3'].includes(c.id));
    for (const competence of competences) expect(competence.national?.sources.length, competence.id).toBeGreaterThan(0);
    const sources = italy.modules[0]!.sources.map((s) => s.url ?? '');
    expect(sources.filter((url) => url.includes('normattiva.it')).length).toBeGreaterThanOrEqual(5);
    expect(sources.some((url) => url.includes('boe.es/buscar/act.php?id=BOE-A-2006-21990'))).toBe(false);
  });

  it('declares the five areas with three competences each and outcomes of every type', () => {
    const framework = programmeFor('es').framework;
    expect(framework.areas.map((area) => area.id)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    for (const area of framework.areas) {
      expect(area.competences.map((c) => c.id), area.id).toEqual([1, 2, 3].map((n) => `C${area.id.slice(1)}.${n}`));
      for (const competence of area.competences) {
        expect(new Set(competence.outcomes.map((o) => o.type)), competence.id).toEqual(new Set(['knowledge', 'skills', 'autonomy']));
        for (const outcome of competence.outcomes) expect(outcome.eqfLevel, outcome.id).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('gives every competence a national entry with a source in each variant', () => {
    for (const code of VARIANTS) {
      for (const area of programmeFor(code).framework.areas) {
        for (const competence of area.competences) {
          expect(competence.national?.text ?? '', `${competence.id} (${code})`).toMatch(/\S/);
          expect(competence.national?.sources.length ?? 0, `${competence.id} (${code}) sources`).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe.each(VARIANTS)('sample programme, variant %s: competence coverage', (code) => {
  it('teaches every competence of the framework in some module or lesson activity', () => {
    const programme = programmeFor(code);
    const taught = new Set(programme.modules.flatMap((module) => [...module.competences, ...activitiesOf(module).flatMap((a) => a.competences)]));
    const untaught = frameworkCompetences(programme).filter((id) => !taught.has(id));
    expect(untaught).toEqual([]);
  });

  it('assesses every competence with some scored question (module quiz or diagnostic assessment)', () => {
    const programme = programmeFor(code);
    const assessed = new Set(assessingQuestions(programme).flatMap((q) => q.competences));
    const unassessed = frameworkCompetences(programme).filter((id) => !assessed.has(id));
    expect(unassessed).toEqual([]);
  });

  it('refers only to competences that exist in the framework', () => {
    const programme = programmeFor(code);
    const known = new Set(frameworkCompetences(programme));
    const unknown = programme.modules.flatMap((module) =>
      [...module.competences, ...activitiesOf(module).flatMap((a) => a.competences)].filter((id) => !known.has(id)).map((id) => `${where(module)}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe.each(VARIANTS)('sample programme, variant %s: every module has the required parts', (code) => {
  it('has at least six modules of two to four lessons, including the pre-departure orientation', () => {
    const modules = programmeFor(code).modules;
    expect(modules.length).toBeGreaterThanOrEqual(6);
    for (const module of modules) {
      expect(module.lessons.length, where(module)).toBeGreaterThanOrEqual(2);
      expect(module.lessons.length, where(module)).toBeLessThanOrEqual(4);
    }
    expect(modules.some((module) => /orientacion/.test(module.id))).toBe(true);
  });

  it('states learning outcomes of its own competences', () => {
    for (const module of programmeFor(code).modules) {
      expect(module.outcomes.length, where(module)).toBeGreaterThan(0);
      for (const outcome of module.outcomes) expect(module.competences, `${where(module)} ${outcome.id}`).toContain(outcome.competenceId);
    }
  });

  it('has a scored quiz whose questions all give feedback', () => {
    for (const module of programmeFor(code).modules) {
      const quizzes = quizzesOf(module);
      expect(quizzes.length, where(module)).toBeGreaterThan(0);
      for (const quiz of quizzes) {
        expect(quiz.questions.length, `${where(module)} ${quiz.id}`).toBeGreaterThan(0);
        expect(quiz.passMark, `${where(module)} ${quiz.id}`).toBeGreaterThan(0);
        expect(quiz.feedback.pass || quiz.feedback.fail || '', `${where(module)} ${quiz.id} pass/fail feedback`).toMatch(/\S/);
        for (const question of quiz.questions) {
          const optionFeedback = 'options' in question && question.options.some((option) => option.feedback);
          expect(Boolean(question.feedback.correct || question.feedback.incorrect || optionFeedback), `${where(module)} ${question.id} feedback`).toBe(true);
        }
      }
    }
  });

  it('has at least two other activity kinds besides the quiz and the face-to-face activity', () => {
    for (const module of programmeFor(code).modules) {
      const kinds = new Set(activitiesOf(module).map((a) => a.kind).filter((kind) => kind !== 'quiz' && kind !== 'face-to-face'));
      expect(kinds.size, `${where(module)}: ${[...kinds].join(', ')}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('has a face-to-face activity with duration, materials and steps', () => {
    for (const module of programmeFor(code).modules) {
      const faceToFace = activitiesOf(module).filter((a) => a.kind === 'face-to-face');
      expect(faceToFace.length, where(module)).toBeGreaterThan(0);
      for (const activity of faceToFace) {
        expect(activity.durationMinutes, `${where(module)} ${activity.id}`).toBeGreaterThan(0);
        expect(activity.materials.length, `${where(module)} ${activity.id} materials`).toBeGreaterThan(0);
        expect(activity.stepsHtml.trim(), `${where(module)} ${activity.id} steps`).not.toBe('');
      }
    }
  });

  it('has trainer notes', () => {
    for (const module of programmeFor(code).modules) {
      const notes = module.lessons.flatMap((lesson) => lesson.trainerNotes);
      expect(notes.length, where(module)).toBeGreaterThan(0);
    }
  });

  it('has images, all with alt text and all shipped in the module media', () => {
    for (const module of programmeFor(code).modules) {
      const images = module.lessons.flatMap((lesson) => lesson.blocks.filter((b) => b.kind === 'image'));
      expect(images.length, where(module)).toBeGreaterThan(0);
      const media = new Set(module.media.map((file) => file.path));
      for (const image of images) {
        expect(image.alt.trim().length, `${where(module)} ${image.src} alt`).toBeGreaterThan(10);
        expect(media.has(image.src), `${where(module)} ${image.src} in media`).toBe(true);
      }
    }
  });

  it('cites its sources with addresses', () => {
    for (const module of programmeFor(code).modules) {
      expect(module.sources.filter((source) => source.url).length, where(module)).toBeGreaterThan(0);
    }
  });
});

describe('sample programme: variants and format features', () => {
  it('resolves each module differently for Spain and Colombia (variants that matter)', () => {
    const serialise = (module: ModuleIR) => JSON.stringify(module.lessons.map((lesson) => lesson.blocks));
    for (const spain of programmeFor('es').modules) {
      const colombia = programmeFor('co').modules.find((module) => module.id === spain.id);
      expect(colombia, `${spain.id} exists in co`).toBeDefined();
      expect(serialise(spain), `${spain.id} identical in es and co`).not.toBe(serialise(colombia!));
    }
  });

  it('substitutes the emergency number and the currency of each country', () => {
    for (const code of VARIANTS) {
      const programme = programmeFor(code);
      const text = JSON.stringify(programme.modules.map((module) => module.lessons));
      const other = programmeFor(VARIANTS.find((c) => c !== code)!).variant;
      expect(text, code).toContain(programme.variant.emergencyNumber);
      expect(text, code).toContain(programme.variant.currency.symbol);
      // No leftover directive syntax in learner content.
      expect(text, code).not.toMatch(/:(?:var|term|only)\[/);
      expect(programme.variant.emergencyNumber).not.toBe(other.emergencyNumber);
    }
  });

  it('uses every activity kind of the format, and both face-to-face modes, somewhere in the modules', () => {
    const activities = programmeFor('es').modules.flatMap(activitiesOf);
    const kinds = new Set([...activities.map((a) => a.kind), ...activities.flatMap((a) => (a.kind === 'quiz' ? a.questions.map((q) => q.kind) : []))]);
    for (const kind of [...QUESTION_KINDS, 'quiz', 'self-assessment', 'reflection', 'face-to-face']) expect(kinds, kind).toContain(kind);
    const modes = new Set(activities.flatMap((a) => (a.kind === 'face-to-face' ? [a.mode] : [])));
    expect(modes).toEqual(new Set(['collective', 'individual']));
  });

  it('lists every media file of the programme in content/CREDITS.md', () => {
    const credits = readFileSync(path.join(repoRoot, 'content/CREDITS.md'), 'utf8');
    const folders = readdirSync(path.join(repoRoot, 'modules'))
      .map((name) => `modules/${name}/media`)
      .concat('content/assessment/media')
      .filter((folder) => existsSync(path.join(repoRoot, folder)));
    const files = folders.flatMap((folder) => readdirSync(path.join(repoRoot, folder)).map((name) => `${folder}/${name}`));
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => !credits.includes(`\`${file}\``))).toEqual([]);
  });
});
