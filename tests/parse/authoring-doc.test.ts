/** docs/authoring.md shows real fixtures and documents every rule `wecare check` can report. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { directiveNames } from '../../scripts/validate/directives.ts';
import { rules } from '../../scripts/validate/messages.ts';
import { repoRoot } from './helpers.ts';

const doc = readFileSync(path.join(repoRoot, 'docs/authoring.md'), 'utf8');
const fixtures = readdirSync(path.join(repoRoot, 'tests/fixtures/format'));

describe('docs/authoring.md', () => {
  it('embeds each directive fixture verbatim', () => {
    const examples = [...doc.matchAll(/<!-- fixture: ([a-z-]+) -->\n```markdown\n([\s\S]*?)```\n/g)];
    expect(examples.map((m) => m[1]).sort()).toEqual([...fixtures].sort());
    for (const [, name, body] of examples) {
      expect(body, `example "${name}" differs from tests/fixtures/format/${name}/input.md`).toBe(
        readFileSync(path.join(repoRoot, 'tests/fixtures/format', name!, 'input.md'), 'utf8'),
      );
    }
  });

  it('documents every rule and every directive', () => {
    for (const rule of Object.keys(rules)) expect(doc).toContain(`| \`${rule}\` | ${rules[rule as keyof typeof rules].severity} |`);
    for (const name of directiveNames) expect(doc).toMatch(new RegExp(`:${name}\\b`));
  });
});

describe('docs/guia-rapida.md', () => {
  it('shows only examples that pass the checker', async () => {
    const { lesson, processLesson } = await import('./helpers.ts');
    const guide = readFileSync(path.join(repoRoot, 'docs/guia-rapida.md'), 'utf8');
    const examples = [...guide.matchAll(/^( *)```markdown\n([\s\S]*?)^\1```/gm)].map((m) => m[2]!.replace(new RegExp(`^${m[1]}`, 'gm'), ''));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const example of examples) {
      const source = example.startsWith('---\n') ? example : lesson(example);
      const problems = processLesson(source).diagnostics.filter((d) => d.severity !== 'info');
      expect(problems, example).toEqual([]);
    }
  });
});
