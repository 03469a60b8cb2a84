import type { ReportStrings } from './en.ts';

/** Dutch. */
export const nl: ReportStrings = {
  title: 'Voortgang van de opleiding',
  meta: 'Gemaakt op {date} · {participants} deelnemers · persoonsgegevens: alleen de deelnemerscode.',
  noData: 'Geen gegevens.',
  byIntake: 'Voortgang per instroom',
  byVariant: 'Voortgang per variant (land)',
  byModule: 'Voortgang per module (activiteit)',
  averageScore: 'gemiddeld {score} %',
  stuckTitle: 'Waar deelnemers blijven steken',
  stuckIntro: 'Eerste niet voltooide activiteit van elke deelnemer, per cursus; tussen haakjes het aantal dagen sinds de laatste voortgang in de cursus.',
  noActivity: 'geen activiteit',
  startedUndated: 'begonnen, geen datum geregistreerd',
  idleDays: '{n} d.',
  nobodyStuck: 'Niemand: iedereen heeft zijn activiteiten voltooid.',
  courses: 'Cursussen',
  course: 'Cursus',
  activity: 'Activiteit',
  variant: 'Variant',
  participants: 'Deelnemers',
  identifiers: 'Codes',
  activities: 'Activiteiten',
  courseCompleted: 'Cursus voltooid',
  noCompletionCriteria: 'geen voltooiingsvoorwaarden',
};
