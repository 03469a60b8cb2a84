/** The SCORM 1.2, SCORM 2004 and web formats built from the hand-written sample IR. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FillBlanks, ModuleIR } from '../../scripts/ir/types.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { verifyManifest } from '../../scripts/scorm/manifest.ts';
import { runtimeGzipBytes } from '../../scripts/scorm/runtime.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';
import { buildWith, hasStandards, sayWhySkipped, xmllint } from './helpers.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'wecare-scorm-'));
const trainerOnly = ['NOTA-FORMADOR', 'PASO-FORMADOR', 'Tarjetas de rol', 'Cronómetro', 'Comprobar la cifra'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('scorm12 / scorm2004 / web formats', () => {
  it('writes dist/<variant>/<module>.scorm12.zip, .scorm2004.zip and web/ with every file listed in the manifest', async () => {
    const out = tmp();
    const programme = sampleProgramme('es', out);
    const { artifacts, diagnostics } = await buildWith(programme, out);
    expect(diagnostics).toEqual([]);
    expect(artifacts.map((a) => path.relative(out, a.path)).sort()).toEqual(['es/m01-demo.scorm12.zip', 'es/m01-demo.scorm2004.zip', 'es/web']);
    for (const kind of ['scorm12', 'scorm2004'] as const) {
      const zip = await readZip(readFileSync(path.join(out, `es/m01-demo.${kind}.zip`)));
      expect([...zip.keys()].sort()).toEqual(['imsmanifest.xml', 'index.html', 'media/rect.svg', 'player.css', 'player.js']);
      const manifest = zip.get('imsmanifest.xml')!.toString('utf8');
      await expect(verifyManifest(manifest, [...zip.keys()])).resolves.toEqual([]);
      expect(manifest).toContain(kind === 'scorm12' ? '<schemaversion>1.2</schemaversion>' : '<schemaversion>2004 4th Edition</schemaversion>');
      expect(manifest).toContain('Módulo de prueba');
      expect(manifest).toMatch(/typicallearningtime|typicalLearningTime/);
    }
    const web = readFileSync(path.join(out, 'es/web/index.html'), 'utf8');
    expect(web).toContain('href="m01-demo/index.html"');
    expect(statSync(path.join(out, 'es/web/m01-demo/media/rect.svg')).size).toBeGreaterThan(0);
  });

  describe.skipIf(!hasStandards)('manifests against the SCORM XSDs (xmllint)', () => {
    it('validates every built manifest, for both variants', async () => {
      for (const variant of ['es', 'co'] as const) {
        const out = tmp();
        await buildWith(sampleProgramme(variant, out), out, ['scorm12', 'scorm2004']);
        for (const kind of ['scorm12', 'scorm2004'] as const) {
          const zip = await readZip(readFileSync(path.join(out, `${variant}/m01-demo.${kind}.zip`)));
          expect(xmllint(zip.get('imsmanifest.xml')!.toString('utf8'), kind), `${variant} ${kind}`).toBe('');
        }
      }
    });
    it('would notice an invalid manifest (the validation is real)', () => {
      expect(xmllint('<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" identifier="1bad"/>', 'scorm12')).not.toBe('');
    });
  });
  if (!hasStandards) sayWhySkipped();

  it('never lets trainer notes, review notes or face-to-face trainer fields reach a learner file', async () => {
    const out = tmp();
    for (const variant of ['es', 'co'] as const) await buildWith(sampleProgramme(variant, out), out);
    const texts: string[] = [];
    for (const file of filesUnder(out)) {
      if (file.endsWith('.zip')) for (const data of (await readZip(readFileSync(file))).values()) texts.push(data.toString('utf8'));
      else if (!file.includes(`${path.sep}media${path.sep}`)) texts.push(readFileSync(file, 'utf8'));
    }
    expect(texts.length).toBeGreaterThan(10);
    const all = texts.join('\n');
    // The learner parts of the same activities are there…
    expect(all).toContain('Role-play de acogida');
    expect(all).toContain('Lo haremos en el aula.');
    // …the trainer parts are not.
    for (const secret of trainerOnly) expect(all, secret).not.toContain(secret);
  });

  it('gives identical bytes when rebuilt from unchanged sources', async () => {
    const a = tmp();
    const b = tmp();
    await buildWith(sampleProgramme('co', a), a, ['scorm12', 'scorm2004']);
    await buildWith(sampleProgramme('co', b), b, ['scorm12', 'scorm2004']);
    for (const kind of ['scorm12', 'scorm2004']) {
      const first = readFileSync(path.join(a, `co/m01-demo.${kind}.zip`));
      const second = readFileSync(path.join(b, `co/m01-demo.${kind}.zip`));
      expect(first.equals(second), kind).toBe(true);
    }
  });

  it('keeps the player runtime (JS + CSS) within 40 KB gzipped', async () => {
    const size = await runtimeGzipBytes();
    expect(size.js).toBeGreaterThan(1000);
    expect(size.total).toBeLessThanOrEqual(40 * 1024);
  });

  it('packages the diagnostic assessment like a module', async () => {
    const out = tmp();
    const programme = sampleProgramme('es', out);
    programme.assessment = { ...structuredClone(programme.modules[0]!), id: 'diagnostico', title: 'Evaluación diagnóstica' };
    const { artifacts } = await buildWith(programme, out);
    expect(artifacts.map((a) => path.basename(a.path))).toEqual(expect.arrayContaining(['diagnostico.scorm12.zip', 'diagnostico.scorm2004.zip']));
    expect(readFileSync(path.join(out, 'es/web/index.html'), 'utf8')).toContain('Evaluación diagnóstica');
  });

  it('keeps only http(s) citation links', async () => {
    const out = tmp();
    const programme = sampleProgramme('es', out);
    programme.modules[0]!.sources.push({ text: 'Fuente rara', url: 'javascript:alert(1)' });
    await buildWith(programme, out, ['web']);
    const page = readFileSync(path.join(out, 'es/web/m01-demo/index.html'), 'utf8');
    const data = JSON.parse(page.match(/<script type="application\/json" id="wecare-module">(.*?)<\/script>/s)![1]!);
    expect(data.sources).toEqual([{ text: 'Ley 39/2006, art. 2', url: 'https://www.boe.es/eli/es/l/2006/12/14/39/con' }, { text: 'Fuente rara' }]);
  });

  it('uses the locale wording and the variant overrides in the player strings', async () => {
    const out = tmp();
    const programme = sampleProgramme('co', out);
    programme.variant.ui = { next: 'Continuar' };
    await buildWith(programme, out, ['web']);
    const page = readFileSync(path.join(out, 'co/web/m01-demo/index.html'), 'utf8');
    const data = JSON.parse(page.match(/<script type="application\/json" id="wecare-module">(.*?)<\/script>/s)![1]!);
    expect(data.strings.next).toBe('Continuar');
    expect(data.strings.answerFirst).toBe('Responda antes de comprobar.');
    expect(data.strings.prev).toBe('Anterior');
    expect(data.lms).toBe('none');
  });
});

describe('build checks', () => {
  function bigModule(module: ModuleIR): ModuleIR {
    const blanks: FillBlanks[] = Array.from({ length: 8 }, (_, i) => ({
      kind: 'fill-blanks', id: `m01-big-${i}`, competences: ['C1.1'], source: { file: 'modules/01-demo/03-grande.md', line: 10 + i, column: 1 },
      stemHtml: '<p>Completa</p>', textHtml: '<p><span data-blank="0"></span></p>'.repeat(3),
      blanks: Array.from({ length: 3 }, () => ({ answers: ['sí'], caseSensitive: false })), feedback: {},
    }));
    return { ...module, lessons: [...module.lessons, { id: 'l03', title: 'Grande', blocks: blanks, trainerNotes: [], source: { file: 'modules/01-demo/03-grande.md', line: 1, column: 1 } }] };
  }

  it('fails the SCORM 1.2 build at module.md when the worst-case suspend_data can exceed 4,096 characters', async () => {
    const out = tmp();
    const programme = sampleProgramme('es', out);
    programme.modules[0] = bigModule(programme.modules[0]!);
    const { artifacts, diagnostics } = await buildWith(programme, out, ['scorm12', 'scorm2004']);
    const budget = diagnostics.filter((d) => d.ruleId === 'scorm-suspend-budget');
    expect(budget).toHaveLength(1);
    expect(budget[0]).toMatchObject({ file: 'modules/01-demo/module.md', line: 1, severity: 'error' });
    expect(budget[0]!.message).toMatch(/4096/);
    // SCORM 2004 (64,000 characters) still builds.
    expect(artifacts.map((a) => path.basename(a.path))).toEqual(['m01-demo.scorm2004.zip']);
  });

  it('reports activity ids SCORM cannot carry at their line', async () => {
    const out = tmp();
    const programme = sampleProgramme('es', out);
    const block = programme.modules[0]!.lessons[0]!.blocks[2]!;
    if (block.kind !== 'single-choice') throw new Error('fixture changed');
    block.id = 'pregunta uno';
    const { artifacts, diagnostics } = await buildWith(programme, out, ['scorm12']);
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'scorm-identifier', file: 'modules/01-demo/01-primera.md', line: 20, severity: 'error' })]);
    expect(artifacts).toEqual([]);
  });

  it('reports missing media files', async () => {
    const out = tmp();
    const programme = sampleProgramme('es', out);
    programme.modules[0]!.media[0]!.absolutePath = path.join(out, 'nope.svg');
    const { diagnostics } = await buildWith(programme, out, ['scorm2004']);
    expect(diagnostics.map((d) => d.ruleId)).toContain('missing-media');
  });

  it('finds broken identifierrefs, a wrong default organization and unlisted or missing files', async () => {
    const xml = `<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">
      <organizations default="nope"><organization identifier="org"><item identifier="i" identifierref="missing"/></organization></organizations>
      <resources><resource identifier="r" href="index.html"><file href="index.html"/><file href="ghost.js"/></resource></resources></manifest>`;
    const problems = await verifyManifest(xml, ['index.html', 'extra.css']);
    expect(problems).toEqual([
      'organizations default "nope" names no organization',
      'identifierref "missing" names nothing in the manifest',
      'listed file "ghost.js" is not in the package',
      'packaged file "extra.css" is not listed in the manifest',
    ]);
  });
});
