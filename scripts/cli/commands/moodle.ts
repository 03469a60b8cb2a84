import type { Command } from '../command.ts';
import { CliError } from '../errors.ts';

/** `wecare moodle <sub>`: the plugin's commands, each imported only when run. */
const subcommands: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  sync: { summary: 'Make Moodle match a roster CSV (dry run unless --apply)', load: () => import('../../../plugin/src/cli/sync.ts') },
  report: { summary: 'Pull completion, scores and attempts into reports/', load: () => import('../../../plugin/src/cli/report.ts') },
  deploy: { summary: 'Upload packages into Moodle courses (dry run unless --apply)', load: () => import('../../../plugin/src/cli/deploy.ts') },
  competencies: { summary: 'Create or update the competency framework (dry run unless --apply)', load: () => import('../../../plugin/src/cli/competencies.ts') },
  'plugin-zip': { summary: 'Zip plugin/moodle/local_wecare for Moodle’s plugin installer', load: () => import('../../../plugin/src/cli/plugin-zip.ts') },
};

const usage = ['Usage: wecare moodle <command> [options]', '', 'Commands:', ...Object.entries(subcommands).map(([name, { summary }]) => `  ${name.padEnd(12)}  ${summary}`), '', 'Connection: MOODLE_URL and MOODLE_TOKEN from the environment (or --url; the token is never accepted on the command line).'].join('\n');

export const command: Command = {
  summary: 'Sync, report and deploy with a Moodle site',
  usage,
  async run(args, io) {
    const [name, ...rest] = args;
    if (!name) {
      io.stdout(usage);
      return 0;
    }
    const entry = subcommands[name];
    if (!entry) throw new CliError(`unknown command "${name}".\n\n${usage}`, 2);
    const { command: sub } = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(sub.usage);
      return 0;
    }
    return sub.run(rest, io);
  },
};
