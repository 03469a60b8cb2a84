/**
 * RFC 4180 CSV reading and writing, as spreadsheets and LMS exports produce it: the one CSV code
 * of the toolkit (results for `wecare profile`, the roster for `wecare moodle sync`, reports).
 * Reading is csv-parse's; this module adds the delimiter guess, start lines and its own errors.
 */
import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

/** A quoted field that is never closed: where its record and the quote start. */
export class CsvQuoteError extends Error {
  constructor(
    readonly recordLine: number,
    readonly quoteLine: number,
  ) {
    super(`line ${quoteLine}: a quoted field is never closed`);
    this.name = 'CsvQuoteError';
  }
}

/** Line breaks in `text` (CRLF, LF or CR each count one). */
function lineBreaks(text: string): number {
  return text.match(/\r\n|\n|\r/g)?.length ?? 0;
}

/** Blank lines csv-parse skipped before a record, which its raw text starts with. */
const leadingBlankLines = (raw: string) => /^(?:\r\n|\n|\r)*/.exec(raw)![0];

/**
 * Parses CSV text with csv-parse: UTF-8 with or without BOM, `,` or `;` (detected from the header
 * line unless given), quoted fields with doubled quotes and embedded newlines, CRLF or LF. Blank
 * lines are skipped. Each record keeps the line it starts on. Throws `CsvQuoteError` on an
 * unterminated quote.
 */
export function parseCsv(text: string, given?: ',' | ';'): { delimiter: string; records: CsvRecord[] } {
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = given ?? detectDelimiter(source);
  try {
    const rows = parse(source, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number }; raw: string }>;
    // Each record starts where the raw text of the ones before it ends, after the blank lines skipped.
    let line = 1;
    const records = rows.map((row) => {
      const start = line + lineBreaks(leadingBlankLines(row.raw));
      line += lineBreaks(row.raw);
      return { line: start, cells: row.record };
    });
    return { delimiter, records };
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      // The unclosed record runs to the end of the text: its raw text is the text's tail.
      const raw = (error as CsvError & { raw?: string }).raw ?? '';
      const start = source.endsWith(raw) ? source.length - raw.length : source.lastIndexOf(raw);
      const blank = leadingBlankLines(raw);
      const recordLine = 1 + lineBreaks(source.slice(0, Math.max(0, start))) + lineBreaks(blank);
      const record = raw.slice(blank.length);
      const opening = Math.max(record.startsWith('"') ? 0 : -1, record.lastIndexOf(`${delimiter}"`), record.lastIndexOf('\n"'));
      throw new CsvQuoteError(recordLine, recordLine + (opening > 0 ? lineBreaks(record.slice(0, opening + 1)) : 0));
    }
    throw error;
  }
}

/** `;` when the first record has more unquoted semicolons than commas (spreadsheets in es-ES/es-CO), else `,`. */
export function detectDelimiter(source: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of source) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is
 * prefixed with `'`, except plain numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: Array<string | number | null | undefined>): string {
  return values.map(csvCell).join(',');
}
