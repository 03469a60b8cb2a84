/**
 * A fast path for the Markdown dialect (CommonMark + GFM + YAML front matter + directives):
 * a hand-written parser for the constructs training modules are made of, producing the same mdast
 * as remark — positions included — or `undefined` when the source uses anything it does not model,
 * in which case the caller parses with remark. `tests/parse/fast-markdown.test.ts` holds it to
 * remark's output on every Markdown file of the repository and thousands of mutated ones.
 */
import type { Root, RootContent, Yaml } from 'mdast';
import { BlockParser } from './blocks.ts';
import { BACKSLASH_ESCAPE } from './chars.ts';
import { BAIL, Source } from './source.ts';

/** Syntax the fast path leaves to micromark wherever it appears after the front matter. */
const unmodelled = /[\0-\x09\x0b-\x1f\x7f<&\\~\ud800-\udfff\ufeff]|\[\^/;

const frontmatterFence = /^---[ \t]*$/;

export function parseMarkdownFast(text: string): Root | undefined {
  try {
    return parse(text);
  } catch (error) {
    // Too deep for the fast path's recursion is remark's to judge too.
    if (error === BAIL || error instanceof RangeError) return undefined;
    throw error;
  }
}

function parse(text: string): Root | undefined {
  const source = new Source(text);
  const children: RootContent[] = [];
  let firstLine = 0;
  if (frontmatterFence.test(text.slice(0, source.lineEnds[0]))) {
    let close = 1;
    while (close < source.lineCount && !frontmatterFence.test(text.slice(source.lineStarts[close], source.lineEnds[close]))) close += 1;
    if (close >= source.lineCount) return undefined;
    const valueStart = source.lineStarts[1]!;
    const valueEnd = close === 1 ? valueStart : source.lineEnds[close - 1]!;
    const yaml: Yaml = { type: 'yaml', value: text.slice(valueStart, valueEnd), position: source.position(0, source.lineEnds[close]!) };
    children.push(yaml);
    firstLine = close + 1;
  }
  const bodyStart = firstLine < source.lineCount ? source.lineStarts[firstLine]! : text.length;
  const body = text.slice(bodyStart);
  // A backslash escape of ASCII punctuation (`\_`, `\<`: what a translation's import writes) is
  // modelled, so it and the character it escapes are left out of the screen; any other backslash (a
  // hard line break, `\a`) is not. Pairs match left to right, so `\\<` leaves `<` to the screen.
  if (unmodelled.test(body.includes('\\') ? body.replace(BACKSLASH_ESCAPE, '') : body)) return undefined;
  const lines = [];
  for (let index = firstLine; index < source.lineCount; index += 1) lines.push({ index, start: source.lineStarts[index]! });
  children.push(...new BlockParser(source).parseFlow(lines, 'root'));
  return { type: 'root', children, position: source.position(0, text.length) };
}
