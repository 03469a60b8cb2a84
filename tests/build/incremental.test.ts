/**
 * Incremental `wecare build` on copies of the mini programme: the index in dist/ decides what is
 * built again, and `--module` / `--variant` leave every other output byte for byte as it was.
 * The guide is built as HTML only here (WECARE_GUIDE_PDF=0); printing is covered in tests/guide.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, useMiniCopies } from '../cli/helpers.ts';

const mini = useMiniCopies();
const INDEX = '.wecare-build.json';
let guidePdf: string | undefined;
beforeAll(() => {
  guidePdf = process.env.WECARE_GUIDE_PDF;
  process.env.WECARE_GUIDE_PDF = '0';
});
afterAll(() => {
  if (guidePdf === undefined) delete process.env.WECARE_GUIDE_PDF;
  else process.env.WECARE_GUIDE_PDF = guidePdf;
});

/** Every file of dist/ but the index: relative path → sha256 of its bytes. */
function contents(dist: string): Map<string, string> {
  const files = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name !== INDEX);
  return new Map(files.map((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return [path.relative(dist, file), createHash('sha256').update(readFileSync(file)).digest('hex')];
  }));
}

const mtimes = (dist: string, files: Iterable<string>) => new Map([...files].map((file) => [file, statSync(path.join(dist, file)).mtimeMs]));

/** Which outputs the plain progress lines say were built: `variant format module`. */
const builtUnits = (stdout: string) =>
  stdout
    .split('\n')
    .map((line) => line.match(/^(\S+)\s+(\S+)\s+(.+?)\s+built \(/))
    .filter((match): match is RegExpMatchArray => Boolean(match))
    .map((match) => `${match[1]} ${match[2]} ${match[3]}`)
    .sort();

const editLesson = (root: string, module: string, lesson: string) => appendFileSync(path.join(root, 'modules', module, lesson), '\nUn párrafo añadido.\n');

describe('incremental wecare build', () => {
  it('skips unchanged outputs, and rebuilds exactly the outputs of an edited module plus what lists every module', async () => {
    const root = mini();
    const dist = path.join(root, 'dist');
    const first = await runCli(['build', '--format', 'scorm12,web,guide'], root);
    expect(first.code).toBe(0);
    const index = JSON.parse(readFileSync(path.join(dist, INDEX), 'utf8')) as { units: Record<string, { outputs: Record<string, unknown> }> };
    expect(Object.keys(index.units).sort()).toEqual([
      'co/guide', 'co/scorm12/diagnostico', 'co/scorm12/m01-cuidado-profesional', 'co/scorm12/m02-seguridad',
      'co/web', 'co/web/diagnostico', 'co/web/m01-cuidado-profesional', 'co/web/m02-seguridad',
      'es/guide', 'es/scorm12/diagnostico', 'es/scorm12/m01-cuidado-profesional', 'es/scorm12/m02-seguridad',
      'es/web', 'es/web/diagnostico', 'es/web/m01-cuidado-profesional', 'es/web/m02-seguridad',
    ]);
    expect(Object.keys(index.units['es/scorm12/m01-cuidado-profesional']!.outputs)).toEqual(['es/m01-cuidado-profesional.scorm12.zip']);
    const before = contents(dist);
    const times = mtimes(dist, before.keys());

    const again = await runCli(['build', '--format', 'scorm12,web,guide'], root);
    expect(again.code).toBe(0);
    expect(builtUnits(again.stdout)).toEqual([]);
    expect(again.stdout).toMatch(/^Nothing to rebuild: 16 outputs up to date in dist \(\d+\.\d s\)\.$/m);
    // It ends with what to open, each guide under its name in the variant's language.
    expect(again.stdout.slice(again.stdout.indexOf('Open:')).trimEnd().split('\n').map((line) => line.trim())).toEqual([
      'Open:',
      'dist/es/web/index.html  web preview (es)',
      'dist/es/guide/guia-formador.html  trainer guide (es)',
      'dist/co/web/index.html  web preview (co)',
      'dist/co/guide/guia-instructor.html  trainer guide (co)',
    ]);
    expect(mtimes(dist, before.keys())).toEqual(times);

    editLesson(root, '02-seguridad', '01-emergencias.md');
    const edited = await runCli(['build', '--format', 'scorm12,web,guide'], root);
    expect(edited.code).toBe(0);
    expect(builtUnits(edited.stdout)).toEqual([
      'co guide all modules', 'co scorm12 m02-seguridad', 'co web index', 'co web m02-seguridad',
      'es guide all modules', 'es scorm12 m02-seguridad', 'es web index', 'es web m02-seguridad',
    ]);
    const after = contents(dist);
    const untouched = [...before.keys()].filter((file) => !/m02-seguridad|guide\/|web\/index\.html|web\/assets\//.test(file));
    expect(untouched.length).toBeGreaterThan(5);
    for (const file of untouched) expect(statSync(path.join(dist, file)).mtimeMs, file).toBe(times.get(file));
    expect(after.get('es/m02-seguridad.scorm12.zip')).not.toBe(before.get('es/m02-seguridad.scorm12.zip'));
  });

  it('rebuilds everything when an option changes, with --force, and an output changed or removed by hand', async () => {
    const root = mini();
    const dist = path.join(root, 'dist');
    expect((await runCli(['build', '--format', 'scorm12,h5p', '--variant', 'es'], root)).code).toBe(0);

    const option = await runCli(['build', '--format', 'scorm12,h5p', '--variant', 'es', '--lang', 'en'], root);
    expect(builtUnits(option.stdout)).toHaveLength(6);

    const forced = await runCli(['build', '--format', 'scorm12,h5p', '--variant', 'es', '--lang', 'en', '--force'], root);
    expect(builtUnits(forced.stdout)).toHaveLength(6);

    unlinkSync(path.join(dist, 'es/m01-cuidado-profesional.scorm12.zip'));
    appendFileSync(path.join(dist, 'es/h5p/diagnostico.h5p'), 'x');
    const repaired = await runCli(['build', '--format', 'scorm12,h5p', '--variant', 'es', '--lang', 'en'], root);
    expect(builtUnits(repaired.stdout)).toEqual(['es h5p diagnostico', 'es scorm12 m01-cuidado-profesional']);
  });

  it('--module builds that module only and leaves every other output byte-identical, the guide included', async () => {
    const root = mini();
    const dist = path.join(root, 'dist');
    expect((await runCli(['build'], root)).code).toBe(0);
    editLesson(root, '01-cuidado-profesional', '01-que-es-cuidar.md');
    editLesson(root, '02-seguridad', '01-emergencias.md');
    const before = contents(dist);

    const { code, stdout } = await runCli(['build', '--module', 'm01'], root);
    expect(code).toBe(0);
    expect(builtUnits(stdout)).toEqual(['co h5p m01-cuidado-profesional', 'co scorm12 m01-cuidado-profesional', 'co scorm2004 m01-cuidado-profesional', 'co web m01-cuidado-profesional', 'es h5p m01-cuidado-profesional', 'es scorm12 m01-cuidado-profesional', 'es scorm2004 m01-cuidado-profesional', 'es web m01-cuidado-profesional']);
    expect(stdout).toContain('Left as they were, since --module names modules only: es web index, es guide, co web index, co guide.');
    const after = contents(dist);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after].filter(([file, digest]) => before.get(file) !== digest).map(([file]) => file);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((file) => file.includes('m01-cuidado-profesional'))).toBe(true);

    // The full build afterwards brings the rest up to date (m02, the guides and the web indexes).
    const full = await runCli(['build'], root);
    expect(builtUnits(full.stdout).filter((unit) => unit.includes('m01'))).toEqual([]);
    expect(builtUnits(full.stdout)).toContain('es guide all modules');
    expect(builtUnits(full.stdout)).toContain('co h5p m02-seguridad');
  });

  it('--variant builds that variant only; other variants\' outputs stay byte-identical', async () => {
    const root = mini();
    const dist = path.join(root, 'dist');
    expect((await runCli(['build', '--format', 'scorm12,web,guide'], root)).code).toBe(0);
    editLesson(root, '01-cuidado-profesional', '01-que-es-cuidar.md');
    const before = contents(dist);
    const { code, stdout } = await runCli(['build', '--format', 'scorm12,web,guide', '--variant', 'co'], root);
    expect(code).toBe(0);
    expect(builtUnits(stdout).every((unit) => unit.startsWith('co '))).toBe(true);
    const after = contents(dist);
    for (const [file, digest] of before) if (file.startsWith('es')) expect(after.get(file), file).toBe(digest);
    expect(after.get('co/guide/guia-instructor.html')).not.toBe(before.get('co/guide/guia-instructor.html'));
  });

  it('removes the outputs of a module that no longer exists, but only in a build of every module', async () => {
    const root = mini();
    const dist = path.join(root, 'dist');
    expect((await runCli(['build', '--format', 'scorm12', '--variant', 'es'], root)).code).toBe(0);
    renameSync(path.join(root, 'modules/02-seguridad'), path.join(root, '02-seguridad-aparte'));
    expect((await runCli(['build', '--format', 'scorm12', '--variant', 'es', '--module', 'm01'], root)).code).toBe(0);
    expect(readdirSync(path.join(dist, 'es'))).toContain('m02-seguridad.scorm12.zip');
    expect((await runCli(['build', '--format', 'scorm12', '--variant', 'es'], root)).code).toBe(0);
    expect(readdirSync(path.join(dist, 'es')).sort()).toEqual(['diagnostico.scorm12.zip', 'm01-cuidado-profesional.scorm12.zip']);
  });

  it('builds from the file results it keeps (.wecare-cache/build.json) exactly what it builds from the sources', async () => {
    const root = mini();
    expect((await runCli(['build'], root)).code).toBe(0);
    expect(existsSync(path.join(root, '.wecare-cache/build.json'))).toBe(true);
    editLesson(root, '02-seguridad', '01-emergencias.md');
    expect((await runCli(['build'], root)).code).toBe(0);
    const cached = contents(path.join(root, 'dist'));

    rmSync(path.join(root, '.wecare-cache'), { recursive: true, force: true });
    expect((await runCli(['build', '--force'], root)).code).toBe(0);
    expect(contents(path.join(root, 'dist'))).toEqual(cached);
  });

  it('names the modules there are when --module names none of them', async () => {
    const { code, stderr } = await runCli(['build', '--module', 'm07'], mini());
    expect(code).toBe(2);
    expect(stderr).toContain('wecare build: --module: no module "m07".');
    expect(stderr).toContain('Modules: m01-cuidado-profesional, m02-seguridad, diagnostico.');
  });
});
