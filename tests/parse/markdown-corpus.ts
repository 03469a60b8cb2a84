/**
 * Markdown inputs for differential tests of the parser: the repository's own Markdown, lessons of
 * the benchmark programme, hand-written edge cases of our dialect (CommonMark + GFM + YAML front
 * matter + directives), deterministic mutations of all of them and grammar-generated random
 * documents (`generatedDocuments`). Plus `firstDifference`, which names where two trees first differ.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lesson } from '../../scripts/bench/check.bench.ts';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** remark as the pipeline configures it: the reference the fast path is held to. Built here, not
 * taken from scripts/parse/markdown.ts, which itself uses the fast path. */
export const remarkReference = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective).freeze();

export interface CorpusEntry {
  name: string;
  text: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every `.md` file under modules/, content/ and tests/fixtures/, named by its path from the repository root. */
export function repoMarkdown(): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  for (const folder of ['modules', 'content', 'tests/fixtures']) {
    const names = readdirSync(path.join(repoRoot, folder), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md'));
    for (const name of names.sort()) {
      const relative = path.posix.join(folder, name.split(path.sep).join('/'));
      entries.push({ name: relative, text: readFileSync(path.join(repoRoot, relative), 'utf8') });
    }
  }
  return entries;
}

/** Lessons of the generated benchmark programme (scripts/bench/check.bench.ts), plus its module file. */
export function benchLessons(): CorpusEntry[] {
  const pairs: Array<[number, number]> = [[1, 1], [1, 2], [9, 10], [50, 5], [100, 10]];
  const entries = pairs.map(([m, l]) => ({ name: `bench/m${m}-l${l}`, text: lesson(m, l) }));
  // The module.md that generateProgramme writes beside the lessons (copied from there).
  entries.push({ name: 'bench/module', text: `---\nid: m7-modulo\ntitle: Módulo 7\ncompetences: [C1.1, C1.2]\n---\n\nIntroducción del módulo 7.\n` });
  return entries;
}

/** The quiz block of the benchmark lesson, as its own edge case (must be accepted by a fast path). */
export const quizSnippet = `:::single-choice{#m1-l1-q1 competence=C1.1}
¿Cuál es la respuesta correcta?

- [x] La primera
  > Correcto.
- [ ] La segunda
  > No.
:::
`;

type Cases = Array<[string, string]>;

const paragraphs: Cases = [
  ['plain', 'Hola mundo.\n'],
  ['two-lines', 'Primera línea\nsegunda línea.\n'],
  ['two-paragraphs', 'Uno.\n\nDos.\n'],
  ['many-blank-lines', 'Uno.\n\n\n\nDos.\n'],
  ['blank-lines-with-spaces', 'Uno.\n   \n  \nDos.\n'],
  ['leading-spaces', '   Tres espacios delante.\n'],
  ['leading-one-space', ' Un espacio.\n'],
  ['continuation-leading-spaces', 'Uno\n   dos\n    cuatro\n'],
  ['trailing-spaces-last-line', 'Texto con espacios   \n'],
  ['trailing-space-no-newline', 'Texto '],
  ['no-final-newline', 'Sin salto final'],
  ['two-final-newlines', 'Texto\n\n'],
  ['leading-blank-lines', '\n\nTexto\n'],
  ['empty', ''],
  ['single-newline', '\n'],
  ['only-newlines', '\n\n\n'],
  ['single-space', ' '],
  ['blank-only-spaces', '   \n  \n'],
  ['crlf', 'Uno\r\ndos\r\n\r\nTres\r\n'],
  ['crlf-no-final', 'Uno\r\ndos'],
  ['cr-only', 'Uno\rdos\r'],
  ['tab-inside', 'a\tb\n'],
  ['tab-leading', '\tcódigo\n'],
  ['tab-trailing', 'texto\t\nmás\n'],
  ['nbsp-inside', 'a\u00a0b\n'],
  ['nbsp-leading', '\u00a0Texto\n'],
  ['nbsp-trailing-before-newline', 'Texto\u00a0\nmás\n'],
  ['emoji', 'Cuidar 😀 con 👩🏽‍⚕️ cariño.\n'],
  ['spanish', '¿Qué tal? ¡Bien! Ñandú, acción, pingüino.\n'],
  ['bom', '\uFEFFTexto\n'],
  ['four-space-indent', '    código indentado\n'],
  ['indented-continuation', 'Párrafo\n    continuación\n'],
  ['hash-without-space', '#5 no es un título\n'],
  ['paragraph-then-heading', 'Texto\n# Título\n'],
  ['numbers-and-punctuation', 'Son 3,5 € (IVA incl.) — ver p. 4; 50 %.\n'],
  ['ampersand', 'Salud & cuidados\n'],
  ['entity', 'a &amp; b &nbsp; c\n'],
  ['backslash', 'a \\* b\n'],
  ['html-inline', 'a <b>c</b>\n'],
  ['code-span', 'usa `npm test` aquí\n'],
  ['autolink-literal', 'Ver https://example.org para más.\n'],
  ['autolink-www', 'Ver www.example.org.\n'],
  ['email-literal', 'Escribe a ayuda@example.org.\n'],
  ['angle-autolink', '<https://example.org>\n'],
  ['tilde', 'a ~tachado~ b\n'],
  ['equals-line-setext', 'Título\n======\n'],
  ['dash-line-setext', 'Título\n---\n'],
  ['thematic-break-stars', '***\n'],
  ['thematic-break-dashes', 'a\n\n---\n\nb\n'],
  ['fenced-code', '```\ncode\n```\n'],
  ['table', '| a | b |\n|---|---|\n| 1 | 2 |\n'],
];

const breaks: Cases = [
  ['hard-two-spaces', 'Uno  \ndos\n'],
  ['hard-three-spaces', 'Uno   \ndos\n'],
  ['hard-at-paragraph-end', 'Uno  \n'],
  ['hard-before-blank', 'Uno  \n\nDos\n'],
  ['hard-backslash', 'Uno\\\ndos\n'],
  ['hard-then-leading-spaces', 'Uno  \n   dos\n'],
  ['hard-in-emphasis', '*uno  \ndos*\n'],
  ['hard-in-strong', '**uno  \ndos**\n'],
  ['hard-in-link', '[uno  \ndos](url)\n'],
  ['hard-after-directive', ':var[x]  \nmás\n'],
  ['hard-crlf', 'Uno  \r\ndos\r\n'],
  ['hard-in-list-item', '- a  \n  b\n'],
  ['hard-in-quote', '> a  \n> b\n'],
  ['soft-leading-spaces', 'Uno\n  dos\n'],
  ['soft-one-trailing-space', 'Uno \ndos\n'],
  ['soft-trailing-and-leading', 'Uno \n dos \n tres\n'],
  ['soft-nbsp-trailing', 'Uno\u00a0 \ndos\n'],
  ['soft-many-lines', 'a\nb\nc\nd\ne\n'],
];

const headings: Cases = [
  ['h1', '# Título\n'],
  ['h6', '###### Seis\n'],
  ['h7-is-paragraph', '####### Siete\n'],
  ['empty', '#\n'],
  ['empty-with-space', '# \n'],
  ['empty-h3-no-newline', '###'],
  ['closing-hashes', '## Título ##\n'],
  ['closing-hashes-trailing-spaces', '## Título #####   \n'],
  ['hash-attached-not-closing', '## Título#\n'],
  ['only-closing', '## #\n'],
  ['only-closing-many', '# ###\n'],
  ['indented-3', '   ## Indentado\n'],
  ['indented-4', '    ## Código\n'],
  ['no-space', '#Sin espacio\n'],
  ['inline-content', '## Título con *énfasis*, **fuerte** y :var[x]\n'],
  ['link-in-heading', '## [Ver](https://example.org "t")\n'],
  ['several', '# Uno\n## Dos\nTexto\n### Tres\n'],
  ['between-paragraph-lines', 'Texto\n## Título\nMás\n'],
  ['trailing-spaces', '## Título   \n'],
  ['many-spaces-after-hash', '##    Título\n'],
  ['crlf', '## Título\r\n\r\nTexto\r\n'],
  ['spanish-question', '## ¿Qué es cuidar?\n'],
  ['escaped-closing', '## Título \\#\n'],
];

const emphasis: Cases = [
  ['star', 'a *b* c\n'],
  ['underscore', 'a _b_ c\n'],
  ['strong-star', 'a **b** c\n'],
  ['strong-underscore', 'a __b__ c\n'],
  ['triple-star', '***x***\n'],
  ['triple-underscore', '___x___\n'],
  ['strong-with-inner-em', '**a*b*c**\n'],
  ['em-with-inner-strong', '*a **b** c*\n'],
  ['underscore-intraword-right', '_a_b\n'],
  ['underscore-intraword-both', 'snake_case_word\n'],
  ['underscore-double-intraword', 'a__b__c\n'],
  ['star-intraword', 'a*b*c\n'],
  ['strong-star-intraword', 'a**b**c\n'],
  ['quotes-inside-after-letter', 'a*"b"*\n'],
  ['quotes-inside', '*"a"*\n'],
  ['strong-quotes-then-letter', '**"a"**b\n'],
  ['unmatched-open', 'x *a\n'],
  ['unmatched-close', 'a* x\n'],
  ['unbalanced-2-1', '**a*\n'],
  ['unbalanced-1-2', 'x *a**\n'],
  ['unbalanced-3-2', '***a**\n'],
  ['unbalanced-2-3', '**a***\n'],
  ['space-after-opener', 'x * a*\n'],
  ['space-before-closer', 'x *a *\n'],
  ['spaced-stars', 'a * b * c\n'],
  ['spanish-question', '*¿Qué?*\n'],
  ['spanish-exclamation-around', '¡**Atención**!\n'],
  ['strong-question-then-word', '**¿Qué?**siguiente\n'],
  ['accented-intraword-star', 'áb*c*d\n'],
  ['accented-intraword-underscore', '_á_b\n'],
  ['enye-around-underscore', 'ñ_a_ñ\n'],
  ['across-soft-break', '*a\nb*\n'],
  ['strong-across-soft-break', '**a\nb**\n'],
  ['underscore-across-lines', '_a\n_b\n'],
  ['chain', '*a*b*c*\n'],
  ['strong-chain', '**a**b**c**\n'],
  ['parenthesised-inside', '*(a)*\n'],
  ['parenthesised-outside', '(*a*)\n'],
  ['before-period', '*a*.\n'],
  ['strong-before-comma', '**a**, b\n'],
  ['triple-open-split-1', '***a* b**\n'],
  ['triple-open-split-2', '***a** b*\n'],
  ['triple-close', '*a **b c***\n'],
  ['underscore-nested', '__a_b_c__\n'],
  ['underscore-em-strong', '_a __b__ c_\n'],
  ['star-around-underscore', '*_a_*\n'],
  ['underscore-around-star', '_*a*_\n'],
  ['two-strongs', '**a** **b**\n'],
  ['four-stars', 'x ****\n'],
  ['spaced-strong', '** a **\n'],
  ['rule-of-three', '*a**b*\n'],
  ['rule-of-three-2', '**a*b**\n'],
  ['rule-of-three-3', '*a***b*\n'],
  ['guillemets', '«*cita*»\n'],
  ['curly-quotes', '“*a*” y ‘**b**’\n'],
  ['mixed-markers', '**a** y __b__ y *c* y _d_\n'],
  ['underscore-punctuation', '_(a)_ y _a_.\n'],
  ['directive-inside-strong', '**:var[emergencyNumber]**\n'],
  ['em-around-directive-with-attrs', '*:term[auxiliar]{title="x"}*\n'],
  ['star-in-directive-label', ':var[a*b]*\n'],
  ['emphasis-crossing-directive-label', '*a :var[b* c]\n'],
  ['emphasis-crossing-link', '*a [b* c](u)\n'],
  ['strong-emoji', '**😀**\n'],
  ['em-digits', '*1*2 _3_4\n'],
];

const links: Cases = [
  ['inline', '[enlace](https://example.org)\n'],
  ['title-double', '[a](url "título")\n'],
  ['title-single', "[a](url 'título')\n"],
  ['title-parens', '[a](url (título))\n'],
  ['title-no-space', '[a](url"t")\n'],
  ['title-unclosed', '[a](url "t)\n'],
  ['title-on-next-line', '[a](url\n"t")\n'],
  ['title-multiline', '[a](url "a\nb")\n'],
  ['two-titles', '[a](url "t" "u")\n'],
  ['title-then-junk', '[a](url "t"x)\n'],
  ['title-spaces', '[a](url  "t"  )\n'],
  ['angle-destination', '[a](<url con espacios>)\n'],
  ['angle-empty', '[a](<>)\n'],
  ['empty-destination', '[a]()\n'],
  ['all-empty', '[]()\n'],
  ['empty-text', '[](url)\n'],
  ['balanced-parens', '[a](url(b))\n'],
  ['balanced-parens-middle', '[a](url(b)c)\n'],
  ['extra-close-paren', '[a](url)b)\n'],
  ['unbalanced-open-paren', '[a](url(b)\n'],
  ['space-in-destination', '[a](/ruta/ a)\n'],
  ['spaces-around-destination', '[a]( url )\n'],
  ['destination-newline', '[a](url\n)\n'],
  ['nested-brackets', '[a [b] c](url)\n'],
  ['unbalanced-brackets', '[a [b c](url)\n'],
  ['shortcut-undefined', 'Ver [a] aquí\n'],
  ['full-undefined', '[a][b]\n'],
  ['collapsed-undefined', '[a][]\n'],
  ['definition', '[a]: /url\n\n[a]\n'],
  ['link-inside-link', '[a [b](u1) c](u2)\n'],
  ['image-inside-link', '[![alt](img.png)](url)\n'],
  ['image', '![alt](img.png)\n'],
  ['image-title', '![Señal de emergencia](media/senal.svg "Señal")\n'],
  ['image-empty-alt', '![](img.png)\n'],
  ['image-emphasis-alt', '![a *b* c](i.png)\n'],
  ['image-nested-brackets-alt', '![a [b] c](i.png)\n'],
  ['image-with-attributes', '![a](i.png){width=50}\n'],
  ['image-shortcut-undefined', '![a]\n'],
  ['bang-alone', '¡Hola! Fin!\n'],
  ['emphasis-in-text', '[**a** y *b*](url)\n'],
  ['emphasis-open-in-text', '[*a](url)*\n'],
  ['emphasis-open-before', '*[a*](url)\n'],
  ['directive-in-text', '[:var[x]](url)\n'],
  ['text-across-lines', '[a\nb](url)\n'],
  ['two-links', '[a](u1) y [b](u2).\n'],
  ['space-before-paren', '[a] (url)\n'],
  ['fragment', '[a](#ancla)\n'],
  ['mailto', '[a](mailto:x@example.org)\n'],
  ['underscores-in-url', '[a](https://e.org/a_b_c)\n'],
  ['query-ampersand', '[a](https://e.org/r?x=1&y=2)\n'],
  ['fragment-and-title', '[a](url#frag "t")\n'],
  ['attributes-after-link', '[a](url){.clase}\n'],
  ['accented-url', '[a](https://e.org/acción)\n'],
  ['tab-in-destination', '[a](url\t"t")\n'],
  ['in-list-item', '- Segundo punto, con **énfasis** y un [enlace externo](https://example.org).\n'],
  ['url-with-colon-directive-like', '[a](https://e.org/:var[x])\n'],
];

const textDirectives: Cases = [
  ['bare', 'Ver :name aquí\n'],
  ['label', ':name[etiqueta]\n'],
  ['attributes', ':name{#id .class key=value key2="v w" key3=\'v\'}\n'],
  ['label-and-attributes', ':name[label]{#id}\n'],
  ['nested', 'El número es el :blank[:var[emergencyNumber]].\n'],
  ['nested-brackets-label', ':var[a [b] c]\n'],
  ['unbalanced-label', ':var[a [b c]\n'],
  ['unclosed-label', ':var[x\n'],
  ['extra-close-bracket', ':var[x]]\n'],
  ['time', 'Son las 10:30.\n'],
  ['time-h', 'Hora: 10:30h\n'],
  ['double-colon-inline', 'a::b\n'],
  ['colon-between-letters', 'a:b\n'],
  ['name-trailing-dash', 'x :a- y\n'],
  ['name-underscore', ':a_b[x]\n'],
  ['name-digit', ':a1[x]\n'],
  ['name-starts-with-digit', ':1a[x]\n'],
  ['name-accented', ':áñ[x]\n'],
  ['name-leading-dash', ':-a[x]\n'],
  ['name-dot', ':a.b[x]\n'],
  ['name-colon', ':a:b[x]\n'],
  ['colon-alone', 'a : b\n'],
  ['colon-label-only', ':[x]\n'],
  ['colon-attrs-only', ':{x}\n'],
  ['empty-attributes', ':var[x]{}\n'],
  ['empty-label', ':name[]\n'],
  ['empty-label-and-attributes', ':name[]{}\n'],
  ['attribute-no-value', ':var[x]{a=}\n'],
  ['attribute-unclosed-quote', ':var[x]{a="b}\n'],
  ['attributes-several', ':var[x]{a=b c=d}\n'],
  ['attributes-boolean', ':var[x]{a b}\n'],
  ['attributes-two-ids', ':var[x]{#a #b}\n'],
  ['attributes-joined-id', ':var[x]{#a#b}\n'],
  ['attributes-two-classes', ':var[x]{.a .b}\n'],
  ['attributes-joined-classes', ':var[x]{.a.b}\n'],
  ['attributes-repeated-key', ':var[x]{a=1 a=2}\n'],
  ['attributes-angle-brackets', ':var[x]{a="<>"}\n'],
  ['attributes-quote-in-unquoted', ':var[x]{a=b"c}\n'],
  ['attributes-apostrophe-in-double', ':var[x]{a="l\'agua"}\n'],
  ['attributes-spaces-around-equals', ':name{ key = value }\n'],
  ['attributes-across-lines', ':var[x]{a\nb}\n'],
  ['attributes-quoted-newline', ':name{key="a\nb"}\n'],
  ['attributes-bad-character', ':name{a=b<c}\n'],
  ['attributes-braces-in-quotes', ':name{a="{x}"}\n'],
  ['label-across-lines', ':var[x\ny]\n'],
  ['label-emphasis', ':var[*x*]\n'],
  ['label-strong-and-attrs', ':var[**x**]{a=b}\n'],
  ['inside-emphasis', '*:var[x]*\n'],
  ['link-in-label', ':var[[a](b)]\n'],
  ['adjacent', ':var[x]:var[y]\n'],
  ['after-letter', 'a:var[x]\n'],
  ['after-punctuation', '(:var[x]), «:var[y]»\n'],
  ['leaf-like-inline', 'texto ::var[x] en línea\n'],
  ['colon-at-end', ':var[x] final:\n'],
  ['colon-at-end-of-line', 'Nota:\nsigue\n'],
  ['no-space-after-colon', 'Nota:importante\n'],
  ['cite-with-url', ':cite[Ley 39/2006]{url="https://www.boe.es/x"}\n'],
  ['term-with-title', ':term[auxiliar]{title="Persona que ayuda"}\n'],
  ['var-dotted', 'Consulta a la :var[institutions.health].\n'],
  ['only-inline', 'Llama al :only[112]{variants=es}:only[123]{variants=co}.\n'],
  ['review', ':review[Verificar con la contraparte colombiana.]\n'],
  ['double-colon-alone', '::\n'],
  ['single-colon-alone', ':\n'],
  ['escaped', '\\:var[x]\n'],
  ['label-with-colon-text', ':var[a: b]\n'],
  ['uppercase-name', ':Var[x]\n'],
];

const leafDirectives: Cases = [
  ['full', '::video[Título]{src=x.mp4}\n'],
  ['bare', '::name\n'],
  ['empty-label', '::name[]\n'],
  ['attributes-only', '::name{a=b}\n'],
  ['trailing-text', '::name[label] sobra\n'],
  ['trailing-spaces', '::name{a=b}  \n'],
  ['indented-2', '  ::name\n'],
  ['indented-4', '    ::name\n'],
  ['after-paragraph-line', 'Texto\n::name\n'],
  ['before-paragraph-line', '::name\nTexto\n'],
  ['feedback', '::feedback[Repasa la lección 1.]{on=incorrect}\n'],
  ['label-across-lines', '::name[a\nb]\n'],
  ['quoted-attributes', '::image[alt]{src="a b.png" width=300}\n'],
  ['nested-text-directive', '::feedback[Llama al :var[x]]{on=pass}\n'],
  ['no-final-newline', '::name[x]'],
  ['three-colons-no-name', ':::\n'],
];

const containers: Cases = [
  ['simple', ':::note\nContenido.\n:::\n'],
  ['label-and-attributes', ':::note[Etiqueta]{#id .c key=v}\nContenido.\n:::\n'],
  ['empty', ':::note\n:::\n'],
  ['empty-with-blank', ':::note\n\n:::\n'],
  ['unclosed-empty', ':::note\n'],
  ['unclosed-with-text', ':::note\nTexto'],
  ['unclosed-with-paragraphs', ':::note\nUno.\n\nDos.\n'],
  ['nested-longer-outer', '::::quiz{#q}\n:::single-choice\n¿Sí?\n\n- [x] a\n- [ ] b\n:::\n::::\n'],
  ['nested-same-size', ':::a\n:::b\nx\n:::\n:::\n'],
  ['closing-trailing-spaces', ':::note\nx\n:::   \n'],
  ['closing-with-text', ':::note\nx\n:::x\n'],
  ['closing-longer', ':::note\nx\n::::\n'],
  ['closing-shorter', '::::note\nx\n:::\n'],
  ['indented-1', ' :::note\n x\n :::\n'],
  ['indented-2', '  :::note\n  x\n  :::\n'],
  ['indented-4', '    :::note\n    x\n    :::\n'],
  ['only-opening-indented', ' :::note\nx\n:::\n'],
  ['after-paragraph-line', 'Párrafo\n:::note\nx\n:::\n'],
  ['leaf-after-paragraph-line', 'Párrafo\n::name[x]\n'],
  ['list-inside', ':::note\n- a\n- b\n:::\n'],
  ['quote-inside', ':::note\n> cita\n:::\n'],
  ['heading-inside', ':::note\n# Título\n:::\n'],
  ['blank-before-close', ':::note\nx\n\n:::\n'],
  ['many-blanks', ':::note\n\n\nx\n\n\n:::\n'],
  ['text-after-close', ':::note\nx\n:::\ny\n'],
  ['extra-closing', ':::note\n:::\n:::\n'],
  ['no-name', ':::\nx\n:::\n'],
  ['leaf-inside', ':::note{variants=es}\n::feedback[x]\n:::\n'],
  ['only-block', ':::only{variants=co}\nEn Colombia, :var[x].\n:::\n'],
  ['indented-code-inside', ':::note\n    código\n:::\n'],
  ['content-indented-2', ':::note\n  x\n:::\n'],
  ['inside-list-item', '- item\n\n  :::note\n  x\n  :::\n'],
  ['inside-quote', '> :::note\n> x\n> :::\n'],
  ['label-emphasis', ':::note[label con *énfasis*]\nx\n:::\n'],
  ['label-across-lines', ':::note[a\nb]\nx\n:::\n'],
  ['crlf', ':::note\r\nx\r\n:::\r\n'],
  ['opening-trailing-spaces', ':::note   \nx\n:::\n'],
  ['opening-trailing-text', ':::note x\ny\n:::\n'],
  ['four-colons-pair', '::::note\nx\n::::\n'],
  ['quiz', quizSnippet],
  ['quiz-with-feedback', ':::single-choice{#m01-q1 competence=C1.1}\n¿A qué número llamas?\n\n- [x] :var[emergencyNumber]\n  > Correcto: es el número único.\n- [ ] 091\n  > No: es otro servicio.\n\n::feedback[Repasa la lección 1.]{on=incorrect}\n:::\n'],
  ['fill-blanks', ':::fill-blanks{#q2 competence=C1.2}\nCompleta.\n\nEl número de emergencias es el :blank[:var[emergencyNumber]].\n:::\n'],
  ['trainer-notes', ':::trainer-notes\nComente el tema con el grupo.\n:::\n'],
  ['closing-no-final-newline', ':::note\nx\n:::'],
  ['closing-indented', ':::note\nx\n   :::\n'],
  ['nested-unclosed-inner', '::::quiz\n:::a\nx\n::::\n'],
];

const lists: Cases = [
  ['dash', '- a\n- b\n'],
  ['star', '* a\n* b\n'],
  ['plus', '+ a\n+ b\n'],
  ['ordered-dot', '1. a\n2. b\n'],
  ['ordered-paren', '1) a\n2) b\n'],
  ['ordered-start-3', '3. a\n4. b\n'],
  ['ordered-start-0', '0. a\n'],
  ['ordered-nine-digits', '123456789. a\n'],
  ['ordered-ten-digits', '1234567890. a\n'],
  ['ordered-two-digit-start', '9. a\n10. b\n'],
  ['loose', '- a\n\n- b\n'],
  ['loose-at-end', '- a\n- b\n\n- c\n'],
  ['blank-lines-between', '- a\n\n\n- b\n'],
  ['multi-paragraph-item', '- a\n\n  b\n'],
  ['nested', '- a\n  - b\n    - c\n'],
  ['not-nested-one-space', '- a\n - b\n'],
  ['ordered-with-nested-bullets', '1. a\n   - b\n   - c\n2. d\n'],
  ['nested-loose-inner', '- a\n\n  - b\n\n  - c\n- d\n'],
  ['bullet-change', '- a\n* b\n'],
  ['delimiter-change', '1. a\n1) b\n'],
  ['lazy', '- a\nb\n'],
  ['under-indented-1', '- a\n b\n'],
  ['continuation-2', '- a\n  b\n'],
  ['continuation-4', '- a\n    b\n'],
  ['empty-first-line', '- \n  a\n'],
  ['empty-first-line-no-space', '-\n  a\n'],
  ['only-marker-space', '- '],
  ['only-marker', '-'],
  ['empty-middle-item', '- a\n-\n- c\n'],
  ['two-spaces-after-marker', '-  a\n   b\n'],
  ['five-spaces-after-marker', '-     a\n'],
  ['heading-in-item', '- # Título\n'],
  ['quiz-items', '- [x] Texto\n  > Feedback.\n'],
  ['quiz-items-two', '- [x] La primera\n  > Correcto.\n- [ ] La segunda\n  > No.\n'],
  ['task-states', '- [ ] a\n- [x] b\n- [X] c\n'],
  ['task-two-spaces', '- [x]  dos espacios\n'],
  ['task-three-spaces', '- [ ]   tres\n'],
  ['task-tab', '- [x]\ttab\n'],
  ['task-no-text', '- [x]\n'],
  ['task-no-space', '- [ ]a\n'],
  ['task-other-letter', '- [y] a\n'],
  ['task-ordered', '1. [x] a\n'],
  ['task-star', '* [ ] a\n'],
  ['task-with-directive', '- [x] :var[emergencyNumber]\n'],
  ['task-loose', '- [x] a\n\n- [ ] b\n'],
  ['task-in-paragraph-second-line', '- a\n  [x] b\n'],
  ['interrupts-paragraph', 'Texto\n- a\n'],
  ['ordered-1-interrupts', 'Texto\n1. a\n'],
  ['ordered-2-does-not-interrupt', 'Texto\n2. a\n'],
  ['empty-item-does-not-interrupt', 'Texto\n-\n'],
  ['paragraph-after-blank', '- a\n\nTexto\n'],
  ['paragraph-lazy-after', '- a\nTexto\n'],
  ['quote-in-item', '- a\n  > b\n  > c\n'],
  ['quote-in-item-lazy', '- a\n  > b\nc\n'],
  ['indented-list', '  - a\n  - b\n'],
  ['hard-break-in-item', '- a  \n  b\n'],
  ['items-with-emphasis', '- Primer punto.\n- Segundo, con **énfasis**.\n- Tercero.\n'],
  ['ordered-loose-multi', '1. a\n\n   b\n\n2. c\n'],
  ['list-then-container', '- a\n- b\n:::note\nx\n:::\n'],
  ['list-then-heading', '- a\n## T\n'],
  ['star-list-vs-emphasis', '* a*\n'],
  ['dash-in-text', 'a - b\n'],
  ['crlf', '- a\r\n- b\r\n'],
  ['blank-line-then-indented', '- a\n\n    b\n'],
];

/** Backslash escapes: what a translation's import writes (escapeMarkdownText), and their edges. */
const escapes: Cases = [
  ['underscore-intraword', 'El módulo MF0251\\_2 del certificado.\n'],
  ['every-punctuation', 'Signos \\! \\" \\# \\$ \\% \\& \\\' \\( \\) \\* \\+ \\, \\- \\. \\/ \\: \\; \\< \\= \\> \\? \\@ \\[ \\\\ \\] \\^ \\_ \\` \\{ \\| \\} \\~ fin.\n'],
  ['not-emphasis', '\\*no es énfasis\\* y *sí lo es* y \\**mitad*\n'],
  ['not-code', 'Un \\`acento\\` y `código con \\ barra`.\n'],
  ['not-directive', 'La hora 10\\:30 y \\:var[pais] y :var[pais]\\.\n'],
  ['not-link', '\\[no es enlace\\](u) y [sí \\] lo es](v)\n'],
  ['in-directive-label', ':term[a \\] b] y :only[x \\*y\\*]{variants=es}\n'],
  ['in-attribute', ':cite[Ley]{title="a \\" b"}\n'],
  ['in-link-destination', '[a](u\\)v) y [b](w "t\\"x")\n'],
  ['line-start', '\\# no es título\n\n\\- no es lista\n\n1\\. tampoco\n\n\\> ni cita\n'],
  ['escaped-backslash-then-syntax', 'Barra \\\\*énfasis* y \\\\<b> y \\\\`código`\n'],
  ['hard-break', 'línea\\\nsiguiente\n'],
  ['not-punctuation', 'Ruta C:\\Users y \\a\n'],
  ['in-heading', '## Título \\#1 con \\*asterisco\\*\n'],
  ['in-table-cell', '| a \\| b | c |\n|---|---|\n| \\* | d |\n'],
  ['in-list-and-quote', '- MF0251\\_2\n  > nota \\[x\\]\n'],
  ['at-paragraph-end', 'Termina en \\\n'],
  ['entity-escaped', 'Tom \\& Jerry y \\&amp; literal\n'],
  ['translated-container', ':::note\n⟦Texto\\_traducido⟧ con :var[pais] y \\*\n:::\n'],
];

const codeSpans: Cases = [
  ['simple', 'Pulsa `Guardar` y después `Enviar`.\n'],
  ['double-backticks', 'Escribe `` a`b `` tal cual.\n'],
  ['stripped-spaces', 'Código ` a ` y `  ` y ` a`.\n'],
  ['unclosed', 'Un `acento grave sin cerrar y ``otro`.\n'],
  ['longer-closer', 'Abre `a`` y cierra `.\n'],
  ['over-line', 'Código `que sigue\nen otra línea` aquí.\n'],
  ['in-emphasis', '*a `*` b* y **`c`**\n'],
  ['in-link-text', '[ver `código`](u) y [a`]`](v)\n'],
  ['in-directive-label', ':term[`x`] y :term[a`]`b]\n'],
  ['in-list-item', '- [x] `opción`\n  > `nota`\n- [ ] b\n'],
  ['in-heading', '## El comando `wecare check`\n'],
  ['in-table', '| a | b |\n|---|---|\n| `x` | `y` |\n'],
  ['fence-line', 'Texto\n```\ncódigo\n```\n'],
  ['email', 'Escribe a ana@ejemplo.es o a Import@ss.\n'],
  ['at-sign', 'Portal Import@ss y @usuario.\n'],
];

const quotes: Cases = [
  ['simple', '> a\n'],
  ['two-lines', '> a\n> b\n'],
  ['lazy', '> a\nb\n'],
  ['multi-paragraph', '> a\n>\n> b\n'],
  ['no-space', '>a\n'],
  ['two-spaces', '>  a\n'],
  ['nested', '> > a\n'],
  ['list-inside', '> - a\n> - b\n'],
  ['separated', '> a\n\n> b\n'],
  ['empty', '>\n'],
  ['heading-inside', '> # H\n'],
  ['indented', '   > a\n'],
  ['hard-break', '> a  \n> b\n'],
  ['directive-inside', '> Ver :var[x].\n'],
  ['trailing-spaces-empty-line', '> a\n>   \n> b\n'],
  ['after-paragraph', 'Texto\n> cita\n'],
];

const frontMatter: Cases = [
  ['empty', '---\n---\n'],
  ['only', '---\nid: x\n---\n'],
  ['then-paragraph', '---\nid: x\n---\nTexto\n'],
  ['then-blank-and-heading', '---\nid: x\ntitle: Título\n---\n\n# T\n'],
  ['unclosed', '---\nid: x\n'],
  ['closing-trailing-space', '---\nid: x\n--- \n'],
  ['opening-trailing-space', '--- \nid: x\n---\n'],
  ['crlf', '---\r\nid: x\r\n---\r\n\r\nTexto\r\n'],
  ['leading-space', ' ---\nid: x\n---\n'],
  ['not-at-start', '\n---\nid: x\n---\n'],
  ['no-final-newline', '---\nid: x\n---'],
  ['blank-content', '---\n\n---\n'],
  ['four-dashes', '----\nid: x\n----\n'],
  ['dots-closing', '---\nid: x\n...\n'],
  ['lesson-like', '---\nid: l01-emergencias\ntitle: Ante una emergencia\nvariants: [co]\n---\n\nTexto.\n'],
  ['directive-like-content', '---\nid: x\ntitle: ":var[x]"\n---\n:::note\nx\n:::\n'],
];

/**
 * Minimal reproductions of differences between the fast path and remark found by the grammar-based
 * generator (generatedDocuments), shrunk by removing lines and characters.
 */
const found: Cases = [
  // An unclosed backtick run before a line ending inside a list item or quote.
  ['item-unclosed-code-then-directive', '- `\n  :a'],
  ['item-unclosed-code-then-break', '- `  \n  a'],
  ['quote-unclosed-code-then-link', '>>`\n>>[]()'],
  ['ordered-unclosed-code-in-emphasis', '1. `*.\n   :a*'],
  ['container-quote-unclosed-code', ':::a\n>`\n>:a\n:::'],
  // A task box followed by something other than text: remark keeps the paragraph's start at the box.
  ['task-box-then-emphasis', '- [x] _a_'],
  ['task-box-then-strong-digit', '- [ ] *1*'],
  ['task-box-then-image', '1. [ ] ![]()'],
  ['task-box-then-text-directive', '- [x] :a'],
  // A list or quote inside a block quote, followed by a quoted empty line (`>`): remark's inner
  // container ends on that line, which changes its end, its spread and its parent item's spread.
  ['quote-list-then-empty-quote-line', '>- a\n>'],
  ['quote-ordered-list-then-empty-quote-line', '>1. a\n>'],
  ['quote-list-then-two-empty-quote-lines', '>- a\n>\n>'],
  ['quote-quote-then-empty-quote-line', '>>a\n>'],
  ['quote-paragraph-quote-then-empty-quote-line', '> a\n> > b\n>'],
  ['list-quote-list-then-empty-quote-line', '- >- a\n  >'],
  ['container-quote-list-then-empty-quote-line', ':::a\n>- a\n>\n:::'],
  ['quote-item-list-empty-quote-line-then-paragraph', '>- - a\n>\n>   a'],
  ['quote-item-second-list-empty-quote-line-then-paragraph', '>- a\n>   - a\n>\n>   a'],
  ['quote-item-list-between-empty-quote-lines', '>- a\n>\n>   - a\n>\n>   a'],
  ['quote-item-list-then-two-empty-quote-lines', '>1. a\n>\n>    - a\n>\n>\n>    a'],
  ['quote-item-list-empty-quote-line-then-quote', '>- a\n>\n>   - a\n>\n>   >a'],
  // A quote or list item that interrupts a paragraph cannot start with an ordered list other than
  // `1.` (micromark's "interrupt" state reaches the nested list): remark makes it a paragraph.
  ['quote-interrupting-paragraph-ordered-0', 'a\n>0. a'],
  ['quote-interrupting-paragraph-ordered-10', 'a\n> 10. a'],
  ['quotes-interrupting-paragraph-ordered-2', 'a\n> > 2. b'],
  ['container-quote-interrupting-paragraph-ordered-3', ':::a\na\n>3. a\n:::'],
  ['item-interrupting-paragraph-ordered-9', 'a\n- 9. a'],
  ['ordered-item-interrupting-paragraph-ordered-3', '.\n1. 3. a'],
  ['items-interrupting-paragraph-ordered-3', 'a\n- - 3. b'],
  ['item-quote-interrupting-paragraph-ordered-2', 'a\n- > 2. b'],
  ['item-interrupting-paragraph-ordered-then-paragraph', 'a\n- 0. ]\n\n     a'],
  ['item-interrupting-paragraph-ordered-then-list', '.\n- 0) .\n\n  1) a'],
  // `[x][…` spanning a line in a container (micromark tries it as a full reference): a text or break
  // that ends at that line ending, before another node, ends after the next line's prefix in remark.
  ['item-brackets-then-link-text-ending-in-line-break', '- a[][\n  ]()'],
  ['item-brackets-then-link-word-and-line-break', '- a[x][b\n  ](u)'],
  ['quote-brackets-then-link-text-ending-in-line-break', '> a[][\n> ](u)'],
  ['item-brackets-then-link-text-before-emphasis-on-next-line', '- a[x][b\n  *c*](u)'],
  ['item-brackets-then-link-hard-break', '- a[x][b  \n  ](u)'],
  ['item-image-text-ending-in-line-break', '- ![x][b\n  ](u)'],
  ['item-failed-reference-text-before-emphasis', '- a[x][b\n  *c*](u'],
];

/** Short snippets that stress what a hand-written parser of our dialect tends to get wrong. */
export function edgeCases(): CorpusEntry[] {
  const groups: Array<[string, Cases]> = [
    ['paragraph', paragraphs],
    ['break', breaks],
    ['heading', headings],
    ['emphasis', emphasis],
    ['link', links],
    ['text-directive', textDirectives],
    ['leaf-directive', leafDirectives],
    ['container', containers],
    ['list', lists],
    ['quote', quotes],
    ['code', codeSpans],
    ['escape', escapes],
    ['front-matter', frontMatter],
    ['found', found],
  ];
  return groups.flatMap(([group, cases]) => cases.map(([name, text]) => ({ name: `edge/${group}/${name}`, text })));
}

/** mulberry32: a small seeded PRNG, so mutations are the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mutationCharacters = [...'*_[]():{}#>-+.=!"\' \n`@\\'];
const maxWindowLines = 30;

/**
 * `count` deterministic mutations of the repository, benchmark and edge-case texts: lines deleted,
 * duplicated, swapped, joined, split or re-indented, single characters inserted or deleted. Long
 * files are cut to a window of at most 30 lines first, so each input stays short.
 */
export function mutations(seed: number, count: number): CorpusEntry[] {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const pools = [edgeCases(), repoMarkdown(), benchLessons()];
  const weights = [0.5, 0.85, 1];
  const entries: CorpusEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const r = random();
    const base = pick(pools[weights.findIndex((w) => r < w)]!);
    let lines = base.text.split('\n');
    let window = '';
    if (lines.length > maxWindowLines) {
      const size = 2 + int(maxWindowLines - 1);
      const start = random() < 0.25 ? 0 : int(lines.length - size + 1);
      lines = lines.slice(start, start + size);
      window = ` [L${start + 1}-${start + size}]`;
    }
    const steps: string[] = [];
    const operations = 1 + Math.floor(random() * random() * 3.5);
    // Some operations do not apply (deleting the only line, joining the last one): draw again.
    for (let attempt = 0; steps.length < operations && attempt < 20; attempt += 1) {
      const k = int(lines.length);
      const line = lines[k]!;
      switch (int(8)) {
        case 0:
          if (lines.length > 1) {
            lines.splice(k, 1);
            steps.push(`del-line ${k + 1}`);
          }
          break;
        case 1:
          lines.splice(k, 0, line);
          steps.push(`dup-line ${k + 1}`);
          break;
        case 2: {
          const j = random() < 0.7 ? Math.min(k + 1, lines.length - 1) : int(lines.length);
          lines[k] = lines[j]!;
          lines[j] = line;
          steps.push(`swap-lines ${k + 1},${j + 1}`);
          break;
        }
        case 3: {
          const character = pick(mutationCharacters);
          const at = int(line.length + 1);
          lines[k] = line.slice(0, at) + character + line.slice(at);
          steps.push(`ins ${JSON.stringify(character)} @${k + 1}:${at + 1}`);
          break;
        }
        case 4: {
          const candidates = [...line].map((c, index) => (mutationCharacters.includes(c) ? index : -1)).filter((index) => index >= 0);
          if (!line.length) break;
          const at = candidates.length ? pick(candidates) : int(line.length);
          steps.push(`del ${JSON.stringify(line[at])} @${k + 1}:${at + 1}`);
          lines[k] = line.slice(0, at) + line.slice(at + 1);
          break;
        }
        case 5: {
          const n = 1 + int(4);
          const leading = line.length - line.trimStart().length;
          if (random() < 0.5 && leading > 0) {
            lines[k] = line.slice(Math.min(n, leading));
            steps.push(`dedent ${k + 1} -${Math.min(n, leading)}`);
          } else {
            lines[k] = ' '.repeat(n) + line;
            steps.push(`indent ${k + 1} +${n}`);
          }
          break;
        }
        case 6:
          if (k + 1 < lines.length) {
            lines.splice(k, 2, line + lines[k + 1]!);
            steps.push(`join ${k + 1}`);
          }
          break;
        default: {
          const at = int(line.length + 1);
          lines.splice(k, 1, line.slice(0, at), line.slice(at));
          steps.push(`split ${k + 1}:${at + 1}`);
        }
      }
    }
    entries.push({ name: `mutation/${i} ${base.name}${window}: ${steps.join('; ')}`, text: lines.join('\n') });
  }
  return entries;
}

function show(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Where `a` and `b` first differ, as `children[2].children[0].position.end.column: 14 vs 15`, or
 * undefined when they are equal. Like `toEqual`, keys holding `undefined` count as absent. Within
 * a node, `type` is compared first, then its other fields, then `children`, then `position`, so the
 * difference reported is the deepest cause rather than a parent's end position.
 */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  const here = path || '(root)';
  if (!isRecord(a) || !isRecord(b) || Array.isArray(a) !== Array.isArray(b)) return `${here}: ${show(a)} vs ${show(b)}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      const difference = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  const rank = (key: string) => (key === 'type' ? 0 : key === 'children' ? 2 : key === 'position' ? 3 : 1);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== undefined || b[key] !== undefined);
  keys.sort((x, y) => rank(x) - rank(y));
  for (const key of keys) {
    const difference = firstDifference(a[key], b[key], path ? `${path}.${key}` : key);
    if (difference) return difference;
  }
  return undefined;
}

/*
 * Grammar-based random documents. Where mutations only vary existing text a little, these combine
 * the constructs the fast path models — front matter, paragraphs, ATX headings, bullet, ordered and
 * task lists, block quotes, GFM tables, leaf and container directives, and inline emphasis, links,
 * images and text directives — recursively, at random depths, with random spacing at their boundaries.
 * Most documents are "clean" (few breakages, so the fast path accepts many of them and their trees
 * get compared); about one in four is "broken" (unclosed containers, off-by-one indentation, lazy
 * lines, malformed links and directives…), to explore where the fast path must bail.
 */

const genWords = [
  'hola', 'cuidado', 'atención', 'señal', 'niño', 'día', 'qué', 'está', 'baño', 'acción', 'persona', 'mayor', 'ayuda',
  'agua', 'café', 'mañana', 'él', 'sí', 'también', 'número', 'emergencias', 'pingüino', 'llamar', 'casa', 'médico',
  'higiene', 'comida', 'paciente', 'familia', 'respirar', 'dolor', 'calma', 'Ñandú', 'España', 'Bogotá', 'a', 'y', 'o',
  'de', 'la', 'el', 'en', 'con', '112', '3,5', '10:30', 'x',
];
const genBlockWords = ['-', '*', '+', '1.', '2)', '10.', '#', '##', '>', '::', ':::', '[x]', '-a', '1.5'];
const genOpeners = ['¿', '¡', '«', '(', '"', "'"];
const genClosers = ['.', ',', ';', ':', '!', '?', '»', ')', '"', "'", '...', '?!'];
const genNameChars = [...'abcdefghijklmnopqrstuvwxyz0123456789-_áéñ'];
const genUrls = ['url', 'media/senal.svg', '#ancla', 'ruta/a_b_c', 'https://example.org/x', 'a(b)c', 'mailto:x', '/ruta/acción', 'img.png'];

class DocumentGenerator {
  private readonly random: () => number;
  /** Probability of each individual breakage: low in clean documents, high in broken ones. */
  private breakage = 0;
  private lineBudget = 0;
  private inLink = false;

  constructor(seed: number) {
    this.random = prng(seed);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  range(low: number, high: number): number {
    return low + this.int(high - low + 1);
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Whether to break something here. */
  broke(weight = 1): boolean {
    return this.chance(this.breakage * weight);
  }

  spaces(low: number, high: number): string {
    return ' '.repeat(this.range(low, high));
  }

  document(broken: boolean): string {
    this.breakage = broken ? 0.25 : 0.015;
    this.lineBudget = this.range(4, 36);
    const lines: string[] = [];
    if (this.chance(0.3)) {
      lines.push('---', `id: l${this.int(100)}-${this.pick(genWords)}`);
      if (this.chance(0.6)) lines.push(`title: ${this.words(1, 4)}`);
      if (this.chance(0.2)) lines.push('variants: [co]');
      if (!this.broke(0.3)) lines.push(this.broke(0.3) ? '--- ' : '---');
      if (this.chance(0.5)) lines.push(this.blankLine());
    }
    lines.push(...this.flow(0, 'root'));
    let out = lines.slice(0, 40);
    if (out.length === 0) out = [this.words(1, 3)];
    const text = out.join('\n');
    return this.chance(0.75) ? `${text}\n` : text;
  }

  private words(low: number, high: number): string {
    return Array.from({ length: this.range(low, high) }, () => this.pick(genWords)).join(' ');
  }

  private blankLine(): string {
    return this.chance(0.6) ? '' : this.spaces(1, 4);
  }

  /** A sequence of blocks separated by blank lines (sometimes none), as lines without container prefixes. */
  private flow(depth: number, context: 'root' | 'list' | 'quote' | 'directive', paragraphFirst = false): string[] {
    const lines: string[] = [];
    const count = depth === 0 ? this.range(1, 6) : this.range(1, 3);
    let previous = '';
    for (let i = 0; i < count && this.lineBudget > 0; i += 1) {
      if (i > 0) {
        // No blank line between two blocks sometimes (after a list or quote, mostly in broken documents: lazy lines).
        const r = this.random();
        const adjacent = previous === 'list' || previous === 'quote' ? this.broke(0.5) : r < 0.15;
        const blanks = adjacent ? 0 : r < 0.85 ? 1 : 2;
        for (let b = 0; b < blanks; b += 1) lines.push(this.blankLine());
      }
      const [kind, blockLines] = i === 0 && paragraphFirst ? ['paragraph', this.paragraph(true)] : this.block(depth, context, i === 0);
      lines.push(...blockLines);
      previous = kind;
    }
    return lines;
  }

  private block(depth: number, context: 'root' | 'list' | 'quote' | 'directive', first: boolean): [string, string[]] {
    const deep = depth >= 3;
    // Directives inside lists and quotes are possible but rarer (the fast path leaves them to micromark).
    const directiveWeight = context === 'list' || context === 'quote' ? 0.1 : 1;
    const options: Array<[number, string, () => string[]]> = [
      [4, 'paragraph', () => this.paragraph(context === 'list' && first)],
      [1.2, 'heading', () => [this.heading()]],
      [deep ? 0 : 1.6, 'list', () => this.list(depth)],
      [deep ? 0 : 1, 'quote', () => this.quote(depth)],
      [0.8 * directiveWeight, 'leaf', () => [this.leafDirective()]],
      [deep ? 0 : 1.2 * directiveWeight, 'container', () => this.container(depth)],
      [deep ? 0 : 0.5, 'table', () => this.table()],
      [this.breakage * 2, 'other', () => [this.pick(['---', '***', '- - -', '===', 'Título\n---', '    código', '```', '| a | b |'])]],
    ];
    const total = options.reduce((sum, [weight]) => sum + weight, 0);
    let r = this.random() * total;
    for (const [weight, kind, make] of options) {
      r -= weight;
      if (r < 0) {
        const lines = make().flatMap((line) => line.split('\n'));
        this.lineBudget -= lines.length;
        return [kind, lines];
      }
    }
    return ['paragraph', this.paragraph(false)];
  }

  private paragraph(noLeading: boolean): string[] {
    const lineCount = this.range(1, 4);
    let inline = this.inline(0, this.range(lineCount * 2, lineCount * 5));
    // A paragraph starting with `[` may be a link reference definition: mostly start with a word.
    if (inline.startsWith('[') && !this.broke(4)) inline = `${this.pick(genWords)} ${inline}`;
    // Break the inline text into lines at random spaces: outside brackets, sometimes inside links and labels too.
    const inside = this.chance(0.1) || this.broke(2);
    let nesting = 0;
    const spaceAt = [...inline].flatMap((char, index) => {
      if (char === '[' || char === '(' || char === '{') nesting += 1;
      else if (char === ']' || char === ')' || char === '}') nesting = Math.max(0, nesting - 1);
      return char === ' ' && (nesting === 0 || inside) ? [index] : [];
    });
    const cuts = new Set<number>();
    for (let i = 1; i < lineCount && spaceAt.length; i += 1) cuts.add(this.pick(spaceAt));
    const parts: string[] = [];
    let start = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      parts.push(inline.slice(start, cut));
      start = cut + 1;
    }
    parts.push(inline.slice(start));
    return parts.map((part, index) => {
      const leading = index === 0 ? (noLeading ? 0 : this.broke() ? this.range(0, 5) : this.range(0, 3) * (this.chance(0.3) ? 1 : 0)) : this.range(0, 5) * (this.chance(0.4) ? 1 : 0);
      const trailing = this.chance(0.4) ? this.range(0, 3) : 0;
      return ' '.repeat(leading) + part + ' '.repeat(trailing);
    });
  }

  private heading(): string {
    const depth = this.broke() ? 7 : this.range(1, 6);
    const space = this.broke() ? '' : this.spaces(1, this.chance(0.2) ? 3 : 1);
    const closing = this.broke() ? ` ${'#'.repeat(this.range(1, 3))}` : '';
    return `${this.spaces(0, this.chance(0.2) ? 3 : 0)}${'#'.repeat(depth)}${space}${this.inline(0, this.range(1, 5))}${closing}${this.chance(0.3) ? this.spaces(1, 3) : ''}`;
  }

  /** A GFM table: header, delimiter row (with alignments) and 0–3 body rows, mostly with outer pipes. */
  private table(): string[] {
    const columns = this.range(1, 3);
    const outer = !this.broke();
    const row = (cells: number) => {
      const parts = Array.from({ length: cells }, () => (this.chance(0.15) ? '' : this.inline(2, this.range(1, 2)).replace(/\|/g, '')));
      const inner = parts.map((cell) => `${this.spaces(0, 1)}${cell}${this.spaces(0, 1)}`).join('|');
      return outer ? `|${inner}|` : inner;
    };
    const delimiter = Array.from({ length: columns }, () => {
      const dashes = '-'.repeat(this.range(1, 3));
      return `${this.spaces(0, 1)}${this.pick(['', '', ':'])}${dashes}${this.pick(['', '', ':'])}${this.spaces(0, 1)}`;
    }).join('|');
    const lines = [row(this.broke() ? columns + 1 : columns), outer ? `|${delimiter}|` : delimiter];
    const body = this.range(0, 3);
    for (let i = 0; i < body; i += 1) lines.push(row(this.broke() ? this.range(1, 4) : columns));
    return lines;
  }

  /** Indents the lines of a block (nested in a list item) by `width`, keeping blank lines blank-ish. */
  private indent(lines: string[], width: number): string[] {
    return lines.map((line) => (line.trim() === '' ? (this.chance(0.5) ? '' : ' '.repeat(this.int(width + 2))) : ' '.repeat(width) + line));
  }

  private list(depth: number): string[] {
    const ordered = this.chance(0.4);
    const bullet = this.pick(['-', '*', '+']);
    const delimiter = this.pick(['.', ')']);
    const start = this.pick([1, 1, 1, 3, 0, 9, 10]);
    const items = this.range(1, 4);
    const task = this.chance(0.3);
    const lines: string[] = [];
    for (let i = 0; i < items && this.lineBudget > 0; i += 1) {
      if (i > 0 && this.chance(0.25)) lines.push(this.blankLine());
      let marker = ordered ? `${start + (this.broke(0.3) ? 0 : i)}${delimiter}` : bullet;
      if (this.broke(0.3)) marker = ordered ? `${start + i}${delimiter === '.' ? ')' : '.'}` : this.pick(['-', '*', '+']);
      const after = this.broke(0.3) ? this.range(0, 5) : this.range(1, this.chance(0.2) ? 4 : 1);
      let box = '';
      if (task || this.broke(0.2)) box = `${this.pick(['[ ]', '[x]', '[X]', ...(this.broke() ? ['[y]', '[]', '[ x]'] : [])])}${this.broke() ? this.pick(['', '  ', '\t']) : ' '}`;
      // After a task box, the item's first block is a paragraph (in remark, anything else would be text too).
      const content = this.flow(depth + 1, 'list', box !== '' && !this.broke());
      while (content.length && content[0]!.trim() === '') content.shift();
      const width = marker.length + after;
      // Continuation lines at the item's content column, or one column off.
      const off = this.broke(1.2) ? this.pick([-1, 1]) : this.chance(0.06) ? 1 : this.chance(0.03) ? -1 : 0;
      lines.push(`${marker}${' '.repeat(after)}${box}${content[0] ?? ''}`);
      lines.push(...this.indent(content.slice(1), Math.max(0, width + off)));
    }
    return lines;
  }

  private quote(depth: number): string[] {
    const content = this.flow(depth + 1, 'quote');
    const prefix = this.pick(['> ', '> ', '>', '>  ']);
    return content.map((line, index) => {
      if (index > 0 && line.trim() !== '' && this.broke(0.5)) return line;
      if (line.trim() === '') return this.broke(0.5) ? '' : this.chance(0.1) ? '>   ' : this.pick(['>', '> ']);
      return prefix + line;
    });
  }

  private directiveName(): string {
    if (this.chance(0.75) && !this.broke()) return this.pick(['note', 'quiz', 'single-choice', 'var', 'feedback', 'trainer-notes', 'only', 'video', 'a1', 'x_y', 'ñandú', 'Acción']);
    const length = this.range(1, 7);
    let name = this.pick([...'abcdefghijklmnopqrstuvwxyzáéñ', ...(this.broke() ? ['1', '-', '_'] : [])]);
    for (let i = 1; i < length; i += 1) name += this.pick(genNameChars);
    if (!this.broke() && /[-_]$/.test(name)) name += 'z';
    return name;
  }

  private attributes(): string {
    const parts = Array.from({ length: this.range(0, 4) }, () => {
      const key = this.pick(['key', 'src', 'on', 'competence', 'title', 'data-x', 'a_b', 'variants']);
      switch (this.int(6)) {
        case 0: return `#${this.pick(['id', 'q1', 'm01-q1', 'ñ'])}`;
        case 1: return `.${this.pick(['clase', 'c', 'a-b'])}`;
        case 2: return `${key}=${this.pick(['value', 'C1.1', 'x.mp4', 'es'])}`;
        case 3: return `${key}="${this.words(1, 3)}"`;
        case 4: return `${key}='${this.pick(genWords)}'`;
        default: return key;
      }
    });
    let body = parts.join(this.chance(0.8) ? ' ' : '  ');
    if (this.chance(0.2)) body = ` ${body} `;
    if (this.broke()) {
      body = this.pick([`${body} a="b`, `${body} a=`, `${body} a=<b>`, `${body}#`, `${body} .`, `${body} a = b`, `${body} a="x"b`, `${body} {`]);
    }
    return this.broke(0.5) ? `{${body}` : `{${body}}`;
  }

  /** `[label]{attributes}` after a directive's name; the label holds inline content. */
  private directiveTail(depth: number): string {
    let out = '';
    if (this.chance(0.7)) out += this.broke(0.5) ? `[${this.inline(depth + 1, this.range(1, 3))}` : `[${this.inline(depth + 1, this.range(0, 3))}]`;
    if (this.chance(0.4)) out += this.attributes();
    return out;
  }

  private leafDirective(): string {
    return `::${this.directiveName()}${this.directiveTail(1)}${this.broke(0.5) ? ` ${this.pick(genWords)}` : ''}${this.chance(0.2) ? this.spaces(1, 3) : ''}`;
  }

  private container(depth: number): string[] {
    // Clean documents: 5 or 4 colons at the top, 4 or 3 one level in, 3 deeper, so an inner fence is
    // mostly shorter than its parent's and sometimes as long (then it closes the parent).
    const colons = this.broke() ? this.range(3, 5) : 3 + Math.max(0, 2 - depth) - (depth < 2 ? this.int(2) : 0);
    const head = `${':'.repeat(colons)}${this.directiveName()}${this.directiveTail(1)}${this.chance(0.15) ? this.spaces(1, 2) : ''}`;
    const body = this.flow(depth + 1, 'directive');
    if (this.broke(0.5)) return [head, ...body];
    const close = this.broke(0.5) ? ':'.repeat(this.range(3, 5)) : ':'.repeat(colons);
    const lines = [head];
    if (this.chance(0.2)) lines.push(this.blankLine());
    lines.push(...body);
    if (this.chance(0.2)) lines.push(this.blankLine());
    lines.push(close + (this.chance(0.15) ? this.spaces(1, 2) : ''));
    return lines;
  }

  /** Inline content of about `size` tokens, nesting emphasis, links, images and directives. */
  private inline(depth: number, size: number): string {
    let out = '';
    for (let i = 0; i < size; i += 1) {
      const token = this.inlineToken(depth);
      if (i > 0 && !(this.chance(0.1) && !/^[a-záéíóúñ]/i.test(token))) out += ' ';
      out += token;
    }
    return out;
  }

  private run(char?: string): string {
    return (char ?? this.pick(['*', '_'])).repeat(this.range(1, this.chance(0.7) ? 2 : 4));
  }

  private inlineToken(depth: number): string {
    // Mostly words, fewer constructs the deeper the nesting.
    const r = this.random() * 10;
    if (depth >= 3 || r < [6.5, 8, 9][depth]!) {
      // Now and then a word that starts a block when a line break puts it first on its line.
      let word = this.chance(0.03) ? this.pick(genBlockWords) : this.pick(genWords);
      if (this.chance(0.15)) word = this.pick(genOpeners) + word;
      if (this.chance(0.2)) word += this.pick(genClosers);
      // `*`/`_` runs at word edges and inside words.
      if (this.chance(0.08)) word = this.run() + word;
      if (this.chance(0.08)) word += this.run();
      if (this.chance(0.05) && word.length > 1) {
        const at = 1 + this.int(word.length - 1);
        word = word.slice(0, at) + this.run() + word.slice(at);
      }
      // Code spans (one or two backticks, sometimes unbalanced or holding delimiters).
      if (this.chance(0.04)) {
        const ticks = '`'.repeat(this.range(1, 2));
        const inner = this.chance(0.3) ? `${this.run()}${word}]` : word;
        word = `${ticks}${this.chance(0.2) ? ' ' : ''}${inner}${this.broke(3) ? '' : ticks}`;
      }
      return word;
    }
    if (r < 7) {
      // Emphasis or strong around inline content; sometimes mismatched runs.
      const char = this.pick(['*', '_']);
      const open = this.run(char);
      const close = this.broke() ? this.run() : open;
      const inner = this.inline(depth + 1, this.range(1, 2));
      const pad = this.broke() ? ' ' : '';
      return `${open}${pad}${inner}${this.broke() ? ' ' : ''}${close}`;
    }
    // Links inside links only in broken documents (CommonMark makes the outer one text).
    if (r < 8.5 || (this.inLink && !this.broke(2))) return this.textDirective(depth);
    return this.link(depth);
  }

  private textDirective(depth: number): string {
    const tail = this.chance(0.3) && !this.broke() ? `[${this.textDirective(depth + 1)}]` : this.directiveTail(depth);
    return `${this.broke(0.3) ? '::' : ':'}${this.directiveName()}${tail}`;
  }

  private link(depth: number): string {
    const image = this.chance(0.3);
    const outer = this.inLink;
    this.inLink = !image;
    let text = this.inline(depth + 1, this.range(image ? 0 : 1, 3));
    this.inLink = outer;
    if (this.broke()) text = this.pick([`${text} [${this.pick(genWords)}]`, `[${text}]`, `${text} [${this.pick(genWords)}`]);
    let url = this.pick(genUrls);
    if (this.broke()) url = this.pick([`${url} ${this.pick(genWords)}`, `${url}(`, `<${url}>`, '', ` ${url} `]);
    const title = this.chance(0.3) ? ` ${this.pick([`"${this.words(1, 3)}"`, `'${this.pick(genWords)}'`, `(${this.pick(genWords)})`])}` : '';
    const close = this.broke() ? '' : ')';
    return `${image ? '!' : ''}[${text}](${url}${title}${close}`;
  }
}

/**
 * `count` random documents (≤ 40 lines each) from a grammar of the dialect, the same for the same
 * seed: about three in four "clean", the rest "broken" (see the comment above `genWords`).
 */
export function generatedDocuments(seed: number, count: number): CorpusEntry[] {
  const generator = new DocumentGenerator(seed);
  const entries: CorpusEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const broken = generator.chance(0.25);
    entries.push({ name: `generated/${seed.toString(16)}/${i}${broken ? ' broken' : ''}`, text: generator.document(broken) });
  }
  return entries;
}
