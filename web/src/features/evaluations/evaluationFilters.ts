import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isCalendarDate } from '../../../../shared/time.ts';
import { EVALUATION_METHODS, EVALUATION_STATUSES } from '../../../../shared/workflow.ts';
import { withQuery } from '../../lib/api.ts';
import type { TUser } from '../../../../shared/schemas/user.ts';
import type { EvaluationFilters } from './api.ts';

/**
 * The evaluations list's filters, kept in the address so a list can be linked (the compliance
 * board's day of a CSR) and shared. `mine` is not among them: the CSR's own list is its own page.
 */
export type EvaluationUrlFilters = Omit<EvaluationFilters, 'mine'>;

const ID_KEYS = ['agent_id', 'evaluator_id', 'team_id'] as const;
const BOOL_KEYS = ['fatal', 'passed', 'overdue'] as const;
const KEY_ORDER = [
  ...ID_KEYS,
  'status',
  'drafts',
  'method',
  ...BOOL_KEYS,
  'from',
  'to',
] as const satisfies readonly (keyof EvaluationUrlFilters)[];

const positiveId = (v: string | null): number | undefined => {
  if (v === null || !/^[1-9][0-9]*$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
};
const bool = (v: string | null): boolean | undefined =>
  v === 'true' ? true : v === 'false' ? false : undefined;
const localDate = (v: string | null): string | undefined => (v && isCalendarDate(v) ? v : undefined);

/** Reads the filters from a query string; values the API would refuse are dropped. */
export function parseEvaluationFilters(params: URLSearchParams): EvaluationUrlFilters {
  const f: EvaluationUrlFilters = {};
  for (const key of ID_KEYS) {
    const id = positiveId(params.get(key));
    if (id !== undefined) f[key] = id;
  }
  for (const key of BOOL_KEYS) {
    const b = bool(params.get(key));
    if (b !== undefined) f[key] = b;
  }
  const status = EVALUATION_STATUSES.find((s) => s === params.get('status'));
  if (status) f.status = status;
  // Only "leave drafts out" is a filter; listing them is the default.
  if (params.get('drafts') === 'false' && status === undefined) f.drafts = false;
  const method = EVALUATION_METHODS.find((m) => m === params.get('method'));
  if (method) f.method = method;
  const from = localDate(params.get('from'));
  const to = localDate(params.get('to'));
  if (!(from && to && from > to)) {
    if (from) f.from = from;
    if (to) f.to = to;
  }
  return f;
}

/** The query string of a set of filters, in a fixed order (unset ones left out). */
export function evaluationSearch(filters: EvaluationUrlFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of KEY_ORDER) {
    const v = filters[key];
    if (v !== undefined) p.set(key, String(v));
  }
  return p;
}

/**
 * A link to the evaluations list showing one CSR's checks of a period of local dates (center time
 * zone; one day when `to` is left out), as the compliance board counts them: drafts left out.
 */
export function evaluationChecksLink(agentId: number, from: string, to: string = from): string {
  return evaluationListLink({ agent_id: agentId, drafts: false, from, to });
}

/**
 * A link to an evaluations list (`/evaluations`, or the CSR's own `/my-evaluations`) opened with
 * these filters, so it shows exactly what a count made with the same filters counted (the home
 * page's cards link their "all" this way).
 */
export function evaluationListLink(
  filters: EvaluationUrlFilters,
  path: '/evaluations' | '/my-evaluations' = '/evaluations',
): string {
  return withQuery(path, Object.fromEntries(evaluationSearch(filters)));
}

/** A change of the list's filters: the keys it names (undefined clears one); the others stay. */
export type EvaluationFilterPatch = Partial<EvaluationUrlFilters>;

/**
 * The filters after a change, built on `latest`, the filters in the address at the moment of the
 * change (not those of the last render: two quick changes both stay). `clear` starts from none;
 * a `null` patch clears every filter.
 */
export function patchEvaluationFilters(
  latest: EvaluationUrlFilters,
  patch: EvaluationFilterPatch | null,
  clear = false,
): EvaluationUrlFilters {
  if (patch === null) return {};
  const next: EvaluationUrlFilters = { ...(clear ? {} : latest), ...patch };
  // A status makes "leave drafts out" moot (the address would drop it anyway), and the reverse.
  if ('status' in patch && patch.status !== undefined) delete next.drafts;
  if ('drafts' in patch && patch.drafts === false) delete next.status;
  return parseEvaluationFilters(evaluationSearch(next));
}

/**
 * The list's filters from the address, and `change`, which applies a patch of filters to the
 * address as it is now, not as last rendered: picking a CSR and then a method before the page
 * re-rendered keeps both (as the work-queue pages do, assignmentFilters.ts). The entry is replaced.
 */
export function useEvaluationFilters(): [
  EvaluationUrlFilters,
  (patch: EvaluationFilterPatch | null, options?: { clear?: boolean }) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters = parseEvaluationFilters(params);
  const change = useCallback(
    (patch: EvaluationFilterPatch | null, options: { clear?: boolean } = {}) => {
      const latest = parseEvaluationFilters(new URLSearchParams(window.location.search));
      setParams(evaluationSearch(patchEvaluationFilters(latest, patch, options.clear)), { replace: true });
    },
    [setParams],
  );
  return [filters, change];
}

/**
 * The options of a people filter: active people first, then the deactivated ones marked as such
 * (`inactive(name)`, after the name), each group in the order given. A deactivated CSR's evaluations stay in the
 * list, so a link to them (the compliance board, a bookmark) shows a name, and they can be found.
 */
export function personOptions(
  users: readonly Pick<TUser, 'id' | 'display_name' | 'username' | 'active'>[],
  inactive: (name: string) => string,
): { value: number; label: string }[] {
  // The mark follows the name, before the username: a narrow select still shows it.
  const label = (u: Pick<TUser, 'display_name' | 'username' | 'active'>) =>
    `${u.active ? u.display_name : inactive(u.display_name)} (${u.username})`;
  return [
    ...users.filter((u) => u.active).map((u) => ({ value: u.id, label: label(u) })),
    ...users.filter((u) => !u.active).map((u) => ({ value: u.id, label: label(u) })),
  ];
}
