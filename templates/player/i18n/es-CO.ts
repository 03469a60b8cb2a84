/** Colombia: training materials address the learner as «usted». */
export const esCO: Record<string, string> = {
  outcomes: 'Al terminar este módulo usted podrá:',
  offline: 'No se encontró la plataforma: su progreso se guarda solo en este dispositivo.',
  answerFirst: 'Responda antes de comprobar.',
  answerAll: 'Responda todas las afirmaciones antes de guardar.',
  choose: 'Elija…',
  minWords: 'Escriba al menos {n} palabras.',
  quizScore: 'Su puntuación: {score} %. Para aprobar: {pass} %.',
  retry: 'Intentar de nuevo (quedan {n})',
  missing: 'Faltan {n} preguntas por responder.',
  noscript: 'Este módulo necesita JavaScript. Actívelo en el navegador y vuelva a cargar la página.',
  diagScore: 'Su puntuación: {score} %. Es un diagnóstico: indica por dónde empezar, no se aprueba ni se reprueba.',
};
