import { type SQL, sql } from 'drizzle-orm';
import { monthRange } from '../../../../shared/reports/periods.ts';
import type { TDisputeOutcome } from '../../../../shared/schemas/evaluation.ts';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { AppError } from '../../errors.ts';

/**
 * The inspector-accuracy figures (B15–B16) in one place: which evaluations count for a period,
 * which disputes count as overturned or as inspector errors, and the per-inspector counts. The
 * accuracy report, the disputes list's drill-down, the QA monthly summary (4.9) and the period
 * reports' inspector table all use these, so their figures agree by construction. Callers authorize.
 */

/** First and last day of a month given as YYYY-MM; a bad month is a 400 on `month`. */
function checkedMonthRange(month: string): { from: string; to: string } {
  try {
    return monthRange(month);
  } catch {
    throw new AppError('validation_failed', 'month must be YYYY-MM.', [
      { path: ['month'], message: 'YYYY-MM' },
    ]);
  }
}

/**
 * The evaluations (alias `e`) a period's figures count: submitted ones whose center-local date
 * falls between `from` and `to` (inclusive).
 */
export function countedEvaluationsWhere(range: { from: string; to: string }): SQL {
  return sql`e.status <> 'draft' and e.local_date between ${range.from}::date and ${range.to}::date`;
}

/**
 * The evaluations (alias `e`) a month's accuracy figures count. The disputes list's `month` filter
 * uses the same predicate, so its drill-down lists exactly the disputes behind each figure.
 */
export function accuracyMonthWhere(month: string): SQL {
  return countedEvaluationsWhere(checkedMonthRange(month));
}

/** Which disputes (alias `d`) count as overturned or as inspector errors; shared with the disputes list. */
export const DISPUTE_OUTCOME_WHERE: Readonly<Record<TDisputeOutcome, SQL>> = {
  overturned: sql`d.status = 'corrected'`,
  inspector_error: sql`d.inspector_error`,
};

export type AccuracyCounts = {
  evaluator_id: number;
  evaluations: number;
  disputed: number;
  overturned: number;
  inspector_errors: number;
};

/**
 * Per inspector, of the evaluations `counted` (a predicate on alias `e`): how many there are, how
 * many were disputed, overturned (corrected by the QA lead) and judged inspector errors. A query
 * to select from or to use as a CTE; its columns are those of AccuracyCounts.
 */
export function accuracyCountsQuery(counted: SQL): SQL {
  return sql`select e.evaluator_id,
      count(*)::int as evaluations,
      count(*) filter (where exists (select 1 from disputes d where d.evaluation_id = e.id))::int as disputed,
      count(*) filter (where exists (select 1 from disputes d where d.evaluation_id = e.id and ${DISPUTE_OUTCOME_WHERE.overturned}))::int as overturned,
      count(*) filter (where exists (select 1 from disputes d where d.evaluation_id = e.id and ${DISPUTE_OUTCOME_WHERE.inspector_error}))::int as inspector_errors
    from evaluations e
    where ${counted}
    group by e.evaluator_id`;
}

/** The counts of accuracyCountsQuery with the inspector's name, by name. */
export function accuracyRows(
  db: DbOrTx,
  counted: SQL,
): Promise<(AccuracyCounts & { evaluator_name: string })[]> {
  return queryRows(
    db,
    sql`select a.*, u.display_name as evaluator_name
        from (${accuracyCountsQuery(counted)}) a join users u on u.id = a.evaluator_id
        order by u.display_name`,
  );
}

/** Inspector errors ÷ evaluations (0–1, unrounded); null without evaluations. */
export function errorRate(counts: { evaluations: number; inspector_errors: number }): number | null {
  return counts.evaluations === 0 ? null : counts.inspector_errors / counts.evaluations;
}
