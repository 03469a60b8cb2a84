import type { DeepPartial } from '../../i18n/resolve.ts';
import type { GuideStrings } from './en.ts';

/** Flanders: «lesgever» for the trainer, «slaagcijfer» for the pass mark, as Flemish adult education says. */
export const nlBE: DeepPartial<GuideStrings> = {
  title: 'Handleiding voor de lesgever',
  fileName: 'handleiding-lesgever',
  trainer: 'lesgever',
  trainerNote: 'Notitie voor de lesgever',
  passMark: 'Slaagcijfer',
};
