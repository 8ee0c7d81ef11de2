import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isCalendarDate } from '../../../../shared/time.ts';
import { isMonth } from '../../../../shared/schemas/reports.ts';
import { dayjs, getCenterTimeZone } from '../../lib/time.ts';

/** Today as a local date in the center's zone. */
export const centerToday = (): string => dayjs().tz(getCenterTimeZone()).format('YYYY-MM-DD');

/** This month in the center's zone. */
export const centerMonth = (): string => centerToday().slice(0, 7);

/**
 * One report parameter kept in the address (so a report can be bookmarked and shared), with a
 * default when it is missing or not valid.
 */
export function useReportParam(
  name: string,
  fallback: () => string,
  valid: (value: string) => boolean,
): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get(name);
  const value = raw !== null && valid(raw) ? raw : fallback();
  const set = useCallback(
    (next: string) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          p.set(name, next);
          return p;
        },
        { replace: true },
      ),
    [name, setParams],
  );
  return [value, set];
}

/** Sets several report parameters at once (one history entry). */
export function useSetReportParams(): (values: Record<string, string>) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (values) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(values)) p.set(k, v);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
}

/** Yesterday in the center's zone: the last complete day, the bulletin's default. */
export const centerYesterday = (): string =>
  dayjs.tz(centerToday(), getCenterTimeZone()).subtract(1, 'day').format('YYYY-MM-DD');

export const useDateParam = () => useReportParam('date', centerYesterday, isCalendarDate);
export const useMonthParam = () => useReportParam('month', centerMonth, isMonth);
