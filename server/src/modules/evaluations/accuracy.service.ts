import { type SQL, sql } from 'drizzle-orm';
import type { TDisputeOutcome } from '../../../../shared/schemas/evaluation.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';

export type AccuracyRow = {
  evaluator_id: number;
  evaluator_name: string;
  evaluations: number;
  disputed: number;
  overturned: number;
  inspector_errors: number;
  error_rate: number;
};

/** First and last day of a month given as YYYY-MM. */
export function monthRange(month: string): { first: string; last: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(m?.[1]);
  const mon = Number(m?.[2]);
  if (!m || mon < 1 || mon > 12) {
    throw new AppError('validation_failed', 'month must be YYYY-MM.', [
      { path: ['month'], message: 'YYYY-MM' },
    ]);
  }
  const lastDay = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, '0')}` };
}

/**
 * The evaluations (alias `e`) a month's accuracy figures count: submitted ones whose center-local
 * date falls in the month. The disputes list's `month` filter uses the same predicate, so its
 * drill-down lists exactly the disputes behind each figure.
 */
export function accuracyMonthWhere(month: string): SQL {
  const { first, last } = monthRange(month);
  return sql`e.status <> 'draft' and e.local_date between ${first}::date and ${last}::date`;
}

/** Which disputes (alias `d`) count as overturned or as inspector errors; shared with the disputes list. */
export const DISPUTE_OUTCOME_WHERE: Readonly<Record<TDisputeOutcome, SQL>> = {
  overturned: sql`d.status = 'corrected'`,
  inspector_error: sql`d.inspector_error`,
};

/**
 * Inspector accuracy for a month (B15–B16): submitted evaluations counted by their local date,
 * how many were disputed, overturned (corrected by the QA lead) and judged inspector errors.
 */
export async function inspectorAccuracy(db: Db, actor: Actor, month: string): Promise<AccuracyRow[]> {
  authorize(actor, 'accuracy.read');
  const counted = accuracyMonthWhere(month);
  const rows = await queryRows<Omit<AccuracyRow, 'error_rate'>>(
    db,
    sql`select e.evaluator_id, u.display_name as evaluator_name,
          count(*)::int as evaluations,
          count(*) filter (where exists (select 1 from disputes d where d.evaluation_id = e.id))::int as disputed,
          count(*) filter (where exists (select 1 from disputes d where d.evaluation_id = e.id and ${DISPUTE_OUTCOME_WHERE.overturned}))::int as overturned,
          count(*) filter (where exists (select 1 from disputes d where d.evaluation_id = e.id and ${DISPUTE_OUTCOME_WHERE.inspector_error}))::int as inspector_errors
        from evaluations e join users u on u.id = e.evaluator_id
        where ${counted}
        group by e.evaluator_id, u.display_name order by u.display_name`,
  );
  return rows.map((r) => ({
    ...r,
    error_rate: r.evaluations === 0 ? 0 : r.inspector_errors / r.evaluations,
  }));
}
