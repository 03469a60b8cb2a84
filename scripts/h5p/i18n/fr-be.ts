import type { DeepPartial } from '../../i18n/resolve.ts';
import type { H5pStrings } from './strings.ts';

/** Belgium: «encoder» is the Belgian word for typing text in. */
export const frBE: DeepPartial<H5pStrings> = {
  blanksInstruction: 'Encodez les mots manquants.',
  reflectionMinWords: 'Encodez au moins {n} mots.',
};
