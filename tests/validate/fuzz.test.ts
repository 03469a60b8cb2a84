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
  '*', '![](', '](', '<div>', '<!--', '1. ', '&amp;', '\\', 'id: ', 'title: ', 'variants: [', '- ', ': ', '&a ', '*a', '!!binary ', '%YAML',
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

function expectWellFormed(diagnostics: Diagnostic[]) {
  for (const d of diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.ruleId).toMatch(/^[a-z]+(-[a-z]+)*$/);
  }
}

describe('fuzzing', () => {
  it('turns thousands of mutated lessons into diagnostics, never exceptions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...markdownSeeds), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (seed, mutations, html) => {
        const result = processLesson(mutate(seed, mutations), { html });
        expectWellFormed(result.diagnostics);
        expect(JSON.parse(JSON.stringify(result.perVariant))).toEqual(result.perVariant);
      }),
      { numRuns: 2000 },
    );
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
      { numRuns: 1500 },
    );
  });
});
