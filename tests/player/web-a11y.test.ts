/**
 * The web preview (no LMS) in real Chromium at 320 px: axe-core finds no WCAG 2.1 A/AA violation on
 * any page or feedback state, nothing scrolls sideways, and the learner's state survives a reload
 * through localStorage.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, serveSample, type Fixture } from './harness.ts';
import { press } from './keyboard.ts';

const shots = path.join(os.tmpdir(), 'wecare-player-shots');

const noSideScroll = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));

/** Clears the stored state from the index page: the player itself saves its state when it unloads. */
async function freshStart(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/web/index.html`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${origin}/web/m01-demo/index.html`);
}

describe('web preview at 320 px', () => {
  let fixture: Fixture;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    fixture = await serveSample('co');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 320, height: 640 } });
  });
  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  it('lists the modules on an accessible index page', async () => {
    await page.goto(`${fixture.url}/web/index.html`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(page.getByRole('link', { name: 'Módulo de prueba' }).getAttribute('href')).resolves.toBe('m01-demo/index.html');
    await expect(page.locator('.seen-pages').innerText()).resolves.toBe('Sin empezar en este dispositivo');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('has no axe violations and no horizontal scroll on any page or feedback state', async () => {
    await freshStart(page, fixture.url);
    const seen: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      await page.getByRole('heading', { level: 1 }).waitFor();
      if (index === 1) {
        // Wrong answers and an unfinished self-assessment show the "incorrect" styles.
        await page.getByRole('radio', { name: '091' }).check();
        await page.getByRole('button', { name: 'Comprobar' }).click();
        await page.getByRole('region').filter({ hasText: '¿Cuánta seguridad' }).getByRole('button', { name: 'Guardar' }).click();
        await page.getByText('Responda todas las afirmaciones antes de guardar.').waitFor();
        await page.getByRole('button', { name: 'Índice' }).click();
      }
      if (index === 2) {
        await page.getByRole('radio', { name: 'Falso' }).check();
        await page.getByRole('button', { name: 'Enviar respuestas' }).click();
        await page.getByText('Faltan 4 preguntas por responder.').waitFor();
      }
      const violations = await axeViolations(page);
      expect(violations, `page ${index}`).toEqual([]);
      const size = await noSideScroll(page);
      expect(size.scroll, `page ${index} scrolls sideways`).toBeLessThanOrEqual(size.client);
      const file = path.join(shots, `320-page-${index}.png`);
      await page.screenshot({ path: file, fullPage: true });
      seen.push(file);
      if (index === 1) await page.getByRole('button', { name: 'Índice' }).click();
      if (index < 3) await page.getByRole('button', { name: 'Siguiente' }).click();
    }
    expect(seen).toHaveLength(4);
  });

  it('lazy-loads images and lets a learner retry a failed quiz, focusing the quiz heading', async () => {
    await freshStart(page, fixture.url);
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await expect(page.getByRole('img', { name: 'Un rectángulo verde' }).getAttribute('loading')).resolves.toBe('lazy');
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('checkbox', { name: 'El tiempo que hace' }).check();
    await page.getByRole('radio', { name: 'Falso' }).check();
    await page.getByRole('textbox', { name: 'Hueco 1' }).fill('091');
    const drag = page.getByRole('group').filter({ hasText: 'Coloca cada palabra en su hueco.' });
    await drag.getByRole('combobox', { name: 'Hueco 1' }).selectOption({ label: 'gritar' });
    await drag.getByRole('combobox', { name: 'Hueco 2' }).selectOption({ label: 'saludar' });
    await page.getByRole('combobox', { name: 'Autonomía' }).selectOption({ label: 'Necesidad de ayuda' });
    await page.getByRole('combobox', { name: 'Dependencia' }).selectOption({ label: 'Capacidad de decidir' });
    await page.getByRole('button', { name: 'Enviar respuestas' }).click();
    await page.getByText('Su puntuación: 0 %. Para aprobar: 70 %.').waitFor();
    await expect(page.getByText('Repasa el módulo e inténtalo de nuevo.').isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Intentar de nuevo (quedan 2)' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Cuestionario final' }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(page.getByRole('checkbox', { name: 'El tiempo que hace' }).isChecked()).resolves.toBe(false);
    await expect(page.getByText('Intentos usados: 1 de 3.').isVisible()).resolves.toBe(true);
  });

  it('runs a SCORM package opened from disk, without any LMS, on local storage', async () => {
    await page.goto(pathToFileURL(path.join(fixture.unzipped12, 'index.html')).href);
    await page.getByRole('heading', { level: 1, name: 'Módulo de prueba' }).waitFor();
    await expect(page.getByText('No se encontró la plataforma: su progreso se guarda solo en este dispositivo.').isVisible()).resolves.toBe(true);
    await press(page, page.getByRole('button', { name: 'Siguiente' }), 'Enter');
    await page.getByRole('heading', { level: 1, name: 'Primera lección' }).waitFor();
    await expect(page.evaluate(() => JSON.parse(localStorage.getItem('wecare:demo:co:m01-demo') ?? '{}').l)).resolves.toBe('l01');
  });

  it('keeps state on the device without an LMS and resumes after a reload', async () => {
    await freshStart(page, fixture.url);
    await press(page, page.getByRole('button', { name: 'Siguiente' }), 'Enter');
    await press(page, page.getByRole('radio', { name: '123' }), 'Space');
    await press(page, page.getByRole('button', { name: 'Comprobar' }), 'Enter');
    await page.locator('.fb.ok').first().waitFor();
    const stored = await page.evaluate(() => localStorage.getItem('wecare:demo:co:m01-demo'));
    expect(JSON.parse(stored!)).toMatchObject({ l: 'l01' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Primera lección' }).waitFor();
    await expect(page.getByRole('radio', { name: '123' }).isChecked()).resolves.toBe(true);
    await page.goto(`${fixture.url}/web/index.html`);
    await expect(page.locator('.seen-pages').innerText()).resolves.toBe('Páginas vistas: 2 de 3.');
    await page.goto(`${fixture.url}/web/m01-demo/index.html`);
    await page.getByRole('heading', { level: 1, name: 'Primera lección' }).waitFor();
    await expect(page.locator('.fb.ok .verdict').first().innerText()).resolves.toBe('Correcto.');
    // Colombian wording (usted) from the es-CO table.
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('button', { name: 'Enviar respuestas' }).click();
    await expect(page.getByText('Faltan 5 preguntas por responder.').isVisible()).resolves.toBe(true);
  });
});
