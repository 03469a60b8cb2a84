/**
 * Packages and programmes for the deployment tests: tiny but valid SCORM and H5P zips written by
 * the toolkit's own zip writer, and the fixture IR extended with a module without a quiz and a
 * diagnostic assessment.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZipArchive } from 'archiver';
import { Writable } from 'node:stream';
import type { ModuleIR, ProgrammeIR } from '../../../scripts/ir/types.ts';
import { createZip } from '../../../scripts/package/zip.ts';
import { sampleProgramme } from '../../fixtures/ir/sample-programme.ts';

export function tempDir(prefix = 'wecare-deploy-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A one-SCO SCORM 1.2 package whose page says `body`. */
export function scormZip(title: string, body: string): Promise<Buffer> {
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="wecare-test" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>${title}</title>
    <item identifier="item" identifierref="res"><title>${title}</title></item>
  </organization></organizations>
  <resources><resource identifier="res" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/></resource></resources>
</manifest>`;
  return createZip([
    { name: 'imsmanifest.xml', data: manifest },
    { name: 'index.html', data: `<!doctype html><html lang="es"><title>${title}</title><p>${body}</p></html>` },
  ]);
}

/** An H5P package of `mainLibrary` that optionally bundles that library. */
export function h5pZip(options: { title: string; mainLibrary?: string; version?: [number, number]; bundleLibrary?: boolean; body?: string }): Promise<Buffer> {
  const mainLibrary = options.mainLibrary ?? 'H5P.Text';
  const [major, minor] = options.version ?? [1, 1];
  const entries = [
    { name: 'h5p.json', data: JSON.stringify({ title: options.title, language: 'es', mainLibrary, embedTypes: ['div'], license: 'U', preloadedDependencies: [{ machineName: mainLibrary, majorVersion: major, minorVersion: minor }] }) },
    { name: 'content/content.json', data: JSON.stringify({ text: options.body ?? options.title }) },
  ];
  if (options.bundleLibrary) {
    entries.push({ name: `${mainLibrary}-${major}.${minor}/library.json`, data: JSON.stringify({ title: mainLibrary, machineName: mainLibrary, majorVersion: major, minorVersion: minor, patchVersion: 0, runnable: 1, preloadedJs: [{ path: 'text.js' }] }) });
    entries.push({ name: `${mainLibrary}-${major}.${minor}/text.js`, data: 'H5P.Text = function () {};' });
  }
  return createZip(entries);
}

/** A zip with a directory entry, which the toolkit's writer refuses to make. */
export async function zipWithDirectoryEntry(files: Record<string, string>, directory: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({ write(chunk: Buffer, _encoding, callback) { chunks.push(chunk); callback(); } });
  const archive = new ZipArchive({ zlib: { level: 9 } });
  const done = new Promise<void>((resolve, reject) => { sink.on('finish', resolve); archive.on('error', reject); });
  archive.pipe(sink);
  archive.append('', { name: directory.endsWith('/') ? directory : `${directory}/` });
  for (const [name, data] of Object.entries(files)) archive.append(data, { name });
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/**
 * The fixture programme for one variant with three packages: m01-demo (with a quiz), m02-sinquiz
 * (no quiz) and the diagnostic assessment.
 */
export function deployProgramme(variant: 'es' | 'co', mediaDir: string): ProgrammeIR {
  const programme = sampleProgramme(variant, mediaDir);
  const base = programme.modules[0]!;
  const noQuiz: ModuleIR = { ...base, id: 'm02-sinquiz', title: 'Módulo sin cuestionario', summary: 'Lecturas.', lessons: base.lessons.map((lesson) => ({ ...lesson, blocks: lesson.blocks.filter((block) => block.kind !== 'quiz' && block.kind !== 'single-choice') })) };
  const assessment: ModuleIR = {
    ...base,
    id: 'diagnostico',
    title: 'Evaluación diagnóstica',
    summary: 'Punto de partida.',
    lessons: base.lessons.map((lesson) => ({ ...lesson, blocks: lesson.blocks.map((block) => (block.kind === 'quiz' ? { ...block, id: 'diag-quiz', title: 'Diagnóstico' } : block)) })),
  };
  return { ...programme, modules: [base, noQuiz], assessment };
}
