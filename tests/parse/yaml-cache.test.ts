/**
 * What the `yaml` library parses content/ into is kept between runs (scripts/parse/yaml-cache.ts):
 * read back, it must give the same value and every position `locate` reports, and a check or a
 * build of a programme must read it instead of parsing again.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../scripts/parse/content.ts';
import { keepYamlParsesIn } from '../../scripts/parse/yaml-cache.ts';
import { parseYaml, type YamlSource } from '../../scripts/parse/yaml-source.ts';
import type { Path } from '../../scripts/parse/schema.ts';
import { checkProgramme } from '../../scripts/validate/check-cache.ts';
import { copyMini, repoRoot } from './helpers.ts';

afterEach(() => keepYamlParsesIn(undefined));

/** Every YAML file of content/ in the repository and the fixtures. */
function contentYaml(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.yaml')) out.push({ name: path.relative(repoRoot, file), text: readFileSync(file, 'utf8') });
    }
  };
  for (const dir of ['content', 'tests/fixtures']) walk(path.join(repoRoot, dir));
  return out;
}

const edgeCases = [
  'a: 1\nb:\nc: ~\nd: [x, {y: 2}, [3]]\ne: {}\nf: []',
  'anchor: &a {x: 1}\nalias: *a\nlist:\n  - *a\n  - plain',
  '# comment\nsummary: >-\n  folded\n  text\nliteral: |\n  kept\n\n"quoted key": v\n1: one\ntrue: yes',
  'areas:\n  - id: A1\n    competences:\n      - id: C1\n        outcomes:\n          - id: O1\n            text: t\n          -\n      - id: C2\n',
  'nested:\n  deep:\n    deeper: [1, 2, {k: v}]\n  empty:\n',
];

/** Every path into the value, with a few that lead nowhere, as `locate` is asked them. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  const paths: Path[] = [at, [...at, 'missing'], [...at, 99]];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...at, index])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...at, key]));
  return paths;
}

const positions = (source: YamlSource, paths: Path[]) => paths.flatMap((at) => [source.locate(at, 'value'), source.locate(at, 'key')]);

describe('kept YAML parses', () => {
  it('give back the value and every position the yaml library gives, for content/ and edge cases', () => {
    const texts = [...contentYaml(), ...edgeCases.map((text, index) => ({ name: `edge ${index}`, text }))];
    expect(texts.length).toBeGreaterThan(10);
    keepYamlParsesIn(path.join(mkdtempSync(path.join(os.tmpdir(), 'wecare-yaml-')), 'yaml'));
    let compared = 0;
    for (const { name, text } of texts) {
      const parsed = parseYaml(text, new VFile({ path: name }), { keep: true });
      const kept = parseYaml(text, new VFile({ path: name }), { keep: true });
      if (!('document' in parsed.parsed)) continue; // the front matter fast path took it: nothing to keep
      expect('simple' in kept.parsed, `${name} was kept`).toBe(true);
      expect(kept.data, name).toEqual(parsed.data);
      const paths = pathsOf(parsed.data);
      expect(positions(kept, paths), name).toEqual(positions(parsed, paths));
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(texts.length - 2);
  });

  it('keeps nothing for a text with errors, which reports them again, nor for values JSON would change', () => {
    keepYamlParsesIn(path.join(mkdtempSync(path.join(os.tmpdir(), 'wecare-yaml-')), 'yaml'));
    for (const text of ['a: [1, 2\nb: c', 'a: 1\na: 2', '? [x]\n: y', 'big: .inf\nsmall: -0.0']) {
      for (let run = 0; run < 2; run += 1) {
        const file = new VFile({ path: 'x.yaml' });
        const source = parseYaml(text, file, { keep: true });
        expect('document' in source.parsed, text).toBe(true);
        if (!text.includes('inf')) expect(file.messages.length, text).toBeGreaterThan(0);
      }
    }
  });

  it("keep one parse per file: a file's new text replaces its older entry, other files keep theirs", () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'wecare-yaml-')), 'yaml');
    keepYamlParsesIn(dir);
    const parse = (name: string, text: string) => parseYaml(text, new VFile({ path: name }), { keep: true });
    parse('content/glossary.yaml', '# v1\nterms: [{id: a}]');
    parse('content/variants/es.yaml', '# es\ncode: es');
    parse('content/glossary.yaml', '# v2\nterms: [{id: a}, {id: b}]');
    expect(readdirSync(dir).sort().map((name) => name.replace(/[0-9a-f]{40}/, '<sha1>'))).toEqual(['content_glossary.yaml-<sha1>.json', 'content_variants_es.yaml-<sha1>.json']);
    expect('simple' in parse('content/glossary.yaml', '# v2\nterms: [{id: a}, {id: b}]').parsed).toBe(true);
    expect('simple' in parse('content/glossary.yaml', '# v1\nterms: [{id: a}]').parsed).toBe(false);
  });

  it('are kept by a check with its cache and read by the next one instead of parsing content/ again', async () => {
    const copy = copyMini();
    try {
      await checkProgramme(copy.root);
      const dir = path.join(copy.root, '.wecare-cache/yaml');
      const entries = readdirSync(dir);
      expect(entries.length).toBeGreaterThan(0);
      // The next run's value comes from what was kept: a kept entry edited here shows through.
      const programmeTitle = loadContent(copy.root).programme!.title;
      let edited = 0;
      for (const name of entries) {
        const entry = readFileSync(path.join(dir, name), 'utf8');
        if (entry.includes(JSON.stringify(programmeTitle))) {
          writeFileSync(path.join(dir, name), entry.replace(JSON.stringify(programmeTitle), JSON.stringify('Título guardado')));
          edited += 1;
        }
      }
      expect(edited).toBe(1);
      loadContent(repoRoot); // another programme in between: the copy's content/ is read again by the next check
      await checkProgramme(copy.root);
      expect(loadContent(copy.root).programme!.title).toBe('Título guardado');
    } finally {
      copy.cleanup();
    }
  });
});
