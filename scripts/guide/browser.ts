/** Debian's Chromium: found, launched for tests through playwright-core, and for printing through printer.ts. */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { Printer } from './printer.ts';

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

let session: Promise<Printer> | undefined;

/**
 * Starts one Chromium for every guide printed until `close` (a build prints one per variant), so
 * that its launch overlaps whatever comes first. A launch failure is reported by the first guide
 * that needs the browser, never as an unhandled rejection.
 */
export function openChromiumSession(): { close(): Promise<void> } {
  if (session || !chromiumPath()) return { close: async () => undefined };
  const own = import('./printer.ts').then(async ({ Printer }) => {
    const printer = await Printer.launch();
    // One tab opened ahead, while the programme still loads: the first guide prints at once.
    await printer.warm().catch(() => undefined);
    return printer;
  });
  own.catch(() => undefined);
  session = own;
  return {
    async close() {
      if (session === own) session = undefined;
      const printer = await own.catch(() => undefined);
      await printer?.close();
    },
  };
}

/** The session's printer when one is open, else a new one; `release` closes only what was launched here. */
export async function borrowPrinter(): Promise<{ printer: Printer; release: () => Promise<void> }> {
  if (session) return { printer: await session, release: async () => undefined };
  const { Printer } = await import('./printer.ts');
  const printer = await Printer.launch();
  return { printer, release: () => printer.close() };
}
