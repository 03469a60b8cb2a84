/**
 * `wecare profile` end to end on the real sample programme (content/ + modules/, through the real
 * loader): results crafted from its assessment in SCORM 2004 and 1.2 response formats, the files
 * written, and the errors staff see for results that do not match.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme } from '../../scripts/api.ts';
import { main } from '../../scripts/cli/main.ts';
import type { ProgrammeIR, Question } from '../../scripts/ir/types.ts';
import { buildAssessmentMap, type AssessmentMap } from '../../scripts/profile/assessment-map.ts';
import { csvLine } from '../../scripts/csv/csv.ts';
import { runProfiles } from '../../scripts/profile/run.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-profile-cli-'));

/** The right answer in SCORM 2004 (`[,]`) or 1.2 (`,`) form, as the player records it (docs/tracking.md). */
function rightResponse(question: Question, v2004: boolean): string {
  const sep = v2004 ? '[,]' : ',';
  switch (question.kind) {
    case 'single-choice': return question.options.find((o) => o.correct)!.id;
    case 'multiple-choice': return question.options.filter((o) => o.correct).map((o) => o.id).join(sep);
    case 'true-false': return v2004 ? String(question.answer) : question.answer ? 't' : 'f';
    case 'fill-blanks': return question.blanks.map((b) => b.answers[0]).join(sep);
    case 'drag-words': return question.blanks.map((b) => b.answer).join(sep);
    case 'matching': return question.pairs.map((p) => (v2004 ? `${p.leftId}[.]${p.rightId}` : `${p.leftId}.${p.rightId}`)).join(sep);
    case 'ordering': return question.items.map((i) => i.id).join(sep);
  }
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['profile', ...args], { stdout: (t) => (out += `${t}\n`), stderr: (t) => (err += `${t}\n`), cwd: dir, isTTY: false });
  return { code, out, err };
}

describe('wecare profile on the sample programme', () => {
  let programme: ProgrammeIR;
  let map: AssessmentMap;
  const rows: string[] = [csvLine(['learner_id', 'learner_name', 'variant', 'interaction_id', 'response', 'result'])];

  beforeAll(async () => {
    const loaded = await loadProgramme(repoRoot, { variants: ['co'] });
    programme = loaded.programmes[0]!;
    map = buildAssessmentMap(programme);
    const items = [...map.items.values()];
    const firstArea = new Set(programme.framework.areas[0]!.competences.map((c) => c.id));
    for (const item of items) {
      if (item.kind === 'confidence') {
        rows.push(csvLine(['CO-001', 'Ana', 'co', item.id, '3', 'neutral'])); // confident, knows: no gaps
        rows.push(csvLine(['CO-002', 'Luis', 'co', item.id, '4', 'neutral'])); // very confident, all wrong
        if (firstArea.has(item.competence)) rows.push(csvLine(['CO-003', 'Sara', 'co', item.id, '1', ''])); // partial, unsure
      } else if (item.kind === 'knowledge') {
        rows.push(csvLine(['CO-001', 'Ana', 'co', item.id, rightResponse(item.question, true), ''])); // scored from the response
        rows.push(csvLine(['CO-002', 'Luis', 'co', item.id, 'zzz', 'wrong']));
        if (item.competences.some((c) => firstArea.has(c))) rows.push(csvLine(['CO-003', 'Sara', 'co', item.id, rightResponse(item.question, false), '']));
      }
    }
  });

  it('writes a page per learner, the cohort CSV and the cohort summary', async () => {
    const results = path.join(dir, 'good.csv');
    writeFileSync(results, `${rows.join('\n')}\n`);
    const out = path.join(dir, 'profiles');
    const { code, out: stdout, err } = await run(['--results', 'good.csv', '--root', repoRoot, '--out', 'profiles']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Profiled 3 learner(s) into profiles: index.html, cohort.csv, profiles.json and one page per learner.');
    expect(readdirSync(out).sort()).toEqual(['cohort.csv', 'index.html', 'perfil-CO-001.html', 'perfil-CO-002.html', 'perfil-CO-003.html', 'profiles.json']);

    const csv = readFileSync(path.join(out, 'cohort.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((line) => line.split(','));
    const competences = map.competences.filter((c) => c.questions.length).map((c) => c.competence.id);
    // Ana: every competence at 100 % knowledge, no gap (her responses were scored against the IR keys).
    const ana = csv.filter((cells) => cells[0] === 'CO-001');
    expect(ana.map((cells) => [cells[4], cells[6], cells[11]])).toEqual(competences.map((id) => [id, '100', '']));
    // Luis: 0 % everywhere, over-confident, each gap with the modules that cover it.
    const luis = csv.filter((cells) => cells[0] === 'CO-002');
    for (const cells of luis) {
      expect(cells[6]).toBe('0');
      expect(cells[11]).toMatch(/knowledge;over-confidence/);
      const modules = programme.modules.filter((m) => m.competences.includes(cells[4]!)).map((m) => m.id);
      expect(cells.slice(12).join(',').replace(/"/g, '').split(';').filter(Boolean)).toEqual(modules);
    }
    // Sara answered only area 1: outside it there is no data (empty cells), never 0.
    const sara = csv.filter((cells) => cells[0] === 'CO-003');
    const area1 = programme.framework.areas[0]!.competences.map((c) => c.id);
    for (const cells of sara) {
      if (area1.includes(cells[4]!)) expect([cells[6], cells[11]]).toEqual(['100', 'under-confidence']);
      else expect([cells[5], cells[6]]).toEqual(['', '']);
    }
    // 1 of 2 assessed learners (Ana, Luis) has a gap outside area 1: 50 % ≥ the default 50 % threshold.
    expect(stdout).toMatch(/Competences the cohort lacks: C/);
    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain(programme.programme.title);
    expect(index).toContain('<html lang="es-CO">');
  });

  it('refuses results that do not match, naming file and row, and writes nothing', async () => {
    const bad = [...rows, csvLine(['CO-004', 'Eva', 'co', 'm01-q-inexistente', 'a', 'correct']), csvLine(['CO-005', 'Iván', 'co', '', '', ''])];
    writeFileSync(path.join(dir, 'bad.csv'), `${bad.join('\n')}\n`);
    const { code, err } = await run(['--results', 'bad.csv', '--root', repoRoot, '--out', 'bad-out']);
    expect(code).toBe(1);
    expect(err).toContain(`bad.csv:${bad.length - 1} learner "CO-004": interaction id "m01-q-inexistente" is not an activity of the assessment`);
    expect(err).toContain(`bad.csv:${bad.length} learner "CO-005": has no assessment interactions`);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(path.join(dir, 'bad-out'))).toBe(false);

    // --skip-invalid profiles the others (through the API, to load the programme once less).
    const skipped = await runProfiles({ resultsFile: path.join(dir, 'bad.csv'), outDir: path.join(dir, 'skip-out'), programmes: [programme], skipInvalid: true });
    expect(skipped.skipped.map((p) => p.learnerId)).toEqual(['CO-004', 'CO-005']);
    expect(readdirSync(path.join(dir, 'skip-out'))).toHaveLength(6);
  });

  it('gives usage errors with exit code 2', async () => {
    expect((await run([])).code).toBe(2);
    const badFormat = await run(['--results', 'x.csv', '--format', 'xlsx']);
    expect(badFormat).toMatchObject({ code: 2 });
    expect(badFormat.err).toContain('--format takes csv, json, scorm or h5p, not "xlsx"');
    const missing = await run(['--results', 'missing.csv', '--root', repoRoot]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('wecare profile: nothing to profile; nothing was written.\nmissing.csv cannot read the results: file not found.  [unreadable]\n');
  });
});
