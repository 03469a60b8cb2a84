import type { ReportStrings } from './en.ts';

/** Spanish. */
export const es: ReportStrings = {
  title: 'Progreso de la formación',
  meta: 'Generado {date} · {participants} participantes · datos personales: solo el identificador de participante.',
  noData: 'Sin datos.',
  byIntake: 'Progreso por convocatoria',
  byVariant: 'Progreso por variante (país)',
  byModule: 'Progreso por módulo (actividad)',
  averageScore: 'media {score} %',
  stuckTitle: 'Dónde se detienen los participantes',
  stuckIntro: 'Primera actividad sin completar de cada participante, por curso; entre paréntesis, días desde su último progreso en el curso.',
  noActivity: 'sin actividad',
  startedUndated: 'ha empezado, sin fecha registrada',
  idleDays: '{n} d',
  nobodyStuck: 'Nadie: todos han completado sus actividades.',
  courses: 'Cursos',
  course: 'Curso',
  activity: 'Actividad',
  variant: 'Variante',
  participants: 'Participantes',
  identifiers: 'Identificadores',
  activities: 'Actividades',
  courseCompleted: 'Curso completado',
  noCompletionCriteria: 'sin criterios de finalización',
};
