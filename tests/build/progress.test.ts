/** What `wecare build` prints while it works: a redrawn task list on a terminal, plain lines elsewhere. */
import { describe, expect, it } from 'vitest';
import { plainProgress, terminalProgress } from '../../scripts/build/progress.ts';
import type { BuildProgress, PlannedUnit, UnitOutcome } from '../../scripts/build/run-build.ts';

const units: PlannedUnit[] = [
  { key: 'es/scorm12/m01', variant: 'es', format: 'scorm12', module: 'm01' },
  { key: 'es/scorm12/m02', variant: 'es', format: 'scorm12', module: 'm02' },
  { key: 'es/web', variant: 'es', format: 'web' },
  { key: 'es/guide', variant: 'es', format: 'guide' },
];
const done = (unit: PlannedUnit, status: UnitOutcome['status'], files: string[]): UnitOutcome => ({ ...unit, status, files });

function play(progress: BuildProgress) {
  progress.planned(units);
  progress.finished(done(units[0]!, 'up-to-date', ['es/m01.scorm12.zip']));
  progress.started(units[1]!);
  progress.finished(done(units[1]!, 'built', ['es/m02.scorm12.zip']));
  progress.started(units[3]!);
  progress.started(units[2]!);
  progress.finished(done(units[2]!, 'built', ['es/web/index.html', 'es/web/assets/player.js']));
  progress.finished(done(units[3]!, 'failed', []));
}

describe('build progress', () => {
  it('prints one plain line per output built or failed, none for those up to date', () => {
    const lines: string[] = [];
    play(plainProgress((text) => lines.push(text)));
    expect(lines.join('\n')).toMatchInlineSnapshot(`
      "es  scorm12    m02  built (1 file)
      es  web        index  built (2 files)
      es  guide      all modules  failed"
    `);
  });

  it('redraws one line per variant × format in place on a terminal', () => {
    const writes: string[] = [];
    play(terminalProgress((text) => writes.push(text)));
    // Every redraw after the first moves the cursor back up over the rows it drew.
    expect(writes.slice(1).every((text) => text.startsWith('\x1b[3A'))).toBe(true);
    const frame = (text: string) => text.replace(/\x1b\[\d+A/, '').replaceAll('\x1b[2K', '');
    expect(frame(writes[0]!)).toMatchInlineSnapshot(`
      "· es     scorm12    0/2
      · es     web        0/1
      · es     guide      0/1"
    `);
    expect(frame(writes[2]!)).toMatchInlineSnapshot(`
      "› es     scorm12    1/2  m02
      · es     web        0/1
      · es     guide      0/1"
    `);
    expect(frame(writes.at(-1)!)).toMatchInlineSnapshot(`
      "✔ es     scorm12    1 built, 1 up to date
      ✔ es     web        1 built
      ✖ es     guide      1 failed"
    `);
  });
});
