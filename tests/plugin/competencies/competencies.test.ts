/**
 * `wecare moodle competencies` against the Moodle double (recorded signatures enforced): the plan
 * of a fresh site, apply, a second plan that changes nothing, an update after a wording change,
 * course links by idnumber, and the national entries of every variant in the descriptions.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgrammeIR } from '../../../scripts/ir/types.ts';
import { applyCompetencyPlan } from '../../../plugin/src/competencies/apply.ts';
import { courseCompetences, desiredFramework } from '../../../plugin/src/competencies/desired.ts';
import { changeCount, formatCompetencyPlan, planCompetencies } from '../../../plugin/src/competencies/plan.ts';
import { sampleProgramme } from '../../fixtures/ir/sample-programme.ts';
import { createMoodleDouble, MoodleException, seedCourse, type MoodleDouble } from '../double/index.ts';
import { clientFor, recordedAvailable, sayWhetherRecorded } from '../helpers.ts';

sayWhetherRecorded();

function programmes(): ProgrammeIR[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-competencies-'));
  return (['es', 'co'] as const).map((code) => {
    const ir = sampleProgramme(code, dir);
    const competence = ir.framework.areas[0]!.competences[0]!;
    competence.national = { text: code === 'es' ? 'Título de Técnico (RD 1593/2011).' : 'Auxiliar de enfermería (Ley 1164 de 2007).', sources: [{ text: `Fuente ${code} "oficial" & más`, url: `https://example.org/${code}?a=1&b=2` }] };
    return ir;
  });
}

describe.skipIf(!recordedAvailable)('wecare moodle competencies against the double', () => {
  let double: MoodleDouble;
  let url: string;
  const client = () => clientFor(url, double.token);

  beforeEach(async () => {
    double = createMoodleDouble({ debug: true });
    seedCourse(double.state, { shortname: 'WC-CO-DEMO', idnumber: 'WC-CO-DEMO' });
    url = await double.start();
  });
  afterEach(async () => {
    expect(double.contractViolations).toEqual([]);
    await double.stop();
  });

  const courses = (irs: ProgrammeIR[]) => [{ course: 'WC-CO-DEMO', competences: courseCompetences(irs[1]!, ['m01-demo']) }, { course: 'WC-ES-MISSING', competences: ['C1.1'] }];

  it('describes areas, competences and outcomes with EQF level, type and every variant\'s national entry', () => {
    const framework = desiredFramework(programmes());
    expect(framework.idnumber).toBe('demo');
    expect(framework.competencies.map((c) => [c.idnumber, c.parent])).toEqual([['A1', ''], ['C1.1', 'A1'], ['C1.1-K1', 'C1.1'], ['C1.2', 'A1']]);
    const competence = framework.competencies[1]!;
    expect(competence.description).toContain('<p><strong>España:</strong> Título de Técnico (RD 1593/2011). (<a href="https://example.org/es?a=1&amp;b=2">Fuente es "oficial" &amp; más</a>)</p>');
    expect(competence.description).toContain('<p><strong>Colombia:</strong> Auxiliar de enfermería (Ley 1164 de 2007).');
    expect(framework.competencies[2]!.description).toBe('<p>Conoce las funciones del auxiliar.</p><p>Nivel EQF (MEC) 3 · conocimientos</p>');
  });

  it('plans without writing, applies, then plans nothing', async () => {
    const irs = programmes();
    const framework = desiredFramework(irs);
    const plan = await planCompetencies(client(), framework, courses(irs), 'idnumber');
    expect(double.calls.every((call) => /_(get|list)_/.test(call.functionName ?? ''))).toBe(true);
    expect(formatCompetencyPlan(plan)).toBe([
      'create framework demo "Programa de prueba"',
      'create competency A1',
      'create competency C1.1 (under A1)',
      'create competency C1.1-K1 (under C1.1)',
      'create competency C1.2 (under A1)',
      'link WC-CO-DEMO: C1.1, C1.2',
      'not done: course WC-ES-MISSING (by idnumber) is not on the site: restore its backup or create it, then run again to link its competencies',
    ].join('\n'));

    const result = await applyCompetencyPlan(client(), plan);
    expect(result).toEqual({ frameworkCreated: true, frameworkUpdated: false, created: 4, updated: 0, linked: 2 });
    const byIdnumber = new Map([...double.state.competencies.values()].map((c) => [c.idnumber, c]));
    expect(byIdnumber.get('C1.1-K1')!.parentid).toBe(byIdnumber.get('C1.1')!.id);
    expect(byIdnumber.get('C1.1')!.parentid).toBe(byIdnumber.get('A1')!.id);
    const courseId = [...double.state.courses.values()].find((c) => c.idnumber === 'WC-CO-DEMO')!.id;
    expect(double.state.courseCompetencies.get(courseId)!.map((id) => double.state.competencies.get(id)!.idnumber)).toEqual(['C1.1', 'C1.2']);

    const again = await planCompetencies(client(), framework, courses(irs), 'idnumber');
    expect(changeCount(again)).toBe(0);
    expect(formatCompetencyPlan(again)).toMatch(/Nothing to change\.$/);
  });

  it('updates a changed wording in place, matched by idnumber, and finishes an interrupted run', async () => {
    const irs = programmes();
    const first = desiredFramework(irs);
    const partial = await planCompetencies(client(), first, [], 'idnumber');
    partial.create = partial.create.slice(0, 2); // as if the run stopped after two competencies
    await applyCompetencyPlan(client(), partial);

    irs.forEach((ir) => { ir.framework.areas[0]!.title = 'El cuidado profesional'; });
    const changed = desiredFramework(irs);
    const plan = await planCompetencies(client(), changed, courses(irs), 'idnumber');
    expect(plan.frameworkId).toBeDefined();
    expect(plan.create.map((c) => c.idnumber)).toEqual(['C1.1-K1', 'C1.2']);
    expect(plan.update.map((u) => u.desired.idnumber)).toEqual(['A1']);
    const result = await applyCompetencyPlan(client(), plan);
    expect(result).toMatchObject({ frameworkCreated: false, created: 2, updated: 1, linked: 2 });
    expect([...double.state.competencies.values()].find((c) => c.idnumber === 'A1')!.shortname).toBe('A1 El cuidado profesional');
    expect(double.state.competencies.size).toBe(4);
    expect(changeCount(await planCompetencies(client(), changed, courses(irs), 'idnumber'))).toBe(0);
  });

  it('stops at a refused write and says so', async () => {
    const irs = programmes();
    const plan = await planCompetencies(client(), desiredFramework(irs), [], 'idnumber');
    double.register('core_competency_create_competency', { handler: () => { throw new MoodleException('required_capability_exception', 'nopermissions', 'Sorry, but you do not currently have permissions to do that (Manage competency frameworks).'); } });
    const result = await applyCompetencyPlan(client(), plan);
    expect(result.frameworkCreated).toBe(true);
    expect(result.created).toBe(0);
    expect(result.failure).toMatch(/core_competency_create_competency.*Manage competency frameworks/);
  });
});
