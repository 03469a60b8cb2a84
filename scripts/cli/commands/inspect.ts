import path from 'node:path';
import { loadProgramme } from '../../api.ts';
import type { ModuleIR } from '../../ir/types.ts';
import { formatDiagnostics } from '../../validate/format-diagnostics.ts';
import type { Command } from '../command.ts';
import { CliError } from '../errors.ts';
import { parseCommandArgs } from '../options.ts';

const usage = `Usage: wecare inspect <module> [options]

Prints a module resolved for one variant (the intermediate representation every compiler reads), as JSON.
<module> is a module id (m01-cuidado-profesional), its folder name (01-cuidado-profesional),
or "assessment" for content/assessment.

Options:
  --variant <code>    variant to resolve (default: the programme's first)
  --root <dir>        programme root (default: current folder)
  --lang <en|es>      language of messages (default: the programme's)`;

function matches(module: ModuleIR, wanted: string): boolean {
  const folder = path.posix.basename(path.posix.dirname(module.source.file));
  return module.id === wanted || folder === wanted;
}

export const command: Command = {
  summary: 'Print a module resolved for one variant, as JSON',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { variant: { type: 'string' }, root: { type: 'string' }, lang: { type: 'string' } }, usage);
    const wanted = positionals[0];
    if (!wanted || positionals.length > 1) throw new CliError(`name one module.\n\n${usage}`, 2);
    const lang = values.lang === 'en' || values.lang === 'es' ? values.lang : undefined;
    if (values.lang && !lang) throw new CliError(`--lang takes "en" or "es", not "${values.lang}".`, 2);
    const root = path.resolve(io.cwd, values.root ?? '.');

    const { programmes, diagnostics } = await loadProgramme(root, { lang, variants: values.variant ? [values.variant] : undefined });
    const problems = diagnostics.filter((d) => d.severity !== 'info');
    const programme = values.variant ? programmes.find((p) => p.variant.code === values.variant) : programmes[0];
    if (!programme) {
      if (problems.length) io.stderr(formatDiagnostics(problems, { lang }));
      throw new CliError(values.variant ? `variant "${values.variant}" is not in this programme.` : 'the programme could not be read.', 1);
    }
    const module =
      wanted === 'assessment' && programme.assessment
        ? programme.assessment
        : [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])].find((m) => matches(m, wanted));
    if (!module) {
      const known = programme.modules.map((m) => m.id).join(', ');
      throw new CliError(`no module "${wanted}" in variant ${programme.variant.code}. Modules: ${known || '(none)'}.`, 1);
    }
    io.stdout(JSON.stringify(module, null, 2));
    if (problems.length) io.stderr(formatDiagnostics(problems, { lang }));
    return problems.some((d) => d.severity === 'error') ? 1 : 0;
  },
};
