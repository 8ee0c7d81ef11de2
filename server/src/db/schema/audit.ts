import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The audit trail. Append-only. Writers insert entries unsealed (no lock, inside their own
 * transaction); the sealer then links committed entries into one chain in the order it sees them:
 * `seq` is the position, `hash` covers the content and the previous entry's hash, so editing or
 * deleting a sealed row breaks the chain (see `audit/audit.verify.ts`).
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
    /** Position in the chain; null until sealed. */
    seq: bigint('seq', { mode: 'number' }),
    prev_hash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('audit_seq_unique').on(t.seq),
    index('audit_unsealed_idx')
      .on(t.id)
      .where(sql`${t.seq} is null`),
    index('audit_entity_idx').on(t.entity_type, t.entity_id),
    index('audit_actor_idx').on(t.actor_id),
    index('audit_at_idx').on(t.at),
  ],
);
