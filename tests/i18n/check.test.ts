/** `wecare check` refuses a variant whose locale has no interface strings, and `--review` names unreviewed ones. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useMiniCopies } from '../cli/helpers.ts';

const copy = useMiniCopies();

function setLocale(root: string, variant: string, locale: string): void {
  const file = path.join(root, 'content/variants', `${variant}.yaml`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^locale: .*$/m, `locale: ${locale}`));
}

describe('check: interface strings of a variant locale', () => {
  it('is an error at the locale key, in English and Spanish, when the language has none', async () => {
    const root = copy();
    setLocale(root, 'co', 'sv-SE');
    const en = await runCli(['check', '--root', root, '--no-cache', '--lang', 'en']);
    expect(en.code).toBe(1);
    expect(en.stderr.split('\n').filter((line) => line.includes('interface'))).toMatchInlineSnapshot(`
      [
        "content/variants/co.yaml:3:1  error  No interface strings for locale "sv-SE" (player, h5p, guide, report, profile): learners would see buttons and messages in another language. Languages with interface strings: de, en, es, fr, it, nl, pt. Add the catalogues (docs/i18n.md) or use one of these languages  missing-interface-strings",
      ]
    `);
    const es = await runCli(['check', '--root', root, '--no-cache', '--lang', 'es']);
    expect(es.code).toBe(1);
    expect(es.stderr.split('\n').filter((line) => line.includes('interfaz'))).toMatchInlineSnapshot(`
      [
        "content/variants/co.yaml:3:1  error  No hay textos de interfaz para el locale "sv-SE" (player, h5p, guide, report, profile): el alumnado vería botones y mensajes en otro idioma. Idiomas con textos de interfaz: de, en, es, fr, it, nl, pt. Añada los catálogos (docs/i18n.md) o use uno de esos idiomas  missing-interface-strings",
      ]
    `);
  });

  it('passes a locale with interface strings and lists its unreviewed catalogues under --review only', async () => {
    const root = copy();
    setLocale(root, 'es', 'it-IT');
    // The Spanish text of the mini programme has no Italian translation: check reports that
    // (translation-missing), but nothing about interface strings, which exist for Italian.
    const plain = await runCli(['check', '--root', root, '--no-cache', '--lang', 'en']);
    expect(plain.stderr).toContain('translation-missing');
    expect(plain.stdout + plain.stderr).not.toContain('interface');
    const review = await runCli(['check', '--root', root, '--no-cache', '--lang', 'en', '--review']);
    expect(review.stdout.split('\n').filter((line) => line.includes('interface'))).toMatchInlineSnapshot(`
      [
        "content/variants/es.yaml:3:1  info  Interface strings for "it-IT" not yet reviewed by a native speaker: it (scripts/i18n/reviewed.ts)  unreviewed-interface-strings",
      ]
    `);
    setLocale(root, 'es', 'es-ES');
    const reviewed = await runCli(['check', '--root', root, '--no-cache', '--lang', 'en', '--review']);
    expect(reviewed.stdout).not.toContain('unreviewed-interface-strings');
  });

  it('warns at a ui key that names no interface string, with the closest key', async () => {
    const root = copy();
    const file = path.join(root, 'content/variants/co.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^ui: \{\}$/m, 'ui:\n  next: Continuar\n  guide.titel: Guía del facilitador\n  h5p.check: Corregir\n  colour: rojo'));
    const en = await runCli(['check', '--root', root, '--no-cache', '--lang', 'en']);
    expect(en.stderr.split('\n').filter((line) => line.includes('unknown-ui-key'))).toMatchInlineSnapshot(`
      [
        "content/variants/co.yaml:10:3  warning  ui key "guide.titel" names no interface string, so it changes nothing; use a player key (next), or h5p.<key>, guide.<key> or profile.<key> (docs/i18n.md); did you mean "guide.title"?  unknown-ui-key",
        "content/variants/co.yaml:12:3  warning  ui key "colour" names no interface string, so it changes nothing; use a player key (next), or h5p.<key>, guide.<key> or profile.<key> (docs/i18n.md)  unknown-ui-key",
      ]
    `);
    const es = await runCli(['check', '--root', root, '--no-cache', '--lang', 'es']);
    expect(es.stderr.split('\n').filter((line) => line.includes('unknown-ui-key'))).toMatchInlineSnapshot(`
      [
        "content/variants/co.yaml:10:3  aviso  La clave de ui "guide.titel" no corresponde a ningún texto de interfaz, así que no cambia nada; use una clave del reproductor (next) o h5p.<clave>, guide.<clave> o profile.<clave> (docs/i18n.md); ¿quería decir "guide.title"?  unknown-ui-key",
        "content/variants/co.yaml:12:3  aviso  La clave de ui "colour" no corresponde a ningún texto de interfaz, así que no cambia nada; use una clave del reproductor (next) o h5p.<clave>, guide.<clave> o profile.<clave> (docs/i18n.md)  unknown-ui-key",
      ]
    `);
  });
});
