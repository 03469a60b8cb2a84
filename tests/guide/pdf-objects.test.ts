/**
 * The PDF object reader and writer the guide's merge uses: values written back as read (strings
 * never decoded, references renumbered), and files of a shape it does not know refused.
 */
import { describe, expect, it } from 'vitest';
import { PdfName, PdfRef, PdfShapeError, PdfString, readPdf, readValue, renumberRaw, textString, writePdf, writeValue, type PdfValue } from '../../scripts/guide/pdf-objects.ts';

const file = (...objects: string[]) => {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
};

describe('PDF objects', () => {
  it('reads dictionaries, arrays, references, numbers, names and strings, and writes them back', () => {
    const read = readPdf(file('<< /Type /Catalog /Pages 2 0 R /Lang (es\\)\\(x (nested) y) /Alt <FEFF0041> /N#20a /a /Box [0 -1.5 .5 595.91998] /On true /Off null >>', '[ 1 0 R 12 5 ]'));
    const catalog = read.objects.get(1)!.value as Map<string, PdfValue>;
    expect(catalog.get('Pages')).toEqual(new PdfRef(2));
    expect(catalog.get('Lang')).toEqual(new PdfString('(es\\)\\(x (nested) y)'));
    expect(catalog.get('Alt')).toEqual(new PdfString('<FEFF0041>'));
    expect(catalog.get('N a')).toEqual(new PdfName('a'));
    expect(catalog.get('Box')).toEqual([0, -1.5, 0.5, 595.91998]);
    expect(read.objects.get(2)!.value).toEqual([new PdfRef(1), 12, 5]);
    expect(writeValue(catalog, (id) => id + 100)).toBe('<</Type /Catalog\n/Pages 102 0 R\n/Lang (es\\)\\(x (nested) y)\n/Alt <FEFF0041>\n/N#20a /a\n/Box [0 -1.5 0.5 595.91998 ]\n/On true\n/Off null\n>>');
  });

  it('keeps stream data byte for byte and writes a file that reads back the same', () => {
    const data = Buffer.from([0, 255, 10, 13, 40, 41, 101, 110, 100, 115]);
    const written = writePdf([{ value: new Map<string, PdfValue>([['Type', new PdfName('Catalog')]]) }, { value: new Map(), stream: data }, { value: textString('Guía · Ελλάδα') }], new Map<string, PdfValue>([['Root', new PdfRef(1)]]));
    const read = readPdf(written);
    expect(read.objects.get(2)!.stream).toEqual(data);
    expect(read.objects.get(3)!.value).toEqual(textString('Guía · Ελλάδα'));
    expect((read.objects.get(3)!.value as PdfString).source).toMatch(/^<FEFF0047007500ED00610020/);
    expect(read.trailer.get('Size')).toBe(4);
  });

  it('renumbers the references in the text of an object, and nothing inside strings, names or numbers', () => {
    const raw = '<</Type /StructElem /P 14 0 R /K [15 0 R <</Type /MCR /Pg 2 0 R /MCID 3>> 16 0 R] /Alt (see 12 0 R \\) (and 4 0 R)) /ActualText <FEFF0031> /F4 4 0 R /W [1 2 3] /Gone 99 0 R>>';
    const renumbered = renumberRaw(raw, (id) => (id === 99 ? undefined : id + 1000));
    expect(renumbered).toBe('<</Type /StructElem /P 1014 0 R /K [1015 0 R <</Type /MCR /Pg 1002 0 R /MCID 3>> 1016 0 R] /Alt (see 12 0 R \\) (and 4 0 R)) /ActualText <FEFF0031> /F4 1004 0 R /W [1 2 3] /Gone null>>');
    expect(readValue(renumbered)).toBeInstanceOf(Map);
  });

  it('refuses what Chromium does not write: cross-reference streams, encryption', () => {
    expect(() => readPdf(Buffer.from('%PDF-1.5\n1 0 obj\n<< /Type /XRef >>\nstream\nx\nendstream\nendobj\nstartxref\n9\n%%EOF\n', 'latin1'))).toThrow(PdfShapeError);
    const encrypted = file('<< /Type /Catalog >>').toString('latin1').replace('/Root 1 0 R', '/Root 1 0 R /Encrypt 1 0 R');
    expect(() => readPdf(Buffer.from(encrypted, 'latin1'))).toThrow(PdfShapeError);
  });
});
