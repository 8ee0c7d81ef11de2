import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The audit trail. Append-only; each row's `hash` covers its content and the previous row's hash,
 * so editing or deleting a row breaks the chain (see `audit/audit.verify.ts`).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    actor_id: integer('actor_id'),
    actor_username: text('actor_username'),
    action: text('action').notNull(),
    entity_type: text('entity_type').notNull(),
    entity_id: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    prev_hash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity_type, t.entity_id),
    index('audit_actor_idx').on(t.actor_id),
    index('audit_at_idx').on(t.at),
  ],
);
