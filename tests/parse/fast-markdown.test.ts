/**
 * Differential test of the hand-written fast Markdown path (scripts/parse/fast) against the
 * reference parser (remark-parse + GFM + YAML front matter + directives): whenever the fast path
 * returns a tree instead of bailing out, the tree — node types, fields and every position — must
 * equal remark's. The inputs are the repository's Markdown, benchmark lessons, edge cases of the
 * dialect, thousands of deterministic mutations and grammar-generated random documents
 * (tests/parse/markdown-corpus.ts). Debug mismatches with `npx tsx tests/parse/tools/fast-diff.ts [filter]`;
 * hunt and shrink new ones with `npx tsx tests/parse/tools/gen-hunt.ts`.
 */
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdownFast } from '../../scripts/parse/fast/index.ts';
import { remarkReference, benchLessons, edgeCases, firstDifference, generatedDocuments, mutations, repoMarkdown, type CorpusEntry } from './markdown-corpus.ts';


const MUTATION_SEED = 0x5eed;
const MUTATION_COUNT = 3000;
// About 35–45 % of generated documents are accepted, and each accepted one costs ~3 ms here (remark and
// toEqual): 2,000 documents add ~2 s (twice that on a loaded machine).
const GENERATED_SEED = 0xfeed;
const GENERATED_COUNT = 2000;

const groups = {
  repo: repoMarkdown(),
  bench: benchLessons(),
  edge: edgeCases(),
  mutation: mutations(MUTATION_SEED, MUTATION_COUNT),
  generated: generatedDocuments(GENERATED_SEED, GENERATED_COUNT),
};
type Group = keyof typeof groups;
const allEntries = Object.values(groups).flat();

type Outcome = { kind: 'accepted'; tree: Root } | { kind: 'bailed' } | { kind: 'threw'; error: unknown };
const outcomes = new Map<CorpusEntry, Outcome>();

/** The fast path's answer for an entry, computed once and shared by the tests below. */
function outcome(entry: CorpusEntry): Outcome {
  let result = outcomes.get(entry);
  if (!result) {
    try {
      const tree = parseMarkdownFast(entry.text);
      result = tree === undefined ? { kind: 'bailed' } : { kind: 'accepted', tree };
    } catch (error) {
      result = { kind: 'threw', error };
    }
    outcomes.set(entry, result);
  }
  return result;
}

const accepted = (entry: CorpusEntry) => outcome(entry).kind === 'accepted';
const shown = 5;

/** The input as a JSON string, cut after 1,500 characters (the debug script shows it whole). */
function preview(text: string): string {
  const json = JSON.stringify(text);
  return json.length > 1500 ? `${json.slice(0, 1500)}… (${json.length - 1500} more characters)` : json;
}

describe('corpus', () => {
  it('has at least 150 edge cases with unique names, and deterministic mutations', () => {
    expect(groups.edge.length).toBeGreaterThanOrEqual(150);
    const names = allEntries.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    expect(mutations(MUTATION_SEED, 50)).toEqual(groups.mutation.slice(0, 50));
    expect(generatedDocuments(GENERATED_SEED, 50)).toEqual(groups.generated.slice(0, 50));
    expect(groups.generated.every((entry) => entry.text.split('\n').length <= 41)).toBe(true);
    expect(groups.repo.filter((entry) => entry.name.startsWith('modules/')).length).toBeGreaterThan(0);
  });
});

describe('fast Markdown path', () => {
  it('never throws: returns a root or undefined for every corpus entry', () => {
    const problems: string[] = [];
    for (const entry of allEntries) {
      const result = outcome(entry);
      if (result.kind === 'threw') problems.push(`${entry.name}: threw ${result.error instanceof Error ? result.error.stack : String(result.error)}\n  input: ${preview(entry.text)}`);
      else if (result.kind === 'accepted' && result.tree?.type !== 'root') problems.push(`${entry.name}: returned ${JSON.stringify(result.tree).slice(0, 80)}`);
    }
    expect(problems.length, `${problems.length} of ${allEntries.length} inputs made the fast path throw or return a non-root:\n${problems.slice(0, shown).join('\n')}`).toBe(0);
  });

  it.each(Object.keys(groups) as Group[])('%s: every tree the fast path returns equals remark’s', (group) => {
    const entries = groups[group];
    const failures: string[] = [];
    let acceptedCount = 0;
    for (const entry of entries) {
      const result = outcome(entry);
      if (result.kind !== 'accepted') continue;
      acceptedCount += 1;
      const expected = remarkReference.parse(entry.text);
      try {
        expect(result.tree).toEqual(expected);
      } catch {
        const difference = firstDifference(result.tree, expected) ?? '(toEqual failed, but firstDifference found none)';
        failures.push(`- ${entry.name}\n  input: ${preview(entry.text)}\n  first difference (fast vs remark): ${difference}`);
      }
    }
    const summary = `${group}: ${failures.length} of ${acceptedCount} accepted inputs differ from remark (${entries.length - acceptedCount} of ${entries.length} bailed or threw)`;
    expect(failures.length, `${summary}; the first ${Math.min(shown, failures.length)}:\n${failures.slice(0, shown).join('\n')}\n`).toBe(0);
  });
});

describe('fast path coverage (it must not bail on everything)', () => {
  it('accepts every benchmark lesson', () => {
    expect(groups.bench.filter((entry) => !accepted(entry)).map((entry) => entry.name)).toEqual([]);
  });

  it('accepts at least 60 % of the Markdown files under modules/', () => {
    const files = groups.repo.filter((entry) => entry.name.startsWith('modules/'));
    const bailed = files.filter((entry) => !accepted(entry)).map((entry) => entry.name);
    if (bailed.length) console.log(`fast path bails on ${bailed.length} of ${files.length} files under modules/:\n  ${bailed.join('\n  ')}`);
    expect((files.length - bailed.length) / files.length).toBeGreaterThanOrEqual(0.6);
  });

  it('accepts at least 30 % of the generated documents (or they would explore nothing)', () => {
    const acceptedCount = groups.generated.filter(accepted).length;
    expect(acceptedCount / groups.generated.length).toBeGreaterThanOrEqual(0.3);
  });

  it('accepts the plain constructs of a lesson', () => {
    const mustAccept = [
      'edge/paragraph/plain',
      'edge/paragraph/two-paragraphs',
      'edge/heading/h1',
      'edge/list/dash',
      'edge/text-directive/nested',
      'edge/front-matter/then-paragraph',
      'edge/container/simple',
      'edge/container/quiz',
      // What a translation's import writes: escaped punctuation in running text.
      'edge/escape/underscore-intraword',
      'edge/escape/every-punctuation',
      'edge/escape/translated-container',
    ];
    const byName = new Map(groups.edge.map((entry) => [entry.name, entry]));
    expect(mustAccept.filter((name) => !byName.has(name))).toEqual([]);
    expect(mustAccept.filter((name) => !accepted(byName.get(name)!))).toEqual([]);
  });
});
