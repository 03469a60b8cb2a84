/** The HTML page a package launches: the player shell with the learner model embedded as JSON. */
import { escapeHtml } from '../html/escape.ts';
import type { LearnerModule } from '../../templates/player/src/model.ts';


/** JSON safe inside a <script> element: no `</script>`, no `<!--`, no line separators. */
export const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function modulePage(model: LearnerModule, assets: { css: string; js: string }): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(model.locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(model.title)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(assets.css)}">`,
    '</head>',
    '<body>',
    `<div id="app"><noscript><p>${escapeHtml(model.strings.noscript ?? '')}</p></noscript></div>`,
    `<script type="application/json" id="wecare-module">${scriptJson(model)}</script>`,
    `<script src="${escapeHtml(assets.js)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
