/**
 * The scored questions of a programme variant, in the shape both question-bank formats (Moodle XML,
 * GIFT) write: grouped per module (the diagnostic assessment counts as one), each with the
 * category it belongs to. Scored means "inside a quiz": questions outside a quiz are practice.
 */
import { htmlToText } from '../../guide/escape.ts';
import type { ModuleIR, ProgrammeIR, Question, Quiz } from '../../ir/types.ts';

export interface BankQuestion {
  question: Question;
  quiz: Quiz;
  /** Category path segments below the course's top category. */
  category: string[];
}

export interface BankModule {
  module: ModuleIR;
  /** Every category the module's questions need, parents first, each once. */
  categories: BankCategory[];
  questions: BankQuestion[];
}

export interface BankCategory {
  path: string[];
  /** Unique in the course, stable across rebuilds: `<programme>-<variant>-<module>[-<competence>]`. */
  idnumber: string;
  infoHtml: string;
}

/** The modules of a variant with at least one scored question, the assessment last. */
export function questionBank(programme: ProgrammeIR): BankModule[] {
  const modules = [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])];
  return modules.map((module) => bankModule(programme, module)).filter((entry) => entry.questions.length > 0);
}

function bankModule(programme: ProgrammeIR, module: ModuleIR): BankModule {
  const competences = new Map(programme.framework.areas.flatMap((area) => area.competences).map((c) => [c.id, c]));
  const top = `${programme.programme.title} (${programme.variant.name})`;
  const idBase = `${programme.programme.id}-${programme.variant.code}-${module.id}`;
  const moduleCategory: BankCategory = { path: [top, module.title], idnumber: idBase, infoHtml: module.summary ? `<p>${escapeText(module.summary)}</p>` : '' };
  const categories = new Map<string, BankCategory>([[moduleCategory.idnumber, moduleCategory]]);
  const questions: BankQuestion[] = [];
  for (const quiz of module.lessons.flatMap((lesson) => lesson.blocks).filter((block): block is Quiz => block.kind === 'quiz')) {
    for (const question of quiz.questions) {
      const competenceId = question.competences[0] ?? quiz.competences[0];
      const competence = competenceId ? competences.get(competenceId) : undefined;
      if (!competence) {
        questions.push({ question, quiz, category: moduleCategory.path });
        continue;
      }
      const category: BankCategory = {
        path: [...moduleCategory.path, `${competence.id} ${competence.title}`],
        idnumber: `${idBase}-${competence.id}`,
        infoHtml: competence.description ? `<p>${escapeText(competence.description)}</p>` : '',
      };
      if (!categories.has(category.idnumber)) categories.set(category.idnumber, category);
      questions.push({ question, quiz, category: category.path });
    }
  }
  return { module, categories: [...categories.values()], questions };
}

/** Competence ids a question is tagged with: its own, else its quiz's. */
export function questionCompetences(entry: BankQuestion): string[] {
  return entry.question.competences.length ? entry.question.competences : entry.quiz.competences;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A question's name in the bank: its activity id and the start of its stem. */
export function questionName(question: Question): string {
  const stem = htmlToText(question.stemHtml);
  const short = stem.length > 80 ? `${stem.slice(0, 79).trimEnd()}…` : stem;
  return short ? `${question.id} · ${short}` : question.id;
}

/** Moodle's fraction options (question_bank::fraction_options) that 1/k can match, k = 1…10. */
export function equalShare(count: number): number | undefined {
  const shares: Record<number, number> = { 1: 100, 2: 50, 3: 33.33333, 4: 25, 5: 20, 6: 16.66667, 7: 14.28571, 8: 12.5, 9: 11.11111, 10: 10 };
  return shares[count];
}
