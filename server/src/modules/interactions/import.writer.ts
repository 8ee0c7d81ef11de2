import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import type { StagedRow } from './import.row.ts';

/** What one batch changed. */
export type BatchCounts = { imported: number; updated: number; unchanged: number };

/** Runs inside the batch's transaction after the upsert: rejections, progress, audit. */
export type AfterBatch = (tx: DbOrTx, counts: BatchCounts) => Promise<void>;

const STAGE_COLUMNS =
  'external_id, agent_id, started_at, duration_s, channel, direction, queue_id, customer_ref, recording_url, transcript, content_hash';

const CREATE_STAGE = sql.raw(`create temp table if not exists interaction_stage (
  external_id text, agent_id int, started_at timestamptz, duration_s int, channel text, direction text,
  queue_id int, customer_ref text, recording_url text, transcript jsonb, content_hash text
) on commit delete rows`);

/**
 * Moves the staged rows into interactions: new external ids are inserted, known ones updated only
 * when their content changed. `xmax = 0` tells an insert from an update.
 */
function upsertFromStage(importId: number) {
  return sql`
    with up as (
      insert into interactions (${sql.raw(STAGE_COLUMNS)}, import_id)
      select ${sql.raw(STAGE_COLUMNS)}, ${importId}::int from interaction_stage
      on conflict (external_id) do update set
        agent_id = excluded.agent_id, started_at = excluded.started_at, duration_s = excluded.duration_s,
        channel = excluded.channel, direction = excluded.direction, queue_id = excluded.queue_id,
        customer_ref = excluded.customer_ref, recording_url = excluded.recording_url,
        transcript = excluded.transcript, content_hash = excluded.content_hash,
        import_id = excluded.import_id, updated_at = now()
      where interactions.content_hash is distinct from excluded.content_hash
      returning (xmax = 0) as inserted
    )
    select count(*) filter (where inserted)::int as imported, count(*) filter (where not inserted)::int as updated from up`;
}

/** COPY text format: backslash, tab, newline and carriage return escaped; \N for null. */
function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

function copyLine(r: StagedRow): string {
  return (
    [
      r.external_id,
      r.agent_id,
      r.started_at,
      r.duration_s,
      r.channel,
      r.direction,
      r.queue_id,
      r.customer_ref,
      r.recording_url,
      r.transcript,
      r.content_hash,
    ]
      .map(copyField)
      .join('\t') + '\n'
  );
}

/** About this many characters per COPY message: one socket write per chunk, not one per row. */
const COPY_CHUNK_CHARS = 256 * 1024;

/** The batch's COPY lines joined into chunks of about COPY_CHUNK_CHARS. */
function* copyChunks(rows: StagedRow[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += copyLine(row);
    if (chunk.length >= COPY_CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

async function finish(tx: DbOrTx, importId: number, staged: number, after: AfterBatch): Promise<BatchCounts> {
  const [result] = await queryRows<{ imported: number; updated: number }>(tx, upsertFromStage(importId));
  const counts = {
    imported: result?.imported ?? 0,
    updated: result?.updated ?? 0,
    unchanged: staged - (result?.imported ?? 0) - (result?.updated ?? 0),
  };
  await after(tx, counts);
  return counts;
}

/**
 * Writes one batch in one transaction: stage, upsert, then `after` (rejections, progress and the
 * audit entry). A process killed midway leaves the batch wholly written or not at all.
 * PostgreSQL stages with COPY on a dedicated connection; PGlite with one multi-row insert.
 */
export async function writeBatch(
  target: { db: Db; pool: pg.Pool | null },
  importId: number,
  rows: StagedRow[],
  after: AfterBatch,
): Promise<BatchCounts> {
  if (target.pool) {
    const client = await target.pool.connect();
    try {
      await client.query('begin');
      const tx = drizzle(client) as unknown as DbOrTx;
      await tx.execute(CREATE_STAGE);
      if (rows.length > 0) {
        await pipeline(
          Readable.from(copyChunks(rows)),
          client.query(copyFrom(`copy interaction_stage (${STAGE_COLUMNS}) from stdin`)),
        );
      }
      const counts = await finish(tx, importId, rows.length, after);
      await client.query('commit');
      return counts;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
  return target.db.transaction(async (tx) => {
    await tx.execute(CREATE_STAGE);
    if (rows.length > 0) {
      await tx.execute(sql`
        insert into interaction_stage (${sql.raw(STAGE_COLUMNS)})
        select external_id, agent_id, started_at, duration_s, channel, direction, queue_id, customer_ref,
          recording_url, transcript::jsonb, content_hash
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
          external_id text, agent_id int, started_at timestamptz, duration_s int, channel text, direction text,
          queue_id int, customer_ref text, recording_url text, transcript text, content_hash text)`);
    }
    return finish(tx, importId, rows.length, after);
  });
}
