import { sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import { type TRunSummary, type TSamplingRun, ZRunSummary } from '../../../../shared/schemas/sampling.ts';
import { type AuditContext, type AuditEvent, auditInsert } from '../audit/audit.service.ts';

type RunRow = Omit<TSamplingRun, 'started_at' | 'finished_at' | 'summary'> & {
  started_at: Date | string;
  finished_at: Date | string | null;
  summary: unknown;
};

const SELECT_RUN = sql`
  select r.id, r.date::text as date, r.plan_id, r.plan_version, r.trigger, r.requested_by,
    u.display_name as requested_by_name, r.started_at, r.finished_at, r.status, r.created, r.overflow,
    r.summary, r.error
  from sampling_runs r left join users u on u.id = r.requested_by`;

function present(row: RunRow): TSamplingRun {
  const parsed = row.summary === null ? null : ZRunSummary.safeParse(row.summary);
  const summary: TRunSummary | null = parsed?.success ? parsed.data : null;
  return {
    ...row,
    started_at: new Date(row.started_at).toISOString(),
    finished_at: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
    summary,
  };
}

export async function findRun(db: DbOrTx, id: number): Promise<TSamplingRun | null> {
  const rows = await queryRows<RunRow>(db, sql`${SELECT_RUN} where r.id = ${id}`);
  return rows[0] ? present(rows[0]) : null;
}

/**
 * Marks a run done with its counts and summary, and writes its audit entry in the same statement;
 * answers the run as the API shows it.
 */
export async function finishRun(
  tx: DbOrTx,
  id: number,
  summary: TRunSummary,
  audit: AuditEvent,
  ctx: AuditContext,
): Promise<TSamplingRun> {
  const { statement } = auditInsert(ctx, [audit]);
  const [row] = await queryRows<RunRow>(
    tx,
    sql`with r as (
          update sampling_runs set status = 'done', finished_at = now(), created = ${summary.created},
            overflow = ${summary.overflow}, summary = ${JSON.stringify(summary)}::jsonb
          where id = ${id}
          returning *)${statement ? sql`, audited as (${statement})` : sql``}
        select r.id, r.date::text as date, r.plan_id, r.plan_version, r.trigger, r.requested_by,
          u.display_name as requested_by_name, r.started_at, r.finished_at, r.status, r.created, r.overflow,
          r.summary, r.error
        from r left join users u on u.id = r.requested_by`,
  );
  if (!row) throw new Error(`run ${id} vanished`);
  return present(row);
}

/** Run history, newest first, optionally for a range of sampled days. */
export async function listRuns(
  db: Db,
  actor: Actor,
  query: { from?: string; to?: string; limit: number; cursor?: string },
): Promise<{ items: TSamplingRun[]; total: number; next_cursor: string | null }> {
  authorize(actor, 'sampling.runs.list');
  const where = sql`${query.from ? sql`r.date >= ${query.from}::date` : sql`true`}
    and ${query.to ? sql`r.date <= ${query.to}::date` : sql`true`}`;
  const page = keyset({ expr: sql`r.id`, type: 'int' }, sql`r.id`, 'desc', query.cursor);
  const rows = await queryRows<RunRow>(
    db,
    sql`${SELECT_RUN} where ${where} and ${page.after} order by ${page.orderBy} limit ${query.limit + 1}`,
  );
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from sampling_runs r where ${where}`,
  );
  const p = pageOf(rows, query.limit, (r) => encodeCursor(r.id, r.id));
  return { items: p.items.map(present), total: count?.n ?? 0, next_cursor: p.next_cursor };
}
