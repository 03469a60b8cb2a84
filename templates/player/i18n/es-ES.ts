/** Spain: Peninsular wording where it differs from the neutral Spanish table. */
export const esES: Record<string, string> = {
  offline: 'No se ha encontrado la plataforma: tu progreso se guarda solo en este dispositivo.',
  choose: 'Elige…',
};
