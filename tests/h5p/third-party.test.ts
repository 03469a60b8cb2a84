/**
 * A second opinion from a third-party H5P implementation: Lumi's @lumieducation/h5p-server (npm),
 * a Node port of the H5P PHP core. Its PackageValidator checks the archive and h5p.json, and its
 * SemanticsEnforcer filters content.json like H5PContentValidator does: a package H5P accepts
 * unchanged must come out of it identical.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIB, libraryFolder, parseLibraryString } from '../../scripts/h5p/libraries.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';
import { buildSample, hasStandards, noteStandards, standardsH5p, tempDir } from './helpers.ts';

const require = createRequire(import.meta.url);

interface Lumi {
  validate(dir: string): Promise<true | string>;
  enforce(params: unknown, main: { machineName: string; majorVersion: number; minorVersion: number }): Promise<void>;
}

function lumi(): Lumi {
  const server = require('@lumieducation/h5p-server');
  const PackageValidator = require('@lumieducation/h5p-server/build/src/PackageValidator').default;
  const SemanticsEnforcer = require('@lumieducation/h5p-server/build/src/SemanticsEnforcer').default;
  const libraries = mkdtempSync(path.join(os.tmpdir(), 'wecare-h5p-lumi-libs-'));
  for (const name of Object.values(LIB)) cpSync(path.join(standardsH5p, libraryFolder(parseLibraryString(name))), path.join(libraries, libraryFolder(parseLibraryString(name))), { recursive: true });
  const config = new server.H5PConfig(undefined);
  config.coreApiVersion = { major: 1, minor: 27 };
  const manager = new server.LibraryManager(new server.fsImplementations.FileLibraryStorage(libraries));
  const validator = new PackageValidator(config, manager);
  const enforcer = new SemanticsEnforcer(manager);
  return {
    async validate(dir) {
      try {
        return await validator.validateExtractedPackage(dir, true, false);
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
    enforce: (params, main) => enforcer.enforceSemanticStructure(params, main),
  };
}

async function extract(files: Map<string, Buffer>): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-h5p-lumi-pkg-'));
  for (const [name, data] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
  return dir;
}

/** What Lumi says about a package: archive verdict, and whether its semantics filter changed content.json. */
async function judge(tool: Lumi, files: Map<string, Buffer>) {
  const verdict = await tool.validate(await extract(files));
  const h5p = JSON.parse(files.get('h5p.json')!.toString());
  const main = h5p.preloadedDependencies.find((dep: { machineName: string }) => dep.machineName === h5p.mainLibrary);
  const params = JSON.parse(files.get('content/content.json')!.toString());
  const before = JSON.stringify(params);
  await tool.enforce(params, main);
  return { verdict, unchanged: JSON.stringify(params) === before };
}

describe.skipIf(!hasStandards)('third-party check with @lumieducation/h5p-server', () => {
  let tool: Lumi;
  const packages = new Map<string, Map<string, Buffer>>();

  beforeAll(async () => {
    noteStandards();
    tool = lumi();
    for (const variant of ['es', 'co'] as const) {
      // The sample programme, plus the HTML the compiler has to rewrite (tables, line breaks, headings).
      const dir = tempDir(`lumi-${variant}`);
      const programme = sampleProgramme(variant, path.join(dir, 'src'));
      programme.modules[0]!.lessons[0]!.blocks.push({ kind: 'html', html: '<h4>Turnos</h4><table><thead><tr><th>Turno</th><th>Hora</th></tr></thead><tbody><tr><td>Mañana</td><td>8:00</td></tr></tbody></table><p>Uno<br>dos</p><hr>' });
      const build = await buildSample(variant, {}, dir, programme);
      for (const [name, file] of build.byName) packages.set(`${variant}/${name}`, await readZip(readFileSync(file)));
    }
  });

  it('accepts every package and leaves every content.json unchanged', async () => {
    expect(packages.size).toBe(4);
    for (const [name, files] of packages) expect(await judge(tool, files), name).toEqual({ verdict: true, unchanged: true });
  });

  it('notices the broken packages our own validator rejects (so this check can fail)', async () => {
    const files = new Map(packages.get('es/m01-quiz.h5p')!);
    files.set('content/page.html', Buffer.from('<p>x</p>'));
    const content = JSON.parse(files.get('content/content.json')!.toString());
    content.questions[0].params.question = '<table><tr><td>x</td></tr></table>';
    files.set('content/content.json', Buffer.from(JSON.stringify(content)));
    const result = await judge(tool, files);
    expect(result.verdict).toMatch(/not-in-whitelist/);
    expect(result.unchanged).toBe(false);
  });
});
