/** SVG media is sanitised for packages, and `wecare check` says what the build will remove. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayNeedSanitising, sanitiseSvg } from '../../scripts/media/svg.ts';
import { checkProgramme } from '../../scripts/validate/check-cache.ts';
import { formatDiagnostic } from '../../scripts/validate/format-diagnostics.ts';
import type { Lang } from '../../scripts/validate/messages.ts';
import { copyMini, repoRoot } from '../parse/helpers.ts';
import { hostileSvg } from './hostile-svg.ts';


describe('sanitiseSvg', () => {
  it('removes scripts, handlers, script URLs, foreign content and external references, and names them', async () => {
    const { svg, removed } = await sanitiseSvg(hostileSvg);
    expect(svg).not.toMatch(/script|onload|javascript:|foreignObject|iframe|evil\.example|animate|ENTITY/i);
    expect(removed).toEqual(['onload (<svg>)', '<script>', 'xlink:href (<a>)', 'href (<use>)', '<foreignObject>', '<animate>']);
  });

  it('keeps what makes the image accessible and drawn: viewBox, role, title, shapes and local references', async () => {
    const { svg, removed } = await sanitiseSvg(hostileSvg);
    expect(svg).toContain('viewBox="0 0 100 50"');
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="t"');
    expect(svg).toContain('<title id="t">Manos</title>');
    expect(svg).toContain('<use href="#r" x="50"/>');
    expect(removed).not.toContain('href (<use>) #r');
  });

  it('leaves every sample SVG unchanged in substance and lists nothing to remove', async () => {
    const sample = readFileSync(path.join(repoRoot, 'modules/01-cuidado-profesional/media/autocuidado.svg'), 'utf8');
    const { svg, removed } = await sanitiseSvg(sample);
    expect(removed).toEqual([]);
    expect(mayNeedSanitising(sample)).toBe(false);
    // Same drawing: every element of the source is still there, in order.
    const tags = (text: string) => [...text.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<([a-zA-Z]+)[\s>/]/g)].map((m) => m[1]);
    expect(tags(svg)).toEqual(tags(sample));
  });

  it('screens out local references (<use href="#id">) but not references to anything else', async () => {
    const local = '<svg xmlns="http://www.w3.org/2000/svg"><defs><path id="w" d="M0 0h4"/></defs><use href="#w" x="2"/><use xlink:href=\'#w\'/></svg>';
    expect(mayNeedSanitising(local)).toBe(false);
    expect((await sanitiseSvg(local)).removed).toEqual([]);
    for (const reference of ['href="other.svg#w"', 'href="#w" href="https://evil.example/x.svg#w"', 'href="&#35;w"', 'href=" #w"', "xlink:href='data:image/svg+xml,x'"]) {
      expect(mayNeedSanitising(`<svg xmlns="http://www.w3.org/2000/svg"><use ${reference}/></svg>`), reference).toBe(true);
    }
    const sample = readFileSync(path.join(repoRoot, 'modules/03-hogar-vida-diaria/media/hogar-seguro.svg'), 'utf8');
    expect(sample).toContain('<use href="#w"');
    expect(mayNeedSanitising(sample)).toBe(false);
    expect((await sanitiseSvg(sample)).removed).toEqual([]);
  });

  it('turns a file that is not SVG into an empty image instead of passing it through', async () => {
    const { svg, removed } = await sanitiseSvg('<html><body><script>alert(1)</script></body></html>');
    expect(svg).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(removed.length).toBeGreaterThan(0);
  });
});

describe('wecare check on an unsafe SVG', () => {
  async function checkWithHostileSvg(lang: Lang) {
    const copy = copyMini();
    try {
      writeFileSync(path.join(copy.root, 'modules/01-cuidado-profesional/media/manos.svg'), hostileSvg);
      const result = await checkProgramme(copy.root, { cache: false, lang });
      return result.diagnostics.filter((d) => d.ruleId === 'svg-unsafe').map((d) => formatDiagnostic(d, lang));
    } finally {
      copy.cleanup();
    }
  }

  it('keeps what sanitising removes with the derived media, so a later check reads it instead of loading a DOM', async () => {
    const copy = copyMini();
    try {
      writeFileSync(path.join(copy.root, 'modules/01-cuidado-profesional/media/manos.svg'), hostileSvg);
      const unsafe = async (cache?: false) => (await checkProgramme(copy.root, { cache, lang: 'en' })).diagnostics.filter((d) => d.ruleId === 'svg-unsafe').map((d) => d.message);
      expect((await unsafe())[0]).toContain('onload (<svg>), <script>');
      const media = path.join(copy.root, '.wecare-cache/media');
      const kept = readdirSync(media).filter((name) => name.startsWith('svg-removed-'));
      expect(kept).toHaveLength(1);
      // What the next check reports comes from the kept list.
      writeFileSync(path.join(media, kept[0]!), JSON.stringify(['<kept-entry>']));
      expect((await unsafe())[0]).toContain('<kept-entry>');
      // A check without its cache derives the list again and keeps nothing.
      expect((await unsafe(false))[0]).toContain('onload (<svg>), <script>');
    } finally {
      copy.cleanup();
    }
  });

  it('warns once, at the image, naming the file and what will be removed', async () => {
    expect(await checkWithHostileSvg('en')).toMatchInlineSnapshot(`
      [
        "modules/01-cuidado-profesional/01-que-es-cuidar.md:11:1  warning  "media/manos.svg" contains what an SVG in a course must not: onload (<svg>), <script>, xlink:href (<a>), href (<use>), <foreignObject>, <animate>; the build removes it from the packages (remove it from the file to silence this)  svg-unsafe",
      ]
    `);
    expect(await checkWithHostileSvg('es')).toMatchInlineSnapshot(`
      [
        "modules/01-cuidado-profesional/01-que-es-cuidar.md:11:1  aviso  "media/manos.svg" contiene lo que un SVG de un curso no puede llevar: onload (<svg>), <script>, xlink:href (<a>), href (<use>), <foreignObject>, <animate>; la compilación lo quita de los paquetes (quítelo del archivo para que no aparezca este aviso)  svg-unsafe",
      ]
    `);
  });
});
