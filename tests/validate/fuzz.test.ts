/**
 * No input crashes the checker: thousands of mutated sources (real lessons and YAML files with
 * directive fragments, brackets, fences and odd characters spliced in) all end as diagnostics.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { competencesSchema, glossarySchema, lessonFrontMatterSchema, moduleFrontMatterSchema, programmeSchema, variantSchema } from '../../scripts/parse/schemas.ts';
import { applySchema, parseYaml } from '../../scripts/parse/yaml-source.ts';
import type { Diagnostic } from '../../scripts/validate/diagnostic.ts';
import { diagnosticsOf } from '../../scripts/validate/report.ts';
import { miniRoot, processLesson, repoRoot } from '../parse/helpers.ts';

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension))
    .map((name) => readFileSync(path.join(dir, name), 'utf8'));
}

const markdownSeeds = [...filesUnder(path.join(miniRoot, 'modules'), '.md'), ...filesUnder(path.join(repoRoot, 'tests/fixtures/format'), '.md')];
const yamlSeeds = filesUnder(path.join(miniRoot, 'content'), '.yaml');

const fragments = [
  ':::', '::::', '::', ':', '[', ']', '{', '}', '#', '=', '"', "'", '\n', '\n\n', '---\n', '- [x] ', '- [ ] ', '> ', '|', '| - |',
  ':blank[', ':var[', ':term[', ':only[', ':cite[', ':competence[', ':review[', '{variants=', '{except=co}', '{#', ' answer=', 'es', 'co', 'it',
  '::::quiz{#q}\n', ':::only{variants=co}\n', ':::trainer-notes\n', '::feedback[x]{on=pass}', ':::materials\n', '\t', '\u0000', '\uFEFF', '😀', '`', '```',
  '*', '![](', '](', '<div>', '<!--', '1. ', '&amp;', '\\', 'id: ', 'title: ', 'variants: [', '- ', ': ', '&a ', '*a', '!!binary ' /* binary keys: tests/parse/schema.test.ts */, '%YAML',
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(source: string, mutations: Mutation[]): string {
  let text = source;
  for (const m of mutations) {
    const at = text.length ? m.at % (text.length + 1) : 0;
    if (m.kind === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
    else if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.length);
    else if (m.kind === 'duplicate') text = text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
    else {
      const other = text.length ? m.other % text.length : 0;
      const a = Math.min(at, other);
      const b = Math.max(at, other);
      text = text.slice(0, a) + text.slice(b, b + 1) + text.slice(a + 1, b) + text.slice(a, a + 1) + text.slice(b + 1);
    }
  }
  return text;
}

/** Plain checks (not expect) keep thousands of runs fast. */
function expectWellFormed(diagnostics: Diagnostic[]) {
  for (const d of diagnostics) {
    const ok = d.line >= 1 && d.column >= 1 && ['error', 'warning', 'info'].includes(d.severity) && d.message.length > 0 && /^[a-z]+(-[a-z]+)*$/.test(d.ruleId);
    if (!ok || d.ruleId === 'internal-error') throw new Error(`malformed diagnostic: ${JSON.stringify(d)}`);
  }
}

const seen = { markdown: 0, withErrors: 0 };

describe('fuzzing', () => {
  it('reads an empty list item followed by a lazy task marker (a case the fuzzer found) as diagnostics', () => {
    const lesson = ':::multiple-choice{#q competence=C1.1}\n¿Qué datos son personales?\n\n- [x] El nombre\n-\n[x] El diagnóstico\n- [ ] El tiempo que hace\n  > No identifica a nadie.\n:::\n';
    const result = processLesson(lesson, { html: true, lang: 'es' });
    expectWellFormed(result.diagnostics);
  });

  it('turns thousands of mutated lessons into diagnostics, never exceptions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...markdownSeeds), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (seed, mutations, html) => {
        const result = processLesson(mutate(seed, mutations), { html, lang: html ? 'es' : 'en' });
        expectWellFormed(result.diagnostics);
        JSON.stringify(result.perVariant);
        seen.markdown += 1;
        if (result.diagnostics.some((d) => d.severity === 'error')) seen.withErrors += 1;
      }),
      { numRuns: 1500 },
    );
  });

  it('really produced broken sources (the fuzzer is not a no-op)', () => {
    expect(seen.markdown).toBe(1500);
    expect(seen.withErrors).toBeGreaterThan(seen.markdown / 4);
  });

  it('turns mutated YAML files into diagnostics, never exceptions', () => {
    const schemas = [programmeSchema, variantSchema, competencesSchema, glossarySchema, moduleFrontMatterSchema, lessonFrontMatterSchema];
    fc.assert(
      fc.property(fc.constantFrom(...yamlSeeds), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.constantFrom(...schemas), (seed, mutations, schema) => {
        const file = new VFile({ path: 'content/x.yaml' });
        file.data.lang = 'es';
        const source = parseYaml(mutate(seed, mutations), file);
        applySchema(schema as typeof programmeSchema, source, file, 'es');
        expectWellFormed(diagnosticsOf(file));
      }),
      { numRuns: 700 },
    );
  });
});
