import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../../../scripts/cli/command.ts';
import { CliError } from '../../../scripts/cli/errors.ts';
import { parseCommandArgs } from '../../../scripts/cli/options.ts';
import { pullAssessmentResults, type AssessmentActivity, type AssessmentRef } from '../report/assessment.ts';
import { collectReport, type ParticipantInfo, type ReportData } from '../report/collect.ts';
import type { MoodleClient } from '../moodle/client.ts';
import { writeReports } from '../report/render.ts';
import { reportSurface } from '../report/i18n/index.ts';
import { languageOf } from '../../../scripts/i18n/resolve.ts';
import { CsvError } from '../roster/csv.ts';
import { readRoster } from '../sync/index.ts';
import { asCliError, batchingConnectionOptions, connect, connectionFlags, readMoodleConfig } from './connection.ts';

const usage = `Usage: wecare moodle report [options]

Pulls activity completion, course completion, SCORM and H5P scores and attempts and grades of the
participants enrolled in the courses mapped in content/programme.yaml, and writes
reports/completion.csv, reports/summary.json and reports/index.html (self-contained, SVG charts).
When a mapped course holds the diagnostic assessment (content/assessment/), also writes its results
to reports/assessment-tracks.json, ready for \`wecare profile --results reports/assessment-tracks.json\`.
Personal data kept: participant ids only.

Options:
  --roster <file.csv>     take intake and group from the roster (default: groups from Moodle)
  --source <auto|core>    auto (default): one call per course through the local_wecare plugin when
                          the site has it; core: core web services only
  --out <dir>             output folder (default: <root>/reports)
  --locale <bcp47>        language of reports/index.html (default: the programme's \`language\`)
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
        locale: { type: 'string' },
        ...batchingConnectionOptions,
      },
      usage,
    );
    if (values.source !== 'auto' && values.source !== 'core') throw new CliError(`--source takes "auto" or "core", not "${values.source}".`, 2);
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}".\n\n${usage}`, 2);
    const root = path.resolve(io.cwd, values.root ?? '.');
    const outDir = path.resolve(root, values.out ?? 'reports');
    const config = await readMoodleConfig(root);
    const locale = values.locale ?? (await programmeLanguage(root));
    if (!reportSurface.languages[languageOf(locale)]) {
      throw new CliError(`no report strings for locale "${locale}"; available: ${Object.keys(reportSurface.languages).join(', ')} (docs/i18n.md).`, 2);
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
    const client = connect(connectionFlags(values));
    try {
      const started = performance.now();
      const data = await collectReport(client, config, { roster, source: values.source as 'auto' | 'core' });
      const { files, summary } = await writeReports(outDir, data, { calls: client.stats.calls, source: data.source }, locale);
      if (data.source === 'core') io.stderr('Using core web services (one call per participant and course); install the local_wecare plugin for a handful of calls per course.');
      for (const course of summary.courses) io.stdout(`${course.course.padEnd(14)} ${course.participants} participant(s), ${course.activities} activit(ies)${course.completed === null ? ', no course completion criteria' : `, ${course.completed} completed`}`);
      io.stdout(`Wrote ${files.map((f) => path.relative(io.cwd, f)).join(', ')} (${client.stats.calls} web-service calls, ${((performance.now() - started) / 1000).toFixed(1)} s).`);
      const callsBefore = client.stats.calls;
      let pulled;
      try {
        pulled = await writeAssessmentTracks(client, root, outDir, data, Object.keys(config.variants), io.stderr);
      } catch (error) {
        // The completion reports are written; say what failed (redacted, with asCliError's hint) and fail the run.
        let reason = error instanceof Error ? error.message : String(error);
        try {
          asCliError(error);
        } catch (cli) {
          if (cli instanceof CliError) reason = cli.message;
        }
        io.stderr(`Diagnostic assessment not pulled: ${reason}`);
        return 1;
      }
      if (pulled) {
        for (const activity of pulled.activities) io.stdout(`Diagnostic assessment in ${activity.course}: ${activity.attempted} of ${activity.learners} participant(s) attempted it.`);
        io.stdout(`Wrote ${pulled.files.map((f) => path.relative(io.cwd, f)).join(', ')} (${client.stats.calls - callsBefore} web-service calls): run \`wecare profile --results ${path.relative(io.cwd, pulled.files[0]!) || pulled.files[0]} --format ${pulled.format}\` for the professional profiles.`);
      }
      return 0;
    } catch (error) {
      return asCliError(error);
    }
  },
};

/**
 * The diagnostic assessment's results (docs/profile.md): written only when the programme has an
 * assessment and a mapped course holds its activity. Resolving the programme takes seconds, so it
 * is skipped when no mapped course has a SCORM or H5P activity at all.
 */
async function writeAssessmentTracks(
  client: MoodleClient,
  root: string,
  outDir: string,
  data: ReportData,
  variants: string[],
  warn: (text: string) => void,
): Promise<{ files: string[]; format: 'scorm' | 'h5p'; activities: AssessmentActivity[] } | undefined> {
  const hasPackages = data.moodle?.packages ? data.moodle.packages.length > 0 : data.courses.some((course) => course.activities.some((a) => a.modname === 'scorm' || a.modname === 'h5pactivity'));
  if (!hasPackages) return undefined;
  const { loadProgramme } = await import('../../../scripts/api.ts');
  let programmes;
  try {
    programmes = (await loadProgramme(root, { variants })).programmes;
  } catch (error) {
    warn(`Diagnostic assessment not pulled: the programme could not be read (${(error as Error).message}).`);
    return undefined;
  }
  const assessments = new Map<string, AssessmentRef>(programmes.flatMap((p) => (p.assessment ? [[p.variant.code, { id: p.assessment.id, title: p.assessment.title }] as const] : [])));
  if (!assessments.size) return undefined;
  const results = await pullAssessmentResults(client, data, assessments);
  const files: string[] = [];
  // SCORM carries confidence and knowledge, so it takes the well-known name; H5P does when alone.
  const main = results.scorm ?? results.h5p;
  if (main) files.push(path.join(outDir, 'assessment-tracks.json'));
  if (results.scorm && results.h5p) files.push(path.join(outDir, 'assessment-h5p.json'));
  if (main) await writeFile(files[0]!, `${JSON.stringify(main, null, 2)}\n`);
  if (results.scorm && results.h5p) await writeFile(files[1]!, `${JSON.stringify(results.h5p, null, 2)}\n`);
  return files.length ? { files, format: results.scorm ? 'scorm' : 'h5p', activities: results.activities } : undefined;
}

/** The programme's `language` (content/programme.yaml), the report's default locale. */
async function programmeLanguage(root: string): Promise<string> {
  try {
    const text = await readFile(path.join(root, 'content/programme.yaml'), 'utf8');
    return text.match(/^language:\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z]{2})?)\b/m)?.[1] ?? 'es';
  } catch {
    return 'es';
  }
}
