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

  it('keeps an ordinary https link', () => {
    expect(learnerHtml('Lee [el BOE](https://www.boe.es/).')).toContain('href=\\"https://www.boe.es/\\"');
  });
});
