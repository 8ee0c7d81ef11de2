import fs from 'node:fs';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
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
 * Streams a CSV file record by record: never more than one record in memory. Row numbers are the
 * file's line numbers (header = 1), counted from where the record starts.
 */
export async function* csvRecords(path: string, onBytes: (n: number) => void): AsyncGenerator<SourceRecord> {
  const skipped: SourceRecord[] = [];
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_CSV_RECORD_BYTES,
    on_skip: (err) => {
      const line = (err as { lines?: number } | undefined)?.lines ?? 0;
      skipped.push({
        row: line,
        error: {
          code: 'bad_csv',
          reason: `this line cannot be read as CSV (${err?.message.slice(0, 120) ?? 'bad quoting'})`,
        },
      });
    },
  });
  const stream = fs.createReadStream(path).pipe(countingStream(onBytes)).pipe(parser);
  let header: string[] | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      while (skipped.length > 0) yield skipped.shift() as SourceRecord;
      const { record, info } = chunk;
      const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      const row = info.lines - newlines;
      if (!header) {
        header = record.map((h) => h.trim().toLowerCase());
        checkHeader(header);
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
