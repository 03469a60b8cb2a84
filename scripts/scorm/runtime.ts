/** Bundles the learner player (templates/player) with esbuild, once per process. */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const playerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates/player');

export interface Runtime {
  js: string;
  css: string;
}

let cached: Promise<Runtime> | undefined;

async function bundle(): Promise<Runtime> {
  const js = await build({
    entryPoints: [path.join(playerDir, 'src/main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    legalComments: 'none',
    charset: 'utf8',
  });
  const source = await readFile(path.join(playerDir, 'player.css'), 'utf8');
  const css = await build({ stdin: { contents: source, loader: 'css', sourcefile: 'player.css' }, minify: true, write: false, target: ['safari14', 'chrome80'] });
  return { js: js.outputFiles[0]!.text, css: css.outputFiles[0]!.text };
}

export function playerRuntime(): Promise<Runtime> {
  cached ??= bundle();
  return cached;
}

/** Gzipped size of the runtime (JS + CSS), the figure the 40 KB budget applies to. */
export async function runtimeGzipBytes(): Promise<{ js: number; css: number; total: number }> {
  const { js, css } = await playerRuntime();
  const jsBytes = gzipSync(js, { level: 9 }).length;
  const cssBytes = gzipSync(css, { level: 9 }).length;
  return { js: jsBytes, css: cssBytes, total: jsBytes + cssBytes };
}
