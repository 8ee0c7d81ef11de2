import { queryRows } from '../../db/client.ts';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { type SortKey, keyset } from '../../http/pagination.ts';
import type { UserRow } from './user.presenter.ts';

const SELECT_USER = sql`
  select u.id, u.username, u.display_name, u.roles, u.team_id, t.name as team_name,
    u.hire_date::text as hire_date, u.active, u.created_at, u.updated_at, u.version,
    coalesce((select array_agg(uq.queue_id order by uq.queue_id) from user_queues uq where uq.user_id = u.id), '{}') as queue_ids
  from users u left join teams t on t.id = u.team_id`;

export const USER_SORT_KEYS: Record<'username' | 'display_name' | 'hire_date' | 'created_at', SortKey> = {
  username: { expr: sql`lower(u.username)`, type: 'text' },
  display_name: { expr: sql`u.display_name`, type: 'text' },
  hire_date: { expr: sql`coalesce(u.hire_date, date '0001-01-01')`, type: 'date' },
  created_at: { expr: sql`u.id`, type: 'int' },
};

export type UserFilter = {
  scope: SQL;
  q?: string;
  role?: string;
  teamId?: number;
  active?: boolean;
};

function filterWhere(f: UserFilter): SQL {
  const parts: SQL[] = [f.scope];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(sql`(u.username ilike ${like} or u.display_name ilike ${like})`);
  }
  if (f.role) parts.push(sql`${f.role} = any(u.roles)`);
  if (f.teamId !== undefined) parts.push(sql`u.team_id = ${f.teamId}`);
  if (f.active !== undefined) parts.push(sql`u.active = ${f.active}`);
  return sql.join(parts, sql` and `);
}

export async function findUsersPage(
  db: DbOrTx,
  filter: UserFilter,
  sort: SortKey,
  order: 'asc' | 'desc',
  cursor: string | undefined,
  limit: number,
): Promise<{ rows: UserRow[]; total: number }> {
  const where = filterWhere(filter);
  const page = keyset(sort, sql`u.id`, order, cursor);
  const result = await queryRows<UserRow>(
    db,
    sql`
    ${SELECT_USER} where ${where} and ${page.after} order by ${page.orderBy} limit ${limit + 1}`,
  );
  const count = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from users u where ${where}`,
  );
  return { rows: result, total: count[0]?.n ?? 0 };
}

/** The sort value of a row as the cursor stores it (mirrors USER_SORT_KEYS). */
export function userSortValue(row: UserRow, sort: keyof typeof USER_SORT_KEYS): string | number {
  switch (sort) {
    case 'username':
      return row.username.toLowerCase();
    case 'display_name':
      return row.display_name;
    case 'hire_date':
      return row.hire_date ?? '0001-01-01';
    case 'created_at':
      return row.id;
  }
}

export async function findUserById(db: DbOrTx, id: number): Promise<UserRow | null> {
  const result = await queryRows<UserRow>(db, sql`${SELECT_USER} where u.id = ${id}`);
  return result[0] ?? null;
}

export async function findUserIdsByUsernames(db: DbOrTx, usernames: string[]): Promise<Map<string, number>> {
  if (usernames.length === 0) return new Map();
  const result = await queryRows<{ id: number; key: string }>(
    db,
    sql`select id, lower(username) as key from users where lower(username) in ${usernames.map((u) => u.toLowerCase())}`,
  );
  return new Map(result.map((r) => [r.key, r.id]));
}

export async function setUserQueues(db: DbOrTx, userId: number, queueIds: number[]): Promise<void> {
  await db.execute(sql`delete from user_queues where user_id = ${userId}`);
  if (queueIds.length > 0) {
    await db.execute(sql`insert into user_queues (user_id, queue_id)
      select ${userId}, q from unnest(${`{${queueIds.join(',')}}`}::int[]) q on conflict do nothing`);
  }
}
