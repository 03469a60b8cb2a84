/**
 * What `wecare build` shows while it works. On a terminal: one line per variant × format, redrawn
 * in place as its modules are built (`✔ es  scorm12    7/7`). Elsewhere (CI, a pipe): one plain
 * line per output built, in the order they finish.
 */
import type { BuildProgress, PlannedUnit, UnitOutcome } from './run-build.ts';

type Write = (text: string) => void;

const label = (unit: PlannedUnit) => unit.module ?? (unit.format === 'web' ? 'index' : 'all modules');

/** `es  scorm12    m01-cuidado-profesional  built (1 file)`: for logs, one line per output built. */
export function plainProgress(write: Write): BuildProgress {
  return {
    planned() {},
    started() {},
    finished(outcome) {
      if (outcome.status === 'up-to-date') return;
      const files = `${outcome.files.length} file${outcome.files.length === 1 ? '' : 's'}`;
      write(`${outcome.variant}  ${outcome.format.padEnd(9)}  ${label(outcome)}  ${outcome.status === 'built' ? `built (${files})` : 'failed'}`);
    },
  };
}

interface Row {
  variant: string;
  format: string;
  total: number;
  done: number;
  built: number;
  failed: number;
  current?: string;
}

/** A task list redrawn in place with ANSI cursor moves: one row per variant × format. */
export function terminalProgress(write: Write): BuildProgress {
  const rows: Row[] = [];
  const rowOf = (unit: PlannedUnit) => rows.find((row) => row.variant === unit.variant && row.format === unit.format)!;
  let drawn = 0;
  const draw = () => {
    const lines = rows.map((row) => {
      const finished = row.done === row.total;
      const mark = row.failed ? '✖' : finished ? '✔' : row.current ? '›' : '·';
      const state = finished
        ? row.built || row.failed
          ? [row.built && `${row.built} built`, row.failed && `${row.failed} failed`, row.total - row.built - row.failed && `${row.total - row.built - row.failed} up to date`].filter(Boolean).join(', ')
          : 'up to date'
        : `${row.done}/${row.total}${row.current ? `  ${row.current}` : ''}`;
      return `\x1b[2K${mark} ${row.variant.padEnd(6)} ${row.format.padEnd(10)} ${state}`;
    });
    write(`${drawn ? `\x1b[${drawn}A` : ''}${lines.join('\n')}`);
    drawn = lines.length;
  };
  return {
    planned(units) {
      for (const unit of units) {
        const row = rows.find((r) => r.variant === unit.variant && r.format === unit.format);
        if (row) row.total += 1;
        else rows.push({ variant: unit.variant, format: unit.format, total: 1, done: 0, built: 0, failed: 0 });
      }
      draw();
    },
    started(unit) {
      rowOf(unit).current = label(unit);
      draw();
    },
    finished(outcome: UnitOutcome) {
      const row = rowOf(outcome);
      row.done += 1;
      if (outcome.status === 'built') row.built += 1;
      if (outcome.status === 'failed') row.failed += 1;
      if (row.current === label(outcome)) delete row.current;
      draw();
    },
  };
}
