import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../../../scripts/cli/command.ts';
import { CliError } from '../../../scripts/cli/errors.ts';
import { parseCommandArgs } from '../../../scripts/cli/options.ts';
import { CsvError } from '../roster/csv.ts';
import { applyPlan, changeCount, formatPlan, formatProblems, formatResult, planSync, PlanError, readRoster } from '../sync/index.ts';
import { asCliError, batchingConnectionOptions, connect, connectionFlags, readMoodleConfig } from './connection.ts';

const usage = `Usage: wecare moodle sync <roster.csv> [options]

Makes Moodle match the roster: accounts (matched by idnumber = participant id), enrolments,
cohorts and groups, as mapped in the moodle: section of content/programme.yaml.
Dry run by default: prints the plan and changes nothing.

Options:
  --apply                 carry the plan out, then print what was done
  --strict                refuse the whole run if any roster row is bad (default: skip bad rows)
  --verbose               list every planned item
  --root <dir>            programme root (default: current folder)
  --url <url>             Moodle site (default: MOODLE_URL)
  --max-input-vars <n>    the site's PHP max_input_vars (default 1000; MOODLE_MAX_INPUT_VARS)
  --concurrency <n>       requests in flight (default 4)
  --allow-insecure-http   allow http:// to a non-loopback host (test sites only)

Environment: MOODLE_URL, MOODLE_TOKEN (the token is never accepted on the command line).
Withdrawn participants are suspended, never deleted; this command deletes nothing.`;

export const command: Command = {
  summary: 'Make Moodle match a roster CSV (dry run unless --apply)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        apply: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        root: { type: 'string' },
        ...batchingConnectionOptions,
      },
      usage,
    );
    if (positionals.length !== 1) throw new CliError(`give exactly one roster file.\n\n${usage}`, 2);
    const root = path.resolve(io.cwd, values.root ?? '.');
    const rosterPath = path.resolve(io.cwd, positionals[0]!);
    const rosterLabel = path.relative(io.cwd, rosterPath) || rosterPath;

    const config = await readMoodleConfig(root);
    let bytes: Buffer;
    try {
      bytes = await readFile(rosterPath);
    } catch {
      throw new CliError(`cannot read the roster ${rosterLabel}.`, 2);
    }
    let roster;
    try {
      roster = readRoster(bytes, config);
    } catch (error) {
      if (error instanceof CsvError) throw new CliError(`${rosterLabel}${error.row ? `: row ${error.row}` : ''}: ${error.message}`, 1);
      throw error;
    }
    if (roster.problems.length) {
      io.stderr(formatProblems(rosterLabel, roster.problems).join('\n'));
      if (values.strict) throw new CliError(`${roster.problems.length} bad row(s) in ${rosterLabel}; nothing was done (--strict). Fix them and run again.`, 1);
      io.stderr(`${roster.problems.length} bad row(s) skipped; the other ${roster.participants.length} participant(s) are synced.`);
    }

    // Ctrl-C during --apply: no further write is sent, the one in flight finishes, and the command
    // says what was done. A second Ctrl-C quits at once.
    const stop = new AbortController();
    const onInterrupt = () => {
      if (stop.signal.aborted) process.exit(130);
      stop.abort();
      io.stderr('Stopping after the request Moodle is working on (Ctrl-C again to quit at once)…');
    };
    const client = connect(connectionFlags(values), process.env, {
      onWarning: (warning) => io.stderr(`Moodle warning (${warning.functionName}): ${warning.message}`),
      stopSignal: stop.signal,
    });
    io.stdout(`Roster ${rosterLabel}: ${roster.participants.length} participant(s). Moodle: ${client.siteLabel}`);
    try {
      const plan = await planSync(client, config, roster.participants, roster.problems);
      io.stdout(formatPlan(plan, { verbose: values.verbose }));
      // 3 whenever something was left out: conflicts, items Moodle refused, or roster rows skipped.
      const leftOut = plan.conflicts.length + roster.problems.length;
      if (!values.apply) {
        if (changeCount(plan)) io.stdout('Dry run: nothing was changed. Run again with --apply to carry this out.');
        return leftOut ? 3 : 0;
      }
      if (!changeCount(plan)) return leftOut ? 3 : 0;
      process.on('SIGINT', onInterrupt);
      let result;
      try {
        result = await applyPlan(client, plan);
      } finally {
        process.off('SIGINT', onInterrupt);
      }
      io.stdout(formatResult(result));
      io.stdout(`${client.stats.calls} web-service call(s).`);
      if (stop.signal.aborted) return 130;
      if (result.interrupted) return 4;
      return result.failures.length || leftOut ? 3 : 0;
    } catch (error) {
      if (error instanceof PlanError) throw new CliError(error.message, 1);
      return asCliError(error);
    }
  },
};
