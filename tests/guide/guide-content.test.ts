/**
 * The trainer guide's content, from the hand-written sample IR: everything trainers need is there
 * (face-to-face details, trainer notes, answer keys with feedback, reviews, sources), nothing
 * learners see is missing, and the file is self-contained and escaped.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../scripts/guide/escape.ts';
import { renderGuide } from '../../scripts/guide/render.ts';
import type { Activity, Block, ProgrammeIR, Question } from '../../scripts/ir/types.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-guide-'));

function activities(blocks: Block[]): Activity[] {
  return blocks.filter((block): block is Activity => block.kind !== 'html' && block.kind !== 'image');
}
function questions(programme: ProgrammeIR): Question[] {
  return programme.modules.flatMap((module) => module.lessons.flatMap((lesson) => activities(lesson.blocks))).flatMap((activity) => {
    if (activity.kind === 'quiz') return activity.questions;
    return ['self-assessment', 'reflection', 'face-to-face'].includes(activity.kind) ? [] : [activity as Question];
  });
}
/** The guide's HTML for one activity: from its element to the next activity or the end of its section. */
function section(html: string, id: string): string {
  const start = html.indexOf(`data-activity-id="${id}"`);
  expect(start, `activity ${id} is in the guide`).toBeGreaterThan(-1);
  const ends = [html.indexOf('data-activity-id="', start + 1), html.indexOf('</section>', start)].filter((at) => at > -1);
  return html.slice(html.lastIndexOf('<', start), Math.min(...ends));
}

describe.each(['es', 'co'] as const)('trainer guide content (%s)', (variant) => {
  const programme = sampleProgramme(variant, path.join(dir, variant));
  const rendered = renderGuide(programme);

  it('is one accessible, self-contained document in the variant’s locale', async () => {
    const { html, problems } = await rendered;
    expect(problems).toEqual([]);
    expect(html).toContain(`<html lang="${programme.variant.locale}">`);
    expect(html).not.toMatch(/<script\b|<link\b|@import|url\(\s*['"]?https?:/i);
    expect(html).not.toMatch(/\b(src|href)="\/\//);
    expect(html).not.toMatch(/<img\b[^>]*\bsrc="(?!data:)/);
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Un rectángulo verde"/);
    expect(html).toContain('<main id="contenido">');
    expect(html).toContain(variant === 'co' ? 'Guía del instructor' : 'Guía del formador');
  });

  it('has every face-to-face activity with mode, duration, materials and steps, and lists it in the blended path', async () => {
    const { html } = await rendered;
    const f2f = programme.modules.flatMap((m) => m.lessons.flatMap((l) => l.blocks)).filter((b) => b.kind === 'face-to-face');
    expect(f2f.length).toBeGreaterThan(0);
    for (const activity of f2f) {
      const text = section(html, activity.id);
      expect(text).toContain(activity.title);
      expect(htmlToText(text)).toContain('Modalidad Colectiva');
      expect(htmlToText(text)).toContain('Duración 45 min');
      for (const material of activity.materials) expect(text).toContain(material);
      expect(text).toContain(activity.stepsHtml);
      expect(text).toContain(activity.learnerHtml);
      expect(html).toMatch(new RegExp(`<li><a href="#act-${activity.id}">${activity.title}</a> — Colectiva, 45 min</li>`));
    }
  });

  it('has every trainer note, in its lesson after the block it follows', async () => {
    const { html } = await rendered;
    for (const module of programme.modules) {
      for (const lesson of module.lessons) {
        for (const note of lesson.trainerNotes) {
          const at = html.indexOf(note.html);
          expect(at).toBeGreaterThan(-1);
          const after = lesson.blocks[note.afterBlock];
          if (after?.kind === 'html') expect(html.lastIndexOf(after.html.slice(-20), at)).toBeGreaterThan(html.indexOf(`id="mod-${module.id}-${lesson.id}"`));
        }
      }
    }
  });

  it('has an answer key with every feedback text for every question kind', async () => {
    const { html } = await rendered;
    const all = questions(programme);
    expect(new Set(all.map((q) => q.kind))).toEqual(new Set(['single-choice', 'multiple-choice', 'true-false', 'fill-blanks', 'drag-words', 'matching', 'ordering']));
    for (const question of all) {
      const text = section(html, question.id);
      const plain = htmlToText(text);
      for (const feedback of [question.feedback.correct, question.feedback.incorrect]) if (feedback) expect(text).toContain(feedback);
      switch (question.kind) {
        case 'single-choice':
        case 'multiple-choice':
          for (const option of question.options) {
            expect(plain).toContain(`${option.correct ? '✔ Correcta' : '✘ Incorrecta'} ${htmlToText(option.html)}`);
            if (option.feedback) expect(text).toContain(option.feedback);
          }
          break;
        case 'true-false':
          expect(plain).toContain(`Respuesta correcta: ${question.answer ? 'Verdadero' : 'Falso'}`);
          break;
        case 'fill-blanks':
          for (const blank of question.blanks) {
            expect(text).toContain(`<mark class="key-blank">${blank.answers[0]}</mark>`);
            for (const alternative of blank.answers.slice(1)) expect(plain).toContain(alternative);
          }
          break;
        case 'drag-words':
          expect(plain).toContain('Primero saludar y después presentarse');
          for (const word of question.distractors) expect(plain).toContain(word);
          break;
        case 'matching':
          for (const pair of question.pairs) expect(text).toContain(`<tr><th scope="row">${pair.left}</th><td>${pair.right}</td></tr>`);
          break;
        case 'ordering':
          expect(text).toContain(`<ol class="key-order">${question.items.map((item) => `<li>${item.text}</li>`).join('')}</ol>`);
          break;
      }
    }
    const quiz = activities(programme.modules[0]!.lessons[1]!.blocks).find((a) => a.kind === 'quiz');
    if (quiz?.kind !== 'quiz') throw new Error('sample has a quiz');
    expect(html).toContain(quiz.feedback.pass!);
    expect(html).toContain(quiz.feedback.fail!);
    expect(htmlToText(html)).toContain('Nota para superar: 70 %');
  });

  it('misses nothing learners see: every HTML block, image, activity and prompt', async () => {
    const { html } = await rendered;
    for (const module of programme.modules) {
      expect(html).toContain(module.introHtml);
      for (const lesson of module.lessons) {
        expect(html).toContain(lesson.title);
        for (const block of lesson.blocks) {
          if (block.kind === 'html') expect(html).toContain(block.html.replace(/<(\/?)h2\b/g, '<$1h4'));
          else if (block.kind === 'image') expect(html).toContain(`alt="${block.alt}"`);
          else {
            expect(html).toContain(`data-activity-id="${block.id}"`);
            if (block.kind === 'self-assessment') for (const statement of block.statements) expect(html).toContain(statement.text);
            if (block.kind === 'reflection') expect(html).toContain(block.promptHtml);
          }
        }
      }
    }
    expect(html.includes('Contenido solo para Colombia.')).toBe(variant === 'co');
  });

  it('lists outcomes, the module × competence matrix, reviews and cited sources', async () => {
    const { html, toc } = await rendered;
    const text = htmlToText(html);
    expect(text).toContain('C1.1-K1 Conoce las funciones del auxiliar. Conocimientos · Nivel MEC 3');
    expect(html).toMatch(/<tr><th scope="row">C1\.1 Conocer el rol profesional<\/th><td class="yes">/);
    for (const review of programme.modules[0]!.reviews) {
      expect(text).toContain(review.text);
      expect(text).toContain(`${review.source.file}:${review.source.line}`);
    }
    expect(html).toContain('Ley 39/2006, art. 2 — <a href="https://www.boe.es/eli/es/l/2006/12/14/39/con">');
    expect(toc.map((entry) => entry.id)).toEqual(['presentacion', 'itinerario', 'competencias', 'mod-m01-demo', 'mod-m01-demo-l01', 'mod-m01-demo-l02', 'revision', 'fuentes']);
    for (const entry of toc) expect(html).toContain(`id="${entry.id}"`);
  });
});

describe('trainer guide escaping and variants-as-data', () => {
  it('escapes text it interpolates and takes wording overrides from the variant file', async () => {
    const programme = sampleProgramme('es', path.join(dir, 'esc'));
    programme.programme.title = 'Programa <img src=x onerror=alert(1)>';
    programme.modules[0]!.title = 'Módulo "A" & <b>B</b>';
    programme.modules[0]!.sources.push({ text: 'Fuente', url: 'javascript:alert(1)' });
    programme.variant.ui = { 'guide.title': 'Guía para facilitadores' };
    const { html } = await renderGuide(programme);
    expect(html).toContain('Programa &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Módulo &quot;A&quot; &amp; &lt;b&gt;B&lt;/b&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('Guía para facilitadores');
  });

  it('includes the diagnostic assessment as a chapter when the programme has one', async () => {
    const programme = sampleProgramme('es', path.join(dir, 'diag'));
    programme.assessment = { ...programme.modules[0]!, id: 'diagnostico', title: 'Diagnóstico inicial' };
    const { html, toc } = await renderGuide(programme);
    expect(toc.find((entry) => entry.id === 'mod-diagnostico')?.title).toBe('Herramienta de diagnóstico');
    expect(html).toContain('data-module-id="diagnostico"');
  });
});
