/** The Markdown dialect: CommonMark + GFM + YAML front matter + generic directives. */
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { straightenDirectiveQuotes } from './directive-quotes.ts';
import { parseMarkdownFast } from './fast/index.ts';
import './mdast-nodes.ts';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective).freeze();

/**
 * remark's tree for `text`: built by the fast path when it models every construct used, else by
 * remark. Both read the text with typographic quotes around directive attribute values straightened.
 */
export function parseMarkdown(text: string): Root {
  const source = straightenDirectiveQuotes(text);
  return parseMarkdownFast(source) ?? parseWithRemark(source);
}

export function parseWithRemark(text: string): Root {
  return parser.parse(text);
}
