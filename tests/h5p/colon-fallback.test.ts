/**
 * Ordering, matching and drag-the-words items with ":" (a DragText tip marker) or "\+" inside a
 * scored quiz: the build must succeed, every package must validate, and the question must reach
 * learners, still as drag-the-words (the characters become look-alikes, with a warning). Fill-in-the-blanks gaps whose every answer has ":" cannot be held by H5P.Blanks: the
 * question is left out of the QuestionSet (with a warning) and stays as text in the book.
 */
import { cpSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProgrammeIR, Question, Quiz } from '../../scripts/ir/types.ts';
import { LIB, libraryFolder, parseLibraryString } from '../../scripts/h5p/libraries.ts';
import { validatePackage } from '../../scripts/h5p/validate/package.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';
import { buildSample, hasStandards, noteStandards, standardsH5p, standardsSemantics, subContents, tempDir, type SampleBuild } from './helpers.ts';

type Json = Record<string, any>;
const file = 'modules/01-demo/02-segunda.md';
const at = (line: number) => ({ file, line, column: 1 });

/**
 * Parses a DragText text field the way H5P.DragText 1.10 does (parse-text.js, read, not copied):
 * gaps are `*…*`; inside one, ":" starts a tip and "\+"/"\-" start feedback.
 */
function dragTextGaps(textField: string): Array<{ text: string; tip?: string; feedback?: string }> {
  return textField
    .split(/(\*.*?\*)/)
    .filter((part) => part.length > 1 && part.startsWith('*') && part.endsWith('*'))
    .map((part) => {
      const tip = part.match(/(:([^\\*]+))/g)?.[0];
      const feedback = part.match(/\\[+-]([^\\*:]+)/g)?.[0];
      let text = part.slice(1, -1);
      if (tip) text = text.replace(tip, '');
      if (feedback) text = text.replace(feedback, '');
      return { text: text.replace(/\s+$/, ''), ...(tip ? { tip } : {}), ...(feedback ? { feedback } : {}) };
    });
}

/** What a browser shows for an HTML-escaped plain-text field. */
const decode = (html: string) =>
  html.replace(/&#0*39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The authored text with DragText's syntax characters as the compiler's look-alikes. */
const lookAlike = (text: string) => text.replaceAll('*', '∗').replaceAll(':', '∶').replace(/\\(?=[+-])/g, '∖');

function colonProgramme(dir: string): ProgrammeIR {
  const programme = sampleProgramme('es', path.join(dir, 'src'));
  const lesson = programme.modules[0]!.lessons.find((l) => l.id === 'l02')!;
  const quiz = lesson.blocks.find((b): b is Quiz => b.kind === 'quiz')!;
  const questions: Question[] = [
    {
      kind: 'ordering', id: 'm01-q-or-colon', competences: [], source: at(60), stemHtml: '<p>Ordena los pasos.</p>',
      items: [{ id: '1', text: 'Paso 1: mojar las manos' }, { id: '2', text: 'Paso 2: enjabonar' }, { id: '3', text: 'C:\\+carpeta' }],
      feedback: {},
    },
    {
      kind: 'matching', id: 'm01-q-mt-colon', competences: [], source: at(65), stemHtml: '<p>Relaciona cada comida con su hora.</p>',
      labels: { left: 'Comida', right: 'Hora' },
      pairs: [{ leftId: '1', left: 'Desayuno: ligero', rightId: 'a', right: '8:00' }, { leftId: '2', left: 'Cena', rightId: 'b', right: '20:30' }],
      feedback: {},
    },
    {
      kind: 'drag-words', id: 'm01-q-dw-colon', competences: [], source: at(70), stemHtml: '',
      textHtml: '<p>Se cena a las <span data-blank="0"></span>.</p>', blanks: [{ answer: '20:30' }], distractors: ['13:00'], feedback: {},
    },
    {
      kind: 'fill-blanks', id: 'm01-q-fb-colon', competences: [], source: at(75), stemHtml: '',
      textHtml: '<p>Se cena a las <span data-blank="0"></span>.</p>', blanks: [{ answers: ['20:30'], caseSensitive: false }], feedback: {},
    },
  ];
  quiz.questions.push(...questions);
  // The same situation in a quiz where nothing is left for the QuestionSet.
  const onlyText: Quiz = {
    kind: 'quiz', id: 'm01-quiz-horas', competences: [], source: at(80), title: 'Horas', introHtml: '', passMark: 50, feedback: {},
    questions: [
      { ...(questions[3] as Question), id: 'm01-q-fb-colon-2', source: at(82) },
      { ...(questions[3] as Question), id: 'm01-q-fb-colon-3', source: at(84) },
    ],
  };
  lesson.blocks.push(onlyText);
  return programme;
}

async function open(zipPath: string) {
  const files = await readZip(readFileSync(zipPath));
  return { files, content: JSON.parse(files.get('content/content.json')!.toString()) as Json, h5p: JSON.parse(files.get('h5p.json')!.toString()) as Json };
}

describe('H5P: ":" in ordering, matching, drag-words and fill-blanks inside a quiz', () => {
  let build: SampleBuild;
  beforeAll(async () => {
    noteStandards();
    const dir = tempDir('colon');
    build = await buildSample('es', standardsSemantics ? { semantics: standardsSemantics } : {}, dir, colonProgramme(dir));
  }, 60_000);

  it('builds without errors and writes the quiz packages', () => {
    expect(build.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...build.byName.keys()]).toEqual(expect.arrayContaining(['m01-demo.h5p', 'm01-quiz.h5p', 'm01-quiz-horas.h5p']));
  });

  it('every package passes the project validator (with the libraries\' semantics when present)', async () => {
    for (const artifact of build.artifacts) {
      const report = await validatePackage(readFileSync(artifact.path), { coreApi: '1.27', ...(standardsSemantics ? { semantics: standardsSemantics } : {}) });
      expect(report.issues, path.basename(artifact.path)).toEqual([]);
    }
  });

  it('keeps ordering, matching and drag-words as DragText whose gaps H5P parses back to the authored texts', async () => {
    const { content } = await open(build.byName.get('m01-quiz.h5p')!);
    const byId = (title: string) => (content.questions as Json[]).find((q) => q.metadata.title === title)!;
    const ordering = byId('Ordena los pasos.');
    const matching = byId('Relaciona cada comida con su hora.');
    expect(ordering.library).toBe('H5P.DragText 1.10');
    expect(matching.library).toBe('H5P.DragText 1.10');
    const orderingGaps = dragTextGaps(ordering.params.textField);
    const items = ['Paso 1: mojar las manos', 'Paso 2: enjabonar', 'C:\\+carpeta'];
    // No tip, no feedback: each gap holds the whole item, readable as authored.
    expect(orderingGaps).toEqual(items.map((item) => ({ text: lookAlike(item) })));
    expect(orderingGaps.map((g) => decode(g.text))).toEqual(['Paso 1∶ mojar las manos', 'Paso 2∶ enjabonar', 'C∶∖+carpeta']);
    const matchingGaps = dragTextGaps(matching.params.textField);
    expect(matchingGaps).toEqual([{ text: '8∶00' }, { text: '20∶30' }]);
    // Text outside the gaps is not parsed: the left-hand side keeps its real colon.
    expect(decode(matching.params.textField)).toContain('Desayuno: ligero → *8∶00*');
    const dragWords = (content.questions as Json[]).find((q) => q.library === 'H5P.DragText 1.10' && decode(q.params.textField).includes('Se cena'))!;
    expect(dragTextGaps(dragWords.params.textField)).toEqual([{ text: '20∶30' }]);
    expect(dragTextGaps(dragWords.params.distractors)).toEqual([{ text: '13∶00' }]);
  });

  it('leaves a question H5P.Blanks cannot hold out of the QuestionSet, with a warning at its line, and keeps it as text in the book', async () => {
    const { content } = await open(build.byName.get('m01-quiz.h5p')!);
    const libraries = (content.questions as Json[]).map((q) => q.library);
    expect(libraries).not.toContain('H5P.AdvancedText 1.1');
    expect(libraries.length).toBe(9); // the sample's 6 questions + ordering, matching, drag-words
    const leftOut = build.diagnostics.filter((d) => d.ruleId === 'h5p-quiz-question-left-out');
    expect(leftOut.map((d) => `${d.severity} ${d.file}:${d.line}`)).toEqual([`warning ${file}:75`, `warning ${file}:82`, `warning ${file}:84`]);
    expect(leftOut[0]!.message).toContain('m01-q-fb-colon');
    expect(build.diagnostics.some((d) => d.ruleId === 'h5p-blank-answer-syntax' && d.line === 75)).toBe(true);
    const book = await open(build.byName.get('m01-demo.h5p')!);
    const asText = subContents(book.content).filter((s) => s.library === 'H5P.AdvancedText 1.1' && String(s.params.text).includes('20:30'));
    expect(asText.length).toBeGreaterThanOrEqual(3);
  });

  it('a quiz whose every question was left out becomes a Column package holding the questions as text', async () => {
    const { content, h5p } = await open(build.byName.get('m01-quiz-horas.h5p')!);
    expect(h5p.mainLibrary).toBe('H5P.Column');
    const texts = (content.content as Json[]).map((item) => item.content);
    expect(texts.map((t) => t.library)).toEqual(['H5P.AdvancedText 1.1', 'H5P.AdvancedText 1.1', 'H5P.AdvancedText 1.1']);
    expect(texts.filter((t) => String(t.params.text).includes('20:30')).length).toBe(2);
  });

  it('reports the approximations and the rewritten words with their lines, as summarised notes', () => {
    const rules = build.diagnostics.map((d) => `${d.severity} ${d.ruleId}:${d.line}`);
    expect(rules).toEqual(expect.arrayContaining([
      'info h5p-ordering-approximated:60', 'info h5p-matching-approximated:65',
      'info h5p-drag-word-rewritten:60', 'info h5p-drag-word-rewritten:65', 'info h5p-drag-word-rewritten:70',
    ]));
    // Nothing became text for lack of an escape.
    expect(rules.filter((r) => r.includes('h5p-drag-word-syntax'))).toEqual([]);
    const rewritten = build.diagnostics.find((d) => d.ruleId === 'h5p-drag-word-rewritten' && d.line === 60)!;
    expect(rewritten.file).toBe(file);
    expect(rewritten.message).toContain('"Paso 1: mojar las manos"');
  });

  it.skipIf(!hasStandards)('Lumi\'s port of the H5P content validator leaves every content.json unchanged', async () => {
    const require = createRequire(import.meta.url);
    const server = require('@lumieducation/h5p-server');
    const SemanticsEnforcer = require('@lumieducation/h5p-server/build/src/SemanticsEnforcer').default;
    const libraries = tempDir('colon-lumi');
    for (const name of Object.values(LIB)) {
      const folder = libraryFolder(parseLibraryString(name));
      cpSync(path.join(standardsH5p, folder), path.join(libraries, folder), { recursive: true });
    }
    const enforcer = new SemanticsEnforcer(new server.LibraryManager(new server.fsImplementations.FileLibraryStorage(libraries)));
    for (const artifact of build.artifacts) {
      const { content, h5p } = await open(artifact.path);
      const main = (h5p.preloadedDependencies as Json[]).find((dep) => dep.machineName === h5p.mainLibrary);
      const before = JSON.stringify(content);
      await enforcer.enforceSemanticStructure(content, main);
      expect(JSON.stringify(content), path.basename(artifact.path)).toBe(before);
    }
  });
});
