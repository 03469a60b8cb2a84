import type { ReportStrings } from './en.ts';

/** Italian (it-IT). */
export const it: ReportStrings = {
  title: 'Avanzamento della formazione',
  meta: 'Generato il {date} · {participants} partecipanti · dati personali: solo il codice del partecipante.',
  noData: 'Nessun dato.',
  byIntake: 'Avanzamento per edizione',
  byVariant: 'Avanzamento per variante (paese)',
  byModule: 'Avanzamento per modulo (attività)',
  averageScore: 'media {score} %',
  stuckTitle: 'Dove si fermano i partecipanti',
  stuckIntro: "Prima attività non completata di ciascun partecipante, per corso; tra parentesi, i giorni dall'ultimo progresso nel corso.",
  noActivity: 'nessuna attività',
  startedUndated: 'iniziato, nessuna data registrata',
  idleDays: '{n} gg',
  nobodyStuck: 'Nessuno: tutti hanno completato le proprie attività.',
  courses: 'Corsi',
  course: 'Corso',
  activity: 'Attività',
  variant: 'Variante',
  participants: 'Partecipanti',
  identifiers: 'Codici',
  activities: 'Attività',
  courseCompleted: 'Corso completato',
  noCompletionCriteria: 'nessun criterio di completamento',
};
