import type { DeepPartial } from '../../i18n/resolve.ts';
import type { GuideStrings } from './en.ts';

/** Colombia: "instructor", as in SENA-style programmes. */
export const esCO: DeepPartial<GuideStrings> = {
  title: 'Guía del instructor',
  fileName: 'guia-instructor',
  trainer: 'instructor',
  trainerNote: 'Nota para el instructor',
  reviewsIntro: 'Contenidos marcados para revisión por expertos. Verifíquelos antes de dictar la sesión.',
};
