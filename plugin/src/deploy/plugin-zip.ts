/**
 * Zips plugin/moodle/local_wecare for Moodle's plugin installer (Site administration > Plugins >
 * Install plugins). Moodle expects one top folder named after the plugin's directory in its type
 * folder: `wecare/` for local_wecare (installed as local/wecare). Deterministic: same sources,
 * same bytes.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createZip, type ZipEntry } from '../../../scripts/package/zip.ts';

export const pluginSourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../moodle/local_wecare');
export const pluginZipRoot = 'wecare';

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), relative)));
    else if (entry.isFile()) out.push(relative);
  }
  return out;
}

export interface PluginZip {
  zip: Buffer;
  files: string[];
  component: string;
  version: number;
  release: string;
}

/** Builds the installer zip from `sourceDir` (default: the toolkit's own plugin sources). */
export async function buildPluginZip(sourceDir = pluginSourceDir): Promise<PluginZip> {
  const versionText = await readFile(path.join(sourceDir, 'version.php'), 'utf8').catch(() => {
    throw new Error(`${sourceDir} has no version.php: it is not a Moodle plugin folder.`);
  });
  const component = /\$plugin->component\s*=\s*'([a-z0-9_]+)'/.exec(versionText)?.[1];
  const version = Number(/\$plugin->version\s*=\s*(\d{10})/.exec(versionText)?.[1]);
  const release = /\$plugin->release\s*=\s*'([^']*)'/.exec(versionText)?.[1] ?? '';
  if (component !== `local_${pluginZipRoot}`) throw new Error(`version.php declares component "${component ?? '?'}", expected local_${pluginZipRoot}.`);
  if (!Number.isFinite(version)) throw new Error('version.php has no 10-digit $plugin->version.');
  const files = (await listFiles(sourceDir)).sort();
  const entries: ZipEntry[] = await Promise.all(files.map(async (file) => ({ name: `${pluginZipRoot}/${file}`, data: await readFile(path.join(sourceDir, file)) })));
  return { zip: await createZip(entries), files, component, version, release };
}
