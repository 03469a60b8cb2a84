/**
 * `wecare preview` end to end, as a designer uses it: the real CLI on a temp copy of the mini
 * programme, real Chromium, real files saved on disk. Every wait is on an event (a line on the
 * terminal, a page condition), never a fixed sleep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, repoRoot } from '../player/harness.ts';

const lessonPath = 'modules/01-cuidado-profesional/01-que-es-cuidar.md';
const moduleUrl = 'es/m01-cuidado-profesional/';

/** Resolves with the first match of `pattern` in what the stream prints. */
function waitForOutput(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) {
        stream.off('data', onData);
        resolve(match);
      }
    };
    stream.on('data', onData);
    stream.once('end', () => reject(new Error(`stream ended without ${pattern}:\n${seen}`)));
  });
}

const axeSource = readFileSync(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A/AA violations axe-core finds on the page (the overlay's shadow DOM included). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as any).axe;
    const run = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    if (!run.passes.length) throw new Error('axe checked nothing');
    return run.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

describe('wecare preview in Chromium', () => {
  let root: string;
  let child: ChildProcess;
  let url: string;
  let browser: Browser;
  let page: Page;
  let stderr = '';
  let original: string;
  const lesson = () => path.join(root, lessonPath);

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'wecare-preview-'));
    cpSync(path.join(repoRoot, 'tests/fixtures/programme-mini'), root, { recursive: true });
    original = readFileSync(lesson(), 'utf8');
    child = spawn(process.execPath, [path.join(repoRoot, 'bin/wecare.js'), 'preview', '--root', root, '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [, address] = await waitForOutput(child.stdout!, /Preview: (http:\/\/127\.0\.0\.1:\d+\/)/);
    url = address!;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** Waits until the open page has reloaded (its client reports a build newer than `build`). */
  const reloadedAfter = (build: number) => page.waitForFunction((b) => Number(document.documentElement.dataset.wecarePreview ?? '0') > b, build);
  const currentBuild = () => page.evaluate(() => Number(document.documentElement.dataset.wecarePreview ?? '0'));

  it('serves on loopback only and lists every module × variant', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await page.goto(url);
    await expect(page.locator('h2').allInnerTexts()).resolves.toEqual(['España (es)', 'Colombia (co)']);
    await expect(page.locator(`a[href="/${moduleUrl}index.html"]`).count()).resolves.toBe(1);
    // The preview's client is added to the pages it serves, never to what a package launches.
    const sco = await (await fetch(`${url}${moduleUrl}sco12.html`)).text();
    expect(sco).toContain('id="wecare-module"');
    expect(sco).not.toContain('__wecare');
    // A request naming another host (DNS rebinding) is refused.
    const refused = await new Promise<number | undefined>((resolve, reject) => {
      request(url, { headers: { host: 'attacker.example' } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      }).on('error', reject).end();
    });
    expect(refused).toBe(403);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows a saved lesson edit in the open page, which reloads itself', async () => {
    await page.goto(`${url}${moduleUrl}index.html`);
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await expect(page.locator('main h1').innerText()).resolves.toBe('¿Qué es cuidar?');
    await page.waitForFunction(() => document.documentElement.dataset.wecarePreview !== undefined);
    const before = await currentBuild();
    writeFileSync(lesson(), original.replace('Cuidar es acompañar', 'Cuidar bien es acompañar'));
    await reloadedAfter(before);
    await page.waitForFunction(() => document.querySelector('main')?.textContent?.includes('Cuidar bien es acompañar'));
    await expect(page.locator('main h1').innerText()).resolves.toBe('¿Qué es cuidar?');
  });

  it('shows the problems of the file being edited in an overlay, with file:line, and removes it once fixed', async () => {
    const build = await currentBuild();
    const broken = original.replace(':::trainer-notes', ':::trainer-notez');
    const brokenLine = broken.split('\n').findIndex((line) => line.includes(':::trainer-notez')) + 1;
    writeFileSync(lesson(), broken);
    const overlay = page.locator('#wecare-preview-overlay [role="alert"]');
    await overlay.waitFor();
    await expect(page.locator('#wecare-preview-overlay .where').first().innerText()).resolves.toBe(`${lessonPath}:${brokenLine}:1`);
    const text = await overlay.innerText();
    expect(text).toContain('unknown-directive');
    expect(text).toContain('trainer-notez');
    // The server keeps running and answering while the file is broken.
    const state = (await (await fetch(`${url}__wecare/state`)).json()) as { build: number; problems: Array<{ file: string }> };
    expect(state.build).toBeGreaterThan(build);
    expect(state.problems.map((p) => p.file)).toEqual([lessonPath]);
    expect(await axeViolations(page)).toEqual([]);
    // Escape hides the overlay until the problems change.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.getElementById('wecare-preview-overlay'));
    writeFileSync(lesson(), broken.replace(':::trainer-notez', ':::trainer-notey'));
    await overlay.waitFor();

    writeFileSync(lesson(), original);
    await page.waitForFunction(() => !document.getElementById('wecare-preview-overlay'));
    await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('Cuidar bien'));
  });

  it('plays the module under scorm-again and shows each interaction in the LMS inspector; reset starts a new attempt', async () => {
    await page.goto(`${url}${moduleUrl}lms12.html`);
    const inspector = page.locator('#inspector-body');
    await expect(inspector.innerText()).resolves.toContain('No interaction recorded yet.');
    const sco = page.frameLocator('iframe');
    await sco.getByRole('button', { name: 'Siguiente' }).click();
    await sco.getByRole('radio', { name: 'Ayudar en la higiene personal' }).check();
    await sco.getByRole('button', { name: 'Comprobar' }).first().click();
    const row = page.locator('#inspector-interactions tbody tr').first();
    await row.waitFor();
    await expect(row.locator('td').allInnerTexts()).resolves.toEqual(['m01-q-funciones', 'choice', 'a', 'correct']);
    await expect(page.locator('#inspector-suspend').innerText()).resolves.toMatch(/^\d+ of 4096 characters$/);
    await expect(inspector.innerText()).resolves.toMatch(/Lesson status\s+incomplete/);
    await page.locator('#inspector-commits li').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Reset the attempt' }).click();
    await page.waitForFunction(() => document.getElementById('inspector-body')?.textContent?.includes('No interaction recorded yet.'));
  });

  it('shows trainer notes, face-to-face instructions and answer keys in the trainer view', async () => {
    await page.goto(`${url}${moduleUrl}trainer.html`);
    await expect(page.locator('.trainer-note').first().innerText()).resolves.toContain('Dedique 10 minutos');
    await expect(page.locator('.answer-key[role="group"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.face-to-face .steps').count()).resolves.toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows one lesson in two variants side by side with the differing blocks highlighted', async () => {
    await page.goto(`${url}__wecare/compare?module=m01-cuidado-profesional&lesson=l01-que-es-cuidar&a=es&b=co`);
    const differing = page.locator('.pair[data-same="false"]');
    await expect(differing.count()).resolves.toBeGreaterThan(0);
    const text = await differing.filter({ hasText: 'residencia' }).innerText();
    expect(text).toContain('residencia');
    expect(text).toContain('hogar geriátrico');
    await expect(page.locator('.pair[data-same="true"]').count()).resolves.toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('stops cleanly on Ctrl+C', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const stopped = waitForOutput(child.stdout!, /Preview stopped/);
    child.kill('SIGINT');
    await stopped;
    await expect(exited).resolves.toBe(0);
    expect(stderr).not.toMatch(/internal error|rebuild failed/);
  });
});
