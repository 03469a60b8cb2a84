/**
 * `wecare preview`'s server: serves every module × variant from memory on loopback, watches
 * `modules/`, `content/` and `translations/`, rebuilds what a change touches, and tells open pages over
 * server-sent events (reload, or show the problems of the files being edited).
 */
import { watch, type FSWatcher } from 'chokidar';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { escapeHtml } from '../html/escape.ts';
import { playerRuntime } from '../scorm/runtime.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import { formatDiagnostics } from '../validate/format-diagnostics.ts';
import { previewAssets } from './assets.ts';
import { CLIENT_PATH, comparePage, indexPage, INSPECTOR_PATH, learnerPage, lmsHostPage, trainerPage, withClient } from './pages.ts';
import { pageKey, PreviewSession, type RebuildResult, type SessionOptions } from './session.ts';
import { previewStrings } from './strings.ts';

export const LOOPBACK = '127.0.0.1';

export interface PreviewOptions extends SessionOptions {
  root: string;
  /** Port to listen on; 0 (default) takes a free one. */
  port?: number;
  /** Progress lines for the terminal. */
  log?: (line: string) => void;
}

export interface PreviewServer {
  url: string;
  session: PreviewSession;
  /** Resolves once every change seen so far is rebuilt and announced. */
  idle(): Promise<void>;
  /** Called after each rebuild (the bench and tests wait on it). */
  onRebuild(listener: (result: RebuildResult) => void): () => void;
  close(): Promise<void>;
}

export interface ServerState {
  build: number;
  digests: Record<string, string>;
  problems: Diagnostic[];
  lang: 'en' | 'es';
}

const scormAgainDir = path.dirname(createRequire(import.meta.url).resolve('scorm-again'));

/** What tells one version of a file from the next without reading it. */
function fileState(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch {
    return 'absent';
  }
}

/** Editor droppings and hidden files are not sources. */
function ignored(file: string): boolean {
  const name = path.basename(file);
  return (name.startsWith('.') && name.length > 1) || name.endsWith('~') || /\.(swp|swx|tmp)$/i.test(name) || /^#.*#$/.test(name);
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const log = options.log ?? (() => {});
  const session = new PreviewSession(options.root, options);
  const first = await session.rebuild();
  const [runtime, assets] = await Promise.all([playerRuntime(), previewAssets()]);
  const initial = session.diagnostics();
  if (initial.length) log(formatDiagnostics(initial, { lang: session.lang }));
  log(`${session.variants.length} variant(s) ready in ${Math.round(first.milliseconds)} ms`);

  /** Open pages: their event stream and the pages (`variant/module`, or `*`) each one shows. */
  const clients = new Map<ServerResponse, string[] | '*'>();
  let connected: Array<(watch: string[] | '*') => void> = [];
  const state = (): ServerState => ({ build: session.build, digests: session.pageDigests(), problems: session.problems(), lang: session.lang });
  const send = (response: ServerResponse, value: ServerState) => response.write(`event: state\ndata: ${JSON.stringify(value)}\n\n`);
  const broadcast = () => {
    const value = state();
    for (const client of clients.keys()) send(client, value);
  };

  let port = 0;
  const allowedHosts = () => new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);

  const html = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(body);
  };
  const text = (response: ServerResponse, type: string, body: string) => {
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(body);
  };
  const notFound = (response: ServerResponse) => {
    const s = previewStrings(session.lang);
    html(response, 404, `<!doctype html><html lang="${session.lang}"><head><meta charset="utf-8"><title>${escapeHtml(s.notFound)}</title></head><body><main><h1>${escapeHtml(s.notFound)}</h1><p><a href="/">${escapeHtml(s.home)}</a></p></main></body></html>`);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Loopback only, and no DNS-rebinding: a page from another site cannot talk to the preview.
    if (!allowedHosts().has(request.headers.host ?? '')) {
      response.writeHead(403).end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    const route = url.pathname;
    if (route === '/' || route === '/index.html') return html(response, 200, withClient(indexPage(session), session, '*'));
    if (route === CLIENT_PATH) return text(response, 'text/javascript; charset=utf-8', assets.client);
    if (route === INSPECTOR_PATH) return text(response, 'text/javascript; charset=utf-8', assets.inspector);
    if (route === '/assets/player.js') return text(response, 'text/javascript; charset=utf-8', runtime.js);
    if (route === '/assets/player.css') return text(response, 'text/css; charset=utf-8', runtime.css);
    if (route === '/__wecare/state') return text(response, 'application/json', JSON.stringify(state()));
    if (route === '/__wecare/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      clients.set(response, watchOf(url.searchParams.get('watch')));
      request.on('close', () => clients.delete(response));
      send(response, state());
      for (const notify of connected) notify(clients.get(response)!);
      return;
    }
    if (route === '/__wecare/compare') {
      const page = await comparePage(session, { module: url.searchParams.get('module') ?? '', lesson: url.searchParams.get('lesson') ?? undefined, a: url.searchParams.get('a') ?? undefined, b: url.searchParams.get('b') ?? undefined });
      return page ? html(response, 200, withClient(page.html, session, page.watch)) : notFound(response);
    }
    const scormAgain = route.match(/^\/scorm-again\/(scorm12|scorm2004)\.min\.js$/);
    if (scormAgain) return streamFile(response, path.join(scormAgainDir, `${scormAgain[1]}.min.js`), 'text/javascript; charset=utf-8');

    const parts = route.split('/').slice(1).map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return '\0';
      }
    });
    const [variant = '', moduleId = '', ...rest] = parts;
    const found = session.module(variant, moduleId);
    if (!found) return notFound(response);
    const { programme, module } = found;
    const key = pageKey(variant, moduleId);
    const file = rest.join('/');
    switch (file) {
      case '':
      case 'index.html':
        return html(response, 200, withClient(learnerPage(programme, module, 'none'), session, [key]));
      case 'sco12.html':
        return html(response, 200, learnerPage(programme, module, '1.2'));
      case 'sco2004.html':
        return html(response, 200, learnerPage(programme, module, '2004'));
      case 'lms12.html':
        return html(response, 200, withClient(lmsHostPage(session, programme, module, '12'), session, [key]));
      case 'lms2004.html':
        return html(response, 200, withClient(lmsHostPage(session, programme, module, '2004'), session, [key]));
      case 'trainer.html':
        return html(response, 200, withClient(await trainerPage(session, programme, module), session, [key]));
    }
    // Only the module's own media are served: nothing else on disk is reachable.
    const media = module.media.find((m) => m.path === file);
    if (media) return streamFile(response, media.absolutePath, media.mimeType);
    notFound(response);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`preview: could not serve ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  // Rebuilds run one at a time; changes that arrive meanwhile are taken by the next one.
  const pending = new Set<string>();
  const listeners = new Set<(result: RebuildResult) => void>();
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let idleWaiters: Array<() => void> = [];
  const settleIdle = () => {
    if (running || timer || pending.size) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  const runPending = async () => {
    while (pending.size) {
      const files = [...pending];
      pending.clear();
      try {
        // Pages of each variant reload as soon as that variant is rebuilt.
        const viewed = [...clients.values()].flatMap((watch) => (watch === '*' ? [] : watch.map((key) => key.slice(0, key.indexOf('/')))));
        const result = await session.rebuild(files, (pages) => {
          if (!pages.length) return;
          broadcast();
          return reloaded(pages);
        }, viewed);
        const problems = session.problems();
        log(`${files.join(', ')} → ${result.changedPages.length ? result.changedPages.join(', ') : 'no page changed'} (${result.processed} file(s), ${Math.round(result.milliseconds)} ms)`);
        if (problems.length) log(formatDiagnostics(problems, { lang: session.lang }));
        broadcast();
        for (const listener of listeners) listener(result);
      } catch (error) {
        // The previous pages stay served; the next save tries again.
        log(`preview: rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  /**
   * Resolves when a page showing one of `pages` has reloaded (its event stream is back), so the
   * next variant's rebuild does not hold up its requests; at most one second.
   */
  const reloaded = (pages: string[]) => {
    const shows = (watch: string[] | '*') => watch === '*' || watch.some((key) => pages.includes(key));
    if (![...clients.values()].some(shows)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timeout);
        connected = connected.filter((notify) => notify !== onConnect);
        resolve();
      };
      const onConnect = (watch: string[] | '*') => {
        if (shows(watch)) done();
      };
      const timeout = setTimeout(done, 1000);
      connected.push(onConnect);
    });
  };

  const kick = () => {
    timer = undefined;
    if (running) return;
    running = runPending().finally(() => {
      running = undefined;
      if (pending.size) kick();
      else settleIdle();
    });
  };
  let closed = false;
  const changed = (absolute: string) => {
    if (ignored(absolute) || closed) return;
    pending.add(path.relative(session.root, absolute).split(path.sep).join('/'));
    // Editors write a file in several steps: wait for a short quiet moment.
    if (timer) clearTimeout(timer);
    timer = setTimeout(kick, 15);
    lookAgain(absolute);
  };
  /**
   * chokidar drops a file's second change within 50 ms of its first (an editor that formats on
   * save writes twice): the file is looked at again once that window is over, and taken again if
   * it changed since, so the preview always ends on what was saved last.
   */
  const lookAgain = (absolute: string) => {
    const seen = fileState(absolute);
    setTimeout(() => {
      if (fileState(absolute) !== seen) changed(absolute);
    }, 80).unref();
  };

  const watched = ['modules', 'content', 'translations'].map((folder) => path.join(session.root, folder));
  const watcher: FSWatcher = watch(watched, { ignoreInitial: true, ignored: (file) => ignored(file) });
  watcher.on('all', (_event, file) => changed(file));
  watcher.on('error', (error) => log(`preview: watching failed: ${error instanceof Error ? error.message : String(error)}`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    url: `http://${LOOPBACK}:${port}/`,
    session,
    idle: () => new Promise<void>((resolve) => {
      idleWaiters.push(resolve);
      settleIdle();
    }),
    onRebuild(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
      await watcher.close();
      await running;
      for (const client of clients.keys()) client.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function streamFile(response: ServerResponse, file: string, type: string): void {
  const stream = createReadStream(file);
  stream.once('open', () => {
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    stream.pipe(response);
  });
  stream.once('error', () => {
    if (!response.headersSent) response.writeHead(404);
    response.end();
  });
}

/** The `watch` list an event stream was opened with (see templates/preview/src/client.ts). */
function watchOf(value: string | null): string[] | '*' {
  try {
    const parsed = JSON.parse(value ?? '"*"') as unknown;
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : '*';
  } catch {
    return '*';
  }
}
