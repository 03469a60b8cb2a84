import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildH5p, h5pSettings } from '../../scripts/h5p/format.ts';
import type { Diagnostic } from '../../scripts/validate/diagnostic.ts';
import { subContentId } from '../../scripts/h5p/ids.ts';
import { validatePackage } from '../../scripts/h5p/validate/package.ts';
import type { ModuleIR, ProgrammeIR, Quiz } from '../../scripts/ir/types.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { CliError } from '../../scripts/cli/errors.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';
import { buildSample, noteStandards, standardsSemantics, subContents, tempDir } from './helpers.ts';

type Json = Record<string, any>;
const at = (line: number) => ({ file: 'modules/09-edge/01-borde.md', line, column: 1 });

async function open(file: string) {
  const files = await readZip(readFileSync(file));
  return { files, h5p: JSON.parse(files.get('h5p.json')!.toString()) as Json, content: JSON.parse(files.get('content/content.json')!.toString()) as Json };
}

/** The sample programme with an extra module exercising awkward input. */
function edgeProgramme(dir: string): ProgrammeIR {
  const programme = sampleProgramme('es', path.join(dir, 'src'));
  const webp = path.join(dir, 'src', 'media', 'foto.webp');
  writeFileSync(webp, Buffer.from('RIFF0000WEBPVP8 '));
  const broken = path.join(dir, 'src', 'media', 'roto.svg');
  writeFileSync(broken, '<svg xmlns="http://www.w3.org/2000/svg"><rect');
  const oneQuestion: Quiz = {
    kind: 'quiz', id: 'm09-quiz-1', competences: [], source: at(40), title: 'Mini test', introHtml: '<p>Solo una pregunta.</p>', passMark: 100,
    feedback: { pass: '<p>Bien hecho.</p>', fail: '<p>Vuelve a leer la lección.</p>' },
    questions: [{
      kind: 'single-choice', id: 'm09-q-only', competences: [], source: at(42), stemHtml: '<p>¿Sí o no?</p>',
      options: [{ id: 'a', html: 'Sí', correct: true }, { id: 'b', html: 'No', correct: false }], feedback: {},
    }],
  };
  const hopeless: Quiz = {
    kind: 'quiz', id: 'm09-quiz-2', competences: [], source: at(50), title: 'Horas', introHtml: '', passMark: 50, feedback: {},
    questions: [{
      kind: 'fill-blanks', id: 'm09-q-hora', competences: [], source: at(52), stemHtml: '', textHtml: '<p>Se cena a las <span data-blank="0"></span>.</p>',
      blanks: [{ answers: ['20:30'], caseSensitive: false }], feedback: {},
    }],
  };
  const edge: ModuleIR = {
    ...programme.modules[0]!,
    id: 'm09-edge',
    title: 'Casos límite',
    introHtml: '',
    media: [
      { path: 'media/foto.webp', absolutePath: webp, mimeType: 'image/webp', sha256: 'ab'.repeat(32), bytes: 16 },
      { path: 'media/roto.svg', absolutePath: broken, mimeType: 'image/svg+xml', sha256: 'cd'.repeat(32), bytes: 40 },
    ],
    source: at(1),
    lessons: [{
      id: 'l09', title: 'Lección con bordes', source: at(1), trainerNotes: [],
      blocks: [
        { kind: 'html', html: '<table><tr><th>Turno</th><th>Hora</th></tr><tr><td>Mañana</td><td>8:00</td></tr></table>' },
        { kind: 'image', src: 'media/foto.webp', alt: 'Una auxiliar ayuda a un señor' },
        { kind: 'image', src: 'media/roto.svg', alt: 'Esquema roto' },
        {
          kind: 'fill-blanks', id: 'm09-q-fb', competences: [], source: at(20), stemHtml: '<p>Completa (5 * 2):</p>',
          textHtml: '<p>Cinco * dos son <span data-blank="0"></span> y la hora es <span data-blank="1"></span>.</p>',
          blanks: [{ answers: ['diez', '10'], caseSensitive: true }, { answers: ['las 8', '8:00'], caseSensitive: false }], feedback: {},
        },
        {
          kind: 'true-false', id: 'm09-q-tf', competences: [], source: at(30), stemHtml: '<p>Los guantes sustituyen al lavado de manos.</p>', answer: false,
          feedback: { incorrect: '<p>No: usa "guantes" & lávate <b>siempre</b> las manos.</p>' },
        },
        oneQuestion,
        hopeless,
      ],
    }],
  };
  return { ...programme, variant: { ...programme.variant, ui: { 'h5p.check': 'Corregir' } }, modules: [edge], assessment: { ...programme.modules[0]!, id: 'diagnostico', title: 'Evaluación diagnóstica' } };
}

describe('H5P build: awkward input', () => {
  noteStandards();

  it('handles single-question quizzes, unrepresentable answers, unsupported images, tables and escaping — with warnings', async () => {
    const dir = tempDir('edge');
    const build = await buildSample('es', {}, dir, edgeProgramme(dir));
    expect(build.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...build.byName.keys()].sort()).toEqual(['diagnostico.h5p', 'm01-quiz.h5p', 'm09-edge.h5p', 'm09-quiz-1.h5p', 'm09-quiz-2.h5p']);
    for (const file of build.byName.values()) {
      const report = await validatePackage(readFileSync(file), { coreApi: '1.27', ...(standardsSemantics ? { semantics: standardsSemantics } : {}) });
      expect(report.issues, file).toEqual([]);
    }
    const warnings = build.diagnostics.filter((d) => d.file === 'modules/09-edge/01-borde.md').map((d) => `${d.ruleId}:${d.line}`);
    expect(warnings).toEqual(expect.arrayContaining(['h5p-html-approximated:1', 'h5p-image-fallback:1', 'h5p-blank-answer-syntax:20', 'h5p-blank-case:20', 'h5p-blank-answer-syntax:52']));

    const book = await open(build.byName.get('m09-edge.h5p')!);
    const items = book.content.chapters[0].params.content.map((item: Json) => item.content);
    expect(items[0].params.text).toBe('<ul><li><strong>Turno:</strong> Mañana<br /><strong>Hora:</strong> 8:00</li></ul>');
    expect(items[1]).toMatchObject({ library: 'H5P.AdvancedText 1.1', params: { text: '<p><em>[Imagen: Una auxiliar ayuda a un señor]</em></p>' } });
    expect(items[2]).toMatchObject({ library: 'H5P.AdvancedText 1.1', params: { text: '<p><em>[Imagen: Esquema roto]</em></p>' } });
    const imageWarnings = build.diagnostics.filter((d) => d.ruleId === 'h5p-image-fallback').map((d) => d.message);
    expect(imageWarnings[0]).toBe('Imagen "media/foto.webp" de la lección "l09": H5P no admite imágenes image/webp en content/; se muestra su descripción.');
    expect(imageWarnings[1]).toMatch(/^Imagen "media\/roto.svg" de la lección "l09": no se pudo convertir de SVG a PNG \(.+\); se muestra su descripción\.$/);
    const blanks = subContents(book.content).find((s) => s.subContentId === subContentId('m09-q-fb'))!;
    expect(blanks.params.questions).toEqual(['<p>Cinco &#42; dos son *diez/10* y la hora es *las 8*.</p>']);
    expect(blanks.params.behaviour).toMatchObject({ caseSensitive: false });
    const tf = subContents(book.content).find((s) => s.subContentId === subContentId('m09-q-tf'))!;
    expect((tf.params.behaviour as Json).feedbackOnWrong).toBe('No: usa &quot;guantes&quot; &amp; lávate siempre las manos.');
    expect((tf.params.l10n as Json).checkAnswer).toBe('Corregir');
    const hopelessInBook = subContents(book.content).find((s) => s.subContentId === subContentId('m09-q-hora'))!;
    expect(hopelessInBook.library).toBe('H5P.AdvancedText 1.1');
    expect(hopelessInBook.params.text).toContain('20:30');

    const single = await open(build.byName.get('m09-quiz-1.h5p')!);
    expect(single.h5p.mainLibrary).toBe('H5P.MultiChoice');
    expect(single.content.question).toBe('<h2>Mini test</h2><p>Solo una pregunta.</p><p>¿Sí o no?</p>');
    expect(single.content.behaviour.passPercentage).toBe(100);
    expect(single.content.overallFeedback).toEqual([{ from: 0, to: 99, feedback: 'Vuelve a leer la lección.' }, { from: 100, to: 100, feedback: 'Bien hecho.' }]);

    // A one-question quiz that H5P cannot hold becomes a Column with the readable text: never lost.
    const asText = await open(build.byName.get('m09-quiz-2.h5p')!);
    expect(asText.h5p.mainLibrary).toBe('H5P.Column');
    expect(asText.content.content[0].content.params.text).toContain('20:30');

    const assessment = await open(build.byName.get('diagnostico.h5p')!);
    expect(assessment.h5p.title).toBe('Evaluación diagnóstica');
  });

  it('refuses a core API too old for the libraries, and builds for a newer one', async () => {
    const dir = tempDir('core');
    const first = await buildSample('es', { coreApi: '1.27' }, dir);
    expect(first.artifacts).toHaveLength(2);
    const old = await buildSample('es', { coreApi: '1.26' }, dir);
    expect(old.artifacts).toEqual([]);
    // The packages of the earlier build are removed, so nobody deploys them by mistake.
    expect(readdirSync(path.join(dir, 'dist', 'es', 'h5p'))).toEqual([]);
    const errors = old.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.ruleId} ${d.file}:${d.line}`)).toEqual(['h5p-core-api modules/01-demo/module.md:1', 'h5p-core-api modules/01-demo/02-segunda.md:10']);
    expect(errors[0]!.message).toBe(
      'La API del núcleo H5P 1.26 es demasiado antigua para H5P.InteractiveBook 1.11 (1.27), H5P.MultiChoice 1.16 (1.27), H5P.Column 1.18 (1.27); use al menos 1.27 (Moodle 4.5 y 5.0 tienen 1.27).',
    );
    expect(errors[1]!.message).toContain('H5P.MultiChoice 1.16 (1.27)');
    const newer = await buildSample('es', { coreApi: '1.28' });
    expect(newer.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...newer.byName.keys()].sort()).toEqual(['m01-demo.h5p', 'm01-quiz.h5p']);
  });

  it('reports two packages with the same name instead of overwriting one', async () => {
    const dir = tempDir('dup');
    const programme = sampleProgramme('es', path.join(dir, 'src'));
    const quiz = programme.modules[0]!.lessons[1]!.blocks.find((b) => b.kind === 'quiz') as Quiz;
    quiz.id = 'm01-demo';
    const build = await buildSample('es', {}, dir, programme);
    expect(build.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId} ${d.file}:${d.line}`)).toEqual(['h5p-duplicate-package modules/01-demo/02-segunda.md:10']);
  });

  it('writes build messages in the programme language, or in English with --lang en', async () => {
    const dir = tempDir('lang');
    const programme = sampleProgramme('es', path.join(dir, 'src'));
    const messages = async (options: Record<string, string>) => {
      const diagnostics: Diagnostic[] = [];
      await buildH5p({ root: dir, outDir: path.join(dir, 'dist'), programme, options, report: (d) => diagnostics.push(d) }, { coreApi: '1.27' });
      return diagnostics.filter((d) => d.ruleId === 'h5p-reflection-unsupported').map((d) => [d.lang, d.message]);
    };
    expect(await messages({})).toEqual([
      ['es', 'La reflexión "m01-refl" no tiene equivalente entre los tipos H5P admitidos (H5P.Essay puntúa por palabras clave); se muestra como texto y la respuesta no se registra.'],
    ]);
    expect(await messages({ lang: 'en' })).toEqual([
      ['en', 'Reflection "m01-refl" has no H5P equivalent among the supported content types (H5P.Essay scores by keywords); it is shown as text and the answer is not recorded.'],
    ]);
  });

  it('checks the command-line options', async () => {
    await expect(h5pSettings({ options: { h5pCoreApi: 'latest' } })).rejects.toThrow(CliError);
    await expect(h5pSettings({ options: { h5pLibraries: 'no/such/folder' } })).rejects.toThrow(/not a folder of H5P libraries/);
    expect(await h5pSettings({ options: {} })).toEqual({ coreApi: '1.27' });
  });
});
