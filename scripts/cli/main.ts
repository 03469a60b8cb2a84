import type { CliIO, Command } from './command.ts';
import { CliError } from './errors.ts';

/** Each command is imported only when it runs, so `wecare --help` stays instant. */
const commands: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  check: { summary: 'Validate the programme sources (every variant)', load: () => import('./commands/check.ts') },
  inspect: { summary: 'Print a module resolved for one variant, as JSON', load: () => import('./commands/inspect.ts') },
  build: { summary: 'Compile modules × variants into SCORM, H5P, web preview and guide', load: () => import('./commands/build.ts') },
  profile: { summary: 'Turn assessment results into professional profiles', load: () => import('./commands/profile.ts') },
  variant: { summary: 'Add a country variant copied from another (add)', load: () => import('./commands/variant.ts') },
  translate: { summary: 'Export translation units as XLIFF 2.0, import translated XLIFF (export|import)', load: () => import('./commands/translate.ts') },
  preview: { summary: 'Serve the modules with live reload, error overlay, LMS inspector, trainer and variant views', load: () => import('./commands/preview.ts') },
  moodle: { summary: 'Sync, report and deploy with a Moodle site (sync, report, deploy, plugin-zip)', load: () => import('./commands/moodle.ts') },
};

function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return ['Usage: wecare <command> [options]', '', 'Commands:', ...lines, '', 'Run `wecare <command> --help` for its options.'].join('\n');
}

export function defaultIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return 0;
  }
  if (name === '--version') {
    const { createRequire } = await import('node:module');
    io.stdout(createRequire(import.meta.url)('../../package.json').version);
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr(`Unknown command "${name}".\n\n${helpText()}`);
    return 2;
  }
  try {
    const { command } = await entry.load();
    if (rest[0] === '--help' || rest[0] === '-h') {
      io.stdout(command.usage);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`wecare ${name}: ${error.message}`);
      return error.exitCode;
    }
    // An unexpected failure is a bug in the toolkit, not in the author's sources: say so plainly.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`wecare ${name}: internal error: ${message}\nPlease report this with the command you ran.`);
    if (process.env.WECARE_DEBUG && error instanceof Error && error.stack) io.stderr(error.stack);
    return 70;
  }
}
