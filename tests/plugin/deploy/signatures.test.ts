/**
 * The double enforces the plugin's real signatures: local-wecare-signatures.json must be what the
 * PHP declares (regenerate with `php tests/plugin/double/local-wecare-signatures.php >
 * tests/plugin/double/local-wecare-signatures.json`), and every function of db/services.php has
 * one classes/external/<function>.php, a capability check and described parameters.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pluginFunctions } from '../../../plugin/src/deploy/plugin-api.ts';
import { localWecareSignatures, pluginStrings } from '../double/local-wecare.ts';
import { repoRoot } from '../helpers.ts';

const hasPhp = spawnSync('php', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasPhp) console.info('signatures: php-cli is not installed; the check that the double uses the PHP signatures is skipped.');
const pluginDir = path.join(repoRoot, 'plugin/moodle/local_wecare');

describe('local_wecare signatures', () => {
  it.skipIf(!hasPhp)('match what the PHP declares', () => {
    const result = spawnSync('php', [path.join(repoRoot, 'tests/plugin/double/local-wecare-signatures.php')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(readFileSync(path.join(repoRoot, 'tests/plugin/double/local-wecare-signatures.json'), 'utf8')));
  });

  it('cover the functions the toolkit calls, each in its own class with a capability check', () => {
    const signatures = localWecareSignatures();
    expect(Object.keys(signatures).sort()).toEqual(Object.values(pluginFunctions).sort());
    const services = readFileSync(path.join(pluginDir, 'db/services.php'), 'utf8');
    for (const name of Object.keys(signatures)) {
      const short = name.replace(/^local_wecare_/, '');
      const source = readFileSync(path.join(pluginDir, `classes/external/${short}.php`), 'utf8');
      expect(services).toContain(`'classname' => 'local_wecare\\external\\${short}'`);
      expect(source).toMatch(/require_capability\('local\/wecare:(deploy|viewprogress|readaccounts)'/);
      expect(source).toMatch(/self::validate_context\(/);
      const undescribed = Object.entries(signatures[name]!.parameters.keys).filter(([, desc]) => !(desc as { desc?: string }).desc);
      expect(undescribed).toEqual([]);
    }
  });

  it('put exactly the functions the toolkit calls in the "WeCare toolkit" service', () => {
    const sourceFiles = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []));
    const called = new Set<string>();
    // plugin/src, and the profile's pull of diagnostic results, which `wecare moodle report` runs.
    for (const file of [...sourceFiles(path.join(repoRoot, 'plugin/src')), path.join(repoRoot, 'scripts/profile/moodle-tracks.ts')]) {
      // Calls name the function as a string literal: client.call('core_…', …) or a table of names.
      for (const match of readFileSync(file, 'utf8').matchAll(/'((?:core|enrol|mod|gradereport|local_wecare)_[a-z0-9]+(?:_[a-z0-9]+)+)'/g)) called.add(match[1]!);
    }
    // Named in the retry policy's list of reads, never called.
    called.delete('core_h5p_get_trusted_h5p_file');
    const services = readFileSync(path.join(pluginDir, 'db/services.php'), 'utf8');
    const block = services.slice(services.indexOf("'functions' => [", services.indexOf('$services')));
    const listed = [...block.slice(0, block.indexOf('],')).matchAll(/'([a-z0-9_]+)',/g)].map((m) => m[1]!);
    expect([...listed].sort()).toEqual([...called].sort());
  });

  it('have every error message in English and Spanish', () => {
    const spanish = readFileSync(path.join(pluginDir, 'lang/es/local_wecare.php'), 'utf8');
    const keysEs = [...spanish.matchAll(/\$string\['([^']+)'\]/g)].map((m) => m[1]).sort();
    expect(keysEs).toEqual(Object.keys(pluginStrings()).sort());
    const sources = ['classes/local/deployer.php', 'classes/local/package_validator.php', 'classes/external/deploy_package.php', 'classes/external/set_completion_criteria.php', 'classes/external/get_course_progress.php']
      .map((file) => readFileSync(path.join(pluginDir, file), 'utf8'))
      .join('\n');
    const used = [...sources.matchAll(/(?:moodle_exception|get_string|warning)\(\s*'([a-z]+)',\s*(?:'local_wecare'|\(string\)|\$)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(15);
    expect(used.filter((key) => !(key in pluginStrings()))).toEqual([]);
  });
});
