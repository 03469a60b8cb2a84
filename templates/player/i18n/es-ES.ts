/** Spain: Peninsular wording where it differs from the neutral Spanish table (which already uses «tú»). */
export const esES: Record<string, string> = {
  diagScore: 'Tu puntuación: {score} %. Es un diagnóstico: indica por dónde empezar; no se aprueba ni se suspende.',
  noAttempts: 'Ya no te quedan intentos.',
};
