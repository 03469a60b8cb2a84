/** Variant resolution on the mini programme, and a new country added as data only. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme } from '../../scripts/api.ts';
import type { Block, ProgrammeIR } from '../../scripts/ir/types.ts';
import { copyMini, miniRoot } from '../parse/helpers.ts';

let programmes: ProgrammeIR[];
beforeAll(async () => {
  const result = await loadProgramme(miniRoot);
  expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  programmes = result.programmes;
});

const byCode = (code: string) => programmes.find((p) => p.variant.code === code)!;

/** Every piece of HTML a learner package may show (trainer-only fields left out on purpose). */
function learnerHtml(block: Block): string[] {
  switch (block.kind) {
    case 'html':
      return [block.html];
    case 'image':
      return [block.alt];
    case 'face-to-face':
      return [block.title, block.learnerHtml];
    case 'quiz':
      return [block.introHtml, ...Object.values(block.feedback), ...block.questions.flatMap((q) => learnerHtml(q))];
    default:
      return [JSON.stringify(block)];
  }
}

describe('resolving the mini programme', () => {
  it('returns one plain-JSON programme per variant, in the programme order', () => {
    expect(programmes.map((p) => p.variant.code)).toEqual(['es', 'co']);
    for (const programme of programmes) expect(JSON.parse(JSON.stringify(programme))).toEqual(programme);
  });

  it('substitutes variables, glossary terms and country blocks per variant', () => {
    const lesson = (code: string) => byCode(code).modules[1]!.lessons[0]!;
    const html = (code: string) => lesson(code).blocks.flatMap(learnerHtml).join('\n');
    expect(html('es')).toContain('<strong>112</strong>');
    expect(html('co')).toContain('<strong>123</strong>');
    expect(html('co')).toContain('Secretaría de Salud');
    expect(html('es')).toContain('Servicio de Salud de la comunidad autónoma');
    expect(html('co')).toContain('avisa también a la familia');
    expect(html('es')).not.toContain('avisa también a la familia');
    expect(byCode('es').modules[0]!.introHtml).toContain('técnico en cuidados auxiliares de enfermería');
    expect(byCode('co').modules[0]!.introHtml).toContain('auxiliar de enfermería en una hogar geriátrico');
    expect(byCode('co').modules[1]!.summary).toBe('Cómo actuar ante una emergencia en Colombia.');
  });

  it('includes lessons, activities and trainer notes only in their countries', () => {
    expect(byCode('es').modules[1]!.lessons.map((l) => l.id)).toEqual(['l01-emergencias']);
    expect(byCode('co').modules[1]!.lessons.map((l) => l.id)).toEqual(['l01-emergencias', 'l02-solo-colombia']);
    const ids = (code: string) => byCode(code).modules[1]!.lessons[0]!.blocks.flatMap((b) => ('id' in b ? [b.id] : []));
    expect(ids('es')).toEqual(['m02-q-numero', 'm02-refl-es']);
    expect(ids('co')).toEqual(['m02-q-numero', 'm02-refl-co']);
    expect(byCode('es').modules[1]!.lessons[0]!.trainerNotes).toEqual([]);
    expect(byCode('co').modules[1]!.lessons[0]!.trainerNotes).toHaveLength(1);
  });

  it('keeps activity and option ids stable across variants', () => {
    const quiz = (code: string) => byCode(code).modules[0]!.lessons[1]!.blocks.find((b) => b.kind === 'quiz')!;
    const shape = (code: string) => JSON.stringify(quiz(code), (key, value) => (key === 'answers' || key === 'html' ? undefined : value));
    expect(shape('es').replace(/112/g, 'N')).toEqual(shape('co').replace(/123/g, 'N'));
  });

  it('never puts trainer notes, review notes or facilitation steps in learner HTML', () => {
    for (const programme of programmes) {
      const modules = [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])];
      const text = modules.flatMap((m) => [m.introHtml, ...m.lessons.flatMap((l) => l.blocks.flatMap(learnerHtml))]).join('\n');
      expect(text).not.toMatch(/Dedique 10 minutos|asesoría jurídica|contraparte colombiana|Forme parejas|Tarjetas de rol|línea 123 de su municipio/);
      expect(text).toContain('Role-play de acogida');
    }
    const module = byCode('es').modules[0]!;
    expect(module.lessons[0]!.trainerNotes[0]!.html).toContain('Dedique 10 minutos');
    expect(module.reviews.map((r) => r.text)).toEqual(['Confirmar el artículo citado con la asesoría jurídica.']);
  });

  it('collects media with their digest, sources in order, and the assessment', () => {
    const module = byCode('co').modules[0]!;
    expect(module.media).toEqual([
      expect.objectContaining({ path: 'media/manos.svg', mimeType: 'image/svg+xml', bytes: 132, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    expect(path.isAbsolute(module.media[0]!.absolutePath)).toBe(true);
    expect(module.lessons[0]!.blocks[1]).toEqual({ kind: 'image', src: 'media/manos.svg', alt: 'Lavado de manos en seis pasos', width: 40, height: 20 });
    expect(module.sources.map((s) => s.text)).toEqual(['Ley 39/2006, art. 2', 'Ley 1850 de 2017']);
    expect(byCode('es').assessment?.id).toBe('diagnostico');
    expect(byCode('es').assessment?.lessons[0]!.blocks[0]).toMatchObject({ kind: 'self-assessment', id: 'diag-sa' });
  });

  it('resolves the competence framework with each country\'s national entry', () => {
    const competence = (code: string) => byCode(code).framework.areas[0]!.competences[0]!;
    expect(competence('es').national?.sources[0]?.text).toBe('Real Decreto 1368/2007');
    expect(competence('co').national?.text).toContain('norma de competencia laboral');
    expect(byCode('co').glossary.find((t) => t.id === 'residencia')?.term).toBe('hogar geriátrico');
    expect(byCode('es').glossary.find((t) => t.id === 'residencia')?.term).toBe('residencia');
  });
});

describe('a module for some countries only', () => {
  it('is left out of the other countries, and its lessons are not checked for them', async () => {
    const copy = copyMini();
    try {
      const moduleFile = path.join(copy.root, 'modules/02-seguridad/module.md');
      writeFileSync(moduleFile, readFileSync(moduleFile, 'utf8').replace('competences: [C2.1]', 'competences: [C2.1]\nvariants: [co]'));
      const { programmes: all, diagnostics } = await loadProgramme(copy.root);
      expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      expect(all.find((p) => p.variant.code === 'es')!.modules.map((m) => m.id)).toEqual(['m01-cuidado-profesional']);
      expect(all.find((p) => p.variant.code === 'co')!.modules.map((m) => m.id)).toEqual(['m01-cuidado-profesional', 'm02-seguridad']);
    } finally {
      copy.cleanup();
    }
  });
});

describe('a new country is data, not code', () => {
  let copy: ReturnType<typeof copyMini>;
  beforeAll(() => {
    copy = copyMini();
  });
  afterAll(() => copy.cleanup());

  it('adds Italy with a variant file and a glossary override', async () => {
    const programmeFile = path.join(copy.root, 'content/programme.yaml');
    writeFileSync(programmeFile, readFileSync(programmeFile, 'utf8').replace('variants: [es, co]', 'variants: [es, co, it]'));
    writeFileSync(
      path.join(copy.root, 'content/variants/it.yaml'),
      ['code: it', 'name: Italia', 'locale: it-IT', 'currency: { code: EUR, symbol: € }', 'emergencyNumber: "112"', 'institutions:', '  health: Azienda sanitaria locale', ''].join('\n'),
    );
    const glossaryFile = path.join(copy.root, 'content/glossary.yaml');
    writeFileSync(glossaryFile, readFileSync(glossaryFile, 'utf8').replace('    co: auxiliar de enfermería\n', '    co: auxiliar de enfermería\n    it: operatore socio-sanitario\n'));

    // An optional override: Italy gets its own version of one lesson, same id, same activity id.
    writeFileSync(
      path.join(copy.root, 'modules/02-seguridad/01-emergencias.it.md'),
      ['---', 'id: l01-emergencias', 'title: Emergenze', '---', '', 'Chiama il **:var[emergencyNumber]**.', '', ':::single-choice{#m02-q-numero competence=C2.1}', 'Quale numero?', '', '- [x] :var[emergencyNumber]', '- [ ] 118', ':::', ''].join('\n'),
    );

    const { programmes: all, diagnostics } = await loadProgramme(copy.root);
    // Italian is not the programme's language: until translations/it/ exists, every unit is missing…
    const missing = diagnostics.filter((d) => d.ruleId === 'translation-missing');
    expect(missing.length).toBeGreaterThan(0);
    // …except in Italy's own lesson, written in Italian.
    expect(missing.filter((d) => d.file.endsWith('.it.md'))).toEqual([]);
    // A term the lessons use with no Italian wording is named; `auxiliar` has its `it:` wording.
    expect(diagnostics.filter((d) => d.ruleId === 'glossary-language').map((d) => d.message)).toEqual([
      'El término "residencia" del glosario no tiene forma en italiano (variante it): añada "it:" en content/glossary.yaml o traduzca term:residencia:wording',
    ]);
    expect(diagnostics.filter((d) => d.severity === 'error' && d.ruleId !== 'translation-missing' && d.ruleId !== 'glossary-language')).toEqual([]);
    // Country blocks written for es and co now tell the author what Italy is missing.
    const coverage = diagnostics.filter((d) => d.ruleId === 'variant-coverage' || d.ruleId === 'inline-variant-coverage');
    expect(coverage.length).toBeGreaterThan(0);
    for (const d of coverage) expect(d.message).toMatch(/sin equivalente para it:/);

    const italy = all.find((p) => p.variant.code === 'it')!;
    expect(italy.variant).toMatchObject({ name: 'Italia', locale: 'it-IT', emergencyNumber: '112' });
    expect(italy.modules.map((m) => m.locale)).toEqual(['it-IT', 'it-IT']);
    expect(italy.modules[0]!.introHtml).toContain('operatore socio-sanitario');
    const lesson = italy.modules[1]!.lessons[0]!;
    expect(italy.modules[1]!.lessons.map((l) => l.id)).toEqual(['l01-emergencias']);
    expect(lesson.title).toBe('Emergenze');
    expect(lesson.blocks[0]).toEqual({ kind: 'html', html: '<p>Chiama il <strong>112</strong>.</p>' });
    expect(lesson.blocks[1]).toMatchObject({ kind: 'single-choice', id: 'm02-q-numero' });
    // The other countries keep the original lesson.
    const colombia = all.find((p) => p.variant.code === 'co')!;
    expect(colombia.modules[1]!.lessons[0]!.title).toBe('Ante una emergencia');
    expect(colombia.modules[1]!.lessons[0]!.blocks.flatMap(learnerHtml).join('\n')).toContain('Secretaría de Salud');
  });
});
