/**
 * Stored translations are read by a fast reader of the exact layout `writeTranslationFile` writes,
 * and by the `yaml` library otherwise: both must give what the YAML says.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { forgetReadTranslations, readTranslationFile, translationPath, writeTranslationFile, type StoredUnit } from '../../scripts/translate/store.ts';
import { repoRoot } from '../parse/helpers.ts';

/** What the YAML says, read by the `yaml` library alone. */
function byYamlLibrary(file: string): Map<string, StoredUnit> {
  const data = parse(readFileSync(file, 'utf8')) as { units?: Record<string, StoredUnit> | null };
  return new Map(Object.entries(data.units ?? {}).map(([id, unit]) => [id, { source: String(unit.source), target: unit.target, updated: String(unit.updated), reviewed: unit.reviewed === true }]));
}

const tricky: Array<[string, StoredUnit]> = [
  ['l1:p1', { source: 'a1b2', target: 'Dice "sì" \\ poi\nva a capo\ttab', updated: '2026-12-01T10:00:00.000Z', reviewed: true }],
  ['l1:quote"id', { source: '', target: '⟦κόσμε⟧ 😀 \u2028 fine', updated: '', reviewed: false }],
  ['units:', { source: 'x', target: 'units:\n  "fake":\n    source: "y"', updated: 'u', reviewed: false }],
];

describe('stored translation files', () => {
  it('reads every stored file of the sample as the yaml library does', () => {
    const dir = path.join(repoRoot, 'translations/it');
    const names = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      forgetReadTranslations();
      const read = readTranslationFile(repoRoot, 'it', name.slice(0, -'.yaml'.length)).units;
      expect(read.size, name).toBeGreaterThan(0);
      expect(read, name).toEqual(byYamlLibrary(path.join(dir, name)));
    }
  });

  it('reads back what it writes, quotes, backslashes, line breaks and astral characters included', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'wecare-store-'));
    const units = new Map(tricky);
    const file = writeTranslationFile(root, { name: 'm01', language: 'it', units }, 'Module m01');
    forgetReadTranslations();
    expect(readTranslationFile(root, 'it', 'm01').units).toEqual(units);
    expect(byYamlLibrary(file)).toEqual(units);
  });

  it('reads a file edited by hand into other YAML (comments, CRLF, block scalars, reordered fields) through the yaml library', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'wecare-store-'));
    const file = writeTranslationFile(root, { name: 'm01', language: 'it', units: new Map(tricky) }, 'Module m01');
    const written = readFileSync(file, 'utf8');
    const edits = [
      written.replace('  "l1:p1":\n', '  # checked by Giulia\n  "l1:p1":\n'),
      written.replace(/\n/g, '\r\n'),
      written.replace(/ {4}target: "⟦κόσμε⟧[^\n]*\n/, '    target: |-\n      ⟦κόσμε⟧ riscritto\n      su due righe\n'),
      written.replace(/( {4}source: "a1b2"\n)( {4}target: [^\n]*\n)/, '$2$1'),
      written.replace(/\n$/, ''),
      written.replace('units:\n', 'units: {}\n').replace(/\n {2}[\s\S]*$/, '\n'),
    ];
    for (const [index, edited] of edits.entries()) {
      writeFileSync(translationPath(root, 'it', 'm01'), edited);
      forgetReadTranslations();
      const read = readTranslationFile(root, 'it', 'm01').units;
      expect(read.size, `edit ${index}`).toBe(index === edits.length - 1 ? 0 : tricky.length);
      expect(read, `edit ${index}`).toEqual(byYamlLibrary(file));
    }
  });
});
