/** The web preview: the same player as a static site, state kept in the browser (localStorage). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModuleIR, ProgrammeIR } from '../ir/types.ts';
import { resolveStrings } from '../../templates/player/i18n/index.ts';
import { moduleChecks, moduleFiles } from './package.ts';
import { escapeHtml } from '../html/escape.ts';
import { scriptJson as scriptString } from './page.ts';
import { playerRuntime } from './runtime.ts';

async function put(file: string, data: string | Buffer): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, data);
  return typeof data === 'string' ? Buffer.byteLength(data) : data.length;
}

/** Writes `webDir/index.html`, `webDir/assets/` and one folder per module; returns the bytes written. */
export async function buildWebSite(programme: ProgrammeIR, modules: ModuleIR[], webDir: string): Promise<number> {
  const runtime = await playerRuntime();
  let bytes = await put(path.join(webDir, 'assets/player.js'), runtime.js);
  bytes += await put(path.join(webDir, 'assets/player.css'), runtime.css);
  for (const module of modules) {
    const entries = await moduleFiles(module, programme, 'none', moduleChecks(module, programme).reflectionMax, { css: '../assets/player.css', js: '../assets/player.js' }, '../index.html');
    for (const entry of entries) bytes += await put(path.join(webDir, module.id, entry.name), entry.data);
  }
  bytes += await put(path.join(webDir, 'index.html'), indexPage(programme, modules));
  return bytes;
}

function indexPage(programme: ProgrammeIR, modules: ModuleIR[]): string {
  const strings = resolveStrings(programme.variant.locale, programme.variant.ui);
  const key = (m: ModuleIR) => `wecare:${programme.programme.id}:${programme.variant.code}:${m.id}`;
  const items = modules.map((m) => `<li data-key="${escapeHtml(key(m))}" data-pages="${m.lessons.length + 1}"><a href="${escapeHtml(m.id)}/index.html"><strong>${escapeHtml(m.title)}</strong></a>${m.summary ? `<br>${escapeHtml(m.summary)}` : ''}<br><span class="note">${escapeHtml((strings.duration ?? '').replace('{online}', String(m.duration.online)).replace('{f2f}', String(m.duration.faceToFace)))}</span><br><span class="note seen-pages"></span></li>`);
  // Progress kept on this device by the player (docs/tracking.md), shown without loading the player.
  const progressScript = `<script>for(const li of document.querySelectorAll('[data-key]')){let n=0;try{const d=JSON.parse(JSON.parse(localStorage.getItem(li.dataset.key)||'{}').d||'{}');n=((d.s||'').slice(0,+li.dataset.pages).match(/1/g)||[]).length}catch(e){}li.querySelector('.seen-pages').textContent=n?${scriptString(strings.pagesSeen ?? '')}.replace('{n}',n).replace('{total}',li.dataset.pages):${scriptString(strings.notStarted ?? '')}}</script>`;
  return `<!doctype html>
<html lang="${escapeHtml(programme.variant.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(programme.programme.title)} · ${escapeHtml(programme.variant.name)}</title>
<link rel="stylesheet" href="assets/player.css">
</head>
<body>
<main id="wc-main">
<h1>${escapeHtml(programme.programme.title)}</h1>
<p class="lead">${escapeHtml(programme.variant.name)}</p>
<h2>${escapeHtml(strings.modules ?? 'Modules')}</h2>
<ul class="modules">
${items.join('\n')}
</ul>
</main>
${progressScript}
</body>
</html>
`;
}
