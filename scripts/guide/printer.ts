/**
 * Headless Chromium driven over the DevTools protocol on a pipe, for printing only: open tabs,
 * load a document, print it to PDF. Playwright (which the tests use to drive pages) takes about
 * half a second of the build's one thread just to load, longer than printing the chapter a
 * one-lesson edit changes; these few protocol calls need none of it (see docs/benchmarks.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from './browser.ts';

export interface PrintMargins {
  /** Millimetres. */
  top: number;
  right: number;
  bottom: number;
  left: number;
}

interface Tab {
  session: string;
  frame: string;
}

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
}

/** Chromium treats tabs opened over the protocol as background tabs: without these it slows them down. */
const PRINTING_SWITCHES = [
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-ipc-flooding-protection',
  '--disable-hang-monitor',
  '--disable-field-trial-config',
  '--disable-breakpad',
  '--disable-dev-shm-usage',
  '--disable-default-apps',
  '--disable-component-extensions-with-background-pages',
  '--no-default-browser-check',
  '--password-store=basic',
  '--use-mock-keychain',
  '--force-color-profile=srgb',
];

const A4_INCHES = { width: 8.27, height: 11.7 };
const PRINT_TIMEOUT_MS = 120_000;

export class Printer {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly loadWaiters = new Map<string, () => void>();
  private buffered = '';
  private exited: Error | undefined;
  private readonly idle: Tab[] = [];
  private readonly waiting: Array<(tab: Tab) => void> = [];
  private opened = 0;
  version = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
    private readonly tabs: number,
  ) {
    const input = child.stdio[4] as NodeJS.ReadableStream;
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => this.receive(chunk));
    child.on('exit', (code, signal) => this.fail(new Error(`Chromium stopped (${signal ?? `exit code ${code}`}) while printing the trainer guide.`)));
    child.on('error', (error) => this.fail(error));
  }

  /** Starts Chromium; `tabs` is how many documents may print at once. */
  static async launch(tabs = 3): Promise<Printer> {
    const executable = chromiumPath();
    if (!executable) throw new Error("Chromium not found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.");
    const profile = mkdtempSync(path.join(os.tmpdir(), 'wecare-chromium-'));
    const child = spawn(executable, [...CHROMIUM_ARGS, ...PRINTING_SWITCHES, '--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, '--hide-scrollbars', '--mute-audio', '--disable-extensions', 'about:blank'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
      // A process group of its own, so that a Chromium that does not close can be ended with its helpers.
      detached: true,
    });
    const printer = new Printer(child, profile, tabs);
    try {
      const version = await printer.send('Browser.getVersion');
      printer.version = String(version.product ?? '');
      return printer;
    } catch (error) {
      await printer.close();
      throw error;
    }
  }

  /** Opens one tab ahead, while something else keeps the build busy. */
  async warm(): Promise<void> {
    if (this.opened) return;
    this.opened += 1;
    this.idle.push(await this.openTab());
  }

  /** Prints a whole HTML document on A4 pages. */
  async print(html: string, options: { margins: PrintMargins; tagged: boolean }): Promise<Buffer> {
    const tab = await this.takeTab();
    const session = tab.session;
    try {
      // Written into the tab's own document, as Playwright's setContent does: a navigation would
      // start a renderer process per piece.
      const loaded = new Promise<void>((resolve) => this.loadWaiters.set(session, resolve));
      await this.send('Page.setDocumentContent', { frameId: tab.frame, html }, session);
      await loaded;
      const inches = (mm: number) => mm / 25.4;
      const result = await this.send(
        'Page.printToPDF',
        {
          paperWidth: A4_INCHES.width,
          paperHeight: A4_INCHES.height,
          marginTop: inches(options.margins.top),
          marginBottom: inches(options.margins.bottom),
          marginLeft: inches(options.margins.left),
          marginRight: inches(options.margins.right),
          printBackground: true,
          preferCSSPageSize: false,
          generateTaggedPDF: options.tagged,
          generateDocumentOutline: false,
        },
        session,
      );
      return Buffer.from(String(result.data ?? ''), 'base64');
    } finally {
      this.loadWaiters.delete(session);
      this.giveTab(tab);
    }
  }

  async close(): Promise<void> {
    if (!this.exited && this.child.exitCode === null) {
      const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      // Closed by itself, Chromium ends (and reaps) its helper processes; killed, it would leave them behind.
      await this.send('Browser.close').catch(() => undefined);
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
      if (this.child.exitCode === null && this.child.signalCode === null) {
        try {
          if (this.child.pid) process.kill(-this.child.pid, 'SIGKILL');
        } catch {
          this.child.kill('SIGKILL');
        }
      }
    }
    await rm(this.profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 25 }).catch(() => undefined);
  }

  private async openTab(): Promise<Tab> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const session = String(sessionId);
    await Promise.all([
      this.send('Page.enable', {}, session),
      this.send('Emulation.setEmulatedMedia', { media: 'print' }, session),
      // The guide is static HTML: nothing in it may run, nothing may be fetched.
      this.send('Emulation.setScriptExecutionDisabled', { value: true }, session),
      this.send('Network.enable', {}, session).then(() => this.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }, session)),
    ]);
    // The main frame's id is its target's id.
    return { session, frame: String(targetId) };
  }

  private async takeTab(): Promise<Tab> {
    const free = this.idle.pop();
    if (free) return free;
    if (this.opened < this.tabs) {
      this.opened += 1;
      return this.openTab();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private giveTab(tab: Tab): void {
    const next = this.waiting.shift();
    if (next) next(tab);
    else this.idle.push(tab);
  }

  private send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    const output = this.child.stdio[3] as NodeJS.WritableStream;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`Chromium did not answer ${method} within ${PRINT_TIMEOUT_MS / 1000} s.`));
      }, PRINT_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      output.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let end: number;
    while ((end = this.buffered.indexOf('\0')) >= 0) {
      const raw = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 1);
      let message: { id?: number; result?: Record<string, unknown>; error?: { message?: string }; method?: string; sessionId?: string };
      try {
        message = JSON.parse(raw) as typeof message;
      } catch {
        continue;
      }
      if (message.id !== undefined) {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(`Chromium: ${message.error.message ?? 'error'}`));
        else waiter?.resolve(message.result ?? {});
      } else if (message.method === 'Page.loadEventFired' && message.sessionId) {
        this.loadWaiters.get(message.sessionId)?.();
      }
    }
  }

  private fail(error: Error): void {
    this.exited ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
