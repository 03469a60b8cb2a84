/**
 * The learner profile page in a real Chromium: 320 px and desktop, no horizontal scroll, an SVG
 * chart with accessible text, no axe-core violations. Screenshots are kept in the temp folder
 * printed below for a human look.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from '../../scripts/guide/browser.ts';
import { runProfiles } from '../../scripts/profile/run.ts';
import { profileProgramme } from './fixture.ts';

const hasChromium = Boolean(chromiumPath());
if (!hasChromium) console.warn('tests/profile/profile-page.browser.test.ts: skipped, no Chromium (apt-get install -y chromium or set CHROMIUM_PATH).');

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe.skipIf(!hasChromium)('profile page in Chromium', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wecare-profile-page-'));
  let browser: Browser;
  let pageUrl: string;
  let indexUrl: string;

  beforeAll(async () => {
    const programme = profileProgramme('es', dir);
    // Titles long enough to wrap, and a name with markup that must stay text.
    programme.framework.areas[0]!.competences[1]!.title = 'Comunicarse de forma respetuosa y eficaz con la persona cuidada y con su familia';
    const results = path.join(dir, 'results.csv');
    writeFileSync(results, [
      'learner_id,learner_name,interaction_id,response,result',
      'ES-1,María José <b>Fernández</b> Rodríguez-Castañeda,diag-sa.1,4,neutral',
      'ES-1,María José <b>Fernández</b> Rodríguez-Castañeda,diag-sa.2,1,neutral',
      'ES-1,María José <b>Fernández</b> Rodríguez-Castañeda,diag-q1,b,wrong',
      'ES-1,María José <b>Fernández</b> Rodríguez-Castañeda,diag-q2,f,wrong',
      'ES-1,María José <b>Fernández</b> Rodríguez-Castañeda,diag-q3,"a,b",correct',
      'ES-1,María José <b>Fernández</b> Rodríguez-Castañeda,diag-q4,"1,2,3",correct',
      'ES-2,,diag-q1,a,correct',
    ].join('\n'));
    const out = path.join(dir, 'out');
    await runProfiles({ resultsFile: results, outDir: out, programmes: [programme] });
    pageUrl = pathToFileURL(path.join(out, 'perfil-ES-1.html')).href;
    indexUrl = pathToFileURL(path.join(out, 'index.html')).href;
    browser = await launchChromium();
    console.info(`profile screenshots in ${dir}`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const viewport of [{ width: 320, height: 640 }, { width: 1280, height: 900 }]) {
    it(`renders at ${viewport.width} px without horizontal scroll, with an accessible SVG chart`, async () => {
      const context = await browser.newContext({ viewport, offline: true });
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) requests.push(request.url());
      });
      await page.goto(pageUrl);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(requests).toEqual([]);

      // The learner's name is text, not markup.
      await expect(page.locator('h1').textContent()).resolves.toContain('<b>Fernández</b>');
      const charts = page.getByRole('img', { name: 'Confianza y conocimiento por competencia' });
      await expect(charts.count()).resolves.toBe(2);
      const description = await charts.first().evaluate((svg) => svg.querySelector('desc')?.textContent ?? '');
      expect(description).toContain('C1.1 Conocer el rol profesional: confianza 100 %, conocimiento 0 % (conocimiento bajo, exceso de confianza)');
      expect(description).toContain('confianza 0 %, conocimiento 100 % (falta de confianza)');
      // A competence with nothing answered says so, in the chart too.
      await expect(charts.nth(1).evaluate((svg) => svg.textContent)).resolves.toContain('sin datos');

      // Every chart fits its container (it scales, it does not overflow).
      const widths = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => svg.getBoundingClientRect().right <= document.documentElement.clientWidth));
      expect(widths).toEqual([true, true]);

      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations).toEqual([]);
      const file = path.join(dir, `profile-${viewport.width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(existsSync(file)).toBe(true);
      await context.close();
    });
  }

  it('the cohort summary fits 320 px and names what the intake lacks', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, offline: true });
    const page = await context.newPage();
    await page.goto(indexUrl);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('img', { name: /Porcentaje de participantes con conocimiento bajo/ }).count()).resolves.toBe(1);
    await expect(page.locator('#lacking ~ ul').textContent()).resolves.toContain('C1.1 Conocer el rol profesional');
    await page.screenshot({ path: path.join(dir, 'cohort-320.png'), fullPage: true });
    await context.close();
  });
});
