/** The YAML schemas on zod: localised messages at the line of the problem, and what is valid is kept. */
import { VFile } from 'vfile';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { glossarySchema, moduleFrontMatterSchema, variantSchema } from '../../scripts/parse/schemas.ts';
import { applySchema, parseYaml } from '../../scripts/parse/yaml-source.ts';
import { formatDiagnostic } from '../../scripts/validate/format-diagnostics.ts';
import type { Lang } from '../../scripts/validate/messages.ts';
import { diagnosticsOf } from '../../scripts/validate/report.ts';

function check(schema: Parameters<typeof applySchema>[0], text: string, lang: Lang, options: { lineOffset?: number } = {}) {
  const file = new VFile({ path: 'content/x.yaml' });
  file.data.lang = lang;
  const value = applySchema(schema, parseYaml(text, file, options), file, lang);
  return { value, messages: diagnosticsOf(file).map((d) => formatDiagnostic(d, lang)) };
}

const brokenVariant = [
  'code: co',
  'name: Colombia',
  'locale: es_CO',
  'currency:',
  '  symbol: $',
  'emergencyNumber: 123',
  'legalReferences:',
  '  - { id: ley-1164, title: Ley 1164 de 2007 }',
  '  - { id: Ley 100, title: Ley 100 de 1993 }',
  '  - { id: ley-1751, title: Ley Estatutaria 1751 de 2015, url: ftp://x }',
  'ui:',
  '  next: Siguiente',
  '  back: 3',
  'minimumWage: { amount: 1423500, year: 2025 }',
  '',
].join('\n');

describe('YAML schemas', () => {
  it('reports every problem in Spanish at its line and column', () => {
    expect(check(variantSchema, brokenVariant, 'es').messages).toMatchInlineSnapshot(`
      [
        "content/x.yaml:3:9  error  El campo "locale" debe ser es-ES, es-CO, it-IT…  invalid-field",
        "content/x.yaml:4:1  error  Falta el campo obligatorio "currency.code" (ISO 4217 (EUR, COP…))  missing-field",
        "content/x.yaml:9:11  error  El campo "legalReferences.1.id" debe ser un id (minúsculas, dígitos, puntos, guiones)  invalid-field",
        "content/x.yaml:10:63  error  El campo "legalReferences.2.url" debe ser una URL http(s)  invalid-field",
      ]
    `);
  });

  it('reports them in English, and a misspelt field with a suggestion', () => {
    expect(check(moduleFrontMatterSchema, 'id: m01\ntitle: Módulo\nduraton: { online: 60 }\npassMark: 70.5\n', 'en').messages).toMatchInlineSnapshot(`
      [
        "content/x.yaml:4:11  error  Field "passMark" must be a whole number from 0 to 100  invalid-field",
        "content/x.yaml:3:1  error  Unknown field "duraton"; did you mean "duration"?  unknown-field",
      ]
    `);
  });

  it('counts front matter lines from the top of the Markdown file', () => {
    expect(check(moduleFrontMatterSchema, 'id: M01\ntitle: Módulo\n', 'en', { lineOffset: 1 }).messages).toEqual([
      'content/x.yaml:2:5  error  Field "id" must be an id (lower-case letters, digits, dots, dashes)  invalid-field',
    ]);
  });

  it('keeps what is valid: an invalid list item or optional field is left out, not the file', () => {
    const { value } = check(variantSchema, brokenVariant.replace('locale: es_CO', 'locale: es-CO').replace('currency:', 'currency:\n  code: COP'), 'es');
    expect(value).toEqual({
      code: 'co',
      name: 'Colombia',
      locale: 'es-CO',
      currency: { code: 'COP', symbol: '$' },
      emergencyNumber: '123',
      legalReferences: [
        { id: 'ley-1164', title: 'Ley 1164 de 2007' },
        { id: 'ley-1751', title: 'Ley Estatutaria 1751 de 2015' },
      ],
      ui: { next: 'Siguiente', back: '3' },
      minimumWage: { amount: 1423500, year: 2025 },
    });
  });

  it('gives nothing back when a required field is wrong, and treats an empty value as missing', () => {
    const { value, messages } = check(glossarySchema, 'terms:\n  - id: cuidador\n    default:\n    es: cuidador\n', 'en');
    expect(value).toEqual({ terms: [] });
    expect(messages).toEqual(['content/x.yaml:2:5  error  Missing required field "terms.0.default" (a text)  missing-field']);
    expect(check(glossarySchema, 'terms: ninguno\n', 'en').value).toBeUndefined();
  });

  describe('keys that are not text', () => {
    afterEach(() => vi.restoreAllMocks());

    it('are YAML errors at the key, with no warning on the console (the fuzzer writes !!binary keys on purpose)', () => {
      const warnings = vi.spyOn(process, 'emitWarning');
      expect(check(glossarySchema, 'terms: []\n? !!binary 3ymv/w==\n: x\n', 'es').messages).toMatchInlineSnapshot(`
        [
          "content/x.yaml:2:12  error  Error de sintaxis YAML: una clave debe ser un nombre simple antes de los dos puntos, no una lista, un mapa ni datos binarios  yaml-syntax",
        ]
      `);
      expect(check(glossarySchema, 'terms: []\n? [a, b]\n: x\n', 'en').messages).toMatchInlineSnapshot(`
        [
          "content/x.yaml:2:3  error  YAML syntax error: a key must be a plain name before the colon, not a list, a mapping or binary data  yaml-syntax",
        ]
      `);
      expect(warnings).not.toHaveBeenCalled();
    });
  });
});
