/**
 * `wecare build --format guide`: per variant, `dist/<variant>/guide/<name>.html` (self-contained)
 * and `<name>.pdf` printed from it by headless Chromium, the name in the variant's language
 * (`guia-formador` for es-ES, `guida-formatore` for it-IT: see `guideFileName`).
 *
 * Options (BuildContext.options): `guidePdf: false` (or WECARE_GUIDE_PDF=0) writes the HTML only.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cachePath } from '../build/cache-folder.ts';
import type { BuildContext, BuiltArtifact, FormatCompiler } from '../build/formats.ts';
import { borrowPrinter, chromiumPath } from './browser.ts';
import { printGuidePdf } from './pdf.ts';
import { renderGuide } from './render.ts';
import { guideFileName, guideStrings } from './strings.ts';

export const guideFormat: FormatCompiler = {
  format: 'guide',
  async build(context: BuildContext): Promise<BuiltArtifact[]> {
    const { programme } = context;
    const outDir = path.join(context.outDir, programme.variant.code, 'guide');
    await mkdir(outDir, { recursive: true });

    const rendered = await renderGuide(programme);
    for (const problem of rendered.problems) {
      context.report({ ...problem.module.source, severity: 'warning', ruleId: 'guide-media', message: problem.message });
    }
    const name = guideFileName(programme.variant);
    const htmlPath = path.join(outDir, `${name}.html`);
    await writeFile(htmlPath, rendered.html);
    const artifacts: BuiltArtifact[] = [{ format: 'guide', path: htmlPath, bytes: Buffer.byteLength(rendered.html) }];

    if (context.options.guidePdf === false || process.env.WECARE_GUIDE_PDF === '0') return artifacts;
    if (!chromiumPath()) {
      context.report({ file: 'content/programme.yaml', line: 1, column: 1, severity: 'warning', ruleId: 'guide-pdf-skipped', message: `Chromium was not found, so the trainer guide PDF for "${programme.variant.code}" was not printed (the HTML was). Install Debian's chromium or set CHROMIUM_PATH.` });
      return artifacts;
    }
    const s = guideStrings(programme.variant);
    const { printer, release } = await borrowPrinter();
    try {
      const printed = await printGuidePdf(rendered.print, {
        printer,
        toc: rendered.toc,
        strings: s,
        headerLeft: `${s.title} · ${programme.programme.title}`,
        headerRight: programme.variant.name,
        title: `${s.title} · ${programme.programme.title} (${programme.variant.name})`,
        lang: programme.variant.locale,
        cacheDir: cachePath(context.root, 'guide-pdf'),
        cacheName: programme.variant.code,
      });
      if (printed.pages.size < rendered.toc.length) {
        context.report({ file: 'content/programme.yaml', line: 1, column: 1, severity: 'warning', ruleId: 'guide-pdf-toc', message: `The trainer guide PDF for "${programme.variant.code}" lacks page numbers for ${rendered.toc.length - printed.pages.size} of ${rendered.toc.length} table-of-contents entries.` });
      }
      const pdfPath = path.join(outDir, `${name}.pdf`);
      await writeFile(pdfPath, printed.pdf);
      artifacts.push({ format: 'guide', path: pdfPath, bytes: printed.pdf.length });
    } finally {
      await release();
    }
    return artifacts;
  },
};
