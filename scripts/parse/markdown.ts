/** The Markdown dialect: CommonMark + GFM + YAML front matter + generic directives. */
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import './mdast-nodes.ts';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective).freeze();

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}
