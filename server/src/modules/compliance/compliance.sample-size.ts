import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import { sampleSizeFor } from '../../../../shared/statistics.ts';
import { previousMonth, type TSampleSize } from '../../../../shared/schemas/compliance.ts';
import { pooledSpread } from './compliance.board.ts';
import { monthBounds } from './compliance.dates.ts';

/** The center's observed spread of a month: pooled within-CSR SD of submitted scores. */
export async function observedSpread(
  db: DbOrTx,
  month: string,
): Promise<{ sd: number | null; agents: number; checks: number }> {
  const { first, last } = monthBounds(month);
  const rows = await queryRows<{ n: number; sd: number | null }>(
    db,
    sql`select count(*)::int as n, stddev_samp(e.score)::float8 as sd
        from evaluations e
        where e.status <> 'draft' and e.local_date between ${first}::date and ${last}::date
        group by e.agent_id`,
  );
  return pooledSpread(rows);
}

/**
 * How many checks give ±margin points at 95% for a CSR with the given spread (or, without one, the
 * center's observed spread of `month`, default the month before today's).
 */
export async function sampleSize(
  db: DbOrTx,
  actor: Actor,
  input: { margin: number; sd?: number; month?: string; today: string },
): Promise<TSampleSize> {
  authorize(actor, 'compliance.read');
  const month = input.month ?? previousMonth(input.today.slice(0, 7));
  const observed = { month, ...(await observedSpread(db, month)) };
  const sd = input.sd ?? observed.sd;
  return {
    margin: input.margin,
    confidence: 0.95,
    sd,
    sd_source: input.sd !== undefined ? 'given' : observed.sd !== null ? 'observed' : 'none',
    observed,
    n: sd === null ? null : sampleSizeFor({ sd, margin: input.margin }),
  };
}
