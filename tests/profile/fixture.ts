/**
 * The sample IR plus a hand-written diagnostic assessment and a second area, for profile tests
 * that must not depend on the parser.
 */
import type { ModuleIR, ProgrammeIR, SourceRef } from '../../scripts/ir/types.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';

const at = (line: number): SourceRef => ({ file: 'content/assessment/01-diagnostico.md', line, column: 1 });

function assessmentModule(variant: string, locale: string): ModuleIR {
  return {
    id: 'diagnostico',
    variant,
    locale,
    title: 'Diagnóstico inicial',
    summary: 'Autoevaluación y preguntas por competencia.',
    duration: { online: 30, faceToFace: 0 },
    competences: ['C1.1', 'C1.2', 'C2.1'],
    outcomes: [],
    passMark: 0,
    introHtml: '',
    media: [],
    sources: [],
    reviews: [],
    source: { file: 'content/assessment/module.md', line: 1, column: 1 },
    lessons: [
      {
        id: 'diag-l1',
        title: 'Diagnóstico',
        source: at(1),
        trainerNotes: [],
        blocks: [
          {
            kind: 'self-assessment', id: 'diag-sa', competences: ['C1.1', 'C1.2', 'C2.1'], source: at(3),
            promptHtml: '<p>¿Cuánta seguridad sientes?</p>', scale: ['Nada', 'Poca', 'Bastante', 'Mucha'],
            statements: [
              { id: '1', text: 'Sé explicar mis funciones.', competence: 'C1.1' },
              { id: '2', text: 'Sé comunicarme con la persona.', competence: 'C1.2' },
              { id: '3', text: 'Conozco mis derechos laborales.', competence: 'C2.1' },
            ],
          },
          {
            kind: 'single-choice', id: 'diag-q1', competences: ['C1.1'], source: at(10), stemHtml: '<p>¿Quién decide sobre sus cuidados?</p>',
            options: [{ id: 'a', html: 'La persona cuidada', correct: true }, { id: 'b', html: 'La auxiliar', correct: false }], feedback: {},
          },
          { kind: 'true-false', id: 'diag-q2', competences: ['C1.1'], source: at(20), stemHtml: '<p>Hay que lavarse las manos.</p>', answer: true, feedback: {} },
          {
            kind: 'quiz', id: 'diag-quiz', competences: ['C1.2'], source: at(30), title: 'Preguntas', introHtml: '', passMark: 0, feedback: {},
            questions: [
              {
                kind: 'multiple-choice', id: 'diag-q3', competences: [], source: at(32), stemHtml: '<p>¿Qué ayuda a comunicarse?</p>',
                options: [{ id: 'a', html: 'Mirar a los ojos', correct: true }, { id: 'b', html: 'Hablar claro', correct: true }, { id: 'c', html: 'Gritar', correct: false }], feedback: {},
              },
              { kind: 'ordering', id: 'diag-q4', competences: ['C1.2'], source: at(40), stemHtml: '<p>Ordena.</p>', items: [{ id: '1', text: 'Saludar' }, { id: '2', text: 'Presentarse' }, { id: '3', text: 'Explicar' }], feedback: {} },
              {
                kind: 'fill-blanks', id: 'diag-q5', competences: ['C2.1'], source: at(45), stemHtml: '<p>Completa.</p>', textHtml: '<p>El contrato debe ser por <span data-blank="0"></span>.</p>',
                blanks: [{ answers: ['escrito', 'escrita'], caseSensitive: false }], feedback: {},
              },
              {
                kind: 'matching', id: 'diag-q6', competences: ['C2.1'], source: at(50), stemHtml: '<p>Relaciona.</p>', labels: { left: 'A', right: 'B' },
                pairs: [{ leftId: '1', left: 'Nómina', rightId: 'a', right: 'Salario' }, { leftId: '2', left: 'Contrato', rightId: 'b', right: 'Acuerdo' }], feedback: {},
              },
            ],
          },
          { kind: 'reflection', id: 'diag-refl', competences: ['C1.1'], source: at(60), promptHtml: '<p>¿Por qué cuidas?</p>' },
        ],
      },
    ],
  };
}

/** Sample programme (module m01 covers C1.1, C1.2) + module m02 (C2.1) + the assessment. */
export function profileProgramme(variant: 'es' | 'co', mediaDir: string): ProgrammeIR {
  const programme = sampleProgramme(variant, mediaDir);
  programme.framework.areas.push({
    id: 'A2',
    title: 'Normativa del trabajo de cuidados',
    competences: [{ id: 'C2.1', areaId: 'A2', title: 'Conocer los derechos laborales', outcomes: [] }],
  });
  const first = programme.modules[0]!;
  programme.modules.push({ ...first, id: 'm02-derechos', title: 'Derechos laborales', competences: ['C2.1'], lessons: [], reviews: [], sources: [] });
  programme.assessment = assessmentModule(variant, programme.variant.locale);
  return programme;
}
