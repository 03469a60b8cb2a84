/**
 * Inline SVG charts, readable at 320 px and in print, with their data as accessible text
 * (`role="img"`, `<title>`, `<desc>`) and values written beside the bars so colour is never the
 * only carrier of meaning. "No data" is written out, never drawn as an empty (zero) bar.
 */
import { escapeHtml } from '../html/escape.ts';
import type { ProfileText } from './strings.ts';
import type { CompetenceResult } from './types.ts';

const WIDTH = 320;
const LABEL_X = 6;
const BAR_X = 6;
const BAR_MAX = 165;
const BAR_HEIGHT = 11;
const ROW_HEIGHT = 60;
const TOP = 50;

const percent = (s: ProfileText, value: number | null) => (value === null ? s.noData : `${Math.round(value * 100)} %`);

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A bar on a light 0–100 % track, with its value and name written after the track (so the text
 * never collides with the threshold mark and colour is not the only cue).
 */
function bar(s: ProfileText, y: number, value: number | null, className: string, label: string): string {
  const track = `<rect x="${BAR_X}" y="${y}" width="${BAR_MAX}" height="${BAR_HEIGHT}" class="chart-track" rx="2"/>`;
  const textX = BAR_X + BAR_MAX + 6;
  if (value === null) return `${track}<text x="${textX}" y="${y + BAR_HEIGHT - 1}" class="chart-nodata">${escapeHtml(label.toLowerCase())}: ${escapeHtml(s.noData)}</text>`;
  const width = Math.max(1.5, value * BAR_MAX);
  return `${track}<rect x="${BAR_X}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" class="${className}" rx="2"/><text x="${textX}" y="${y + BAR_HEIGHT - 1}" class="chart-value">${escapeHtml(percent(s, value))} ${escapeHtml(label.toLowerCase())}</text>`;
}

function legend(s: ProfileText): string {
  return `<g class="chart-legend" aria-hidden="true"><rect x="6" y="8" width="12" height="10" class="bar-confidence"/><text x="22" y="17">${escapeHtml(s.confidenceShort)}</text><rect x="120" y="8" width="12" height="10" class="bar-knowledge"/><text x="136" y="17">${escapeHtml(s.knowledgeShort)}</text><line x1="12" x2="12" y1="25" y2="39" class="chart-threshold"/><text x="22" y="36">${escapeHtml(s.threshold)}</text></g>`;
}

/** Confidence beside knowledge, one row per competence; `threshold` marks the low-knowledge line on the bars. */
export function competenceChart(s: ProfileText, results: CompetenceResult[], threshold: number, idPrefix = 'chart'): string {
  const height = TOP + results.length * ROW_HEIGHT;
  const description = results
    .map((r) => `${r.competenceId} ${r.title}: ${s.confidenceShort.toLowerCase()} ${percent(s, r.confidence.value)}, ${s.knowledgeShort.toLowerCase()} ${percent(s, r.knowledge.value)}${r.gaps.length ? ` (${r.gaps.map((gap) => s.gap[gap].toLowerCase()).join(', ')})` : ''}`)
    .join('; ');
  const lineX = (BAR_X + threshold * BAR_MAX).toFixed(1);
  const rows = results
    .map((r, index) => {
      const y = TOP + index * ROW_HEIGHT;
      const barsTop = y + 18;
      const mark = `<line x1="${lineX}" x2="${lineX}" y1="${barsTop + BAR_HEIGHT + 1}" y2="${barsTop + 2 * BAR_HEIGHT + 7}" class="chart-threshold"/>`;
      return `<g class="chart-row"><title>${escapeHtml(`${r.competenceId} ${r.title}`)}</title><text x="${LABEL_X}" y="${y + 12}" class="chart-label">${escapeHtml(truncate(`${r.competenceId} ${r.title}`, 38))}</text>${bar(s, barsTop, r.confidence.value, 'bar-confidence', s.confidenceShort)}${bar(s, barsTop + BAR_HEIGHT + 4, r.knowledge.value, 'bar-knowledge', s.knowledgeShort)}${mark}</g>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${idPrefix}-title ${idPrefix}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${idPrefix}-title">${escapeHtml(s.chartTitle)}</title>
<desc id="${idPrefix}-desc">${escapeHtml(description)}.</desc>
${legend(s)}
${rows}
</svg>`;
}

/** Cohort: share of learners with a knowledge gap per competence; lacking competences say so in text. */
export function cohortChart(s: ProfileText, rows: Array<{ id: string; title: string; share: number | null; lacking: boolean }>, threshold: number): string {
  const rowHeight = 40;
  const top = 28;
  const height = top + rows.length * rowHeight;
  const description = rows.map((row) => `${row.id} ${row.title}: ${row.share === null ? s.noData : `${Math.round(row.share * 100)} %${row.lacking ? ` (${s.lackingTag})` : ''}`}`).join('; ');
  const lineX = (BAR_X + threshold * BAR_MAX).toFixed(1);
  const bars = rows
    .map((row, index) => {
      const y = top + index * rowHeight;
      const barY = y + 18;
      const track = `<rect x="${BAR_X}" y="${barY}" width="${BAR_MAX}" height="${BAR_HEIGHT}" class="chart-track" rx="2"/>`;
      const textX = BAR_X + BAR_MAX + 6;
      const value = row.share === null
        ? `${track}<text x="${textX}" y="${barY + BAR_HEIGHT - 1}" class="chart-nodata">${escapeHtml(s.noData)}</text>`
        : `${track}<rect x="${BAR_X}" y="${barY}" width="${Math.max(1.5, row.share * BAR_MAX).toFixed(1)}" height="${BAR_HEIGHT}" class="${row.lacking ? 'bar-lacking' : 'bar-knowledge'}" rx="2"/><text x="${textX}" y="${barY + BAR_HEIGHT - 1}" class="chart-value">${Math.round(row.share * 100)} %${row.lacking ? ` ${escapeHtml(s.lackingTag)}` : ''}</text>`;
      return `<g><text x="${LABEL_X}" y="${y + 12}" class="chart-label">${escapeHtml(truncate(`${row.id} ${row.title}`, 38))}</text>${value}<line x1="${lineX}" x2="${lineX}" y1="${barY - 3}" y2="${barY + BAR_HEIGHT + 3}" class="chart-threshold"/></g>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="cohort-chart-title cohort-chart-desc" xmlns="http://www.w3.org/2000/svg">
<title id="cohort-chart-title">${escapeHtml(s.cohortChartTitle)}</title>
<desc id="cohort-chart-desc">${escapeHtml(description)}.</desc>
<g aria-hidden="true"><line x1="12" x2="12" y1="4" y2="18" class="chart-threshold"/><text x="22" y="15">${escapeHtml(s.cohortThreshold)}</text></g>
${bars}
</svg>`;
}
