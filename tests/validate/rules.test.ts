/** Every rule of `wecare check` on a minimal source, with its exact message pinned (authors read them). */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProgramme } from '../../scripts/validate/check-cache.ts';
import { formatDiagnostic } from '../../scripts/validate/format-diagnostics.ts';
import type { Lang } from '../../scripts/validate/messages.ts';
import { copyMini, lesson, processLesson } from '../parse/helpers.ts';

function messages(body: string, lang: Lang = 'en'): string[] {
  return processLesson(lesson(body), { lang, html: false, path: 'l.md' })
    .diagnostics.filter((d) => d.severity !== 'info')
    .map((d) => formatDiagnostic(d, lang));
}

describe('directives', () => {
  it('reports an unknown directive with a suggestion', () => {
    expect(messages(':::singel-choice{#q1}\n¿Sí?\n\n- [x] Sí\n- [ ] No\n:::')).toMatchInlineSnapshot(`
      [
        "l.md:6:1  error  Unknown directive ":::singel-choice"; did you mean ":::single-choice"?  unknown-directive",
      ]
    `);
  });

  it('reports an unknown attribute with a suggestion, or the allowed ones', () => {
    expect(messages(':::reflection{#r1 minWord=3}\n¿Qué opinas?\n:::\n\n:::reflection{#r2 colour=red}\n¿Y tú?\n:::')).toMatchInlineSnapshot(`
      [
        "l.md:6:19  error  Unknown attribute "minWord" on ":::reflection"; did you mean "minWords"?  unknown-attribute",
        "l.md:10:19  error  Unknown attribute "colour" on ":::reflection" (allowed: id, competence, variants, minWords)  unknown-attribute",
      ]
    `);
  });

  it('reports invalid attribute values, a wrong form, a missing id and a misplaced directive', () => {
    expect(messages('::::face-to-face{#f1 mode=pairs duration=x}\nEn el aula.\n::::\n\n::reflection{#r3}\n\n:::reflection\n¿Por qué?\n:::\n\nTexto con :blank[hueco].')).toMatchInlineSnapshot(`
      [
        "l.md:6:22  error  Attribute "mode" of ":::face-to-face" must be one of collective, individual, not "pairs"  invalid-attribute",
        "l.md:6:33  error  Attribute "duration" of ":::face-to-face" must be a whole number (1+), not "x"  invalid-attribute",
        "l.md:10:1  error  "::reflection" must be written ":::reflection"  directive-form",
        "l.md:12:1  error  ":::reflection" needs an id: write {#some-id} after its name  missing-id",
        "l.md:16:11  error  ":blank" cannot be used here: gaps go inside :::fill-blanks or :::drag-words  misplaced-directive",
      ]
    `);
  });

  it('leaves ordinary colons alone ("Hora:tarde" is text, not a directive)', () => {
    expect(messages('Nos vemos a la Hora:tarde, en el aula.')).toEqual([]);
    const html = processLesson(lesson('Nos vemos a la Hora:tarde.')).perVariant.es!.blocks[0];
    expect(html).toEqual({ kind: 'html', html: '<p>Nos vemos a la Hora:tarde.</p>' });
  });
});

describe('questions', () => {
  it('reports a question with no correct answer', () => {
    expect(messages(':::single-choice{#q1}\n¿Cuál?\n\n- [ ] Una\n- [ ] Otra\n:::')).toMatchInlineSnapshot(`
      [
        "l.md:6:1  error  Question "q1" has no correct answer: mark the right option(s) with [x]  no-correct-answer",
      ]
    `);
  });

  it('reports impossible questions', () => {
    const body = [
      ':::single-choice{#q1}\n¿Cuál?\n\n- [x] Una\n- [x] Otra\n:::',
      ':::ordering{#q2}\nOrdena.\n\n1. Solo uno\n:::',
      ':::fill-blanks{#q3}\nCompleta: :blank[]{alt="x"}.\n:::',
      ':::multiple-choice{#q4}\n¿Cuál?\n\n- [x] Única\n:::',
      ':::matching{#q5}\nRelaciona.\n\n| A | B |\n| - | - |\n| uno | 1 |\n| uno | 2 |\n:::',
    ].join('\n\n');
    expect(messages(body)).toMatchInlineSnapshot(`
      [
        "l.md:6:1  error  Impossible question: single-choice question "q1" marks 2 options [x]; exactly one must be correct (use :::multiple-choice for more)  impossible-question",
        "l.md:13:1  error  Impossible question: ordering question "q2" has 1 item(s); it needs at least 2  impossible-question",
        "l.md:20:11  error  Impossible question: gap 1 of question "q3" has an empty answer  impossible-question",
        "l.md:23:1  error  Impossible question: question "q4" has 1 option(s); it needs at least 2  impossible-question",
        "l.md:29:1  error  Impossible question: matching question "q5" uses "uno" twice in one column, so its pairs are ambiguous  impossible-question",
      ]
    `);
  });

  it('reports malformed activities', () => {
    const body = [
      ':::single-choice{#q1}\n¿Cuál? Sin lista.\n:::',
      ':::true-false{#q2}\nEl cielo es azul.\n:::',
      ':::self-assessment{#s1}\n¿Seguro?\n\n- Sin competencia.\n:::',
      '::::quiz{#z1}\nVacío.\n::::',
    ].join('\n\n');
    expect(messages(body)).toMatchInlineSnapshot(`
      [
        "l.md:6:1  error  Malformed activity: question "q1" has no options: write them as a task list (- [x] right, - [ ] wrong)  invalid-activity",
        "l.md:10:1  error  Malformed activity: true/false question "q2" needs answer=true or answer=false  invalid-activity",
        "l.md:17:1  error  Malformed activity: statement 1 of self-assessment "s1" names no competence: add :competence[id]  invalid-activity",
        "l.md:20:1  error  Malformed activity: quiz "z1" contains no questions  invalid-activity",
      ]
    `);
  });
});

describe('references to shared content', () => {
  it('reports unknown competences, terms and variables (naming the variant file)', () => {
    expect(messages(':::reflection{#r1 competence=C1.3}\nEl :term[auxliar] llama a la :var[institutions.police].\n:::')).toMatchInlineSnapshot(`
      [
        "l.md:6:19  error  Unknown competence "C1.3" (not in content/competences.yaml); did you mean "C1.1"?  unknown-competence",
        "l.md:7:4  error  Unknown glossary term "auxliar" (not in content/glossary.yaml); did you mean "auxiliar"?  unknown-term",
        "l.md:7:30  error  :var[institutions.police] has no value for variant es: add it to content/variants/es.yaml  unknown-variable",
        "l.md:7:30  error  :var[institutions.police] has no value for variant co: add it to content/variants/co.yaml  unknown-variable",
      ]
    `);
  });

  it('warns about links to sections, which packages do not keep, and leaves web links alone', () => {
    const body = 'Ver [arriba](#inicio), [la lección 2](02-leccion.md#pasos) y [el BOE](https://www.boe.es/#a).\n';
    expect(messages(body).filter((line) => line.includes('link-fragment'))).toEqual([
      'l.md:6:5  warning  Link "#inicio" points at a section (#…), which packages do not keep: link to the lesson file instead, or remove the link  link-fragment',
      'l.md:6:24  warning  Link "02-leccion.md#pasos" points at a section (#…), which packages do not keep: link to "02-leccion.md" without "#…"  link-fragment',
    ]);
    expect(messages(body, 'es').filter((line) => line.includes('link-fragment'))[1]).toBe(
      'l.md:6:24  aviso  El enlace "02-leccion.md#pasos" apunta a una sección (#…), que los paquetes no conservan: enlace a "02-leccion.md" sin "#…"  link-fragment',
    );
  });

  it('reports an image without alt text', () => {
    expect(messages('![](media/manos.svg)')).toMatchInlineSnapshot(`
      [
        "l.md:6:1  error  Image "media/manos.svg" has no alt text: describe it in ![…](media/manos.svg)  image-alt",
      ]
    `);
  });
});

describe('variants', () => {
  it('warns about country blocks without a counterpart, naming the missing countries', () => {
    expect(messages('Intro.\n\n:::only{variants=co}\nSolo Colombia.\n:::\n\nTexto :only[solo España]{variants=es}.')).toMatchInlineSnapshot(`
      [
        "l.md:8:1  warning  Country-specific content with no counterpart for es: add :::only{variants=es} (it may be empty)  variant-coverage",
        "l.md:12:7  warning  Country-specific text with no counterpart for co: add :only[…]{variants=co}  inline-variant-coverage",
      ]
    `);
  });

  it('accepts a block followed by its counterpart, including an empty one', () => {
    expect(messages('Intro.\n\n:::only{variants=co}\nSolo Colombia.\n:::\n\n:::only{variants=es}\n:::')).toEqual([]);
  });

  it('warns about a lesson empty for some variant', () => {
    expect(messages(':::only{variants=co}\nSolo Colombia.\n:::\n\n:::only{except=co}\n:::')).toMatchInlineSnapshot(`
      [
        "l.md:1:1  warning  Lesson "l01-test" has no content for variant es; restrict it with variants: in its front matter  empty-lesson",
      ]
    `);
  });

  it('reports unknown variant codes', () => {
    expect(messages(':::only{variants=cp}\nX\n:::\n\n:::only{variants=it}\nY\n:::')).toMatchInlineSnapshot(`
      [
        "l.md:1:1  warning  Lesson "l01-test" has no content for variant es; restrict it with variants: in its front matter  empty-lesson",
        "l.md:1:1  warning  Lesson "l01-test" has no content for variant co; restrict it with variants: in its front matter  empty-lesson",
        "l.md:6:9  error  Unknown variant "cp"; did you mean "co"?  unknown-variant",
        "l.md:10:9  error  Unknown variant "it" (the programme ships: es, co)  unknown-variant",
      ]
    `);
  });
});

describe('front matter', () => {
  it('reports YAML syntax errors at their line', () => {
    const result = processLesson('---\nid: l01\ntitle: [sin cerrar\n---\n\nTexto.\n', { html: false, path: 'l.md' });
    const lines = result.diagnostics.map((d) => formatDiagnostic(d, 'en'));
    expect(lines[0]).toMatch(/^l\.md:3:\d+  error  YAML syntax error: .+  yaml-syntax$/);
  });

  it('explains YAML syntax errors in the language of the check, saying what to do', () => {
    const spanish = (text: string) => processLesson(text, { lang: 'es', html: false, path: 'l.md' }).diagnostics.map((d) => formatDiagnostic(d, 'es'));
    expect(spanish('---\nid: l01\ntitle: Cuidar: con cariño\n---\n\nTexto.\n')).toEqual([
      'l.md:3:8  error  Error de sintaxis YAML: un valor contiene «: »; ponga el valor entre comillas  yaml-syntax',
    ]);
    expect(spanish('---\nid: l01\ntitle: Cuidar\nid: l02\n---\n\nTexto.\n')).toEqual([
      'l.md:4:1  error  Error de sintaxis YAML: la misma clave aparece dos veces; deje solo una  yaml-syntax',
    ]);
    const english = processLesson('---\nid: l01\ntitle: "sin cerrar\n---\n\nTexto.\n', { lang: 'en', html: false, path: 'l.md' }).diagnostics.map((d) => formatDiagnostic(d, 'en'));
    expect(english[0]).toMatch(/^l\.md:3:\d+  error  YAML syntax error: a closing quote, \] or \} is missing  yaml-syntax$/);
  });

  it('reports schema problems at the line of the field', () => {
    const result = processLesson('---\nid: L01 Mal\ntitel: Hola\nvariants: [es, xx]\n---\n\nTexto.\n', { html: false, path: 'l.md' });
    expect(result.diagnostics.map((d) => formatDiagnostic(d, 'en'))).toMatchInlineSnapshot(`
      [
        "l.md:2:1  error  Missing required field "title" (a text)  missing-field",
        "l.md:2:5  error  Field "id" must be an id (lower-case letters, digits, dots, dashes)  invalid-field",
        "l.md:3:1  error  Unknown field "titel"; did you mean "title"?  unknown-field",
        "l.md:4:16  error  Unknown variant "xx" (the programme ships: es, co)  unknown-variant",
      ]
    `);
  });

  it('writes messages in Spanish', () => {
    expect(messages(':::single-choice{#q1}\n¿Cuál?\n\n- [ ] Una\n- [ ] Otra\n:::\n\n:::only{variants=co}\nX\n:::', 'es')).toMatchInlineSnapshot(`
      [
        "l.md:6:1  error  La pregunta "q1" no tiene respuesta correcta: marque la(s) opción(es) correcta(s) con [x]  no-correct-answer",
        "l.md:13:1  aviso  Contenido de un país sin equivalente para es: añada :::only{variants=es} (puede estar vacío)  variant-coverage",
      ]
    `);
  });
});

describe('authoring slips', () => {
  it('reads typographic quotes around attribute values as straight ones, keeping columns', () => {
    const result = processLesson(lesson(':::reflection{#r1 minWords=“x”}\n¿Qué opinas de “cuidar”?\n:::\n\n::::quiz{#q title=‘L’Aquila’}\n:::single-choice{#q1}\n¿Sí?\n\n- [x] Sí\n- [ ] No\n:::\n::::'), { lang: 'es', html: false, path: 'l.md' });
    expect(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => formatDiagnostic(d, 'es'))).toMatchInlineSnapshot(`
      [
        "l.md:6:19  error  El atributo "minWords" de ":::reflection" debe ser un número entero (1+), no "x"  invalid-attribute",
      ]
    `);
  });

  it('reports a directive that learners would see as literal text', () => {
    expect(messages(':::reflection{#r1 title="Sin cerrar}\n¿Qué?\n:::\n\nTexto.\n::feedback[Bien]{on=pass\n\n:::')).toMatchInlineSnapshot(`
      [
        "l.md:6:1  error  ":::reflection{#r1 title="Sin cerrar}" is not read as a directive: learners would see it as text. Check the name, the colons and the {…} attributes (values in straight quotes "…")  literal-directive",
        "l.md:8:1  error  ":::" is not read as a directive: learners would see it as text. Check the name, the colons and the {…} attributes (values in straight quotes "…")  literal-directive",
        "l.md:11:1  error  "::feedback[Bien]{on=pass" is not read as a directive: learners would see it as text. Check the name, the colons and the {…} attributes (values in straight quotes "…")  literal-directive",
        "l.md:13:1  error  ":::" is not read as a directive: learners would see it as text. Check the name, the colons and the {…} attributes (values in straight quotes "…")  literal-directive",
      ]
    `);
  });

  it('says that the outer fence needs more colons than the nested ones, not that the feedback is misplaced', () => {
    const quiz = ':::quiz{#q}\n:::single-choice{#q1}\n¿Sí?\n\n- [x] Sí\n- [ ] No\n:::\n\n:::single-choice{#q2}\n¿No?\n\n- [x] No\n- [ ] Sí\n:::\n\n::feedback[Aprobado]{on=pass}\n:::';
    expect(messages(quiz, 'es')).toMatchInlineSnapshot(`
      [
        "l.md:6:1  error  ":::quiz" contiene ":::single-choice" con tantos dos puntos o más, así que el cierre de la interior cierra las dos: ponga a la exterior más dos puntos que a las interiores ("::::quiz" … "::::")  fence-too-short",
      ]
    `);
    expect(messages(quiz.replace(':::quiz', '::::quiz').replace(/:::$/, '::::'), 'es')).toEqual([]);
  });
});

describe('checks across files', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  async function check(edit: (root: string) => void, lang: Lang = 'en') {
    const copy = copyMini();
    cleanup = copy.cleanup;
    edit(copy.root);
    const result = await checkProgramme(copy.root, { cache: false, lang });
    return result.diagnostics.filter((d) => d.severity !== 'info').map((d) => formatDiagnostic(d, lang));
  }

  it('passes on the mini programme', async () => {
    expect(await check(() => undefined)).toEqual([]);
  });

  it('reports a file nested too deeply to read at its deepest line, and goes on with the others', async () => {
    const lines = await check((root) => {
      appendFileSync(path.join(root, 'modules/02-seguridad/02-solo-colombia.md'), '\n' + '>'.repeat(10_000) + ' Demasiado.\n');
      appendFileSync(path.join(root, 'modules/02-seguridad/01-emergencias.md'), '\n![](media/sin-alt.png)\n');
    });
    expect(lines.filter((line) => /nesting-too-deep|image-alt/.test(line))).toEqual([
      expect.stringMatching(/^modules\/02-seguridad\/01-emergencias\.md:\d+:1  error  Image .* image-alt$/),
      'modules/02-seguridad/02-solo-colombia.md:10:1  error  This file nests lists, quotes, links or directives too deeply to be read: flatten it (a few levels are plenty)  nesting-too-deep',
    ]);
  });

  it('reports duplicate ids across the programme, a missing media file and a broken link', async () => {
    const lines = await check((root) => {
      appendFileSync(
        path.join(root, 'modules/02-seguridad/02-solo-colombia.md'),
        '\n:::reflection{#m01-refl}\n¿Repetida?\n:::\n\n![Falta](media/no-existe.png)\n\nVer [la otra lección](03-no-existe.md) y [fuera](../01-cuidado-profesional/module.md).\n',
      );
    });
    expect(lines).toMatchInlineSnapshot(`
      [
        "modules/02-seguridad/02-solo-colombia.md:10:1  error  Id "m01-refl" is already used at modules/01-cuidado-profesional/01-que-es-cuidar.md:58:1; ids must be unique in the programme  duplicate-id",
        "modules/02-seguridad/02-solo-colombia.md:14:1  error  Media file "media/no-existe.png" does not exist  missing-media",
        "modules/02-seguridad/02-solo-colombia.md:16:5  error  Broken link "03-no-existe.md": no such file  broken-link",
        "modules/02-seguridad/02-solo-colombia.md:16:42  error  Broken link "../01-cuidado-profesional/module.md": it leaves the module  broken-link",
      ]
    `);
  });

  it('allows the same activity id in mutually exclusive variants', async () => {
    const lines = await check((root) => {
      appendFileSync(path.join(root, 'modules/02-seguridad/01-emergencias.md'), '\n:::reflection{#m02-refl-es variants=co}\nVersión para Colombia.\n:::\n');
    });
    expect(lines).toEqual([]);
  });

  it('reports YAML problems in content/ at the right line, and accepts any moodle: value', async () => {
    const lines = await check((root) => {
      const programme = path.join(root, 'content/programme.yaml');
      writeFileSync(programme, readFileSync(programme, 'utf8').replace('language: es', 'language: es\nlms: moodle').replace('passMark: 70', 'passMark: 170'));
      const co = path.join(root, 'content/variants/co.yaml');
      writeFileSync(co, readFileSync(co, 'utf8').replace('code: co', 'code: cx'));
      const competences = path.join(root, 'content/competences.yaml');
      writeFileSync(competences, readFileSync(competences, 'utf8').replace('eqf: 3, text: Se presenta', 'eqf: 9, text: Se presenta'));
    });
    expect(lines).toMatchInlineSnapshot(`
      [
        "content/competences.yaml:15:47  error  Field "areas.0.competences.1.outcomes.0.eqf" must be an EQF level from 1 to 8  invalid-field",
        "content/programme.yaml:4:1  error  Unknown field "lms"  unknown-field",
        "content/programme.yaml:7:13  error  Field "defaults.passMark" must be a whole number from 0 to 100  invalid-field",
        "content/variants/co.yaml:1:7  error  Field "code" must be "co"  invalid-field",
      ]
    `);
  });

  it('reports a missing variant file where the programme names it', async () => {
    const lines = await check((root) => {
      const programme = path.join(root, 'content/programme.yaml');
      writeFileSync(programme, readFileSync(programme, 'utf8').replace('variants: [es, co]', 'variants: [es, co, pe]'));
      mkdirSync(path.join(root, 'content/variants'), { recursive: true });
    });
    expect(lines[0]).toBe('content/programme.yaml:4:20  error  Missing file "content/variants/pe.yaml"  missing-file');
  });
});

describe('options', () => {
  it('accepts an option that is only an image, and reports an option without a box', () => {
    expect(messages(':::single-choice{#q1}\n¿Cuál?\n\n- [x] ![Un reloj](media/reloj.svg)\n- Sin casilla\n- [ ] Otra\n:::')).toMatchInlineSnapshot(`
      [
        "l.md:10:1  error  Malformed activity: option b of question "q1" has no [ ] or [x] box  invalid-activity",
      ]
    `);
  });

  it('reports an option with nothing but feedback as empty', () => {
    expect(messages(':::single-choice{#q1}\n¿Cuál?\n\n- [x] Una\n- [ ] &#8203;\n  > Sin texto.\n:::')).toEqual([
      'l.md:10:1  error  Impossible question: option b of question "q1" is empty  impossible-question',
    ]);
  });
});

describe('outcomes a module names', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  async function load(outcomes: string, lang: Lang = 'en') {
    const copy = copyMini();
    cleanup = copy.cleanup;
    const file = path.join(copy.root, 'modules/01-cuidado-profesional/module.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('competences: [C1.1, C1.2]\n', `competences: [C1.1, C1.2]\noutcomes: ${outcomes}\n`));
    const { loadProgramme } = await import('../../scripts/api.ts');
    const result = await loadProgramme(copy.root, { variants: ['es'], lang });
    return {
      stated: result.programmes[0]?.modules.find((m) => m.id === 'm01-cuidado-profesional')?.outcomes.map((o) => o.id),
      lines: result.diagnostics.filter((d) => d.severity !== 'info').map((d) => formatDiagnostic(d, lang)),
    };
  }

  it('states only the named outcomes, in framework order', async () => {
    expect(await load('[C1.2-S1]')).toEqual({ stated: ['C1.2-S1'], lines: [] });
  });

  it('reports an outcome that does not exist, or belongs to a competence the module does not cover', async () => {
    expect((await load('[C1.1-K9, C2.1-A1]')).lines).toMatchInlineSnapshot(`
      [
        "modules/01-cuidado-profesional/module.md:7:12  error  Unknown learning outcome "C1.1-K9" (not in content/competences.yaml); did you mean "C1.1-K1"?  unknown-outcome",
        "modules/01-cuidado-profesional/module.md:7:21  error  Learning outcome "C2.1-A1" belongs to competence C2.1, which this module does not list in competences:; add C2.1 there or remove the outcome  outcome-outside-module",
      ]
    `);
    expect((await load('[C1.1-K9]', 'es')).lines).toMatchInlineSnapshot(`
      [
        "modules/01-cuidado-profesional/module.md:7:12  error  Resultado de aprendizaje desconocido "C1.1-K9" (no está en content/competences.yaml); ¿quería decir "C1.1-K1"?  unknown-outcome",
      ]
    `);
  });
});
