/** The web preview: the same player as a static site, state kept in the browser (localStorage). */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
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
  await buildWebIndex(programme, modules, webDir);
  for (const module of modules) await buildWebModule(programme, module, webDir);
  return folderBytes(webDir);
}

/** Writes `webDir/index.html` listing `modules` and the player in `webDir/assets/`; returns the files written. */
export async function buildWebIndex(programme: ProgrammeIR, modules: ModuleIR[], webDir: string): Promise<string[]> {
  const runtime = await playerRuntime();
  const files = [path.join(webDir, 'assets/player.js'), path.join(webDir, 'assets/player.css'), path.join(webDir, 'index.html')];
  await put(files[0]!, runtime.js);
  await put(files[1]!, runtime.css);
  await put(files[2]!, indexPage(programme, modules));
  return files;
}

/**
 * Replaces `webDir/<module>/` with the module's pages and media; returns that folder. The player
 * assets are written too when absent, so a module built alone opens; they are never replaced here.
 */
export async function buildWebModule(programme: ProgrammeIR, module: ModuleIR, webDir: string): Promise<string> {
  const moduleDir = path.join(webDir, module.id);
  const entries = await moduleFiles(module, programme, 'none', moduleChecks(module, programme).reflectionMax, { css: '../assets/player.css', js: '../assets/player.js' }, '../index.html');
  await rm(moduleDir, { recursive: true, force: true });
  for (const entry of entries) await put(path.join(moduleDir, entry.name), entry.data);
  const runtime = await playerRuntime();
  for (const [name, data] of [['player.js', runtime.js], ['player.css', runtime.css]] as const) {
    const file = path.join(webDir, 'assets', name);
    if (!existsSync(file)) await put(file, data);
  }
  return moduleDir;
}

async function folderBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
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
