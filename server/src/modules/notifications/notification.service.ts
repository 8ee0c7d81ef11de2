import { SQL, is, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type { TNotification } from '../../../../shared/schemas/evaluation.ts';

/** Kinds of inbox messages; the web app words each one in the user's language. */
export type NotificationKind =
  | 'evaluation_submitted'
  | 'evaluation_acknowledged'
  | 'evaluation_corrected'
  | 'evaluation_overdue'
  | 'evaluations_overdue'
  | 'dispute_raised'
  | 'dispute_forwarded'
  | 'dispute_upheld'
  | 'dispute_corrected'
  | 'assignments_given'
  | 'assignments_moved'
  | 'assignments_released';

/** Adds inbox messages inside the caller's transaction (so they exist exactly when the change does). */
export async function notify(
  tx: DbOrTx,
  userIds: number[],
  kind: NotificationKind,
  entity: { type: string; id: number | string },
  data: Record<string, unknown> = {},
): Promise<void> {
  const statement = notificationInsert(userIds, kind, entity, data);
  if (statement) await tx.execute(statement);
}

/**
 * The INSERT `notify` runs, for a caller that writes in one statement (a data-modifying CTE) and
 * knows the entity id only inside it (`id` as SQL). Null when there is no one to notify.
 */
export function notificationInsert(
  userIds: number[],
  kind: NotificationKind,
  entity: { type: string; id: number | string | SQL },
  data: Record<string, unknown> = {},
): SQL | null {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return null;
  const entityId = is(entity.id, SQL) ? sql`(${entity.id})::text` : sql`${String(entity.id)}`;
  return sql`
    insert into notifications (user_id, kind, entity_type, entity_id, data)
    select u, ${kind}, ${entity.type}, ${entityId}, ${JSON.stringify(data)}::jsonb
    from unnest(${`{${unique.join(',')}}`}::int[]) u`;
}

/** Active leaders of the team (team_leader role, teams.leader_id). */
export async function teamLeaderIds(tx: DbOrTx, teamId: number | null): Promise<number[]> {
  if (teamId === null) return [];
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`select u.id from teams t join users u on u.id = t.leader_id where t.id = ${teamId} and u.active`,
  );
  return rows.map((r) => r.id);
}

export async function usersWithRole(tx: DbOrTx, role: string): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`select id from users where active and ${role} = any(roles)`,
  );
  return rows.map((r) => r.id);
}

type Row = Omit<TNotification, 'created_at' | 'read_at' | 'id'> & {
  id: string | number;
  created_at: Date | string;
  read_at: Date | string | null;
};

export async function listNotifications(
  db: Db,
  actor: Actor,
  query: { limit: number; unread?: boolean },
): Promise<{ items: TNotification[]; total: number; unread: number; next_cursor: null }> {
  authorize(actor, 'notifications.read');
  const rows = await queryRows<Row>(
    db,
    sql`select id, kind, entity_type, entity_id, data, created_at, read_at from notifications
        where user_id = ${actor.id} ${query.unread ? sql`and read_at is null` : sql``}
        order by id desc limit ${query.limit}`,
  );
  const [counts] = await queryRows<{ total: number; unread: number }>(
    db,
    sql`select count(*)::int as total, count(*) filter (where read_at is null)::int as unread
        from notifications where user_id = ${actor.id}`,
  );
  return {
    items: rows.map((r) => ({
      ...r,
      id: Number(r.id),
      created_at: new Date(r.created_at).toISOString(),
      read_at: r.read_at === null ? null : new Date(r.read_at).toISOString(),
    })),
    total: counts?.total ?? 0,
    unread: counts?.unread ?? 0,
    next_cursor: null,
  };
}

/** Marks one (or, with id null, all) of the caller's messages read. Reading is not audited. */
export async function markRead(db: Db, actor: Actor, id: number | null): Promise<void> {
  authorize(actor, 'notifications.read');
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update notifications set read_at = coalesce(read_at, now())
        where user_id = ${actor.id} ${id === null ? sql`` : sql`and id = ${id}`} returning id`,
  );
  if (id !== null && rows.length === 0) throw notFound('notification');
}

/**
 * Marks the user's unread messages about an evaluation read: once the CSR has signed or disputed
 * it, "awaiting your confirmation" is done (call inside the signing transaction).
 */
export async function markEvaluationMessagesRead(
  tx: DbOrTx,
  userId: number,
  evaluationId: number,
): Promise<void> {
  await tx.execute(sql`update notifications set read_at = now()
    where user_id = ${userId} and entity_type = 'evaluation' and entity_id = ${String(evaluationId)}
      and read_at is null`);
}
