/** End to end: the Markdown mini programme, through the parser and `wecare build --format h5p`. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme } from '../../scripts/api.ts';
import { main } from '../../scripts/cli/main.ts';
import { htmlToText } from '../../scripts/h5p/html.ts';
import { buildH5p } from '../../scripts/h5p/format.ts';
import { subContentId } from '../../scripts/h5p/ids.ts';
import type { Diagnostic } from '../../scripts/validate/diagnostic.ts';
import { validatePackage } from '../../scripts/h5p/validate/package.ts';
import type { Activity, ModuleIR, ProgrammeIR, Question } from '../../scripts/ir/types.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { noteStandards, repoRoot, standardsSemantics, subContents, tempDir } from './helpers.ts';

const fixture = path.join(repoRoot, 'tests/fixtures/programme-mini');
const expectedLibrary: Record<string, string> = {
  'single-choice': 'H5P.MultiChoice 1.16',
  'multiple-choice': 'H5P.MultiChoice 1.16',
  'true-false': 'H5P.TrueFalse 1.8',
  'fill-blanks': 'H5P.Blanks 1.14',
  'drag-words': 'H5P.DragText 1.10',
  matching: 'H5P.DragText 1.10',
  ordering: 'H5P.DragText 1.10',
  'self-assessment': 'H5P.AdvancedText 1.1',
  reflection: 'H5P.AdvancedText 1.1',
  'face-to-face': 'H5P.AdvancedText 1.1',
};

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
}

function activities(module: ModuleIR): Array<Activity | Question> {
  return module.lessons.flatMap((lesson) => lesson.blocks.flatMap((block) => (block.kind === 'quiz' ? block.questions : block.kind === 'html' || block.kind === 'image' ? [] : [block])));
}

let programmes: ProgrammeIR[] = [];
let outDir = '';
let exitCode = -1;
let stderr = '';
let stdout = '';

beforeAll(async () => {
  noteStandards();
  programmes = (await loadProgramme(fixture)).programmes;
  outDir = tempDir('e2e');
  const io = { stdout: (text: string) => { stdout += `${text}\n`; }, stderr: (text: string) => { stderr += text; }, cwd: repoRoot, isTTY: false };
  exitCode = await main(['build', '--root', fixture, '--format', 'h5p', '--out', outDir], io);
});

describe('wecare build --format h5p on the mini programme', () => {
  it('exits 0 and writes a book per module (and the assessment) and a package per quiz, per variant', () => {
    expect(exitCode, stderr).toBe(0);
    expect(programmes.map((p) => p.variant.code)).toEqual(['es', 'co']);
    for (const programme of programmes) {
      const modules = [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])];
      for (const module of modules) {
        expect(() => readFileSync(path.join(outDir, programme.variant.code, 'h5p', `${module.id}.h5p`))).not.toThrow();
        for (const lesson of module.lessons) {
          for (const block of lesson.blocks) if (block.kind === 'quiz') expect(() => readFileSync(path.join(outDir, programme.variant.code, 'h5p', `${block.id}.h5p`))).not.toThrow();
        }
      }
    }
  });

  it('summarises the documented approximations once per kind, with where to read more, and warns about none of them', () => {
    expect(stderr).not.toMatch(/h5p-(self-assessment|reflection|face-to-face|matching|ordering|html-approximated)/);
    expect(stdout.split('\n').filter((line) => line.includes(' × '))).toMatchInlineSnapshot(`
      [
        "  2 × H5P: autoevaluaciones mostradas como texto (sin registrar respuestas)  h5p-self-assessment-unsupported  (más en docs/h5p.md#kinds-without-a-faithful-h5p-equivalent)",
        "  3 × H5P: reflexiones mostradas como texto (sin registrar respuestas)  h5p-reflection-unsupported  (más en docs/h5p.md#kinds-without-a-faithful-h5p-equivalent)",
        "  1 × H5P: actividades presenciales mostradas como aviso  h5p-face-to-face-notice  (más en docs/h5p.md#kinds-without-a-faithful-h5p-equivalent)",
        "  1 × H5P: preguntas de relacionar construidas como arrastrar palabras (puntuadas por pareja)  h5p-matching-approximated  (más en docs/h5p.md#kinds-without-a-faithful-h5p-equivalent)",
        "  1 × H5P: preguntas de ordenar construidas como arrastrar palabras (puntuadas por posición)  h5p-ordering-approximated  (más en docs/h5p.md#kinds-without-a-faithful-h5p-equivalent)",
      ]
    `);
  });

  it('maps every activity of every module to its H5P type, with the same subContentId in both variants, and passes the validator', async () => {
    const seen = new Map<string, string>();
    for (const programme of programmes) {
      for (const module of [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])]) {
        const zip = readFileSync(path.join(outDir, programme.variant.code, 'h5p', `${module.id}.h5p`));
        const report = await validatePackage(zip, { coreApi: '1.27', ...(standardsSemantics ? { semantics: standardsSemantics } : {}) });
        expect(report.issues, `${programme.variant.code}/${module.id}`).toEqual([]);
        const files = await readZip(zip);
        const content = JSON.parse(files.get('content/content.json')!.toString());
        const items = subContents(content);
        // Learner-visible text of the whole package, entities decoded.
        const all = htmlToText(strings(content).join('\n'));
        for (const review of module.reviews) expect(all).not.toContain(review.text);
        for (const lesson of module.lessons) for (const note of lesson.trainerNotes) expect(all).not.toContain(htmlToText(note.html));
        for (const activity of activities(module)) {
          const item = items.find((candidate) => candidate.subContentId === subContentId(activity.id));
          expect(item?.library, `${activity.kind} ${activity.id}`).toBe(expectedLibrary[activity.kind]);
          if (activity.kind === 'face-to-face') {
            for (const secret of [activity.stepsHtml, ...activity.materials].map((html) => htmlToText(html)).filter(Boolean)) expect(all).not.toContain(secret);
          }
          seen.set(activity.kind, activity.id);
        }
        if (module.media.some((m) => m.mimeType === 'image/svg+xml')) expect([...files.keys()].some((name) => /^content\/images\/.+\.png$/.test(name))).toBe(true);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(8);
  });

  it('builds the bundled sample programme (modules/, Colombian variant) into packages that pass the validator', async () => {
    // One variant keeps this lean; the mini programme above covers both.
    const loaded = await loadProgramme(repoRoot, { variants: ['co'] });
    const out = tempDir('sample');
    let count = 0;
    for (const programme of loaded.programmes) {
      const diagnostics: Diagnostic[] = [];
      const artifacts = await buildH5p({ root: repoRoot, outDir: out, programme, options: {}, report: (d) => diagnostics.push(d) }, { coreApi: '1.27' });
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      for (const artifact of artifacts) {
        const report = await validatePackage(readFileSync(artifact.path), { coreApi: '1.27', ...(standardsSemantics ? { semantics: standardsSemantics } : {}) });
        expect(report.issues, artifact.path).toEqual([]);
        count += 1;
      }
    }
    expect(loaded.programmes).toHaveLength(1);
    expect(count).toBeGreaterThan(loaded.programmes[0]!.modules.length);
  });
});
