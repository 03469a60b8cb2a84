/** Bundles the preview's browser scripts (templates/preview) with esbuild, once per process. */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates/preview/src');

export interface PreviewAssets {
  client: string;
  inspector: string;
}

let cached: Promise<PreviewAssets> | undefined;

async function bundle(): Promise<PreviewAssets> {
  const result = await build({
    entryPoints: { client: path.join(sourceDir, 'client.ts'), inspector: path.join(sourceDir, 'inspector.ts') },
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    outdir: 'out',
    legalComments: 'none',
    charset: 'utf8',
  });
  const text = (name: string) => result.outputFiles.find((file) => path.basename(file.path) === `${name}.js`)!.text;
  return { client: text('client'), inspector: text('inspector') };
}

export function previewAssets(): Promise<PreviewAssets> {
  cached ??= bundle();
  return cached;
}
