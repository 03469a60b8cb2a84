/**
 * End to end: `wecare build` on the mini programme (real Markdown sources through the parser)
 * writes every module and the diagnostic assessment as SCORM 1.2, SCORM 2004 and web, with valid
 * manifests and no trainer-only text anywhere.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme, type ProgrammeIR } from '../../scripts/api.ts';
import { main } from '../../scripts/cli/main.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { hasStandards, repoRoot, sayWhySkipped, xmllint } from './helpers.ts';

const mini = path.join(repoRoot, 'tests/fixtures/programme-mini');
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

/** Every string value of the learner model embedded in a built page, plus the page's own text. */
function learnerText(page: string): string {
  const json = page.match(/<script type="application\/json" id="wecare-module">(.*?)<\/script>/s)?.[1];
  const strings: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') strings.push(plain(value));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  if (json) walk(JSON.parse(json));
  return `${plain(page)}\n${strings.join('\n')}`;
}

function trainerOnlyTexts(programme: ProgrammeIR): string[] {
  const out: string[] = [];
  for (const module of [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])]) {
    out.push(...module.reviews.map((r) => plain(r.text)));
    for (const lesson of module.lessons) {
      out.push(...lesson.trainerNotes.map((n) => plain(n.html)));
      for (const block of lesson.blocks) if (block.kind === 'face-to-face') out.push(...block.materials.map(plain), ...plain(block.stepsHtml).split(/(?<=\.) /));
    }
  }
  return out.filter((text) => text.length >= 8);
}

describe('wecare build on tests/fixtures/programme-mini', () => {
  let out: string;
  let code: number;
  const stdout: string[] = [];
  const stderr: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'wecare-e2e-'));
    code = await main(['build', '--root', mini, '--out', out, '--format', 'scorm12,scorm2004,web'], {
      stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t), cwd: repoRoot, isTTY: false,
    });
  });

  it('builds every module and the assessment for every variant', async () => {
    expect(code, stderr.join('\n')).toBe(0);
    const { programmes } = await loadProgramme(mini);
    expect(programmes.length).toBeGreaterThan(0);
    for (const programme of programmes) {
      const ids = [...programme.modules.map((m) => m.id), ...(programme.assessment ? [programme.assessment.id] : [])];
      expect(programme.assessment, 'the mini programme has an assessment').toBeDefined();
      for (const id of ids) {
        for (const kind of ['scorm12', 'scorm2004']) expect(existsSync(path.join(out, programme.variant.code, `${id}.${kind}.zip`)), `${id}.${kind}`).toBe(true);
        expect(existsSync(path.join(out, programme.variant.code, 'web', id, 'index.html'))).toBe(true);
      }
      const index = readFileSync(path.join(out, programme.variant.code, 'web/index.html'), 'utf8');
      for (const id of ids) expect(index).toContain(`href="${id}/index.html"`);
    }
  });

  it('keeps trainer notes, reviews and face-to-face trainer fields out of every learner file', async () => {
    const { programmes } = await loadProgramme(mini);
    const secrets = programmes.flatMap(trainerOnlyTexts);
    expect(secrets.length).toBeGreaterThan(3);
    const corpus: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.html')) corpus.push(learnerText(readFileSync(full, 'utf8')));
      }
    };
    walk(out);
    for (const file of readdirSync(path.join(out, 'es')).filter((n) => n.endsWith('.zip'))) {
      const zip = await readZip(readFileSync(path.join(out, 'es', file)));
      corpus.push(learnerText(zip.get('index.html')!.toString('utf8')), zip.get('imsmanifest.xml')!.toString('utf8'));
    }
    const all = corpus.join('\n');
    for (const secret of secrets) expect(all, secret).not.toContain(secret);
  });

  describe.skipIf(!hasStandards)('manifests', () => {
    it('validate against the SCORM 1.2 and 2004 4th edition XSDs', async () => {
      // dist/ also holds the build index (.wecare-build.json): only variant folders hold packages.
      for (const variant of readdirSync(out).filter((name) => !name.startsWith('.'))) {
        for (const file of readdirSync(path.join(out, variant)).filter((n) => n.endsWith('.zip'))) {
          const zip = await readZip(readFileSync(path.join(out, variant, file)));
          expect(xmllint(zip.get('imsmanifest.xml')!.toString('utf8'), file.includes('scorm12') ? 'scorm12' : 'scorm2004'), file).toBe('');
        }
      }
    });
  });
  if (!hasStandards) sayWhySkipped();

  it('fails with the module file and line when SCORM 1.2 suspend_data could overflow', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'wecare-e2e-budget-'));
    cpSync(mini, root, { recursive: true });
    const gaps = Array.from({ length: 4 }, (_, i) => `paso :blank[${i}]`).join(', ');
    const questions = Array.from({ length: 14 }, (_, i) => `:::fill-blanks{#m02-larga-${i} competence=C2.1}\nCompleta: ${gaps}.\n:::\n`).join('\n');
    writeFileSync(path.join(root, 'modules/02-seguridad/03-larga.md'), `---\nid: l03-larga\ntitle: Lección larga\n---\n\n${questions}`);
    const errors: string[] = [];
    const exit = await main(['build', '--root', root, '--out', path.join(root, 'dist'), '--format', 'scorm12', '--variant', 'es'], {
      stdout: () => undefined, stderr: (t) => errors.push(t), cwd: root, isTTY: false,
    });
    expect(exit).toBe(1);
    expect(errors.join('\n')).toMatch(/modules\/02-seguridad\/module\.md:1:1.*4096.*scorm-suspend-budget/s);
    expect(existsSync(path.join(root, 'dist/es/m02-seguridad.scorm12.zip'))).toBe(false);
    expect(existsSync(path.join(root, 'dist/es/m01-cuidado-profesional.scorm12.zip'))).toBe(true);
  });
});
