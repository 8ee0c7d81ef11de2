import { queryRows } from '../../db/client.ts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';

/**
 * Failed sign-ins are limited strictly per username (a password guesser) and generously per
 * address (a center's agents share one NAT address and all sign in at shift start). SPEC §6.
 */
export const THROTTLE = {
  windowSeconds: 15 * 60,
  maxFailuresPerUser: 5,
  maxFailuresPerAddress: 100,
} as const;

const userKey = (username: string) => `user:${username.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** @throws AppError too_many_requests with Retry-After when either limit is reached. */
export async function assertNotThrottled(db: DbOrTx, username: string, ip: string | null): Promise<void> {
  const keys = [userKey(username), ...(ip ? [ipKey(ip)] : [])];
  const result = await queryRows<{ key: string; failures: number; retry_after: number }>(
    db,
    sql`
    select key, failures,
      ceil(extract(epoch from (window_start + make_interval(secs => ${THROTTLE.windowSeconds}) - now())))::int as retry_after
    from login_failures
    where key in ${keys} and window_start > now() - make_interval(secs => ${THROTTLE.windowSeconds})`,
  );
  for (const row of result) {
    const limit = row.key.startsWith('user:') ? THROTTLE.maxFailuresPerUser : THROTTLE.maxFailuresPerAddress;
    if (row.failures >= limit) {
      const retryAfter = Math.max(1, row.retry_after);
      throw new AppError(
        'too_many_requests',
        `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
        { retry_after_seconds: retryAfter },
        { 'Retry-After': String(retryAfter) },
      );
    }
  }
}

/** Counts one failure against the username and the address; a window older than the limit restarts. */
export async function recordFailure(db: DbOrTx, username: string, ip: string | null): Promise<void> {
  for (const key of [userKey(username), ...(ip ? [ipKey(ip)] : [])]) {
    await db.execute(sql`
      insert into login_failures (key, window_start, failures) values (${key}, now(), 1)
      on conflict (key) do update set
        failures = case when login_failures.window_start > now() - make_interval(secs => ${THROTTLE.windowSeconds})
                        then login_failures.failures + 1 else 1 end,
        window_start = case when login_failures.window_start > now() - make_interval(secs => ${THROTTLE.windowSeconds})
                        then login_failures.window_start else now() end`);
  }
}

/** A successful sign-in clears the username's count (not the address's). */
export async function clearUserFailures(db: DbOrTx, username: string): Promise<void> {
  await db.execute(sql`delete from login_failures where key = ${userKey(username)}`);
}
