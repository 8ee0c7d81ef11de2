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
 * A page's filters from the address, and a setter writing them back (replacing the history entry)
 * together with the page's own keys.
 */
export function useAssignmentFilters(): {
  filters: AssignmentUrlFilters;
  params: URLSearchParams;
  write: (filters: AssignmentUrlFilters, own?: Record<string, string | undefined>) => void;
} {
  const [params, setParams] = useSearchParams();
  const filters = parseAssignmentFilters(params);
  const write = useCallback(
    (next: AssignmentUrlFilters, own: Record<string, string | undefined> = {}) =>
      setParams(assignmentSearch(next, own), { replace: true }),
    [setParams],
  );
  return { filters, params, write };
}
