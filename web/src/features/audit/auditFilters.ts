import type { TFunction } from 'i18next';
import { isAuditAction, isAuditEntityType } from '../../../../shared/audit.ts';
import type { Query } from '../../lib/api.ts';
import { dayjs, getCenterTimeZone } from '../../lib/time.ts';

/** The audit page's filters as they live in its address (`?action=…&from_date=2026-11-01`). */
export type AuditFilterState = {
  action?: string;
  entity_type?: string;
  entity_id?: string;
  actor_id?: number;
  /** Local dates in the center's zone, both days included. */
  from_date?: string;
  to_date?: string;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function filterStateFromParams(params: URLSearchParams): AuditFilterState {
  // What the API would refuse (over 100 characters) is left out rather than shown as an error.
  const text = (key: string) => {
    const v = params.get(key)?.trim();
    return v && v.length <= 100 ? v : undefined;
  };
  const date = (key: string) => {
    const v = text(key);
    return v && DATE.test(v) && dayjs(v).format('YYYY-MM-DD') === v ? v : undefined;
  };
  const actor = text('actor_id');
  // A period needs both ends, as the picker shows it; half of one is left out.
  const from = date('from_date');
  const to = date('to_date');
  const period = from && to && from <= to;
  return {
    action: text('action'),
    entity_type: text('entity_type'),
    entity_id: text('entity_id'),
    actor_id: actor && /^[1-9]\d{0,9}$/.test(actor) ? Number(actor) : undefined,
    from_date: period ? from : undefined,
    to_date: period ? to : undefined,
  };
}

export function filterStateToParams(state: AuditFilterState): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params;
}

/** The API's query: the picked days as instants, [first day 00:00, the day after the last 00:00) in the center. */
export function toApiQuery(state: AuditFilterState): Query {
  const zone = getCenterTimeZone();
  const { from_date, to_date, ...rest } = state;
  return {
    ...rest,
    from: from_date ? dayjs.tz(from_date, zone).format() : undefined,
    // The next calendar date, then its midnight in the zone (adding a day to the instant would keep
    // the offset of the last day, an hour off across a change of summer time).
    to: to_date ? dayjs.tz(dayjs(to_date).add(1, 'day').format('YYYY-MM-DD'), zone).format() : undefined,
  };
}

/** An action's name in the user's language; a code this version does not know stays as it is. */
export const actionLabel = (t: TFunction, code: string): string =>
  isAuditAction(code) ? t(`audit.actions.${code}`) : code;

export const entityLabel = (t: TFunction, type: string): string =>
  isAuditEntityType(type) ? t(`audit.entities.${type}`) : type;

/** The page that shows an entry's record, where there is one. */
export function recordPath(type: string, id: string | null): string | null {
  if (!id || !/^\d+$/.test(id)) return null;
  switch (type) {
    case 'evaluation':
      return `/evaluations/${id}`;
    case 'interaction':
      return `/interactions/${id}`;
    case 'interaction_import':
      return `/imports?id=${id}`;
    case 'form':
      return `/scorecards/${id}`;
    case 'sampling_plan':
      return `/sampling/plans/${id}`;
    default:
      return null;
  }
}
