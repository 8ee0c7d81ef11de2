/**
 * Report periods (flow chart, clause 6): a month, and its three 10-day parts (旬): days 1–10,
 * 11–20 and 21 to the end of the month. Dates are center-local calendar dates (YYYY-MM-DD); pure
 * string and UTC-calendar arithmetic, so the server and the browser agree.
 */
export type TenDayPart = 1 | 2 | 3;
export type DateRange = { from: string; to: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parseMonth(month: string): { year: number; mon: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(m?.[1]);
  const mon = Number(m?.[2]);
  if (!m || mon < 1 || mon > 12) throw new RangeError(`not a month: ${month}`);
  return { year, mon };
}

/** Days in a month (28–31). */
export function daysInMonth(month: string): number {
  const { year, mon } = parseMonth(month);
  return new Date(Date.UTC(year, mon, 0)).getUTCDate();
}

/** First and last (inclusive) day of a month. */
export function monthRange(month: string): DateRange {
  return { from: `${month}-01`, to: `${month}-${pad(daysInMonth(month))}` };
}

/** The month `delta` months away (−1: the previous month). */
export function shiftMonth(month: string, delta: number): string {
  const { year, mon } = parseMonth(month);
  const d = new Date(Date.UTC(year, mon - 1 + delta, 1));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}`;
}

/** The days of a 10-day part: 1–10, 11–20, 21–end of the month. */
export function tenDayRange(month: string, part: TenDayPart): DateRange {
  if (part === 1) return { from: `${month}-01`, to: `${month}-10` };
  if (part === 2) return { from: `${month}-11`, to: `${month}-20` };
  return { from: `${month}-21`, to: monthRange(month).to };
}

/** The 10-day part before this one (part 1 → part 3 of the previous month). */
export function previousTenDay(month: string, part: TenDayPart): { month: string; part: TenDayPart } {
  if (part === 1) return { month: shiftMonth(month, -1), part: 3 };
  return { month, part: (part - 1) as TenDayPart };
}

/** The 10-day part a date falls in. */
export function tenDayPartOf(date: string): TenDayPart {
  const day = Number(date.slice(8, 10));
  return day <= 10 ? 1 : day <= 20 ? 2 : 3;
}

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const start = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const end = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
  for (let t = start; t <= end; t += 86_400_000) {
    const d = new Date(t);
    out.push(`${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
  }
  return out;
}

/** The `count` months ending with `last`, oldest first. */
export function monthsEnding(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(last, i - count + 1));
}
