import path from 'node:path';
import type { Command } from '../command.ts';
import { CliError } from '../errors.ts';
import { parseCommandArgs } from '../options.ts';

const usage = `Usage: wecare translate export --variant <code> [--out <dir>] [--root <dir>]
       wecare translate import <file.xlf>… [--force] [--root <dir>]

export  writes the variant's translation units as XLIFF 2.0, one file per module plus
        content.xlf (programme title, competence framework, glossary), into --out
        (default: <root>/dist/translate/<lang>/); units already translated carry their target.
import  stores the translations of XLIFF 2.0 files under <root>/translations/<lang>/, one
        reviewable YAML file per module. It refuses (and stores nothing) when a file has broken
        inline codes or units that no longer exist, or would overwrite a translation newer than
        the file's export without --force.

Options:
  --root <dir>      programme root (default: current folder)
  --variant <code>  export: the variant to translate (its locale names the language)
  --out <dir>       export: output folder
  --force           import: overwrite newer stored translations`;

export const command: Command = {
  summary: 'Export translation units as XLIFF 2.0, import translated XLIFF (export|import)',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    const { values, positionals } = parseCommandArgs(
      rest,
      { root: { type: 'string' }, variant: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } },
      usage,
    );
    const root = path.resolve(io.cwd, values.root ?? '.');
    const { TranslateError } = await import('../../translate/export.ts');
    try {
      if (action === 'export') {
        if (!values.variant) throw new CliError(`export needs --variant <code>.\n\n${usage}`, 2);
        if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}".\n\n${usage}`, 2);
        const { exportVariant } = await import('../../translate/export.ts');
        const result = exportVariant({ root, variant: values.variant, outDir: values.out && path.resolve(io.cwd, values.out) });
        const shown = (file: string) => path.relative(io.cwd, file) || file;
        for (const file of result.files) {
          io.stdout(`${shown(file.path)}  ${file.units} unit(s), ${file.translated} translated${file.stale ? `, ${file.stale} stale` : ''}`);
        }
        const total = result.files.reduce((sum, file) => sum + file.units, 0);
        const done = result.files.reduce((sum, file) => sum + file.translated - file.stale, 0);
        io.stdout(`Exported ${total} unit(s) of variant ${values.variant} (${total - done} to translate) into ${shown(result.outDir)}`);
        return 0;
      }
      if (action === 'import') {
        if (!positionals.length) throw new CliError(`import needs one or more .xlf files.\n\n${usage}`, 2);
        const { importTranslations, formatRefusals } = await import('../../translate/import.ts');
        const result = await importTranslations({ root, files: positionals, force: values.force, cwd: io.cwd });
        if (result.refusals.length) {
          io.stderr(`${formatRefusals(result.refusals)}\nNothing imported: ${result.refusals.length} problem(s).`);
          return 1;
        }
        for (const file of result.written) io.stdout(`${path.relative(io.cwd, file.path) || file.path}  ${file.units} unit(s) updated`);
        io.stdout(result.written.length ? `Imported into ${result.written.length} file(s).` : 'Nothing new to import.');
        return 0;
      }
      throw new CliError(`expected "export" or "import"${action ? `, not "${action}"` : ''}.\n\n${usage}`, 2);
    } catch (error) {
      if (error instanceof TranslateError) throw new CliError(error.message, 1);
      throw error;
    }
  },
};
