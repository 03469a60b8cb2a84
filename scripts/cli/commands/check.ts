import path from 'node:path';
import { checkProgramme } from '../../validate/check-cache.ts';
import { formatDiagnostics } from '../../validate/format-diagnostics.ts';
import type { Command } from '../command.ts';
import { CliError } from '../errors.ts';
import { parseCommandArgs } from '../options.ts';

/** What `--review` lists: review notes, and interface strings and translations no native speaker has reviewed. */
const REVIEW_RULES = new Set(['review-note', 'unreviewed-interface-strings', 'unreviewed-translations']);

const usage = `Usage: wecare check [options]

Validates content/ and modules/ for every variant. Prints one line per problem,
file:line:column  severity  message  rule-id, and exits with 1 when there are errors.

Options:
  --root <dir>        programme root (default: current folder)
  --variant <list>    comma-separated variant codes (default: all the programme ships)
  --module <list>     comma-separated module ids (default: all)
  --frail             treat warnings as errors
  --lang <en|es>      language of messages (default: the programme's)
  --review            also list the notes marked for expert review (::review), and the
                      interface strings and stored translations no native speaker has reviewed
  --no-cache          check every file again (default: unchanged files are skipped, cache in .wecare-cache/)`;

const list = (value: string | undefined) => value?.split(',').map((item) => item.trim()).filter(Boolean);

export const command: Command = {
  summary: 'Validate the programme sources (every variant)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        root: { type: 'string' },
        variant: { type: 'string' },
        module: { type: 'string' },
        frail: { type: 'boolean', default: false },
        lang: { type: 'string' },
        review: { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
      },
      usage,
    );
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}".\n\n${usage}`, 2);
    const lang = values.lang === 'en' || values.lang === 'es' ? values.lang : undefined;
    if (values.lang && !lang) throw new CliError(`--lang takes "en" or "es", not "${values.lang}".`, 2);
    const root = path.resolve(io.cwd, values.root ?? '.');

    const result = await checkProgramme(root, {
      lang,
      variants: list(values.variant),
      modules: list(values.module),
      cache: values['no-cache'] ? false : undefined,
    });
    const diagnostics = result.diagnostics;
    const shownLang = lang ?? diagnostics.find((d) => d.lang)?.lang ?? 'en';
    if (values.review) {
      const notes = diagnostics.filter((d) => REVIEW_RULES.has(d.ruleId));
      io.stdout(notes.length ? formatDiagnostics(notes, { lang: shownLang, info: true }).split('\n').slice(0, -1).join('\n') : shownLang === 'es' ? 'No hay notas de revisión.' : 'No review notes.');
    }
    const problems = diagnostics.filter((d) => d.severity !== 'info');
    const failed = problems.some((d) => d.severity === 'error' || (values.frail && d.severity === 'warning'));
    if (problems.length) io.stderr(formatDiagnostics(problems, { lang: shownLang }));
    else io.stdout(shownLang === 'es' ? 'Sin problemas.' : 'No problems found.');
    return failed ? 1 : 0;
  },
};
