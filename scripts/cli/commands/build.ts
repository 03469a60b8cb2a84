import { existsSync } from 'node:fs';
import path from 'node:path';
import { allFormats } from '../../build/formats.ts';
import { plainProgress, terminalProgress } from '../../build/progress.ts';
import { runBuild, type BuildOutcome } from '../../build/run-build.ts';
import type { Diagnostic } from '../../validate/diagnostic.ts';
import { formatDiagnostics } from '../../validate/format-diagnostics.ts';
import { isSummarised, summaryLines } from '../../validate/summary.ts';
import type { CliIO, Command } from '../command.ts';
import { CliError } from '../errors.ts';
import { parseCommandArgs } from '../options.ts';

const usage = `Usage: wecare build [options]

Compiles every module × variant of the programme into dist/. Only outputs whose sources,
variant data, options or toolkit changed are built again; dist/.wecare-build.json records
what dist/ holds and from what.

Options:
  --root <dir>            programme root (default: current folder)
  --out <dir>             output folder (default: <root>/dist)
  --format <list>         comma-separated: ${allFormats.join(', ')} (default: the programme's formats)
  --variant <list>        comma-separated variant codes (default: all the programme ships)
  --module <list>         comma-separated module ids, or their first part (m01); builds those
                          modules' outputs only and leaves the rest of dist/ as it is (the web
                          index and the trainer guide cover every module: they are left too)
  --force                 ignore the build index: build everything asked for again
  --h5p-libraries <dir>   bundle H5P libraries from this folder into the .h5p packages
  --h5p-core-api <x.y>    target H5P core API (default 1.27)
  --allow-untranslated    a variant taught in another language ships the source text of units
                          not translated yet (one warning per module) instead of failing
  --frail                 treat warnings as errors
  --lang <en|es>          language of messages (default: the programme's)`;

function splitList(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}

export const command: Command = {
  summary: 'Compile modules × variants into SCORM, H5P, web preview and guide',
  usage,
  async run(args, io) {
    const started = performance.now();
    const { values } = parseCommandArgs(
      args,
      {
        root: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        variant: { type: 'string' },
        module: { type: 'string' },
        force: { type: 'boolean', default: false },
        'h5p-libraries': { type: 'string' },
        'h5p-core-api': { type: 'string' },
        frail: { type: 'boolean', default: false },
        'allow-untranslated': { type: 'boolean', default: false },
        lang: { type: 'string' },
      },
      usage,
    );
    const root = path.resolve(io.cwd, values.root ?? '.');
    const outDir = path.resolve(root, values.out ?? 'dist');
    const lang = values.lang === 'en' || values.lang === 'es' ? values.lang : undefined;
    if (values.lang && !lang) throw new CliError(`--lang takes "en" or "es", not "${values.lang}".`, 2);

    const outcome = await runBuild({
      root,
      outDir,
      ...(values.format ? { formats: splitList(values.format) } : {}),
      ...(values.variant ? { variants: splitList(values.variant) } : {}),
      ...(values.module ? { modules: splitList(values.module) } : {}),
      options: { h5pLibraries: values['h5p-libraries'] && path.resolve(io.cwd, values['h5p-libraries']), h5pCoreApi: values['h5p-core-api'], lang },
      ...(lang ? { lang } : {}),
      frail: values.frail,
      force: values.force,
      allowUntranslated: values['allow-untranslated'],
      progress: io.isTTY ? terminalProgress(io.stdout) : plainProgress(io.stdout),
    });
    const problems = outcome.diagnostics.filter((d) => !isSummarised(d));
    // Review notes are `info`: `wecare check --review` lists them; a build does not repeat them.
    if (problems.some((d) => d.severity !== 'info')) io.stderr(formatDiagnostics(problems, { lang }));
    // Documented design choices (e.g. H5P approximations): once per kind, not as warnings.
    for (const line of summaryLines(outcome.diagnostics, lang ?? outcome.diagnostics.find((d) => d.lang)?.lang ?? 'en')) io.stdout(line);
    if (outcome.stopped) return 1;
    io.stdout(summary(outcome, outDir, io, (performance.now() - started) / 1000));
    return hasFailures(outcome.diagnostics, values.frail) || outcome.units.some((unit) => unit.status === 'failed') ? 1 : 0;
  },
};

function hasFailures(diagnostics: Diagnostic[], frail: boolean | undefined): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (frail && d.severity === 'warning'));
}

/** What was built, what was left, and what to open. */
function summary(outcome: BuildOutcome, outDir: string, io: CliIO, seconds: number): string {
  const shown = (file: string) => path.relative(io.cwd, file) || '.';
  const count = (status: string) => outcome.units.filter((unit) => unit.status === status).length;
  const built = count('built');
  const fresh = count('up-to-date');
  const failed = count('failed');
  const lines: string[] = [];
  const time = `${seconds.toFixed(1)} s`;
  if (!built && !failed) lines.push(`Nothing to rebuild: ${fresh} output${fresh === 1 ? '' : 's'} up to date in ${shown(outDir)} (${time}).`);
  else lines.push(`Built ${built} output${built === 1 ? '' : 's'}${fresh ? `, ${fresh} up to date` : ''}${failed ? `, ${failed} failed` : ''} in ${shown(outDir)} (${time}).`);
  if (outcome.leftAlone.length) {
    const names = outcome.leftAlone.map((unit) => `${unit.variant} ${unit.format === 'web' ? 'web index' : unit.format}`);
    lines.push(`Left as they were, since --module names modules only: ${names.join(', ')}. Run \`wecare build\` without --module to bring them up to date.`);
  }
  const open: string[] = [];
  for (const variant of [...new Set(outcome.units.map((unit) => unit.variant))]) {
    const web = path.join(outDir, variant, 'web', 'index.html');
    if (existsSync(web)) open.push(`  ${shown(web)}  web preview (${variant})`);
    const guideFiles = outcome.units.find((unit) => unit.variant === variant && unit.format === 'guide')?.files ?? [];
    const guide = ['.pdf', '.html'].map((ext) => guideFiles.find((file) => file.endsWith(ext))).find((file) => file !== undefined && existsSync(path.join(outDir, file)));
    if (guide) open.push(`  ${shown(path.join(outDir, guide))}  trainer guide (${variant})`);
  }
  if (open.length) lines.push('Open:', ...open);
  return lines.join('\n');
}
