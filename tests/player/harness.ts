/**
 * Shared by the browser tests: builds the sample module into packages, serves them from
 * 127.0.0.1 with host pages that install scorm-again as the LMS, and starts one Chromium.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { listenOnLoopback } from '../loopback.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { moduleChecks, scormPackage } from '../../scripts/scorm/package.ts';
import { buildWebSite } from '../../scripts/scorm/web.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.xml': 'application/xml' };

/** Host page: scorm-again as `window.API` / `window.API_1484_11`, persisting the CMI in localStorage on commit and finish, like an LMS would. */
export function hostPage(version: '12' | '2004'): string {
  const cls = version === '12' ? 'Scorm12API' : 'Scorm2004API';
  const global = version === '12' ? 'API' : 'API_1484_11';
  const [commit, finish] = version === '12' ? ['LMSCommit', 'LMSFinish'] : ['Commit', 'Terminate'];
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>LMS de prueba</title>
<script src="/scorm-again/${version === '12' ? 'scorm12' : 'scorm2004'}.js"></script>
<style>body{margin:0}iframe{border:0;width:100%;height:100vh;display:block}</style></head><body>
<script>
  const key = 'lms-${version}';
  const saved = JSON.parse(localStorage.getItem(key) || 'null');
  const api = new ${cls}({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  if (saved) {
    const cmi = saved.cmi;
    // What an LMS does on relaunch: a suspended attempt resumes.
    const exit = ${version === '12' ? 'cmi.core && cmi.core.exit' : 'cmi.exit'};
    ${version === '12' ? "if (cmi.core) { cmi.core.entry = exit === 'suspend' ? 'resume' : ''; delete cmi.core.exit; delete cmi.core.session_time; }" : "cmi.entry = exit === 'suspend' ? 'resume' : ''; delete cmi.exit; delete cmi.session_time;"}
    api.loadFromJSON(cmi, 'cmi');
  }
  window.lmsEvents = [];
  const persist = (event) => {
    window.lmsEvents.push(event);
    const previous = JSON.parse(localStorage.getItem(key) || '{"events":[]}');
    localStorage.setItem(key, JSON.stringify({ cmi: api.renderCMIToJSONObject().cmi, events: [...(previous.events || []), event] }));
  };
  api.on('${commit}', () => persist('commit'));
  api.on('${finish}', () => persist('finish'));
  window.${global} = api;
</script>
<iframe src="/pkg${version}/index.html" title="Módulo de formación"></iframe>
</body></html>`;
}

export interface Fixture {
  url: string;
  /** The SCORM 1.2 package unzipped on disk, to open from file:// without any LMS. */
  unzipped12: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Builds the Spanish sample module as SCORM 1.2, 2004 and web, and serves them. `locale` gives the
 * variant another locale (its interface strings; the fixture's text stays as written).
 */
export async function serveSample(variant: 'es' | 'co' = 'es', options: { locale?: string } = {}): Promise<Fixture> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wecare-player-'));
  const programme = sampleProgramme(variant, tmp);
  if (options.locale) {
    programme.variant = { ...programme.variant, locale: options.locale };
    programme.modules = programme.modules.map((module) => ({ ...module, locale: options.locale! }));
  }
  const module = programme.modules[0]!;
  const reflectionMax = moduleChecks(module, programme).reflectionMax;
  const files = new Map<string, Buffer | string>();
  for (const [kind, prefix] of [['scorm12', 'pkg12'], ['scorm2004', 'pkg2004']] as const) {
    const built = await scormPackage(module, programme, kind, reflectionMax);
    if ('problems' in built) throw new Error(built.problems.join('\n'));
    for (const [name, data] of await readZip(built.zip)) files.set(`/${prefix}/${name}`, data);
  }
  const webDir = path.join(tmp, 'web');
  await buildWebSite(programme, programme.modules, webDir);
  const unzipped12 = path.join(tmp, 'pkg12');
  for (const [name, data] of files) {
    if (!name.startsWith('/pkg12/')) continue;
    const target = path.join(unzipped12, name.slice('/pkg12/'.length));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  files.set('/host12.html', hostPage('12'));
  files.set('/host2004.html', hostPage('2004'));
  const served = await serveFiles(files, webDir);
  return { ...served, unzipped12 };
}

/**
 * Serves `files` by path from 127.0.0.1 on a free port, with scorm-again under /scorm-again/, axe-core
 * at /axe.min.js and, when given, a folder under /web/.
 */
export async function serveFiles(files: Map<string, Buffer | string>, webDir?: string): Promise<Omit<Fixture, 'unzipped12'>> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      let body = files.get(url.pathname);
      if (body === undefined && url.pathname.startsWith('/scorm-again/')) body = await readFile(path.join(repoRoot, 'node_modules/scorm-again/dist', path.basename(url.pathname)));
      if (body === undefined && webDir && url.pathname.startsWith('/web/') && !url.pathname.includes('..')) body = await readFile(path.join(webDir, url.pathname.slice(5)));
      if (body === undefined && url.pathname === '/axe.min.js') body = await readFile(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'));
      if (body === undefined) throw new Error('not found');
      res.writeHead(200, { 'content-type': types[path.extname(url.pathname)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return { server, ...(await listenOnLoopback(server)) };
}

/**
 * WCAG 2.1 A/AA violations axe-core finds in a page or frame served by `serveSample` or
 * `serveFiles` (which serve axe at /axe.min.js, so pages with a strict CSP load it too).
 */
export async function axeViolations(target: Page | Frame): Promise<string[]> {
  await target.addScriptTag({ url: '/axe.min.js' });
  const result = await target.evaluate(async () => {
    const axe = (window as any).axe;
    const run = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return { passes: run.passes.length as number, violations: run.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`) as string[] };
  });
  // axe really ran: it checked rules and some passed.
  expect(result.passes).toBeGreaterThan(5);
  return result.violations;
}
