import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvCell, csvLine, parseCsv } from '../../scripts/csv/csv.ts';
import { formatProblem, ResultsError } from '../../scripts/profile/problems.ts';
import { interactionsFromScormTracks, readResultsFile } from '../../scripts/profile/read-results.ts';
import { runProfiles } from '../../scripts/profile/run.ts';
import { profileProgramme } from './fixture.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-results-'));
const programmes = [profileProgramme('es', dir), profileProgramme('co', dir)];
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe('CSV', () => {
  it('reads BOM, semicolons, quoted cells with delimiters, doubled quotes and newlines, keeping record line numbers', () => {
    const { delimiter, records } = parseCsv('\uFEFFa;b\r\n"x;1";"di ""hola""\ny"\r\n\r\nz;w\r\n');
    expect(delimiter).toBe(';');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x;1', 'di "hola"\ny'] },
      { line: 5, cells: ['z', 'w'] },
    ]);
  });

  it('reads back whatever it writes (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ñ', ',', ';', '"', '\n', '\r\n', ' ', '1', '=', '-') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((row) => csvLine(row)).join('\r\n');
        const expected = rows.map((row) => row.map((value) => (/^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value)));
        expect(parseCsv(text).records.map((record) => record.cells)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('reports an unterminated quote with its line', () => {
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(/line 2/);
  });

  it('guards cells against spreadsheet formulas but keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});

describe('reading results', () => {
  it('CSV: one row per interaction, learners grouped, optional columns, row numbers kept', async () => {
    const file = write('r.csv', 'Learner ID,learner_name,variant,interaction_id,response,result\nCO-1,Ana,co,diag-q1,a,correct\nCO-1,Ana,co,diag-sa.1,3,neutral\nCO-2,,co,,,\n');
    const { learners, problems } = await readResultsFile(file, undefined, 'r.csv');
    expect(problems).toEqual([]);
    expect(learners.map((l) => [l.learnerId, l.name, l.variant, l.interactions.length])).toEqual([['CO-1', 'Ana', 'co', 2], ['CO-2', undefined, 'co', 0]]);
    expect(learners[0]?.interactions[1]).toMatchObject({ id: 'diag-sa.1', response: '3', result: 'neutral', origin: { file: 'r.csv', row: 3 } });
  });

  it('CSV without a required column says which and what is expected', async () => {
    const { problems } = await readResultsFile(write('bad.csv', 'learner,interaction_id\nx,y\n'), 'csv', 'bad.csv');
    expect(problems[0]?.message).toMatch(/missing column\(s\) learner_id, response/);
  });

  it('JSON: learners with interactions; pointers name the record', async () => {
    const file = write('r.json', JSON.stringify({ learners: [{ id: 'ES-1', variant: 'es', interactions: [{ id: 'diag-q1', response: 'a' }, { response: 'x' }] }] }));
    const { learners, problems } = await readResultsFile(file, undefined, 'r.json');
    expect(learners[0]?.interactions).toHaveLength(1);
    expect(problems).toMatchObject([{ kind: 'malformed', origin: { pointer: 'learners[0].interactions[1]' } }]);
  });

  it('SCORM tracks as Moodle returns them (1.2 and 2004 element names), ordered by interaction index, last attempt', async () => {
    const tracks12 = [
      { element: 'cmi.core.lesson_status', value: 'completed' },
      { element: 'cmi.interactions.1.id', value: 'diag-q2' },
      { element: 'cmi.interactions.1.student_response', value: 't' },
      { element: 'cmi.interactions.1.result', value: 'correct' },
      { element: 'cmi.interactions.0.id', value: 'diag-sa.1' },
      { element: 'cmi.interactions.0.student_response', value: '2' },
      { element: 'cmi.interactions.0.objectives.0.id', value: 'C1.1' },
    ];
    expect(interactionsFromScormTracks(tracks12, { file: 'm.json' }).map((r) => [r.id, r.response, r.result])).toEqual([['diag-sa.1', '2', undefined], ['diag-q2', 't', 'correct']]);
    const file = write('moodle.json', JSON.stringify({
      learners: [{
        id: 'CO-9', variant: 'co',
        attempts: [
          { attempt: 2, tracks: [{ element: 'cmi.interactions.0.id', value: 'diag-q1' }, { element: 'cmi.interactions.0.learner_response', value: 'a' }, { element: 'cmi.interactions.0.result', value: 'correct' }] },
          { attempt: 1, tracks: [{ element: 'cmi.interactions.0.id', value: 'diag-q1' }, { element: 'cmi.interactions.0.learner_response', value: 'b' }] },
        ],
      }],
    }));
    const { learners } = await readResultsFile(file, undefined, 'moodle.json');
    expect(learners[0]?.interactions).toMatchObject([{ id: 'diag-q1', response: 'a', result: 'correct', origin: { pointer: 'learners[0] cmi.interactions.0' } }]);
  });

  it('a missing file is a problem, not a crash', async () => {
    const { problems } = await readResultsFile(path.join(dir, 'nope.csv'), undefined, 'nope.csv');
    expect(formatProblem(problems[0]!)).toBe('nope.csv cannot read the results: file not found.  [unreadable]');
  });
});

describe('runProfiles: pages, cohort CSV and cohort summary', () => {
  const good = [
    'learner_id,learner_name,variant,interaction_id,response,result',
    // CO-1: confident and wrong in A1; right in A2.
    'CO-1,Ana Pérez,co,diag-sa.1,4,neutral', 'CO-1,Ana Pérez,co,diag-sa.2,4,neutral', 'CO-1,Ana Pérez,co,diag-q1,b,wrong', 'CO-1,Ana Pérez,co,diag-q2,f,wrong', 'CO-1,Ana Pérez,co,diag-q3,c,wrong', 'CO-1,Ana Pérez,co,diag-q4,"3,2,1",wrong', 'CO-1,Ana Pérez,co,diag-q5,escrito,correct', 'CO-1,Ana Pérez,co,diag-q6,"1.a,2.b",correct',
    // CO-2: no self-assessment, C1.1 wrong, rest right.
    'CO-2,=cmd,co,diag-q1,b,wrong', 'CO-2,=cmd,co,diag-q2,f,wrong', 'CO-2,=cmd,co,diag-q3,"a,b",correct', 'CO-2,=cmd,co,diag-q4,"1,2,3",correct',
  ].join('\n');

  it('writes one page per learner, cohort.csv and index.html; the cohort lacks C1.1', async () => {
    const out = path.join(dir, 'out-good');
    const result = await runProfiles({ resultsFile: write('good.csv', good), displayName: 'good.csv', outDir: out, programmes });
    expect(readdirSync(out).sort()).toEqual(['cohort.csv', 'index.html', 'perfil-CO-1.html', 'perfil-CO-2.html', 'profiles.json']);
    const json = JSON.parse(readFileSync(path.join(out, 'profiles.json'), 'utf8'));
    expect(json.learners.map((l: { learnerId: string }) => l.learnerId)).toEqual(['CO-1', 'CO-2']);
    expect(json.cohort.competences.find((c: { competenceId: string }) => c.competenceId === 'C2.1').meanKnowledge).toBe(1);
    expect(result.summary.competences.filter((c) => c.lacking).map((c) => c.competenceId)).toEqual(['C1.1', 'C1.2']);
    const c11 = result.summary.competences.find((c) => c.competenceId === 'C1.1');
    expect(c11).toMatchObject({ assessed: 2, gapShare: 1, gapCounts: { knowledge: 2, 'over-confidence': 1, 'under-confidence': 0 } });
    // C2.1: CO-2 answered nothing there, so only CO-1 is assessed.
    expect(result.summary.competences.find((c) => c.competenceId === 'C2.1')).toMatchObject({ assessed: 1, gapShare: 0, lacking: false });

    const csv = readFileSync(path.join(out, 'cohort.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv[0]).toBe('learner_id,learner_name,variant,area_id,competence_id,confidence_pct,knowledge_pct,statements_answered,statements_total,questions_answered,questions_total,gaps,modules');
    expect(csv).toContain('CO-1,Ana Pérez,co,A1,C1.1,100,0,1,1,2,2,"knowledge;over-confidence",m01-demo');
    // No data is an empty cell, never 0; the formula-like name is neutralised.
    expect(csv).toContain("CO-2,'=cmd,co,A2,C2.1,,,0,1,0,2,,m02-derechos");

    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain('href="perfil-CO-1.html"');
    expect(index).toMatch(/C1\.1 Conocer el rol profesional<\/strong>: 100 %/);
    const page = readFileSync(path.join(out, 'perfil-CO-2.html'), 'utf8');
    expect(page).toContain('<html lang="es-CO">');
    expect(page).toContain('=cmd (CO-2)');
    expect(page).not.toMatch(/<(script|link)\b/);
  });

  it('a re-run into the same folder removes the pages of learners no longer in the results, and only those of a profile run', async () => {
    const out = path.join(dir, 'out-rerun');
    await runProfiles({ resultsFile: write('rerun1.csv', good), outDir: out, programmes });
    writeFileSync(path.join(out, 'notes.html'), 'mine');
    const onlyAna = good.split('\n').filter((line) => !line.startsWith('CO-2')).join('\n');
    await runProfiles({ resultsFile: write('rerun2.csv', onlyAna), outDir: out, programmes });
    expect(readdirSync(out).sort()).toEqual(['cohort.csv', 'index.html', 'notes.html', 'perfil-CO-1.html', 'profiles.json']);

    const foreign = path.join(dir, 'foreign');
    await runProfiles({ resultsFile: write('rerun3.csv', good), outDir: foreign, programmes });
    writeFileSync(path.join(foreign, 'profiles.json'), '{}');
    await runProfiles({ resultsFile: write('rerun4.csv', onlyAna), outDir: foreign, programmes });
    expect(readdirSync(foreign)).toContain('perfil-CO-2.html');
  });

  it('results that do not match the assessment write nothing and list every problem with file and row', async () => {
    const out = path.join(dir, 'out-bad');
    const bad = `${good}\nCO-3,,co,m01-sc,a,correct\nCO-4,,co,,,\n`;
    const error = await runProfiles({ resultsFile: write('bad.csv', bad), displayName: 'bad.csv', outDir: out, programmes }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResultsError);
    const lines = (error as ResultsError).problems.map(formatProblem);
    expect(lines).toEqual([
      expect.stringMatching(/^bad\.csv:14 learner "CO-3": interaction id "m01-sc" is not an activity of the assessment "diagnostico" \(variant co\)\..*\[unknown-id\]$/),
      expect.stringMatching(/^bad\.csv:15 learner "CO-4": has no assessment interactions.*\[no-data\]$/),
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('with skipInvalid, valid learners are profiled and the invalid ones reported', async () => {
    const out = path.join(dir, 'out-skip');
    const bad = `${good}\nCO-3,,co,m01-sc,a,correct\n`;
    const result = await runProfiles({ resultsFile: write('skip.csv', bad), displayName: 'skip.csv', outDir: out, programmes, skipInvalid: true });
    expect(result.profiles.map((p) => p.learnerId)).toEqual(['CO-1', 'CO-2']);
    expect(result.skipped.map((p) => p.learnerId)).toEqual(['CO-3']);
  });

  it('an unknown variant and a duplicated learner are errors', async () => {
    const file = write('dup.json', JSON.stringify({ learners: [{ id: 'A', variant: 'it', interactions: [{ id: 'diag-q1', response: 'a' }] }, { id: 'B', interactions: [{ id: 'diag-q1', response: 'a' }] }, { id: 'B', interactions: [] }] }));
    const error = (await runProfiles({ resultsFile: file, outDir: path.join(dir, 'out-dup'), programmes }).catch((e: unknown) => e)) as ResultsError;
    expect(error.problems.map((p) => [p.kind, p.learnerId])).toEqual([['unknown-variant', 'A'], ['malformed', 'B']]);
  });
});
