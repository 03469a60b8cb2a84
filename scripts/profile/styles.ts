/** CSS of the profile pages: inline in each page (no CDN), system fonts, 320 px to print. */
export const profileCss = `
:root { --ink:#1b1f24; --muted:#4a5560; --line:#c9d1d9; --conf:#6a3fb5; --know:#0b6e4f; --gap:#a3261b; --soft:#f4f6f8;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); line-height: 1.5; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; overflow-wrap: break-word; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: .25rem 0; }
h2 { font-size: 1.3rem; border-bottom: 3px solid var(--know); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .3rem; }
a { color: #0b5f8a; }
a:focus-visible { outline: 3px solid #0b5f8a; outline-offset: 2px; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-weight: 700; color: var(--know); margin: 0; }
.muted { color: var(--muted); }
.notice { background: #fff4dc; border-left: 5px solid #7a4b00; padding: .5rem .75rem; }
.facts { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: .5rem 0; padding: 0; }
.facts div { min-width: 9rem; }
.facts dt { font-size: .8rem; color: var(--muted); }
.facts dd { margin: 0; font-weight: 700; }
.chart { display: block; width: 100%; max-width: 27rem; height: auto; margin: .75rem 0; }
.chart .chart-track { fill: #eef1f4; }
.chart text { font-size: 12px; fill: var(--ink); font-family: inherit; }
.chart .chart-label { font-weight: 700; font-size: 13px; }
.chart .chart-value { font-size: 12px; }
.chart .chart-nodata { font-style: italic; fill: var(--muted); }
.chart .bar-confidence { fill: var(--conf); }
.chart .bar-knowledge { fill: var(--know); }
.chart .bar-lacking { fill: var(--gap); }
.chart .chart-threshold { stroke: var(--gap); stroke-width: 1.5; stroke-dasharray: 4 3; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .75rem; padding: 0; list-style: none; }
.card { border: 1px solid var(--line); border-radius: .4rem; padding: .6rem .8rem; break-inside: avoid; }
.card.has-gap { border-left: 5px solid var(--gap); }
.badges { display: flex; flex-wrap: wrap; gap: .3rem; padding: 0; margin: .3rem 0; list-style: none; }
.badge { display: inline-block; border-radius: 1rem; padding: 0 .55rem; font-size: .82rem; font-weight: 700; border: 1px solid currentColor; }
.badge.gap { color: var(--gap); }
.badge.ok { color: var(--know); }
.help { font-size: .88rem; color: var(--muted); margin: .2rem 0; }
.modules { padding-left: 1.2rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); }
td.num { text-align: right; white-space: nowrap; }
tr.lacking th, tr.lacking td { background: #fdecea; }
table { overflow-wrap: normal; }
@media (max-width: 40rem) {
  table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; width: auto; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { border: 1px solid var(--line); border-radius: .4rem; margin: 0 0 .6rem; padding: .3rem .5rem; }
  table.stack th, table.stack td { border: 0; padding: .15rem 0; text-align: left; }
  table.stack td { display: flex; justify-content: space-between; gap: 1rem; }
  table.stack td::before { content: attr(data-label); color: var(--muted); text-align: left; }
}
@media (max-width: 30rem) { body { padding: .6rem; } h1 { font-size: 1.4rem; } .cards { grid-template-columns: 1fr; } }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .no-print { display: none; }
  section.area { break-inside: auto; }
  .chart, .card, tr { break-inside: avoid; }
  .chart .chart-track, .chart .bar-confidence, .chart .bar-knowledge, .chart .bar-lacking, .card.has-gap, tr.lacking td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
