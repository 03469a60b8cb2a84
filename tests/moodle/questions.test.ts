/**
 * The question bank formats against the question kinds: the Moodle XML is parsed back and read
 * the way Moodle's importer reads it (question type, answers, fractions, feedback, categories,
 * tags); GIFT is checked for its escaping and for what it can and cannot hold.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseStringPromise } from 'xml2js';
import { describe, expect, it } from 'vitest';
import type { ProgrammeIR, Question, Quiz, SingleChoice } from '../../scripts/ir/types.ts';
import { questionBank } from '../../scripts/moodle/questions/collect.ts';
import { gift, giftEscape } from '../../scripts/moodle/questions/gift.ts';
import { categoryPath, clozeAnswer, moodleXml } from '../../scripts/moodle/questions/moodle-xml.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';

const special: SingleChoice = {
  kind: 'single-choice', id: 'm01-q-sc', competences: ['C1.2'], source: { file: 'modules/01-demo/02-segunda.md', line: 50, column: 1 },
  stemHtml: '<p>¿Qué significa {a=b}: #1 ~ casi?</p>',
  options: [
    { id: 'a', html: 'Uno: = dos', correct: true, feedback: '<p>Bien #1</p>' },
    { id: 'b', html: 'Tres {y} ~cuatro', correct: false },
  ],
  feedback: { correct: '<p>Correcto.</p>', incorrect: '<p>Repasa la lección 2.</p>' },
};

function programme(): ProgrammeIR {
  const ir = sampleProgramme('co', mkdtempSync(path.join(os.tmpdir(), 'wecare-questions-')));
  const quiz = ir.modules[0]!.lessons.flatMap((lesson) => lesson.blocks).find((block): block is Quiz => block.kind === 'quiz')!;
  quiz.questions.push(special);
  return ir;
}

type Node = Record<string, any>;
const text = (node: Node | undefined): string => node?.text?.[0] ?? '';

async function parsedQuestions(ir: ProgrammeIR): Promise<Node[]> {
  const [bank] = questionBank(ir);
  const { text: xml, skipped } = moodleXml(bank!);
  expect(skipped).toEqual([]);
  const doc = await parseStringPromise(xml);
  return doc.quiz.question as Node[];
}

const byId = (questions: Node[], id: string) => questions.find((q) => q.idnumber?.[0] === id)!;

describe('Moodle XML', () => {
  it('writes a category per module and per competence, before the questions they hold', async () => {
    const questions = await parsedQuestions(programme());
    const kinds = questions.map((q) => q.$.type === 'category' ? `cat:${text(q.category[0])}` : q.idnumber[0]);
    expect(kinds).toEqual([
      'cat:$course$/top/Programa de prueba (Colombia)/Módulo de prueba',
      'cat:$course$/top/Programa de prueba (Colombia)/Módulo de prueba/C1.1 Conocer el rol profesional',
      'm01-q-mc', 'm01-q-tf', 'm01-q-fb', 'm01-q-or',
      'cat:$course$/top/Programa de prueba (Colombia)/Módulo de prueba/C1.2 Comunicarse con la persona cuidada',
      'm01-q-dw', 'm01-q-mt', 'm01-q-sc',
    ]);
    expect(questions.filter((q) => q.$.type === 'category').map((q) => q.idnumber[0])).toEqual(['demo-co-m01-demo', 'demo-co-m01-demo-C1.1', 'demo-co-m01-demo-C1.2']);
  });

  it('maps every kind to a core question type, tagged with its competences', async () => {
    const questions = await parsedQuestions(programme());
    const types = Object.fromEntries(questions.filter((q) => q.$.type !== 'category').map((q) => [q.idnumber[0], q.$.type]));
    expect(types).toEqual({ 'm01-q-mc': 'multichoice', 'm01-q-tf': 'truefalse', 'm01-q-fb': 'cloze', 'm01-q-dw': 'ddwtos', 'm01-q-mt': 'matching', 'm01-q-or': 'ordering', 'm01-q-sc': 'multichoice' });
    expect(byId(questions, 'm01-q-mt').tags[0].tag.map(text)).toEqual(['C1.2']);
    expect(text(byId(questions, 'm01-q-mc').name[0])).toBe('m01-q-mc · ¿Qué datos son personales?');
  });

  it('keeps the wording, per-option and whole-question feedback of choice questions', async () => {
    const sc = byId(await parsedQuestions(programme()), 'm01-q-sc');
    expect(sc.single[0]).toBe('true');
    expect(text(sc.questiontext[0])).toBe(special.stemHtml);
    expect(sc.answer.map((a: Node) => [a.$.fraction, text(a), text(a.feedback[0])])).toEqual([
      ['100', 'Uno: = dos', '<p>Bien #1</p>'],
      ['0', 'Tres {y} ~cuatro', ''],
    ]);
    expect(text(sc.correctfeedback[0])).toBe('<p>Correcto.</p>');
    expect(text(sc.incorrectfeedback[0])).toBe('<p>Repasa la lección 2.</p>');
  });

  it('shares a multiple choice between its correct options and makes a wrong option cost everything', async () => {
    const mc = byId(await parsedQuestions(programme()), 'm01-q-mc');
    expect(mc.single[0]).toBe('false');
    expect(mc.answer.map((a: Node) => a.$.fraction)).toEqual(['50', '50', '-100']);
    expect(text(mc.answer[2].feedback[0])).toBe('<p>No identifica a nadie.</p>');
  });

  it('puts each true/false feedback on the answer that earns it', async () => {
    const tf = byId(await parsedQuestions(programme()), 'm01-q-tf');
    expect(tf.answer.map((a: Node) => [text(a), a.$.fraction, text(a.feedback[0])])).toEqual([
      ['true', '100', '<p>Sí.</p>'],
      ['false', '0', '<p>Sí las reduce.</p>'],
    ]);
  });

  it('writes fill-in gaps as cloze short answers with every accepted answer', async () => {
    const fb = byId(await parsedQuestions(programme()), 'm01-q-fb');
    expect(text(fb.questiontext[0])).toBe('<p>Completa:</p><p>El número de emergencias es el {1:SHORTANSWER:=123~=uno dos tres}.</p>');
  });

  it('writes drag-words with numbered places, the right words first and the distractors after', async () => {
    const ir = programme();
    const source = ir.modules[0]!.lessons.flatMap((lesson) => lesson.blocks).flatMap((block) => (block.kind === 'quiz' ? block.questions : [])).find((q) => q.id === 'm01-q-dw')!;
    const dw = byId(await parsedQuestions(ir), 'm01-q-dw');
    expect(text(dw.questiontext[0])).toBe(`${source.stemHtml}<p>Primero [[1]] y después [[2]].</p>`);
    expect(dw.dragbox.map((box: Node) => [box.text[0], box.group[0]])).toEqual([['saludar', '1'], ['presentarse', '1'], ['gritar', '1']]);
  });

  it('writes matching pairs and an all-or-nothing ordering in the right order', async () => {
    const questions = await parsedQuestions(programme());
    const mt = byId(questions, 'm01-q-mt');
    expect(mt.subquestion.map((s: Node) => [text(s), text(s.answer[0])])).toEqual([['Autonomía', 'Capacidad de decidir'], ['Dependencia', 'Necesidad de ayuda']]);
    const or = byId(questions, 'm01-q-or');
    expect(or.answer.map(text)).toEqual(['Mojar', 'Enjabonar', 'Aclarar']);
    expect([or.gradingtype[0], or.selecttype[0]]).toEqual(['ALL_OR_NOTHING', 'ALL']);
  });

  it('escapes cloze answers and category names the way Moodle reads them back', () => {
    expect(clozeAnswer('a}b#c*d<e&')).toBe('a\\}b\\#c\\*d&lt;e&amp;');
    expect(() => clozeAnswer('a~b')).toThrow(/~/);
    expect(categoryPath(['Salud/Higiene', 'C1'])).toBe('$course$/top/Salud//Higiene/C1');
  });

  it('reports a question Moodle cannot grade like the player instead of writing it wrong', () => {
    const ir = programme();
    const quiz = ir.modules[0]!.lessons.flatMap((lesson) => lesson.blocks).find((block): block is Quiz => block.kind === 'quiz')!;
    quiz.questions.push({ ...special, kind: 'multiple-choice', id: 'm01-q-11', options: Array.from({ length: 11 }, (_, i) => ({ id: String(i), html: `o${i}`, correct: true })) } as Question);
    const { skipped } = moodleXml(questionBank(ir)[0]!);
    expect(skipped.map((s) => [s.question.id, s.message])).toEqual([['m01-q-11', "11 correct options: Moodle's grades cannot share 100 % equally between them (1 to 10 correct options can)"]]);
  });

  it('leaves out modules without scored questions', () => {
    const ir = programme();
    ir.modules[0]!.lessons = [];
    expect(questionBank(ir)).toEqual([]);
  });
});

describe('GIFT', () => {
  it('escapes every special character ~ = # { } : and the backslash, on one line', () => {
    expect(giftEscape('a~b=c#d{e}f:g\\h\ni')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h i');
  });

  it('writes categories, ids, tags and answers, escaped', () => {
    const { text: file, skipped } = gift(questionBank(programme())[0]!);
    const block = file.split('\n\n').find((part) => part.includes('[id:m01-q-sc]'))!;
    expect(block.trimEnd()).toBe([
      '// [id:m01-q-sc] [tag:C1.2]',
      '::m01-q-sc · ¿Qué significa \\{a\\=b\\}\\: \\#1 \\~ casi?::[html]<p>¿Qué significa \\{a\\=b\\}\\: \\#1 \\~ casi?</p>{',
      '\t=Uno\\: \\= dos#<p>Bien \\#1</p>',
      '\t~Tres \\{y\\} \\~cuatro#<p>Repasa la lección 2.</p>',
      '}',
    ].join('\n'));
    expect(file).toContain('$CATEGORY: $course$/top/Programa de prueba (Colombia)/Módulo de prueba/C1.2 Comunicarse con la persona cuidada');
    expect(skipped.map((s) => s.question.id).sort()).toEqual(['m01-q-dw', 'm01-q-or']);
  });

  it('writes multiple choice weights, true/false feedback, matching and a one-gap fill-in', () => {
    const { text: file } = gift(questionBank(programme())[0]!);
    const block = (id: string) => file.split('\n\n').find((part) => part.includes(`[id:${id}]`))!;
    expect(block('m01-q-mc')).toContain('\t~%50%El nombre\n\t~%50%El diagnóstico\n\t~%-100%El tiempo que hace#<p>No identifica a nadie.</p>');
    expect(block('m01-q-tf')).toMatch(/\{TRUE#<p>Sí las reduce.<\/p>#<p>Sí.<\/p>\}$/);
    expect(block('m01-q-mt')).toContain('\t=Autonomía -> Capacidad de decidir\n\t=Dependencia -> Necesidad de ayuda');
    expect(block('m01-q-fb')).toMatch(/<p>Completa\\:<\/p><p>El número de emergencias es el \{=123 =uno dos tres\}.<\/p>$/);
  });
});
