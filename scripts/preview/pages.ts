/**
 * The pages `wecare preview` serves. Learner pages are exactly what the packages contain; the
 * preview's client script is added only to the response (`withClient`), never to a package.
 */
import { readFile } from 'node:fs/promises';
import type { Competence, ModuleIR, ProgrammeIR } from '../ir/types.ts';
import { escapeHtml } from '../html/escape.ts';
import { renderBlock, type RenderContext } from '../guide/activities.ts';
import { guideCssPath, renderModuleChapter } from '../guide/render.ts';
import { guideStrings } from '../guide/strings.ts';
import { toLearnerModule } from '../scorm/learner-model.ts';
import { moduleChecks } from '../scorm/package.ts';
import { modulePage, scriptJson } from '../scorm/page.ts';
import type { LmsMode } from '../../templates/player/src/model.ts';
import { alignBlocks } from './align.ts';
import { modulesOf, pageKey, type PreviewSession } from './session.ts';
import { previewStrings, type PreviewStrings } from './strings.ts';

export const CLIENT_PATH = '/__wecare/client.js';
export const INSPECTOR_PATH = '/__wecare/inspector.js';

/**
 * Adds the preview client to a served page. `watch` lists the pages (`variant/module`) whose
 * change reloads this one; `*` reloads on any change.
 */
export function withClient(html: string, session: PreviewSession, watch: string[] | '*'): string {
  const digests = session.pageDigests();
  const own = watch === '*' ? {} : Object.fromEntries(watch.map((key) => [key, digests[key] ?? '']));
  const tag = `<script src="${CLIENT_PATH}" data-build="${session.build}" data-watch="${escapeHtml(JSON.stringify(watch))}" data-digests="${escapeHtml(JSON.stringify(own))}"></script>`;
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + tag : `${html.slice(0, at)}${tag}\n${html.slice(at)}`;
}

/** The module page of a package or of the web preview (`lms`: none, 1.2 or 2004). */
export function learnerPage(programme: ProgrammeIR, module: ModuleIR, lms: LmsMode): string {
  const model = toLearnerModule(module, programme, lms, moduleChecks(module, programme).reflectionMax);
  if (lms === 'none') model.homeHref = '/';
  return modulePage(model, { css: '/assets/player.css', js: '/assets/player.js' });
}

const baseCss = `
:root{color-scheme:light;font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff}
body{margin:0}main{max-width:72rem;margin:0 auto;padding:1rem}
a{color:#0b4f9c}a:focus-visible,button:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #c8c8c8;padding:.3rem .5rem;text-align:left;vertical-align:top}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
nav.top{padding:.5rem 1rem;background:#eef3f8;border-bottom:1px solid #c8d4e0}
`;

function shell(lang: string, title: string, body: string, css = ''): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${baseCss}${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const topNav = (s: PreviewStrings) => `<nav class="top" aria-label="${escapeHtml(s.title)}"><a href="/">${escapeHtml(s.home)}</a></nav>`;

/** Every module × variant with links to its views. */
export function indexPage(session: PreviewSession): string {
  const s = previewStrings(session.lang);
  const sections = session.variants.map((programme) => {
    const code = programme.variant.code;
    const rows = modulesOf(programme).map((module) => {
      const base = `/${encodeURIComponent(code)}/${encodeURIComponent(module.id)}/`;
      const links = [
        [`${base}index.html`, s.learner],
        [`${base}lms12.html`, s.scorm12],
        [`${base}lms2004.html`, s.scorm2004],
        [`${base}trainer.html`, s.trainer],
        [`/__wecare/compare?module=${encodeURIComponent(module.id)}&a=${encodeURIComponent(code)}`, s.compare],
      ];
      return `<tr><th scope="row">${escapeHtml(module.title)}<br><code>${escapeHtml(module.id)}</code></th><td><ul>${links.map(([href, label]) => `<li><a href="${escapeHtml(href!)}">${escapeHtml(label!)}</a></li>`).join('')}</ul></td></tr>`;
    });
    return `<section aria-labelledby="v-${escapeHtml(code)}"><h2 id="v-${escapeHtml(code)}">${escapeHtml(programme.variant.name)} (${escapeHtml(code)})</h2>
<table><thead><tr><th scope="col">${escapeHtml(s.module)}</th><th scope="col">${escapeHtml(s.links)}</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
  });
  const title = session.variants[0]?.programme.title ?? s.title;
  return shell(session.lang, s.title, `<main><h1>${escapeHtml(s.title)}: ${escapeHtml(title)}</h1><p>${escapeHtml(s.intro)}</p>${sections.join('\n')}</main>`, 'td ul{margin:0;padding-left:1.2rem}');
}

const inspectorCss = `
.lms{display:grid;grid-template-columns:minmax(0,1fr) 24rem;min-height:100vh}
.lms iframe{border:0;width:100%;height:100vh;display:block}
.inspector{border-left:2px solid #c8d4e0;background:#f7f9fb;padding:.75rem 1rem;overflow:auto;max-height:100vh;font-size:.9rem}
.inspector h2{font-size:1.1rem;margin:.25rem 0}.inspector h3{font-size:1rem;margin:1rem 0 .25rem}
.inspector dl{display:grid;grid-template-columns:auto 1fr;gap:.15rem .75rem;margin:0}.inspector dt{font-weight:600}.inspector dd{margin:0;word-break:break-all}
.inspector meter{width:100%}.inspector .over{color:#a4000f;font-weight:700}
.inspector button{font:inherit;padding:.35rem .75rem;margin-top:.75rem}
.inspector ol{padding-left:1.2rem;margin:0}
@media (max-width:50rem){.lms{grid-template-columns:1fr}.lms iframe{height:70vh}.inspector{border-left:0;border-top:2px solid #c8d4e0;max-height:none}}
`;

/** A host page that plays the LMS: scorm-again as the API, the module in a frame, the inspector beside it. */
export function lmsHostPage(session: PreviewSession, programme: ProgrammeIR, module: ModuleIR, version: '12' | '2004'): string {
  const s = previewStrings(session.lang);
  const code = programme.variant.code;
  const config = { version, storageKey: `wecare-preview:${programme.programme.id}:${code}:${module.id}:${version}`, strings: s };
  const body = `<div class="lms">
<iframe id="inspector-sco" data-src="sco${version}.html" title="${escapeHtml(s.moduleFrame)}"></iframe>
<aside class="inspector" aria-labelledby="inspector-title">
<p><a href="/">${escapeHtml(s.home)}</a></p>
<h2 id="inspector-title">${escapeHtml(s.inspector)} · SCORM ${version === '12' ? '1.2' : '2004'}</h2>
<p>${escapeHtml(s.inspectorIntro)}</p>
<div id="inspector-body" aria-live="polite"></div>
<button type="button" id="inspector-reset">${escapeHtml(s.reset)}</button>
</aside>
</div>
<script src="/scorm-again/${version === '12' ? 'scorm12' : 'scorm2004'}.min.js"></script>
<script type="application/json" id="inspector-config">${scriptJson(config)}</script>
<script src="${INSPECTOR_PATH}"></script>`;
  return shell(session.lang, `${s.inspector} · ${module.title}`, body, inspectorCss);
}

let guideCss: Promise<string> | undefined;

const markCss = `
.trainer-note,.face-to-face .steps,.answer-key{outline:3px dashed #7a3e9d;outline-offset:3px}
.answer-key::before{content:attr(data-label);display:inline-block;background:#7a3e9d;color:#fff;font-size:.8rem;padding:0 .4rem;border-radius:.2rem}
.legend-marks{border:2px dashed #7a3e9d;padding:.5rem 1rem;background:#faf5fc}
`;

function competenceLabeller(programme: ProgrammeIR): (id: string) => string {
  const competences = new Map<string, Competence>();
  for (const area of programme.framework.areas) for (const competence of area.competences) competences.set(competence.id, competence);
  return (id) => {
    const competence = competences.get(id);
    return competence ? `${id} — ${competence.title}` : id;
  };
}

/** Media of a module as the preview serves it, so trainer and variant views need no data URIs. */
function mediaUrls(programme: ProgrammeIR, module: ModuleIR): Map<string, string> {
  const base = `/${encodeURIComponent(programme.variant.code)}/${encodeURIComponent(module.id)}/`;
  return new Map(module.media.map((m) => [m.path, base + m.path]));
}

/** The module as the trainer guide shows it: trainer notes, face-to-face instructions and answer keys in place, marked. */
export async function trainerPage(session: PreviewSession, programme: ProgrammeIR, module: ModuleIR): Promise<string> {
  const s = previewStrings(session.lang);
  const g = guideStrings(programme.variant);
  guideCss ??= readFile(guideCssPath, 'utf8');
  const chapter = await renderModuleChapter(module, programme, g, competenceLabeller(programme), [], (id) => id);
  const marked = chapter.replace(/<div class="answer-key" aria-label="([^"]*)">/g, '<div class="answer-key" role="group" aria-label="$1" data-label="$1">');
  const body = `${topNav(s)}<main id="contenido"><p class="legend-marks">${escapeHtml(s.trainerLegend)}</p>${marked}</main>`;
  return shell(programme.variant.locale, `${s.trainer} · ${module.title}`, body, (await guideCss) + markCss);
}

const compareCss = `
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin:.5rem 0}
.cell{border:1px solid #d0d0d0;padding:.5rem .75rem;min-width:0;overflow-wrap:anywhere}
.cell.differs{background:#fff4d6;border:3px solid #b35c00}
.cell.empty{background:repeating-linear-gradient(45deg,#f3f3f3,#f3f3f3 6px,#fff 6px,#fff 12px)}
.badge{display:inline-block;background:#b35c00;color:#fff;font-size:.8rem;padding:0 .4rem;border-radius:.2rem}
form.pick{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end}form.pick label{display:flex;flex-direction:column}
@media (max-width:40rem){.pair{grid-template-columns:1fr}}
`;

export interface CompareQuery {
  module: string;
  lesson?: string;
  a?: string;
  b?: string;
}

/** One lesson in two variants side by side, the blocks that differ highlighted. */
export async function comparePage(session: PreviewSession, query: CompareQuery): Promise<{ html: string; watch: string[] } | undefined> {
  const s = previewStrings(session.lang);
  const codes = session.variants.map((p) => p.variant.code);
  const a = query.a && codes.includes(query.a) ? query.a : codes[0];
  const b = query.b && codes.includes(query.b) && query.b !== a ? query.b : codes.find((code) => code !== a) ?? a;
  if (!a || !b) return undefined;
  const left = session.module(a, query.module);
  const right = session.module(b, query.module);
  if (!left && !right) return undefined;
  const lessons = (left ?? right)!.module.lessons;
  const lessonId = query.lesson && lessons.some((l) => l.id === query.lesson) ? query.lesson : lessons[0]?.id;
  const option = (value: string, label: string, selected: boolean) => `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const variantSelect = (name: string, label: string, chosen: string) =>
    `<label>${escapeHtml(label)}<select name="${name}">${session.variants.map((p) => option(p.variant.code, `${p.variant.name} (${p.variant.code})`, p.variant.code === chosen)).join('')}</select></label>`;
  const form = `<form class="pick" method="get" action="/__wecare/compare"><input type="hidden" name="module" value="${escapeHtml(query.module)}">
<label>${escapeHtml(s.lesson)}<select name="lesson">${lessons.map((l) => option(l.id, l.title, l.id === lessonId)).join('')}</select></label>
${variantSelect('a', s.left, a)}${variantSelect('b', s.right, b)}<button type="submit">${escapeHtml(s.show)}</button></form>`;

  const render = (side: typeof left) => {
    if (!side) return [];
    const lesson = side.module.lessons.find((l) => l.id === lessonId);
    if (!lesson) return [];
    const ctx: RenderContext = { s: guideStrings(side.programme.variant), competenceLabel: competenceLabeller(side.programme), media: mediaUrls(side.programme, side.module), missingMedia: [] };
    return lesson.blocks.map((block) => renderBlock(block, ctx));
  };
  const leftBlocks = render(left);
  const rightBlocks = render(right);
  const rows = alignBlocks(leftBlocks, rightBlocks).map((row) => {
    const cell = (html: string | undefined, lang: string, differs: boolean) =>
      html === undefined
        ? `<div class="cell empty"><span class="visually-hidden">—</span></div>`
        : `<div class="cell${differs ? ' differs' : ''}" lang="${escapeHtml(lang)}">${differs ? `<p><span class="badge">${escapeHtml(row.left === undefined || row.right === undefined ? s.only : s.differs)}</span></p>` : ''}${html}</div>`;
    return `<div class="pair" data-same="${row.same}">${cell(row.left, left?.programme.variant.locale ?? '', !row.same)}${cell(row.right, right?.programme.variant.locale ?? '', !row.same)}</div>`;
  });
  const heading = (side: typeof left, code: string) => `<h2>${escapeHtml(side?.programme.variant.name ?? code)} (${escapeHtml(code)})</h2>`;
  const missing = (side: typeof left) => (side?.module.lessons.some((l) => l.id === lessonId) ? '' : `<p>${escapeHtml(s.noLesson)}</p>`);
  const body = `${topNav(s)}<main><h1>${escapeHtml(s.compareTitle)}: ${escapeHtml((left ?? right)!.module.title)}</h1><p>${escapeHtml(s.compareIntro)}</p>${form}
<div class="pair">${`<div>${heading(left, a)}${missing(left)}</div><div>${heading(right, b)}${missing(right)}</div>`}</div>
${rows.join('\n')}</main>`;
  guideCss ??= readFile(guideCssPath, 'utf8');
  return { html: shell(session.lang, `${s.compareTitle} · ${query.module}`, body, (await guideCss) + compareCss), watch: [pageKey(a, query.module), pageKey(b, query.module)] };
}
