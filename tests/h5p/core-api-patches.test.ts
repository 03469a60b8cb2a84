/**
 * Each target core API gets only the content parameters its library patches know: H5P.Blanks
 * 1.14.34 (core API 1.27) has no `behaviour.allowRetryIfCorrect`, which 1.14.37 (1.28) added.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldsNewerThan, hasField, LIB, LIBRARIES, patchFor } from '../../scripts/h5p/libraries.ts';
import { validatePackage, validatePackageFiles } from '../../scripts/h5p/validate/package.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { buildSample, hasRuntime, hasStandards, noteRuntime, runtimeLibraries, runtimeSemantics, standardsH5p, standardsSemantics, subContents } from './helpers.ts';

noteRuntime();

type Fields = Array<{ name?: string; fields?: Fields; field?: { name?: string; fields?: Fields } }>;
/** Every field path of a semantics.json (`behaviour/allowRetryIfCorrect`), list items included. */
function fieldPaths(fields: Fields, prefix = ''): string[] {
  return fields.flatMap((field) => {
    const here = `${prefix}${field.name}`;
    const inner = field.fields ?? field.field?.fields ?? [];
    return [here, ...fieldPaths(inner, `${here}/`)];
  });
}

async function blanksBehaviour(coreApi: string): Promise<Record<string, unknown>[]> {
  const build = await buildSample('es', { coreApi });
  const found: Record<string, unknown>[] = [];
  for (const file of build.byName.values()) {
    const content = JSON.parse((await readZip(readFileSync(file))).get('content/content.json')!.toString());
    for (const item of subContents(content)) if (item.library === LIB.blanks) found.push(item.params.behaviour as Record<string, unknown>);
  }
  return found;
}

describe('content parameters per target core API', () => {
  it('knows which Blanks parameter a 1.27 site lacks', () => {
    expect(fieldsNewerThan(LIB.blanks, '1.27')).toEqual([{ path: 'behaviour/allowRetryIfCorrect', since: 'H5P.Blanks 1.14.37', sinceCoreApi: '1.28', target: 'H5P.Blanks 1.14.34' }]);
    expect(hasField(LIB.blanks, 'behaviour/allowRetryIfCorrect', '1.27')).toBe(false);
    expect(hasField(LIB.blanks, 'behaviour/allowRetryIfCorrect', '1.28')).toBe(true);
    expect(hasField(LIB.blanks, 'behaviour/enableRetry', '1.27')).toBe(true);
  });

  it('writes allowRetryIfCorrect for core API 1.28 only', async () => {
    const old = await blanksBehaviour('1.27');
    const current = await blanksBehaviour('1.28');
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((behaviour) => !('allowRetryIfCorrect' in behaviour))).toBe(true);
    expect(current.every((behaviour) => behaviour.allowRetryIfCorrect === false)).toBe(true);
  });

  it('the validator refuses, without any semantics.json, a parameter the target patch lacks', async () => {
    const build = await buildSample('es', { coreApi: '1.28' });
    const files = await readZip(readFileSync(build.byName.get('m01-quiz.h5p')!));
    const report = validatePackageFiles(files, { coreApi: '1.27' });
    expect(report.issues.map((issue) => `${issue.path}: ${issue.message} [${issue.code}]`)).toMatchInlineSnapshot(`
      [
        "content/content.json#questions[2].params.behaviour.allowRetryIfCorrect: only exists from H5P.Blanks 1.14.37 (core API 1.28); sites on core API 1.27 have H5P.Blanks 1.14.34, which drops it [field-needs-newer-patch]",
      ]
    `);
    expect(validatePackageFiles(files, { coreApi: '1.28' }).issues).toEqual([]);
  });
});

describe.skipIf(!hasRuntime)('against the exact patches of a core API 1.27 site (../shared/h5p-runtime)', () => {
  const folders = hasRuntime ? readdirSync(runtimeLibraries) : [];
  const json = (folder: string) => JSON.parse(readFileSync(path.join(runtimeLibraries, folder, 'library.json'), 'utf8'));

  it('the library table picks, for 1.27, the patch each real library folder holds', () => {
    let compared = 0;
    for (const folder of folders) {
      const library = json(folder);
      const name = `${library.machineName} ${library.majorVersion}.${library.minorVersion}`;
      if (!LIBRARIES[name]?.patches.length) continue;
      expect(patchFor(name, '1.27'), name).toMatchObject({ patch: library.patchVersion, ...(library.coreApi ? { coreApi: `${library.coreApi.majorVersion}.${library.coreApi.minorVersion}` } : {}) });
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(15);
  });

  it.skipIf(!hasStandards)('declares every parameter the newest patch added over the 1.27 one', () => {
    for (const name of Object.values(LIB)) {
      const folder = name.replace(' ', '-');
      const read = (dir: string) => new Set(fieldPaths(JSON.parse(readFileSync(path.join(dir, folder, 'semantics.json'), 'utf8'))));
      const old = read(runtimeLibraries);
      const added = [...read(standardsH5p)].filter((field) => !old.has(field));
      expect(fieldsNewerThan(name, '1.27').map((field) => field.path), name).toEqual(added);
    }
  });

  it('every package built for 1.27 passes against the 1.27 semantics, and for 1.28 against the newest', async () => {
    for (const [coreApi, semantics] of [['1.27', runtimeSemantics], ['1.28', standardsSemantics]] as const) {
      if (!semantics) continue;
      for (const variant of ['es', 'co'] as const) {
        const build = await buildSample(variant, { coreApi });
        expect(build.artifacts.length).toBeGreaterThan(0);
        for (const artifact of build.artifacts) {
          const report = await validatePackage(readFileSync(artifact.path), { coreApi, semantics });
          expect(report.issues, `${coreApi} ${artifact.path}`).toEqual([]);
          expect(report.unchecked, `${coreApi} ${artifact.path}`).toEqual([]);
        }
      }
    }
  });
});
