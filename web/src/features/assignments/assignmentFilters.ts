import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { ASSIGNMENT_STRATEGIES } from '../../../../shared/schemas/assignments.ts';
import { isCalendarDate } from '../../../../shared/time.ts';
import type { AssignmentFilters } from './api.ts';

/**
 * The filters of the work-queue pages that live in the address, so a filtered queue can be shared
 * as a link: the CSR, the queue, the contact dates and (on the QA lead's page) the inspector, the
 * team and the strategy. The tab or view each page keeps beside them is its own business.
 */
export type AssignmentUrlFilters = Pick<
  AssignmentFilters,
  'assignee_id' | 'agent_id' | 'team_id' | 'queue_id' | 'strategy' | 'from' | 'to'
>;

const ID_KEYS = ['assignee_id', 'agent_id', 'team_id', 'queue_id'] as const;

const positiveId = (v: string | null): number | undefined => {
  if (v === null || !/^[1-9][0-9]*$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
};
const localDate = (v: string | null): string | undefined => (v && isCalendarDate(v) ? v : undefined);

/** Reads the filters from a query string; values the API would refuse are dropped. */
export function parseAssignmentFilters(params: URLSearchParams): AssignmentUrlFilters {
  const filters: AssignmentUrlFilters = {};
  for (const key of ID_KEYS) {
    const id = positiveId(params.get(key));
    if (id !== undefined) filters[key] = id;
  }
  const strategy = ASSIGNMENT_STRATEGIES.find((s) => s === params.get('strategy'));
  if (strategy) filters.strategy = strategy;
  const from = localDate(params.get('from'));
  const to = localDate(params.get('to'));
  // A period is both ends in order (the date picker shows nothing else; the API refuses from > to).
  if (from && to && from <= to) Object.assign(filters, { from, to });
  return filters;
}

/**
 * The query string of a page: its filters, then its own keys (`tab`, `view`; undefined ones are
 * left out), in a fixed order so equal views give equal links.
 */
export function assignmentSearch(
  filters: AssignmentUrlFilters,
  own: Record<string, string | undefined> = {},
): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(own)) if (v !== undefined) p.set(k, v);
  for (const key of [...ID_KEYS, 'strategy', 'from', 'to'] as const) {
    const v = filters[key];
    if (v !== undefined) p.set(key, String(v));
  }
  return p;
}

/** True when any filter is set (the pages offer to clear them). */
export const hasAssignmentFilters = (filters: AssignmentUrlFilters): boolean =>
  Object.values(filters).some((v) => v !== undefined);

/**
 * A page's filters from the address (only `filterKeys`, those the page shows), and `change`, which
 * applies a patch of filters and of the page's own keys (`ownKeys`: tab, view) to the address as
 * it is now, not as last rendered: two quick changes (a view, then a filter) both stay. Other keys
 * (`completed`) are dropped; `null` clears every filter. The history entry is replaced.
 */
export function useAssignmentFilters<K extends keyof AssignmentUrlFilters>(
  filterKeys: readonly K[],
  ownKeys: readonly string[],
): {
  filters: Pick<AssignmentUrlFilters, K>;
  params: URLSearchParams;
  change: (
    patch: Partial<Pick<AssignmentUrlFilters, K>> | null,
    own?: Record<string, string | undefined>,
  ) => void;
} {
  const [params, setParams] = useSearchParams();
  const pick = (all: AssignmentUrlFilters): Pick<AssignmentUrlFilters, K> => {
    const out: AssignmentUrlFilters = {};
    for (const k of filterKeys) if (all[k] !== undefined) Object.assign(out, { [k]: all[k] });
    return out;
  };
  const filters = pick(parseAssignmentFilters(params));
  const change = useCallback(
    (patch: Partial<Pick<AssignmentUrlFilters, K>> | null, own: Record<string, string | undefined> = {}) => {
      const now = new URLSearchParams(window.location.search);
      const current: AssignmentUrlFilters = {};
      const parsed = parseAssignmentFilters(now);
      for (const k of filterKeys) if (parsed[k] !== undefined) Object.assign(current, { [k]: parsed[k] });
      const next = patch === null ? {} : { ...current, ...patch };
      const keep = Object.fromEntries(ownKeys.map((k) => [k, now.get(k) ?? undefined]));
      setParams(assignmentSearch(next, { ...keep, ...own }), { replace: true });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key lists are constants of the page
    [setParams],
  );
  return { filters, params, change };
}
