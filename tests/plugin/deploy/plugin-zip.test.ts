/** `wecare moodle plugin-zip`: the layout Moodle's installer expects, deterministic bytes. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../scripts/cli/main.ts';
import { readZip } from '../../../scripts/package/zip.ts';
import { buildPluginZip, pluginSourceDir } from '../../../plugin/src/deploy/plugin-zip.ts';
import { tempDir } from './fixtures.ts';

describe('the local_wecare installer zip', () => {
  it('has one top folder named "wecare" holding every plugin file, and no directory entries', async () => {
    const built = await buildPluginZip();
    const entries = [...(await readZip(built.zip)).keys()];
    expect(entries.every((name) => name.startsWith('wecare/') && !name.endsWith('/'))).toBe(true);
    for (const required of ['version.php', 'db/services.php', 'db/access.php', 'lang/en/local_wecare.php', 'lang/es/local_wecare.php', 'classes/privacy/provider.php', 'classes/external/deploy_package.php', 'classes/external/get_course_progress.php']) {
      expect(entries).toContain(`wecare/${required}`);
    }
    expect(built).toMatchObject({ component: 'local_wecare' });
    expect((await readZip(built.zip)).get('wecare/version.php')!.equals(await readFile(path.join(pluginSourceDir, 'version.php')))).toBe(true);
  });

  it('gives the same bytes every time', async () => {
    const [a, b] = await Promise.all([buildPluginZip(), buildPluginZip()]);
    expect(a.zip.equals(b.zip)).toBe(true);
  });

  it('is written by the command, which names the version', async () => {
    const dir = tempDir();
    const out: string[] = [];
    const code = await main(['moodle', 'plugin-zip', '--out', 'plugin.zip'], { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: dir, isTTY: false });
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Wrote plugin\.zip: local_wecare 0\.1\.0 \(version \d{10}\), \d+ files, \d+ bytes\.$/);
    expect((await readFile(path.join(dir, 'plugin.zip'))).equals((await buildPluginZip()).zip)).toBe(true);
  });

  it('refuses a folder that is not the local_wecare plugin', async () => {
    await expect(buildPluginZip(tempDir())).rejects.toThrow(/has no version.php/);
  });
});
