/**
 * The compiled CLI (bin/cli-bundle.js): it behaves as the TypeScript sources do, and it is used
 * only while every source it was compiled from is unchanged on disk.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCli, freshBundle, MANIFEST, toolkitRoot } from '../../bin/cli-bundle.js';

const run = promisify(execFile);
// Inside the toolkit, as the real bundle is, so that npm packages resolve from node_modules.
const bundleDir = path.join(toolkitRoot, `.wecare-cli-test-${process.pid}`);
const launcher = path.join(toolkitRoot, 'bin/wecare.js');

async function wecare(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [launcher, ...args], { env: { ...process.env, ...env }, cwd: toolkitRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  await compileCli(bundleDir);
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

describe('compiled CLI', () => {
  it('is used while its sources are unchanged, and answers --help, --version and mistakes as the sources do', async () => {
    expect(freshBundle(bundleDir)).toBe(path.join(bundleDir, 'main.mjs'));
    for (const args of [['--help'], ['--version'], ['build', '--no-such-option']]) {
      const compiled = await wecare(args, { WECARE_CLI_BUNDLE_DIR: bundleDir });
      const sources = await wecare(args, { WECARE_CLI: 'tsx' });
      expect(compiled, args.join(' ')).toEqual(sources);
    }
    const version = await wecare(['--version'], { WECARE_CLI_BUNDLE_DIR: bundleDir });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(toolkitRoot, 'package.json'), 'utf8')).version);
  });

  it('is not used once a source it was compiled from has another size or time, or is gone', () => {
    const manifestFile = path.join(bundleDir, MANIFEST);
    const original = readFileSync(manifestFile, 'utf8');
    const manifest = JSON.parse(original) as { inputs: Record<string, { size: number; mtimeMs: number }> };
    expect(Object.keys(manifest.inputs)).toContain('scripts/cli/main.ts');
    expect(Object.keys(manifest.inputs).some((file) => file.startsWith('node_modules/'))).toBe(false);
    try {
      const edited = structuredClone(manifest);
      edited.inputs['scripts/cli/main.ts']!.mtimeMs -= 1000;
      writeFileSync(manifestFile, JSON.stringify(edited));
      expect(freshBundle(bundleDir)).toBeUndefined();

      const removed = structuredClone(manifest);
      removed.inputs['scripts/cli/no-longer-there.ts'] = { size: 1, mtimeMs: 1 };
      writeFileSync(manifestFile, JSON.stringify(removed));
      expect(freshBundle(bundleDir)).toBeUndefined();
    } finally {
      writeFileSync(manifestFile, original);
    }
    expect(freshBundle(bundleDir)).toBeDefined();
  });
});
