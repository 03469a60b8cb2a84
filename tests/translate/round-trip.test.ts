/**
 * The translation round trip on a copy of the mini programme with a pseudo-locale variant
 * (`xa`, locale en-XA): export, translate every segment into ⟦…⟧ markers, import, build; every
 * visible string of the build must come from the translation.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import xliff2js from 'xliff/xliff2js';
import { loadProgramme } from '../../scripts/api.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { en as h5pEnglish } from '../../scripts/h5p/i18n/en.ts';
import { exportVariant } from '../../scripts/translate/export.ts';
import { formatRefusals, importTranslations } from '../../scripts/translate/import.ts';
import { readTranslationFile } from '../../scripts/translate/store.ts';
import { checkProgramme, createIncrementalChecker } from '../../scripts/validate/check-cache.ts';
import { runCli } from '../cli/helpers.ts';
import { copyMini } from '../parse/helpers.ts';
import { CLOSE, OPEN, pseudoTranslate } from './pseudo.ts';

const EXPORTED_AT = new Date('2026-01-01T00:00:00Z');

/** Adds the pseudo variant: locale en-XA, its free texts already in pseudo (they are the country's own). */
function addPseudoVariant(root: string) {
  const programmeFile = path.join(root, 'content/programme.yaml');
  writeFileSync(programmeFile, readFileSync(programmeFile, 'utf8').replace('variants: [es, co]', 'variants: [es, co, xa]'));
  writeFileSync(
    path.join(root, 'content/variants/xa.yaml'),
    [
      'code: xa',
      `name: ${OPEN}Pseudoland${CLOSE}`,
      'locale: en-XA',
      'currency: { code: EUR, symbol: € }',
      'emergencyNumber: "112"',
      'legalReferences:',
      `  - { id: ley-dependencia, title: "${OPEN}Pseudo law${CLOSE}", url: "https://example.org/law" }`,
      `  - { id: ley-1850, title: "${OPEN}Other pseudo law${CLOSE}" }`,
      'ui: {}',
      'institutions:',
      `  health: ${OPEN}Pseudo health service${CLOSE}`,
      '',
    ].join('\n'),
  );
}

/** Text of a fragment of HTML or a plain string that did not come from the translation. */
function untranslated(text: string, interfaceFragments: readonly string[] = []): string[] {
  const plain = text
    .replace(/<cite\b[\s\S]*?<\/cite>/g, ' ') // citations name their source as published
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
  // A title cut to a length limit may end inside a marker.
  let rest = plain.replace(new RegExp(`${OPEN}[^${CLOSE}]*(${CLOSE}|…$)`, 'g'), ' ');
  for (const fragment of interfaceFragments) rest = rest.split(fragment).join(' ');
  if (interfaceFragments.length) rest = rest.replace(/[:@%]\w*/g, ' '); // placeholders H5P fills in at run time
  return /\p{L}/u.test(rest) ? [rest.replace(/\s+/g, ' ').trim()] : [];
}

/** Keys whose values are identifiers, paths or settings, not text a learner reads. */
const NOT_TEXT = new Set(['sources', 'strings', 'limits', 'lms', 'homeHref', 'useSeparator', 'mime', 'progressType', 'correct', 'id', 'programmeId', 'variant', 'locale', 'kind', 'src', 'path', 'url', 'href', 'mimeType', 'sha256', 'competence', 'competences', 'leftId', 'rightId', 'mode', 'library', 'subContentId', 'contentType', 'license', 'type', 'lessonId', 'behaviour', 'layout', 'language', 'defaultLanguage', 'mainLibrary', 'embedTypes', 'machineName', 'extraTitle']);

function walkStrings(value: unknown, visit: (text: string, key: string) => void, key = ''): void {
  if (typeof value === 'string') visit(value, key);
  else if (Array.isArray(value)) for (const item of value) walkStrings(item, visit, key);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!NOT_TEXT.has(k)) walkStrings(v, visit, k);
}

describe('translation round trip (pseudo-locale en-XA)', () => {
  let copy: ReturnType<typeof copyMini>;
  let outDir: string;
  beforeAll(async () => {
    copy = copyMini();
    addPseudoVariant(copy.root);
    const exported = exportVariant({ root: copy.root, variant: 'xa', now: EXPORTED_AT });
    outDir = exported.outDir;
    for (const file of exported.files) writeFileSync(file.path, pseudoTranslate(readFileSync(file.path, 'utf8')));
    const imported = await importTranslations({ root: copy.root, files: exported.files.map((f) => f.path) });
    expect(formatRefusals(imported.refusals)).toBe('');
  });
  afterAll(() => copy.cleanup());

  /** Runs `edit` with the files' texts, then puts the files back and forgets the caches: the tests share one copy. */
  async function restoring(files: string[], edit: (...texts: string[]) => Promise<void>): Promise<void> {
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    try {
      await edit(...texts);
    } finally {
      files.forEach((file, index) => writeFileSync(file, texts[index]!));
      rmSync(path.join(copy.root, '.wecare-cache'), { recursive: true, force: true });
    }
  }

  it('exports one XLIFF 2.0 file per module plus content.xlf, and prints where', async () => {
    const names = readdirSync(outDir).sort();
    expect(names).toEqual(['content.xlf', 'diagnostico.xlf', 'm01-cuidado-profesional.xlf', 'm02-seguridad.xlf']);
    expect(path.relative(copy.root, outDir)).toBe(path.join('dist', 'translate', 'en'));
    const { code, stdout } = await runCli(['translate', 'export', '--variant', 'xa', '--out', 'out-xa'], copy.root);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^out-xa\/m01-cuidado-profesional\.xlf {2}\d+ unit\(s\), \d+ translated$/m);
    expect(stdout).toMatch(/Exported \d+ unit\(s\) of variant xa \(0 to translate\) into out-xa/);
  });

  it('writes files that another XLIFF 2.0 reader (the xliff package) and xmllint accept', async () => {
    const text = readFileSync(path.join(outDir, 'm01-cuidado-profesional.xlf'), 'utf8');
    execFileSync('xmllint', ['--noout', path.join(outDir, 'm01-cuidado-profesional.xlf')]);
    const read = await xliff2js(text);
    expect(read.sourceLanguage).toBe('es');
    expect(read.targetLanguage).toBe('en-XA');
    const units = read.resources['m01-cuidado-profesional']!;
    const ids = [...text.matchAll(/<unit id="([^"]+)"/g)].map((m) => m[1]);
    expect(Object.keys(units)).toEqual(ids);
    // The reader sees the codes as codes: a glossary term is a standalone code, a link a span.
    const intro = units['module:intro:p1']!;
    expect(intro.source).toContainEqual({ Standalone: expect.objectContaining({ id: '1', subType: 'wecare:term' }) });
    const withLink = Object.values(units).find((unit) => Array.isArray(unit.source) && unit.source.some((part: unknown) => typeof part === 'object' && part !== null && 'Span' in part));
    expect(withLink).toBeDefined();
  });

  it('gives stable, structural unit ids and context notes', () => {
    const text = readFileSync(path.join(outDir, 'm01-cuidado-profesional.xlf'), 'utf8');
    const ids = [...text.matchAll(/<unit id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toContain('module:title');
    expect(ids).toContain('l01-que-es-cuidar:title');
    expect(ids).toContain('l01-que-es-cuidar:el-papel-del-auxiliar:heading');
    expect(ids).toContain('l01-que-es-cuidar:el-papel-del-auxiliar:p1');
    expect(ids.some((id) => /^m01-[a-z0-9-]+:opt-a:p1$/.test(id))).toBe(true);
    // Content for other countries is not exported; the pseudo variant sees neither es nor co blocks.
    expect(text).not.toContain('En Colombia');
    expect(text).toMatch(/<note category="context">term auxiliar \(«auxiliar de cuidados»\): Profesional/);
    expect(text).toMatch(/<note category="context">modules\/01-cuidado-profesional\/01-que-es-cuidar\.md:\d+ · lesson «¿Qué es cuidar\?» \(l01-que-es-cuidar\)<\/note>/);
  });

  it('stores one reviewable file per module, with digests, codes back as Markdown, marked for review', () => {
    const stored = readTranslationFile(copy.root, 'en', 'm01-cuidado-profesional');
    const intro = stored.units.get('module:intro:p1')!;
    expect(intro.target).toBe(`${OPEN}Bienvenida al módulo. Aquí aprenderás qué hace un ${CLOSE}:term[auxiliar]${OPEN} en una ${CLOSE}:term[residencia].`);
    expect(intro.source).toMatch(/^[0-9a-f]{16}$/);
    expect(intro.reviewed).toBe(false);
    expect(intro.updated).toBe(EXPORTED_AT.toISOString());
    const link = [...stored.units.values()].find((unit) => unit.target.includes('](02-comunicar.md)'));
    expect(link?.target).toMatch(/\[⟦[^⟧]+⟧\]\(02-comunicar\.md\)/);
  });

  it('resolves the variant entirely from the translation, and checks clean', async () => {
    const { programmes, diagnostics } = await loadProgramme(copy.root, { variants: ['xa'] });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics.filter((d) => d.ruleId.startsWith('translation') || d.ruleId === 'glossary-language')).toEqual([]);
    const xa = programmes[0]!;
    expect(xa.programme.title).toBe(`${OPEN}WeCare mini — programa de prueba${CLOSE}`);
    expect(xa.glossary.find((t) => t.id === 'auxiliar')?.term).toMatch(/^⟦.*⟧$/);
    for (const area of xa.framework.areas) {
      expect(untranslated(area.title)).toEqual([]);
      for (const c of area.competences) for (const o of c.outcomes) expect(untranslated(o.text)).toEqual([]);
    }
    expect(untranslated(xa.modules[0]!.introHtml)).toEqual([]);
  });

  it('builds web and H5P in which every visible string comes from the translation', async () => {
    const { code, stderr } = await runCli(['build', '--variant', 'xa', '--format', 'web,h5p'], copy.root);
    expect(stderr).not.toMatch(/  error  /);
    expect(code).toBe(0);
    const problems: string[] = [];
    const webDir = path.join(copy.root, 'dist/xa/web');
    for (const module of readdirSync(webDir).filter((name) => name !== 'assets' && name !== 'index.html')) {
      const html = readFileSync(path.join(webDir, module, 'index.html'), 'utf8');
      expect(html).toMatch(/<html lang="en-XA">/);
      problems.push(...untranslated(/<title>([\s\S]*?)<\/title>/.exec(html)![1]!));
      const data = JSON.parse(/<script type="application\/json" id="wecare-module">([\s\S]*?)<\/script>/.exec(html)![1]!);
      walkStrings(data, (text, key) => problems.push(...untranslated(text).map((t) => `${module} ${key}: ${t}`)));
    }
    // H5P's own interface strings (English for en-XA), which builders combine with the content;
    // `{x}`, `:x`, `@x`, `%x` are filled in.
    // …and citations, which name their source as it was published (not translated).
    const { programmes } = await loadProgramme(copy.root, { variants: ['xa'] });
    const citations = [...programmes[0]!.modules, programmes[0]!.assessment!].flatMap((m) => m.sources.map((source) => source.text));
    expect(citations).toContain('Ley 39/2006, art. 2');
    const fragments = [...citations, ...Object.values(h5pEnglish)]
      .filter((v): v is string => typeof v === 'string')
      .flatMap((v) => v.split(/\{\w+\}|[:@%]\w+/))
      .map((v) => v.trim())
      .filter((v) => /\p{L}/u.test(v))
      .sort((a, b) => b.length - a.length);
    const h5pDir = path.join(copy.root, 'dist/xa/h5p');
    const packages = readdirSync(h5pDir).filter((name) => name.endsWith('.h5p'));
    expect(packages.length).toBeGreaterThan(0);
    for (const name of packages) {
      const entries = await readZip(readFileSync(path.join(h5pDir, name)));
      const content = JSON.parse(entries.get('content/content.json')!.toString('utf8'));
      walkStrings(content, (text, key) => {
        problems.push(...untranslated(text, fragments).map((t) => `${name} ${key}: ${t}`));
      });
    }
    expect(problems).toEqual([]);
  });

  it('makes exactly the edited paragraph stale, and keeps using its old translation meanwhile', async () => {
    const lesson = path.join(copy.root, 'modules/01-cuidado-profesional/01-que-es-cuidar.md');
    await restoring([lesson], async (before) => {
      writeFileSync(lesson, before.replace('Cuidar es acompañar a la persona', 'Cuidar es acompañar siempre a la persona'));
      const { diagnostics, programmes } = await loadProgramme(copy.root, { variants: ['xa'] });
      const translationProblems = diagnostics.filter((d) => d.ruleId.startsWith('translation'));
      expect(translationProblems.map((d) => `${d.file}:${d.line}  ${d.ruleId}  ${d.message}`)).toEqual([
        `modules/01-cuidado-profesional/01-que-es-cuidar.md:8  translation-stale  El texto de la unidad l01-que-es-cuidar:el-papel-del-auxiliar:p1 cambió después de traducirse al inglés (variante xa): expórtela, revísela e impórtela de nuevo`,
      ]);
      expect(JSON.stringify(programmes[0]!.modules[0]!.lessons[0]!.blocks)).toContain(`${OPEN}Cuidar es acompañar a la persona`);
    });
  });

  it('reports the same translation problems when the units come from the check cache, and sees edits of sources and of stored translations', async () => {
    const lesson = path.join(copy.root, 'modules/01-cuidado-profesional/01-que-es-cuidar.md');
    const storedFile = path.join(copy.root, 'translations/en/m02-seguridad.yaml');
    const problems = (result: { diagnostics: Array<{ file: string; line: number; ruleId: string; message: string }> }) =>
      result.diagnostics.filter((d) => d.ruleId.startsWith('translation')).map((d) => `${d.file}:${d.line}  ${d.ruleId}  ${d.message}`);
    const cold = async () => problems(await checkProgramme(copy.root, { cache: false, variants: ['xa'] }));
    const checker = createIncrementalChecker(copy.root, { variants: ['xa'] });
    await restoring([lesson, storedFile], async (lessonText, storedText) => {
      // One stale unit (its source edited) and one missing one (its stored translation emptied).
      writeFileSync(lesson, lessonText.replace('Cuidar es acompañar a la persona', 'Cuidar es acompañar siempre a la persona'));
      const firstUnit = /^ {2}"[^"\n]+":\n(?: {4}.*\n)+/m;
      const emptied = storedText.replace(firstUnit, (unit) => unit.replace(/^( {4}target: ).*$/m, '$1""'));
      expect(emptied).not.toBe(storedText);
      writeFileSync(storedFile, emptied);
      const expected = await cold();
      expect(expected.map((line) => line.split('  ')[1]).sort()).toEqual(['translation-missing', 'translation-stale']);
      expect(problems(await checkProgramme(copy.root, { variants: ['xa'] }))).toEqual(expected);
      const fromDisk = await checkProgramme(copy.root, { variants: ['xa'] });
      expect(fromDisk.processed).toBe(0);
      expect(problems(fromDisk)).toEqual(expected);
      expect(problems(await checker.check())).toEqual(expected);
      expect(problems(await checker.check())).toEqual(expected);

      // The stored translation is mended: no source file is checked again, yet the missing unit is gone;
      // only the translated texts of that module's two files are (the stored file is one per module).
      writeFileSync(storedFile, storedText);
      const mended = await cold();
      expect(mended).toEqual(expected.filter((line) => !line.includes('translation-missing')));
      const mendedFromDisk = await checkProgramme(copy.root, { variants: ['xa'] });
      expect(mendedFromDisk.processed).toBe(2);
      expect(problems(mendedFromDisk)).toEqual(mended);
      expect(problems(await checker.check())).toEqual(mended);

      // The source is restored: that lesson alone is checked again, its text and its translated text, and nothing is stale any more.
      writeFileSync(lesson, lessonText);
      const restored = await checkProgramme(copy.root, { variants: ['xa'] });
      expect(restored.processed).toBe(2);
      expect(problems(restored)).toEqual([]);
      expect(problems(await checker.check())).toEqual([]);
    });
  });

  it('reports in the check what a hand-edited translation breaks in the build (an unknown :var), at the same place', async () => {
    const storedFile = path.join(copy.root, 'translations/en/m01-cuidado-profesional.yaml');
    await restoring([storedFile], async (stored) => {
      // The question's stem comes after paragraphs of two lines whose translations are one line each:
      // in the translated text it is two lines higher than in the source.
      const unit = /^ {2}("m01-q-funciones:p1"):\n {4}source: .*\n( {4}target: ")(.*)"$/m.exec(stored)!;
      expect(unit).not.toBeNull();
      const edited = `${stored.slice(0, unit.index)}${unit[0].replace(`${unit[2]}${unit[3]}`, `${unit[2]}:var[nowhere.toBeFound] ${unit[3]}`)}${stored.slice(unit.index + unit[0].length)}`;
      expect(edited).not.toBe(stored);
      writeFileSync(storedFile, edited);
      const unknown = (diagnostics: Array<{ file: string; line: number; column: number; ruleId: string; message: string }>) =>
        diagnostics.filter((d) => d.ruleId === 'unknown-variable').map((d) => `${d.file}:${d.line}:${d.column}  ${d.message}`);
      const built = unknown((await loadProgramme(copy.root, { variants: ['xa'] })).diagnostics);
      expect(built).toHaveLength(1);
      expect(built[0]).toContain('nowhere.toBeFound');
      // Placed where the unit's segment is in the source (not where it falls in the translated text),
      // naming the unit and the line of its stored translation, which is what to fix.
      const targetLine = stored.slice(0, unit.index).split('\n').length + 2;
      expect(built[0]).toContain(`(en la traducción al inglés de la unidad m01-q-funciones:p1, translations/en/m01-cuidado-profesional.yaml:${targetLine})`);
      const [file, line, column] = built[0]!.split('  ')[0]!.split(':').map((part, index) => (index ? Number(part) : part)) as [string, number, number];
      const sourceLine = readFileSync(path.join(copy.root, file), 'utf8').split('\n')[line - 1]!;
      const sourceWords = (JSON.parse(`"${unit[3]}"`) as string).replace(/[⟦⟧]/g, '').slice(0, 12);
      expect(sourceWords).toMatch(/\p{L}{3}/u);
      expect(sourceLine.slice(column - 1)).toMatch(new RegExp(`^${sourceWords.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(unknown((await checkProgramme(copy.root, { cache: false, variants: ['xa'] })).diagnostics)).toEqual(built);
      expect(unknown((await checkProgramme(copy.root, { variants: ['xa'] })).diagnostics)).toEqual(built);
      // From the check cache, nothing processed again, the same error.
      const again = await checkProgramme(copy.root, { variants: ['xa'] });
      expect(again.processed).toBe(0);
      expect(unknown(again.diagnostics)).toEqual(built);
      const { code, stderr } = await runCli(['check', '--variant', 'xa'], copy.root);
      expect(code).toBe(1);
      expect(stderr).toContain('nowhere.toBeFound');
    });
  });

  it('names, with --review, each stored file whose translations no native speaker has reviewed, until they are', async () => {
    const storedFile = path.join(copy.root, 'translations/en/m01-cuidado-profesional.yaml');
    const m01 = 'translations/en/m01-cuidado-profesional.yaml';
    await restoring([storedFile], async (stored) => {
      const unreviewed = async () => {
        const { diagnostics } = await checkProgramme(copy.root, { cache: false, variants: ['xa'] });
        return new Map(
          diagnostics
            .filter((d) => d.ruleId === 'unreviewed-translations')
            .map((d) => {
              const counted = /^(\d+) de las (\d+) traducciones al inglés de este archivo aún sin revisar por un hablante nativo \(la primera: unidad \S+\); ponga reviewed: true en cada una tras revisarla$/.exec(d.message);
              expect(counted, d.message).not.toBeNull();
              expect(d.severity).toBe('info');
              return [d.file, { count: Number(counted![1]), total: Number(counted![2]) }];
            }),
        );
      };
      // Imported as translated, not reviewed: every unit of every file.
      const before = await unreviewed();
      expect([...before.keys()].sort()).toEqual(['content', 'diagnostico', 'm01-cuidado-profesional', 'm02-seguridad'].map((name) => `translations/en/${name}.yaml`));
      expect(before.get(m01)).toEqual({ count: readTranslationFile(copy.root, 'en', 'm01-cuidado-profesional').units.size, total: readTranslationFile(copy.root, 'en', 'm01-cuidado-profesional').units.size });

      let index = 0;
      writeFileSync(storedFile, stored.replace(/^ {4}reviewed: false$/gm, (line) => (index++ % 2 ? line : '    reviewed: true')));
      const { count, total } = before.get(m01)!;
      expect((await unreviewed()).get(m01)).toEqual({ count: count - Math.ceil(count / 2), total });

      writeFileSync(storedFile, stored.replace(/^ {4}reviewed: false$/gm, '    reviewed: true'));
      const after = await unreviewed();
      expect(after.has(m01)).toBe(false);
      expect(after.size).toBe(3);

      const listed = await runCli(['check', '--variant', 'xa', '--review', '--lang', 'en'], copy.root);
      expect(listed.stdout).toMatch(/^translations\/en\/m02-seguridad\.yaml:1:1 {2}info {2}\d+ of the \d+ English translations in this file are not yet reviewed by a native speaker \(the first: unit \S+\); set reviewed: true on each one once checked {2}unreviewed-translations$/m);
      expect(listed.stdout).not.toContain(m01);
      expect((await runCli(['check', '--variant', 'xa', '--lang', 'en'], copy.root)).stdout + '').not.toContain('unreviewed-translations');
    });
  });

  it('lists missing units with their source file:line, and builds them in the source language only when allowed', async () => {
    const storedFile = path.join(copy.root, 'translations/en/m02-seguridad.yaml');
    await restoring([storedFile], async (stored) => {
      writeFileSync(storedFile, stored.replace(/^units:[\s\S]*$/m, 'units: {}\n'));
      const { diagnostics } = await loadProgramme(copy.root, { variants: ['xa'] });
      const missing = diagnostics.filter((d) => d.ruleId === 'translation-missing');
      expect(missing.length).toBeGreaterThan(3);
      expect(missing.every((d) => d.file.startsWith('modules/02-seguridad/') && d.line > 1)).toBe(true);
      expect(missing[0]!.message).toMatch(/^Falta la traducción al inglés \(variante xa\) de la unidad [^ ]+: «.+»; ejecute wecare translate export --variant xa/);

      const failed = await runCli(['build', '--variant', 'xa', '--format', 'web'], copy.root);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('translation-missing');
      const allowed = await runCli(['build', '--variant', 'xa', '--format', 'web', '--allow-untranslated'], copy.root);
      expect(allowed.code).toBe(0);
      const warnings = allowed.stderr.split('\n').filter((line) => line.includes('translation-incomplete'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/unidad\(es\) de m02-seguridad no tienen traducción al inglés \(variante xa\): se publican en el idioma de origen/);
      // The page's language stays truthful: the Spanish fragments say they are Spanish.
      const page = readFileSync(path.join(copy.root, 'dist/xa/web/m02-seguridad/index.html'), 'utf8');
      const data = JSON.parse(/<script type="application\/json" id="wecare-module">([\s\S]*?)<\/script>/.exec(page)![1]!);
      const html = JSON.stringify(data.lessons);
      expect(html).toMatch(/<span lang=\\"es\\">[^<]*\p{L}/u);
      const outsideSpans = JSON.parse(html.replace(/<span lang=\\"es\\">[\s\S]*?<\/span>/g, '')) as unknown;
      const leftovers: string[] = [];
      walkStrings(outsideSpans, (text, key) => {
        if (key === 'html') leftovers.push(...untranslated(text));
      });
      expect(leftovers).toEqual([]);
    });
  });
});
