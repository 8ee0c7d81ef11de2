/**
 * The CSV reader of the interaction import: RFC 4180 records with the file's line numbers, read
 * chunk by chunk (never more than one record plus one chunk in memory).
 *
 * Written for the import rather than taken from csv-parse, whose per-character state machine, per
 * record info objects and async iteration cost about 8 µs a row, the largest share of the import's
 * time in Node (docs/benchmarks.md). Here unquoted cells are read with a tight char-code loop and
 * quoted cells (transcripts) jump from quote to quote with indexOf.
 *
 * What it does with files as people make them:
 * - a record is a line, or several when a quoted cell holds line breaks (LF, CRLF or CR);
 * - row numbers are the file's line numbers (header = 1) of the record's first line; LF, CRLF and a
 *   lone CR each end one line;
 * - empty lines are skipped (but counted); a UTF-8 byte order mark is dropped;
 * - a quote in the middle of a bare cell, or text after a closing quote, makes that one record a
 *   `bad_csv` rejection (read to the end of its line, so the next records are not disturbed);
 * - a quote never closed makes the rest of the file one cell: one `bad_csv` rejection on the line
 *   where it opens;
 * - a record of more than `maxRecordChars` stops the import (a 400 `record_too_long` file error), instead of holding it.
 */
import { fileError } from '../../http/file-error.ts';

export type CsvRejection = { code: string; reason: string };
/** A record's cells, or why it cannot be read; `row` is the line it starts on. */
export type CsvRecord = { row: number; cells: string[] } | { row: number; error: CsvRejection };

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/** Lines longer than this stop a CSV import (a guard for memory, far above any real transcript). */
export const MAX_CSV_RECORD_CHARS = 64 * 1024 * 1024;

const OUT_OF_PLACE: CsvRejection = {
  code: 'bad_csv',
  reason:
    'a quote (") is out of place on this line: quote whole cells ("like, this") and double quotes inside them ("")',
};

/** Line breaks (LF, CRLF or a lone CR) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

type Scanned =
  | { kind: 'record'; cells: string[]; end: number; lines: number; bad: boolean; empty: boolean }
  | { kind: 'unclosed' }
  | { kind: 'more' };

const MORE: Scanned = { kind: 'more' };
const UNCLOSED: Scanned = { kind: 'unclosed' };

/**
 * Reads one record of `text` from `start`. `final`: no more text will come (the end of the text
 * ends the record); otherwise a record that reaches the end of the text answers `more`.
 * `lines` counts the line breaks the record spans, its own end included.
 */
function scanRecord(text: string, start: number, final: boolean): Scanned {
  const length = text.length;
  const cells: string[] = [];
  let bad = false;
  let pos = start;
  let lines = 0;
  for (;;) {
    // One cell from pos.
    if (pos < length && text.charCodeAt(pos) === QUOTE) {
      // Find the closing quote (a doubled quote is one quote of the text), counting line breaks on
      // the way, then take the text at once.
      const open = pos + 1;
      let doubled = false;
      let p = open;
      for (;;) {
        for (; p < length; p++) {
          const c = text.charCodeAt(p);
          if (c === QUOTE) break;
          if (c === LF) lines++;
          else if (c === CR && text.charCodeAt(p + 1) !== LF) lines++;
        }
        if (p >= length) return final ? UNCLOSED : MORE;
        if (p + 1 >= length && !final) return MORE; // a doubled quote may follow
        if (text.charCodeAt(p + 1) !== QUOTE) break;
        doubled = true;
        p += 2;
      }
      let value = doubled ? text.slice(open, p).replaceAll('""', '"') : text.slice(open, p);
      pos = p + 1;
      const next = pos < length ? text.charCodeAt(pos) : -1;
      if (next !== COMMA && next !== LF && next !== CR && next !== -1) {
        // Text after the closing quote: the record is bad; read on to the end of the cell.
        bad = true;
        let p = pos;
        for (; p < length; p++) {
          const c = text.charCodeAt(p);
          if (c === COMMA || c === LF || c === CR) break;
        }
        if (p >= length && !final) return MORE;
        value += text.slice(pos, p);
        pos = p;
      }
      cells.push(value);
    } else {
      let p = pos;
      for (; p < length; p++) {
        const c = text.charCodeAt(p);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE) bad = true;
      }
      if (p >= length && !final) return MORE;
      cells.push(text.slice(pos, p));
      pos = p;
    }
    // After a cell: a comma starts the next one; a line break or the end of the text ends the record.
    if (pos >= length) {
      return { kind: 'record', cells, end: pos, lines, bad, empty: pos === start };
    }
    const c = text.charCodeAt(pos);
    if (c === COMMA) {
      pos++;
      continue;
    }
    if (c === CR) {
      if (pos + 1 >= length && !final) return MORE; // an LF may follow
      const end = text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
      return { kind: 'record', cells, end, lines: lines + 1, bad, empty: pos === start };
    }
    return { kind: 'record', cells, end: pos + 1, lines: lines + 1, bad, empty: pos === start };
  }
}

/**
 * Feed it text with `push` (any chunking), then call `end`; each answers the records completed.
 */
export class CsvScanner {
  private text = '';
  private line = 1;
  private started = false;
  /** Do not scan the pending text again before it is this long (a long record grows geometrically). */
  private rescanAt = 0;

  constructor(private readonly maxRecordChars = MAX_CSV_RECORD_CHARS) {}

  push(chunk: string): CsvRecord[] {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.text = this.text.length === 0 ? chunk : this.text + chunk;
    if (this.text.length < this.rescanAt) return [];
    return this.scan(false);
  }

  end(): CsvRecord[] {
    return this.scan(true);
  }

  private scan(final: boolean): CsvRecord[] {
    const text = this.text;
    const out: CsvRecord[] = [];
    let pos = 0;
    while (pos < text.length) {
      const scanned = scanRecord(text, pos, final);
      if (scanned.kind === 'more') {
        const pending = text.length - pos;
        if (pending > this.maxRecordChars) {
          const limitMb = Math.round(this.maxRecordChars / 1024 / 1024);
          throw fileError(
            'record_too_long',
            `A record starting on line ${this.line} is longer than ${limitMb} MB; the import stopped there.`,
            'a quoted cell may be missing its closing quote',
            { line: this.line, limit_mb: limitMb },
          );
        }
        this.rescanAt = Math.min(pending * 2, this.maxRecordChars + 1);
        break;
      }
      if (scanned.kind === 'unclosed') {
        const last = this.line + lineBreaks(text, pos, text.length) - (/[\r\n]$/.test(text) ? 1 : 0);
        out.push({
          row: this.line,
          error: {
            code: 'bad_csv',
            reason: `a quote (") opened on this line is never closed, so the rest of the file (to line ${last}) was read as one cell`,
          },
        });
        this.line = last + 1;
        pos = text.length;
        break;
      }
      if (!scanned.empty) {
        out.push(
          scanned.bad ? { row: this.line, error: OUT_OF_PLACE } : { row: this.line, cells: scanned.cells },
        );
      }
      this.line += scanned.lines;
      pos = scanned.end;
    }
    if (pos >= text.length) {
      this.text = '';
      this.rescanAt = 0;
    } else if (pos > 0) {
      this.text = text.slice(pos);
    }
    return out;
  }
}
