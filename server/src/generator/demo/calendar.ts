import { zoneOffsetMs } from '../../../../shared/time.ts';
import type { Rng } from '../random.ts';

/**
 * Wall-clock times in the center's time zone for the demo's story: people work in working hours,
 * CSRs on their shift, so what they did carries believable timestamps (no dispute at 3 a.m.).
 */

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** A span of local hours, e.g. [9, 18] for 09:00–18:00. */
export type Hours = readonly [number, number];

/** Office hours of inspectors, the QA lead, team leaders and staff (lunch 12:00–13:30 left out). */
export const OFFICE_HOURS: Hours = [9, 18];
export const SHIFT_HOURS = { early: [8, 17], late: [13, 22] } as const satisfies Record<string, Hours>;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export class Calendar {
  /** The zone's offset by hour of UTC time (Intl is slow; the demo asks for thousands of moments). */
  private readonly offsets = new Map<number, number>();

  constructor(
    readonly timezone: string,
    readonly now: Date,
  ) {}

  private offsetAt(instant: number): number {
    const hour = Math.floor(instant / 3_600_000);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = zoneOffsetMs(hour * 3_600_000, this.timezone);
      this.offsets.set(hour, offset);
    }
    return offset;
  }

  get today(): string {
    return this.dateOf(this.now);
  }

  dateOf(instant: Date | number): string {
    const ms = new Date(instant).getTime();
    return new Date(ms + this.offsetAt(ms)).toISOString().slice(0, 10);
  }

  /** The instant the center's clocks show `date` at `hours` (fractional hours allowed). */
  at(date: string, hours: number): Date {
    const wall = Date.parse(`${date}T00:00:00Z`) + Math.round(hours * 3600) * 1000;
    // The wall time read as UTC, less the offset there (twice, for a moment near a DST change).
    const first = wall - this.offsetAt(wall);
    return new Date(wall - this.offsetAt(first));
  }

  /** The local hour of day (fractional) of an instant. */
  hourOf(instant: Date | number): number {
    const ms = new Date(instant).getTime();
    return ((((ms + this.offsetAt(ms)) % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000;
  }

  /** A random moment of `date` within `hours`, skipping the lunch break for office hours. */
  moment(rng: Rng, date: string, hours: Hours = OFFICE_HOURS): Date {
    let h = rng.float(hours[0], hours[1]);
    if (hours === OFFICE_HOURS && h >= 12 && h < 13.5)
      h = rng.chance(0.5) ? rng.float(10, 12) : rng.float(13.5, 17.5);
    return this.at(date, h);
  }

  /**
   * The first moment at or after `after` that falls within `hours` (on `workdays` when given, a test of
   * the local date): the same day if still inside the span, else a random moment early in the next
   * working span. Null when that moment is later than now (it has not happened yet).
   */
  nextWithin(
    rng: Rng,
    after: Date | number,
    hours: Hours,
    workdays: (date: string) => boolean = () => true,
  ): Date | null {
    const ms = new Date(after).getTime();
    let date = this.dateOf(ms);
    const hour = this.hourOf(ms);
    let result: Date;
    if (workdays(date) && hour >= hours[0] && hour < hours[1] - 0.1) result = new Date(ms);
    else {
      if (hour >= hours[0]) date = addDays(date, 1);
      for (let i = 0; i < 14 && !workdays(date); i++) date = addDays(date, 1);
      result = this.at(date, hours[0] + rng.float(0, Math.min(2, hours[1] - hours[0])));
    }
    return result.getTime() <= this.now.getTime() ? result : null;
  }

  /** `nextWithin` after a random delay of `minDays`–`maxDays`. */
  later(
    rng: Rng,
    after: Date | number,
    minDays: number,
    maxDays: number,
    hours: Hours,
    workdays?: (date: string) => boolean,
  ): Date | null {
    return this.nextWithin(
      rng,
      new Date(after).getTime() + rng.float(minDays, maxDays) * DAY_MS,
      hours,
      workdays,
    );
  }
}
