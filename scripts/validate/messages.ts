/**
 * Every rule `wecare check` knows: its id, its severity and its message in English and Spanish.
 * Message texts are pinned by tests (tests/validate/messages.test.ts): authors read them.
 */
import type { Diagnostic } from './diagnostic.ts';

export type Lang = 'en' | 'es';
export type Params = Record<string, string | number | undefined>;

interface Rule {
  severity: Diagnostic['severity'];
  en: (p: Params) => string;
  es: (p: Params) => string;
}

const didYouMean = (p: Params, lang: Lang) =>
  p.suggestion ? (lang === 'en' ? `; did you mean "${p.suggestion}"?` : `; ¿quería decir "${p.suggestion}"?`) : '';

/** The `yaml` library's syntax problems designers meet, by its error code, with what to do. */
const yamlProblems: Record<string, { en: string; es: string }> = {
  DUPLICATE_KEY: { en: 'the same key appears twice; keep one', es: 'la misma clave aparece dos veces; deje solo una' },
  BAD_INDENT: {
    en: 'the indentation does not match the lines around it, or a [ … ] or { … } list is not closed',
    es: 'la sangría no coincide con la de las líneas de alrededor, o falta cerrar una lista [ … ] o { … }',
  },
  MISSING_CHAR: { en: 'a closing quote, ] or } is missing', es: 'falta cerrar unas comillas, un ] o un }' },
  TAB_AS_INDENT: { en: 'indentation must use spaces, not tabs', es: 'la sangría debe hacerse con espacios, no con tabuladores' },
  BLOCK_AS_IMPLICIT_KEY: { en: 'a value contains ": "; put the value in quotes', es: 'un valor contiene «: »; ponga el valor entre comillas' },
  MULTILINE_IMPLICIT_KEY: {
    en: 'a line is neither "key: value" nor an indented continuation of the line above',
    es: 'una línea no es «clave: valor» ni continúa, con sangría, la línea anterior',
  },
  UNEXPECTED_TOKEN: { en: 'unexpected text; check the indentation and the "key: value" form', es: 'texto inesperado; revise la sangría y la forma «clave: valor»' },
  BAD_SCALAR_START: {
    en: 'a value cannot start with a reserved character such as @, ` or %; put it in quotes',
    es: 'un valor no puede empezar por un carácter reservado como @, ` o %; póngalo entre comillas',
  },
  COMPLEX_KEY: {
    en: 'a key must be a plain name before the colon, not a list, a mapping or binary data',
    es: 'una clave debe ser un nombre simple antes de los dos puntos, no una lista, un mapa ni datos binarios',
  },
  BAD_DQ_ESCAPE: { en: 'invalid \\ escape inside double quotes; use single quotes', es: 'escape con \\ no válido entre comillas dobles; use comillas simples' },
};

/** Reasons a question cannot be answered correctly, by code (`impossible-question`, `invalid-question`). */
const reasons: Record<string, { en: (p: Params) => string; es: (p: Params) => string }> = {
  'single-many-correct': {
    en: (p) => `single-choice question "${p.id}" marks ${p.count} options [x]; exactly one must be correct (use :::multiple-choice for more)`,
    es: (p) => `la pregunta de respuesta única "${p.id}" marca ${p.count} opciones con [x]; debe haber exactamente una correcta (use :::multiple-choice para varias)`,
  },
  'too-few-options': {
    en: (p) => `question "${p.id}" has ${p.count} option(s); it needs at least 2`,
    es: (p) => `la pregunta "${p.id}" tiene ${p.count} opción(es); necesita al menos 2`,
  },
  'empty-option': {
    en: (p) => `option ${p.option} of question "${p.id}" is empty`,
    es: (p) => `la opción ${p.option} de la pregunta "${p.id}" está vacía`,
  },
  'no-list': {
    en: (p) => `question "${p.id}" has no options: write them as a task list (- [x] right, - [ ] wrong)`,
    es: (p) => `la pregunta "${p.id}" no tiene opciones: escríbalas como lista de tareas (- [x] correcta, - [ ] incorrecta)`,
  },
  'option-without-box': {
    en: (p) => `option ${p.option} of question "${p.id}" has no [ ] or [x] box`,
    es: (p) => `la opción ${p.option} de la pregunta "${p.id}" no tiene casilla [ ] o [x]`,
  },
  'missing-answer': {
    en: (p) => `true/false question "${p.id}" needs answer=true or answer=false`,
    es: (p) => `la pregunta de verdadero/falso "${p.id}" necesita answer=true o answer=false`,
  },
  'no-blanks': {
    en: (p) => `question "${p.id}" has no gaps: mark each one with :blank[answer]`,
    es: (p) => `la pregunta "${p.id}" no tiene huecos: marque cada uno con :blank[respuesta]`,
  },
  'empty-blank': {
    en: (p) => `gap ${p.blank} of question "${p.id}" has an empty answer`,
    es: (p) => `el hueco ${p.blank} de la pregunta "${p.id}" tiene la respuesta vacía`,
  },
  'no-table': {
    en: (p) => `matching question "${p.id}" needs a two-column table: a header row, then one row per correct pair`,
    es: (p) => `la pregunta de relacionar "${p.id}" necesita una tabla de dos columnas: una fila de cabecera y una fila por pareja correcta`,
  },
  'too-few-pairs': {
    en: (p) => `matching question "${p.id}" has ${p.count} pair(s); it needs at least 2`,
    es: (p) => `la pregunta de relacionar "${p.id}" tiene ${p.count} pareja(s); necesita al menos 2`,
  },
  'bad-pair': {
    en: (p) => `row ${p.row} of matching question "${p.id}" needs exactly two non-empty cells`,
    es: (p) => `la fila ${p.row} de la pregunta de relacionar "${p.id}" necesita exactamente dos celdas no vacías`,
  },
  'duplicate-pair': {
    en: (p) => `matching question "${p.id}" uses "${p.text}" twice in one column, so its pairs are ambiguous`,
    es: (p) => `la pregunta de relacionar "${p.id}" repite "${p.text}" en una columna, así que las parejas son ambiguas`,
  },
  'no-ordered-list': {
    en: (p) => `ordering question "${p.id}" needs an ordered list (1. 2. 3.) written in the correct order`,
    es: (p) => `la pregunta de ordenar "${p.id}" necesita una lista numerada (1. 2. 3.) escrita en el orden correcto`,
  },
  'too-few-items': {
    en: (p) => `ordering question "${p.id}" has ${p.count} item(s); it needs at least 2`,
    es: (p) => `la pregunta de ordenar "${p.id}" tiene ${p.count} elemento(s); necesita al menos 2`,
  },
  'duplicate-item': {
    en: (p) => `ordering question "${p.id}" lists "${p.text}" twice, so the order is ambiguous`,
    es: (p) => `la pregunta de ordenar "${p.id}" repite "${p.text}", así que el orden es ambiguo`,
  },
  'empty-quiz': {
    en: (p) => `quiz "${p.id}" contains no questions`,
    es: (p) => `el cuestionario "${p.id}" no contiene preguntas`,
  },
  'no-statements': {
    en: (p) => `self-assessment "${p.id}" needs a bullet list of statements`,
    es: (p) => `la autoevaluación "${p.id}" necesita una lista de afirmaciones`,
  },
  'statement-without-competence': {
    en: (p) => `statement ${p.statement} of self-assessment "${p.id}" names no competence: add :competence[id]`,
    es: (p) => `la afirmación ${p.statement} de la autoevaluación "${p.id}" no indica competencia: añada :competence[id]`,
  },
  'empty-prompt': {
    en: (p) => `activity "${p.id}" has no text`,
    es: (p) => `la actividad "${p.id}" no tiene texto`,
  },
};

/** Where a misplaced directive belongs, by placement code (see scripts/validate/directives.ts). */
const placements: Record<string, { en: string; es: string }> = {
  lesson: { en: 'it belongs at the top level of a lesson (possibly inside :::only)', es: 'va en el nivel superior de una lección (puede estar dentro de :::only)' },
  question: { en: 'questions go at the top level of a lesson or directly inside a ::::quiz', es: 'las preguntas van en el nivel superior de una lección o directamente dentro de un ::::quiz' },
  feedback: { en: 'feedback goes directly inside a question or a quiz', es: 'la retroalimentación va directamente dentro de una pregunta o un cuestionario' },
  gap: { en: 'gaps go inside :::fill-blanks or :::drag-words', es: 'los huecos van dentro de :::fill-blanks o :::drag-words' },
  statement: { en: ':competence goes in a statement of a :::self-assessment', es: ':competence va en una afirmación de una :::self-assessment' },
  'face-to-face-part': { en: 'it goes directly inside a ::::face-to-face activity', es: 'va directamente dentro de una actividad ::::face-to-face' },
  intro: { en: 'activities and trainer notes go in lessons, not in module.md', es: 'las actividades y las notas para el formador van en las lecciones, no en module.md' },
  'only-attributes': { en: ':only needs variants= or except=', es: ':only necesita variants= o except=' },
  nested: { en: 'activities cannot be nested inside other activities', es: 'las actividades no se pueden anidar dentro de otras' },
};

const reason = (p: Params, lang: Lang) => reasons[String(p.reason)]?.[lang](p) ?? String(p.reason);

export const rules = {
  'yaml-syntax': {
    severity: 'error',
    en: (p) => `YAML syntax error: ${yamlProblems[String(p.code)]?.en ?? p.detail}`,
    es: (p) => `Error de sintaxis YAML: ${yamlProblems[String(p.code)]?.es ?? p.detail}`,
  },
  'missing-file': {
    severity: 'error',
    en: (p) => `Missing file "${p.path}"${p.hint ? `: ${p.hint}` : ''}`,
    es: (p) => `Falta el archivo "${p.path}"${p.hint ? `: ${p.hint}` : ''}`,
  },
  'missing-field': {
    severity: 'error',
    en: (p) => `Missing required field "${p.field}" (${p.expected})`,
    es: (p) => `Falta el campo obligatorio "${p.field}" (${p.expected})`,
  },
  'invalid-field': {
    severity: 'error',
    en: (p) => `Field "${p.field}" must be ${p.expected}`,
    es: (p) => `El campo "${p.field}" debe ser ${p.expected}`,
  },
  'unknown-field': {
    severity: 'error',
    en: (p) => `Unknown field "${p.field}"${didYouMean(p, 'en')}`,
    es: (p) => `Campo desconocido "${p.field}"${didYouMean(p, 'es')}`,
  },
  'unknown-directive': {
    severity: 'error',
    en: (p) => `Unknown directive "${p.name}"${didYouMean(p, 'en')}`,
    es: (p) => `Directiva desconocida "${p.name}"${didYouMean(p, 'es')}`,
  },
  'unknown-attribute': {
    severity: 'error',
    en: (p) => `Unknown attribute "${p.name}" on "${p.directive}"${didYouMean(p, 'en')}${p.suggestion ? '' : ` (allowed: ${p.allowed})`}`,
    es: (p) => `Atributo desconocido "${p.name}" en "${p.directive}"${didYouMean(p, 'es')}${p.suggestion ? '' : ` (permitidos: ${p.allowed})`}`,
  },
  'invalid-attribute': {
    severity: 'error',
    en: (p) => `Attribute "${p.name}" of "${p.directive}" must be ${p.expected}, not "${p.value}"`,
    es: (p) => `El atributo "${p.name}" de "${p.directive}" debe ser ${p.expected}, no "${p.value}"`,
  },
  'misplaced-directive': {
    severity: 'error',
    en: (p) => `"${p.name}" cannot be used here: ${placements[String(p.where)]?.en ?? p.where}`,
    es: (p) => `"${p.name}" no se puede usar aquí: ${placements[String(p.where)]?.es ?? p.where}`,
  },
  'literal-directive': {
    severity: 'error',
    en: (p) => `"${p.text}" is not read as a directive: learners would see it as text. Check the name, the colons and the {…} attributes (values in straight quotes "…")`,
    es: (p) => `"${p.text}" no se lee como directiva: los alumnos lo verían como texto. Revise el nombre, los dos puntos y los atributos {…} (valores entre comillas rectas "…")`,
  },
  'fence-too-short': {
    severity: 'error',
    en: (p) => `"${p.outer}" contains "${p.inner}" with as many colons or more, so the inner closing fence closes both: give the outer fence more colons than the inner ones ("${p.fix}" … "${p.close}")`,
    es: (p) => `"${p.outer}" contiene "${p.inner}" con tantos dos puntos o más, así que el cierre de la interior cierra las dos: ponga a la exterior más dos puntos que a las interiores ("${p.fix}" … "${p.close}")`,
  },
  'directive-form': {
    severity: 'error',
    en: (p) => `"${p.name}" must be written ${p.expected}`,
    es: (p) => `"${p.name}" se escribe ${p.expected}`,
  },
  'missing-id': {
    severity: 'error',
    en: (p) => `"${p.directive}" needs an id: write {#some-id} after its name`,
    es: (p) => `"${p.directive}" necesita un id: escriba {#un-id} tras su nombre`,
  },
  'invalid-id': {
    severity: 'error',
    en: (p) => `Id "${p.id}" must use lower-case letters, digits, dots and dashes, starting with a letter`,
    es: (p) => `El id "${p.id}" debe usar minúsculas, dígitos, puntos y guiones, y empezar por una letra`,
  },
  'duplicate-id': {
    severity: 'error',
    en: (p) => `Id "${p.id}" is already used at ${p.other}; ids must be unique in the programme`,
    es: (p) => `El id "${p.id}" ya se usa en ${p.other}; los ids deben ser únicos en el programa`,
  },
  'no-correct-answer': {
    severity: 'error',
    en: (p) => `Question "${p.id}" has no correct answer: mark the right option(s) with [x]`,
    es: (p) => `La pregunta "${p.id}" no tiene respuesta correcta: marque la(s) opción(es) correcta(s) con [x]`,
  },
  'impossible-question': {
    severity: 'error',
    en: (p) => `Impossible question: ${reason(p, 'en')}`,
    es: (p) => `Pregunta imposible: ${reason(p, 'es')}`,
  },
  'invalid-activity': {
    severity: 'error',
    en: (p) => `Malformed activity: ${reason(p, 'en')}`,
    es: (p) => `Actividad mal formada: ${reason(p, 'es')}`,
  },
  'unknown-competence': {
    severity: 'error',
    en: (p) => `Unknown competence "${p.id}" (not in content/competences.yaml)${didYouMean(p, 'en')}`,
    es: (p) => `Competencia desconocida "${p.id}" (no está en content/competences.yaml)${didYouMean(p, 'es')}`,
  },
  'unknown-outcome': {
    severity: 'error',
    en: (p) => `Unknown learning outcome "${p.id}" (not in content/competences.yaml)${didYouMean(p, 'en')}`,
    es: (p) => `Resultado de aprendizaje desconocido "${p.id}" (no está en content/competences.yaml)${didYouMean(p, 'es')}`,
  },
  'outcome-outside-module': {
    severity: 'error',
    en: (p) => `Learning outcome "${p.id}" belongs to competence ${p.competence}, which this module does not list in competences:; add ${p.competence} there or remove the outcome`,
    es: (p) => `El resultado de aprendizaje "${p.id}" pertenece a la competencia ${p.competence}, que este módulo no incluye en competences:; añada ${p.competence} allí o quite el resultado`,
  },
  'image-alt': {
    severity: 'error',
    en: (p) => `Image "${p.src}" has no alt text: describe it in ![…](${p.src})`,
    es: (p) => `La imagen "${p.src}" no tiene texto alternativo: descríbala en ![…](${p.src})`,
  },
  'missing-media': {
    severity: 'error',
    en: (p) => `Media file "${p.path}" does not exist`,
    es: (p) => `El archivo multimedia "${p.path}" no existe`,
  },
  'svg-unsafe': {
    severity: 'warning',
    en: (p) => `"${p.path}" contains what an SVG in a course must not: ${p.removed}; the build removes it from the packages (remove it from the file to silence this)`,
    es: (p) => `"${p.path}" contiene lo que un SVG de un curso no puede llevar: ${p.removed}; la compilación lo quita de los paquetes (quítelo del archivo para que no aparezca este aviso)`,
  },
  'media-outside-module': {
    severity: 'error',
    en: (p) => `"${p.path}" is outside the module folder; put media in the module's media/ folder`,
    es: (p) => `"${p.path}" está fuera de la carpeta del módulo; ponga los archivos en la carpeta media/ del módulo`,
  },
  'broken-link': {
    severity: 'error',
    en: (p) => `Broken link "${p.href}": ${p.detail === 'outside' ? 'it leaves the module' : 'no such file'}`,
    es: (p) => `Enlace roto "${p.href}": ${p.detail === 'outside' ? 'sale del módulo' : 'ese archivo no existe'}`,
  },
  'link-fragment': {
    severity: 'warning',
    en: (p) => `Link "${p.href}" points at a section (#…), which packages do not keep: ${p.file ? `link to "${p.file}" without "#…"` : 'link to the lesson file instead, or remove the link'}`,
    es: (p) => `El enlace "${p.href}" apunta a una sección (#…), que los paquetes no conservan: ${p.file ? `enlace a "${p.file}" sin "#…"` : 'enlace al archivo de la lección o quite el enlace'}`,
  },
  'variant-coverage': {
    severity: 'warning',
    en: (p) => `Country-specific content with no counterpart for ${p.missing}: add :::only{variants=${p.example}} (it may be empty)`,
    es: (p) => `Contenido de un país sin equivalente para ${p.missing}: añada :::only{variants=${p.example}} (puede estar vacío)`,
  },
  'inline-variant-coverage': {
    severity: 'warning',
    en: (p) => `Country-specific text with no counterpart for ${p.missing}: add :only[…]{variants=${p.example}}`,
    es: (p) => `Texto de un país sin equivalente para ${p.missing}: añada :only[…]{variants=${p.example}}`,
  },
  'empty-lesson': {
    severity: 'warning',
    en: (p) => `Lesson "${p.id}" has no content for variant ${p.variant}; restrict it with variants: in its front matter`,
    es: (p) => `La lección "${p.id}" no tiene contenido para la variante ${p.variant}; restrínjala con variants: en su cabecera`,
  },
  'no-lessons': {
    severity: 'warning',
    en: (p) => `Module "${p.id}" has no lessons for variant ${p.variant} (lessons are NN-slug.md files beside module.md)`,
    es: (p) => `El módulo "${p.id}" no tiene lecciones para la variante ${p.variant} (las lecciones son archivos NN-nombre.md junto a module.md)`,
  },
  'unknown-variant': {
    severity: 'error',
    en: (p) => `Unknown variant "${p.code}"${didYouMean(p, 'en')}${p.suggestion ? '' : ` (the programme ships: ${p.known})`}`,
    es: (p) => `Variante desconocida "${p.code}"${didYouMean(p, 'es')}${p.suggestion ? '' : ` (el programa incluye: ${p.known})`}`,
  },
  'unknown-variable': {
    severity: 'error',
    en: (p) => `:var[${p.path}] has no value for variant ${p.variant}: add it to ${p.file}`,
    es: (p) => `:var[${p.path}] no tiene valor para la variante ${p.variant}: añádalo a ${p.file}`,
  },
  'invalid-variable': {
    severity: 'error',
    en: (p) => `:var[${p.path}] in ${p.file} is a list or mapping; point at a single value`,
    es: (p) => `:var[${p.path}] en ${p.file} es una lista o un mapa; apunte a un valor simple`,
  },
  'unknown-term': {
    severity: 'error',
    en: (p) => `Unknown glossary term "${p.term}" (not in content/glossary.yaml)${didYouMean(p, 'en')}`,
    es: (p) => `Término desconocido "${p.term}" (no está en content/glossary.yaml)${didYouMean(p, 'es')}`,
  },
  'copied-value': {
    severity: 'warning',
    en: (p) => `"${p.path}" still holds the value copied from ${p.from}: write this country's value, or delete "${p.path}" from localise: if it is right here too`,
    es: (p) => `"${p.path}" conserva el valor copiado de ${p.from}: escriba el de este país o, si también vale aquí, borre "${p.path}" de localise:`,
  },
  'stale-localise': {
    severity: 'warning',
    en: (p) => `localise: lists "${p.path}", which this file no longer has; delete that line`,
    es: (p) => `localise: incluye "${p.path}", que ya no está en este archivo; borre esa línea`,
  },
  'unknown-legal-reference': {
    severity: 'error',
    en: (p) => `Legal reference "${p.ref}" is not in ${p.file} (legalReferences)`,
    es: (p) => `La referencia legal "${p.ref}" no está en ${p.file} (legalReferences)`,
  },
  'translation-missing': {
    severity: 'error',
    en: (p) => `No translation into ${p.language} (variant ${p.variant}) of unit ${p.unit}: «${p.text}»; run wecare translate export --variant ${p.variant}, translate, then wecare translate import`,
    es: (p) => `Falta la traducción al ${p.language} (variante ${p.variant}) de la unidad ${p.unit}: «${p.text}»; ejecute wecare translate export --variant ${p.variant}, traduzca y luego wecare translate import`,
  },
  'translation-incomplete': {
    severity: 'warning',
    en: (p) => `${p.count} unit(s) of ${p.module} have no translation into ${p.language} (variant ${p.variant}): shipped in the source language (--allow-untranslated)`,
    es: (p) => `${p.count} unidad(es) de ${p.module} no tienen traducción al ${p.language} (variante ${p.variant}): se publican en el idioma de origen (--allow-untranslated)`,
  },
  'translation-stale': {
    severity: 'warning',
    en: (p) => `The source of unit ${p.unit} changed after it was translated into ${p.language} (variant ${p.variant}): export, revise and import it again`,
    es: (p) => `El texto de la unidad ${p.unit} cambió después de traducirse al ${p.language} (variante ${p.variant}): expórtela, revísela e impórtela de nuevo`,
  },
  'translation-codes': {
    severity: 'error',
    en: (p) => `The ${p.language} translation of unit ${p.unit} (${p.file}) lost inline codes: ${p.problems}; the source text is used until it is fixed`,
    es: (p) => `La traducción al ${p.language} de la unidad ${p.unit} (${p.file}) ha perdido códigos en línea: ${p.problems}; se usa el texto de origen hasta corregirla`,
  },
  'glossary-language': {
    severity: 'error',
    en: (p) => `Glossary term "${p.term}" has no wording in ${p.language} (variant ${p.variant}): add "${p.variant}:" to it in content/glossary.yaml or translate term:${p.term}:wording`,
    es: (p) => `El término "${p.term}" del glosario no tiene forma en ${p.language} (variante ${p.variant}): añada "${p.variant}:" en content/glossary.yaml o traduzca term:${p.term}:wording`,
  },
  'raw-html': {
    severity: 'warning',
    en: () => `Raw HTML is removed from learner content; use Markdown or a directive instead`,
    es: () => `El HTML directo se elimina del contenido para el alumnado; use Markdown o una directiva`,
  },
  'missing-interface-strings': {
    severity: 'error',
    en: (p) => `No interface strings for locale "${p.locale}" (${p.surfaces}): learners would see buttons and messages in another language. Languages with interface strings: ${p.languages}. Add the catalogues (docs/i18n.md) or use one of these languages`,
    es: (p) => `No hay textos de interfaz para el locale "${p.locale}" (${p.surfaces}): el alumnado vería botones y mensajes en otro idioma. Idiomas con textos de interfaz: ${p.languages}. Añada los catálogos (docs/i18n.md) o use uno de esos idiomas`,
  },
  'unknown-ui-key': {
    severity: 'warning',
    en: (p) => `ui key "${p.key}" names no interface string, so it changes nothing; use a player key (next), or h5p.<key>, guide.<key> or profile.<key> (docs/i18n.md)${didYouMean(p, 'en')}`,
    es: (p) => `La clave de ui "${p.key}" no corresponde a ningún texto de interfaz, así que no cambia nada; use una clave del reproductor (next) o h5p.<clave>, guide.<clave> o profile.<clave> (docs/i18n.md)${didYouMean(p, 'es')}`,
  },
  'unreviewed-interface-strings': {
    severity: 'info',
    en: (p) => `Interface strings for "${p.locale}" not yet reviewed by a native speaker: ${p.catalogues} (scripts/i18n/reviewed.ts)`,
    es: (p) => `Textos de interfaz para "${p.locale}" aún sin revisar por un hablante nativo: ${p.catalogues} (scripts/i18n/reviewed.ts)`,
  },
  'unreviewed-translations': {
    severity: 'info',
    en: (p) => `${p.count} of the ${p.total} ${p.language} translations in this file are not yet reviewed by a native speaker (the first: unit ${p.unit}); set reviewed: true on each one once checked`,
    es: (p) => `${p.count} de las ${p.total} traducciones al ${p.language} de este archivo aún sin revisar por un hablante nativo (la primera: unidad ${p.unit}); ponga reviewed: true en cada una tras revisarla`,
  },
  'review-note': {
    severity: 'info',
    en: (p) => `Review: ${p.text}`,
    es: (p) => `Revisar: ${p.text}`,
  },
  'nesting-too-deep': {
    severity: 'error',
    en: () => 'This file nests lists, quotes, links or directives too deeply to be read: flatten it (a few levels are plenty)',
    es: () => 'Este archivo anida listas, citas, enlaces o directivas a demasiada profundidad para poder leerlo: simplifíquelo (bastan unos pocos niveles)',
  },
  'internal-error': {
    severity: 'error',
    en: (p) => `Internal error of wecare while reading this file (please report it): ${p.detail}`,
    es: (p) => `Error interno de wecare al leer este archivo (por favor, notifíquelo): ${p.detail}`,
  },
} satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;

export function ruleText(rule: RuleId, params: Params, lang: Lang): string {
  return rules[rule][lang](params);
}

export function ruleSeverity(rule: RuleId): Diagnostic['severity'] {
  return rules[rule].severity as Diagnostic['severity'];
}

/** Localised words used around messages (field descriptions, "where" explanations). */
export const words = {
  en: {
    aText: 'a text',
    aNumber: 'a number',
    aWholeNumber: 'a whole number',
    aPercentage: 'a whole number from 0 to 100',
    minutes: 'a whole number of minutes (0 or more)',
    aList: 'a list',
    aMapping: 'a mapping (key: value)',
    aBoolean: 'true or false',
    oneOf: (values: string[]) => `one of ${values.join(', ')}`,
    anId: 'an id (lower-case letters, digits, dots, dashes)',
    aVariantCode: 'a variant code: the country (it), or country-language (be-fr)',
    aUrl: 'an http(s) URL',
    matchingFileName: (name: string) => `"${name}" (the file name)`,
    eqf: 'an EQF level from 1 to 8',
  },
  es: {
    aText: 'un texto',
    aNumber: 'un número',
    aWholeNumber: 'un número entero',
    aPercentage: 'un número entero de 0 a 100',
    minutes: 'un número entero de minutos (0 o más)',
    aList: 'una lista',
    aMapping: 'un mapa (clave: valor)',
    aBoolean: 'true o false',
    oneOf: (values: string[]) => `uno de: ${values.join(', ')}`,
    anId: 'un id (minúsculas, dígitos, puntos, guiones)',
    aVariantCode: 'un código de variante: el país (it), o país-idioma (be-fr)',
    aUrl: 'una URL http(s)',
    matchingFileName: (name: string) => `"${name}" (el nombre del archivo)`,
    eqf: 'un nivel EQF de 1 a 8',
  },
} as const;

export type Words = (typeof words)['en'];
