/** `wecare translate import` refuses what would lose or corrupt translations, naming file, line and unit. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportVariant } from '../../scripts/translate/export.ts';
import { readTranslationFile } from '../../scripts/translate/store.ts';
import { runCli } from '../cli/helpers.ts';
import { copyMini } from '../parse/helpers.ts';
import { pseudoTranslate } from './pseudo.ts';

function addItaly(root: string) {
  const programmeFile = path.join(root, 'content/programme.yaml');
  writeFileSync(programmeFile, readFileSync(programmeFile, 'utf8').replace('variants: [es, co]', 'variants: [es, co, it]'));
  writeFileSync(
    path.join(root, 'content/variants/it.yaml'),
    ['code: it', 'name: Italia', 'locale: it-IT', 'currency: { code: EUR, symbol: € }', 'emergencyNumber: "112"', 'legalReferences:', '  - { id: ley-dependencia, title: Legge 328/2000 }', '  - { id: ley-1850, title: Legge 328/2000 }', 'institutions:', '  health: Azienda sanitaria locale', ''].join('\n'),
  );
}

describe('wecare translate import', () => {
  let copy: ReturnType<typeof copyMini>;
  let file: string;
  let translated: string;
  beforeAll(() => {
    copy = copyMini();
    addItaly(copy.root);
    const result = exportVariant({ root: copy.root, variant: 'it', now: new Date('2026-03-01T00:00:00Z') });
    file = result.files.find((f) => f.path.endsWith('m02-seguridad.xlf'))!.path;
    translated = pseudoTranslate(readFileSync(file, 'utf8'));
  });
  afterAll(() => copy.cleanup());

  const importText = async (text: string, ...flags: string[]) => {
    const target = path.join(copy.root, 'm02-seguridad.it.xlf');
    writeFileSync(target, text);
    return runCli(['translate', 'import', 'm02-seguridad.it.xlf', ...flags], copy.root);
  };

  it('refuses a file whose inline codes were broken, and stores nothing', async () => {
    // The translator deleted the :var[…] code of the first unit that has one.
    const broken = translated.replace(/(<target xml:space="preserve">[^\n]*?)<ph id="(\d+)" dataRef="d\2" type="other" subType="wecare:var"[^>]*\/>/, '$1');
    expect(broken).not.toBe(translated);
    const { code, stderr } = await importText(broken);
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "m02-seguridad.it.xlf:16  unit module:summary: inline codes broken: code 1 (:var[name]) is missing
      Nothing imported: 1 problem(s).
      "
    `);
    expect(readTranslationFile(copy.root, 'it', 'm02-seguridad').units.size).toBe(0);
  });

  it('refuses a code that is not in the source', async () => {
    const foreign = translated.replace(/(<target xml:space="preserve">)/, '$1<ph id="99"/>');
    const { stderr } = await importText(foreign);
    expect(stderr).toMatchInlineSnapshot(`
      "m02-seguridad.it.xlf:5  unit module:title: inline codes broken: code 99 is not in the source
      Nothing imported: 1 problem(s).
      "
    `);
  });

  it('refuses units that no longer exist', async () => {
    const renamed = translated.replace('<unit id="module:summary">', '<unit id="module:abstract">');
    expect(renamed).not.toBe(translated);
    const { stderr } = await importText(renamed);
    expect(stderr).toMatchInlineSnapshot(`
      "m02-seguridad.it.xlf:16  unit module:abstract: no such unit any more (the source was restructured): export again and carry the translation over
      Nothing imported: 1 problem(s).
      "
    `);
  });

  it('refuses what is not XLIFF 2.0, or not well-formed', async () => {
    expect((await importText(translated.replace('version="2.0"', 'version="1.2"'))).stderr).toMatchInlineSnapshot(`
      "m02-seguridad.it.xlf:2  XLIFF version "1.2": wecare reads XLIFF 2.0 (export again with \`wecare translate export\`)
      Nothing imported: 1 problem(s).
      "
    `);
    expect((await importText(translated.replace('</unit>', ''))).stderr).toMatch(/^m02-seguridad\.it\.xlf:\d+ {2}not well-formed XML: /);
  });

  it('imports, then never overwrites a newer translation with an older file without --force', async () => {
    const first = await importText(translated);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`translations${path.sep}it${path.sep}m02-seguridad.yaml  `);
    // A later export, translated differently, is imported…
    const later = translated.replace(/wecare:exported="[^"]*"/, 'wecare:exported="2026-04-01T00:00:00.000Z"').replace(/⟦/g, '⟦v2 ');
    expect((await importText(later)).code).toBe(0);
    // …then the older file comes back: refused, unit by unit.
    const older = await importText(translated);
    expect(older.code).toBe(1);
    expect(older.stderr.split('\n')[0]).toMatchInlineSnapshot(`"m02-seguridad.it.xlf:5  unit module:title: the stored translation (2026-04-01T00:00:00.000Z) is newer than this file (exported 2026-03-01T00:00:00.000Z); use --force to overwrite it"`);
    expect(readTranslationFile(copy.root, 'it', 'm02-seguridad').units.get('module:title')!.target).toMatch(/^⟦v2 /);
    const forced = await importText(translated, '--force');
    expect(forced.code).toBe(0);
    expect(readTranslationFile(copy.root, 'it', 'm02-seguridad').units.get('module:title')!.target).not.toMatch(/v2/);
  });

  it('says clearly when the variant has nothing to translate', async () => {
    const { code, stderr } = await runCli(['translate', 'export', '--variant', 'co'], copy.root);
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "wecare translate: variant co (es-CO) teaches in "es", the programme's language: it has nothing to translate
      "
    `);
  });
});
