import { localDayRange } from '../../../../shared/time.ts';

/** Days before today whose shift pattern estimates the shift days still to come without a roster. */
export const ESTIMATE_WINDOW_DAYS = 28;

/** First and last local date of a month YYYY-MM. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, '0')}` };
}

/** A calendar date moved by `days` (YYYY-MM-DD in, YYYY-MM-DD out). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** A PostgreSQL array literal of plain values (dates, instants, integers: nothing to quote). */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.join(',')}}`;
}

/**
 * The local days the board looks at, with their [start, end) instants in the center's zone: the
 * month, plus the estimate window before today when the month still has days to come.
 */
export type DaySet = { dates: string; starts: string; ends: string; count: number };

export function daySet(dates: readonly string[], timeZone: string): DaySet {
  const sorted = [...new Set(dates)].sort();
  const ranges = sorted.map((d) => localDayRange(d, timeZone));
  return {
    dates: pgArray(sorted),
    starts: pgArray(ranges.map((r) => r.start.toISOString())),
    ends: pgArray(ranges.map((r) => r.end.toISOString())),
    count: sorted.length,
  };
}
