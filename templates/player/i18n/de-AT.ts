/** Austria: results are «positiv» or «negativ», as in Austrian schools and courses. */
export const deAT: Record<string, string> = {
  stPassed: 'positiv',
  stFailed: 'negativ',
  diagScore: 'Ihr Ergebnis: {score} %. Das ist eine Standortbestimmung: Sie zeigt, wo Sie anfangen sollten, und wird nicht positiv oder negativ beurteilt.',
};
