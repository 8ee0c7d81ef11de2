import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Info, parse } from 'csv-parse';
import { fileError } from './file-error.ts';

/** A CSV record's cells and the file line it starts on (header = 1). */
export type CsvTableRecord = { row: number; cells: string[] };
/** An uploaded CSV table: the header's names (trimmed, lower case) and the records under it. */
export type CsvTable = { header: string[]; records: CsvTableRecord[] };

/** Bytes handed to the parser between two turns of the event loop (a few ms of parsing). */
const SLICE_BYTES = 64 * 1024;

/**
 * How many rows an import checks between two turns of the event loop: the checks of a 20 MB
 * roster's 800,000 rows would otherwise hold the process for a second.
 */
export const ROWS_PER_TURN = 2000;

/** Lets the event loop serve other requests (timers, I/O) before the caller goes on. */
export const yieldToEventLoop = (): Promise<void> => nextTurn();

/** The text in slices, with a turn of the event loop before each slice but the first. */
async function* slices(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
    if (at > 0) await yieldToEventLoop();
    yield bytes.subarray(at, at + SLICE_BYTES);
  }
}

const CR = 0x0d;
const LF = 0x0a;
/** Blank before a record: whitespace and line breaks, which csv-parse skips (skip_empty_lines, trim). */
const BLANK = new Set([CR, LF, 0x20, 0x09, 0x0b, 0x0c]);

/**
 * The file line each record starts on, as an editor shows it: LF, CRLF and a lone CR each end one
 * line, inside quoted cells too. csv-parse's `info.lines` is the line a record ends on and counts a
 * CRLF inside a quoted cell twice, so a row after a multi-line cell was reported lines late. Records
 * come in file order, so one cursor walks the bytes once: from the end of the previous record
 * (`info.bytes`) past blank lines to the first byte of this one.
 */
export function recordLineCounter(bytes: Buffer): (recordEndByte: number) => number {
  let at = 0;
  let line = 1;
  let previousEnd = 0;
  const step = () => {
    const c = bytes[at];
    // A CRLF is one line break, counted at its CR.
    if (c === CR || (c === LF && bytes[at - 1] !== CR)) line++;
    at++;
  };
  return (recordEndByte) => {
    while (at < previousEnd) step();
    while (at < bytes.length && BLANK.has(bytes[at] ?? 0)) step();
    const start = line;
    previousEnd = recordEndByte;
    return start;
  };
}

/**
 * Reads an uploaded CSV (the user import, the roster) into its header and records, with each
 * record's file line (where it starts), and checks that the header has the `required` columns.
 *
 * csv-parse's stream parser is fed the text 64 KB at a time, with a turn of the event loop between
 * slices: parsing a 20 MB roster at once held the process for seconds, and no other user's request
 * was served meanwhile. Byte slices (not string slices) keep a character split between two slices
 * whole. A record with more cells than the header is kept (`relax_column_count`): the importers
 * report it as a bad row.
 *
 * @throws AppError validation_failed (a file problem: `fileError`) when the text is not CSV (naming the line), is empty or lacks
 *   a required column (`expected` says which columns the file should have).
 */
export async function readCsvTable(
  text: string,
  columns: { required: readonly string[]; expected: string },
): Promise<CsvTable> {
  let head = null as string[] | null;
  const records: CsvTableRecord[] = [];
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  });
  const bytes = Buffer.from(text, 'utf8');
  const startLine = recordLineCounter(bytes);
  parser.on('data', ({ record, info }: { record: string[]; info: Info }) => {
    const row = startLine(info.bytes);
    if (head) records.push({ row, cells: record });
    else head = record;
  });
  try {
    await pipeline(slices(bytes), parser);
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw fileError(
      'unreadable_csv',
      `The CSV cannot be read${line ? ` (near line ${line})` : ''}.`,
      (err as Error).message.slice(0, 200),
      line ? { line } : {},
    );
  }
  if (!head) throw fileError('empty', 'The CSV is empty.', 'empty');
  const header = head.map((h) => h.trim().toLowerCase());
  const missing = columns.required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw fileError(
      'missing_columns',
      `The CSV lacks the column(s): ${missing.join(', ')}.`,
      columns.expected,
      {
        columns: missing,
      },
    );
  }
  return { header, records };
}
