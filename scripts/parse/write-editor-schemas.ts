/** `npm run schemas`: rewrites schemas/*.json from the check's schemas. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { editorSchemas, editorSchemaText } from './editor-schemas.ts';

const directory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');
mkdirSync(directory, { recursive: true });
for (const entry of editorSchemas) {
  writeFileSync(path.join(directory, entry.file), editorSchemaText(entry));
  process.stdout.write(`schemas/${entry.file}\n`);
}
