import { SQL, is, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { AuditAction, AuditEntityType } from '../../../../shared/audit.ts';
import { canonicalJson } from './audit.hash.ts';
import { noteAuditWritten } from './audit.sealer.ts';

/** Who did it and from where; built from the request by `http/context.ts`. */
export type AuditContext = {
  actorId: number | null;
  actorUsername: string | null;
  ip: string | null;
};

export type AuditEvent = {
  action: AuditAction;
  entityType: AuditEntityType;
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
  const { statement, at } = auditInsert(ctx, events);
  if (statement) await tx.execute(statement);
  return at;
}

/** An audit entry as data, for a statement that inserts entries from JSON and fills in the entity id. */
export type AuditEntryData = {
  at: string;
  actor_id: number | null;
  actor_username: string | null;
  action: AuditAction;
  entity_type: AuditEntityType;
  before: unknown;
  after: unknown;
  ip: string | null;
};

/**
 * The entries `recordAudits` would write for `events`, as data (scrubbed, stamped with one time), for
 * a write that inserts them itself in its own statement — the entries exist exactly when that
 * statement's transaction commits. Answers the time stamped on them.
 */
export function auditEntriesData(
  ctx: AuditContext,
  events: Omit<AuditEvent, 'entityId'>[],
): { entries: AuditEntryData[]; at: Date } {
  // Millisecond precision, as stored (`at` is timestamptz(3)), so the hash covers it exactly.
  const at = new Date();
  if (events.length > 0) noteAuditWritten();
  const entries = events.map((e) => ({
    at: at.toISOString(),
    actor_id: ctx.actorId,
    actor_username: ctx.actorUsername,
    action: e.action,
    entity_type: e.entityType,
    before: scrub(e.before),
    after: scrub(e.after),
    ip: ctx.ip,
  }));
  return { entries, at };
}

/** An audit event whose entity id may be SQL, e.g. `sql\`(select id from created)\``. */
export type AuditEventSql = Omit<AuditEvent, 'entityId'> & { entityId: AuditEvent['entityId'] | SQL };

/**
 * The same entries as `recordAudits`, as an INSERT for the caller to run inside its own
 * statement — a data-modifying CTE (`with created as (insert …), audited as (${statement}) …`) —
 * when the write is one statement and the entity id is only known inside it. The entries exist
 * exactly when that statement's transaction commits, like those of `recordAudits`. `statement` is
 * null when there are no events.
 */
export function auditInsert(ctx: AuditContext, events: AuditEventSql[]): { statement: SQL | null; at: Date } {
  // Millisecond precision, as stored (`at` is timestamptz(3)), so the hash covers it exactly.
  const at = new Date();
  if (events.length === 0) return { statement: null, at };
  const json = (value: unknown) => {
    const scrubbed = scrub(value);
    return scrubbed === null ? null : JSON.stringify(scrubbed);
  };
  const rows = events.map((e) => {
    const entityId =
      e.entityId === null
        ? sql`null`
        : is(e.entityId, SQL)
          ? sql`(${e.entityId})::text`
          : sql`${String(e.entityId)}`;
    return sql`(${at.toISOString()}::timestamptz, ${ctx.actorId}::int, ${ctx.actorUsername}::text,
      ${e.action}::text, ${e.entityType}::text, ${entityId}::text, ${json(e.before)}::jsonb, ${json(e.after)}::jsonb,
      ${ctx.ip}::text)`;
  });
  // The sealer makes a pass shortly after; if this statement has not committed by then, a later one.
  noteAuditWritten();
  return {
    statement: sql`insert into audit_log (at, actor_id, actor_username, action, entity_type, entity_id, before, after, ip)
      values ${sql.join(rows, sql`, `)}`,
    at,
  };
}
