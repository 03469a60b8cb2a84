import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../../../scripts/cli/command.ts';
import { CliError } from '../../../scripts/cli/errors.ts';
import { parseCommandArgs } from '../../../scripts/cli/options.ts';
import { loadMoodleConfig, MoodleConfigError } from '../config/moodle-config.ts';
import { collectReport, type ParticipantInfo } from '../report/collect.ts';
import { writeReports } from '../report/render.ts';
import { CsvError } from '../roster/csv.ts';
import { readRoster } from '../sync/index.ts';
import { asCliError, connect } from './connection.ts';

const usage = `Usage: wecare moodle report [options]

Pulls activity completion, course completion, SCORM and H5P scores and attempts and grades of the
participants enrolled in the courses mapped in content/programme.yaml, and writes
reports/completion.csv, reports/summary.json and reports/index.html (self-contained, SVG charts).
Personal data kept: participant ids only.

Options:
  --roster <file.csv>     take intake and group from the roster (default: groups from Moodle)
  --source <auto|core>    auto (default): one call per course through the local_wecare plugin when
                          the site has it; core: core web services only
  --out <dir>             output folder (default: <root>/reports)
  --root <dir>            programme root (default: current folder)
  --url <url>             Moodle site (default: MOODLE_URL)
  --max-input-vars <n>    the site's PHP max_input_vars (default 1000)
  --concurrency <n>       requests in flight (default 4)
  --allow-insecure-http   allow http:// to a non-loopback host (test sites only)

Environment: MOODLE_URL, MOODLE_TOKEN (the token is never accepted on the command line).`;

export const command: Command = {
  summary: 'Pull completion, scores and attempts into reports/',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        roster: { type: 'string' },
        source: { type: 'string', default: 'auto' },
        out: { type: 'string' },
        root: { type: 'string' },
        url: { type: 'string' },
        'max-input-vars': { type: 'string' },
        concurrency: { type: 'string' },
        'allow-insecure-http': { type: 'boolean', default: false },
      },
      usage,
    );
    if (values.source !== 'auto' && values.source !== 'core') throw new CliError(`--source takes "auto" or "core", not "${values.source}".`, 2);
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}".\n\n${usage}`, 2);
    const root = path.resolve(io.cwd, values.root ?? '.');
    const outDir = path.resolve(root, values.out ?? 'reports');
    let config;
    try {
      config = await loadMoodleConfig(root);
    } catch (error) {
      if (error instanceof MoodleConfigError) throw new CliError(`content/programme.yaml has problems:\n${error.message}`, 1);
      throw error;
    }
    let roster: Map<string, ParticipantInfo> | undefined;
    if (values.roster) {
      const rosterPath = path.resolve(io.cwd, values.roster);
      try {
        const parsed = readRoster(await readFile(rosterPath), config);
        roster = new Map(parsed.participants.map((p) => [p.id, { intake: p.intake, group: p.group }]));
        if (parsed.problems.length) io.stderr(`${parsed.problems.length} bad row(s) in the roster ignored (see wecare moodle sync).`);
      } catch (error) {
        if (error instanceof CsvError) throw new CliError(`${values.roster}: ${error.message}`, 1);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`cannot read the roster ${values.roster}.`, 2);
        throw error;
      }
    }
    const client = connect({ url: values.url, allowInsecureHttp: values['allow-insecure-http'], maxInputVars: values['max-input-vars'], concurrency: values.concurrency });
    try {
      const started = performance.now();
      const data = await collectReport(client, config, { roster, source: values.source as 'auto' | 'core' });
      const { files, summary } = await writeReports(outDir, data, { calls: client.stats.calls, source: data.source });
      if (data.source === 'core') io.stderr('Using core web services (one call per participant and course); install the local_wecare plugin for a handful of calls per course.');
      for (const course of summary.courses) io.stdout(`${course.course.padEnd(14)} ${course.participants} participant(s), ${course.activities} activit(ies)${course.completed === null ? ', no course completion criteria' : `, ${course.completed} completed`}`);
      io.stdout(`Wrote ${files.map((f) => path.relative(io.cwd, f)).join(', ')} (${client.stats.calls} web-service calls, ${((performance.now() - started) / 1000).toFixed(1)} s).`);
      return 0;
    } catch (error) {
      return asCliError(error);
    }
  },
};
