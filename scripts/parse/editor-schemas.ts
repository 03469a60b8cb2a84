/**
 * JSON Schemas for editors, generated from the schemas `wecare check` uses (scripts/parse/schemas.ts).
 * `npm run schemas` writes them to schemas/; tests/parse/editor-schemas.test.ts keeps the committed
 * files equal to what this module generates.
 */
import type { z } from 'zod';
import { toEditorJsonSchema } from './schema.ts';
import { competencesSchema, glossarySchema, lessonFrontMatterSchema, moduleFrontMatterSchema, programmeSchema, variantSchema } from './schemas.ts';

export interface EditorSchema {
  /** File name under schemas/. */
  file: string;
  title: string;
  /** Files it describes, relative to a programme folder (globs as `yaml.schemas` reads them). */
  describes: string[];
  schema: z.ZodType;
}

export const editorSchemas: EditorSchema[] = [
  { file: 'programme.schema.json', title: 'WeCare programme (content/programme.yaml)', describes: ['content/programme.yaml'], schema: programmeSchema },
  { file: 'variant.schema.json', title: 'WeCare variant (content/variants/<code>.yaml)', describes: ['content/variants/*.yaml'], schema: variantSchema },
  { file: 'competences.schema.json', title: 'WeCare competence framework (content/competences.yaml)', describes: ['content/competences.yaml'], schema: competencesSchema },
  { file: 'glossary.schema.json', title: 'WeCare glossary (content/glossary.yaml)', describes: ['content/glossary.yaml'], schema: glossarySchema },
  { file: 'module.schema.json', title: 'WeCare module front matter (modules/<nn-slug>/module.md)', describes: ['modules/*/module.md', 'content/assessment/module.md'], schema: moduleFrontMatterSchema },
  { file: 'lesson.schema.json', title: 'WeCare lesson front matter (modules/<nn-slug>/NN-slug.md)', describes: ['modules/*/[0-9][0-9]-*.md', 'content/assessment/[0-9][0-9]-*.md'], schema: lessonFrontMatterSchema },
];

/** The file text of one editor schema, as committed. */
export function editorSchemaText(entry: EditorSchema): string {
  const { $schema, ...rest } = toEditorJsonSchema(entry.schema);
  return `${JSON.stringify({ $schema, title: entry.title, ...rest }, null, 2)}\n`;
}
