/**
 * `wecare moodle deploy` end to end: the mini fixture programme is built for real (SCORM 1.2) and
 * deployed to the test double through the command line — dry run, apply, and a rebuild that
 * changes nothing because the packages are byte-identical.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/cli/main.ts';
import { createMoodleDouble, seedCourse, type MoodleDouble } from '../double/index.ts';
import { installLocalWecare, localWecareState } from '../double/local-wecare.ts';
import { repoRoot } from '../helpers.ts';
import { tempDir } from './fixtures.ts';

let double: MoodleDouble;
let bare: MoodleDouble;
const root = tempDir('wecare-deploy-cli-');
const moduleIds: string[] = [];

async function wecare(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['moodle', 'deploy', '--root', root, ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: root, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  cpSync(path.join(repoRoot, 'tests/fixtures/programme-mini'), root, { recursive: true });
  for (const folder of readdirSync(path.join(root, 'modules')).sort()) {
    moduleIds.push(/^id:\s*(\S+)/m.exec(readFileSync(path.join(root, 'modules', folder, 'module.md'), 'utf8'))![1]!);
  }
  const programme = readFileSync(path.join(root, 'content/programme.yaml'), 'utf8').replace(/^moodle:[\s\S]*$/m, '');
  writeFileSync(path.join(root, 'content/programme.yaml'), `${programme}moodle:
  deploy:
    courses:
      co:
        MINI-CO: [${moduleIds.join(', ')}, diagnostico]
      es:
        MINI-ES: [${moduleIds[0]}]
`);
  double = createMoodleDouble();
  installLocalWecare(double);
  await double.start();
  seedCourse(double.state, { shortname: 'mini-co', idnumber: 'MINI-CO' });
  seedCourse(double.state, { shortname: 'mini-es', idnumber: 'MINI-ES' });
  bare = createMoodleDouble();
  await bare.start();
  process.env.MOODLE_URL = double.url;
  process.env.MOODLE_TOKEN = double.token;
}, 60_000);
afterAll(async () => {
  await double.stop();
  await bare.stop();
});

describe('wecare moodle deploy', () => {
  it('builds the packages and prints the plan without changing the site', async () => {
    const { code, out, err } = await wecare();
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^Built \d+ package\(s\) \(scorm12\) in dist\.$/m);
    expect(out).toMatch(/^course\s+section\s+activity\s+format\s+result$/m);
    expect(out.match(/scorm12  would create$/gm)).toHaveLength(moduleIds.length + 2);
    expect(out).toContain(`${moduleIds.length + 2} to create, 0 to update, 0 unchanged; 0 package(s) uploaded.`);
    expect(out).toContain('Dry run: nothing was changed on the site. Run again with --apply to deploy.');
    expect(double.state.modules.size).toBe(0);
    expect(out + err).not.toContain(double.token);
  }, 60_000);

  it('creates the activities with --apply, from the packages already built', async () => {
    const { code, out, err } = await wecare('--apply', '--prebuilt');
    expect(code).toBe(0);
    expect(err.split('\n')).toHaveLength(moduleIds.length + 2);
    expect(err).toMatch(new RegExp(`^\\[${moduleIds.length + 2}/${moduleIds.length + 2}\\] MINI-(CO|ES) · wecare-\\w+-[\\w-]+-scorm12: created \\(uploaded\\)$`, 'm'));
    expect(out.match(/scorm12  created$/gm)).toHaveLength(moduleIds.length + 2);
    expect(out).toContain('MINI-CO: course completion criteria created');
    expect([...double.state.modules.values()].map((m) => m.idnumber).sort()).toEqual(
      [...moduleIds.map((id) => `wecare-co-${id}-scorm12`), 'wecare-co-diagnostico-scorm12', `wecare-es-${moduleIds[0]}-scorm12`].sort(),
    );
  }, 60_000);

  it('finds nothing to do after a fresh build of the same sources', async () => {
    const uploads = localWecareState(double).uploads;
    const { code, out } = await wecare('--apply');
    expect(code).toBe(0);
    expect(out).toContain(`0 created, 0 updated, ${moduleIds.length + 2} unchanged; 0 package(s) uploaded.`);
    expect(localWecareState(double).uploads).toBe(uploads);
  }, 60_000);

  it('stops before building when the site lacks the plugin, and says how to install it', async () => {
    process.env.MOODLE_URL = bare.url;
    process.env.MOODLE_TOKEN = bare.token;
    try {
      const { code, err } = await wecare('--out', 'elsewhere');
      expect(code).toBe(1);
      expect(err).toMatch(/^wecare moodle: The local_wecare plugin is not installed on http:\/\/127\.0\.0\.1:\d+/);
      expect(err).toContain('npx wecare moodle plugin-zip');
      expect(err).not.toContain(bare.token);
      expect(existsSync(path.join(root, 'elsewhere'))).toBe(false);
    } finally {
      process.env.MOODLE_URL = double.url;
      process.env.MOODLE_TOKEN = double.token;
    }
  });

  it('refuses a variant the configuration does not map', async () => {
    const { code, err } = await wecare('--variant', 'it');
    expect([code, err]).toEqual([2, 'wecare moodle: --variant it: moodle.deploy.courses maps only co, es.']);
  });
});
