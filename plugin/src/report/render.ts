/** Writes reports/completion.csv, reports/summary.json and a self-contained reports/index.html (SVG charts, no CDN). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReportData, ReportRow } from './collect.ts';
import { csvLine } from '../../../scripts/csv/csv.ts';
import { escapeHtml } from '../../../scripts/html/escape.ts';
import { fill } from '../../../scripts/i18n/resolve.ts';
import { reportStrings, type ReportStrings } from './i18n/index.ts';

export interface Progress {
  label: string;
  done: number;
  total: number;
  percent: number;
}

export interface Summary {
  generatedAt: string;
  participants: number;
  courses: Array<{ course: string; variant: string; activities: number; completionCriteria: boolean; participants: number; completed: number | null }>;
  byIntake: Progress[];
  byVariant: Progress[];
  byModule: Array<Progress & { course: string; averageScore: number | null }>;
  /**
   * Where participants stop: the first activity, in course order, they have not completed, with
   * the days since each one's last recorded progress in that course (null: no date known) and
   * whether they have started anything there (an attempt, a score or a completion state, even
   * when Moodle recorded no date for it: a first attempt graded 0 is activity, not "no activity").
   */
  stuck: Array<{ course: string; activity: string; participants: string[]; idleDays: Array<number | null>; started: boolean[] }>;
}

const isDone = (row: ReportRow) => row.state === 'complete' || row.state === 'passed';
const hasStarted = (row: ReportRow) => (row.attempts ?? 0) > 0 || row.score !== null || row.state !== 'incomplete' || row.lastChange !== null;

function progressBy(rows: ReportRow[], key: (row: ReportRow) => string): Progress[] {
  const groups = new Map<string, { done: number; total: number }>();
  for (const row of rows) {
    const label = key(row) || '—';
    const entry = groups.get(label) ?? { done: 0, total: 0 };
    entry.total += 1;
    if (isDone(row)) entry.done += 1;
    groups.set(label, entry);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, { done, total }]) => ({ label, done, total, percent: total ? Math.round((done / total) * 1000) / 10 : 0 }));
}

export function summarise(data: ReportData): Summary {
  const byModule = data.courses.flatMap((course) =>
    course.activities.map((activity) => {
      const rows = data.rows.filter((r) => r.course === course.key && r.cmid === activity.cmid);
      const done = rows.filter(isDone).length;
      const scores = rows.map((r) => r.score).filter((s): s is number => s !== null);
      return {
        label: `${course.key} · ${activity.name}`,
        course: course.key,
        done,
        total: rows.length,
        percent: rows.length ? Math.round((done / rows.length) * 1000) / 10 : 0,
        averageScore: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null,
      };
    }),
  );
  const stuck = new Map<string, Summary['stuck'][number]>();
  const now = Date.parse(data.generatedAt) / 1000;
  for (const course of data.courses) {
    const byParticipant = new Map<string, ReportRow[]>();
    for (const row of data.rows.filter((r) => r.course === course.key)) byParticipant.set(row.participantId, [...(byParticipant.get(row.participantId) ?? []), row]);
    for (const [participant, rows] of byParticipant) {
      const first = rows.find((r) => !isDone(r));
      if (!first) continue;
      const key = `${course.key}\u0000${first.cmid}`;
      const entry = stuck.get(key) ?? { course: course.key, activity: first.activity, participants: [], idleDays: [], started: [] };
      const last = Math.max(0, ...rows.map((r) => r.lastChange ?? 0));
      entry.participants.push(participant);
      entry.idleDays.push(last > 0 ? Math.max(0, Math.floor((now - last) / 86_400)) : null);
      entry.started.push(rows.some(hasStarted));
      stuck.set(key, entry);
    }
  }
  return {
    generatedAt: data.generatedAt,
    participants: data.participants,
    courses: data.courses.map((course) => {
      const completions = data.courseCompletion.filter((c) => c.course === course.key);
      return {
        course: course.key,
        variant: course.variant,
        activities: course.activities.length,
        completionCriteria: course.hasCompletionCriteria,
        participants: completions.length,
        completed: course.hasCompletionCriteria ? completions.filter((c) => c.completed).length : null,
      };
    }),
    byIntake: progressBy(data.rows, (r) => r.intake),
    byVariant: progressBy(data.rows, (r) => r.variant),
    byModule,
    stuck: [...stuck.values()].sort((a, b) => b.participants.length - a.participants.length),
  };
}

export function completionCsv(data: ReportData): string {
  const head = ['participant_id', 'intake', 'variant', 'group', 'course', 'activity_id', 'activity', 'type', 'state', 'score_percent', 'attempts', 'last_change'];
  const lines = data.rows.map((r) =>
    csvLine([r.participantId, r.intake, r.variant, r.group, r.course, r.cmid, r.activity, r.type, r.state, r.score, r.attempts, r.lastChange ? new Date(r.lastChange * 1000).toISOString() : null]),
  );
  return `${[head.join(','), ...lines].join('\n')}\n`;
}


/**
 * A bar chart as a list: each item is its label, an SVG bar and the figures as text, so it reads
 * well in a screen reader and reflows on a 320 px screen (label above the bar).
 */
function barChart(t: ReportStrings, title: string, items: Array<{ label: string; percent: number; detail: string }>): string {
  if (!items.length) return `<h2>${escapeHtml(title)}</h2><p>${escapeHtml(t.noData)}</p>`;
  const bars = items
    .map((item) => {
      const width = Math.max(0, Math.min(100, item.percent));
      return `<li><span class="label">${escapeHtml(item.label)}</span><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="100" height="10" fill="#e6e9ef"/><rect width="${width.toFixed(1)}" height="10" fill="#1f6f5c"/></svg><span class="value">${item.percent.toFixed(1)} % ${escapeHtml(item.detail)}</span></li>`;
    })
    .join('');
  return `<h2>${escapeHtml(title)}</h2><ul class="bars">${bars}</ul>`;
}

/** The report page in `locale` (BCP 47; the `lang` of the page is that locale). */
export function reportHtml(summary: Summary, locale = 'es'): string {
  const t = reportStrings(locale);
  const toBars = (list: Progress[]) => list.map((p) => ({ label: p.label, percent: p.percent, detail: `(${p.done}/${p.total})` }));
  const stuckRows = summary.stuck
    .map((s) => {
      const people = s.participants.slice(0, 50).map((id, index) => {
        const idle = s.idleDays[index];
        const when = idle !== null && idle !== undefined ? fill(t.idleDays, { n: idle }) : s.started[index] ? t.startedUndated : t.noActivity;
        return `${escapeHtml(id)} <span class="idle">(${escapeHtml(when)})</span>`;
      });
      return `<tr><td>${escapeHtml(s.course)}</td><td>${escapeHtml(s.activity)}</td><td>${s.participants.length}</td><td>${people.join(', ')}${s.participants.length > 50 ? ' …' : ''}</td></tr>`;
    })
    .join('');
  const courseRows = summary.courses
    .map((c) => `<tr><td>${escapeHtml(c.course)}</td><td>${escapeHtml(c.variant)}</td><td>${c.participants}</td><td>${c.activities}</td><td>${c.completed === null ? escapeHtml(t.noCompletionCriteria) : `${c.completed}/${c.participants}`}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} — WeCare</title>
<style>
body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;color:#1b1f24;line-height:1.5}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #c9ced6;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f3f6}.meta{color:#4a5361}
.scroll{overflow-x:auto}.idle{color:#4a5361;white-space:nowrap}
.bars{list-style:none;padding:0;margin:0}.bars li{display:grid;grid-template-columns:minmax(8rem,16rem) 1fr minmax(7rem,14rem);gap:.25rem .75rem;align-items:center;margin:.3rem 0;font-size:.9rem}
.bars .label{text-align:right}.bars .bar{width:100%;height:1.1rem}
@media (max-width:40rem){.bars li{grid-template-columns:1fr auto}.bars .label{grid-column:1/-1;text-align:left}}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(t.title)}</h1>
<p class="meta">${escapeHtml(fill(t.meta, { date: summary.generatedAt, participants: summary.participants }))}</p>
${barChart(t, t.byIntake, toBars(summary.byIntake))}
${barChart(t, t.byVariant, toBars(summary.byVariant))}
${barChart(t, t.byModule, summary.byModule.map((m) => ({ label: m.label, percent: m.percent, detail: `(${m.done}/${m.total})${m.averageScore === null ? '' : ` · ${fill(t.averageScore, { score: m.averageScore })}`}` })))}
<h2>${escapeHtml(t.stuckTitle)}</h2>
<p>${escapeHtml(t.stuckIntro)}</p>
<div class="scroll"><table><thead><tr><th scope="col">${escapeHtml(t.course)}</th><th scope="col">${escapeHtml(t.activity)}</th><th scope="col">${escapeHtml(t.participants)}</th><th scope="col">${escapeHtml(t.identifiers)}</th></tr></thead><tbody>${stuckRows || `<tr><td colspan="4">${escapeHtml(t.nobodyStuck)}</td></tr>`}</tbody></table></div>
<h2>${escapeHtml(t.courses)}</h2>
<div class="scroll"><table><thead><tr><th scope="col">${escapeHtml(t.course)}</th><th scope="col">${escapeHtml(t.variant)}</th><th scope="col">${escapeHtml(t.participants)}</th><th scope="col">${escapeHtml(t.activities)}</th><th scope="col">${escapeHtml(t.courseCompleted)}</th></tr></thead><tbody>${courseRows}</tbody></table></div>
</main>
</body>
</html>
`;
}

export async function writeReports(outDir: string, data: ReportData, extra: Record<string, unknown> = {}, locale = 'es'): Promise<{ files: string[]; summary: Summary }> {
  await mkdir(outDir, { recursive: true });
  const summary = summarise(data);
  const files = [path.join(outDir, 'completion.csv'), path.join(outDir, 'summary.json'), path.join(outDir, 'index.html')];
  await writeFile(files[0]!, completionCsv(data));
  await writeFile(files[1]!, `${JSON.stringify({ ...summary, ...extra }, null, 2)}\n`);
  await writeFile(files[2]!, reportHtml(summary, locale));
  return { files, summary };
}
