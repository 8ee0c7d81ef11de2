import { desc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
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
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    at: new Date(),
    actor_id: ctx.actorId,
    actor_username: ctx.actorUsername,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId === null ? null : String(event.entityId),
    before: scrub(event.before),
    after: scrub(event.after),
    ip: ctx.ip,
  };
  await tx.insert(auditLog).values({ ...fields, prev_hash: prevHash, hash: entryHash(prevHash, fields) });
}
