import { describe, expect, it } from 'vitest';
import { adaptHtml, escapePlain, htmlToText } from '../../scripts/h5p/html.ts';
import { subContentId } from '../../scripts/h5p/ids.ts';

const TEXT = ['strong', 'em', 'del', 'a', 'ul', 'ol', 'h2', 'h3', 'hr', 'pre', 'code'];

describe('HTML for H5P fields', () => {
  it('maps tags the field does not allow onto allowed ones and says so', () => {
    const { html, changes } = adaptHtml('<h1>T</h1><h4>S</h4><p><b>b</b> <i>i</i> <sup>2</sup></p><blockquote><p>q</p></blockquote>', TEXT);
    expect(html).toBe('<h2>T</h2><h3>S</h3><p><strong>b</strong> <em>i</em> 2</p><div><p>q</p></div>');
    expect(changes).toEqual(['plain:sup']);
  });

  it('turns tables into rows of text and images into their description', () => {
    const { html, changes } = adaptHtml('<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table><p>Mira <img src="x.png" alt="el grifo"></p>', TEXT, {
      imageText: (alt) => `Imagen: ${alt}`,
    });
    expect(html).toBe('<ul><li><strong>A:</strong> 1<br /><strong>B:</strong> 2</li></ul><p>Mira <em>[Imagen: el grifo]</em></p>');
    // Without a header row, or where lists are not allowed either.
    expect(adaptHtml('<table><tr><td>1</td><td>2</td></tr></table>', TEXT).html).toBe('<p>1 — 2</p>');
    expect(adaptHtml('<table><tr><th>A</th></tr><tr><td>1</td></tr></table>', ['strong']).html).toBe('<p><strong>A:</strong> 1</p>');
    expect(changes.sort()).toEqual(['image', 'table']);
  });

  it('keeps only safe links and drops every other attribute and any script', () => {
    const { html } = adaptHtml('<p class="x" onclick="y()"><a href="javascript:alert(1)">a</a> <a href="https://boe.es" target="_blank">b</a><script>alert(1)</script></p>', TEXT);
    expect(html).toBe('<p>a <a href="https://boe.es">b</a></p>');
    expect(adaptHtml('<p><a href="#l02">siguiente</a></p>', TEXT)).toEqual({ html: '<p>siguiente</p>', changes: [] });
  });

  it('lists become paragraphs where lists are not allowed', () => {
    expect(adaptHtml('<ol><li>uno</li><li>dos</li></ol>', ['strong']).html).toBe('<p>1. uno</p><p>2. dos</p>');
  });

  it('escapes plain text like PHP htmlspecialchars without double encoding', () => {
    expect(escapePlain(`<b> & "x" 'y' &amp; &#039;`)).toBe('&lt;b&gt; &amp; &quot;x&quot; &#039;y&#039; &amp; &#039;');
    expect(escapePlain(escapePlain('a < b & c'))).toBe(escapePlain('a < b & c'));
  });

  it('extracts text with block separators', () => {
    expect(htmlToText('<p>Uno <strong>dos</strong></p><ul><li>tres</li></ul>', '\n')).toBe('Uno dos\ntres');
  });

  it('derives stable version-5 UUIDs from seeds', () => {
    expect(subContentId('m01-q1')).toBe(subContentId('m01-q1'));
    expect(subContentId('m01-q1')).not.toBe(subContentId('m01-q2'));
    expect(subContentId('m01-q1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
