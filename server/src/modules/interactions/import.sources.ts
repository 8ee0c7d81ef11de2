import { isAscii, isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { INTERACTION_COLUMNS, REQUIRED_INTERACTION_COLUMNS } from '../../../../shared/schemas/interaction.ts';
import { AppError } from '../../errors.ts';
import { fileError } from '../../http/file-error.ts';
import {
  type ChunkDecoder,
  REPLACEMENT,
  chunkDecoder,
  firstNonUtf8Line,
  notUtf8Error,
  sniffEncoding,
} from '../../http/text-encoding.ts';
import type { TextEncodingName } from '../../../../shared/import-issues.ts';
import { type CsvRecord, CsvScanner } from './import.csv.ts';

/** One record of an import file, or a record the parser itself could not read. */
export type SourceRecord =
  | { row: number; values: Record<string, unknown> }
  | {
      row: number;
      error: { code: string; reason: string };
      /** The cells as read, when they could not be matched to the columns. */
      cells?: unknown[];
      /** The cells by column, when they could (a row rejected before its values are looked at). */
      values?: Record<string, unknown>;
    };

export type ImportFormat = 'csv' | 'xlsx' | 'json';

const EXPECTED_HEADER = `expected a header row with ${INTERACTION_COLUMNS.join(',')}`;

function checkHeader(header: string[]): void {
  const missing = REQUIRED_INTERACTION_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw fileError(
      'missing_columns',
      `The file lacks the column(s): ${missing.join(', ')}.`,
      EXPECTED_HEADER,
      { columns: missing },
    );
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

/** Bytes read from the file per chunk (and records answered per chunk). */
const CHUNK_BYTES = 64 * 1024;
/** XLSX and JSON records are answered in groups of this many (the reader loops over each group). */
const RECORDS_PER_YIELD = 500;

/** How many line breaks (LF, CRLF or a lone CR) `text` has. */
function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** The first cell holding bytes the decoder could not read (U+FFFD), with its column name. */
function undecodableCell(cells: string[], header: string[]): string | null {
  for (let i = 0; i < cells.length; i++) {
    if (cells[i]?.includes(REPLACEMENT)) return header[i] ?? `cell ${i + 1}`;
  }
  return null;
}

/**
 * Streams a CSV file (see import.csv.ts): never more than one chunk and one record in memory.
 * Answers the records of each chunk together. Row numbers are the file's line numbers (header = 1).
 *
 * The first chunk (64 KB) with a byte that is not ASCII decides the encoding (see `sniffEncoding`;
 * chunks of plain ASCII before it read the same in both): UTF-8, or GB18030 (GBK, as Excel saves
 * "CSV" in a Chinese locale; `onEncoding` is told), or neither (the file is refused).
 * Bytes further on that the encoding cannot read become U+FFFD; from the first chunk that has one
 * on, each record is looked at and one holding U+FFFD is rejected (`bad_encoding`), not stored
 * garbled. A file without such bytes pays one `includes` per chunk, nothing per record.
 */
export async function* csvRecords(
  path: string,
  onBytes: (n: number) => void,
  onEncoding: (encoding: TextEncodingName) => void = () => undefined,
): AsyncGenerator<SourceRecord[]> {
  const scanner = new CsvScanner();
  let decoder: ChunkDecoder | null = null;
  let encoding: TextEncodingName = 'utf-8';
  /** Set once the decoded text has held U+FFFD: records are then checked for it. */
  let undecodable = false;
  let header: string[] | null = null;
  /** While the chunks are plain ASCII: the line breaks read so far, and whether the last chunk ended in CR. */
  let asciiLines = 0;
  let endsWithCR = false;
  const toSource = (records: CsvRecord[]): SourceRecord[] => {
    const out: SourceRecord[] = [];
    for (const record of records) {
      if ('error' in record) {
        if (!header) {
          throw fileError(
            'unreadable_header',
            `The header row cannot be read as CSV: ${record.error.reason}.`,
            EXPECTED_HEADER,
          );
        }
        out.push(record);
        continue;
      }
      const { row, cells } = record;
      if (!header) {
        header = cells.map((h) => h.trim().toLowerCase());
        checkHeader(header);
        continue;
      }
      if (cells.length !== header.length) {
        out.push({
          row,
          error: { code: 'bad_cells', reason: `expected ${header.length} cells, found ${cells.length}` },
          cells,
        });
        continue;
      }
      const values: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) values[header[i] as string] = cells[i];
      const badColumn = undecodable ? undecodableCell(cells, header) : null;
      if (badColumn !== null) {
        const name = encoding === 'utf-8' ? 'UTF-8' : 'GB18030 (GBK)';
        out.push({
          row,
          error: {
            code: 'bad_encoding',
            reason: `${badColumn} has bytes that are not ${name} text (shown as \ufffd); save the file as "CSV UTF-8" and import it again`,
          },
          values,
        });
        continue;
      }
      out.push({ row, values });
    }
    return out;
  };
  const decode = (text: string) => {
    if (!undecodable && text.includes(REPLACEMENT)) undecodable = true;
    return text;
  };
  for await (const chunk of fs.createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    onBytes(bytes.length);
    if (!decoder) {
      if (isAscii(bytes)) {
        // Plain ASCII reads the same in UTF-8 and GB18030: the encoding is decided further on.
        const ascii = bytes.toString('latin1');
        asciiLines += lineBreaks(ascii) - (endsWithCR && ascii.startsWith('\n') ? 1 : 0);
        endsWithCR = ascii.endsWith('\r');
        const records = toSource(scanner.push(ascii));
        if (records.length > 0) yield records;
        continue;
      }
      const sniffed = sniffEncoding(bytes);
      if (!sniffed) {
        const line = firstNonUtf8Line(bytes, true);
        throw notUtf8Error(
          line === undefined ? undefined : asciiLines + line - (endsWithCR && bytes[0] === 0x0a ? 1 : 0),
        );
      }
      encoding = sniffed;
      onEncoding(encoding);
      decoder = chunkDecoder(encoding);
    }
    const records = toSource(scanner.push(decode(decoder.write(bytes))));
    if (records.length > 0) yield records;
  }
  const records = toSource(scanner.push(decode(decoder?.end() ?? '')).concat(scanner.end()));
  if (!header) throw fileError('empty', 'The file is empty.', 'empty');
  if (records.length > 0) yield records;
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
export async function* xlsxRecords(
  path: string,
  onBytes: (n: number) => void,
): AsyncGenerator<SourceRecord[]> {
  const input = fs.createReadStream(path).pipe(countingStream(onBytes));
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let header: string[] | null = null;
  let records: SourceRecord[] = [];
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
        records.push({ row: row.number, values });
        if (records.length >= RECORDS_PER_YIELD) {
          yield records;
          records = [];
        }
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fileError(
      'unreadable_xlsx',
      'The file cannot be read as an XLSX workbook.',
      (err as Error).message.slice(0, 200),
    );
  }
  if (!header) throw fileError('empty', 'The workbook has no rows.', 'empty');
  if (records.length > 0) yield records;
}

/** A JSON array of row objects (API clients); rows are numbered from 1 by position. */
export async function* jsonRecords(
  path: string,
  onBytes: (n: number) => void,
): AsyncGenerator<SourceRecord[]> {
  const bytes = await fs.promises.readFile(path);
  onBytes(bytes.length);
  // JSON is UTF-8 (RFC 8259): bytes that are not would be read as U+FFFD and stored so.
  if (!isUtf8(bytes)) throw notUtf8Error();
  const text = bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('malformed_json', 'The request body is not valid JSON.');
  }
  if (!Array.isArray(parsed)) {
    throw fileError('not_an_array', 'Send a JSON array of interactions.', 'expected an array');
  }
  for (let from = 0; from < parsed.length; from += RECORDS_PER_YIELD) {
    yield (parsed.slice(from, from + RECORDS_PER_YIELD) as unknown[]).map((item, i): SourceRecord =>
      item === null || typeof item !== 'object' || Array.isArray(item)
        ? {
            row: from + i + 1,
            error: { code: 'bad_row', reason: 'expected an object with the interaction columns' },
          }
        : { row: from + i + 1, values: item as Record<string, unknown> },
    );
  }
}

export function recordsOf(
  format: ImportFormat,
  path: string,
  onBytes: (n: number) => void,
  onEncoding?: (encoding: TextEncodingName) => void,
): AsyncGenerator<SourceRecord[]> {
  if (format === 'xlsx') return xlsxRecords(path, onBytes);
  if (format === 'json') return jsonRecords(path, onBytes);
  return csvRecords(path, onBytes, onEncoding);
}
