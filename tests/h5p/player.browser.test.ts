/**
 * The sample programme's .h5p packages in a real H5P player: h5p-standalone with the real
 * content-type libraries of a core API 1.27 site (../shared/h5p-runtime), in headless Chromium.
 *
 * Coverage, to keep the run short on a 2-core machine: both variants are built content-only and
 * the Spanish one also bundled with the 1.27 libraries (the Colombian bundled packages differ from
 * the Spanish ones only in their text, and bundling is checked per package by the build). The
 * Spanish content-only packages are played fully (every chapter of every book and every question
 * of every quiz reached); the Spanish bundled and the Colombian packages are opened and must render
 * with no page error. One quiz and one book are answered by script and must send an xAPI
 * `completed` statement with the expected score.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme } from '../../scripts/api.ts';
import { buildH5p, h5pSettings } from '../../scripts/h5p/format.ts';
import { LIB } from '../../scripts/h5p/libraries.ts';
import { readZip } from '../../scripts/package/zip.ts';
import type { Diagnostic } from '../../scripts/validate/diagnostic.ts';
import { hasRuntime, noteRuntime, repoRoot, runtimeLibraries, tempDir } from './helpers.ts';
import type { Locator } from 'playwright-core';
import { type Played, Player, type PlayerServer, servePackages } from './player-harness.ts';

noteRuntime();

type Json = any;
const QUESTIONS = new Set<string>([LIB.multiChoice, LIB.trueFalse, LIB.blanks, LIB.dragText]);
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';

interface Built {
  key: string;
  variant: string;
  bundled: boolean;
  name: string;
  main: string;
  content: Json;
}

/** Sub-content objects under `value`, in document order. */
function subContents(value: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(value)) value.forEach((item) => subContents(item, found));
  else if (value && typeof value === 'object') {
    const record = value as Json;
    if (typeof record.library === 'string' && record.params) found.push(record);
    Object.values(record).forEach((child) => subContents(child, found));
  }
  return found;
}

/** Plain-text fields are stored escaped; buttons show them decoded. */
const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&#039;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

let server: PlayerServer;
let player: Player;
const packages: Built[] = [];
const buildErrors: Diagnostic[] = [];
const counts = new Map<string, number>();

beforeAll(async () => {
  if (!hasRuntime) return;
  const loaded = await loadProgramme(repoRoot, { variants: ['es', 'co'] });
  const out = tempDir('player');
  const bundledSettings = await h5pSettings({ options: { h5pLibraries: runtimeLibraries, h5pCoreApi: '1.27' } });
  server = await servePackages();
  for (const programme of loaded.programmes) {
    for (const bundled of programme.variant.code === 'es' ? [false, true] : [false]) {
      const report = (diagnostic: Diagnostic) => diagnostic.severity === 'error' && buildErrors.push(diagnostic);
      const outDir = path.join(out, bundled ? 'bundled' : 'content-only');
      const artifacts = await buildH5p({ root: repoRoot, outDir, programme, options: {}, report }, bundled ? bundledSettings : { coreApi: '1.27' });
      counts.set(`${programme.variant.code}/${bundled ? 'bundled' : 'content-only'}`, artifacts.length);
      for (const artifact of artifacts) {
        const zip = readFileSync(artifact.path);
        const files = await readZip(zip);
        const h5p = JSON.parse(files.get('h5p.json')!.toString());
        const main = h5p.preloadedDependencies[0];
        const name = path.basename(artifact.path, '.h5p');
        const key = `${programme.variant.code}-${bundled ? 'b' : 'c'}-${name}`;
        await server.add(key, zip);
        packages.push({ key, variant: programme.variant.code, bundled, name, main: `${main.machineName} ${main.majorVersion}.${main.minorVersion}`, content: JSON.parse(files.get('content/content.json')!.toString()) });
      }
    }
  }
  player = await Player.start(server);
}, 300_000);

afterAll(async () => {
  await player?.close();
  await server?.close();
});

/** Visible question containers inside `selector`. */
const visibleQuestions = (played: Played, selector: string) =>
  played.frame.evaluate((css) => [...(document.querySelector(css)?.querySelectorAll('.h5p-question') ?? [])].filter((node) => (node as HTMLElement).getClientRects().length > 0).length, selector);

async function reachBook(played: Played, content: Json): Promise<string[]> {
  const { frame } = played;
  const visited: string[] = [];
  await frame.getByRole('button', { name: decode(content.read), exact: true }).click();
  for (const [index, chapter] of (content.chapters as Json[]).entries()) {
    await frame.waitForFunction((n) => (window as any).H5P.instances[0].getActiveChapter() === n, index);
    const expected = subContents(chapter.params).filter((item) => QUESTIONS.has(item.library)).length;
    expect(await visibleQuestions(played, `#h5p-interactive-book-chapter-${chapter.subContentId}`), `${chapter.metadata.title}`).toBe(expected);
    visited.push(chapter.metadata.title);
    // The book ignores navigation while a chapter slides in (the chapter carries
    // h5p-interactive-book-animate until its animation ends): wait for that, or the click is lost.
    await frame.waitForFunction(() => !document.querySelector('.h5p-interactive-book-animate'));
    await frame.locator('.h5p-interactive-book-status-arrow.next').first().click();
  }
  // After the last chapter, the summary page.
  await frame.waitForFunction((n) => (window as any).H5P.instances[0].getActiveChapter() === n, content.chapters.length);
  await frame.locator('.h5p-interactive-book-summary-submit').first().waitFor();
  return visited;
}

/** Waits until the question set shows its question `index` (and only that one). */
function showsQuestion(played: Played, index: number) {
  return played.frame.waitForFunction((n) => {
    const containers = [...document.querySelectorAll('.questionset .question-container.h5p-question')];
    return containers.length > n && containers.every((node, at) => (node.getClientRects().length > 0) === (at === n));
  }, index);
}

/**
 * Goes through a question set with its "next" button and sees each question in turn. Its finish
 * button only appears once every question is answered: `answer` answers each one, and then the
 * result screen's text is returned.
 */
async function reachQuestionSet(played: Played, content: Json, answer?: (index: number) => Promise<void>): Promise<string | undefined> {
  const { frame } = played;
  if (content.introPage.showIntroPage) await frame.getByRole('button', { name: decode(content.introPage.startButtonText), exact: true }).click();
  const questions = content.questions as Json[];
  for (let index = 0; index < questions.length; index += 1) {
    await showsQuestion(played, index);
    await answer?.(index);
    if (index < questions.length - 1) await frame.getByRole('button', { name: decode(content.texts.next), exact: true }).filter({ visible: true }).click();
  }
  if (!answer) return undefined;
  await frame.getByRole('button', { name: decode(content.texts.finishButton), exact: true }).filter({ visible: true }).click();
  const results = frame.locator('.h5p-theme-result-screen');
  await results.waitFor();
  return (await results.innerText()).replace(/\s+/g, ' ').trim();
}

/** Answers the choice or true/false question in `scope`: rightly, or with one wrong option. */
async function answerChoice(scope: Locator, question: Json, right: boolean): Promise<void> {
  if (question.library === LIB.trueFalse) {
    const isTrue = (question.params.correct === 'true') === right;
    await scope.locator('.h5p-true-false-answer').nth(isTrue ? 0 : 1).click();
    return;
  }
  expect(question.library).toBe(LIB.multiChoice);
  const answers = question.params.answers as Array<{ correct: boolean }>;
  const chosen = right ? answers.flatMap((a, i) => (a.correct ? [i] : [])) : [answers.findIndex((a) => !a.correct)];
  for (const index of chosen) await scope.locator(`li.h5p-answer[data-id="${index}"]`).click();
}

/** xAPI `completed` statements of the main content (not of its questions) sent so far. */
async function completedStatements(played: Played): Promise<Json[]> {
  const statements: Json[] = await played.page.evaluate(() => (window as any).statements);
  return statements.filter((statement) => statement.verb.id === COMPLETED && !statement.object.definition?.extensions?.['http://h5p.org/x-api/h5p-subContentId']);
}

async function reach(played: Played, built: Built): Promise<void> {
  if (built.main === LIB.book) {
    expect(await reachBook(played, built.content)).toHaveLength(built.content.chapters.length);
  } else if (built.main === LIB.questionSet) {
    await reachQuestionSet(played, built.content);
  } else if (QUESTIONS.has(built.main)) {
    await played.frame.locator('.h5p-question').first().waitFor();
  } else {
    expect(built.main).toBe(LIB.column);
    await played.frame.locator('.h5p-column-content').first().waitFor();
  }
}

describe.skipIf(!hasRuntime)('the sample in a real H5P player (h5p-standalone + ../shared/h5p-runtime, core API 1.27)', () => {
  it('builds every package of both variants, content-only and bundled with the 1.27 libraries', () => {
    expect(buildErrors).toEqual([]);
    expect(Object.fromEntries(counts)).toEqual({ 'es/content-only': 18, 'es/bundled': 18, 'co/content-only': 18 });
  });

  it('Spanish, content-only: every package renders with no page error, and every chapter and question is reached', async () => {
    const spanish = packages.filter((built) => built.variant === 'es' && !built.bundled);
    expect(spanish.map((built) => built.main)).toEqual(expect.arrayContaining([LIB.book, LIB.questionSet]));
    for (const built of spanish) {
      const played = await player.open(built.key, false);
      await reach(played, built);
      expect(played.errors, built.key).toEqual([]);
    }
  }, 600_000);

  it('every other package (Spanish bundled, Colombian content-only) renders with no page error', async () => {
    const others = packages.filter((built) => built.variant !== 'es' || built.bundled);
    expect(others).toHaveLength(36);
    for (const built of others) {
      const played = await player.open(built.key, built.bundled);
      await played.frame.locator('.h5p-content').first().waitFor();
      expect(played.errors, built.key).toEqual([]);
    }
  }, 600_000);

  it('a quiz answered by script: xAPI completed with the expected score, and the result screen says what passes', async () => {
    const quiz = packages.find((built) => built.key === 'es-c-m01-cuestionario')!;
    const questions = quiz.content.questions as Json[];
    expect(questions.every((question) => question.library === LIB.multiChoice || question.library === LIB.trueFalse)).toBe(true);
    expect(questions).toHaveLength(6);
    expect(quiz.content.passPercentage).toBe(70);
    const played = await player.open(quiz.key, false);
    // Every question right but the last: 5 of 6 points, and 70 % of 6 points passes from 5.
    const screen = await reachQuestionSet(played, quiz.content, (index) =>
      answerChoice(played.frame.locator('.questionset .question-container').nth(index), questions[index], index < questions.length - 1));
    await played.page.waitForFunction(() => (window as any).statements.some((s: Json) => s.verb.id === 'http://adlnet.gov/expapi/verbs/completed'));
    const [completed] = await completedStatements(played);
    expect(completed.result).toMatchObject({ score: { raw: 5, max: 6 }, success: true, completion: true });
    expect(screen).toMatchInlineSnapshot(`"Resultados: apruebas con 5 de 6 puntos o más Has obtenido 5 de 6 puntos Pregunta Puntuación ¿Cuál de estas tareas no corresponde a un técnico en atención sociosanitaria en… 1/1 ¿Cuáles de estos son tipos de tareas del técnico en atención sociosanitaria? Ma… 1/1 Si un sobrino de la persona atendida llama por teléfono, puedes explicarle qué… 1/1 Una señora a la que cuidas desde hace meses quiere regalarte 100 € «por lo bien… 1/1 ¿Cuáles de estas pueden ser señales de desgaste emocional? Marca todas las corr… 1/1 ¿Quién debe evaluar los riesgos de tu puesto y darte formación para prevenirlos? 0/1"`);
    expect(played.errors).toEqual([]);
  });

  it('a book answered by script: xAPI completed with the expected score when the learner submits the summary', async () => {
    const book = packages.find((built) => built.key === 'es-c-m01-cuidado-profesional')!;
    const chapters = book.content.chapters as Json[];
    const chapterIndex = chapters.findIndex((chapter) => subContents(chapter.params).some((item) => item.library === LIB.multiChoice));
    const question = subContents(chapters[chapterIndex].params).find((item) => item.library === LIB.multiChoice);
    const max = subContents(book.content).filter((item) => QUESTIONS.has(item.library)).reduce((sum, item) => sum + questionMax(item), 0);
    const played = await player.open(book.key, false);
    const { frame } = played;
    await frame.getByRole('button', { name: decode(book.content.read), exact: true }).click();
    for (let index = 0; index < chapterIndex; index += 1) {
      await frame.waitForFunction((n) => (window as any).H5P.instances[0].getActiveChapter() === n, index);
      await frame.locator('.h5p-interactive-book-status-arrow.next').first().click();
    }
    const scope = frame.locator(`#h5p-interactive-book-chapter-${chapters[chapterIndex].subContentId} .h5p-question`).filter({ has: frame.locator('li.h5p-answer') }).first();
    await answerChoice(scope, question, true);
    await scope.locator('.h5p-theme-check').click();
    await frame.getByRole('button', { name: decode(book.content.summaryAndSubmit) }).first().click();
    await frame.locator('.h5p-interactive-book-summary-submit').filter({ visible: true }).click();
    await played.page.waitForFunction(() => (window as any).statements.some((s: Json) => s.verb.id === 'http://adlnet.gov/expapi/verbs/completed' && !s.object.definition?.extensions?.['http://h5p.org/x-api/h5p-subContentId']));
    const [completed] = await completedStatements(played);
    expect(completed.result.score).toMatchObject({ raw: 1, max });
    expect(played.errors).toEqual([]);
  });
});

/** Points H5P gives a question: one per choice question, one per gap of Blanks and DragText. */
function questionMax(item: Json): number {
  if (item.library === LIB.blanks) return (item.params.questions as string[]).join(' ').match(/\*[^*]+\*/g)?.length ?? 0;
  if (item.library === LIB.dragText) return (item.params.textField as string).match(/\*[^*]+\*/g)?.length ?? 0;
  return 1;
}
