import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { subContentId } from '../../scripts/h5p/ids.ts';
import { passPoints } from '../../scripts/h5p/content/blocks.ts';
import { runtimeClosure } from '../../scripts/h5p/libraries.ts';
import { validatePackage } from '../../scripts/h5p/validate/package.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { buildSample, hasStandards, noteStandards, type SampleBuild, standardsSemantics, subContents, tempDir } from './helpers.ts';

type Json = Record<string, any>;

interface Opened {
  files: Map<string, Buffer>;
  h5p: Json;
  content: Json;
}

async function open(file: string): Promise<Opened> {
  const files = await readZip(readFileSync(file));
  return { files, h5p: JSON.parse(files.get('h5p.json')!.toString()), content: JSON.parse(files.get('content/content.json')!.toString()) };
}

const builds: Record<'es' | 'co', SampleBuild> = {} as never;
const books: Record<'es' | 'co', Opened> = {} as never;
const quizzes: Record<'es' | 'co', Opened> = {} as never;

beforeAll(async () => {
  noteStandards();
  for (const variant of ['es', 'co'] as const) {
    builds[variant] = await buildSample(variant);
    books[variant] = await open(builds[variant].byName.get('m01-demo.h5p')!);
    quizzes[variant] = await open(builds[variant].byName.get('m01-quiz.h5p')!);
  }
});

const byId = (opened: Opened, id: string) => subContents(opened.content).find((item) => item.subContentId === subContentId(id));

describe.each(['es', 'co'] as const)('H5P build, variant %s', (variant) => {
  it('writes one book per module and one package per scored quiz, under dist/<variant>/h5p', () => {
    const names = builds[variant].artifacts.map((a) => path.relative(builds[variant].outDir, a.path)).sort();
    expect(names).toEqual([`${variant}/h5p/m01-demo.h5p`, `${variant}/h5p/m01-quiz.h5p`]);
    for (const artifact of builds[variant].artifacts) expect(artifact.bytes).toBe(readFileSync(artifact.path).length);
  });

  it('builds the module as an InteractiveBook whose chapters are the lessons, as H5P.Column', () => {
    const { h5p, content } = books[variant];
    expect(h5p.mainLibrary).toBe('H5P.InteractiveBook');
    expect(content.chapters.map((c: Json) => [c.library, c.metadata.title])).toEqual([
      ['H5P.Column 1.18', 'Primera lección'],
      ['H5P.Column 1.18', 'Segunda lección'],
    ]);
    // Chapters are flattened (no {chapter: …} wrapper) and each Column item has its separator setting.
    expect(content.chapters[0].params.content[0]).toMatchObject({ useSeparator: 'auto', content: { library: 'H5P.AdvancedText 1.1' } });
  });

  it('maps single choice to MultiChoice (single), with option and question feedback', () => {
    const sc = byId(books[variant], 'm01-sc')!;
    expect(sc.library).toBe('H5P.MultiChoice 1.16');
    expect(sc.params.behaviour).toMatchObject({ type: 'single', randomAnswers: false });
    const answers = sc.params.answers as Json[];
    expect(answers.map((a) => [a.text, a.correct])).toEqual([[variant === 'co' ? '123' : '112', true], ['091', false]]);
    expect(answers[1]!.tipsAndFeedback.chosenFeedback).toContain('No: es otro servicio.');
    expect(sc.params.overallFeedback).toEqual([{ from: 0, to: 99, feedback: 'Repasa la introducción.' }, { from: 100, to: 100, feedback: '¡Bien!' }]);
  });

  it('maps multiple choice to MultiChoice (multi) and true/false to TrueFalse', () => {
    const mc = byId(books[variant], 'm01-q-mc')!;
    expect(mc.library).toBe('H5P.MultiChoice 1.16');
    expect(mc.params.behaviour).toMatchObject({ type: 'multi', singlePoint: true });
    expect((mc.params.answers as Json[]).filter((a) => a.correct)).toHaveLength(2);
    const tf = byId(books[variant], 'm01-q-tf')!;
    expect(tf.library).toBe('H5P.TrueFalse 1.8');
    expect(tf.params).toMatchObject({ correct: 'true', behaviour: { feedbackOnCorrect: 'Sí.', feedbackOnWrong: 'Sí las reduce.' } });
  });

  it('maps fill in the blanks to Blanks with alternatives as *a/b*', () => {
    const fb = byId(books[variant], 'm01-q-fb')!;
    expect(fb.library).toBe('H5P.Blanks 1.14');
    const expected = variant === 'co' ? '*123/uno dos tres*' : '*112/uno uno dos*';
    expect(fb.params.questions).toEqual([`<p>El número de emergencias es el ${expected}.</p>`]);
    expect(fb.params.behaviour).toMatchObject({ caseSensitive: false });
  });

  it('maps drag the words to DragText with distractors', () => {
    const dw = byId(books[variant], 'm01-q-dw')!;
    expect(dw.library).toBe('H5P.DragText 1.10');
    expect(dw.params.textField).toBe('Primero *saludar* y después *presentarse*.');
    expect(dw.params.distractors).toBe('*gritar*');
  });

  it('maps text to AdvancedText and images to H5P.Image with a PNG in content/images', () => {
    const { content, files } = books[variant];
    const first = content.chapters[0].params.content.map((item: Json) => item.content);
    expect(first[0]).toMatchObject({ library: 'H5P.AdvancedText 1.1' });
    expect(first[0].params.text).toContain(`<strong>${variant === 'co' ? '123' : '112'}</strong>`);
    const image = first.find((c: Json) => c.library === 'H5P.Image 1.1');
    expect(image.params).toMatchObject({ alt: 'Un rectángulo verde', decorative: false, file: { mime: 'image/png' } });
    expect(image.params.file.path).toMatch(/^images\/rect-[0-9a-f]{8}\.png$/);
    const png = files.get(`content/${image.params.file.path}`)!;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(image.params.file.width);
    expect([...files.keys()].some((name) => name.endsWith('.svg'))).toBe(false);
  });

  it('approximates matching and ordering as DragText, in the book and in the quiz', () => {
    for (const opened of [books[variant], quizzes[variant]]) {
      const matching = byId(opened, 'm01-q-mt')!;
      expect(matching.library).toBe('H5P.DragText 1.10');
      expect(matching.params.textField).toBe('Autonomía → *Capacidad de decidir*\nDependencia → *Necesidad de ayuda*');
      const ordering = byId(opened, 'm01-q-or')!;
      expect(ordering.params.textField).toBe('1. *Mojar*\n2. *Enjabonar*\n3. *Aclarar*');
    }
  });

  it('shows self-assessment, reflection and face-to-face as readable text, without trainer details', () => {
    const sa = byId(books[variant], 'm01-sa')!;
    expect(sa.library).toBe('H5P.AdvancedText 1.1');
    expect(sa.params.text).toContain('Sé explicar mis funciones.');
    expect(sa.params.text).toContain('4: Mucha');
    const reflection = byId(books[variant], 'm01-refl')!;
    expect(reflection.params.text).toContain('¿Qué te motiva a trabajar en cuidados?');
    expect(reflection.params.text).toContain('10 palabras');
    const f2f = byId(books[variant], 'm01-f2f')!;
    expect(f2f.params.text).toContain('Role-play de acogida');
    expect(f2f.params.text).toContain('45 minutos');
    expect(f2f.params.text).toContain('Lo haremos en el aula.');
  });

  it('never puts trainer notes, review notes or face-to-face trainer details into any package', async () => {
    for (const artifact of builds[variant].artifacts) {
      const files = await readZip(readFileSync(artifact.path));
      const all = [...files.values()].map((data) => data.toString('utf8')).join('\n');
      for (const secret of ['NOTA-FORMADOR', 'PASO-FORMADOR', 'Tarjetas de rol', 'Cronómetro', 'Comprobar la cifra']) expect(all).not.toContain(secret);
    }
  });

  it('notes, with the source line and a rule id, every kind without a faithful H5P equivalent, as a summarised note and not a warning', () => {
    expect(builds[variant].diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
    const notes = builds[variant].diagnostics.filter((d) => d.severity === 'info' && d.summary?.docs.startsWith('docs/h5p.md#')).map((d) => `${d.ruleId} ${d.file}:${d.line}`).sort();
    expect(notes).toEqual([
      'h5p-face-to-face-notice modules/01-demo/01-primera.md:60',
      'h5p-matching-approximated modules/01-demo/02-segunda.md:35',
      'h5p-ordering-approximated modules/01-demo/02-segunda.md:40',
      'h5p-reflection-unsupported modules/01-demo/01-primera.md:40',
      'h5p-self-assessment-unsupported modules/01-demo/01-primera.md:50',
    ]);
    expect(builds[variant].diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('builds the scored quiz as a QuestionSet 1.21 with pass mark and pass/fail feedback', () => {
    const { h5p, content } = quizzes[variant];
    expect(h5p.mainLibrary).toBe('H5P.QuestionSet');
    expect(content.passPercentage).toBe(70);
    expect(content.questions.map((q: Json) => q.library)).toEqual([
      'H5P.MultiChoice 1.16', 'H5P.TrueFalse 1.8', 'H5P.Blanks 1.14', 'H5P.DragText 1.10', 'H5P.DragText 1.10', 'H5P.DragText 1.10',
    ]);
    expect(content.endGame.overallFeedback).toEqual([
      { from: 0, to: 69, feedback: 'Repasa el módulo e inténtalo de nuevo.' },
      { from: 70, to: 100, feedback: '¡Has aprobado!' },
    ]);
  });

  it('heads the quiz result screen with the pass mark in points, as QuestionSet counts them', () => {
    const { content } = quizzes[variant];
    // 1 (choice) + 1 (true/false) + gaps of the blanks and drag-the-words questions.
    const gaps = (text: string) => text.match(/\*[^*]+\*/g)?.length ?? 0;
    const total = content.questions.reduce((sum: number, q: Json) => sum + (q.library === 'H5P.Blanks 1.14' ? gaps(q.params.questions.join(' ')) : q.library === 'H5P.DragText 1.10' ? gaps(q.params.textField) : 1), 0);
    const pass = Math.ceil((total * 70) / 100);
    expect({ message: content.endGame.message, amountCorrect: content.endGame.amountCorrect }).toEqual(
      variant === 'es'
        ? { message: `Resultados: apruebas con ${pass} de ${total} puntos o más`, amountCorrect: 'Has obtenido @finals de @totals puntos' }
        : { message: `Resultados: aprueba con ${pass} de ${total} puntos o más`, amountCorrect: 'Obtuvo @finals de @totals puntos' },
    );
    expect(passPoints(70, 6)).toBe(5);
    expect(passPoints(70, 10)).toBe(7);
    expect(passPoints(100, 3)).toBe(3);
    expect(passPoints(1, 3)).toBe(1);
  });

  it('lists the main library, every sub-content library and their runtime dependencies in h5p.json', () => {
    for (const opened of [books[variant], quizzes[variant]]) {
      const listed = opened.h5p.preloadedDependencies.map((d: Json) => `${d.machineName} ${d.majorVersion}.${d.minorVersion}`);
      const used = [`${opened.h5p.mainLibrary} ${listed[0].split(' ')[1]}`, ...new Set(subContents(opened.content).map((s) => s.library))];
      expect(listed[0].startsWith(opened.h5p.mainLibrary)).toBe(true);
      expect(new Set(listed)).toEqual(new Set(runtimeClosure(used)));
    }
    // QuestionSet itself does not need H5P.Question; its questions do.
    expect(quizzes[variant].h5p.preloadedDependencies.map((d: Json) => d.machineName)).toContain('H5P.Question');
  });

  it('passes the project validator (archive, h5p.json, dependencies) on every package', async () => {
    for (const artifact of builds[variant].artifacts) {
      const report = await validatePackage(readFileSync(artifact.path), { coreApi: '1.27' });
      expect(report.issues).toEqual([]);
    }
  });

  it.skipIf(!hasStandards)('passes the validator against the libraries’ semantics.json on every package', async () => {
    for (const artifact of builds[variant].artifacts) {
      const report = await validatePackage(readFileSync(artifact.path), { semantics: standardsSemantics!, coreApi: '1.27' });
      expect(report.issues).toEqual([]);
      expect(report.unchecked).toEqual([]);
      expect(report.checked.length).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('H5P build, across variants and rebuilds', () => {
  it('gives each activity the same UUID subContentId in every variant', () => {
    for (const id of ['m01-sc', 'm01-q-mc', 'm01-q-tf', 'm01-q-fb', 'm01-q-dw', 'm01-q-mt', 'm01-q-or', 'm01-sa', 'm01-refl', 'm01-f2f']) {
      const es = byId(books.es, id);
      const co = byId(books.co, id);
      expect(es?.subContentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(co?.subContentId).toBe(es?.subContentId);
    }
    const ids = subContents(books.es.content).map((s) => s.subContentId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes byte-identical packages when rebuilt', async () => {
    const again = await buildSample('co', {}, tempDir('rebuild'));
    for (const name of ['m01-demo.h5p', 'm01-quiz.h5p']) {
      expect(readFileSync(again.byName.get(name)!).equals(readFileSync(builds.co.byName.get(name)!))).toBe(true);
    }
  });

  it('writes the learner strings in each variant’s Spanish', () => {
    const sc = (variant: 'es' | 'co') => byId(books[variant], 'm01-sc')!.params as Json;
    expect(sc('es').UI.checkAnswerButton).toBe('Comprobar');
    expect(sc('es').confirmCheck.body).toBe('<p>¿Seguro que quieres terminar?</p>');
    expect(sc('co').confirmCheck.body).toBe('<p>¿Está seguro de que desea terminar?</p>');
    expect(quizzes.es.content.endGame.scoreHeader).toBe('Puntuación');
    expect(quizzes.co.content.endGame.scoreHeader).toBe('Puntaje');
    expect(quizzes.es.content.texts.next).toBe('Siguiente');
    expect(books.co.content.nextPage).toBe('Página siguiente');
  });
});
