import { describe, expect, it } from 'vitest';
import { CsvError, decodeUtf8, parseCsv } from '../../../plugin/src/roster/csv.ts';
import { parseRoster } from '../../../plugin/src/roster/roster.ts';

const rules = { variants: { co: ['Colombia'], es: ['España'] }, phases: { co: ['fase-1'], es: ['fase-1'] } };
const bytes = (text: string) => new TextEncoder().encode(text);

describe('roster CSV', () => {
  it('reads quoted fields with delimiters, escaped quotes and line breaks, CRLF', () => {
    const records = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\nlast,,\n');
    expect(records).toEqual([
      { row: 1, fields: ['a', 'b', 'c'] },
      { row: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { row: 5, fields: ['last', '', ''] },
    ]);
    expect(() => parseCsv('a\n"open')).toThrow(CsvError);
  });

  it('accepts UTF-8 with BOM and semicolons, Spanish headers and aliases', () => {
    const text = '\uFEFFID Participante;Nombre;Apellidos;Correo;País;Convocatoria;Fase;Grupo;Estado\nCO-1;Ángela;Núñez;angela@example.org;Colombia;2026A;fase-1;A;Activa\n';
    const roster = parseRoster(bytes(text), rules);
    expect(roster.delimiter).toBe(';');
    expect(roster.problems).toEqual([]);
    expect(roster.participants[0]).toMatchObject({ id: 'CO-1', firstname: 'Ángela', lastname: 'Núñez', variant: 'co', status: 'active', row: 2 });
  });

  it('refuses text that is not UTF-8 and a header without the needed columns', () => {
    expect(() => decodeUtf8(new Uint8Array([0x69, 0x64, 0xe9, 0x0a]))).toThrow(/not UTF-8/);
    expect(() => parseRoster(bytes('id,name\n1,x\n'), rules)).toThrow(/lacks the column\(s\) firstname, lastname, email, variant, intake, phase, status/);
  });
});
