/** The toolkit's CSV reader (csv-parse underneath): the line each record starts on, and unclosed quotes. */
import { describe, expect, it } from 'vitest';
import { CsvError as RosterCsvError, parseCsv as parseRosterCsv } from '../../plugin/src/roster/csv.ts';
import { CsvQuoteError, parseCsv } from '../../scripts/csv/csv.ts';

describe('parseCsv', () => {
  it('numbers each record by the line it starts on, across quoted line breaks, blank lines and mixed line ends', () => {
    const { delimiter, records } = parseCsv('\uFEFFid;nota\r\n"a;1";"dos\r\nlíneas"\n\n\nb;"tres\nlíneas\nmás"\rc;3\n');
    expect(delimiter).toBe(';');
    expect(records).toEqual([
      { line: 1, cells: ['id', 'nota'] },
      { line: 2, cells: ['a;1', 'dos\r\nlíneas'] },
      { line: 6, cells: ['b', 'tres\nlíneas\nmás'] },
      { line: 9, cells: ['c', '3'] },
    ]);
  });

  it('says where a never-closed quote starts, in the reader and in the roster\'s words', () => {
    const text = 'id,nombre\n1,Ana\n\n2,"Luis\nPérez","sin cerrar\n3,Eva\n';
    expect(() => parseCsv(text)).toThrow(CsvQuoteError);
    try {
      parseCsv(text);
    } catch (error) {
      expect({ record: (error as CsvQuoteError).recordLine, quote: (error as CsvQuoteError).quoteLine }).toEqual({ record: 4, quote: 5 });
    }
    expect(() => parseRosterCsv(text)).toThrowErrorMatchingInlineSnapshot(`[CsvError: a quoted field opened on row 4 is never closed.]`);
    expect(() => parseRosterCsv(text)).toThrow(RosterCsvError);
  });
});
