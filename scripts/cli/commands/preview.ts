import path from 'node:path';
import type { Command } from '../command.ts';
import { CliError } from '../errors.ts';
import { parseCommandArgs } from '../options.ts';

const usage = `Usage: wecare preview [module] [options]

Serves the web player of every module × variant on 127.0.0.1, rebuilds what a saved file
changes and reloads the open pages; problems of the files being edited appear in the page.
Each module also has an LMS inspector (SCORM 1.2 and 2004), a trainer view and a variant view.
Stop it with Ctrl+C.

Options:
  --root <dir>        programme root (default: current folder)
  --variant <list>    comma-separated variant codes (default: all the programme ships)
  --port <n>          port on 127.0.0.1 (default: a free one)
  --lang <en|es>      language of messages (default: the programme's)`;

const splitList = (value: string | undefined) => value?.split(',').map((item) => item.trim()).filter(Boolean);

/** Resolves when the process is asked to stop (Ctrl+C or a polite kill). */
function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const command: Command = {
  summary: 'Serve the modules with live reload, error overlay, LMS inspector, trainer and variant views',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        root: { type: 'string' },
        variant: { type: 'string' },
        port: { type: 'string' },
        lang: { type: 'string' },
      },
      usage,
    );
    if (positionals.length > 1) throw new CliError(`preview takes at most one module id, not "${positionals.join(' ')}".\n\n${usage}`, 2);
    const lang = values.lang === 'en' || values.lang === 'es' ? values.lang : undefined;
    if (values.lang && !lang) throw new CliError(`--lang takes "en" or "es", not "${values.lang}".`, 2);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port takes a number from 0 to 65535, not "${values.port}".`, 2);
    const root = path.resolve(io.cwd, values.root ?? '.');

    const { startPreview } = await import('../../preview/server.ts');
    let preview;
    try {
      preview = await startPreview({ root, port, lang, modules: positionals.length ? positionals : undefined, variants: splitList(values.variant), log: (line) => io.stderr(line) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new CliError(`port ${port} is already in use: choose another with --port, or leave it out to take a free one.`, 1);
      throw error;
    }
    if (!preview.session.variants.length) {
      await preview.close();
      throw new CliError('nothing to preview: fix the problems above (run `wecare check`).', 1);
    }
    const wanted = positionals[0];
    if (wanted && !preview.session.variants.some((p) => p.modules.some((m) => m.id === wanted) || p.assessment?.id === wanted)) {
      await preview.close();
      throw new CliError(`no module "${wanted}" in this programme.`, 2);
    }
    io.stdout(`Preview: ${preview.url}  (Ctrl+C to stop)`);
    const signal = await stopRequested();
    await preview.close();
    io.stdout(`Preview stopped (${signal}).`);
    return 0;
  },
};
