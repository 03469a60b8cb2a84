import { describe, expect, it } from 'vitest';
import { DeployConfigError, parseDeployConfig } from '../../../plugin/src/deploy/config.ts';

const problems = (text: string) => {
  try {
    parseDeployConfig(text);
  } catch (error) {
    if (error instanceof DeployConfigError) return error.message;
    throw error;
  }
  throw new Error('expected problems');
};

describe('moodle.deploy in content/programme.yaml', () => {
  it('reads courses in order, with documented defaults and the course key of moodle.courseKey', () => {
    const config = parseDeployConfig(`
moodle:
  courseKey: shortname
  deploy:
    courses:
      co:
        WC-CO-M01: [m01-demo, m02-sinquiz]
      es:
        WC-ES-M01: [m01-demo]
`);
    expect(config).toMatchObject({ formats: ['scorm12'], idnumberPrefix: 'wecare', scormCompletion: 'auto', completionCriteria: true, courseKey: 'shortname' });
    expect(config.visible).toBeUndefined();
    expect(config.courses.co).toEqual([{ course: 'WC-CO-M01', modules: ['m01-demo', 'm02-sinquiz'], line: 7 }]);
    expect(config.courses.es?.[0]?.modules).toEqual(['m01-demo']);
  });

  it('reports every problem with its line and column', () => {
    expect(problems(`
moodle:
  deploy:
    formats: [scorm12, pdf]
    idnumberPrefix: "we-care"
    completionCriteria: maybe
    colour: blue
    courses:
      Colombia:
        WC-CO-M01: [m01-demo, m01-demo]
      es:
        WC-CO-M01: m01-demo
`)).toMatchInlineSnapshot(`
      "content/programme.yaml:4:14  moodle.deploy.formats must list scorm12, scorm2004, h5p (e.g. [scorm12])  moodle-deploy
      content/programme.yaml:5:21  moodle.deploy.idnumberPrefix must be 1–30 letters, digits, dots, underscores or colons (no hyphens: they separate the parts)  moodle-deploy
      content/programme.yaml:6:25  moodle.deploy.completionCriteria must be true or false  moodle-deploy
      content/programme.yaml:7:5  moodle.deploy: unknown key "colour" (known: formats, idnumberPrefix, scormCompletion, completionCriteria, visible, courses)  moodle-deploy
      content/programme.yaml:9:7  moodle.deploy.courses: "Colombia" is not a variant code (a country, it, or country-language, be-fr)  moodle-deploy
      content/programme.yaml:10:20  moodle.deploy.courses.Colombia.WC-CO-M01: module "m01-demo" is listed twice  moodle-deploy
      content/programme.yaml:12:9  moodle.deploy.courses.es: course "WC-CO-M01" is already mapped for variant Colombia; a course holds one variant  moodle-deploy
      content/programme.yaml:12:20  moodle.deploy.courses.es.WC-CO-M01 must be a list of module ids, e.g. [01-cuidado-profesional]  moodle-deploy"
    `);
  });

  it('says where to add the section when it is missing', () => {
    expect(problems('id: demo\nmoodle:\n  role: student\n')).toMatch(/^content\/programme.yaml:3:3  no `moodle.deploy` section/);
    expect(problems('moodle:\n  deploy:\n    formats: [h5p]\n')).toMatch(/moodle.deploy.courses is missing/);
  });
});
