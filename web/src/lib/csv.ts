import { guardFormula } from '../../../shared/csv-guard.ts';
import { dayjs, getCenterTimeZone } from './time.ts';

/** One column of an export: its header and how to read the cell from a row. */
export type CsvColumn<T> = {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
};

function cell(value: string | number | boolean | null | undefined): string {
  // A cell starting with = + - @ would run as a formula in Excel (CSV injection).
  const text = guardFormula(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Builds CSV text (CRLF lines, RFC 4180 quoting). */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Saves text as a file. CSV gets a UTF-8 byte-order mark so Excel shows Chinese correctly. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const blob = new Blob([type.startsWith('text/csv') ? '\uFEFF' + text : text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Exports rows as `<name>-<YYYYMMDD-HHmm>.csv` (the center's local time). */
export function downloadCsv<T>(name: string, rows: readonly T[], columns: readonly CsvColumn<T>[]): void {
  const stamp = dayjs().tz(getCenterTimeZone()).format('YYYYMMDD-HHmm');
  downloadText(`${name}-${stamp}.csv`, toCsv(rows, columns));
}
