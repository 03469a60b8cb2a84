/**
 * `wecare build --format mbz`: one Moodle course backup per course that `moodle.deploy` maps for
 * the variant, in `dist/<variant>/moodle/<course>.mbz`, restorable with Moodle's own restore
 * (course page or admin/cli/restore_backup.php) by anyone with course restore rights.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext, BuiltArtifact, FormatCompiler } from '../../build/formats.ts';
import { formatCompilers } from '../../build/formats.ts';
import { renderGuide } from '../../guide/render.ts';
import { guideFileName, guideStrings } from '../../guide/strings.ts';
import { DeployConfigError, loadDeployConfig } from '../../../plugin/src/deploy/config.ts';
import { deployItems } from '../../../plugin/src/deploy/items.ts';
import { writeMbz } from './mbz.ts';
import { courseBackups } from './plan.ts';

export const mbzFormat: FormatCompiler = {
  format: 'mbz',
  async build(context: BuildContext): Promise<BuiltArtifact[]> {
    const { programme } = context;
    let config;
    try {
      config = await loadDeployConfig(context.root);
    } catch (error) {
      if (!(error instanceof DeployConfigError)) throw error;
      for (const problem of error.problems) context.report({ file: problem.file, line: problem.line, column: problem.column, severity: 'error', ruleId: 'mbz-mapping', message: `${problem.message} (a course backup needs moodle.deploy.courses)`, lang: 'en' });
      return [];
    }
    if (!config.courses[programme.variant.code]?.length) return [];

    // The packages: built by their own compilers, exactly as `wecare build` writes them.
    let failed = false;
    for (const format of config.formats) {
      const compiler = await formatCompilers[format]();
      await compiler.build({ ...context, report: (d) => { if (d.severity === 'error') failed = true; context.report(d); } });
    }
    if (failed) return [];
    const { items, problems } = deployItems([programme], config, context.outDir);
    for (const problem of problems) context.report({ file: 'content/programme.yaml', line: 1, column: 1, severity: 'error', ruleId: 'mbz-mapping', message: problem.message, lang: 'en' });
    if (problems.length) return [];

    const rendered = await renderGuide(programme);
    const guide = { name: guideStrings(programme.variant).title, fileName: `${guideFileName(programme.variant)}.html`, data: Buffer.from(rendered.html, 'utf8') };
    const dir = path.join(context.outDir, programme.variant.code, 'moodle');
    await mkdir(dir, { recursive: true });
    const artifacts: BuiltArtifact[] = [];
    for (const backup of await courseBackups(programme, config, items, guide)) {
      const bytes = await writeMbz(backup);
      const file = path.join(dir, backup.fileName);
      await writeFile(file, bytes);
      artifacts.push({ format: 'mbz', path: file, bytes: bytes.length });
    }
    return artifacts;
  },
};
