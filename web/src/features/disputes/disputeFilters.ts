import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isMonthText } from '../../../../shared/schemas/compliance.ts';
import { DISPUTE_OUTCOMES, type TDisputeOutcome } from '../../../../shared/schemas/evaluation.ts';
import { DISPUTE_STATUSES, type DisputeStatus } from '../../../../shared/workflow.ts';
import { withQuery } from '../../lib/api.ts';

export type DisputeShow = 'open' | 'closed' | 'all';

/**
 * The disputes page's filters, kept in the address so a view can be shared: `show`
 * (open/closed/all), and the inspector-accuracy drill-down's `evaluator_id`, `month` and `outcome`
 * (B15–B16), which the API applies with the accuracy report's own definitions, and `status` (the
 * stage, e.g. waiting for the team leader, as the home page's cards count them).
 */
export type DisputeFilters = {
  show: DisputeShow;
  evaluator_id?: number;
  month?: string;
  outcome?: TDisputeOutcome;
  status?: DisputeStatus;
};

const SHOWS: readonly DisputeShow[] = ['open', 'closed', 'all'];

/** Reads the filters from a query string; values the API would refuse are dropped. */
export function parseDisputeFilters(params: URLSearchParams): DisputeFilters {
  const show = params.get('show');
  const evaluator = Number(params.get('evaluator_id') ?? '');
  const month = params.get('month') ?? '';
  const outcome = params.get('outcome') ?? '';
  const status = params.get('status') ?? '';
  return {
    show: SHOWS.find((s) => s === show) ?? 'open',
    evaluator_id: Number.isInteger(evaluator) && evaluator > 0 ? evaluator : undefined,
    month: isMonthText(month) ? month : undefined,
    outcome: DISPUTE_OUTCOMES.find((o) => o === outcome),
    status: DISPUTE_STATUSES.find((s) => s === status),
  };
}

/** The query string of a set of filters (`show=open`, the default, left out). */
export function disputeFilterQuery(filters: DisputeFilters): Record<string, string | number | undefined> {
  return {
    show: filters.show === 'open' ? undefined : filters.show,
    evaluator_id: filters.evaluator_id,
    month: filters.month,
    outcome: filters.outcome,
    status: filters.status,
  };
}

/** A link to the disputes page showing exactly these disputes (open and closed unless `show` says). */
export function disputesLink(filters: Omit<DisputeFilters, 'show'> & { show?: DisputeShow }): string {
  return withQuery('/disputes', disputeFilterQuery({ show: 'all', ...filters }));
}

/** The page's filters and a setter that writes them to the address. */
export function useDisputeFilters(): [DisputeFilters, (next: DisputeFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = parseDisputeFilters(params);
  const set = useCallback(
    (next: DisputeFilters) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(disputeFilterQuery(next))) if (v !== undefined) p.set(k, String(v));
      setParams(p, { replace: true });
    },
    [setParams],
  );
  return [filters, set];
}
