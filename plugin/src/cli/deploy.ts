/** `wecare moodle deploy`: put the programme's SCORM and H5P packages into its Moodle courses. */
import path from 'node:path';
import { loadProgramme } from '../../../scripts/api.ts';
import type { Command } from '../../../scripts/cli/command.ts';
import { CliError } from '../../../scripts/cli/errors.ts';
import { parseCommandArgs } from '../../../scripts/cli/options.ts';
import type { Diagnostic } from '../../../scripts/validate/diagnostic.ts';
import { formatDiagnostics } from '../../../scripts/validate/format-diagnostics.ts';
import { DeployConfigError, loadDeployConfig } from '../deploy/config.ts';
import { deployItems } from '../deploy/items.ts';
import { buildPackages } from '../deploy/packages.ts';
import { checkDeployAccess, PluginUnavailableError, runDeploy } from '../deploy/run.ts';
import { formatDeployReport } from '../deploy/table.ts';
import { DraftUploader } from '../deploy/upload.ts';
import { MoodleError } from '../moodle/errors.ts';
import { asCliError, connect, connectionFlags, connectionOptions } from './connection.ts';

const usage = `Usage: wecare moodle deploy [options]

Builds the SCORM / H5P packages of the modules mapped in content/programme.yaml (moodle.deploy),
then compares them with the activities of each Moodle course (found by idnumber, compared by
package SHA-1, name, section and completion rule) and prints a table of course / section /
activity / result. Nothing changes on the site without --apply. Unchanged packages are never
uploaded again. Needs the local_wecare plugin on the site (see \`wecare moodle plugin-zip\`).

Options:
  --apply                 create and update the activities (default: dry run)
  --variant <list>        only these variants (default: every variant moodle.deploy maps)
  --prebuilt              take the packages already in --out from an earlier \`wecare build\`
  --out <dir>             package folder (default: <root>/dist)
  --h5p-libraries <dir>   bundle H5P libraries when building (for sites without them)
  --unlock-criteria       replace course completion criteria even when learners already have
                          course completion data (Moodle then recalculates it)
  --root <dir>            programme root (default: current folder)
  --url <url>             Moodle site (default: MOODLE_URL)
  --concurrency <n>       requests in flight (default 4)
  --allow-insecure-http   allow http:// to a non-loopback host (test sites only)

Environment: MOODLE_URL, MOODLE_TOKEN (the token is never accepted on the command line).
Exit codes: 0 done (or nothing to do), 1 some activity failed or the site cannot deploy, 2 bad usage.`;

export const command: Command = {
  summary: 'Upload packages into Moodle courses (dry run unless --apply)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        apply: { type: 'boolean', default: false },
        variant: { type: 'string' },
        prebuilt: { type: 'boolean', default: false },
        out: { type: 'string' },
        'h5p-libraries': { type: 'string' },
        'unlock-criteria': { type: 'boolean', default: false },
        root: { type: 'string' },
        ...connectionOptions,
      },
      usage,
    );
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}".\n\n${usage}`, 2);
    const root = path.resolve(io.cwd, values.root ?? '.');
    const outDir = path.resolve(root, values.out ?? 'dist');

    let config;
    try {
      config = await loadDeployConfig(root);
    } catch (error) {
      if (error instanceof DeployConfigError) throw new CliError(`content/programme.yaml has problems:\n${error.message}`, 1);
      throw error;
    }
    const requested = values.variant?.split(',').map((v) => v.trim()).filter(Boolean);
    const mapped = Object.keys(config.courses);
    const unknown = requested?.filter((variant) => !mapped.includes(variant)) ?? [];
    if (unknown.length) throw new CliError(`--variant ${unknown.join(', ')}: moodle.deploy.courses maps only ${mapped.join(', ')}.`, 2);
    const variants = requested ?? mapped;

    // Connect first: a missing MOODLE_URL or MOODLE_TOKEN is reported before a long build.
    const client = connect(connectionFlags(values));
    let uploader: DraftUploader;
    try {
      uploader = new DraftUploader({ url: values.url ?? process.env.MOODLE_URL ?? '', token: process.env.MOODLE_TOKEN ?? '', allowInsecureHttp: values['allow-insecure-http'] });
    } catch (error) {
      return asCliError(error);
    }

    // The site must be able to deploy before anything is built.
    try {
      await checkDeployAccess(client, { apply: values.apply, completionCriteria: config.completionCriteria });
    } catch (error) {
      if (error instanceof PluginUnavailableError) throw new CliError(error.message, 1);
      return asCliError(error);
    }

    const loaded = await loadProgramme(root, { variants });
    const diagnostics: Diagnostic[] = [...loaded.diagnostics];
    if (diagnostics.some((d) => d.severity === 'error')) {
      io.stderr(formatDiagnostics(diagnostics));
      return 1;
    }
    if (!values.prebuilt) {
      const built = await buildPackages(root, outDir, loaded.programmes, config.formats, { h5pLibraries: values['h5p-libraries'] });
      if (built.diagnostics.some((d) => d.severity === 'error')) {
        io.stderr(formatDiagnostics(built.diagnostics));
        io.stderr('The packages could not be built; nothing was deployed.');
        return 1;
      }
      io.stdout(`Built ${built.files} package(s) (${config.formats.join(', ')}) in ${path.relative(io.cwd, outDir) || '.'}.`);
    }
    const { items, problems } = deployItems(loaded.programmes, config, outDir);
    if (problems.length) throw new CliError(`moodle.deploy cannot be carried out:\n${problems.map((p) => `  ${p.message}`).join('\n')}`, 1);
    if (!items.length) {
      io.stdout('moodle.deploy maps no package for these variants: nothing to deploy.');
      return 0;
    }

    try {
      const report = await runDeploy({
        client,
        uploader,
        items,
        courseKey: config.courseKey,
        idnumberPrefix: config.idnumberPrefix,
        apply: values.apply,
        visible: config.visible,
        completionCriteria: config.completionCriteria,
        unlockCriteria: values['unlock-criteria'],
        accessChecked: true,
        onRow: (row, done, total) => io.stderr(`[${done}/${total}] ${row.course} · ${row.idnumber}: ${row.outcome}${row.uploaded ? ' (uploaded)' : ''}`),
      });
      io.stdout(`${values.apply ? 'Deployed to' : 'Plan for'} ${client.siteLabel}:\n`);
      io.stdout(formatDeployReport(report));
      const failed = report.rows.some((row) => row.outcome === 'failed' || row.outcome === 'conflict') || report.courses.some((course) => course.criteria === 'failed');
      return failed ? 1 : 0;
    } catch (error) {
      if (error instanceof PluginUnavailableError) throw new CliError(error.message, 1);
      if (error instanceof MoodleError) return asCliError(error);
      throw error;
    }
  },
};
