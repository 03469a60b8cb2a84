// Front matter of lessons and module.md, validated in the editor against schemas/ (the JSON Schemas
// `npm run schemas` generates from what `wecare check` uses): VS Code's remark extension
// (unifiedjs.vscode-remark) runs this configuration. tests/parse/editor-schemas.test.ts keeps the
// file patterns equal to those of scripts/parse/editor-schemas.ts.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      {
        schemas: {
          './schemas/module.schema.json': ['modules/*/module.md', 'content/assessment/module.md'],
          './schemas/lesson.schema.json': ['modules/*/[0-9][0-9]-*.md', 'content/assessment/[0-9][0-9]-*.md'],
        },
        ajvOptions: { allowUnionTypes: true },
      },
    ],
  ],
};
