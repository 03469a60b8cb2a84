/** Headless Chromium for printing, through playwright-core (no bundled browser download). */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The Chromium to use: `$CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`; undefined when absent. */
export function chromiumPath(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(candidate) ? candidate : undefined;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not found: install Debian\'s chromium (apt-get install -y chromium) or set CHROMIUM_PATH.');
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * Pages for printing in one browser context, at most `size` at once: whoever prints takes a page
 * and gives it back. Every guide of a build shares one pool, so that Chromium always has pieces to
 * print (on both cores) and never more than it can print at once.
 */
export class PagePool {
  private context: Promise<BrowserContext> | undefined;
  private readonly idle: Page[] = [];
  private readonly waiting: Array<(page: Page) => void> = [];
  private opened = 0;

  constructor(
    private readonly browser: Browser,
    private readonly size: number,
  ) {}

  /** Opens one page ahead (while something else keeps Node busy). */
  async warm(): Promise<void> {
    if (this.opened) return;
    this.opened += 1;
    this.idle.push(await this.open());
  }

  async take(): Promise<Page> {
    const free = this.idle.pop();
    if (free) return free;
    if (this.opened < this.size) {
      this.opened += 1;
      return this.open();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(page: Page): void {
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }

  async close(): Promise<void> {
    if (this.context) await (await this.context).close();
  }

  private async open(): Promise<Page> {
    this.context ??= this.browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await (await this.context).newPage();
    await page.emulateMedia({ media: 'print' });
    return page;
  }
}

/** Pieces printed at once: one per core, and one more that Node prepares meanwhile. */
export const PRINTING_PAGES = 3;

export interface PrintingSession {
  browser: Browser;
  pages: PagePool;
}

async function startSession(): Promise<PrintingSession> {
  const browser = await launchChromium();
  const pages = new PagePool(browser, PRINTING_PAGES);
  try {
    // One page opened ahead, while the programme still loads: the first guide prints at once.
    await pages.warm();
    return { browser, pages };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

let session: Promise<PrintingSession> | undefined;

/**
 * Starts one Chromium for every guide printed until `close` (a build prints one per variant), so
 * that its launch overlaps whatever comes first. A launch failure is reported by the first guide
 * that needs the browser, never as an unhandled rejection.
 */
export function openChromiumSession(): { close(): Promise<void> } {
  if (session || !chromiumPath()) return { close: async () => undefined };
  const own = startSession();
  own.catch(() => undefined);
  session = own;
  return {
    async close() {
      if (session === own) session = undefined;
      const opened = await own.catch(() => undefined);
      await opened?.browser.close();
    },
  };
}

/** The session's Chromium when one is open, else a new one; `release` closes only what was launched here. */
export async function borrowChromium(): Promise<{ browser: Browser; session?: PrintingSession; release: () => Promise<void> }> {
  if (session) {
    const opened = await session;
    return { browser: opened.browser, session: opened, release: async () => undefined };
  }
  const browser = await launchChromium();
  return { browser, release: () => browser.close() };
}
