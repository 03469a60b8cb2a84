/** `wecare moodle plugin-zip`: the local_wecare plugin as a zip for Moodle's plugin installer. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../../../scripts/cli/command.ts';
import { CliError } from '../../../scripts/cli/errors.ts';
import { parseCommandArgs } from '../../../scripts/cli/options.ts';
import { buildPluginZip } from '../deploy/plugin-zip.ts';

const usage = `Usage: wecare moodle plugin-zip [options]

Writes the local_wecare Moodle plugin (plugin/moodle/local_wecare) as a zip whose top folder is
"wecare", the layout Moodle's installer expects. Install it in Moodle: Site administration >
Plugins > Install plugins > upload the zip, then enable the "WeCare toolkit" web service and
create the toolkit's token for it (see docs/moodle.md). The same sources always give the same zip.

Options:
  --out <file>    where to write it (default: dist/local_wecare.zip, relative to the current folder)`;

export const command: Command = {
  summary: 'Zip plugin/moodle/local_wecare for Moodle’s plugin installer',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' } }, usage);
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}".\n\n${usage}`, 2);
    const out = path.resolve(io.cwd, values.out ?? path.join('dist', 'local_wecare.zip'));
    let built;
    try {
      built = await buildPluginZip();
    } catch (error) {
      throw new CliError(`cannot package the plugin: ${error instanceof Error ? error.message : String(error)}`, 1);
    }
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, built.zip);
    io.stdout(`Wrote ${path.relative(io.cwd, out) || out}: ${built.component} ${built.release} (version ${built.version}), ${built.files.length} files, ${built.zip.length} bytes.`);
    io.stdout('Install: Site administration > Plugins > Install plugins > upload this zip.');
    return 0;
  },
};
