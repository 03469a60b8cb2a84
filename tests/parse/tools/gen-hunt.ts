/**
 * Hunts for mismatches between the fast Markdown path and remark on grammar-generated documents
 * (generatedDocuments in tests/parse/markdown-corpus.ts), and shrinks each one.
 *
 *   npx tsx tests/parse/tools/gen-hunt.ts [--seeds 20] [--count 5000] [--first-seed 1] [--max-shrink 200] [--per-class 15] [--quiet]
 *
 * Prints accepted / mismatched / threw counts (clean and broken documents apart), mismatches per
 * class (types of the last two nodes on the path of the first difference + the differing field,
 * e.g. `blockquote>list position.end.line`), then every distinct minimal reproduction with its first
 * difference as tests/parse/tools/fast-diff.ts prints it. Shrinking (at most --per-class documents per class,
 * --max-shrink in all) is delta debugging that keeps the class: drop chunks of lines, every range
 * of lines, chunks of characters, then canonicalise characters (letters to `a`, bullets to `-`…).
 */
import type { Root } from 'mdast';
import { parseMarkdownFast } from '../../../scripts/parse/fast/index.ts';
import { remarkReference, firstDifference, generatedDocuments } from '../markdown-corpus.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const seeds = option('--seeds', 20);
const count = option('--count', 5000);
const firstSeed = option('--first-seed', 1);
const maxShrink = option('--max-shrink', 200);
const quiet = args.includes('--quiet');


function fast(text: string): Root | undefined | 'threw' {
  try {
    return parseMarkdownFast(text);
  } catch {
    return 'threw';
  }
}

/** The first difference when the fast path accepts `text` and differs from remark, else undefined. */
function mismatch(text: string): string | undefined {
  const tree = fast(text);
  if (tree === undefined) return undefined;
  if (tree === 'threw') return 'THREW';
  return firstDifference(tree, remarkReference.parse(text));
}

/** ddmin-like: remove chunks of units (lines, then characters) while `keep` still holds. */
function shrinkUnits(units: string[], join: string, keep: (text: string) => boolean): string[] {
  let chunk = Math.max(1, Math.floor(units.length / 2));
  while (chunk >= 1) {
    let changed = false;
    for (let start = 0; start < units.length; ) {
      const candidate = [...units.slice(0, start), ...units.slice(start + chunk)];
      if (candidate.length < units.length && keep(candidate.join(join))) {
        units = candidate;
        changed = true;
      } else {
        start += chunk;
      }
    }
    if (!changed) chunk = Math.floor(chunk / 2);
  }
  return units;
}

/**
 * A mismatch "class" a shrink must keep: the types of the last two nodes on the difference's path
 * (in the fast tree) and the differing field, e.g. `listItem>paragraph position.start.column`.
 */
function classOf(text: string, difference: string): string {
  const path = difference.slice(0, difference.indexOf(':'));
  const tree = fast(text) as unknown as Record<string, unknown>;
  const types: string[] = [];
  let node: unknown = tree;
  const field = path.replace(/^.*\]\.?/, '');
  for (const match of path.matchAll(/children\[(\d+)\]/g)) {
    node = (node as { children?: unknown[] } | undefined)?.children?.[Number(match[1])];
    types.push((node as { type?: string } | undefined)?.type ?? '?');
  }
  return `${types.slice(-2).join('>')} ${field}`;
}

function shrink(text: string): string {
  const target = classOf(text, mismatch(text)!);
  const keep = (candidate: string) => {
    const difference = mismatch(candidate);
    return difference !== undefined && difference !== 'THREW' && classOf(candidate, difference) === target;
  };
  let current = text;
  for (let round = 0; round < 6; round += 1) {
    const before = current;
    current = shrinkUnits(current.split('\n'), '\n', keep).join('\n');
    // Every contiguous range of lines (documents are short).
    let lines = current.split('\n');
    for (let from = 0; from < lines.length; from += 1) {
      for (let to = lines.length; to > from; to -= 1) {
        const candidate = [...lines.slice(0, from), ...lines.slice(to)];
        if (candidate.length && keep(candidate.join('\n'))) {
          lines = candidate;
          to = lines.length + 1;
        }
      }
    }
    current = lines.join('\n');
    current = shrinkUnits([...current], '', keep).join('');
    // Canonical characters: letters and symbols to `a`, bullets to `-`, numbers to `1`, `)` to `.`, `X` to `x`.
    const canonical: Record<string, string[]> = { '*': ['-', 'a'], '+': ['-', 'a'], ')': ['.', 'a'], X: ['x'], _: ['*', 'a'], '>': [], '-': [], ':': [], '[': [], ']': [], '(': [], '{': [], '}': [], '\n': [], ' ': [], '#': [], '!': [], '"': [], '=': [], '.': [] };
    for (let index = 0; index < current.length; index += 1) {
      const char = current[index]!;
      const options = canonical[char] ?? (/\d/.test(char) ? ['1', 'a'] : ['a']);
      for (const option of options) {
        if (option === char) break;
        const candidate = current.slice(0, index) + option + current.slice(index + 1);
        if (keep(candidate)) {
          current = candidate;
          break;
        }
      }
    }
    if (current === before) break;
  }
  return current;
}

const totals = { clean: { total: 0, accepted: 0, mismatched: 0, threw: 0 }, broken: { total: 0, accepted: 0, mismatched: 0, threw: 0 } };
const found = new Map<string, { difference: string; example: string; count: number }>();
let shrunk = 0;
const seenRaw = new Map<string, number>();
const perClass = option('--per-class', 15);
const started = performance.now();
for (let seed = firstSeed; seed < firstSeed + seeds; seed += 1) {
  for (const entry of generatedDocuments(seed, count)) {
    const bucket = entry.name.endsWith(' broken') ? totals.broken : totals.clean;
    bucket.total += 1;
    const tree = fast(entry.text);
    if (tree === undefined) continue;
    if (tree === 'threw') {
      bucket.threw += 1;
    } else {
      bucket.accepted += 1;
      if (firstDifference(tree, remarkReference.parse(entry.text)) === undefined) continue;
      bucket.mismatched += 1;
    }
    const raw = mismatch(entry.text)!;
    const rawClass = raw === 'THREW' ? raw : classOf(entry.text, raw);
    seenRaw.set(rawClass, (seenRaw.get(rawClass) ?? 0) + 1);
    if (shrunk >= maxShrink) continue;
    if (seenRaw.get(rawClass)! > perClass) continue;
    shrunk += 1;
    const minimal = raw === 'THREW' ? entry.text : shrink(entry.text);
    const known = found.get(minimal);
    if (known) known.count += 1;
    else found.set(minimal, { difference: `${mismatch(minimal)!}   [class ${rawClass}]`, example: entry.name, count: 1 });
  }
}
const rate = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;
for (const [kind, c] of Object.entries(totals)) {
  console.log(`${kind.padEnd(7)} ${c.total} documents, accepted ${c.accepted} (${rate(c.accepted, c.total)}), mismatched ${c.mismatched}, threw ${c.threw}`);
}
const all = totals.clean.total + totals.broken.total;
const accepted = totals.clean.accepted + totals.broken.accepted;
console.log(`all     ${all} documents, accepted ${accepted} (${rate(accepted, all)}), ${((performance.now() - started) / 1000).toFixed(1)} s; ${found.size} distinct minimal reproductions from ${shrunk} shrunk`);
for (const [rawClass, times] of [...seenRaw].sort((a, b) => b[1] - a[1])) console.log(`${String(times).padStart(6)} mismatches of class ${rawClass}`);
if (!quiet) {
  for (const [minimal, { difference, example, count: times }] of [...found].sort((a, b) => a[0].length - b[0].length)) {
    console.log(`\nMINIMAL ${JSON.stringify(minimal)}  (×${times}, e.g. ${example})\n  first difference (fast vs remark): ${difference}`);
  }
}
