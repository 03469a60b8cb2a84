/**
 * The Italian variant of the sample (issue 12) as a learner gets it from Moodle: module 01 built
 * from the real sources and translations as SCORM 1.2, run in Chromium under scorm-again. The
 * interface is Italian, the document says it-IT, the text is the Italian translation and axe-core
 * finds no WCAG 2.1 A/AA violation.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme } from '../../scripts/api.ts';
import { readZip } from '../../scripts/package/zip.ts';
import { moduleChecks, scormPackage } from '../../scripts/scorm/package.ts';
import { axeViolations, hostPage, launchChromium, repoRoot, serveFiles } from './harness.ts';

type Served = Awaited<ReturnType<typeof serveFiles>>;

/** The SCORM package's frame inside the host page. */
const pkgFrame = (page: Page) => page.frames().find((frame) => frame.url().includes('/pkg12/'))!;

describe('the Italian SCORM 1.2 package of module 01 under scorm-again', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let app: FrameLocator;
  const problems: string[] = [];

  beforeAll(async () => {
    const { programmes, diagnostics } = await loadProgramme(repoRoot, { variants: ['it'], modules: ['m01-cuidado-profesional'] });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const programme = programmes[0]!;
    const module = programme.modules[0]!;
    const built = await scormPackage(module, programme, 'scorm12', moduleChecks(module, programme).reflectionMax);
    if ('problems' in built) throw new Error(built.problems.join('\n'));
    const files = new Map<string, Buffer | string>();
    for (const [name, data] of await readZip(built.zip)) files.set(`/pkg12/${name}`, data);
    files.set('/host12.html', hostPage('12'));
    served = await serveFiles(files);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.text().startsWith('wecare:')) problems.push(message.text());
    });
    await page.goto(`${served.url}/host12.html`);
    app = page.frameLocator('iframe');
    await app.getByRole('heading', { level: 1 }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('says the document is Italian and shows the Italian interface and text', async () => {
    const frame = page.frames().find((f) => f.url().includes('/pkg12/'))!;
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('it-IT');
    await expect(app.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Il lavoro di cura come servizio professionale');
    await app.getByRole('button', { name: 'Avanti' }).first().waitFor();
    const text = await frame.evaluate(() => document.body.innerText);
    expect(text).toMatch(/Pagina 1 di \d+/);
    expect(text).not.toMatch(/Siguiente|Página \d+ de|Índice|Next|Contents/);
    // scorm-again is the LMS: the package found it and recorded the attempt.
    const status = await page.evaluate(() => (window as any).API.renderCMIToJSONObject().cmi.core.lesson_status);
    expect(status).toBe('incomplete');
  });

  it('has no axe violations on the module page, a lesson page and a checked answer', async () => {
    expect(await axeViolations(pkgFrame(page))).toEqual([]);
    await app.getByRole('button', { name: 'Avanti' }).first().click();
    await app.getByRole('heading', { level: 1, name: 'Il lavoro di cura come professione' }).waitFor();
    expect(await axeViolations(pkgFrame(page))).toEqual([]);
    // The practice question of lesson 1 answered wrongly and checked: feedback in Italian.
    const question = app.getByRole('region').filter({ hasText: 'mal di testa' }).first();
    await question.getByRole('radio', { name: 'Vero' }).check();
    await question.getByRole('button', { name: 'Verifica' }).click();
    await question.getByText('Non è corretto.').waitFor();
    expect(await axeViolations(pkgFrame(page))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
