import { randomBytes } from 'node:crypto';
import type { Db } from './db/client.ts';
import { isUniqueViolation } from './db/client.ts';
import { users } from './db/schema/index.ts';
import { recordAudit } from './modules/audit/audit.service.ts';
import { hashPassword } from './modules/auth/password.ts';
import { hasAnyUser } from './modules/users/user.service.ts';

export type FirstAdmin = { username: 'admin'; generatedPassword: string | null } | null;

/**
 * On an empty database, creates user `admin` with ZHIJIAN_ADMIN_PASSWORD, or with a generated
 * password that the caller prints once. Two processes starting together create it once.
 */
export async function ensureFirstAdmin(db: Db, adminPassword: string | null): Promise<FirstAdmin> {
  if (await hasAnyUser(db)) return null;
  const generated = adminPassword ? null : randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(adminPassword ?? generated ?? '');
  try {
    await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({
          username: 'admin',
          display_name: 'Administrator',
          password_hash: passwordHash,
          roles: ['admin'],
        })
        .returning({ id: users.id });
      await recordAudit(
        tx,
        { actorId: null, actorUsername: 'system', ip: null },
        {
          action: 'user.create',
          entityType: 'user',
          entityId: created?.id ?? null,
          after: { username: 'admin', roles: ['admin'] },
        },
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) return null; // another process made it first
    throw err;
  }
  return { username: 'admin', generatedPassword: generated };
}
