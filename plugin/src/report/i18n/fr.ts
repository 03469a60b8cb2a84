import type { ReportStrings } from './en.ts';

/** French. */
export const fr: ReportStrings = {
  title: 'Avancement de la formation',
  meta: 'Généré le {date} · {participants} participants · données personnelles : identifiant du participant uniquement.',
  noData: 'Pas de données.',
  byIntake: 'Avancement par session',
  byVariant: 'Avancement par variante (pays)',
  byModule: 'Avancement par module (activité)',
  averageScore: 'moyenne {score} %',
  stuckTitle: 'Où les participants s’arrêtent',
  stuckIntro: 'Première activité non terminée de chaque participant, par cours ; entre parenthèses, les jours écoulés depuis sa dernière progression dans le cours.',
  noActivity: 'aucune activité',
  startedUndated: 'commencé, aucune date enregistrée',
  idleDays: '{n} j',
  nobodyStuck: 'Personne : tout le monde a terminé ses activités.',
  courses: 'Cours',
  course: 'Cours',
  activity: 'Activité',
  variant: 'Variante',
  participants: 'Participants',
  identifiers: 'Identifiants',
  activities: 'Activités',
  courseCompleted: 'Cours achevé',
  noCompletionCriteria: 'pas de critères d’achèvement',
};
