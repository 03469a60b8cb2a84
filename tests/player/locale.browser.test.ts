/**
 * A non-Spanish locale in real Chromium: a Belgian French variant gets the French interface (with
 * its Belgian wording) and `lang="fr-BE"`, in the web preview and in the SCORM 1.2 package under
 * scorm-again; no Spanish or English interface string is left.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../templates/player/i18n/en.ts';
import { es } from '../../templates/player/i18n/es.ts';
import { resolveStrings } from '../../templates/player/i18n/index.ts';
import { launchChromium, serveSample, type Fixture } from './harness.ts';

const fr = resolveStrings('fr-BE');

/** The interface text the player shows around the content: buttons, labels, landmarks. */
async function chrome(target: Page | Frame) {
  return target.evaluate(() => ({
    lang: document.documentElement.lang,
    buttons: [...document.querySelectorAll('button')].filter((b) => !b.closest('main article, .activity')).map((b) => b.textContent!.trim()),
    labels: [...document.querySelectorAll('label, [aria-label]')].map((e) => e.getAttribute('aria-label') ?? e.textContent!.trim()),
    position: document.querySelector('.position, [aria-live]')?.textContent?.trim() ?? '',
  }));
}

describe('player in Belgian French (fr-BE)', () => {
  let fixture: Fixture;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fixture = await serveSample('es', { locale: 'fr-BE' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 320, height: 640 } });
  });
  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  it('shows French interface strings and lang="fr-BE" in the web preview', async () => {
    await page.goto(`${fixture.url}/web/m01-demo/index.html`);
    await page.getByRole('button', { name: fr.next }).waitFor();
    const seen = await chrome(page);
    expect(seen.lang).toBe('fr-BE');
    expect(seen.buttons).toEqual(expect.arrayContaining([fr.toc, fr.next]));
    expect(seen.labels).toEqual(expect.arrayContaining([fr.progress, fr.toc]));
    await expect(page.getByText(fr.pageOf!.replace('{n}', '1').replace(/\{total\}.*/, ''), { exact: false }).first().isVisible()).resolves.toBe(true);
    for (const key of ['next', 'prev', 'toc', 'progress'] as const) {
      expect(seen.buttons.concat(seen.labels), key).not.toContain(es[key]);
      expect(seen.buttons.concat(seen.labels), key).not.toContain(en[key]);
    }
  });

  it('uses the Belgian wording where it differs from France', async () => {
    expect(fr.minWords).toBe('Encodez au moins {n} mots.');
    expect(resolveStrings('fr-FR').minWords).toBe('Écrivez au moins {n} mots.');
    await page.getByRole('button', { name: fr.toc }).click();
    const reflection = page.getByText(/Encodez au moins \d+ mots\./).first();
    const pages = await page.locator('#wc-toc a, #wc-toc button').count();
    for (let index = 0; index < pages && !(await reflection.isVisible()); index++) {
      if (index) await page.getByRole('button', { name: fr.next }).click();
    }
    await expect(reflection.isVisible()).resolves.toBe(true);
  });

  it('shows the same interface and lang in the SCORM 1.2 package under scorm-again', async () => {
    await page.goto(`${fixture.url}/host12.html`);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('button', { name: fr.next }).waitFor();
    const inner = page.frames().find((f) => f.url().includes('/pkg12/'))!;
    const seen = await chrome(inner);
    expect(seen.lang).toBe('fr-BE');
    expect(seen.buttons).toEqual(expect.arrayContaining([fr.toc, fr.next]));
  });
});
