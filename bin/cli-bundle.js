// The compiled CLI: scripts/cli/main.ts bundled by esbuild into .wecare-cli/ (git-ignored) by
// `npm run compile-cli`, which npm's `prepare` runs on `npm ci` / `npm install`. Plain JavaScript,
// so that bin/wecare.js can decide without loading TypeScript whether the bundle may run.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const toolkitRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const defaultBundleDir = path.join(toolkitRoot, '.wecare-cli');
export const MANIFEST = 'manifest.json';

/**
 * The bundle's entry file when the bundle in `bundleDir` was compiled from exactly the sources on
 * disk (every input file has the size and modification time it had then), else undefined: a
 * source edited, added to an import, checked out or removed since makes the caller use the sources.
 */
export function freshBundle(bundleDir = defaultBundleDir) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(bundleDir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  if (!manifest || manifest.node !== process.versions.node.split('.')[0] || typeof manifest.inputs !== 'object') return undefined;
  for (const [file, recorded] of Object.entries(manifest.inputs)) {
    let info;
    try {
      info = statSync(path.resolve(toolkitRoot, file));
    } catch {
      return undefined;
    }
    if (info.size !== recorded.size || info.mtimeMs !== recorded.mtimeMs) return undefined;
  }
  return path.join(bundleDir, manifest.entry);
}

/**
 * Bundles the CLI into `bundleDir`: every command stays a chunk of its own, loaded when run;
 * npm packages stay external. Each source's `import.meta.url` is replaced by its own location, so
 * files read beside the sources (templates, package.json) are found as when running the sources.
 */
export async function compileCli(bundleDir = defaultBundleDir) {
  const { build } = await import('esbuild');
  const { mkdir, readdir, rename, rm, writeFile } = await import('node:fs/promises');
  const relocate = {
    name: 'source-import-meta-url',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = readFileSync(args.path, 'utf8');
        const fromBundle = path.relative(bundleDir, args.path).split(path.sep).join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
  // The manifest goes first and comes back last: a bundle being written is never taken as fresh.
  // Files are overwritten, not removed first, so a `wecare` starting meanwhile never misses one.
  await mkdir(bundleDir, { recursive: true });
  await rm(path.join(bundleDir, MANIFEST), { force: true });
  const result = await build({
    entryPoints: { main: path.join(toolkitRoot, 'scripts/cli/main.ts') },
    outdir: bundleDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
    plugins: [relocate],
    outExtension: { '.js': '.mjs' },
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const absolute = path.resolve(process.cwd(), file);
    const info = statSync(absolute);
    inputs[path.relative(toolkitRoot, absolute).split(path.sep).join('/')] = { size: info.size, mtimeMs: info.mtimeMs };
  }
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(process.cwd(), file)));
  for (const name of await readdir(bundleDir)) {
    if (name.endsWith('.mjs') && !written.has(path.join(bundleDir, name))) await rm(path.join(bundleDir, name), { force: true });
  }
  const manifest = { entry: 'main.mjs', node: process.versions.node.split('.')[0], inputs };
  const temporary = path.join(bundleDir, `${MANIFEST}.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify(manifest, null, 1)}\n`);
  await rename(temporary, path.join(bundleDir, MANIFEST));
  return path.join(bundleDir, manifest.entry);
}
