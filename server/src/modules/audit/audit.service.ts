import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { GENESIS_HASH, canonicalJson, entryHash } from './audit.hash.ts';

/** Who did it and from where; built from the request by `http/context.ts`. */
export type AuditContext = {
  actorId: number | null;
  actorUsername: string | null;
  ip: string | null;
};

export type AuditEvent = {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** Arbitrary constant: the transaction-scoped advisory lock that orders appends to the chain. */
const AUDIT_CHAIN_LOCK = 7_246_002;

/** Drops secrets before anything reaches the trail. */
function scrub(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return JSON.parse(canonicalJson(value), (key, v: unknown) =>
    key === 'password_hash' || key === 'password' || key === 'token_hash' || key === 'token' ? undefined : v,
  ) as unknown;
}

/**
 * Appends one entry to the audit trail inside the caller's transaction, so the entry exists
 * exactly when the write does. The advisory lock (held to commit) orders the chain; call this as
 * the last statement of the transaction to keep the lock short.
 */
export async function recordAudit(tx: DbOrTx, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await recordAudits(tx, ctx, [event]);
}

/**
 * Appends several entries, in order, inside the caller's transaction. Like `recordAudit`, call it
 * last in the transaction: the chain lock is held to commit.
 *
 * Built for many concurrent writers: everything that does not depend on the chain is prepared
 * before the lock, and the chain itself is computed by the database in the one INSERT … SELECT
 * that follows it — `hash` = SHA-256 of the entry's canonical JSON, whose last key is `prev` — so
 * the lock is held for two statements and the commit whatever the number of entries. The hashes
 * the database computed are checked against `entryHash` before the transaction can commit.
 * Answers the time stamped on the entries.
 */
export async function recordAudits(tx: DbOrTx, ctx: AuditContext, events: AuditEvent[]): Promise<Date> {
  const contents = events.map((event) => ({
    actor_id: ctx.actorId,
    actor_username: ctx.actorUsername,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId === null ? null : String(event.entityId),
    before: scrub(event.before),
    after: scrub(event.after),
    ip: ctx.ip,
  }));
  if (contents.length === 0) return new Date();
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  // Stamped after the lock, so `at` never goes backwards along the chain.
  const at = new Date();
  const entries = contents.map((content) => {
    const fields = { at, ...content };
    // The canonical JSON of the entry up to its last key, `prev` (see `entryHash`).
    const head = canonicalJson({
      at: at.toISOString(),
      actor_id: fields.actor_id,
      actor_username: fields.actor_username,
      action: fields.action,
      entity_type: fields.entity_type,
      entity_id: fields.entity_id,
      before: fields.before ?? null,
      after: fields.after ?? null,
      ip: fields.ip,
    });
    return { fields, prefix: `${head.slice(0, -1)},"prev":"` };
  });
  const links: SQL[] = [
    sql`h0 as (select coalesce((select hash from audit_log order by id desc limit 1), ${GENESIS_HASH}) as hash)`,
  ];
  entries.forEach((entry, i) => {
    links.push(sql`${sql.raw(`h${i + 1}`)} as (
      select ${i + 1}::int as ord, p.hash as prev_hash,
        encode(sha256(convert_to(${entry.prefix}::text || p.hash || '"}', 'UTF8')), 'hex') as hash
      from ${sql.raw(`h${i}`)} p)`);
  });
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const values = entries.map(
    ({ fields: f }, i) =>
      sql`(${i + 1}::int, ${f.at.toISOString()}::timestamptz, ${f.actor_id}::int, ${f.actor_username}::text,
        ${f.action}::text, ${f.entity_type}::text, ${f.entity_id}::text, ${json(f.before)}::jsonb,
        ${json(f.after)}::jsonb, ${f.ip}::text)`,
  );
  const chained = sql.join(
    entries.map((_, i) => sql`select ord, prev_hash, hash from ${sql.raw(`h${i + 1}`)}`),
    sql` union all `,
  );
  const written = await queryRows<{ prev_hash: string; hash: string }>(
    tx,
    sql`with ${sql.join(links, sql`, `)}
        insert into audit_log (at, actor_id, actor_username, action, entity_type, entity_id, before, after, ip,
          prev_hash, hash)
        select v.at, v.actor_id, v.actor_username, v.action, v.entity_type, v.entity_id, v.before, v.after, v.ip,
          c.prev_hash, c.hash
        from (values ${sql.join(values, sql`, `)})
          as v(ord, at, actor_id, actor_username, action, entity_type, entity_id, before, after, ip)
          join (${chained}) c on c.ord = v.ord
        order by v.ord
        returning prev_hash, hash`,
  );
  // Ids follow the ORDER BY, which is the chain's order; check every link before commit.
  const byPrev = new Map(written.map((w) => [w.prev_hash, w.hash]));
  let prevHash = written.find((w) => !written.some((o) => o.hash === w.prev_hash))?.prev_hash;
  for (const { fields } of entries) {
    const hash = prevHash === undefined ? undefined : byPrev.get(prevHash);
    if (prevHash === undefined || hash !== entryHash(prevHash, fields)) {
      throw new Error('audit chain: the hash computed by the database does not match entryHash');
    }
    prevHash = hash;
  }
  return at;
}
