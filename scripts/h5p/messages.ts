/**
 * Build diagnostics of the H5P compiler, in English and Spanish (the language of `wecare build`
 * messages follows `--lang`, else the programme's language).
 */
export type Lang = 'en' | 'es';
export type Params = Record<string, string | number>;

const rules = {
  'h5p-html-adapted': {
    en: (p: Params) => `${p.what}: H5P does not allow this formatting here: ${p.changes}.`,
    es: (p: Params) => `${p.what}: H5P no admite este formato aquí: ${p.changes}.`,
  },
  'h5p-html-approximated': {
    en: (p: Params) => `${p.what}: ${p.changes}, as H5P allows here.`,
    es: (p: Params) => `${p.what}: ${p.changes}, como H5P admite aquí.`,
  },
  'h5p-blank-answer-syntax': {
    en: (p: Params) => `"${p.id}": gap ${p.gap} has answers with "*", "/", ":" or "\\", which H5P fill-in-the-blanks reads as syntax; ${p.dropped === 'all' ? 'the question is shown as text' : 'those answers are left out'}.`,
    es: (p: Params) => `"${p.id}": el hueco ${p.gap} tiene respuestas con "*", "/", ":" o "\\", que H5P (rellenar huecos) interpreta como sintaxis; ${p.dropped === 'all' ? 'la pregunta se muestra como texto' : 'esas respuestas se omiten'}.`,
  },
  'h5p-blank-case': {
    en: (p: Params) => `"${p.id}": H5P checks case for all gaps or for none; all gaps accept any case.`,
    es: (p: Params) => `"${p.id}": H5P distingue mayúsculas en todos los huecos o en ninguno; todos los huecos aceptan cualquier combinación.`,
  },
  'h5p-drag-word-syntax': {
    en: (p: Params) => (p.words ? `"${p.id}": H5P drag-the-words cannot hold the empty word(s) ${p.words}; the question is shown as text.` : `"${p.id}": the text has "*", which H5P drag-the-words reads as a gap; it is shown as "∗".`),
    es: (p: Params) => (p.words ? `"${p.id}": H5P (arrastrar palabras) no admite la(s) palabra(s) vacía(s) ${p.words}; la pregunta se muestra como texto.` : `"${p.id}": el texto tiene "*", que H5P (arrastrar palabras) interpreta como hueco; se muestra como "∗".`),
  },
  'h5p-drag-word-rewritten': {
    en: (p: Params) => `"${p.id}": H5P drag-the-words reads "*", ":" and "\\+"/"\\-" inside a word as syntax and has no escape; in ${p.words} they are shown as the look-alikes "∗", "∶" and "∖".`,
    es: (p: Params) => `"${p.id}": H5P (arrastrar palabras) interpreta "*", ":" y "\\+"/"\\-" dentro de una palabra como sintaxis y no permite escaparlos; en ${p.words} se muestran con los caracteres parecidos "∗", "∶" y "∖".`,
  },
  'h5p-quiz-question-left-out': {
    en: (p: Params) => `"${p.id}": H5P can only show this question as text, and a graded H5P quiz holds questions only; it is left out of ${p.quiz}.h5p (the quiz score does not count it) and shown as text in the module's book.`,
    es: (p: Params) => `"${p.id}": H5P solo puede mostrar esta pregunta como texto, y un cuestionario H5P calificado solo admite preguntas; se omite en ${p.quiz}.h5p (no cuenta para la nota) y se muestra como texto en el libro del módulo.`,
  },
  'h5p-matching-approximated': {
    en: (p: Params) => `"${p.id}": H5P has no matching question among the supported content types; it is built as drag-the-words, one gap per pair, scored per pair.`,
    es: (p: Params) => `"${p.id}": H5P no tiene preguntas de relacionar entre los tipos admitidos; se construye como arrastrar palabras, un hueco por pareja, puntuado por pareja.`,
  },
  'h5p-ordering-approximated': {
    en: (p: Params) => `"${p.id}": H5P has no ordering question among the supported content types; it is built as drag-the-words, one gap per position, scored per position.`,
    es: (p: Params) => `"${p.id}": H5P no tiene preguntas de ordenar entre los tipos admitidos; se construye como arrastrar palabras, un hueco por posición, puntuado por posición.`,
  },
  'h5p-self-assessment-unsupported': {
    en: (p: Params) => `Self-assessment "${p.id}" has no H5P equivalent that records answers; it is shown as text (prompt, statements and scale) and nothing is recorded.`,
    es: (p: Params) => `La autoevaluación "${p.id}" no tiene equivalente en H5P que guarde respuestas; se muestra como texto (enunciado, afirmaciones y escala) y no se registra nada.`,
  },
  'h5p-reflection-unsupported': {
    en: (p: Params) => `Reflection "${p.id}" has no H5P equivalent among the supported content types (H5P.Essay scores by keywords); it is shown as text and the answer is not recorded.`,
    es: (p: Params) => `La reflexión "${p.id}" no tiene equivalente entre los tipos H5P admitidos (H5P.Essay puntúa por palabras clave); se muestra como texto y la respuesta no se registra.`,
  },
  'h5p-face-to-face-notice': {
    en: (p: Params) => `Face-to-face activity "${p.id}" happens in the classroom; the package shows learners a notice (title, mode, duration, description) and no trainer details.`,
    es: (p: Params) => `La actividad presencial "${p.id}" se hace en el aula; el paquete muestra un aviso (título, modalidad, duración, descripción) sin los detalles para el formador.`,
  },
  'h5p-image-fallback': {
    en: (p: Params) => `Image "${p.src}" in lesson "${p.lesson}": ${reasonText(p, 'en')}; its description is shown instead.`,
    es: (p: Params) => `Imagen "${p.src}" de la lección "${p.lesson}": ${reasonText(p, 'es')}; se muestra su descripción.`,
  },
  'h5p-empty-module': {
    en: (p: Params) => `Module "${p.id}" has no lessons for variant ${p.variant}; no H5P book is written.`,
    es: (p: Params) => `El módulo "${p.id}" no tiene lecciones en la variante ${p.variant}; no se genera el libro H5P.`,
  },
  'h5p-empty-quiz': {
    en: (p: Params) => `Quiz "${p.id}" has no questions; no H5P package is written for it.`,
    es: (p: Params) => `El cuestionario "${p.id}" no tiene preguntas; no se genera su paquete H5P.`,
  },
  'h5p-duplicate-package': {
    en: (p: Params) => `Two H5P packages would be named "${p.name}" (also ${p.other}); give the quiz or module another id.`,
    es: (p: Params) => `Dos paquetes H5P se llamarían "${p.name}" (también ${p.other}); cambie el id del cuestionario o del módulo.`,
  },
  'h5p-core-api': {
    en: (p: Params) => `H5P core API ${p.target} is too old for ${p.libraries}; target at least ${p.minimum} (Moodle 4.5 and 5.0 have 1.27).`,
    es: (p: Params) => `La API del núcleo H5P ${p.target} es demasiado antigua para ${p.libraries}; use al menos ${p.minimum} (Moodle 4.5 y 5.0 tienen 1.27).`,
  },
  'h5p-library-bundle': {
    en: (p: Params) => `${p.name} not written: ${p.problem}`,
    es: (p: Params) => `${p.name} no se ha generado: ${p.problem}`,
  },
  'h5p-package-invalid': {
    en: (p: Params) => `${p.name} would be refused or altered by H5P (this is a toolkit bug, please report it): ${p.details}`,
    es: (p: Params) => `H5P rechazaría o alteraría ${p.name} (es un error del toolkit; por favor, comuníquelo): ${p.details}`,
  },
} satisfies Record<string, { en: (p: Params) => string; es: (p: Params) => string }>;

export type H5pRule = keyof typeof rules;

const KINDS = 'docs/h5p.md#kinds-without-a-faithful-h5p-equivalent';
/**
 * Approximations by design, documented in docs/h5p.md: reported as `info` notes that the build
 * summarises once per rule (count × this text), not as warnings.
 */
const approximations: Partial<Record<H5pRule, { en: string; es: string; docs: string }>> = {
  'h5p-self-assessment-unsupported': { en: 'self-assessments shown as text (answers not recorded)', es: 'autoevaluaciones mostradas como texto (sin registrar respuestas)', docs: KINDS },
  'h5p-reflection-unsupported': { en: 'reflections shown as text (answers not recorded)', es: 'reflexiones mostradas como texto (sin registrar respuestas)', docs: KINDS },
  'h5p-face-to-face-notice': { en: 'face-to-face activities shown as a notice', es: 'actividades presenciales mostradas como aviso', docs: KINDS },
  'h5p-matching-approximated': { en: 'matching questions built as drag the words (scored per pair)', es: 'preguntas de relacionar construidas como arrastrar palabras (puntuadas por pareja)', docs: KINDS },
  'h5p-ordering-approximated': { en: 'ordering questions built as drag the words (scored per position)', es: 'preguntas de ordenar construidas como arrastrar palabras (puntuadas por posición)', docs: KINDS },
  'h5p-drag-word-rewritten': { en: 'drag-the-words words with "*", ":" or "\\+" shown with look-alike characters', es: 'palabras de arrastrar con "*", ":" o "\\+" mostradas con caracteres parecidos', docs: 'docs/h5p.md#mapping' },
  'h5p-html-approximated': { en: 'texts with tables, lists, images or links adapted to what H5P allows', es: 'textos con tablas, listas, imágenes o enlaces adaptados a lo que H5P admite', docs: 'docs/h5p.md#html' },
};

/** The build's summary of an approximation rule, or undefined for a rule that reports a problem. */
export function approximationSummary(rule: H5pRule, lang: Lang): { text: string; docs: string } | undefined {
  const entry = approximations[rule];
  return entry && { text: `H5P: ${entry[lang]}`, docs: entry.docs };
}

/** adaptHtml change codes that are documented adaptations (docs/h5p.md, "HTML"), not losses. */
const DESIGNED_CHANGES = new Set(['table', 'image', 'list', 'link']);

/** `h5p-html-approximated` when every change is a documented adaptation, else `h5p-html-adapted`. */
export function htmlChangeRule(codes: string[]): H5pRule {
  return codes.every((code) => DESIGNED_CHANGES.has(code.split(':')[0]!)) ? 'h5p-html-approximated' : 'h5p-html-adapted';
}

export function h5pMessage(rule: H5pRule, params: Params, lang: Lang): string {
  return rules[rule][lang](params);
}

function reasonText(p: Params, lang: Lang): string {
  switch (p.reason) {
    case 'unreadable':
      return lang === 'es' ? `no se puede leer (${p.detail})` : `cannot be read (${p.detail})`;
    case 'unsupported-type':
      return lang === 'es' ? `H5P no admite imágenes ${p.detail} en content/` : `H5P does not accept ${p.detail} images in content/`;
    case 'svg-failed':
      return lang === 'es' ? `no se pudo convertir de SVG a PNG (${p.detail})` : `could not be converted from SVG to PNG (${p.detail})`;
    default:
      return lang === 'es' ? 'no figura entre los archivos del módulo' : 'is not among the module’s media files';
  }
}

/** Readable list of what adaptHtml changed (its change codes). */
export function describeChanges(codes: string[], lang: Lang): string {
  return codes
    .map((code) => {
      const [kind, detail = ''] = code.split(':', 2) as [string, string?];
      const es = lang === 'es';
      switch (kind) {
        case 'table':
          return es ? 'tabla mostrada como lista (columna: valor)' : 'table shown as a list (column: value)';
        case 'image':
          return es ? 'imagen dentro del texto sustituida por su descripción' : 'image inside text shown as its description';
        case 'list':
          return es ? 'lista mostrada como párrafos' : 'list shown as paragraphs';
        case 'link':
          return es ? `enlace a "${detail}" mostrado como texto` : `link to "${detail}" shown as plain text`;
        case 'removed':
          return es ? `<${detail}> eliminado` : `<${detail}> removed`;
        default:
          return es ? `<${detail}> mostrado como texto` : `<${detail}> shown as plain text`;
      }
    })
    .join('; ');
}

/** Problems found while bundling libraries. */
export type BundleProblem =
  | { code: 'missing'; library: string; folder: string }
  | { code: 'unreadable'; folder: string; detail: string }
  | { code: 'mismatch'; folder: string; declared: string; expected: string }
  | { code: 'core-api'; library: string; required: string; target: string }
  | { code: 'missing-asset'; file: string }
  | { code: 'file-type'; file: string; ext: string };

export function bundleProblemText(problem: BundleProblem, lang: Lang): string {
  const es = lang === 'es';
  switch (problem.code) {
    case 'missing':
      return es ? `falta ${problem.library} (se esperaba una carpeta ${problem.folder}/ con library.json)` : `${problem.library} is missing (expected a folder ${problem.folder}/ with a library.json)`;
    case 'unreadable':
      return es ? `${problem.folder}/library.json no es JSON válido (${problem.detail})` : `${problem.folder}/library.json cannot be read as JSON (${problem.detail})`;
    case 'mismatch':
      return es ? `${problem.folder}/library.json declara ${problem.declared}, no ${problem.expected}` : `${problem.folder}/library.json declares ${problem.declared}, not ${problem.expected}`;
    case 'core-api':
      return es
        ? `${problem.library} necesita la API del núcleo H5P ${problem.required}, más nueva que la de destino ${problem.target}: los sitios con ${problem.target} rechazan el paquete (api-version-unsupported). Use un parche anterior o --h5p-core-api ${problem.required}.`
        : `${problem.library} needs H5P core API ${problem.required}, newer than the target ${problem.target}: sites on ${problem.target} refuse the package (api-version-unsupported). Use an older patch or --h5p-core-api ${problem.required}.`;
    case 'missing-asset':
      return es ? `${problem.file} figura en library.json pero no existe` : `${problem.file} is named in library.json but missing`;
    case 'file-type':
      if (!problem.ext) {
        return es
          ? `${problem.file}: H5P no admite archivos sin extensión en las bibliotecas (solo js, css, svg, xml y los tipos de contenido permitidos); quítelo de la carpeta de la biblioteca o cámbiele el nombre`
          : `${problem.file}: H5P does not allow files without an extension in libraries (only js, css, svg, xml and the allowed content types); remove it from the library folder or rename it`;
      }
      return es ? `${problem.file}: H5P no admite archivos ".${problem.ext}" en las bibliotecas` : `${problem.file}: H5P does not allow ".${problem.ext}" files in libraries`;
  }
}
