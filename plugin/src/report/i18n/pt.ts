import type { ReportStrings } from './en.ts';

/** European Portuguese. */
export const pt: ReportStrings = {
  title: 'Progresso da formação',
  meta: 'Gerado em {date} · {participants} formandos · dados pessoais: apenas o identificador do formando.',
  noData: 'Sem dados.',
  byIntake: 'Progresso por edição',
  byVariant: 'Progresso por variante (país)',
  byModule: 'Progresso por módulo (atividade)',
  averageScore: 'média {score} %',
  stuckTitle: 'Onde os formandos param',
  stuckIntro: 'Primeira atividade por concluir de cada formando, por curso; entre parênteses, os dias desde o seu último progresso no curso.',
  noActivity: 'sem atividade',
  startedUndated: 'iniciado, sem data registada',
  idleDays: '{n} d',
  nobodyStuck: 'Ninguém: todos concluíram as suas atividades.',
  courses: 'Cursos',
  course: 'Curso',
  activity: 'Atividade',
  variant: 'Variante',
  participants: 'Formandos',
  identifiers: 'Identificadores',
  activities: 'Atividades',
  courseCompleted: 'Curso concluído',
  noCompletionCriteria: 'sem critérios de conclusão',
};
