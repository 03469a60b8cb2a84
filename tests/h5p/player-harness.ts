/**
 * Plays built .h5p packages in a real H5P player: h5p-standalone (the player) and the real
 * content-type libraries of ../shared/h5p-runtime, served from 127.0.0.1, in one headless Chromium.
 * A content-only package gets its libraries from the runtime folder; a bundled package from the
 * library folders inside it.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { readZip } from '../../scripts/package/zip.ts';
import { launchChromium } from '../player/harness.ts';
import { repoRoot, runtimeLibraries } from './helpers.ts';
import { listenOnLoopback } from '../loopback.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject',
};

const standalone = path.join(repoRoot, 'node_modules/h5p-standalone/dist');

/** The host page: one player, every xAPI statement kept in `window.statements`. */
const hostPage = `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>H5P</title><link rel="icon" href="data:,">
<script src="/standalone/main.bundle.js"></script></head><body><div id="h5p"></div>
<script>
  window.statements = [];
  const query = new URLSearchParams(location.search);
  new H5PStandalone.H5P(document.getElementById('h5p'), {
    h5pJsonPath: query.get('pkg'), librariesPath: query.get('libs'),
    frameJs: '/standalone/frame.bundle.js', frameCss: '/standalone/styles/h5p.css', reportingIsEnabled: true,
  }).then(() => {
    H5P.externalDispatcher.on('xAPI', (event) => window.statements.push(event.data.statement));
    window.playerReady = true;
  }, (error) => { window.playerFailed = String(error && error.message || error); });
</script></body></html>`;

export interface PlayerServer {
  url: string;
  /** Serves a package's files under `/pkg/<key>/`. */
  add(key: string, zip: Buffer): Promise<void>;
  close(): Promise<void>;
}

export async function servePackages(): Promise<PlayerServer> {
  const packages = new Map<string, Map<string, Buffer>>();
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    try {
      if (pathname.split('/').includes('..')) throw new Error('refused');
      let body: Buffer | string | undefined;
      if (pathname === '/play.html') body = hostPage;
      else if (pathname.startsWith('/standalone/')) body = await readFile(path.join(standalone, pathname.slice('/standalone/'.length)));
      else if (pathname.startsWith('/libraries/')) body = await readFile(path.join(runtimeLibraries, pathname.slice('/libraries/'.length)));
      else if (pathname.startsWith('/pkg/')) {
        const [key, ...rest] = pathname.slice('/pkg/'.length).split('/~/');
        body = packages.get(key!)?.get(rest.join('/~/'));
      }
      if (body === undefined) throw new Error('not found');
      // Library files are the same for every content-only package: let the browser keep them.
      res.writeHead(200, { 'content-type': types[path.extname(pathname)] ?? 'application/octet-stream', 'cache-control': pathname === '/play.html' ? 'no-store' : 'max-age=3600' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    async add(key, zip) {
      packages.set(key, await readZip(zip));
    },
    close,
  };
}

export interface Played {
  page: Page;
  frame: Frame;
  /** Uncaught exceptions, console errors and failed requests since the package was opened. */
  errors: string[];
}

/** One browser, one page reused for every package. */
export class Player {
  private constructor(private readonly browser: Browser, readonly page: Page, private readonly server: PlayerServer, private readonly errors: string[]) {}

  static async start(server: PlayerServer): Promise<Player> {
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    return new Player(browser, page, server, errors);
  }

  /** Opens a served package; `bundled` takes the libraries from the package itself. */
  async open(key: string, bundled: boolean): Promise<Played> {
    // Leaving the previous package aborts its pending requests: that is not this package's error.
    await this.page.goto('about:blank');
    this.errors.length = 0;
    const pkg = `/pkg/${key}/~`;
    const libs = bundled ? pkg : '/libraries';
    await this.page.goto(`${this.server.url}/play.html?pkg=${encodeURIComponent(pkg)}&libs=${encodeURIComponent(libs)}`);
    await this.page.waitForFunction(() => (window as any).playerReady || (window as any).playerFailed);
    const failed = await this.page.evaluate(() => (window as any).playerFailed as string | undefined);
    if (failed) this.errors.push(`player failed: ${failed}`);
    const frame = this.page.frames().find((candidate) => candidate !== this.page.mainFrame());
    if (!frame) throw new Error(`${key}: the player made no frame`);
    await frame.waitForFunction(() => (window as any).H5P?.instances?.length > 0 && document.querySelector('.h5p-content'));
    return { page: this.page, frame, errors: this.errors };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
