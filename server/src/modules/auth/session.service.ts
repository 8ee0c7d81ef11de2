import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { cachedSessionActor, forgetSession, forgetUser } from './actor-cache.ts';
import { findActorById, findActorBySession } from './actor.repo.ts';
import { assertNotThrottled, clearUserFailures, recordFailure } from './login-throttle.ts';
import { burnVerifyTime, hashPassword, verifyPassword } from './password.ts';
import { newSecret, sha256Hex } from './secret.ts';

/** Sessions last a week and slide while used. */
export const SESSION_TTL_SECONDS = 7 * 24 * 3600;
/** Extend a session's expiry at most this often, to keep reads free of writes. */
const TOUCH_AFTER_MS = 10 * 60 * 1000;

export type SignInOptions = {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
};

export type SignInResult = { secret: string; actor: Actor; expiresAt: Date };

/**
 * Checks the password (argon2id) under the login throttle and opens a session. The cookie
 * holds `secret`; the database keeps only its SHA-256.
 * @throws AppError too_many_requests (429) or invalid_credentials (401).
 */
export async function signIn(db: Db, options: SignInOptions): Promise<SignInResult> {
  const { username, password, ip } = options;
  await assertNotThrottled(db, username, ip);
  const [user] = await db
    .select({ id: users.id, password_hash: users.password_hash, active: users.active })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  const ok = user ? user.active && (await verifyPassword(user.password_hash, password)) : false;
  if (!user) await burnVerifyTime(password);
  if (!ok || !user) {
    await recordFailure(db, username, ip);
    throw new AppError('invalid_credentials', 'Wrong username or password.');
  }
  const secret = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_TTL_SECONDS * 1000);
  const actor = await db.transaction(async (tx) => {
    await clearUserFailures(tx, username);
    await tx.insert(sessions).values({
      id: sha256Hex(secret),
      user_id: user.id,
      expires_at: expiresAt,
      ip,
      user_agent: options.userAgent?.slice(0, 500) ?? null,
    });
    const found = await findActorById(tx, user.id);
    if (!found) throw new AppError('invalid_credentials', 'Wrong username or password.');
    await recordAudit(
      tx,
      { actorId: found.id, actorUsername: found.username, ip },
      { action: 'session.create', entityType: 'user', entityId: found.id },
    );
    return found;
  });
  return { secret, actor, expiresAt };
}

/**
 * The signed-in user for a cookie secret; extends the session now and then. Served from the
 * in-process actor cache for a few seconds after a lookup (see actor-cache.ts for the bound).
 */
export async function resolveSession(db: Db, secret: string): Promise<Actor | null> {
  const id = sha256Hex(secret);
  return cachedSessionActor(id, async () => {
    const found = await findActorBySession(db, id);
    if (!found) return null;
    if (Date.now() - found.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
      await db
        .update(sessions)
        .set({
          last_seen_at: new Date(),
          expires_at: new Date(Date.now() + SESSION_TTL_SECONDS * 1000),
        })
        .where(eq(sessions.id, id));
    }
    return found.actor;
  });
}

export async function signOut(db: Db, secret: string, ctx: AuditContext): Promise<void> {
  const id = sha256Hex(secret);
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(sessions)
      .where(eq(sessions.id, id))
      .returning({ user_id: sessions.user_id });
    if (deleted[0]) {
      await recordAudit(tx, ctx, {
        action: 'session.delete',
        entityType: 'user',
        entityId: deleted[0].user_id,
      });
    }
  });
  forgetSession(id);
}

export type ChangePasswordOptions = {
  actor: Actor;
  currentPassword: string;
  newPassword: string;
  keepSessionSecret: string | null;
  ctx: AuditContext;
};

/**
 * A user changes their own password. Other sessions of the user are closed (the one in use stays).
 * @throws AppError invalid_credentials when the current password is wrong.
 */
export async function changeOwnPassword(db: Db, options: ChangePasswordOptions): Promise<void> {
  const { actor, currentPassword, newPassword } = options;
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('invalid_credentials', 'The current password is wrong.', [
      { path: ['current_password'], message: 'wrong password' },
    ]);
  }
  if (currentPassword === newPassword) {
    throw new AppError('validation_failed', 'The new password must differ from the current one.', [
      { path: ['new_password'], message: 'must differ from the current password' },
    ]);
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ password_hash: passwordHash, updated_at: new Date(), version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.id));
    const keep = options.keepSessionSecret ? sha256Hex(options.keepSessionSecret) : '';
    await tx.execute(sql`delete from sessions where user_id = ${actor.id} and id <> ${keep}`);
    await recordAudit(tx, options.ctx, {
      action: 'user.change_password',
      entityType: 'user',
      entityId: actor.id,
    });
  });
  forgetUser(actor.id);
}
