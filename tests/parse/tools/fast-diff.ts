/**
 * Where does the fast Markdown path differ from remark?
 *
 *   npx tsx tests/parse/tools/fast-diff.ts [filter] [--mutations N] [--seed S] [--max K] [--bailed] [--quiet]
 *
 * For every corpus entry (tests/parse/markdown-corpus.ts) whose name matches the regular expression
 * `filter` (e.g. `^edge/list`, `^modules/`, `^mutation/12 `; a mutation's name contains its base's
 * name, so `edge/list` without `^` also picks mutations of those cases), prints the entries where the fast path's tree differs
 * from remark's (name, JSON-escaped input, first difference, fast vs remark) or where it threw, then
 * accepted / bailed / mismatched / threw counts per corpus group.
 *   --mutations N  number of mutations (default 3000, as in the test); --seed S (default 0x5eed)
 *   --max K        print at most K mismatches (counts stay complete)
 *   --bailed       also list the names of the entries the fast path bailed on
 *   --quiet        counts only
 * FAST_MODULE=path/to/index.ts runs another implementation of parseMarkdownFast.
 */
import type { Root } from 'mdast';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { remarkReference, benchLessons, edgeCases, firstDifference, mutations, repoMarkdown, type CorpusEntry } from '../markdown-corpus.ts';

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  args.splice(index, 2);
  return value;
}
function flag(name: string): boolean {
  const index = args.indexOf(name);
  if (index >= 0) args.splice(index, 1);
  return index >= 0;
}
const mutationCount = Number(option('--mutations') ?? 3000);
const seed = Number(option('--seed') ?? 0x5eed);
const max = Number(option('--max') ?? Infinity);
const listBailed = flag('--bailed');
const quiet = flag('--quiet');
const filter = new RegExp(args[0] ?? '');

const modulePath = process.env.FAST_MODULE ? pathToFileURL(path.resolve(process.env.FAST_MODULE)).href : '../../../scripts/parse/fast/index.ts';
const { parseMarkdownFast } = (await import(modulePath)) as { parseMarkdownFast: (text: string) => Root | undefined };

const groups: Record<string, CorpusEntry[]> = {
  repo: repoMarkdown(),
  bench: benchLessons(),
  edge: edgeCases(),
  mutation: mutations(seed, mutationCount),
};

const rows: string[] = [];
let printed = 0;
let fastTime = 0;
for (const [group, all] of Object.entries(groups)) {
  const entries = all.filter((entry) => filter.test(entry.name));
  const counts = { total: entries.length, accepted: 0, bailed: 0, mismatched: 0, threw: 0 };
  const bailed: string[] = [];
  for (const entry of entries) {
    let tree: Root | undefined;
    const start = performance.now();
    try {
      tree = parseMarkdownFast(entry.text);
    } catch (error) {
      counts.threw += 1;
      if (!quiet && printed++ < max) console.log(`THREW ${entry.name}\n  input: ${JSON.stringify(entry.text)}\n  ${error instanceof Error ? error.stack : String(error)}\n`);
      continue;
    } finally {
      fastTime += performance.now() - start;
    }
    if (tree === undefined) {
      counts.bailed += 1;
      bailed.push(entry.name);
      continue;
    }
    counts.accepted += 1;
    // firstDifference treats undefined-valued keys as absent, like the test's toEqual.
    const difference = firstDifference(tree, remarkReference.parse(entry.text));
    if (difference === undefined) continue;
    counts.mismatched += 1;
    if (!quiet && printed++ < max) console.log(`MISMATCH ${entry.name}\n  input: ${JSON.stringify(entry.text)}\n  first difference (fast vs remark): ${difference}\n`);
  }
  if (listBailed && bailed.length) console.log(`bailed (${group}):\n  ${bailed.join('\n  ')}\n`);
  rows.push(`${group.padEnd(9)} ${String(counts.total).padStart(6)} ${String(counts.accepted).padStart(9)} ${String(counts.bailed).padStart(7)} ${String(counts.mismatched).padStart(11)} ${String(counts.threw).padStart(6)}`);
}
console.log(`${'group'.padEnd(9)} ${'total'.padStart(6)} ${'accepted'.padStart(9)} ${'bailed'.padStart(7)} ${'mismatched'.padStart(11)} ${'threw'.padStart(6)}`);
console.log(rows.join('\n'));
console.log(`(mismatched are counted among accepted; fast path time ${fastTime.toFixed(0)} ms${args[0] ? `; filter /${args[0]}/` : ''})`);
