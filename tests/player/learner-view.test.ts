/**
 * What learners see, measured in real Chromium: each practice region has a name of its own, the
 * ordering buttons line up, submitted answers keep AA contrast, and the progress bar does not read
 * 100 % while the quiz is still to be submitted.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ordering, SingleChoice } from '../../scripts/ir/types.ts';
import { buildWebSite } from '../../scripts/scorm/web.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';
import { launchChromium, repoRoot } from './harness.ts';

let browser: Browser;
let moduleUrl: string;

beforeAll(async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wecare-view-'));
  const programme = sampleProgramme('es', tmp);
  const module = programme.modules[0]!;
  const first = module.lessons[0]!;
  const practice = first.blocks.find((block) => block.kind === 'single-choice') as SingleChoice;
  const second: SingleChoice = { ...practice, id: 'm01-sc-2', stemHtml: '<p>¿Quién decide sobre su propio cuidado?</p>' };
  const ordering: Ordering = {
    kind: 'ordering', id: 'm01-or-practice', competences: ['C1.1'], source: practice.source,
    stemHtml: '<p>Ordena los pasos.</p>',
    items: [{ id: '1', text: 'Mojar' }, { id: '2', text: 'Enjabonar bien las palmas, el dorso, entre los dedos y las uñas' }, { id: '3', text: 'Secar' }],
    feedback: {},
  };
  first.blocks.push(second, ordering);
  const webDir = path.join(tmp, 'web');
  await buildWebSite(programme, programme.modules, webDir);
  moduleUrl = pathToFileURL(path.join(webDir, `${module.id}/index.html`)).href;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function open(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.goto(moduleUrl);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

const next = (page: Page) => page.getByRole('button', { name: 'Siguiente' }).click();

describe('the learner view', () => {
  it('names each practice question region after its own question (axe landmark-unique)', async () => {
    const page = await open(320);
    await next(page);
    const names = await page.locator('section.act').evaluateAll((sections) =>
      sections.filter((s) => s.querySelector('.q')).map((s) => (s.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim()).join(' ')));
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toMatch(/^Pregunta de práctica ¿/);
    await page.addScriptTag({ path: path.join(repoRoot, 'node_modules/axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const run = await (window as any).axe.run(document, { runOnly: { type: 'rule', values: ['landmark-unique'] } });
      return { passes: run.passes.length, violations: run.violations.map((v: any) => v.id) };
    });
    expect(violations).toEqual({ passes: 1, violations: [] });
    await page.close();
  });

  it.each([320, 1024])('lines up the ↑ ↓ buttons of every ordering item at %i px', async (width) => {
    const page = await open(width);
    await next(page);
    const lefts = await page.locator('ol.order li .mvs').evaluateAll((boxes) => boxes.map((box) => Math.round(box.getBoundingClientRect().left)));
    expect(lefts).toHaveLength(3);
    expect(new Set(lefts).size).toBe(1);
    const size = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(size.scroll).toBeLessThanOrEqual(size.client);
    await page.close();
  });

  it('keeps progress under 100 % until the quiz is submitted, and keeps submitted answers at AA contrast', async () => {
    const page = await open(320);
    await next(page);
    await next(page);
    await expect(page.locator('.pct').innerText()).resolves.not.toBe('100 %');
    await page.getByRole('checkbox', { name: 'El nombre' }).check();
    await page.getByRole('radio', { name: 'Verdadero' }).check();
    await page.getByRole('textbox', { name: 'Hueco 1' }).fill('112');
    const drag = page.getByRole('group').filter({ hasText: 'Primero' });
    await drag.getByRole('combobox', { name: 'Hueco 1' }).selectOption({ label: 'saludar' });
    await drag.getByRole('combobox', { name: 'Hueco 2' }).selectOption({ label: 'presentarse' });
    await page.getByRole('combobox', { name: 'Autonomía' }).selectOption({ label: 'Capacidad de decidir' });
    await page.getByRole('combobox', { name: 'Dependencia' }).selectOption({ label: 'Necesidad de ayuda' });
    await page.getByRole('button', { name: 'Enviar respuestas' }).click();
    await page.getByText(/puntuación: [\d.]+ %/).waitFor();
    await expect(page.locator('.pct').innerText()).resolves.toBe('100 %');

    const ratios = await page.evaluate(() => {
      const rgba = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number) as number[];
      const blend = (fg: number[], bg: number[]) => [0, 1, 2].map((i) => fg[i]! * (fg[3] ?? 1) + bg[i]! * (1 - (fg[3] ?? 1)));
      const background = (el: Element | null): number[] => {
        for (let node = el; node; node = node.parentElement) {
          const c = rgba(getComputedStyle(node).backgroundColor);
          if ((c[3] ?? 1) > 0) return blend(c, [255, 255, 255]);
        }
        return [255, 255, 255];
      };
      const luminance = (c: number[]) => {
        const [r, g, b] = c.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const ratio = (el: Element) => {
        const style = getComputedStyle(el);
        const bg = background(el);
        const fill = (style as any).webkitTextFillColor as string | undefined;
        const fg = blend(rgba(fill && !/^currentcolor$/i.test(fill) ? fill : style.color), bg);
        const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
        return Math.round(((a! + 0.05) / (b! + 0.05)) * 100) / 100;
      };
      const quiz = document.querySelector('section.quiz')!;
      const targets = [...quiz.querySelectorAll('label.chosen, input.gap, select')];
      return { count: targets.length, ratios: targets.map(ratio), disabled: targets.filter((t) => (t.querySelector('input') ?? t as HTMLInputElement).disabled).length };
    });
    // 1 chosen checkbox + 1 chosen radio, 1 text gap, 2 word gaps, 2 matching menus.
    expect(ratios.count).toBe(7);
    expect(ratios.disabled).toBe(7);
    for (const value of ratios.ratios) expect(value).toBeGreaterThanOrEqual(4.5);
    await page.close();
  });
});
