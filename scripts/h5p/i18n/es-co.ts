import { es } from './es.ts';
import type { H5pStrings } from './strings.ts';

/**
 * Spanish for learners in Colombia (es-CO): formal "usted", as in Colombian vocational training,
 * and local vocabulary ("puntaje", "video"). Only what differs from es-ES is listed.
 */
export const esCO: H5pStrings = {
  ...es,
  confirmCheckBody: '¿Está seguro de que desea terminar?',
  confirmRetryBody: '¿Está seguro de que desea volver a empezar? Se borrarán sus respuestas.',
  scoreBarLabel: 'Obtuvo :num de :total puntos',
  shouldCheck: 'Debía marcarla',
  shouldNotCheck: 'No debía marcarla',
  noInput: 'Responda antes de ver la solución',
  trueFalseScore: 'Obtuvo @score de @total puntos',
  blanksInstruction: 'Escriba las palabras que faltan.',
  notFilledOut: 'Complete todos los espacios para ver la solución',
  inputLabel: 'Espacio @num de @total',
  dragInstruction: 'Arrastre las palabras a los espacios correctos.',
  dropZoneIndex: 'Espacio @index.',
  dropZoneEmpty: 'El espacio @index está vacío.',
  dropZoneContains: 'El espacio @index contiene la palabra @draggable.',
  resetDropTitle: 'Vaciar el espacio',
  resetDropDescription: '¿Está seguro de que desea vaciar este espacio?',
  grabbed: 'Tomó la palabra.',
  cancelledDragging: 'Soltó la palabra sin ubicarla.',
  questionSetInstruction: 'Elija la pregunta que desea ver',
  quizScoreBarLabel: 'Obtuvo @finals de @totals puntos',
  scoreHeader: 'Puntaje',
  skipVideo: 'Saltar el video',
  markAsFinished: 'Terminé esta página',
  score: 'Puntaje',
  noChapterInteractionBold: 'Todavía no ha hecho ninguna actividad.',
  noChapterInteraction: 'Haga al menos una actividad para ver el resumen.',
  submittedForReview: '¡Sus respuestas fueron enviadas!',
  totalScore: 'Puntaje total',
  selfAssessmentScale: 'Valore cada afirmación con esta escala:',
  selfAssessmentNote: 'Esta autoevaluación no se guarda en esta actividad: anote sus respuestas y coméntelas con su instructor o instructora.',
  reflectionNote: 'Escriba su respuesta en su cuaderno o en el foro del curso; esta actividad no se guarda aquí.',
  reflectionMinWords: 'Escriba al menos {n} palabras.',
  matchingInstruction: 'Arrastre cada elemento de «{right}» junto a su «{left}».',
  orderingInstruction: 'Arrastre los elementos a su lugar para ponerlos en el orden correcto.',
};
