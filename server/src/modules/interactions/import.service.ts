import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { interactionImportRejections, interactionImports } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import { logger } from '../../logger.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type { TImportResult, TInteractionImport } from '../../../../shared/schemas/interaction.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { type RowLookups, type StagedRow, checkRow } from './import.row.ts';
import { type ImportFormat, recordsOf } from './import.sources.ts';
import { type BatchCounts, writeBatch } from './import.writer.ts';

export type ImportTarget = { db: Db; pool: pg.Pool | null; timezone: string };
export type ImportUpload = {
  path: string;
  filename: string | null;
  format: ImportFormat;
  bytes: number;
  source: string;
};

/** Rows per transaction: big enough for COPY to pay off, small enough to keep memory flat. */
const BATCH_ROWS = 5000;
/** The synchronous answer lists at most this many rejected rows; the CSV download has them all. */
export const REJECTED_IN_ANSWER = 10_000;
/** A running import whose heartbeat is older than this was stopped with its process. */
const STALE_AFTER_SECONDS = 120;

type Rejection = { row: number; code: string; reason: string; raw: string | null };

export async function createImport(db: Db, actor: Actor, upload: ImportUpload): Promise<number> {
  authorize(actor, 'interactions.import');
  const [row] = await db
    .insert(interactionImports)
    .values({
      created_by: actor.id,
      status: 'queued',
      source: upload.source,
      filename: upload.filename,
      format: upload.format,
      bytes_total: upload.bytes,
      heartbeat_at: new Date(),
    })
    .returning({ id: interactionImports.id });
  if (!row) throw new Error('import insert returned nothing');
  return row.id;
}

async function loadLookups(db: Db, timezone: string): Promise<RowLookups> {
  const agents = await queryRows<{ id: number; key: string }>(
    db,
    sql`select id, lower(username) as key from users`,
  );
  const queues = await queryRows<{ id: number; key: string }>(
    db,
    sql`select id, lower(code) as key from queues`,
  );
  return {
    agentIdByUsername: new Map(agents.map((a) => [a.key, a.id])),
    queueIdByCode: new Map(queues.map((q) => [q.key, q.id])),
    timezone,
  };
}

/**
 * Reads the uploaded file and writes it in batches (see import.writer.ts). Each batch commits its
 * rows, its rejections, the import's progress and an audit entry together. Never throws for bad
 * rows; throws AppError when the file as a whole is unusable (then the import is `failed`).
 */
export async function runImport(
  target: ImportTarget,
  importId: number,
  upload: ImportUpload,
  ctx: AuditContext,
): Promise<void> {
  const { db } = target;
  await db.execute(
    sql`update interaction_imports set status = 'running', heartbeat_at = now() where id = ${importId}`,
  );
  let bytesRead = 0;
  let rowsRead = 0;
  let batch: StagedRow[] = [];
  let batchLines: number[] = [];
  let positionByExternalId = new Map<string, number>();
  let rejections: Rejection[] = [];

  // One batch is written while the next one is read and checked (the database and Node work at the
  // same time); batches still commit one after another, in file order.
  const inFlight: { write: Promise<unknown> | null } = { write: null };
  const flush = async () => {
    const rows = batch;
    const lines = batchLines;
    const rejected = rejections;
    const read = rowsRead;
    const bytes = bytesRead;
    batch = [];
    batchLines = [];
    positionByExternalId = new Map();
    rejections = [];
    if (inFlight.write) await inFlight.write;
    const write = writeBatch(target, importId, rows, async (tx: DbOrTx, counts: BatchCounts) => {
      if (rejected.length > 0) {
        await tx
          .insert(interactionImportRejections)
          .values(rejected.map((r) => ({ import_id: importId, ...r })));
      }
      await tx.execute(sql`
        update interaction_imports set imported = imported + ${counts.imported}, updated = updated + ${counts.updated},
          unchanged = unchanged + ${counts.unchanged}, rejected = rejected + ${rejected.length},
          rows_read = ${read}, bytes_read = ${bytes}, heartbeat_at = now()
        where id = ${importId}`);
      await recordAudit(tx, ctx, {
        action: 'interaction.import_batch',
        entityType: 'interaction_import',
        entityId: importId,
        after: {
          ...counts,
          rejected: rejected.length,
          first_line: lines[0] ?? null,
          last_line: lines.at(-1) ?? null,
        },
      });
    });
    // Awaited by the next flush or at the end; this only keeps a failure from being reported as unhandled.
    write.catch(() => undefined);
    inFlight.write = write;
  };

  try {
    const lookups = await loadLookups(db, target.timezone);
    for await (const record of recordsOf(upload.format, upload.path, (n) => (bytesRead += n))) {
      rowsRead++;
      if ('error' in record) {
        rejections.push({ row: record.row, ...record.error, raw: null });
      } else {
        const checked = checkRow(record.values, lookups);
        if (!checked.ok) {
          rejections.push({
            row: record.row,
            code: checked.code,
            reason: checked.reason,
            raw: rawPreview(record.values),
          });
        } else {
          const earlier = positionByExternalId.get(checked.row.external_id);
          if (earlier !== undefined) {
            // The same contact twice in one batch: the later line wins, as it would across batches.
            rejections.push({
              row: batchLines[earlier] ?? 0,
              code: 'superseded',
              reason: `external_id "${checked.row.external_id.slice(0, 60)}" appears again on line ${record.row}; that line is kept`,
              raw: null,
            });
            batch[earlier] = checked.row;
            batchLines[earlier] = record.row;
          } else {
            positionByExternalId.set(checked.row.external_id, batch.length);
            batch.push(checked.row);
            batchLines.push(record.row);
          }
        }
      }
      if (batch.length >= BATCH_ROWS || rejections.length >= BATCH_ROWS) await flush();
    }
    bytesRead = upload.bytes;
    await flush();
    await inFlight.write;
    await db.execute(sql`update interaction_imports set status = 'done', finished_at = now(), bytes_read = ${upload.bytes}
      where id = ${importId}`);
  } catch (err) {
    // A batch still being written finishes (or fails) before the import is marked failed.
    await inFlight.write?.catch(() => undefined);
    const message =
      err instanceof AppError ? err.message : 'The import stopped because of an internal error.';
    if (!(err instanceof AppError)) logger.error('import failed', { import_id: importId, err: String(err) });
    await db
      .execute(
        sql`update interaction_imports set status = 'failed', finished_at = now(), error = ${message} where id = ${importId}`,
      )
      .catch(() => undefined);
    throw err;
  } finally {
    await fs.promises.rm(upload.path, { force: true });
  }
}

function rawPreview(values: Record<string, unknown>): string {
  const text = JSON.stringify(values);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

type ImportRow = {
  id: number;
  status: TInteractionImport['status'];
  source: string;
  filename: string | null;
  format: string;
  created_by: number | null;
  created_by_name: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
  bytes_total: string | number | null;
  bytes_read: string | number;
  rows_read: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
  stale: boolean;
};

const SELECT_IMPORT = sql`
  select i.id, i.status, i.source, i.filename, i.format, i.created_by, u.display_name as created_by_name,
    i.created_at, i.finished_at, i.bytes_total, i.bytes_read, i.rows_read, i.imported, i.updated, i.unchanged,
    i.rejected, i.error,
    (i.status in ('queued', 'running') and i.heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})) as stale
  from interaction_imports i left join users u on u.id = i.created_by`;

function presentImport(r: ImportRow): TInteractionImport {
  const total = r.bytes_total === null ? null : Number(r.bytes_total);
  const read = Number(r.bytes_read);
  const status = r.stale ? 'interrupted' : r.status;
  return {
    id: r.id,
    status,
    source: r.source,
    filename: r.filename,
    format: r.format,
    created_by: r.created_by,
    created_by_name: r.created_by_name,
    created_at: new Date(r.created_at).toISOString(),
    finished_at: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
    bytes_total: total,
    bytes_read: read,
    progress: status === 'done' ? 1 : total ? Math.min(1, read / total) : 0,
    rows_read: r.rows_read,
    imported: r.imported,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    error: r.stale
      ? 'The import stopped with its server process; the batches before that were kept. Upload the file again to finish it (rows already imported count as unchanged).'
      : r.error,
  };
}

export async function getImport(db: Db, actor: Actor, id: number): Promise<TInteractionImport> {
  authorize(actor, 'imports.read');
  const [row] = await queryRows<ImportRow>(db, sql`${SELECT_IMPORT} where i.id = ${id}`);
  if (!row) throw notFound('import');
  return presentImport(row);
}

export async function listImports(
  db: Db,
  actor: Actor,
  query: { limit: number; cursor?: string },
): Promise<{ items: TInteractionImport[]; total: number; next_cursor: string | null }> {
  authorize(actor, 'imports.list');
  const before = query.cursor ? Number(Buffer.from(query.cursor, 'base64url').toString()) : null;
  if (before !== null && !Number.isInteger(before)) {
    throw new AppError('bad_request', 'The cursor is not one this API gave out.', [
      { path: ['cursor'], message: 'invalid cursor' },
    ]);
  }
  const rows = await queryRows<ImportRow>(
    db,
    sql`${SELECT_IMPORT} where ${before === null ? sql`true` : sql`i.id < ${before}`} order by i.id desc limit ${query.limit + 1}`,
  );
  const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from interaction_imports`);
  const items = rows.slice(0, query.limit).map(presentImport);
  const last = items.at(-1);
  return {
    items,
    total: count?.n ?? 0,
    next_cursor:
      rows.length > query.limit && last ? Buffer.from(String(last.id)).toString('base64url') : null,
  };
}

/** The synchronous answer of an import (SPEC §5). */
export async function importResult(db: Db, id: number): Promise<TImportResult> {
  const [row] = await queryRows<ImportRow>(db, sql`${SELECT_IMPORT} where i.id = ${id}`);
  if (!row) throw notFound('import');
  const rejected = await queryRows<{ row: number; code: string; reason: string }>(
    db,
    sql`select row, code, reason from interaction_import_rejections where import_id = ${id} order by row, id limit ${REJECTED_IN_ANSWER}`,
  );
  return {
    import_id: id,
    status: presentImport(row).status,
    imported: row.imported,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected,
    rejected_total: row.rejected,
  };
}

/** All rejected rows of an import, in file order, as CSV (row, code, reason, raw). */
export async function* rejectionsCsv(db: Db, actor: Actor, id: number): AsyncGenerator<string> {
  authorize(actor, 'imports.read');
  const [exists] = await queryRows<{ id: number }>(
    db,
    sql`select id from interaction_imports where id = ${id}`,
  );
  if (!exists) throw notFound('import');
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  yield '\uFEFFrow,code,reason,raw\n';
  let lastId = 0;
  for (;;) {
    const page = await queryRows<{
      id: number;
      row: number;
      code: string;
      reason: string;
      raw: string | null;
    }>(
      db,
      sql`select id::int as id, row, code, reason, raw from interaction_import_rejections
          where import_id = ${id} and id > ${lastId} order by id limit 5000`,
    );
    if (page.length === 0) return;
    yield page.map((r) => [r.row, r.code, r.reason, r.raw].map(cell).join(',')).join('\n') + '\n';
    lastId = page.at(-1)?.id ?? lastId;
  }
}
