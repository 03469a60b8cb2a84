/** `wecare moodle competencies`: the programme's competence framework as a Moodle competency framework. */
import path from 'node:path';
import { loadProgramme } from '../../../scripts/api.ts';
import type { Command } from '../../../scripts/cli/command.ts';
import { CliError } from '../../../scripts/cli/errors.ts';
import { parseCommandArgs } from '../../../scripts/cli/options.ts';
import { formatDiagnostics } from '../../../scripts/validate/format-diagnostics.ts';
import { applyCompetencyPlan, formatCompetencyResult } from '../competencies/apply.ts';
import { courseCompetences, desiredFramework } from '../competencies/desired.ts';
import { changeCount, formatCompetencyPlan, planCompetencies } from '../competencies/plan.ts';
import { DeployConfigError, loadDeployConfig, type DeployConfig } from '../deploy/config.ts';
import { asCliError, connect, connectionFlags, connectionOptions } from './connection.ts';

const usage = `Usage: wecare moodle competencies [options]

Creates or updates, through core web services, a Moodle competency framework from
content/competences.yaml: areas, competences and learning outcomes as a tree of competencies
(idnumbers A1, C1.1, C1.1-K1; EQF level and outcome type in the description; each variant's
national entry in the competence's description), and links each course mapped in
moodle.deploy.courses to the competences of its modules. Matched by idnumber: a second run plans
nothing. Dry run by default. Course backups (wecare build --format mbz) carry the same links,
which Moodle's restore keeps once this framework exists on the site.

Options:
  --apply                 carry the plan out (default: dry run)
  --root <dir>            programme root (default: current folder)
  --url <url>             Moodle site (default: MOODLE_URL)
  --concurrency <n>       requests in flight (default 4)
  --allow-insecure-http   allow http:// to a non-loopback host (test sites only)

Environment: MOODLE_URL, MOODLE_TOKEN (the token is never accepted on the command line).
The token's service needs core_competency_list_competency_frameworks, _create_competency_framework,
_update_competency_framework, _list_competencies, _create_competency, _update_competency,
_list_course_competencies, _add_competency_to_course and core_course_get_courses_by_field.
Exit codes: 0 done (or nothing to do), 1 a write failed, 2 bad usage, 3 something was left undone (listed).`;

export const command: Command = {
  summary: 'Create or update the competency framework in Moodle (dry run unless --apply)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { apply: { type: 'boolean', default: false }, root: { type: 'string' }, ...connectionOptions }, usage);
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}".\n\n${usage}`, 2);
    const root = path.resolve(io.cwd, values.root ?? '.');

    const loaded = await loadProgramme(root);
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    if (!loaded.programmes.length) {
      io.stderr(formatDiagnostics(loaded.diagnostics));
      throw new CliError('no variant of the programme could be resolved; fix the errors (wecare check) and run again.', 1);
    }
    // The framework comes from content/competences.yaml: problems elsewhere (a module, a translation) do not change it.
    if (errors) io.stderr(`The sources have ${errors} error(s) (see wecare check); the framework and course links are taken from what resolves.`);
    let config: DeployConfig | undefined;
    try {
      config = await loadDeployConfig(root);
    } catch (error) {
      if (!(error instanceof DeployConfigError)) throw error;
      io.stderr('No usable moodle.deploy.courses in content/programme.yaml: the framework is synced, no course is linked.');
    }
    const framework = desiredFramework(loaded.programmes);
    const courses = loaded.programmes.flatMap((programme) => (config?.courses[programme.variant.code] ?? []).map((mapping) => ({ course: mapping.course, competences: courseCompetences(programme, mapping.modules) })));

    const client = connect(connectionFlags(values));
    try {
      const plan = await planCompetencies(client, framework, courses, config?.courseKey ?? 'idnumber');
      io.stdout(`Competency framework ${framework.idnumber} (${framework.competencies.length} competencies) on ${client.siteLabel}:`);
      io.stdout(formatCompetencyPlan(plan));
      const undone = plan.problems.length ? 3 : 0;
      if (!values.apply) {
        if (changeCount(plan)) io.stdout('Dry run: nothing was changed. Run again with --apply to carry this out.');
        return undone;
      }
      if (!changeCount(plan)) return undone;
      const result = await applyCompetencyPlan(client, plan);
      io.stdout(formatCompetencyResult(result));
      return result.failure ? 1 : undone;
    } catch (error) {
      return asCliError(error);
    }
  },
};
