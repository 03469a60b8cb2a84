/**
 * The guide's interface text, in Spanish. A variant changes wording through its locale's
 * overrides below or, without code, through `ui` keys prefixed `guide.` in its variant file
 * (e.g. `ui: { "guide.title": "Guía del facilitador" }`).
 */
import type { VariantInfo } from '../ir/types.ts';

const base = {
  title: 'Guía del formador',
  trainer: 'formador',
  skipToContent: 'Saltar al contenido',
  contents: 'Índice',
  page: 'Página',
  pageOf: 'de',
  variant: 'Variante',
  overview: 'Presentación del programa',
  programme: 'Programa',
  modulesCount: 'Módulos',
  totalOnline: 'Formación en línea',
  totalFaceToFace: 'Formación presencial',
  passMark: 'Nota para superar',
  module: 'Módulo',
  summary: 'Resumen',
  blendedPath: 'Itinerario semipresencial',
  blendedPathIntro: 'Cada módulo combina lecciones en línea (en Moodle) con sesiones presenciales, colectivas o individuales.',
  online: 'En línea',
  faceToFace: 'Presencial',
  lessons: 'Lecciones',
  sessions: 'Sesiones presenciales',
  noSessions: 'Este módulo no tiene sesiones presenciales.',
  plannedVsActivities: 'Duración presencial prevista: {planned}; suma de las actividades: {activities}.',
  outcomesAndCompetences: 'Resultados de aprendizaje y competencias',
  matrixCaption: 'Competencias que trabaja cada módulo',
  matrixYes: 'Sí',
  matrixNo: 'No',
  competence: 'Competencia',
  area: 'Área',
  outcomes: 'Resultados de aprendizaje',
  outcomeType: { knowledge: 'Conocimientos', skills: 'Destrezas', autonomy: 'Autonomía y responsabilidad' },
  eqf: 'Nivel MEC',
  national: 'Referente nacional',
  lesson: 'Lección',
  introduction: 'Introducción',
  trainerNote: 'Nota para el formador',
  faceToFaceActivity: 'Actividad presencial',
  mode: { collective: 'Colectiva', individual: 'Individual' },
  modeLabel: 'Modalidad',
  duration: 'Duración',
  minutes: 'min',
  learnersSee: 'Lo que ven los participantes',
  materials: 'Materiales',
  noMaterials: 'No requiere materiales.',
  steps: 'Desarrollo',
  competencesLabel: 'Competencias',
  answerKey: 'Clave de respuestas',
  quiz: 'Cuestionario evaluable',
  practice: 'Pregunta de práctica',
  questionKind: {
    'single-choice': 'Opción única',
    'multiple-choice': 'Opción múltiple',
    'true-false': 'Verdadero o falso',
    'fill-blanks': 'Completar huecos',
    'drag-words': 'Arrastrar palabras',
    matching: 'Relacionar',
    ordering: 'Ordenar',
  },
  correct: 'Correcta',
  incorrect: 'Incorrecta',
  correctAnswer: 'Respuesta correcta',
  trueLabel: 'Verdadero',
  falseLabel: 'Falso',
  alsoAccepted: 'también se acepta',
  caseSensitive: 'distingue mayúsculas y minúsculas',
  distractors: 'Palabras de relleno (no van en ningún hueco)',
  correctOrder: 'Orden correcto',
  feedbackOnCorrect: 'Retroalimentación si acierta',
  feedbackOnIncorrect: 'Retroalimentación si falla',
  feedbackOnOption: 'Retroalimentación',
  feedbackOnPass: 'Si aprueba',
  feedbackOnFail: 'Si no aprueba',
  selfAssessment: 'Autoevaluación',
  scale: 'Escala',
  statement: 'Afirmación',
  reflection: 'Reflexión',
  minWords: 'Mínimo de palabras',
  image: 'Imagen',
  table: 'Tabla (desplazable)',
  reviews: 'Elementos pendientes de revisión',
  reviewsIntro: 'Contenidos marcados para revisión por expertos. Compruébelos antes de impartir la sesión.',
  noReviews: 'No hay elementos pendientes de revisión.',
  where: 'Dónde',
  what: 'Qué revisar',
  sources: 'Fuentes citadas',
  noSources: 'Este módulo no cita fuentes.',
  assessment: 'Herramienta de diagnóstico',
  assessmentIntro: 'Autoevaluación de la confianza y preguntas de conocimiento por competencia. Sus resultados forman el perfil profesional de cada participante (`wecare profile`).',
  generated: 'Generada a partir de las fuentes del programa',
};

export type GuideStrings = typeof base;

/** Locale-specific wording (Colombian usage: "instructor" in SENA-style programmes). */
const localeOverrides: Record<string, Partial<GuideStrings>> = {
  'es-CO': {
    title: 'Guía del instructor',
    trainer: 'instructor',
    trainerNote: 'Nota para el instructor',
    reviewsIntro: 'Contenidos marcados para revisión por expertos. Verifíquelos antes de dictar la sesión.',
  },
};

/** Strings for a variant: base Spanish, then its locale's wording, then `guide.*` keys of its `ui`. */
export function guideStrings(variant: VariantInfo): GuideStrings {
  const strings: GuideStrings = { ...base, ...(localeOverrides[variant.locale] ?? {}) };
  for (const [key, value] of Object.entries(variant.ui ?? {})) {
    if (!key.startsWith('guide.')) continue;
    const name = key.slice('guide.'.length) as keyof GuideStrings;
    if (name in strings && typeof strings[name] === 'string') (strings as Record<string, unknown>)[name] = value;
  }
  return strings;
}

/** Replaces `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** Minutes as "1 h 30 min". */
export function formatMinutes(minutes: number, s: GuideStrings): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} ${s.minutes}`;
  return rest ? `${hours} h ${rest} ${s.minutes}` : `${hours} h`;
}
