/** Keyboard-only learner: reaches every control with Tab and operates it with keys. */
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Presses Tab (or Shift+Tab) until `target` has focus. Fails when it cannot be reached. */
export async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Could not reach ${target} with the keyboard`);
}

export async function press(page: Page, target: Locator, key: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

/** Completes the sample module (tests/fixtures/ir/sample-programme.ts) with every answer right. */
export async function completeSampleModule(page: Page, app: FrameLocator): Promise<void> {
  // Introduction → lesson 1.
  await press(page, app.getByRole('button', { name: 'Siguiente' }), 'Enter');
  await app.getByRole('heading', { level: 1, name: 'Primera lección' }).waitFor();

  // Practice single choice: the focused radio group takes Space.
  await press(page, app.getByRole('radio', { name: '112' }), 'Space');
  await press(page, app.getByRole('button', { name: 'Comprobar' }), 'Enter');
  await app.locator('.fb.ok .verdict').first().waitFor();

  // Reflection.
  await tabTo(page, app.getByRole('textbox', { name: '¿Qué te motiva a trabajar en cuidados?' }));
  await page.keyboard.type('Me motiva ayudar a las personas mayores a vivir con dignidad y autonomía cada día.');
  await press(page, app.getByRole('region').filter({ hasText: '¿Qué te motiva' }).getByRole('button', { name: 'Guardar' }), 'Enter');

  // Self-assessment: arrow keys move within each radio group.
  await tabTo(page, app.getByRole('group', { name: 'Sé explicar mis funciones.' }).getByRole('radio', { name: 'Nada' }));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await tabTo(page, app.getByRole('group', { name: 'Sé pedir ayuda a tiempo.' }).getByRole('radio', { name: 'Nada' }));
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  await press(page, app.getByRole('region').filter({ hasText: '¿Cuánta seguridad' }).getByRole('button', { name: 'Guardar' }), 'Enter');
  await app.getByRole('region').filter({ hasText: '¿Cuánta seguridad' }).getByText('Respuesta guardada.').waitFor();

  // Lesson 2: the quiz.
  await press(page, app.getByRole('button', { name: 'Siguiente' }), 'Enter');
  await app.getByRole('heading', { level: 1, name: 'Segunda lección' }).waitFor();
  await press(page, app.getByRole('checkbox', { name: 'El nombre' }), 'Space');
  await press(page, app.getByRole('checkbox', { name: 'El diagnóstico' }), 'Space');
  await press(page, app.getByRole('radio', { name: 'Verdadero' }), 'Space');
  const fill = app.getByRole('group').filter({ hasText: 'Completa:' });
  await tabTo(page, fill.getByRole('textbox', { name: 'Hueco 1' }));
  await page.keyboard.type('112');
  const drag = app.getByRole('group').filter({ hasText: 'Coloca cada palabra en su hueco.' });
  await tabTo(page, drag.getByRole('combobox', { name: 'Hueco 1' }));
  await page.keyboard.type('saludar');
  await tabTo(page, drag.getByRole('combobox', { name: 'Hueco 2' }));
  await page.keyboard.type('presentarse');
  await tabTo(page, app.getByRole('combobox', { name: 'Autonomía' }));
  await page.keyboard.type('Capacidad');
  await tabTo(page, app.getByRole('combobox', { name: 'Dependencia' }));
  await page.keyboard.type('Necesidad');
  await sortWithKeyboard(page, app, ['Mojar', 'Enjabonar', 'Aclarar']);
  await press(page, app.getByRole('button', { name: 'Enviar respuestas' }), 'Enter');
  await app.getByText('Tu puntuación: 100 %. Para aprobar: 70 %.').waitFor();

  // Summary page.
  await press(page, app.getByRole('button', { name: 'Siguiente' }), 'Enter');
  await app.getByRole('heading', { level: 1, name: 'Resumen' }).waitFor();
}

/** Puts the ordering question's items in `wanted` order with the Move up buttons. */
async function sortWithKeyboard(page: Page, app: FrameLocator, wanted: string[]): Promise<void> {
  const list = app.locator('ol.order');
  for (let target = 0; target < wanted.length; target += 1) {
    const current = await list.locator('li > .it > span:first-child').allInnerTexts();
    const index = current.indexOf(wanted[target]!);
    if (index === target) continue;
    await tabTo(page, app.getByRole('button', { name: `Subir: ${wanted[target]}` }));
    for (let step = index; step > target; step -= 1) await page.keyboard.press('Enter');
  }
}
