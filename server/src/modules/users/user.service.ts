import { queryRows } from '../../db/client.ts';
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { AppError, duplicate, notFound, staleWrite } from '../../errors.ts';
import { encodeCursor, pageOf } from '../../http/pagination.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import { scopeWhere } from '../../policies/scope.ts';
import type {
  TCreateUserRequest,
  TListUsersQuery,
  TUpdateUserRequest,
  TUser,
} from '../../../../shared/schemas/user.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { forgetUser } from '../auth/actor-cache.ts';
import { hashPassword } from '../auth/password.ts';
import { presentUser } from './user.presenter.ts';
import { USER_SORT_KEYS, findUserById, findUsersPage, setUserQueues, userSortValue } from './user.repo.ts';
import { userScope } from './user.policy.ts';

export async function listUsers(
  db: Db,
  actor: Actor,
  query: TListUsersQuery,
): Promise<{ items: TUser[]; total: number; next_cursor: string | null }> {
  authorize(actor, 'users.list');
  const scope = scopeWhere(actor, userScope(actor), { ownerId: sql`u.id`, teamId: sql`u.team_id` });
  const { rows, total } = await findUsersPage(
    db,
    { scope, q: query.q, role: query.role, teamId: query.team_id, active: query.active },
    USER_SORT_KEYS[query.sort],
    query.order,
    query.cursor,
    query.limit,
  );
  const page = pageOf(rows, query.limit, (r) => encodeCursor(userSortValue(r, query.sort), r.id));
  return { items: page.items.map(presentUser), total, next_cursor: page.next_cursor };
}

/** @throws not_found (404) when the user does not exist or is outside the caller's scope. */
export async function getUser(db: DbOrTx, actor: Actor, id: number): Promise<TUser> {
  const row = await findUserById(db, id);
  if (!row || !can(actor, 'users.read', row)) throw notFound('user');
  return presentUser(row);
}

async function assertReferencesExist(
  tx: DbOrTx,
  teamId: number | null | undefined,
  queueIds: number[] | undefined,
): Promise<void> {
  if (teamId) {
    const r = await queryRows(tx, sql`select 1 from teams where id = ${teamId}`);
    if (r.length === 0) {
      throw new AppError('validation_failed', `Team ${teamId} does not exist.`, [
        { path: ['team_id'], message: 'unknown team' },
      ]);
    }
  }
  if (queueIds && queueIds.length > 0) {
    const r = await queryRows<{ id: number }>(tx, sql`select id from queues where id in ${queueIds}`);
    const known = new Set(r.map((q) => q.id));
    const missing = queueIds.filter((q) => !known.has(q));
    if (missing.length > 0) {
      throw new AppError('validation_failed', `Queue ${missing.join(', ')} does not exist.`, [
        { path: ['queue_ids'], message: 'unknown queue' },
      ]);
    }
  }
}

export type CreateUserOptions = {
  actor: Actor;
  ctx: AuditContext;
  input: TCreateUserRequest;
  /** A precomputed hash (bulk import hashes in parallel); otherwise hashed here. */
  passwordHash?: string;
};

/**
 * Creates a user and records it in the audit trail, in one transaction.
 * @throws forbidden (403) to grant admin without being admin; duplicate (409) for a taken username.
 */
export async function createUser(db: DbOrTx, options: CreateUserOptions): Promise<TUser> {
  const { actor, input, ctx } = options;
  authorize(actor, 'users.create');
  if (input.roles.includes('admin')) authorize(actor, 'users.grant_admin');
  const passwordHash = options.passwordHash ?? (await hashPassword(input.password));
  try {
    return await db.transaction(async (tx) => {
      await assertReferencesExist(tx, input.team_id, input.queue_ids);
      const [created] = await tx
        .insert(users)
        .values({
          username: input.username,
          display_name: input.display_name,
          password_hash: passwordHash,
          roles: [...new Set(input.roles)],
          team_id: input.team_id ?? null,
          hire_date: input.hire_date ?? null,
        })
        .returning({ id: users.id });
      if (!created) throw new Error('insert returned nothing');
      if (input.queue_ids) await setUserQueues(tx, created.id, input.queue_ids);
      const user = await findUserById(tx, created.id);
      if (!user) throw new Error('created user vanished');
      const presented = presentUser(user);
      await recordAudit(tx, ctx, {
        action: 'user.create',
        entityType: 'user',
        entityId: created.id,
        after: presented,
      });
      return presented;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw duplicate(`The username "${input.username}" is taken.`, [
        { path: ['username'], message: 'taken' },
      ]);
    }
    throw err;
  }
}

export type UpdateUserOptions = { actor: Actor; ctx: AuditContext; id: number; input: TUpdateUserRequest };

/**
 * Edits a user under optimistic locking: `input.version` must be the current one.
 * Deactivating also closes the user's sessions. Users are never deleted.
 */
export async function updateUser(db: Db, options: UpdateUserOptions): Promise<TUser> {
  const { actor, ctx, id, input } = options;
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const result = await db.transaction(async (tx) => {
    const before = await findUserById(tx, id);
    if (!before || !can(actor, 'users.read', before)) throw notFound('user');
    authorize(actor, 'users.update', before);
    if (input.roles?.includes('admin') && !before.roles.includes('admin'))
      authorize(actor, 'users.grant_admin');
    if (actor.id === id && input.active === false) {
      throw new AppError('conflict', 'You cannot deactivate yourself.');
    }
    if (actor.id === id && input.roles && before.roles.includes('admin') && !input.roles.includes('admin')) {
      throw new AppError('conflict', 'You cannot remove your own admin role.');
    }
    await assertReferencesExist(tx, input.team_id, input.queue_ids);
    const updated = await tx
      .update(users)
      .set({
        ...(input.display_name !== undefined && { display_name: input.display_name }),
        ...(input.roles !== undefined && { roles: [...new Set(input.roles)] }),
        ...(input.team_id !== undefined && { team_id: input.team_id }),
        ...(input.hire_date !== undefined && { hire_date: input.hire_date }),
        ...(input.active !== undefined && { active: input.active }),
        ...(passwordHash !== undefined && { password_hash: passwordHash }),
        updated_at: new Date(),
        version: sql`${users.version} + 1`,
      })
      .where(sql`${users.id} = ${id} and ${users.version} = ${input.version}`)
      .returning({ id: users.id });
    if (updated.length === 0) throw staleWrite('user');
    if (input.queue_ids !== undefined) await setUserQueues(tx, id, input.queue_ids);
    if (input.active === false || passwordHash !== undefined) {
      await tx.execute(sql`delete from sessions where user_id = ${id}`);
    }
    const after = await findUserById(tx, id);
    if (!after) throw new Error('updated user vanished');
    const presentedAfter = presentUser(after);
    await recordAudit(tx, ctx, {
      action: passwordHash !== undefined ? 'user.update_with_password_reset' : 'user.update',
      entityType: 'user',
      entityId: id,
      before: presentUser(before),
      after: presentedAfter,
    });
    return presentedAfter;
  });
  forgetUser(id); // roles, team, active or password changed: no cached credential may outlive that
  return result;
}

/** Whether any user exists (first start creates the admin). */
export async function hasAnyUser(db: Db): Promise<boolean> {
  const r = await db.select({ id: users.id }).from(users).limit(1);
  return r.length > 0;
}

export async function findUserIdByUsername(db: DbOrTx, username: string): Promise<number | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  return row?.id ?? null;
}
