/**
 * The JSON Schemas for editors (schemas/*.json): generated from the check's schemas, committed as
 * generated, accepting the sample programme, refusing what the check refuses, and wired for the
 * YAML language server (modelines in the sample files, .vscode/settings.json).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { editorSchemas, editorSchemaText } from '../../scripts/parse/editor-schemas.ts';
import { repoRoot } from './helpers.ts';

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const validators = new Map(editorSchemas.map((entry) => [entry.file, ajv.compile(JSON.parse(editorSchemaText(entry)) as object)]));

function problems(schemaFile: string, data: unknown): string[] {
  const validate = validators.get(schemaFile)!;
  return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
}

/** `*` within a path segment, `**\/` any folders, `[0-9]` as written: the globs `describes` uses. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*\/|\*|\[0-9\])/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part === '[0-9]' ? '[0-9]' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

function sampleFiles(): string[] {
  const files = ['content/programme.yaml', 'content/competences.yaml', 'content/glossary.yaml'];
  files.push(...readdirSync(path.join(repoRoot, 'content/variants')).filter((name) => name.endsWith('.yaml')).map((name) => `content/variants/${name}`));
  for (const module of readdirSync(path.join(repoRoot, 'modules'))) {
    files.push(...readdirSync(path.join(repoRoot, 'modules', module)).filter((name) => name.endsWith('.md')).map((name) => `modules/${module}/${name}`));
  }
  files.push(...readdirSync(path.join(repoRoot, 'content/assessment')).filter((name) => name.endsWith('.md')).map((name) => `content/assessment/${name}`));
  return files;
}

function schemaFor(file: string): string | undefined {
  return editorSchemas.find((entry) => entry.describes.some((glob) => globToRegExp(glob).test(file)))?.file;
}

function dataOf(file: string): unknown {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  if (!file.endsWith('.md')) return parse(text);
  return parse(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!);
}

describe('JSON Schemas for editors', () => {
  it('are committed exactly as generated from the check\'s schemas (run `npm run schemas` after changing them)', () => {
    for (const entry of editorSchemas) {
      expect(readFileSync(path.join(repoRoot, 'schemas', entry.file), 'utf8'), entry.file).toBe(editorSchemaText(entry));
    }
  });

  it('accept every YAML file and front matter of the sample programme', () => {
    const files = sampleFiles();
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const schema = schemaFor(file);
      expect(schema, file).toBeDefined();
      expect(problems(schema!, dataOf(file)), file).toEqual([]);
    }
  });

  it('refuse what the check refuses, and accept a number where the check takes it as text', () => {
    const programme = dataOf('content/programme.yaml') as Record<string, unknown>;
    expect(problems('programme.schema.json', { ...programme, lms: 'moodle', defaults: { passMark: 170 } })).toMatchInlineSnapshot(`
      [
        "/ must NOT have additional properties",
        "/defaults/passMark must be <= 100",
      ]
    `);
    const variant = dataOf('content/variants/co.yaml') as Record<string, unknown>;
    expect(problems('variant.schema.json', { ...variant, code: 'CO', emergencyNumber: 123, currency: { symbol: '$' } })).toMatchInlineSnapshot(`
      [
        "/code must match pattern "^[a-z]{2}(?:-[a-z]{2,3})?$"",
        "/currency must have required property 'code'",
      ]
    `);
    expect(problems('lesson.schema.json', { id: 'l01', title: 'Hola', variants: [] })).toEqual(['/variants must NOT have fewer than 1 items']);
  });

  it('are named in a yaml-language-server modeline in every sample YAML file, and mapped in .vscode/settings.json', () => {
    const settings = JSON.parse(readFileSync(path.join(repoRoot, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
    for (const file of sampleFiles().filter((name) => name.endsWith('.yaml'))) {
      const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(path.join(repoRoot, file), 'utf8'));
      expect(modeline, file).not.toBeNull();
      expect(path.relative(repoRoot, path.resolve(path.dirname(path.join(repoRoot, file)), modeline![1]!)), file).toBe(`schemas/${schemaFor(file)}`);
      const mapped = Object.entries(settings['yaml.schemas']).filter(([, globs]) => globs.some((glob) => globToRegExp(glob).test(file)));
      expect(mapped.map(([schema]) => schema), file).toEqual([`./schemas/${schemaFor(file)}`]);
    }
  });

  it('validate front matter in Markdown through the remark configuration (.remarkrc.mjs) editors run', async () => {
    const { default: config } = (await import(pathToFileURL(path.join(repoRoot, '.remarkrc.mjs')).href)) as { default: { plugins: unknown[] } };
    const [, [, settings]] = config.plugins as [unknown, [unknown, { schemas: Record<string, string[]> }]];
    // The same files as the check's schemas describe, each with its schema.
    expect(settings.schemas).toEqual(Object.fromEntries(editorSchemas.filter((entry) => entry.file.endsWith('.schema.json') && entry.describes.some((glob) => glob.endsWith('.md'))).map((entry) => [`./schemas/${entry.file}`, entry.describes])));
    const lint = async (file: string, text: string) => {
      const processor = unified().use(remarkParse).use(config as never);
      const vfile = new VFile({ path: file, value: text, cwd: repoRoot });
      await processor.run(processor.parse(vfile), vfile);
      return vfile.messages.map((message) => `${message.line ?? '-'}:${message.column ?? '-'} ${message.reason.split(' • ')[0]}`).sort();
    };
    const markdown = sampleFiles().filter((name) => name.endsWith('.md'));
    expect(markdown.length).toBeGreaterThan(20);
    for (const file of markdown) expect(await lint(file, readFileSync(path.join(repoRoot, file), 'utf8')), file).toEqual([]);
    const lesson = readFileSync(path.join(repoRoot, 'modules/01-cuidado-profesional/01-que-es-cuidar.md'), 'utf8');
    const broken = lesson.replace(/^id: .*$/m, 'id: L01 mal\ndurtion: 30');
    expect(await lint('modules/01-cuidado-profesional/01-que-es-cuidar.md', broken)).toEqual([
      // An unknown key is a problem of the whole front matter: the plugin gives it no place of its own.
      '-:- Must NOT have additional properties',
      '2:5 Must match pattern "^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$"',
    ]);
  });
});
