import type { DeepPartial } from '../../i18n/resolve.ts';
import type { H5pStrings } from './strings.ts';

/** Austria: «Kursleiterin/Kursleiter» is the usual word for the course trainer in Austrian adult education. */
export const deAT: DeepPartial<H5pStrings> = {
  selfAssessmentNote: 'Diese Selbsteinschätzung wird hier nicht gespeichert: Notieren Sie Ihre Antworten und besprechen Sie sie mit Ihrer Kursleiterin oder Ihrem Kursleiter.',
};
