import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { RowIssue } from '../../../../shared/import-issues.ts';
import { queues, users } from './people.ts';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One upload of interactions (CSV, XLSX, JSON or API body), with its progress and counts. */
export const interactionImports = pgTable(
  'interaction_imports',
  {
    id: serial('id').primaryKey(),
    created_by: integer('created_by').references(() => users.id),
    created_at: tstz('created_at').notNull().defaultNow(),
    finished_at: tstz('finished_at'),
    /** queued → running → done | failed | interrupted (process stopped midway; committed batches stay). */
    status: text('status').notNull(),
    source: text('source').notNull(),
    filename: text('filename'),
    format: text('format').notNull(),
    bytes_total: bigint('bytes_total', { mode: 'number' }),
    bytes_read: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    rows_read: integer('rows_read').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    /** How a CSV was read: 'utf-8', or 'gb18030' when it was not UTF-8 but read cleanly as GB18030 (GBK). */
    encoding: text('encoding').notNull().default('utf-8'),
    error: text('error'),
    /** The failure's error code and details (`{ code, details }` of the error answer), for translation. */
    error_code: text('error_code'),
    error_details: jsonb('error_details'),
    /** Bumped after every batch; a running import whose heartbeat stopped was interrupted. */
    heartbeat_at: tstz('heartbeat_at'),
  },
  (t) => [index('interaction_imports_created_idx').on(t.created_at)],
);

/** Rows an import refused, with their line number in the file and the reason. */
export const interactionImportRejections = pgTable(
  'interaction_import_rejections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    import_id: integer('import_id')
      .notNull()
      .references(() => interactionImports.id),
    row: integer('row').notNull(),
    /** Stable code for the UI to translate (unknown_agent, bad_time, …); reason is the English text. */
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    /**
     * The row as read: a JSON object of its cells by column (a JSON array of cells when they could
     * not be matched to the columns). A cell longer than the import keeps is cut, and named in `cut`.
     */
    raw: text('raw'),
    /** Columns whose cell was too large to keep whole in `raw` (null: the row is whole). */
    cut: text('cut').array(),
    /** For a bad transcript, what exactly is wrong (shared/transcript-issues.ts), for the UI's language. */
    details: jsonb('details').$type<RowIssue>(),
  },
  (t) => [index('interaction_import_rejections_import_idx').on(t.import_id, t.row)],
);

/**
 * A contact the center handled: a call, chat or email. `external_id` is the source system's id;
 * imports upsert by it. `content_hash` tells a re-import whether anything changed.
 */
export const interactions = pgTable(
  'interactions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    external_id: text('external_id').notNull(),
    agent_id: integer('agent_id')
      .notNull()
      .references(() => users.id),
    started_at: tstz('started_at').notNull(),
    duration_s: integer('duration_s').notNull(),
    channel: text('channel').notNull(),
    direction: text('direction').notNull(),
    queue_id: integer('queue_id').references(() => queues.id),
    customer_ref: text('customer_ref'),
    recording_url: text('recording_url'),
    /** Audio uploaded to ZHIJIAN_DATA_DIR/recordings: relative path, MIME type and size. */
    recording_file: text('recording_file'),
    recording_mime: text('recording_mime'),
    recording_bytes: bigint('recording_bytes', { mode: 'number' }),
    /** [{speaker: 'agent'|'customer', start_s, end_s, text}] */
    transcript: jsonb('transcript'),
    content_hash: text('content_hash').notNull(),
    /**
     * The import that last wrote the row (interaction_imports.id). Deliberately not a foreign key:
     * the key would be checked once per imported row for a value the whole batch shares (about a
     * tenth of the database's work per row, docs/benchmarks.md), and imports are never deleted.
     */
    import_id: integer('import_id'),
    created_at: tstz('created_at').notNull().defaultNow(),
    updated_at: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('interactions_external_id_unique').on(t.external_id),
    index('interactions_agent_started_idx').on(t.agent_id, t.started_at),
    index('interactions_started_idx').on(t.started_at, t.id),
    index('interactions_queue_idx').on(t.queue_id),
    index('interactions_customer_idx')
      .on(t.customer_ref, t.started_at)
      .where(sql`${t.customer_ref} is not null`),
  ],
);
