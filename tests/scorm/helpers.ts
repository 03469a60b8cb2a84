/** Shared by the SCORM tests: build the sample programme, validate manifests with xmllint. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildFormat, ProgrammeIR } from '../../scripts/ir/types.ts';
import type { Diagnostic } from '../../scripts/validate/diagnostic.ts';
import { scorm12Format, scorm2004Format, webFormat } from '../../scripts/scorm/format.ts';
import type { BuiltArtifact } from '../../scripts/build/formats.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const standardsDir = path.resolve(repoRoot, '../shared/standards');
export const hasStandards = existsSync(path.join(standardsDir, 'scorm12/scorm12_all.xsd'));
let said = false;
export function sayWhySkipped(): void {
  if (!hasStandards && !said) {
    said = true;
    console.warn(`SCORM manifest validation skipped: ${standardsDir} (the shared standards folder with the XSDs) is absent.`);
  }
}

/** xmllint against the wrapper XSD; returns '' when valid, else xmllint's complaints. */
export function xmllint(xml: string, kind: 'scorm12' | 'scorm2004'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-manifest-'));
  const file = path.join(dir, 'imsmanifest.xml');
  writeFileSync(file, xml);
  const schema = kind === 'scorm12' ? path.join(standardsDir, 'scorm12/scorm12_all.xsd') : path.join(standardsDir, 'scorm2004-4th/scorm2004_4th_all.xsd');
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

export async function buildWith(programme: ProgrammeIR, outDir: string, formats: BuildFormat[] = ['scorm12', 'scorm2004', 'web']): Promise<{ artifacts: BuiltArtifact[]; diagnostics: Diagnostic[] }> {
  const compilers = { scorm12: scorm12Format, scorm2004: scorm2004Format, web: webFormat } as const;
  const diagnostics: Diagnostic[] = [];
  const artifacts: BuiltArtifact[] = [];
  for (const format of formats) {
    const compiler = compilers[format as keyof typeof compilers];
    artifacts.push(...(await compiler.build({ root: outDir, outDir, programme, options: {}, report: (d) => diagnostics.push(d) })));
  }
  return { artifacts, diagnostics };
}
