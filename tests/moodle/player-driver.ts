/**
 * A learner going through a module in the toolkit's player, wherever it runs (here: inside
 * Moodle's SCORM player frame): every page in order, each scored quiz answered as planned and
 * submitted, up to the summary page. It drives the controls a learner uses; it never touches the
 * SCORM API.
 */
import type { FrameLocator, Locator } from 'playwright-core';
import { list } from '../../templates/player/src/grading.ts';
import type { LearnerModule, LearnerQuestion, LearnerQuiz } from '../../templates/player/src/model.ts';
import type { Answer } from '../../templates/player/src/state.ts';

export async function answerModuleInPlayer(app: FrameLocator, model: LearnerModule, answers: Record<string, Answer>): Promise<void> {
  const s = model.strings;
  const next = app.getByRole('button', { name: s.next, exact: true });
  await app.getByRole('heading', { level: 1, name: model.title }).waitFor();
  for (const lesson of model.lessons) {
    await next.click();
    await app.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
    for (const quiz of lesson.blocks.filter((block): block is LearnerQuiz => block.kind === 'quiz')) {
      const section = app.locator('section.quiz').filter({ has: app.getByRole('heading', { level: 2, name: quiz.title, exact: true }) });
      for (const [index, question] of quiz.questions.entries()) await answerQuestion(section.locator('.qz').nth(index), question, answers[question.id]);
      await section.getByRole('button', { name: s.submit, exact: true }).click();
      // The quiz's result (its last status box) shows the score once the answers are submitted.
      await section.locator(':scope > .fb').last().locator('.verdict').waitFor();
    }
  }
  await next.click();
  await app.getByRole('heading', { level: 1, name: s.end }).waitFor();
}

async function answerQuestion(box: Locator, question: LearnerQuestion, answer: Answer | undefined): Promise<void> {
  if (answer === undefined) throw new Error(`no planned answer for ${question.id}`);
  switch (question.kind) {
    case 'single-choice':
    case 'multiple-choice':
    case 'true-false':
      for (const value of list(answer)) await box.locator(`input[value="${value}"]`).check();
      return;
    case 'fill-blanks': {
      const values = Array.isArray(answer) ? answer : [answer];
      for (const [index, value] of values.entries()) await box.getByRole('textbox').nth(index).fill(value);
      return;
    }
    default:
      throw new Error(`${question.id}: answering a ${question.kind} question is not scripted here`);
  }
}
