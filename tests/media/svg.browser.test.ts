/** Opened by its URL on the LMS's origin, a built SVG runs nothing (it would be stored XSS in the course). */
import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../scripts/package/zip.ts';
import { runCli } from '../cli/helpers.ts';
import { copyMini } from '../parse/helpers.ts';
import { launchChromium } from '../player/harness.ts';
import { listenOnLoopback } from '../loopback.ts';
import { hostileSvg } from './hostile-svg.ts';

let browser: Browser;
let server: Server;
let base: string;
let closeServer: (() => Promise<void>) | undefined;
const files = new Map<string, Buffer>();
let cleanup: () => void;

beforeAll(async () => {
  const copy = copyMini();
  cleanup = copy.cleanup;
  writeFileSync(path.join(copy.root, 'modules/01-cuidado-profesional/media/manos.svg'), hostileSvg);
  const built = await runCli(['build', '--format', 'scorm12,web', '--variant', 'es', '--module', 'm01-cuidado-profesional', '--root', copy.root], copy.root);
  expect(built.code, built.stderr).toBe(0);
  const zip = readFileSync(path.join(copy.root, 'dist/es/m01-cuidado-profesional.scorm12.zip'));
  files.set('/scorm/manos.svg', (await readZip(zip)).get('media/manos.svg')!);
  files.set('/web/manos.svg', readFileSync(path.join(copy.root, 'dist/es/web/m01-cuidado-profesional/media/manos.svg')));
  files.set('/control/manos.svg', Buffer.from(hostileSvg));
  server = createServer((request, response) => {
    const body = files.get(request.url ?? '');
    response.writeHead(body ? 200 : 404, { 'content-type': 'image/svg+xml' });
    response.end(body ?? '');
  });
  ({ url: base, close: closeServer } = await listenOnLoopback(server));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await closeServer?.();
  cleanup?.();
});

/** Console messages the SVG's scripts print, once the document has loaded and a click has landed on its link. */
async function scriptsThatRun(url: string): Promise<string[]> {
  const page = await browser.newPage();
  const ran: string[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('xss:')) ran.push(message.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.click('rect', { force: true }).catch(() => undefined);
  // A round trip through the page's own event loop: any handler queued by load or click has run.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await page.close();
  return ran.sort();
}

describe('built SVG media opened directly', () => {
  it('the unsanitised file would run its scripts in this browser (the test can see an attack)', async () => {
    expect(await scriptsThatRun(`${base}/control/manos.svg`)).toEqual(expect.arrayContaining(['xss:onload', 'xss:script']));
  });

  it.each(['scorm', 'web'])('the %s package\'s copy runs nothing and still draws', async (kind) => {
    expect(await scriptsThatRun(`${base}/${kind}/manos.svg`)).toEqual([]);
    const page = await browser.newPage();
    await page.goto(`${base}/${kind}/manos.svg`);
    expect(await page.locator('rect').count()).toBeGreaterThan(0);
    await page.close();
  });
});
