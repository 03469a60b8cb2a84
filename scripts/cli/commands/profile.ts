import path from 'node:path';
import type { ProgrammeIR } from '../../ir/types.ts';
import type { ResultsFormat } from '../../profile/types.ts';
import type { Command } from '../command.ts';
import { CliError } from '../errors.ts';
import { parseCommandArgs } from '../options.ts';

const usage = `Usage: wecare profile --results <file> [options]

Turns diagnostic-assessment results into a professional profile per learner (HTML), a cohort CSV
and a cohort summary page. Formats of the results file: docs/profile.md.

Options:
  --results <file>        results exported from an LMS (CSV or JSON) or pulled from Moodle (SCORM tracks, H5P results)
  --format <f>            csv, json, scorm or h5p (default: from the extension; .json is json, scorm or h5p by content)
  --out <dir>             output folder (default: <root>/reports/profiles)
  --root <dir>            programme root (default: current folder)
  --variant <code>        variant of learners whose results do not name one (default: the programme's first)
  --low-knowledge <pct>   knowledge below this is a gap (default 60)
  --lacking <pct>         a competence is lacking in the cohort when this share of learners has a gap (default 50)
  --skip-invalid          write the profiles of valid learners and list the others, instead of writing nothing
  --lang <en|es>          language of programme diagnostics (default: the programme's)`;

function percentOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 100) throw new CliError(`--${name} takes a percentage from 0 to 100, not "${value}".`, 2);
  return number / 100;
}

export const command: Command = {
  summary: 'Turn assessment results into professional profiles',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        results: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        root: { type: 'string' },
        variant: { type: 'string' },
        'low-knowledge': { type: 'string' },
        lacking: { type: 'string' },
        'skip-invalid': { type: 'boolean', default: false },
        lang: { type: 'string' },
      },
      usage,
    );
    const resultsArg = values.results ?? positionals[0];
    if (!resultsArg) throw new CliError(`--results <file> is required.\n\n${usage}`, 2);
    const format = values.format;
    if (format !== undefined && format !== 'csv' && format !== 'json' && format !== 'scorm' && format !== 'h5p') throw new CliError(`--format takes csv, json, scorm or h5p, not "${format}".`, 2);
    const lang = values.lang === 'en' || values.lang === 'es' ? values.lang : undefined;
    if (values.lang && !lang) throw new CliError(`--lang takes "en" or "es", not "${values.lang}".`, 2);
    const lowKnowledge = percentOption(values['low-knowledge'], 'low-knowledge');
    const cohortLacking = percentOption(values.lacking, 'lacking');

    const root = path.resolve(io.cwd, values.root ?? '.');
    const resultsFile = path.resolve(io.cwd, resultsArg);
    const outDir = path.resolve(io.cwd, values.out ?? path.join(root, 'reports/profiles'));

    const { readResultsFile } = await import('../../profile/read-results.ts');
    const displayName = path.relative(io.cwd, resultsFile) || resultsFile;
    const read = await readResultsFile(resultsFile, format as ResultsFormat | undefined, displayName);

    const { formatProblem } = await import('../../profile/problems.ts');
    if (!read.learners.length) {
      const problems = read.problems.length ? read.problems.map(formatProblem) : [`${displayName} contains no learner.`];
      throw new CliError(`nothing to profile; nothing was written.\n${problems.join('\n')}`);
    }

    // Resolve only the variants the results need (resolving a programme takes seconds per variant).
    const named = new Set(read.learners.flatMap((learner) => (learner.variant ? [learner.variant] : [])));
    const everyLearnerNamed = read.learners.every((learner) => learner.variant);
    const wanted = everyLearnerNamed || values.variant ? [...new Set([...named, ...(values.variant ? [values.variant] : [])])] : undefined;
    const { loadProgramme } = await import('../../api.ts');
    const loaded = await loadProgramme(root, { ...(lang ? { lang } : {}), ...(wanted?.length ? { variants: wanted } : {}) });
    const unknownVariants = loaded.diagnostics.filter((d) => d.ruleId === 'unknown-variant');
    if (values.variant && !loaded.programmes.some((programme) => programme.variant.code === values.variant)) {
      throw new CliError(`--variant "${values.variant}" is not one of the programme's variants${loaded.programmes[0] ? ` (${loaded.programmes[0].programme.variants.join(', ')})` : ''}.`, 2);
    }
    // A learner's unknown variant is reported against that learner below, not as a programme error.
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error' && !unknownVariants.includes(d));
    if (errors.length) {
      const { formatDiagnostics } = await import('../../validate/format-diagnostics.ts');
      io.stderr(formatDiagnostics(errors, lang ? { lang } : {}));
      throw new CliError('the programme has errors; fix them (see `wecare check`) before computing profiles.');
    }
    const programmes: ProgrammeIR[] = loaded.programmes;
    if (!programmes.length) {
      throw new CliError(`no learner in ${displayName} names a variant this programme ships (${[...named].join(', ') || 'none named'}).\n${unknownVariants.map((d) => d.message).join('\n')}`);
    }
    if (programmes.length && programmes.every((programme) => !programme.assessment)) throw new CliError('the programme has no diagnostic assessment (content/assessment/), so there is nothing to compare results with.');

    const { runProfiles } = await import('../../profile/run.ts');
    const { ResultsError } = await import('../../profile/problems.ts');
    const { MissingAssessmentError } = await import('../../profile/assessment-map.ts');
    try {
      const result = await runProfiles({
        resultsFile,
        displayName,
        read,
        ...(format ? { format } : {}),
        outDir,
        programmes,
        ...(values.variant ? { defaultVariant: values.variant } : {}),
        thresholds: { ...(lowKnowledge !== undefined ? { lowKnowledge } : {}), ...(cohortLacking !== undefined ? { cohortLacking } : {}) },
        skipInvalid: values['skip-invalid'],
      });
      if (result.skipped.length) {
        io.stderr(`Skipped (not profiled):\n${result.skipped.map(formatProblem).join('\n')}`);
      }
      const lacking = result.summary.competences.filter((c) => c.lacking).map((c) => c.competenceId);
      io.stdout(`Profiled ${result.profiles.length} learner(s) into ${path.relative(io.cwd, outDir) || '.'}: index.html, cohort.csv, profiles.json and one page per learner.`);
      io.stdout(lacking.length ? `Competences the cohort lacks: ${lacking.join(', ')}.` : 'No competence is lacking across the cohort.');
      return 0;
    } catch (error) {
      if (error instanceof ResultsError) {
        const hint = values['skip-invalid'] ? '(No learner was valid.)' : '(Fix the results, or use --skip-invalid to profile the valid learners anyway.)';
        throw new CliError(`the results do not match the assessment; nothing was written.\n${error.problems.map(formatProblem).join('\n')}\n${hint}`);
      }
      if (error instanceof MissingAssessmentError) throw new CliError(error.message);
      throw error;
    }
  },
};
