import type { DeepPartial } from '../../i18n/resolve.ts';
import type { GuideStrings } from './en.ts';

/** Belgium: Belgian training vocabulary («interrogation» for a graded test, «encodage»). */
export const frBE: DeepPartial<GuideStrings> = {
  quiz: 'Interrogation cotée',
  passMark: 'Seuil de réussite (cote minimale)',
};
