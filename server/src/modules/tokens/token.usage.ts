import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { cachedTokenActor } from '../auth/actor-cache.ts';
import { findActorByToken } from '../auth/actor.repo.ts';

/**
 * A token's last use (`api_tokens.last_used_at`, shown on the tokens page) is written at most once
 * a minute per token, not on every request: the token's lookup reads the stored moment with the
 * user (the same round trip), and only when it is a minute old or more does one UPDATE follow,
 * itself conditional, so several processes sharing the database write it once between them. A
 * request served from the actor cache (ZHIJIAN_AUTH_CACHE_SECONDS) does not reach the database at
 * all, so the moment is exact to about a minute plus the cache's few seconds.
 *
 * Not in the audit trail: like a session's last-seen time it is bookkeeping of reads, not a change
 * anyone made.
 */
export const TOKEN_USE_WRITE_INTERVAL_SECONDS = 60;

/** The caller of `Authorization: Bearer <token>` (by the token's hash), noting the use. */
export function resolveToken(
  db: Db,
  tokenHash: string,
  now = (): number => Date.now(),
): Promise<Actor | null> {
  return cachedTokenActor(tokenHash, async () => {
    const found = await findActorByToken(db, tokenHash);
    if (!found) return null;
    const last = found.lastUsedAt?.getTime() ?? null;
    if (last === null || now() - last >= TOKEN_USE_WRITE_INTERVAL_SECONDS * 1000) {
      const at = new Date(now());
      const before = new Date(now() - TOKEN_USE_WRITE_INTERVAL_SECONDS * 1000);
      await db.execute(sql`update api_tokens set last_used_at = ${at.toISOString()}::timestamptz
        where id = ${found.tokenId} and (last_used_at is null or last_used_at <= ${before.toISOString()}::timestamptz)`);
    }
    return found.actor;
  });
}
