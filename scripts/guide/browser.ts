/** Headless Chromium for printing, through playwright-core (no bundled browser download). */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

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

let session: Promise<Browser> | undefined;

/**
 * Starts one Chromium for every guide printed until `close` (a build prints one per variant), so
 * that its launch overlaps whatever comes first. A launch failure is reported by the first guide
 * that needs the browser, never as an unhandled rejection.
 */
export function openChromiumSession(): { close(): Promise<void> } {
  if (session || !chromiumPath()) return { close: async () => undefined };
  const own = launchChromium();
  own.catch(() => undefined);
  session = own;
  return {
    async close() {
      if (session === own) session = undefined;
      const browser = await own.catch(() => undefined);
      await browser?.close();
    },
  };
}

/** The session's Chromium when one is open, else a new one; `release` closes only what was launched here. */
export async function borrowChromium(): Promise<{ browser: Browser; release: () => Promise<void> }> {
  if (session) return { browser: await session, release: async () => undefined };
  const browser = await launchChromium();
  return { browser, release: () => browser.close() };
}
