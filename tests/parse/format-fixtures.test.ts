/**
 * One folder per directive under tests/fixtures/format: `input.md` (a lesson body) beside
 * `expected.json` (the blocks and trainer notes it resolves to for es and co, and the messages).
 * Regenerate with `UPDATE_FIXTURES=1 npx vitest run tests/parse/format-fixtures.test.ts`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../scripts/validate/format-diagnostics.ts';
import { lesson, processLesson, repoRoot } from './helpers.ts';

const fixturesDir = path.join(repoRoot, 'tests/fixtures/format');
const update = process.env.UPDATE_FIXTURES === '1';
const names = readdirSync(fixturesDir).filter((name) => existsSync(path.join(fixturesDir, name, 'input.md'))).sort();

function resolveFixture(name: string) {
  const input = readFileSync(path.join(fixturesDir, name, 'input.md'), 'utf8');
  const result = processLesson(lesson(input), { path: `tests/fixtures/format/${name}/input.md` });
  const variants = Object.fromEntries(
    Object.entries(result.perVariant).map(([code, value]) => [code, { blocks: value.blocks, trainerNotes: value.trainerNotes, sources: value.sources }]),
  );
  return JSON.parse(JSON.stringify({ diagnostics: result.diagnostics.map((d) => formatDiagnostic(d, 'en')), ...variants }));
}

describe('directive fixtures', () => {
  it('has a fixture for every directive of the format', () => {
    for (const directive of ['single-choice', 'multiple-choice', 'true-false', 'fill-blanks', 'drag-words', 'matching', 'ordering', 'quiz', 'self-assessment', 'reflection', 'face-to-face', 'trainer-notes', 'review', 'only-block', 'only-inline', 'var', 'term', 'cite', 'image']) {
      expect(names).toContain(directive);
    }
  });

  it.each(names)('%s resolves to its expected representation', (name) => {
    const actual = resolveFixture(name);
    const expectedFile = path.join(fixturesDir, name, 'expected.json');
    if (update || !existsSync(expectedFile)) {
      if (!update) throw new Error(`${expectedFile} is missing: run with UPDATE_FIXTURES=1`);
      writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});
