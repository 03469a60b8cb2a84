/** `wecare build` as a user runs it: exit codes, format selection, and how problems are printed. */
import { appendFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useMiniCopies } from './helpers.ts';

const run = runCli;
const mini = useMiniCopies();

describe('wecare build', () => {
  it('refuses an unknown format with a usage error and builds nothing', async () => {
    const root = mini();
    const { code, stderr } = await run(['build', '--format', 'scorm12,pdf'], root);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown format "pdf"');
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('builds only the formats and variants asked for, into dist/<variant>/', async () => {
    const root = mini();
    const { code, stdout } = await run(['build', '--format', 'scorm12', '--variant', 'co'], root);
    expect(code).toBe(0);
    expect(readdirSync(path.join(root, 'dist')).sort()).toEqual(['.wecare-build.json', 'co']);
    const files = readdirSync(path.join(root, 'dist', 'co'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((name) => name.endsWith('.scorm12.zip'))).toBe(true);
    expect(stdout.replace(/\(\d+\.\d s\)/, '(… s)')).toMatchInlineSnapshot(`
      "co  scorm12    m01-cuidado-profesional  built (1 file)
      co  scorm12    m02-seguridad  built (1 file)
      co  scorm12    diagnostico  built (1 file)
      Built 3 outputs in dist (… s).
      "
    `);
  });

  it('stops before compiling when the sources have errors, printing each problem once', async () => {
    const root = mini();
    const lesson = readdirSync(path.join(root, 'modules', '01-cuidado-profesional')).find((name) => /^\d\d-.*\.md$/.test(name))!;
    appendFileSync(path.join(root, 'modules', '01-cuidado-profesional', lesson), '\n:::no-such-directive\nTexto\n:::\n');
    const { code, stderr } = await run(['build', '--format', 'scorm12'], root);
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((line) => line.includes('no-such-directive'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^modules/01-cuidado-profesional/${lesson.replace('.', '\\.')}:\\d+:1 `));
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });
});
