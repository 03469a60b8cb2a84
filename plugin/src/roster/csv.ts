/**
 * The roster's view of a CSV file (read by scripts/csv/csv.ts): UTF-8 only, rows numbered as a
 * spreadsheet shows them, errors as `CsvError` in the roster's words.
 */
import { CsvQuoteError, parseCsv as readCsv } from '../../../scripts/csv/csv.ts';

export interface CsvRecord {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly row?: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CsvError('the file is not UTF-8 text. In a spreadsheet, save it as "CSV UTF-8".');
  }
}

/** Records as the roster reads them: rows with nothing but spaces are skipped too. */
export function parseCsv(text: string, delimiter?: ',' | ';'): CsvRecord[] {
  try {
    return readCsv(text, delimiter)
      .records.filter((record) => !(record.cells.length === 1 && record.cells[0]!.trim() === ''))
      .map((record) => ({ row: record.line, fields: record.cells }));
  } catch (error) {
    if (error instanceof CsvQuoteError) throw new CsvError(`a quoted field opened on row ${error.recordLine} is never closed.`, error.recordLine);
    throw error;
  }
}
