import type { DeepPartial } from '../../i18n/resolve.ts';
import type { GuideStrings } from './en.ts';

/** Austria: «Kursleiterin/Kursleiter» and «positiv/negativ» beurteilt, as Austrian adult education says. */
export const deAT: DeepPartial<GuideStrings> = {
  title: 'Leitfaden für Kursleiterinnen und Kursleiter',
  fileName: 'leitfaden-kursleitung',
  trainer: 'Kursleiter/in',
  trainerNote: 'Hinweis für die Kursleitung',
  feedbackOnPass: 'Bei positiver Beurteilung',
  feedbackOnFail: 'Bei negativer Beurteilung',
};
