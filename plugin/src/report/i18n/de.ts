import type { ReportStrings } from './en.ts';

/** German. */
export const de: ReportStrings = {
  title: 'Fortschritt der Ausbildung',
  meta: 'Erstellt am {date} · {participants} Teilnehmende · personenbezogene Daten: nur die Teilnehmerkennung.',
  noData: 'Keine Daten.',
  byIntake: 'Fortschritt je Durchgang',
  byVariant: 'Fortschritt je Variante (Land)',
  byModule: 'Fortschritt je Modul (Aktivität)',
  averageScore: 'Durchschnitt {score} %',
  stuckTitle: 'Wo Teilnehmende hängen bleiben',
  stuckIntro: 'Erste nicht abgeschlossene Aktivität jeder teilnehmenden Person, je Kurs; in Klammern die Tage seit dem letzten Fortschritt im Kurs.',
  noActivity: 'keine Aktivität',
  startedUndated: 'begonnen, kein Datum erfasst',
  idleDays: '{n} T.',
  nobodyStuck: 'Niemand: Alle haben ihre Aktivitäten abgeschlossen.',
  courses: 'Kurse',
  course: 'Kurs',
  activity: 'Aktivität',
  variant: 'Variante',
  participants: 'Teilnehmende',
  identifiers: 'Kennungen',
  activities: 'Aktivitäten',
  courseCompleted: 'Kurs abgeschlossen',
  noCompletionCriteria: 'keine Abschlusskriterien',
};
