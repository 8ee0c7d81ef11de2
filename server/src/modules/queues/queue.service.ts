import { sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { queues } from '../../db/schema/index.ts';
import { type AppError, duplicate, notFound, staleWrite } from '../../errors.ts';
import { encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type { TCreateQueueRequest, TQueue, TUpdateQueueRequest } from '../../../../shared/schemas/queue.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';

type QueueRow = Omit<TQueue, 'created_at'> & { created_at: Date | string };

const SELECT_QUEUE = sql`
  select q.id, q.code, q.name, q.description, q.active, q.created_at, q.version,
    (select count(*)::int from user_queues uq join users u on u.id = uq.user_id
      where uq.queue_id = q.id and u.active) as agent_count
  from queues q`;

const present = (row: QueueRow): TQueue => ({ ...row, created_at: new Date(row.created_at).toISOString() });

async function findQueue(db: DbOrTx, id: number): Promise<QueueRow | null> {
  const r = await queryRows<QueueRow>(db, sql`${SELECT_QUEUE} where q.id = ${id}`);
  return r[0] ?? null;
}

export async function listQueues(
  db: Db,
  actor: Actor,
  query: { q?: string; limit: number; cursor?: string },
): Promise<{ items: TQueue[]; total: number; next_cursor: string | null }> {
  authorize(actor, 'queues.list');
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const where = like ? sql`(q.name ilike ${like} or q.code ilike ${like})` : sql`true`;
  const page = keyset({ expr: sql`lower(q.code)`, type: 'text' }, sql`q.id`, 'asc', query.cursor);
  const rows = await queryRows<QueueRow>(
    db,
    sql`${SELECT_QUEUE} where ${where} and ${page.after} order by ${page.orderBy} limit ${query.limit + 1}`,
  );
  const count = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from queues q where ${where}`,
  );
  const p = pageOf(rows, query.limit, (r) => encodeCursor(r.code.toLowerCase(), r.id));
  return { items: p.items.map(present), total: count[0]?.n ?? 0, next_cursor: p.next_cursor };
}

export async function getQueue(db: Db, actor: Actor, id: number): Promise<TQueue> {
  authorize(actor, 'queues.read');
  const row = await findQueue(db, id);
  if (!row) throw notFound('queue');
  return present(row);
}

const codeTaken = (code: string): AppError =>
  duplicate(`A queue with code "${code}" exists already.`, [{ path: ['code'], message: 'taken' }]);

export async function createQueue(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  input: TCreateQueueRequest,
): Promise<TQueue> {
  authorize(actor, 'queues.create');
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(queues)
        .values({ code: input.code, name: input.name, description: input.description ?? null })
        .returning({ id: queues.id });
      const row = created && (await findQueue(tx, created.id));
      if (!row) throw new Error('created queue vanished');
      const queue = present(row);
      await recordAudit(tx, ctx, {
        action: 'queue.create',
        entityType: 'queue',
        entityId: queue.id,
        after: queue,
      });
      return queue;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken(input.code);
    throw err;
  }
}

export async function updateQueue(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: TUpdateQueueRequest,
): Promise<TQueue> {
  authorize(actor, 'queues.update');
  return db.transaction(async (tx) => {
    const before = await findQueue(tx, id);
    if (!before) throw notFound('queue');
    const updated = await tx
      .update(queues)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.active !== undefined && { active: input.active }),
        updated_at: new Date(),
        version: sql`${queues.version} + 1`,
      })
      .where(sql`${queues.id} = ${id} and ${queues.version} = ${input.version}`)
      .returning({ id: queues.id });
    if (updated.length === 0) throw staleWrite('queue');
    const row = await findQueue(tx, id);
    if (!row) throw new Error('updated queue vanished');
    const queue = present(row);
    await recordAudit(tx, ctx, {
      action: 'queue.update',
      entityType: 'queue',
      entityId: id,
      before: present(before),
      after: queue,
    });
    return queue;
  });
}
