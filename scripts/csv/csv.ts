/**
 * RFC 4180 CSV reading and writing, as spreadsheets and LMS exports produce it: the one CSV code
 * of the toolkit (results for `wecare profile`, the roster for `wecare moodle sync`, reports).
 */

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

/**
 * Parses CSV text: UTF-8 with or without BOM, `,` or `;` (detected from the header line unless
 * given), quoted fields with doubled quotes and embedded newlines, CRLF or LF. Blank lines are
 * skipped. Throws `CsvQuoteError` on an unterminated quote.
 */
export function parseCsv(text: string, given?: ',' | ';'): { delimiter: string; records: CsvRecord[] } {
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = given ?? detectDelimiter(source);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let sawContent = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
      sawContent = true;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
      sawContent = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      cells.push(cell);
      if (sawContent || cells.some((value) => value !== '')) records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      sawContent = false;
      line++;
      recordLine = line;
    } else {
      cell += char;
      sawContent = true;
    }
  }
  if (quoted) throw new CsvQuoteError(recordLine, quoteLine);
  cells.push(cell);
  if (sawContent || cells.some((value) => value !== '')) records.push({ line: recordLine, cells });
  return { delimiter, records };
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
