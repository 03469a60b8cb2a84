/** Whatever an author types, the learner HTML in the IR carries no script, handler or script URL. */
import { describe, expect, it } from 'vitest';
import { lesson, processLesson } from './helpers.ts';

function learnerHtml(body: string): string {
  const processed = processLesson(lesson(body));
  return Object.values(processed.perVariant)
    .flatMap((variant) => variant.blocks)
    .map((block) => JSON.stringify(block))
    .join('\n');
}

describe('learner HTML is sanitised', () => {
  it.each([
    ['a raw script element', 'Texto <script>alert(1)</script> seguido.', /<script|alert\(1\)<\/script/i],
    ['an event handler in raw HTML', '<img src="x.png" onerror="alert(1)">\n\nTexto.', /onerror/i],
    ['a javascript: link', 'Pulsa [aquí](javascript:alert(1)) ahora.', /javascript:/i],
    ['a javascript: citation URL', 'Según :cite[la ley]{url="javascript:alert(1)"}.', /javascript:/i],
    ['an inline iframe', 'Mira <iframe src="https://evil.example"></iframe> esto.', /<iframe/i],
  ])('drops %s', (_label, body, forbidden) => {
    const html = learnerHtml(body);
    expect(html).not.toMatch(forbidden);
    // The surrounding words survive: sanitising removes the danger, not the author's text.
    expect(html).toMatch(/Texto|Pulsa|Según|Mira/);
  });

  it.each([
    ['script', 'Opción <script>alert("Q2")</script> segura.', 'alert'],
    ['style', 'Opción <style>p { color: red }</style> segura.', 'color'],
    ['script with attributes', 'Opción <script type="module">import("x")</script> segura.', 'import'],
    ['nested in emphasis', '*Opción <script>alert(1)</script> segura*.', 'alert'],
  ])('a removed %s element takes its content with it', (_label, body, leaked) => {
    const html = learnerHtml(body);
    expect(html).not.toContain(leaked);
    expect(html).toMatch(/Opción\s+segura/);
  });

  it('keeps the words after a raw element that is never closed out of the paragraph', () => {
    const html = learnerHtml('Antes <script>alert(1)\n\nDespués del párrafo.');
    expect(html).not.toContain('alert');
    expect(html).toContain('Después del párrafo.');
  });

  it('keeps an ordinary https link', () => {
    expect(learnerHtml('Lee [el BOE](https://www.boe.es/).')).toContain('href=\\"https://www.boe.es/\\"');
  });
});
