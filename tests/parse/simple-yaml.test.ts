/**
 * The front matter fast path (scripts/parse/simple-yaml.ts) against the `yaml` library: wherever
 * it accepts a text, the value and every position `locate` reports must be the library's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseSimpleYaml } from '../../scripts/parse/simple-yaml.ts';
import { parseWithYamlLibrary, parseYaml } from '../../scripts/parse/yaml-source.ts';
import { lesson } from '../../scripts/bench/check.bench.ts';

const root = path.resolve(import.meta.dirname, '../..');

function frontMatters(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.md')) {
        const match = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'));
        if (match) out.push(match[1]!);
      }
    }
  };
  for (const dir of ['modules', 'content', 'tests/fixtures']) walk(path.join(root, dir));
  out.push(/^---\n([\s\S]*?)\n---/.exec(lesson(7, 3))![1]!);
  return out;
}

const edgeCases = [
  'id: a\ntitle: Título con acentos, comas y: dos puntos',
  'id: a\ntitle: "Entre comillas: sí"',
  "id: a\ntitle: 'simples'",
  'id: a\ncompetences: [C1.1, C1.2, "C2.1"]',
  'id: a\ncompetences: []',
  'duration: { online: 60, faceToFace: 90 }',
  'duration: {online: 60,faceToFace: 90}',
  'passMark: 70\nflag: true\nother: False\nnothing: null\ntilde: ~',
  'n: 0\nbig: 123456789012345\nlead: 007\nneg: -1\nfloat: 1.5\nhex: 0x1F\ntime: 10:30',
  'a: b # comment\n',
  'a: C#',
  'a: b\n\n\nc: d\n',
  '  a: b',
  'a:b',
  'a: b\na: c',
  'a:\n  - x',
  'a: >-\n  folded',
  'a: [x, [y]]',
  'a: [x,]',
  'a: { b: [c] }',
  'a: "unterminated',
  'a: "q" tail',
  'a: it\'s',
  'a: &anchor x',
  'a: *alias',
  'a: !tag x',
  'a: @x',
  'a: yes\nb: no\nc: on',
  'a: .inf',
  'a: x:',
  'a: x: y',
  'title: ¿Qué es cuidar?',
  'variants: [es, co]             # not yet adapted to Italy: see docs/authoring.md, "Adding a country"',
  'duration: { online: 60, faceToFace: 90 } # minutes\ncompetences: [C1.1] #: [x]',
  'id: m02\ntitle: "⟦Normativa⟧"\nsummary: "⟦Cómo se organiza⟧"\ncompetences: [C2.1, C2.2]\nvariants: [es, co, xa]   # not yet adapted',
  'a: [x]# not a comment',
  'a: [x] #',
  'a: ["x #y"] # z',
  'a: { b: [c] } # d',
  'a: [x] # c\n  b: y',
  'a: 🙂',
];

function mutate(texts: string[], seed: number, count: number): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const alphabet = [':', ' ', '#', '"', "'", '[', ']', '{', '}', ',', '-', '~', '\n', '1', '0', '.', '&', '!'];
  return Array.from({ length: count }, () => {
    let text = texts[Math.floor(next() * texts.length)]!;
    for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits -= 1) {
      const at = Math.floor(next() * (text.length + 1));
      text = next() < 0.7 ? text.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    }
    return text;
  });
}

/** Every path to a value of `data`, each as a key and as a value, plus paths that do not exist. */
function paths(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix, [...prefix, 'missing']];
  if (Array.isArray(data)) data.forEach((item, index) => out.push(...paths(item, [...prefix, index])));
  else if (data && typeof data === 'object') for (const [key, value] of Object.entries(data)) out.push(...paths(value, [...prefix, key]));
  if (Array.isArray(data)) out.push([...prefix, data.length]);
  return out;
}

function compare(text: string): 'accepted' | 'declined' {
  if (!parseSimpleYaml(text)) return 'declined';
  const libraryFile = new VFile();
  const library = parseWithYamlLibrary(text, libraryFile, 4);
  expect(libraryFile.messages, text).toEqual([]);
  const fast = parseYaml(text, new VFile(), { lineOffset: 4 });
  expect(fast.data, text).toEqual(library.data);
  for (const at of paths(library.data)) {
    expect(fast.locate(at, 'key'), `${JSON.stringify(text)} key ${at.join('.')}`).toEqual(library.locate(at, 'key'));
    expect(fast.locate(at, 'value'), `${JSON.stringify(text)} value ${at.join('.')}`).toEqual(library.locate(at, 'value'));
  }
  return 'accepted';
}

describe('front matter fast path', () => {
  const repository = frontMatters();

  it('gives the yaml library’s value and positions for every front matter of the repository it accepts', () => {
    const outcomes = repository.map(compare);
    // Lessons' front matter (id, title) must take the fast path, or it saves nothing.
    expect(outcomes.filter((outcome) => outcome === 'accepted').length).toBeGreaterThan(repository.length / 2);
  });

  it('agrees with the yaml library on edge cases, or declines them', () => {
    const outcomes = edgeCases.map(compare);
    expect(outcomes.filter((outcome) => outcome === 'accepted').length).toBeGreaterThanOrEqual(10);
    expect(parseSimpleYaml('a: b # comment')).toBeUndefined();
    expect(parseSimpleYaml('variants: [es, co]   # not yet adapted')?.data).toEqual({ variants: ['es', 'co'] });
    expect(parseSimpleYaml('a: b\na: c')).toBeUndefined();
  });

  it('agrees with the yaml library on 3,000 mutated front matters, or declines them', () => {
    const outcomes = mutate([...repository, ...edgeCases], 0x7a41, 3000).map(compare);
    expect(outcomes.filter((outcome) => outcome === 'accepted').length).toBeGreaterThan(300);
  });
});
