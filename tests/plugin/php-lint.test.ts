/** `php -l` on every PHP file of the local_wecare plugin (and the test helper that reads it). */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.ts';

const hasPhp = spawnSync('php', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasPhp) console.info('php-lint: php-cli is not installed (apt-get install php-cli); the PHP syntax check is skipped.');

function phpFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return phpFiles(full);
    return entry.name.endsWith('.php') ? [full] : [];
  });
}

const files = [...phpFiles(path.join(repoRoot, 'plugin/moodle/local_wecare')), path.join(repoRoot, 'tests/plugin/double/local-wecare-signatures.php')];

describe.skipIf(!hasPhp)('PHP syntax (php -l)', () => {
  it('finds the plugin sources', () => {
    expect(files.map((file) => path.relative(path.join(repoRoot, 'plugin/moodle/local_wecare'), file))).toEqual(expect.arrayContaining(['version.php', 'db/services.php', 'db/access.php', 'classes/privacy/provider.php']));
  });

  it('every file parses and starts with the GPL header', () => {
    const failures: string[] = [];
    for (const file of files) {
      const result = spawnSync('php', ['-l', file], { encoding: 'utf8' });
      if (result.status !== 0) failures.push(`${path.relative(repoRoot, file)}: ${(result.stdout + result.stderr).trim()}`);
      const head = execFileSync('head', ['-c', '400', file], { encoding: 'utf8' });
      if (!/GNU (General Public License|GPL)/.test(head)) failures.push(`${path.relative(repoRoot, file)}: no GPL header`);
    }
    expect(failures).toEqual([]);
  });
});

describe('Moodle globals', () => {
  // `php -l` does not see a function using $CFG or $DB without `global`: it reads null at run time.
  it('every plugin function that uses $CFG, $DB, $USER, $OUTPUT or $PAGE declares it global', () => {
    const missing: string[] = [];
    for (const file of phpFiles(path.join(repoRoot, 'plugin/moodle/local_wecare'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/function\s+(\w+)\s*\([^)]*\)[^{;]*\{/g)) {
        let depth = 1;
        let end = match.index! + match[0].length;
        while (depth && end < source.length) {
          if (source[end] === '{') depth += 1;
          else if (source[end] === '}') depth -= 1;
          end += 1;
        }
        const body = source.slice(match.index! + match[0].length, end);
        const declared = new Set([...body.matchAll(/global\s+([^;]+);/g)].flatMap((g) => g[1]!.split(',').map((name) => name.trim())));
        for (const name of ['$CFG', '$DB', '$USER', '$OUTPUT', '$PAGE']) {
          if (new RegExp(`\\${name}\\b`).test(body) && !declared.has(name)) missing.push(`${path.relative(repoRoot, file)}: ${match[1]}() uses ${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
