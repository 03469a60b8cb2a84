/**
 * The SCORM scenario both versions go through in real Chromium against scorm-again: complete the
 * sample module with the keyboard, check the CMI data, reload and resume, close and check the
 * final commit.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveSample, type Fixture } from './harness.ts';
import { completeSampleModule, press, tabTo } from './keyboard.ts';

type Cmi = Record<string, any>;

const expected = [
  // id, type (1.2 / 2004), response 1.2, response 2004, result, objectives
  ['m01-sc', 'choice', 'choice', 'a', 'a', 'correct', ['C1.1']],
  ['m01-refl', 'fill-in', 'long-fill-in', 'Me motiva ayudar a las personas mayores a vivir con dignidad y autonomía cada día.', 'Me motiva ayudar a las personas mayores a vivir con dignidad y autonomía cada día.', 'neutral', ['C1.2']],
  ['m01-sa.1', 'likert', 'likert', '3', '3', 'neutral', ['C1.1']],
  ['m01-sa.2', 'likert', 'likert', '4', '4', 'neutral', ['C1.2']],
  ['m01-q-mc', 'choice', 'choice', 'a,b', 'a[,]b', 'correct', ['C1.1']],
  ['m01-q-tf', 'true-false', 'true-false', 't', 'true', 'correct', ['C1.1']],
  ['m01-q-fb', 'fill-in', 'fill-in', '112', '112', 'correct', ['C1.1']],
  ['m01-q-dw', 'fill-in', 'fill-in', 'saludar,presentarse', 'saludar[,]presentarse', 'correct', ['C1.2']],
  ['m01-q-mt', 'matching', 'matching', '1.a,2.b', '1[.]a[,]2[.]b', 'correct', ['C1.2']],
  ['m01-q-or', 'sequencing', 'sequencing', '1,2,3', '1[,]2[,]3', 'correct', ['C1.1']],
] as const;

export function scormScenario(version: '12' | '2004'): void {
  const is12 = version === '12';
  const apiName = is12 ? 'API' : 'API_1484_11';

  describe(`SCORM ${is12 ? '1.2' : '2004'} package in Chromium with scorm-again as the LMS`, () => {
    let fixture: Fixture;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    /** Script errors and LMS calls scorm-again refused (the player logs those as `wecare: …`). */
    const problems: string[] = [];
    const watch = (p: Page) => {
      p.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      p.on('console', (message) => {
        if (message.text().startsWith('wecare:')) problems.push(message.text());
      });
    };
    const cmi = (): Promise<Cmi> => page.evaluate((name) => (window as any)[name].renderCMIToJSONObject().cmi, apiName);

    beforeAll(async () => {
      fixture = await serveSample('es');
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 390, height: 800 } });
      page = await context.newPage();
      watch(page);
      await page.goto(`${fixture.url}/host${version}.html`);
    });
    afterAll(async () => {
      await browser?.close();
      await fixture?.close();
    });

    it('records status, score, every interaction and suspend data when a keyboard-only learner completes the module', async () => {
      const app = page.frameLocator('iframe');
      await completeSampleModule(page, app);
      const data = await cmi();
      if (is12) {
        expect(data.core.lesson_status).toBe('passed');
        expect(data.core.score).toEqual({ raw: '100', min: '0', max: '100' });
        expect(data.core.lesson_location).toBe('end');
        expect(data.core.exit).toBe('');
      } else {
        expect(data.completion_status).toBe('completed');
        expect(data.success_status).toBe('passed');
        expect(data.score).toMatchObject({ raw: '100', min: '0', max: '100', scaled: '1' });
        expect(data.location).toBe('end');
        expect(data.exit).toBe('normal');
        expect(data.progress_measure).toBe('1');
      }
      const interactions = Object.values(data.interactions) as Cmi[];
      expect(interactions.map((i) => i.id)).toEqual(expected.map((e) => e[0]));
      for (const [index, [id, type12, type2004, response12, response2004, result, objectives]] of expected.entries()) {
        const record = interactions[index]!;
        expect(record.type, id).toBe(is12 ? type12 : type2004);
        expect(is12 ? record.student_response : record.learner_response, id).toBe(is12 ? response12 : response2004);
        expect(record.result, id).toBe(result);
        expect(Object.values(record.objectives).map((o: any) => o.id), id).toEqual(objectives);
        expect(record.latency, id).toMatch(is12 ? /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/ : /^PT\d+H\d+M[\d.]+S$/);
        if (is12) expect(record.time, id).toMatch(/^\d{2}:\d{2}:\d{2}$/);
        else expect(record.timestamp, id).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
        expect(record.weighting, id).toBe(id.startsWith('m01-q-') ? '1' : '0');
      }
      const suspend = JSON.parse(data.suspend_data);
      expect(suspend).toMatchObject({ v: 1, s: '1111', z: { 'm01-quiz': [1, 6, 1] }, k: 'm01-sc,m01-refl,m01-sa' });
      expect(suspend.a['m01-sa']).toBe('3,4');
      expect(suspend.a['m01-q-fb']).toEqual(['112']);
      expect(data.suspend_data.length).toBeLessThan(4096);
      // Commits happened (status changes), but not after every SetValue.
      const events: string[] = await page.evaluate(() => (window as any).lmsEvents);
      const commits = events.filter((e) => e === 'commit').length;
      expect(commits).toBeGreaterThan(0);
      expect(commits).toBeLessThan(6);
      // Going back a page changes the bookmark but no status: no commit until the page is hidden.
      await press(page, app.getByRole('button', { name: 'Anterior' }), 'Enter');
      await app.getByRole('heading', { level: 1, name: 'Segunda lección' }).waitFor();
      await expect(page.evaluate(() => (window as any).lmsEvents.length)).resolves.toBe(events.length);
      const frame = page.frames().find((f) => f.url().includes(`/pkg${version}/`))!;
      await frame.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await expect(page.evaluate(() => (window as any).lmsEvents.slice(-1)[0])).resolves.toBe('commit');
      await expect(page.evaluate(() => (window as any).lmsEvents.length)).resolves.toBe(events.length + 1);
      const after = await cmi();
      expect(is12 ? after.core.lesson_location : after.location).toBe('l02');
    });

    it('resumes the page and the answers after a reload', async () => {
      await page.reload();
      const app = page.frameLocator('iframe');
      // The bookmark: the learner was on lesson 2 when the page went away.
      await app.getByRole('heading', { level: 1, name: 'Segunda lección' }).waitFor();
      await app.getByText('Tu puntuación: 100 %. Para aprobar: 70 %.').waitFor();
      // Back to lesson 1 through the table of contents, keyboard only.
      await press(page, app.getByRole('button', { name: 'Índice' }), 'Enter');
      await tabTo(page, app.getByRole('navigation', { name: 'Índice' }).getByRole('button', { name: /Primera lección/ }));
      await page.keyboard.press('Enter');
      await app.getByRole('heading', { level: 1, name: 'Primera lección' }).waitFor();
      await expect(app.getByRole('heading', { level: 1 }).evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
      await expect(app.getByRole('radio', { name: '112' }).isChecked()).resolves.toBe(true);
      await expect(app.getByRole('textbox').first().inputValue()).resolves.toContain('dignidad');
      await expect(app.getByRole('group', { name: 'Sé pedir ayuda a tiempo.' }).getByRole('radio', { name: 'Mucha' }).isChecked()).resolves.toBe(true);
      await press(page, app.getByRole('button', { name: 'Siguiente' }), 'Enter');
      await app.getByText('Tu puntuación: 100 %. Para aprobar: 70 %.').waitFor();
      await expect(app.getByRole('checkbox', { name: 'El diagnóstico' }).isChecked()).resolves.toBe(true);
      const data = await cmi();
      // The journal keeps the first session's records; no answer was lost.
      expect(Object.keys(data.interactions)).toHaveLength(expected.length);
      expect(JSON.parse(data.suspend_data).a['m01-q-or']).toBe('1,2,3');
    });

    it('terminates and commits once when the page is closed', async () => {
      const origin = fixture.url;
      await page.close({ runBeforeUnload: true });
      const reader = await context.newPage();
      await reader.goto(`${origin}/web/index.html`);
      const stored = await reader.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), `lms-${version}`);
      expect(stored.events.at(-1)).toBe('finish');
      expect(stored.events.filter((e: string) => e === 'finish')).toHaveLength(2); // one per session: the reload and the close
      const final = stored.cmi;
      if (is12) {
        expect(final.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
        expect(final.core.lesson_location).toBe('l02');
        expect(final.core.lesson_status).toBe('passed');
      } else {
        expect(final.session_time).toMatch(/^PT\d+H\d+M[\d.]+S$/);
        expect(final.location).toBe('l02');
        expect(final.success_status).toBe('passed');
      }
      await reader.close();
      expect(problems).toEqual([]);
    });
  });
}
