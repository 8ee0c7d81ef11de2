import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isMonthText } from '../../../../shared/schemas/compliance.ts';

/** The page's month kept in the address (`?month=YYYY-MM`), so a view can be bookmarked and shared. */
export function useMonthParam(fallback: () => string): [string, (month: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('month');
  const month = raw !== null && isMonthText(raw) ? raw : fallback();
  const set = useCallback(
    (next: string) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          p.set('month', next);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [month, set];
}
