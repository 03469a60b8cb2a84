import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeployConfig } from '../../../plugin/src/deploy/config.ts';
import { deployItems } from '../../../plugin/src/deploy/items.ts';
import { deployProgramme, tempDir } from './fixtures.ts';

const media = tempDir();
const programmes = [deployProgramme('co', media), deployProgramme('es', media)];
const config = (formats = '[scorm12]', extra = '') =>
  parseDeployConfig(`
moodle:
  deploy:
    formats: ${formats}
${extra}    courses:
      co:
        WC-CO-M01: [m01-demo, m02-sinquiz]
        WC-CO-DIAG: [diagnostico]
      es:
        WC-ES-M01: [m01-demo]
`);

describe('deployment items from the programme', () => {
  it('gives each module its course, section, stable idnumber, package path and the documented completion rule', () => {
    const { items, problems } = deployItems(programmes, config(), '/dist');
    expect(problems).toEqual([]);
    expect(items.map((i) => [i.course, i.sectionnum, i.idnumber, i.type, i.completion, i.passmark, i.file])).toEqual([
      ['WC-CO-M01', 1, 'wecare-co-m01-demo-scorm12', 'scorm', 'passed', 70, path.join('/dist', 'co', 'm01-demo.scorm12.zip')],
      ['WC-CO-M01', 2, 'wecare-co-m02-sinquiz-scorm12', 'scorm', 'completed', 0, path.join('/dist', 'co', 'm02-sinquiz.scorm12.zip')],
      ['WC-CO-DIAG', 1, 'wecare-co-diagnostico-scorm12', 'scorm', 'completed', 0, path.join('/dist', 'co', 'diagnostico.scorm12.zip')],
      ['WC-ES-M01', 1, 'wecare-es-m01-demo-scorm12', 'scorm', 'passed', 70, path.join('/dist', 'es', 'm01-demo.scorm12.zip')],
    ]);
    expect(items[0]).toMatchObject({ name: programmes[0]!.modules[0]!.title, sectionname: programmes[0]!.modules[0]!.title, intro: programmes[0]!.modules[0]!.summary });
  });

  it('deploys an H5P book per module and an activity per scored quiz, graded by pass mark', () => {
    const { items } = deployItems(programmes.slice(0, 1), config('[h5p]', '    idnumberPrefix: wc\n'), '/dist');
    expect(items.filter((i) => i.course === 'WC-CO-M01').map((i) => [i.sectionnum, i.idnumber, i.type, i.completion, i.passmark, path.basename(i.file)])).toEqual([
      [1, 'wc-co-m01-demo-h5p', 'h5pactivity', 'passgrade', 70, 'm01-demo.h5p'],
      [1, 'wc-co-m01-quiz-h5p', 'h5pactivity', 'passgrade', 70, 'm01-quiz.h5p'],
      // No question at all: the book has no score to pass, so it tracks no completion.
      [2, 'wc-co-m02-sinquiz-h5p', 'h5pactivity', 'none', 0, 'm02-sinquiz.h5p'],
    ]);
  });

  it('uses a fixed SCORM rule when the programme asks for one', () => {
    const { items } = deployItems(programmes.slice(0, 1), config('[scorm2004]', '    scormCompletion: passedorcompleted\n'), '/dist');
    expect(new Set(items.map((i) => i.completion))).toEqual(new Set(['passedorcompleted']));
    expect(items[0]!.file).toBe(path.join('/dist', 'co', 'm01-demo.scorm2004.zip'));
  });

  it('reports a module the variant does not have, naming the line of its course', () => {
    const broken = parseDeployConfig('moodle:\n  deploy:\n    courses:\n      co:\n        WC-CO-M01: [m01-demo, m09-nada]\n');
    const { items, problems } = deployItems(programmes.slice(0, 1), broken, '/dist');
    expect(items).toHaveLength(1);
    expect(problems.map((p) => p.message)).toEqual(['content/programme.yaml:5: course WC-CO-M01 lists module "m09-nada", which variant co does not have (modules: m01-demo, m02-sinquiz, diagnostico)']);
  });
});
