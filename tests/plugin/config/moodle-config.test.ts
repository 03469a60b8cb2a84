import { describe, expect, it } from 'vitest';
import { coursesFor, MoodleConfigError, parseMoodleConfig } from '../../../plugin/src/config/moodle-config.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadMoodleConfig } from '../../../plugin/src/config/moodle-config.ts';
import { readRoster } from '../../../plugin/src/sync/index.ts';
import { fixtureConfig, repoRoot } from '../helpers.ts';

const problems = (text: string) => {
  try {
    parseMoodleConfig(text);
  } catch (error) {
    if (error instanceof MoodleConfigError) return error.message;
    throw error;
  }
  return '';
};

describe('the moodle: section of content/programme.yaml', () => {
  it('reads the fixture mapping', () => {
    const config = fixtureConfig();
    expect(config).toMatchObject({ roleId: 5, auth: 'manual', usernamePrefix: 'wc-', courseKey: 'idnumber' });
    expect(coursesFor(config, 'co', 'fase-2')).toEqual(['WC-CO-M01', 'WC-CO-M02', 'WC-CO-M03']);
    expect(coursesFor({ ...config, cumulativePhases: false }, 'co', 'fase-2')).toEqual(['WC-CO-M03']);
    expect(coursesFor(config, 'co', 'nope')).toEqual([]);
  });

  it("the project's own mapping reads, and so does the sample roster", async () => {
    const config = await loadMoodleConfig(repoRoot);
    const roster = readRoster(readFileSync(path.join(repoRoot, 'content/roster.sample.csv')), config);
    expect(roster.problems).toEqual([]);
    expect(roster.participants.length).toBeGreaterThan(5);
    expect(roster.participants.every((p) => p.email.endsWith('@example.org'))).toBe(true);
    expect(new Set(roster.participants.map((p) => p.status))).toEqual(new Set(['active', 'withdrawn', 'paused']));
  });

  it('reports problems with their line and column', () => {
    const text = [
      'id: x',
      'moodle:',
      '  role: janitor',
      '  courseKey: fullname',
      '  colour: blue',
      '  group: { idnumber: "{intake}-{team}" }',
      '  variants:',
      '    co:',
      '      phases:',
      '        fase-1: WC-CO-M01',
    ].join('\n');
    expect(problems(text).split('\n')).toEqual([
      'content/programme.yaml:3:9  moodle.role: unknown role "janitor"; use manager, coursecreator, editingteacher, teacher, student or the role\'s numeric id  moodle-config',
      'content/programme.yaml:4:14  moodle.courseKey: "fullname" must be idnumber or shortname  moodle-config',
      'content/programme.yaml:5:3  moodle: unknown key "colour" (known: role, auth, lang, usernamePrefix, courseKey, cumulativePhases, suspendAccountOnWithdraw, cohort, group, variants)  moodle-config',
      'content/programme.yaml:6:22  moodle.group.idnumber: unknown placeholder {team} (use {intake}, {variant}, {phase}, {group})  moodle-config',
      'content/programme.yaml:10:17  moodle.variants.co.phases.fase-1 must be a list of courses, e.g. [WC-CO-M01]  moodle-config',
    ]);
    expect(problems('id: x\n')).toMatch(/no `moodle:` section/);
    expect(problems('moodle: [\n')).toMatch(/^content\/programme.yaml:\d+:\d+  YAML:/);
  });
});
