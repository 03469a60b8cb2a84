/**
 * The guide's printer: Chromium over the DevTools protocol on a pipe. Documents print as static
 * pages (no script runs), several at once, and a closed printer refuses work
 * instead of hanging.
 */
import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../../scripts/guide/browser.ts';
import { Printer } from '../../scripts/guide/printer.ts';
import { readPdf } from './pdf-reader.ts';

const hasChromium = Boolean(chromiumPath());
if (!hasChromium) console.warn('tests/guide/printer.browser.test.ts: skipped, no Chromium (apt-get install -y chromium or set CHROMIUM_PATH).');

const margins = { top: 20, right: 15, bottom: 20, left: 15 };
const page = (body: string) => `<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;

describe.skipIf(!hasChromium)('printer', () => {
  it('prints documents as static pages, several at once, without running their scripts', async () => {
    const printer = await Printer.launch(2);
    try {
      expect(printer.version).toMatch(/\d+\.\d+/);
      const documents = Array.from({ length: 5 }, (_, index) =>
        page(`<p>Documento ${index} · ñandú</p><script>document.body.append(' ejecutado')</script>`),
      );
      const printed = await Promise.all(documents.map((html) => printer.print(html, { margins, tagged: true })));
      for (const [index, pdf] of printed.entries()) {
        const read = await readPdf(pdf);
        expect(read.pages).toHaveLength(1);
        expect(read.pages[0]!.text).toContain(`Documento ${index} · ñandú`);
        expect(read.pages[0]!.text).not.toContain('ejecutado');
        expect(read.pages[0]!.roles).toContain('P');
      }
    } finally {
      await printer.close();
    }
  });

  it('refuses to print once closed, at once', async () => {
    const printer = await Printer.launch(1);
    await printer.close();
    await expect(printer.print(page('<p>x</p>'), { margins, tagged: false })).rejects.toThrow(/Chromium/);
  });
});
