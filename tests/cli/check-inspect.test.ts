/** `wecare check` and `wecare inspect` as a user runs them: output, exit codes, options. */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useMiniCopies } from './helpers.ts';

const run = runCli;
const mini = useMiniCopies();

describe('wecare check', () => {
  it('passes on the mini programme, in the programme language by default', async () => {
    expect(await run(['check', '--no-cache'])).toEqual({ code: 0, stdout: 'Sin problemas.\n', stderr: '' });
    expect((await run(['check', '--no-cache', '--lang', 'en'])).stdout).toBe('No problems found.\n');
  });

  it('prints every problem once with file:line:column and fails on errors', async () => {
    const root = mini();
    appendFileSync(path.join(root, 'modules/02-seguridad/02-solo-colombia.md'), '\n:::singel-choice{#x}\n:::\n\n![](media/senal.svg)\n');
    const result = await run(['check', '--root', root, '--lang', 'en']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'modules/02-seguridad/02-solo-colombia.md:10:1  error  Unknown directive ":::singel-choice"; did you mean ":::single-choice"?  unknown-directive',
      'modules/02-seguridad/02-solo-colombia.md:13:1  error  Image "media/senal.svg" has no alt text: describe it in ![…](media/senal.svg)  image-alt',
      '2 errors, 0 warnings',
    ]);
  });

  it('passes with warnings, and fails with them under --frail', async () => {
    const root = mini();
    appendFileSync(path.join(root, 'modules/02-seguridad/01-emergencias.md'), '\n:::only{variants=es}\nSolo España.\n:::\n');
    const relaxed = await run(['check', '--root', root]);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stderr).toContain('aviso  Contenido de un país sin equivalente para co');
    expect(relaxed.stderr).toContain('0 errores, 1 aviso');
    expect((await run(['check', '--root', root, '--frail'])).code).toBe(1);
  });

  it('lists review notes with --review', async () => {
    const result = await run(['check', '--no-cache', '--review', '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toEqual([
      'modules/01-cuidado-profesional/01-que-es-cuidar.md:28:1  info  Review: Confirmar el artículo citado con la asesoría jurídica.  review-note',
      'modules/02-seguridad/02-solo-colombia.md:8:1  info  Review: Verificar con la contraparte colombiana.  review-note',
      'No problems found.',
    ]);
  });

  it('rejects bad options and a folder without a programme clearly', async () => {
    const bad = await run(['check', '--lang', 'fr']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang takes "en" or "es"');
    const empty = await run(['check', '--no-cache', '--lang', 'en'], os.tmpdir());
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('content/programme.yaml:1:1  error  Missing file "content/programme.yaml": is this the programme folder? (use --root)  missing-file');
  });
});

describe('wecare inspect', () => {
  it('prints a module resolved for a variant as JSON', async () => {
    const result = await run(['inspect', '02-seguridad', '--variant', 'co']);
    expect(result.code).toBe(0);
    const module = JSON.parse(result.stdout);
    expect(module).toMatchObject({ id: 'm02-seguridad', variant: 'co', locale: 'es-CO' });
    expect(module.lessons.map((l: { id: string }) => l.id)).toEqual(['l01-emergencias', 'l02-solo-colombia']);
    const byId = await run(['inspect', 'm02-seguridad', '--variant', 'es']);
    expect(JSON.parse(byId.stdout).lessons).toHaveLength(1);
  });

  it('says which modules exist when the name is wrong', async () => {
    const result = await run(['inspect', 'm09', '--variant', 'co']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('wecare inspect: no module "m09" in variant co. Modules: m01-cuidado-profesional, m02-seguridad.\n');
  });
});
