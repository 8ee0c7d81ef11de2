import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../src/db/client.ts';

const TABLES = [
  'users',
  'teams',
  'queues',
  'user_queues',
  'sessions',
  'api_tokens',
  'audit_log',
  'login_failures',
] as const;
export type CountedTable = (typeof TABLES)[number];

/** Row counts of the foundation's tables, to prove that a failed write left nothing behind. */
export async function rowCounts(db: DbOrTx): Promise<Record<CountedTable, number>> {
  const parts = TABLES.map((t) => sql.raw(`(select count(*)::int from ${t}) as ${t}`));
  const [row] = await queryRows<Record<CountedTable, number>>(db, sql`select ${sql.join(parts, sql`, `)}`);
  if (!row) throw new Error('no counts');
  return row;
}

export type AuditRow = {
  id: number;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
};

/** Audit entries newer than `afterId`, oldest first. */
export async function auditSince(db: DbOrTx, afterId: number): Promise<AuditRow[]> {
  return queryRows<AuditRow>(
    db,
    sql`select id::int as id, actor_id, actor_username, action, entity_type, entity_id, before, after
        from audit_log where id > ${afterId} order by id`,
  );
}

/** The id of the newest audit entry (0 on an empty trail). */
export async function lastAuditId(db: DbOrTx): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select coalesce(max(id), 0)::int as id from audit_log`,
  );
  return row?.id ?? 0;
}
