import type { DbOrTx } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import { canonicalJson } from './audit.hash.ts';
import { noteAuditWritten } from './audit.sealer.ts';

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

/** Drops secrets before anything reaches the trail. */
function scrub(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return JSON.parse(canonicalJson(value), (key, v: unknown) =>
    key === 'password_hash' || key === 'password' || key === 'token_hash' || key === 'token' ? undefined : v,
  ) as unknown;
}

/**
 * Appends one entry to the audit trail inside the caller's transaction, so the entry exists
 * exactly when the write does. No lock: the entry is inserted unsealed and the sealer
 * (`audit.sealer.ts`) links it into the hash chain after the transaction commits.
 */
export async function recordAudit(tx: DbOrTx, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await recordAudits(tx, ctx, [event]);
}

/**
 * Appends several entries, in order, inside the caller's transaction: one INSERT, no lock, so
 * concurrent writers never wait for each other here. The entries are unsealed (no `seq`,
 * `prev_hash`, `hash`) until the sealer chains them after commit, in id order within this call.
 * Answers the time stamped on the entries.
 */
export async function recordAudits(tx: DbOrTx, ctx: AuditContext, events: AuditEvent[]): Promise<Date> {
  // Millisecond precision, as stored (`at` is timestamptz(3)), so the hash covers it exactly.
  const at = new Date();
  if (events.length === 0) return at;
  await tx.insert(auditLog).values(
    events.map((event) => ({
      at,
      actor_id: ctx.actorId,
      actor_username: ctx.actorUsername,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId === null ? null : String(event.entityId),
      before: scrub(event.before),
      after: scrub(event.after),
      ip: ctx.ip,
    })),
  );
  noteAuditWritten();
  return at;
}
