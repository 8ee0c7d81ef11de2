import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { sha256Hex } from './secret.ts';
import { isRole } from '../../../../shared/roles.ts';
import type { Actor } from '../../policies/actor.ts';

type ActorRow = {
  id: number;
  username: string;
  display_name: string;
  roles: string[];
  team_id: number | null;
  team_name: string | null;
  led_team_ids: number[] | null;
  extra: string | null;
};

function toActor(row: ActorRow, via: Actor['via']): Actor {
  return {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    roles: row.roles.filter(isRole),
    team_id: row.team_id,
    team_name: row.team_name,
    led_team_ids: row.led_team_ids ?? [],
    via,
  };
}

const dialect = new PgDialect();

/**
 * A credential lookup as a named prepared statement: on PostgreSQL each pooled connection parses
 * and plans it once (re-planning the join and its two subqueries cost the database about 100 µs
 * per request with the auth cache off, three times what running it costs). Named by a digest of
 * its text; values are parameters. PGlite ignores the name. (The same as evaluation.repo.ts's
 * queryRowsPrepared, which lives in another module; both belong in db/client.ts.)
 */
async function preparedRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const compiled = dialect.sqlToQuery(query);
  const name = `zj_${sha256Hex(compiled.sql).slice(0, 24)}`;
  const raw: unknown = await db._.session.prepareQuery(compiled, undefined, name, false).execute();
  return (raw as { rows: T[] }).rows;
}

const ACTOR_COLUMNS = sql`u.id, u.username, u.display_name, u.roles, u.team_id,
  (select t.name from teams t where t.id = u.team_id) as team_name,
  (select array_agg(t.id order by t.id) from teams t where t.leader_id = u.id and t.active) as led_team_ids`;

/**
 * The active user behind a live session, in one round trip. `extra` carries the session's
 * last_seen_at so the caller can decide whether to extend it.
 */
export async function findActorBySession(
  db: DbOrTx,
  sessionId: string,
): Promise<{ actor: Actor; lastSeenAt: Date } | null> {
  const result = await preparedRows<ActorRow>(
    db,
    sql`
    select ${ACTOR_COLUMNS}, s.last_seen_at::text as extra
    from sessions s join users u on u.id = s.user_id
    where s.id = ${sessionId} and s.expires_at > now() and u.active`,
  );
  const row = result[0];
  if (!row) return null;
  return { actor: toActor(row, 'session'), lastSeenAt: new Date(row.extra ?? 0) };
}

/** The active user behind a valid API token. */
/**
 * The active user behind a live API token, with the token's id and when its use was last written
 * (see tokens/token.usage.ts), in one round trip.
 */
export async function findActorByToken(
  db: DbOrTx,
  tokenHash: string,
): Promise<{ actor: Actor; tokenId: number; lastUsedAt: Date | null } | null> {
  const result = await preparedRows<ActorRow & { token_id: number }>(
    db,
    sql`
    select ${ACTOR_COLUMNS}, k.last_used_at::text as extra, k.id as token_id
    from api_tokens k join users u on u.id = k.user_id
    where k.token_hash = ${tokenHash} and k.revoked_at is null
      and (k.expires_at is null or k.expires_at > now()) and u.active`,
  );
  const row = result[0];
  return row
    ? {
        actor: toActor(row, 'token'),
        tokenId: row.token_id,
        lastUsedAt: row.extra === null ? null : new Date(row.extra),
      }
    : null;
}

export async function findActorById(db: DbOrTx, userId: number): Promise<Actor | null> {
  const result = await queryRows<ActorRow>(
    db,
    sql`
    select ${ACTOR_COLUMNS}, null as extra from users u where u.id = ${userId} and u.active`,
  );
  const row = result[0];
  return row ? toActor(row, 'session') : null;
}
