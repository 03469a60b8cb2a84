/** Plain-text rendering of a deployment report: a table of course / section / activity / result. */
import type { DeployReport, ResultRow } from './run.ts';

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function result(row: ResultRow): string {
  const changes = row.changes.length && row.outcome !== 'created' ? ` (${row.changes.join(', ')})` : '';
  return `${row.outcome}${changes}`;
}

export function formatDeployReport(report: DeployReport): string {
  const header = ['course', 'section', 'activity', 'format', 'result'];
  const body = report.rows.map((row) => [row.course, String(row.sectionnum), truncate(row.name, 48), row.format, result(row)]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  const lines = [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)];

  // The same message for several activities of a course (a missing course) is said once.
  const groups = new Map<string, ResultRow[]>();
  for (const row of report.rows.filter((r) => r.message)) {
    const key = `${row.course}\u0000${row.message}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const notes = [...groups.values()].map((rows) => (rows.length === 1 ? `  ${rows[0]!.course} / ${rows[0]!.idnumber}: ${rows[0]!.message}` : `  ${rows[0]!.course} (${rows.length} activities): ${rows[0]!.message}`));
  if (notes.length) lines.push('', 'Notes:', ...notes);
  for (const course of report.courses) {
    if (course.criteria) lines.push(`${course.course}: course completion criteria ${course.criteria}${course.message ? ` (${course.message})` : ''}`);
    if (course.stray.length) {
      lines.push(`${course.course}: ${course.stray.length} activity(ies) with the toolkit's idnumber prefix are not in the programme and were left alone: ${course.stray.map((s) => `${s.idnumber} (cmid ${s.cmid})`).join(', ')}`);
    }
  }
  for (const warning of report.warnings) lines.push(`Warning: ${warning}`);

  const count = (outcome: string) => report.rows.filter((row) => row.outcome === outcome).length;
  const parts = report.applied
    ? [`${count('created')} created`, `${count('updated')} updated`, `${count('unchanged')} unchanged`]
    : [`${count('would create')} to create`, `${count('would update')} to update`, `${count('unchanged')} unchanged`];
  const failed = count('failed') + count('conflict');
  if (failed) parts.push(report.applied ? `${failed} failed` : `${failed} cannot be deployed`);
  lines.push('', `${parts.join(', ')}; ${report.uploads} package(s) uploaded.`);
  if (!report.applied) lines.push('Dry run: nothing was changed on the site. Run again with --apply to deploy.');
  return lines.join('\n');
}
