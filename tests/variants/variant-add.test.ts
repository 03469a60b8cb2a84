/** `wecare variant add`: the files it writes, the checklist it prints, and the check's copied-value warning. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseMoodleConfig } from '../../plugin/src/config/moodle-config.ts';
import { addVariant, renameCourse, yamlScalar } from '../../scripts/variants/add-variant.ts';
import { countryValues, valueDigest } from '../../scripts/variants/localise.ts';
import { exportVariant } from '../../scripts/translate/export.ts';
import { formatRefusals, importTranslations } from '../../scripts/translate/import.ts';
import { runCli, useMiniCopies } from '../cli/helpers.ts';
import { pseudoTranslate } from '../translate/pseudo.ts';

const freshMini = useMiniCopies();
const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');
const write = (root: string, file: string, text: string) => writeFileSync(path.join(root, file), text);

/** The mini programme with a Moodle mapping like the sample's. */
function miniWithMoodle(): string {
  const root = freshMini();
  write(
    root,
    'content/programme.yaml',
    read(root, 'content/programme.yaml').replace(
      /moodle:\n[\s\S]*$/,
      [
        'moodle:',
        '  role: student',
        '  variants:',
        '    co:',
        '      aliases: [Colombia]',
        '      phases:',
        '        fase-1: [WC-CO-FORMACION]   # training in Colombia',
        '    es:',
        '      aliases: [España]',
        '      phases:',
        '        fase-1: [WC-ES-FORMACION]',
        '  deploy:',
        '    courses:',
        '      es:',
        '        WC-ES-FORMACION: [m01-cuidado, m02-seguridad]',
        '',
      ].join('\n'),
    ),
  );
  return root;
}

/** The check's lines for one rule, as the author reads them. */
async function checkLines(root: string, rule: string) {
  const { stderr } = await runCli(['check', '--no-cache', '--lang', 'en'], root);
  return stderr.split('\n').filter((line) => line.endsWith(`  ${rule}`));
}

describe('wecare variant add', () => {
  it('writes the variant file with every key of the source, marks its country data and prints the checklist', async () => {
    const root = miniWithMoodle();
    const programmeBefore = read(root, 'content/programme.yaml');
    const { code, stdout, stderr } = await runCli(['variant', 'add', 'it', '--locale', 'it-IT', '--from', 'es'], root);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "Variante it añadida (Italia, it-IT), copiada de es:
        escrito content/variants/it.yaml
        content/programme.yaml: it añadida a variants:; cursos de Moodle provisionales WC-IT-FORMACION

      Pendiente para it:
        [ ]  5  valores que adaptar: content/variants/it.yaml, en la lista localise:
        [ ]  2  bloques nacionales que escribir: bloques :::only / :only sin equivalente para it
        [ ]  1  entradas nacionales de competencias: content/competences.yaml, national.it
        [ ]  2  términos del glosario: content/glossary.yaml, it: en cada término
        [ ] 88  unidades que traducir: wecare translate export --variant it
        [ ]     cursos de Moodle: cree WC-IT-FORMACION o cámbielos en content/programme.yaml (moodle:)
      \`wecare check\` indica cada uno con su archivo y línea.
      "
    `);

    const source = parse(read(root, 'content/variants/es.yaml'));
    const added = parse(read(root, 'content/variants/it.yaml'));
    const { localise, ...data } = added;
    expect(data).toEqual({ ...source, code: 'it', name: 'Italia', locale: 'it-IT' });
    expect(localise.from).toBe('es');
    expect(Object.keys(localise.values)).toEqual(['currency.code', 'currency.symbol', 'emergencyNumber', 'legalReferences', 'institutions.health']);
    expect(localise.values['institutions.health']).toBe(valueDigest(source.institutions.health));

    // programme.yaml: only lines added, the author's layout and comments untouched.
    const programmeAfter = read(root, 'content/programme.yaml');
    expect(parse(programmeAfter).variants).toEqual(['es', 'co', 'it']);
    const placeholders = [
      '    # it: placeholder courses written by `wecare variant add`; create them in Moodle or change them\n' +
        '    it:\n      aliases: [Italia]\n      phases:\n        fase-1: [WC-IT-FORMACION]\n',
      '      it:\n        WC-IT-FORMACION: [m01-cuidado, m02-seguridad]\n',
    ];
    for (const block of placeholders) expect(programmeAfter).toContain(block);
    expect(placeholders.reduce((text, block) => text.replace(block, ''), programmeAfter).replace('[es, co, it]', '[es, co]')).toBe(programmeBefore);
    expect(parseMoodleConfig(programmeAfter).variants.it).toEqual({ aliases: ['Italia'], phases: [{ name: 'fase-1', courses: ['WC-IT-FORMACION'] }] });
  });

  it('prints the checklist in English with --lang en, and the same language needs no translation', async () => {
    const root = freshMini();
    const { code, stdout } = await runCli(['variant', 'add', 'ar', '--locale', 'es-AR', '--from', 'co', '--lang', 'en'], root);
    expect(code).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "Added variant ar (Argentina, es-AR), copied from co:
        wrote content/variants/ar.yaml
        content/programme.yaml: ar added to variants:

      Checklist for ar:
        [ ] 5  values to localise: content/variants/ar.yaml, listed under localise:
        [ ] 2  national blocks to write: :::only / :only blocks with no counterpart for ar
        [ ] 1  competence national entries: content/competences.yaml, national.ar
        [ ] 2  glossary wording: content/glossary.yaml, ar: on each term
      \`wecare check\` lists each one with its file and line.
      "
    `);
  });

  it('counts the units to translate, and a second country of a translated language reuses its translations', async () => {
    const root = freshMini();
    const first = await runCli(['variant', 'add', 'it', '--locale', 'it-IT', '--from', 'es', '--lang', 'en'], root);
    const units = Number(first.stdout.match(/\[ \] +(\d+) {2}units to translate: wecare translate export --variant it$/m)?.[1]);
    const exported = exportVariant({ root, variant: 'it' });
    expect(units).toBe(exported.files.reduce((sum, file) => sum + file.units, 0));
    expect(first.stdout).toMatch(/\[ \] +2 {2}glossary wording: content\/glossary\.yaml, it: on each term$/m);

    // Translate everything (pseudo-translation), then add San Marino, which teaches in Italian too.
    for (const file of exported.files) writeFileSync(file.path, pseudoTranslate(readFileSync(file.path, 'utf8')));
    const imported = await importTranslations({ root, files: exported.files.map((file) => file.path) });
    expect(formatRefusals(imported.refusals)).toBe('');
    const second = await runCli(['variant', 'add', 'sm', '--locale', 'it-SM', '--from', 'it', '--lang', 'en'], root);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Added variant sm \(San Marino, it-SM\), copied from it:$/m);
    expect(second.stdout).toMatch(/\[x\] +0 {2}units to translate: wecare translate export --variant sm$/m);
    expect(second.stdout).toMatch(/\[x\] +0 {2}glossary wording: content\/glossary\.yaml, sm: on each term$/m);
  });

  it('adds one variant per language of a country that teaches in several (be-fr, be-nl)', async () => {
    const root = freshMini();
    const french = await runCli(['variant', 'add', 'be-fr', '--locale', 'fr-BE', '--from', 'es'], root);
    expect(french.stdout.split('\n')[0]).toBe('Variante be-fr añadida (Bélgica (francés), fr-BE), copiada de es:');
    const dutch = await runCli(['variant', 'add', 'be-nl', '--locale', 'nl-BE', '--from', 'be-fr'], root);
    expect(dutch.code).toBe(0);
    expect(parse(read(root, 'content/programme.yaml')).variants).toEqual(['es', 'co', 'be-fr', 'be-nl']);
    expect(parse(read(root, 'content/variants/be-nl.yaml')).localise.from).toBe('be-fr');
    // The check reads both files under their codes: it reports their copied values, nothing about the codes.
    const { stderr } = await runCli(['check', '--no-cache', '--lang', 'en'], root);
    expect(stderr).toMatch(/^content\/variants\/be-nl\.yaml:\d+:\d+ {2}warning {2}"emergencyNumber" still holds the value copied from be-fr/m);
    expect(stderr).not.toMatch(/invalid-field|unknown-variant|missing-file/);
    const mismatch = await runCli(['variant', 'add', 'be-de', '--locale', 'fr-BE', '--from', 'es'], root);
    expect(mismatch.stderr.split('\n')[0]).toMatchInlineSnapshot(`"wecare variant: variant "be-de" teaches in "de" but --locale fr-BE is in "fr"."`);
  });

  it('refuses what it cannot do, saying why, and writes nothing', async () => {
    const root = freshMini();
    const programme = read(root, 'content/programme.yaml');
    const attempt = async (...args: string[]) => {
      const { code, stderr } = await runCli(['variant', 'add', ...args], root);
      return `${code} ${stderr.split('\n')[0]}`;
    };
    expect(await attempt('co', '--locale', 'es-CO', '--from', 'es')).toMatchInlineSnapshot(`"1 wecare variant: the programme already has a variant "co" (content/programme.yaml)."`);
    expect(await attempt('it', '--locale', 'it-IT', '--from', 'fr')).toMatchInlineSnapshot(`"2 wecare variant: --from "fr" is not a variant of the programme (it ships: es, co)."`);
    expect(await attempt('it', '--locale', 'fr-FR', '--from', 'es')).toMatchInlineSnapshot(`"2 wecare variant: variant "it" and locale fr-FR name different countries (IT and FR); the code is the country: fr."`);
    expect(await attempt('it', '--locale', 'italian', '--from', 'es')).toMatchInlineSnapshot(`"2 wecare variant: --locale "italian" is not a BCP 47 locale like it-IT, fr-BE or de-AT."`);
    expect(await attempt('Italia', '--locale', 'it-IT', '--from', 'es')).toMatchInlineSnapshot(`"2 wecare variant: "Italia" is not a variant code: use the country's two-letter code in lower case (it, at), or country-language when it teaches in several languages (be-fr); see docs/authoring.md, "Adding a country"."`);
    expect(await attempt('it', '--from', 'es')).toMatchInlineSnapshot(`"2 wecare variant: --locale is required (e.g. --locale it-IT)."`);
    expect(read(root, 'content/programme.yaml')).toBe(programme);
    expect(existsSync(path.join(root, 'content/variants/it.yaml'))).toBe(false);
  });
});

describe('wecare check on copied values', () => {
  it('warns at the line of each value still copied from another country, until it is localised or accepted', async () => {
    const root = freshMini();
    await runCli(['variant', 'add', 'it', '--locale', 'it-IT', '--from', 'es'], root);
    expect(await checkLines(root, 'copied-value')).toMatchInlineSnapshot(`
      [
        "content/variants/it.yaml:7:13  warning  "currency.code" still holds the value copied from es: write this country's value, or delete "currency.code" from localise: if it is right here too  copied-value",
        "content/variants/it.yaml:7:24  warning  "currency.symbol" still holds the value copied from es: write this country's value, or delete "currency.symbol" from localise: if it is right here too  copied-value",
        "content/variants/it.yaml:8:1  warning  "emergencyNumber" still holds the value copied from es: write this country's value, or delete "emergencyNumber" from localise: if it is right here too  copied-value",
        "content/variants/it.yaml:9:1  warning  "legalReferences" still holds the value copied from es: write this country's value, or delete "legalReferences" from localise: if it is right here too  copied-value",
        "content/variants/it.yaml:13:3  warning  "institutions.health" still holds the value copied from es: write this country's value, or delete "institutions.health" from localise: if it is right here too  copied-value",
      ]
    `);

    // Italy's own value silences one; deleting the marker line accepts another (the same 112, the same euro).
    let text = read(root, 'content/variants/it.yaml');
    text = text.replace('health: Servicio de Salud de la comunidad autónoma', 'health: il Servizio sanitario regionale');
    text = text.replace(/\n {4}emergencyNumber: "[0-9a-f]+"/, '').replace(/\n {4}currency\.(code|symbol): "[0-9a-f]+"/g, '');
    write(root, 'content/variants/it.yaml', text);
    expect(await checkLines(root, 'copied-value')).toEqual([expect.stringMatching(/^content\/variants\/it\.yaml:9:1 {2}warning {2}"legalReferences" still holds/)]);

    // A marker for a key the file no longer has is named so it can be deleted.
    write(root, 'content/variants/it.yaml', text.replace(/\ninstitutions:\n.*\n/, '\n'));
    expect(await checkLines(root, 'stale-localise')).toEqual([expect.stringMatching(/^content\/variants\/it\.yaml:\d+:5 {2}warning {2}localise: lists "institutions\.health", which this file no longer has; delete that line {2}stale-localise$/)]);
  });
});

describe('helpers of variant add', () => {
  it('renames the source country in Moodle course keys, or appends the new one', () => {
    expect(renameCourse('WC-ES-FORMACION', 'es', 'it')).toBe('WC-IT-FORMACION');
    expect(renameCourse('wc_es_m01', 'es', 'be-fr')).toBe('wc_be-fr_m01');
    expect(renameCourse('FORMACION', 'es', 'it')).toBe('FORMACION-IT');
  });

  it('writes scalars that read back as the same text', () => {
    for (const value of ['Italia', 'Bélgica (francés)', 'yes', '112', 'a: b', '#x', ' padded ', 'Côte d’Ivoire', 'WC-IT-FORMACION']) {
      expect(parse(`key: ${yamlScalar(value)}`).key).toBe(value);
    }
  });

  it('lists every country value, lists as one value, and digests values however YAML typed them', () => {
    expect(countryValues({ code: 'es', ui: { next: 'x' }, phones: { emergency: 112 }, laws: [{ id: 'a' }], empty: {} }).map((v) => v.path)).toEqual(['phones.emergency', 'laws', 'empty']);
    expect(valueDigest(112)).toBe(valueDigest('112'));
    expect(valueDigest({ a: 1, b: 2 })).toBe(valueDigest({ b: 2, a: 1 }));
    expect(valueDigest('112')).not.toBe(valueDigest('113'));
  });
});

describe('wecare variant add and editor schemas', () => {
  it('keeps the source file\'s yaml-language-server schema line at the top of the new file', () => {
    const root = miniWithMoodle();
    const modeline = '# yaml-language-server: $schema=../../schemas/variant.schema.json\n';
    write(root, 'content/variants/es.yaml', modeline + read(root, 'content/variants/es.yaml'));
    addVariant({ root, code: 'it', locale: 'it-IT', from: 'es' });
    const text = read(root, 'content/variants/it.yaml');
    expect(text.startsWith(`${modeline}# Italia (it-IT), added by \`wecare variant add\` from es.yaml.`)).toBe(true);
  });
});
