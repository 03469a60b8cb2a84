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

/** A browser, a context for printing and its idle pages, reused by every guide of a build. */
export interface PrintingSession {
  browser: Browser;
  context: BrowserContext;
  /** Pages ready to print (media emulated as print); a printer takes them and gives them back. */
  idle: Page[];
}

export async function openPrintingPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.emulateMedia({ media: 'print' });
  return page;
}

async function startSession(): Promise<PrintingSession> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    // One page opened ahead, while the programme still loads: the first guide prints at once.
    return { browser, context, idle: [await openPrintingPage(context)] };
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
