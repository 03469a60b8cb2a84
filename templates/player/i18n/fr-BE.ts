/** Belgium: Belgian French wording where it differs («encoder» for typing in, «interrogation»). */
export const frBE: Record<string, string> = {
  minWords: 'Encodez au moins {n} mots.',
  quizzes: 'Interrogations (meilleure tentative)',
};
