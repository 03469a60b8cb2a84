/**
 * Trainer-only material (trainer notes, face-to-face materials and steps, review notes) must never
 * reach learners. Asserted on the BUILT learner packages of the sample IR: SCORM 1.2, SCORM 2004,
 * H5P and the web preview, every text file inside them, with positive controls so the scan cannot
 * pass by reading nothing.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCompilers, type BuiltArtifact } from '../../scripts/build/formats.ts';
import type { BuildFormat } from '../../scripts/ir/types.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';

const TEXT = /\.(html?|js|mjs|json|xml|xsd|css|txt|svg|md)$/i;

/** Decodes what packages may encode (JSON \u escapes, HTML entities) so markers are found however written. */
function normalise(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCharCode(parseInt(n, 16)))
    .replace(/&(amp|lt|gt|quot);/g, (m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name] ?? m);
}

async function textFiles(artifact: BuiltArtifact): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const stat = statSync(artifact.path);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(artifact.path, { recursive: true, withFileTypes: true })) {
      const full = path.join(entry.parentPath, entry.name);
      if (entry.isFile() && TEXT.test(entry.name)) files.set(path.relative(artifact.path, full), normalise(readFileSync(full, 'utf8')));
    }
  } else if (/\.(zip|h5p)$/.test(artifact.path)) {
    for (const [name, data] of await readZip(readFileSync(artifact.path))) if (TEXT.test(name)) files.set(name, normalise(data.toString('utf8')));
  }
  return files;
}

const programme = sampleProgramme('es', mkdtempSync(path.join(os.tmpdir(), 'wecare-leak-src-')));
const module = programme.modules[0]!;
const f2f = module.lessons[0]!.blocks.find((block) => block.kind === 'face-to-face');
if (f2f?.kind !== 'face-to-face') throw new Error('the sample has a face-to-face activity');

const trainerOnly = [
  'NOTA-FORMADOR', // trainer note
  'PASO-FORMADOR', // face-to-face steps
  ...f2f.materials,
  ...module.reviews.map((review) => review.text),
];
const learnerVisible = ['Role-play de acogida', 'Lo haremos en el aula', '¿A qué número se llama en una emergencia?'];

const formats: BuildFormat[] = ['scorm12', 'scorm2004', 'h5p', 'web'];

describe('no trainer-only material in built learner packages', () => {
  const built = new Map<BuildFormat, Map<string, string>>();

  beforeAll(async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'wecare-leak-dist-'));
    for (const format of formats) {
      const compiler = await formatCompilers[format]();
      const artifacts = await compiler.build({ root: outDir, outDir, programme, options: {}, report: () => undefined });
      const files = new Map<string, string>();
      for (const artifact of artifacts) for (const [name, text] of await textFiles(artifact)) files.set(`${path.basename(artifact.path)}:${name}`, text);
      built.set(format, files);
    }
  });

  it.each(formats)('%s: learner content is there, trainer notes, steps, materials and reviews are not', (format) => {
    const files = built.get(format)!;
    expect(files.size).toBeGreaterThan(0);
    const all = [...files.values()].join('\n');
    for (const text of learnerVisible) expect(all, `${format} contains learner text "${text}"`).toContain(text);
    for (const marker of trainerOnly) {
      const leaks = [...files].filter(([, text]) => text.includes(marker)).map(([name]) => name);
      expect(leaks, `"${marker}" leaked into ${format}`).toEqual([]);
    }
  });
});
