import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { h5pSettings } from '../../scripts/h5p/format.ts';
import { LIBRARIES, packageClosure, parseLibraryString, patchFor, runtimeClosure } from '../../scripts/h5p/libraries.ts';
import { validatePackage } from '../../scripts/h5p/validate/package.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { buildSample, hasStandards, noteStandards, standardsH5p, subContents, tempDir } from './helpers.ts';

/**
 * A folder of library folders written from the project's library table: `compatible` gives the
 * newest patches for core API 1.27, `newest` the newest patches (core API 1.28).
 */
function libraryFolders(which: 'compatible' | 'newest'): string {
  const dir = tempDir(`libs-${which}`);
  for (const [name, facts] of Object.entries(LIBRARIES)) {
    const patch = which === 'compatible' ? patchFor(name, '1.27') : facts.patches.at(-1);
    const folder = path.join(dir, `${facts.machineName}-${facts.major}.${facts.minor}`);
    mkdirSync(path.join(folder, 'dist'), { recursive: true });
    const deps = (list: string[]) => list.map((dep) => ({ machineName: parseLibraryString(dep).machineName, majorVersion: parseLibraryString(dep).major, minorVersion: parseLibraryString(dep).minor }));
    const coreApi = patch?.coreApi ? { majorVersion: Number(patch.coreApi.split('.')[0]), minorVersion: Number(patch.coreApi.split('.')[1]) } : undefined;
    const json = {
      title: facts.machineName, machineName: facts.machineName, majorVersion: facts.major, minorVersion: facts.minor, patchVersion: patch?.patch ?? 0,
      runnable: facts.runnable ? 1 : 0, ...(coreApi ? { coreApi } : {}), preloadedJs: [{ path: 'dist/main.js' }],
      ...(facts.preloaded.length ? { preloadedDependencies: deps(facts.preloaded) } : {}), ...(facts.editor.length ? { editorDependencies: deps(facts.editor) } : {}),
    };
    writeFileSync(path.join(folder, 'library.json'), JSON.stringify(json));
    writeFileSync(path.join(folder, 'dist', 'main.js'), `/* ${name} */`);
    writeFileSync(path.join(folder, '.DS_Store'), 'junk');
    const semantics = path.join(standardsH5p, `${facts.machineName}-${facts.major}.${facts.minor}`, 'semantics.json');
    if (hasStandards && existsSync(semantics)) copyFileSync(semantics, path.join(folder, 'semantics.json'));
  }
  return dir;
}

describe('H5P build with --h5p-libraries', () => {
  noteStandards();

  it('bundles exactly the needed library folders, editor dependencies included, and lists only runtime ones in h5p.json', async () => {
    const libraries = libraryFolders('compatible');
    const settings = await h5pSettings({ options: { h5pLibraries: libraries, h5pCoreApi: '1.27' } });
    const build = await buildSample('co', settings);
    expect(build.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const name of ['m01-demo.h5p', 'm01-quiz.h5p']) {
      const zip = readFileSync(build.byName.get(name)!);
      const files = await readZip(zip);
      const h5p = JSON.parse(files.get('h5p.json')!.toString());
      const content = JSON.parse(files.get('content/content.json')!.toString());
      const main = `${h5p.preloadedDependencies[0].machineName} ${h5p.preloadedDependencies[0].majorVersion}.${h5p.preloadedDependencies[0].minorVersion}`;
      const used = [main, ...new Set(subContents(content).map((s) => s.library))];
      const folders = new Set([...files.keys()].filter((f) => !f.startsWith('content/') && f !== 'h5p.json').map((f) => f.split('/')[0]));
      expect(folders).toEqual(new Set(packageClosure(used).map((lib) => lib.replace(' ', '-'))));
      expect([...folders].some((f) => f!.startsWith('H5PEditor.'))).toBe(true);
      expect([...files.keys()].some((f) => f.endsWith('.DS_Store'))).toBe(false);
      const listed = h5p.preloadedDependencies.map((d: { machineName: string; majorVersion: number; minorVersion: number }) => `${d.machineName} ${d.majorVersion}.${d.minorVersion}`);
      expect(new Set(listed)).toEqual(new Set(runtimeClosure(used)));
      const multiChoice = JSON.parse(files.get('H5P.MultiChoice-1.16/library.json')!.toString());
      expect(multiChoice.patchVersion).toBe(26);
      const report = await validatePackage(zip, { coreApi: '1.27' });
      expect(report.issues).toEqual([]);
      if (hasStandards) expect(report.unchecked).toEqual([]);
    }
  });

  it('refuses libraries whose core API is newer than the target, and writes nothing then', async () => {
    const libraries = libraryFolders('newest');
    const build = await buildSample('es', { coreApi: '1.27', librariesDir: libraries });
    expect(build.artifacts).toEqual([]);
    const messages = build.diagnostics.filter((d) => d.ruleId === 'h5p-library-bundle').map((d) => d.message);
    expect(messages.some((m) => m.includes('H5P.MultiChoice 1.16.27 necesita la API del núcleo H5P 1.28, más nueva que la de destino 1.27'))).toBe(true);
    // The same folder is fine for a site on core API 1.28.
    const newer = await buildSample('es', { coreApi: '1.28', librariesDir: libraries });
    expect(newer.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(newer.artifacts).toHaveLength(2);
  });

  it('names a missing library folder and a file type H5P refuses', async () => {
    const libraries = libraryFolders('compatible');
    rmSync(path.join(libraries, 'H5PEditor.ShowWhen-1.0'), { recursive: true });
    writeFileSync(path.join(libraries, 'H5P.Column-1.18', 'readme.html'), '<p>x</p>');
    const build = await buildSample('es', { coreApi: '1.27', librariesDir: libraries });
    const messages = build.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    expect(messages).toContain('m01-demo.h5p no se ha generado: falta H5PEditor.ShowWhen 1.0 (se esperaba una carpeta H5PEditor.ShowWhen-1.0/ con library.json)');
    expect(messages).toContain('m01-demo.h5p no se ha generado: H5P.Column-1.18/readme.html: H5P no admite archivos ".html" en las bibliotecas');
    expect(build.byName.has('m01-demo.h5p')).toBe(false);
  });

  it('names a library file without an extension as such, in both languages', async () => {
    const libraries = libraryFolders('compatible');
    writeFileSync(path.join(libraries, 'H5P.Column-1.18', 'LICENSE'), 'MIT');
    const messages = async (lang: 'es' | 'en') => {
      const build = await buildSample('es', { coreApi: '1.27', librariesDir: libraries }, undefined, undefined, lang);
      return build.diagnostics.filter((d) => d.severity === 'error' && d.message.includes('LICENSE')).map((d) => d.message);
    };
    expect(await messages('es')).toMatchInlineSnapshot(`
      [
        "m01-demo.h5p no se ha generado: H5P.Column-1.18/LICENSE: H5P no admite archivos sin extensión en las bibliotecas (solo js, css, svg, xml y los tipos de contenido permitidos); quítelo de la carpeta de la biblioteca o cámbiele el nombre",
      ]
    `);
    expect(await messages('en')).toMatchInlineSnapshot(`
      [
        "m01-demo.h5p not written: H5P.Column-1.18/LICENSE: H5P does not allow files without an extension in libraries (only js, css, svg, xml and the allowed content types); remove it from the library folder or rename it",
      ]
    `);
  });
});

describe.skipIf(!hasStandards)('H5P bundling with the real library.json files', () => {
  it('rejects the newest MultiChoice (core API 1.28) for a Moodle 4.5 / 5.0 site', async () => {
    const libraries = libraryFolders('compatible');
    copyFileSync(path.join(standardsH5p, 'H5P.MultiChoice-1.16', 'library.json'), path.join(libraries, 'H5P.MultiChoice-1.16', 'library.json'));
    const real = JSON.parse(readFileSync(path.join(libraries, 'H5P.MultiChoice-1.16', 'library.json'), 'utf8'));
    for (const asset of [...(real.preloadedJs ?? []), ...(real.preloadedCss ?? [])]) {
      mkdirSync(path.dirname(path.join(libraries, 'H5P.MultiChoice-1.16', asset.path)), { recursive: true });
      writeFileSync(path.join(libraries, 'H5P.MultiChoice-1.16', asset.path), '/* stub */');
    }
    const build = await buildSample('es', { coreApi: '1.27', librariesDir: libraries });
    expect(build.diagnostics.some((d) => d.ruleId === 'h5p-library-bundle' && d.message.includes(`H5P.MultiChoice 1.16.${real.patchVersion} necesita la API del núcleo H5P 1.28`))).toBe(true);
  });
});
