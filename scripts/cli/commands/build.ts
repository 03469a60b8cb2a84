import path from 'node:path';
import { loadProgramme } from '../../api.ts';
import { allFormats, formatCompilers, type BuiltArtifact } from '../../build/formats.ts';
import type { BuildFormat } from '../../ir/types.ts';
import type { Diagnostic } from '../../validate/diagnostic.ts';
import { formatDiagnostics } from '../../validate/format-diagnostics.ts';
import type { Command } from '../command.ts';
import { CliError } from '../errors.ts';
import { parseCommandArgs } from '../options.ts';

const usage = `Usage: wecare build [options]

Compiles every module × variant of the programme.

Options:
  --root <dir>            programme root (default: current folder)
  --out <dir>             output folder (default: <root>/dist)
  --format <list>         comma-separated: ${allFormats.join(', ')} (default: the programme's formats)
  --variant <list>        comma-separated variant codes (default: all the programme ships)
  --module <list>         comma-separated module ids (default: all)
  --h5p-libraries <dir>   bundle H5P libraries from this folder into the .h5p packages
  --h5p-core-api <x.y>    target H5P core API (default 1.27)
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
    const { values } = parseCommandArgs(
      args,
      {
        root: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        variant: { type: 'string' },
        module: { type: 'string' },
        'h5p-libraries': { type: 'string' },
        'h5p-core-api': { type: 'string' },
        frail: { type: 'boolean', default: false },
        lang: { type: 'string' },
      },
      usage,
    );
    const root = path.resolve(io.cwd, values.root ?? '.');
    const outDir = path.resolve(root, values.out ?? 'dist');
    const lang = values.lang === 'en' || values.lang === 'es' ? values.lang : undefined;
    if (values.lang && !lang) throw new CliError(`--lang takes "en" or "es", not "${values.lang}".`, 2);

    const loaded = await loadProgramme(root, { variants: splitList(values.variant), modules: splitList(values.module), lang });
    const diagnostics: Diagnostic[] = [...loaded.diagnostics];
    if (hasFailures(diagnostics, values.frail)) {
      io.stderr(formatDiagnostics(withoutRepeats(diagnostics), { lang }));
      return 1;
    }
    const requested = splitList(values.format) as BuildFormat[] | undefined;
    const formats = requested ?? loaded.programmes[0]?.programme.defaults.formats ?? allFormats;
    const unknown = formats.filter((format) => !(format in formatCompilers));
    if (unknown.length) throw new CliError(`Unknown format "${unknown.join('", "')}". Use one of: ${allFormats.join(', ')}.`, 2);

    const artifacts: BuiltArtifact[] = [];
    for (const programme of loaded.programmes) {
      for (const format of formats) {
        const compiler = await formatCompilers[format]();
        const built = await compiler.build({
          root,
          outDir,
          programme,
          options: { h5pLibraries: values['h5p-libraries'] && path.resolve(io.cwd, values['h5p-libraries']), h5pCoreApi: values['h5p-core-api'], lang },
          report: (diagnostic) => diagnostics.push(diagnostic),
        });
        artifacts.push(...built);
        io.stdout(`${programme.variant.code}  ${format.padEnd(9)}  ${built.length} file(s)`);
      }
    }
    const distinct = withoutRepeats(diagnostics);
    // Review notes are `info`: `wecare check --review` lists them; a build does not repeat them.
    if (distinct.some((d) => d.severity !== 'info')) io.stderr(formatDiagnostics(distinct, { lang }));
    if (hasFailures(distinct, values.frail)) return 1;
    io.stdout(`Built ${artifacts.length} artifact(s) in ${path.relative(io.cwd, outDir) || '.'}`);
    return 0;
  },
};

function hasFailures(diagnostics: Diagnostic[], frail: boolean | undefined): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (frail && d.severity === 'warning'));
}

/** The same problem found once per variant is printed once. */
function withoutRepeats(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = [d.file, d.line, d.column, d.severity, d.ruleId, d.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
