import path from 'node:path';
import { addVariant, VariantAddError, type AddVariantResult } from '../../variants/add-variant.ts';
import { checklistFor, coverageWarnings, type Checklist } from '../../variants/checklist.ts';
import type { Command } from '../command.ts';
import { CliError } from '../errors.ts';
import { parseCommandArgs } from '../options.ts';

const usage = `Usage: wecare variant add <code> --locale <bcp47> --from <variant> [options]

Adds a country variant copied from an existing one: writes content/variants/<code>.yaml with every
key of the source (its country data listed under localise: until you write this country's), adds
<code> to variants: and placeholder courses to the Moodle mapping in content/programme.yaml, and
prints what is left to do. The code is the country (it); a country teaching in several languages
gets one variant per language (be-fr, be-nl).

Options:
  --locale <bcp47>    locale of the variant's learner text, e.g. it-IT (required)
  --from <variant>    variant to copy, e.g. es (required)
  --name <text>       country name in the programme's language (default: from the locale)
  --root <dir>        programme root (default: current folder)
  --lang <en|es>      language of the checklist (default: the programme's)`;

type Lang = 'en' | 'es';

const labels = {
  en: {
    added: (r: AddVariantResult) => `Added variant ${r.code} (${r.name}, ${r.locale}), copied from ${r.from}:`,
    wrote: (file: string) => `  wrote ${file}`,
    programme: (r: AddVariantResult) =>
      `  content/programme.yaml: ${[r.addedToVariants ? `${r.code} added to variants:` : '', r.moodleCourses.length ? `placeholder Moodle courses ${r.moodleCourses.join(', ')}` : ''].filter(Boolean).join('; ') || 'unchanged (it ships every variant file)'}`,
    droppedUi: (n: number) => `  left out ${n} ui: override(s) of the source: they are in another language`,
    title: (code: string) => `Checklist for ${code}:`,
    values: ['values to localise', (r: AddVariantResult) => `${r.variantFile}, listed under localise:`],
    nationalBlocks: ['national blocks to write', (r: AddVariantResult) => `:::only / :only blocks with no counterpart for ${r.code}`],
    competenceEntries: ['competence national entries', (r: AddVariantResult) => `content/competences.yaml, national.${r.code}`],
    glossaryWording: ['glossary wording', (r: AddVariantResult) => `content/glossary.yaml, ${r.code}: on each term`],
    units: ['units to translate', (r: AddVariantResult) => `wecare translate export --variant ${r.code}`],
    moodle: ['Moodle courses', (r: AddVariantResult) => `create ${r.moodleCourses.join(', ')} or rename them in content/programme.yaml (moodle:)`],
    end: '`wecare check` lists each one with its file and line.',
  },
  es: {
    added: (r: AddVariantResult) => `Variante ${r.code} añadida (${r.name}, ${r.locale}), copiada de ${r.from}:`,
    wrote: (file: string) => `  escrito ${file}`,
    programme: (r: AddVariantResult) =>
      `  content/programme.yaml: ${[r.addedToVariants ? `${r.code} añadida a variants:` : '', r.moodleCourses.length ? `cursos de Moodle provisionales ${r.moodleCourses.join(', ')}` : ''].filter(Boolean).join('; ') || 'sin cambios (incluye todos los archivos de variante)'}`,
    droppedUi: (n: number) => `  omitida(s) ${n} clave(s) ui: del origen: están en otro idioma`,
    title: (code: string) => `Pendiente para ${code}:`,
    values: ['valores que adaptar', (r: AddVariantResult) => `${r.variantFile}, en la lista localise:`],
    nationalBlocks: ['bloques nacionales que escribir', (r: AddVariantResult) => `bloques :::only / :only sin equivalente para ${r.code}`],
    competenceEntries: ['entradas nacionales de competencias', (r: AddVariantResult) => `content/competences.yaml, national.${r.code}`],
    glossaryWording: ['términos del glosario', (r: AddVariantResult) => `content/glossary.yaml, ${r.code}: en cada término`],
    units: ['unidades que traducir', (r: AddVariantResult) => `wecare translate export --variant ${r.code}`],
    moodle: ['cursos de Moodle', (r: AddVariantResult) => `cree ${r.moodleCourses.join(', ')} o cámbielos en content/programme.yaml (moodle:)`],
    end: '`wecare check` indica cada uno con su archivo y línea.',
  },
} as const;

export function formatChecklist(result: AddVariantResult, checklist: Checklist, lang: Lang): string {
  const l = labels[lang];
  const rows: Array<[string, string, string]> = [];
  for (const key of ['values', 'nationalBlocks', 'competenceEntries', 'glossaryWording', 'units'] as const) {
    const count = checklist[key];
    if (count === undefined) continue;
    const [label, where] = l[key];
    rows.push([count ? '[ ]' : '[x]', String(count), `${label}: ${where(result)}`]);
  }
  if (result.moodleCourses.length) rows.push(['[ ]', '', `${l.moodle[0]}: ${l.moodle[1](result)}`]);
  const width = Math.max(...rows.map((row) => row[1].length));
  return [
    l.added(result),
    l.wrote(result.variantFile),
    l.programme(result),
    ...(result.droppedUi ? [l.droppedUi(result.droppedUi)] : []),
    '',
    l.title(result.code),
    ...rows.map(([box, count, text]) => `  ${box} ${count.padStart(width)}  ${text}`),
    l.end,
  ].join('\n');
}

export const command: Command = {
  summary: 'Add a country variant copied from another (add)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { locale: { type: 'string' }, from: { type: 'string' }, name: { type: 'string' }, root: { type: 'string' }, lang: { type: 'string' } },
      usage,
    );
    const [action, code, ...extra] = positionals;
    if (action !== 'add') throw new CliError(`${action ? `unknown action "${action}"` : 'missing action'}: use "wecare variant add".\n\n${usage}`, 2);
    if (!code) throw new CliError(`give the new variant's code, e.g. "wecare variant add it --locale it-IT --from es".\n\n${usage}`, 2);
    if (extra.length) throw new CliError(`unexpected argument "${extra[0]}".\n\n${usage}`, 2);
    if (!values.locale) throw new CliError(`--locale is required (e.g. --locale it-IT).\n\n${usage}`, 2);
    if (!values.from) throw new CliError(`--from is required: the variant to copy (e.g. --from es).\n\n${usage}`, 2);
    if (values.lang && values.lang !== 'en' && values.lang !== 'es') throw new CliError(`--lang takes "en" or "es", not "${values.lang}".`, 2);
    const root = path.resolve(io.cwd, values.root ?? '.');

    const before = await coverageWarnings(root);
    let result: AddVariantResult;
    try {
      result = addVariant({ root, code, locale: values.locale, from: values.from, ...(values.name ? { name: values.name } : {}) });
    } catch (error) {
      if (error instanceof VariantAddError) throw new CliError(error.message, error.exitCode);
      throw error;
    }
    const checklist = await checklistFor(root, result, before);
    const lang: Lang = (values.lang as Lang | undefined) ?? (result.programmeLanguage === 'es' ? 'es' : 'en');
    io.stdout(formatChecklist(result, checklist, lang));
    return 0;
  },
};
