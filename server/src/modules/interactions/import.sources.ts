import fs from 'node:fs';
import { Transform } from 'node:stream';
import { type Options, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { INTERACTION_COLUMNS, REQUIRED_INTERACTION_COLUMNS } from '../../../../shared/schemas/interaction.ts';
import { AppError } from '../../errors.ts';

/** One record of an import file, or a record the parser itself could not read. */
export type SourceRecord =
  { row: number; values: Record<string, unknown> } | { row: number; error: { code: string; reason: string } };

export type ImportFormat = 'csv' | 'xlsx' | 'json';

/** Lines longer than this stop a CSV import (a guard for memory, far above any real transcript). */
const MAX_CSV_RECORD_BYTES = 64 * 1024 * 1024;

function checkHeader(header: string[]): void {
  const missing = REQUIRED_INTERACTION_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new AppError('validation_failed', `The file lacks the column(s): ${missing.join(', ')}.`, [
      { path: ['file'], message: `expected a header row with ${INTERACTION_COLUMNS.join(',')}` },
    ]);
  }
}

function countingStream(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

/**
 * Whether a record's raw text uses quotes as RFC 4180 says: a quote opens a cell, closes it right
 * before a comma or the end of the record, or is doubled inside a quoted cell. The parser runs with
 * relax_quotes (strict mode keeps reading after a stray closing quote as if the cell were still
 * open, swallowing every later row), so misplaced quotes are found here instead.
 */
export function quotesWellFormed(raw: string): boolean {
  if (!raw.includes('"')) return true;
  const n = raw.length;
  let i = 0;
  while (i < n) {
    if (raw[i] === '"') {
      i++;
      for (;;) {
        const q = raw.indexOf('"', i);
        if (q < 0) return false;
        if (raw[q + 1] === '"') {
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = raw[i];
      if (next === undefined || next === '\r' || next === '\n') return true;
      if (next !== ',') return false;
      i++;
    } else {
      let j = i;
      while (j < n && raw[j] !== ',' && raw[j] !== '\n' && raw[j] !== '\r') {
        if (raw[j] === '"') return false;
        j++;
      }
      if (j >= n || raw[j] !== ',') return true;
      i = j + 1;
    }
  }
  return true;
}

type ParsedRecord = { record: string[]; raw: string; info: { lines: number } };
type CsvRow = { record: string[]; raw: string; row: number };

function countChar(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) count++;
  return count;
}

/**
 * Streams a CSV file record by record: never more than one record in memory. Row numbers are the
 * file's line numbers (header = 1), counted from where the record starts.
 *
 * csv-parse counts every CR and every LF inside a quoted cell as a line, so a cell with CRLF line
 * breaks (Excel on Windows) would shift every later row number; `extraLines` takes those back out.
 */
export async function* csvRecords(path: string, onBytes: (n: number) => void): AsyncGenerator<SourceRecord> {
  const skipped: SourceRecord[] = [];
  // Row numbers are worked out in the parser's callbacks, in file order (the consumer lags behind).
  let extraLines = 0;
  let lastRecordEnd = 0;
  const options: Options<CsvRow, ParsedRecord> = {
    bom: true,
    info: true,
    raw: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_CSV_RECORD_BYTES,
    on_record: (ext) => {
      let lf = 0;
      let cr = 0;
      for (const cell of ext.record) {
        lf += countChar(cell, '\n');
        cr += countChar(cell, '\r');
      }
      const row = ext.info.lines - lf - cr - extraLines;
      extraLines += cr;
      lastRecordEnd = row + lf;
      return { record: ext.record, raw: ext.raw, row };
    },
    on_skip: (err) => {
      // csv-parse adds the line count to its errors; the typings do not say so.
      const e = err as (Error & { code?: string; lines?: number }) | undefined;
      const end = (e?.lines ?? 0) - extraLines;
      if (e?.code === 'CSV_QUOTE_NOT_CLOSED') {
        skipped.push({
          row: lastRecordEnd + 1,
          error: {
            code: 'bad_csv',
            reason: `a quote (") opened on this line is never closed, so the rest of the file (to line ${end}) was read as one cell`,
          },
        });
        return undefined;
      }
      lastRecordEnd = end;
      skipped.push({
        row: end,
        error: {
          code: 'bad_csv',
          reason: `this line cannot be read as CSV (${e?.message.slice(0, 120) ?? 'bad quoting'})`,
        },
      });
      return undefined;
    },
  };
  // The typings know records only as string arrays, not as the {record, raw, info} that raw and info give.
  const parser = parse(options as unknown as Options);
  const stream = fs.createReadStream(path).pipe(countingStream(onBytes)).pipe(parser);
  let header: string[] | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<CsvRow>) {
      while (skipped.length > 0) yield skipped.shift() as SourceRecord;
      const { record, raw, row } = chunk;
      if (!header) {
        header = record.map((h) => h.trim().toLowerCase());
        checkHeader(header);
        continue;
      }
      if (!quotesWellFormed(raw)) {
        yield {
          row,
          error: {
            code: 'bad_csv',
            reason:
              'a quote (") is out of place on this line: quote whole cells ("like, this") and double quotes inside them ("")',
          },
        };
        continue;
      }
      if (record.length !== header.length) {
        yield {
          row,
          error: { code: 'bad_cells', reason: `expected ${header.length} cells, found ${record.length}` },
        };
        continue;
      }
      const values: Record<string, unknown> = {};
      header.forEach((name, i) => (values[name] = record[i]));
      yield { row, values };
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      throw new AppError(
        'validation_failed',
        `A record near line ${(err as { lines?: number }).lines ?? '?'} is longer than 64 MB; the import stopped there.`,
      );
    }
    throw err;
  }
  while (skipped.length > 0) yield skipped.shift() as SourceRecord;
  if (!header)
    throw new AppError('validation_failed', 'The file is empty.', [{ path: ['file'], message: 'empty' }]);
}

function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return '';
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellValue(value.result);
  if ('error' in value) return '';
  return '';
}

/** Streams the first worksheet of an XLSX file; row numbers are the sheet's row numbers. */
export async function* xlsxRecords(path: string, onBytes: (n: number) => void): AsyncGenerator<SourceRecord> {
  const input = fs.createReadStream(path).pipe(countingStream(onBytes));
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let header: string[] | null = null;
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
        if (!header) {
          header = cells.map((c) => String(c).trim().toLowerCase());
          checkHeader(header);
          continue;
        }
        if (cells.every((c) => c === '' || c === null)) continue;
        const values: Record<string, unknown> = {};
        header.forEach((name, i) => (values[name] = cells[i] ?? ''));
        yield { row: row.number, values };
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('validation_failed', 'The file cannot be read as an XLSX workbook.', [
      { path: ['file'], message: (err as Error).message.slice(0, 200) },
    ]);
  }
  if (!header)
    throw new AppError('validation_failed', 'The workbook has no rows.', [
      { path: ['file'], message: 'empty' },
    ]);
}

/** A JSON array of row objects (API clients); rows are numbered from 1 by position. */
export async function* jsonRecords(path: string, onBytes: (n: number) => void): AsyncGenerator<SourceRecord> {
  const text = await fs.promises.readFile(path, 'utf8');
  onBytes(Buffer.byteLength(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('malformed_json', 'The request body is not valid JSON.');
  }
  if (!Array.isArray(parsed)) {
    throw new AppError('validation_failed', 'Send a JSON array of interactions.', [
      { path: [], message: 'expected an array' },
    ]);
  }
  for (const [i, item] of parsed.entries()) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      yield {
        row: i + 1,
        error: { code: 'bad_row', reason: 'expected an object with the interaction columns' },
      };
    } else {
      yield { row: i + 1, values: item as Record<string, unknown> };
    }
  }
}

export function recordsOf(
  format: ImportFormat,
  path: string,
  onBytes: (n: number) => void,
): AsyncGenerator<SourceRecord> {
  if (format === 'xlsx') return xlsxRecords(path, onBytes);
  if (format === 'json') return jsonRecords(path, onBytes);
  return csvRecords(path, onBytes);
}
