import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import type { DocLang } from '../../documents/labels.ts';
import { interactionImportRejections, interactionImports } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import { logger } from '../../logger.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type { TImportResult, TInteractionImport } from '../../../../shared/schemas/interaction.ts';
import { ERROR_CODES, type ErrorCode } from '../../../../shared/errors.ts';
import {
  type RowIssue,
  TEXT_ENCODINGS,
  type TextEncodingName,
  isCitedBy,
  isFieldTooLong,
} from '../../../../shared/import-issues.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { REJECTIONS_EXTRA_HEADER, type StoredRow, rejectedRowCells } from './import.reasons.ts';
import { csvCell } from '../reports/kpi.service.ts';
import { INTERACTION_COLUMNS } from '../../../../shared/schemas/interaction.ts';
import { type RowLookups, cellText, checkRow } from './import.row.ts';
import { storableText } from '../../http/file-error.ts';
import { zoneOffsetMs } from '../../../../shared/time.ts';
import { type ImportFormat, recordsOf } from './import.sources.ts';
import {
  type BatchCounts,
  type Held,
  type ImportBatch,
  type Superseded,
  openBatch,
} from './import.writer.ts';

/** When a batch is written: whichever of these it reaches first. */
export type BatchLimits = {
  /** Rows (a batch is one transaction: bigger batches spread its fixed cost over more rows). */
  rows: number;
  /** Characters of staged text (transcripts make rows large; this bounds a batch's size). */
  chars: number;
  /** Rejected rows held before they are written. */
  rejections: number;
};

/**
 * On PostgreSQL the rows stream into the database as they are read, so a batch costs no memory
 * in Node; on PGlite a batch is kept until it is inserted in one statement, whose JSON the
 * embedded database's memory must hold too (2 MB: 900 → 780 MiB peak for 100,000 transcripts).
 */
const LIMITS: { postgres: BatchLimits; pglite: BatchLimits } = {
  postgres: { rows: 20_000, chars: 8 * 1024 * 1024, rejections: 5000 },
  pglite: { rows: 5000, chars: 2 * 1024 * 1024, rejections: 5000 },
};

export type ImportTarget = {
  db: Db;
  pool: pg.Pool | null;
  timezone: string;
  /** Overrides of the batch limits (tests use small batches). */
  limits?: Partial<BatchLimits>;
};
export type ImportUpload = {
  path: string;
  filename: string | null;
  format: ImportFormat;
  bytes: number;
  source: string;
};

/** The synchronous answer lists at most this many rejected rows; the CSV download has them all. */
export const REJECTED_IN_ANSWER = 10_000;
/** A running import whose heartbeat is older than this was stopped with its process. */
const STALE_AFTER_SECONDS = 120;

type Rejection = {
  row: number;
  code: string;
  reason: string;
  raw: string | null;
  /** Columns whose cell was too large to keep whole in `raw` (cut to KEEP_CELL_CHARS). */
  cut?: string[] | null;
  details?: RowIssue | null;
};

/**
 * A rejected row's cell is kept whole up to this many characters, so the rejected-rows file can be
 * fixed and imported again: twice the transcript limit, so an over-long transcript can be
 * shortened. A larger cell (a hostile 10 MB line) is cut to this length and named; the file says
 * so. Every column's limit is far below it, so a cut cell is rejected again if imported as it is.
 */
export const KEEP_CELL_CHARS = 2 * 1024 * 1024;

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

/** What a batch carries besides its rows, taken when it is full. */
type BatchTail = {
  rejected: Rejection[];
  /** Characters of the rejected rows held (a batch is written before they pass `chars`). */
  rejectedChars: number;
  firstLine: number | null;
  lastLine: number | null;
  rowsRead: number;
  bytesRead: number;
};

/**
 * Reads the uploaded file and writes it in batches (see import.writer.ts). Each batch commits its
 * rows, its rejections, the import's progress and an audit entry together, in file order. One
 * batch is committed while the next is read, checked and (on PostgreSQL) already copied to the
 * database. Never throws for bad rows; throws AppError when the file as a whole is unusable
 * (then the import is `failed`, and the batches before stay).
 */
export async function runImport(
  target: ImportTarget,
  importId: number,
  upload: ImportUpload,
  ctx: AuditContext,
): Promise<void> {
  const { db } = target;
  const limits = { ...(target.pool ? LIMITS.postgres : LIMITS.pglite), ...target.limits };
  await db.execute(
    sql`update interaction_imports set status = 'running', heartbeat_at = now() where id = ${importId}`,
  );
  let bytesRead = 0;
  let rowsRead = 0;
  /** The batch being filled, and the one being committed (at most one) while the next fills. */
  const state: { batch: ImportBatch | null; committing: Promise<unknown> | null } = {
    batch: null,
    committing: null,
  };
  let tail: BatchTail = emptyTail();
  let batchesWritten = 0;
  let probe = true;
  /** How the CSV's bytes are read (told by the reader from the file's start). */
  let encoding: TextEncodingName = 'utf-8';

  const afterBatch =
    (t: BatchTail) =>
    async (tx: DbOrTx, counts: BatchCounts, superseded: Superseded[], held: Held[]): Promise<void> => {
      // The same contact twice in one batch: the later line wins, as it would across batches.
      const rejected = t.rejected.concat(
        superseded.map((s) => ({
          row: s.line,
          code: 'superseded',
          reason: `external_id "${s.external_id.slice(0, 60)}" appears again on line ${s.next_line}; that line is kept`,
          raw: null,
        })),
        held.map((h) => heldRejection(h, target.timezone)),
      );
      rejected.sort((a, b) => a.row - b.row);
      if (rejected.length > 0) {
        await tx
          .insert(interactionImportRejections)
          .values(rejected.map((r) => ({ import_id: importId, ...r })));
      }
      await tx.execute(sql`
        update interaction_imports set imported = imported + ${counts.imported}, updated = updated + ${counts.updated},
          unchanged = unchanged + ${counts.unchanged}, rejected = rejected + ${rejected.length},
          rows_read = ${t.rowsRead}, bytes_read = ${t.bytesRead}, encoding = ${encoding}, heartbeat_at = now()
        where id = ${importId}`);
      await recordAudit(tx, ctx, {
        action: 'interaction.import_batch',
        entityType: 'interaction_import',
        entityId: importId,
        after: {
          ...counts,
          rejected: rejected.length,
          first_line: t.firstLine,
          last_line: t.lastLine,
          ...(encoding === 'utf-8' ? {} : { encoding }),
        },
      });
    };

  /** Closes the filling batch and starts its commit once the one before has committed. */
  const rotate = async () => {
    const full = state.batch ?? (await openBatch(target));
    state.batch = null;
    const t: BatchTail = { ...tail, rowsRead, bytesRead };
    tail = emptyTail();
    try {
      await full.close();
      const previous = state.committing;
      state.committing = null;
      if (previous) await previous;
    } catch (err) {
      await full.abort();
      throw err;
    }
    // A batch of only new rows (a first import) says the next one will be new too: it is written
    // by a plain INSERT, without the unchanged-row probe (and upserted after all if it meets a
    // stored id); any batch that met a stored row turns the probe back on.
    const commit = full.commit(importId, { probe }, afterBatch(t)).then((counts) => {
      probe = counts.updated + counts.unchanged > 0;
      return counts;
    });
    // Awaited by the next rotation or at the end; this only keeps a failure from being reported as unhandled.
    commit.catch(() => undefined);
    state.committing = commit;
    batchesWritten++;
  };

  try {
    const lookups = await loadLookups(db, target.timezone);
    const records = recordsOf(
      upload.format,
      upload.path,
      (n) => (bytesRead += n),
      (e) => (encoding = e),
    );
    const reject = (rejection: Rejection) => {
      tail.rejected.push(rejection);
      tail.rejectedChars += rejection.raw?.length ?? 0;
    };
    for await (const batch of records) {
      for (const record of batch) {
        rowsRead++;
        if ('error' in record) {
          // The row as read (by column, or its cells when they could not be mapped), so the person
          // sees the line and can fix it in the rejected-rows file.
          const cells = record.values ?? record.cells;
          reject({ row: record.row, ...record.error, ...(cells ? keptRow(cells) : { raw: null }) });
        } else {
          const checked = checkRow(record.values, lookups);
          if (!checked.ok) {
            reject({
              row: record.row,
              code: checked.code,
              reason: checked.reason,
              ...keptRow(record.values),
              details: checked.details ?? null,
            });
          } else {
            const { row } = checked;
            tail.firstLine ??= record.row;
            tail.lastLine = record.row;
            state.batch ??= await openBatch(target);
            const wait = state.batch.add(record.row, row);
            if (wait) await wait;
          }
        }
        if (
          (state.batch && (state.batch.rows >= limits.rows || state.batch.chars >= limits.chars)) ||
          tail.rejected.length >= limits.rejections ||
          tail.rejectedChars >= limits.chars
        ) {
          await rotate();
        }
      }
    }
    bytesRead = upload.bytes;
    if (state.batch || tail.rejected.length > 0 || batchesWritten === 0) await rotate();
    await state.committing;
    await db.execute(sql`update interaction_imports set status = 'done', finished_at = now(), bytes_read = ${upload.bytes}
      where id = ${importId}`);
  } catch (err) {
    // The filling batch is given up; a batch still committing finishes (or fails) first.
    await state.batch?.abort();
    await state.committing?.catch(() => undefined);
    const known = err instanceof AppError;
    const message = known ? err.message : 'The import stopped because of an internal error.';
    const code = known ? err.code : 'internal_error';
    // What the error answer's `details` would have been, so a client can translate the failure.
    const details = known && err.details !== undefined ? JSON.stringify(err.details) : null;
    if (!known) logger.error('import failed', { import_id: importId, err: String(err) });
    const markFailed = (withDetails: string | null) =>
      db.execute(
        sql`update interaction_imports set status = 'failed', finished_at = now(), error = ${storableText(message)},
          error_code = ${code}, error_details = ${withDetails}::jsonb where id = ${importId}`,
      );
    // The status must land even if the details cannot be stored: then without them.
    await markFailed(details)
      .catch(() => markFailed(null))
      .catch((e: unknown) =>
        logger.error('could not mark the import failed', { import_id: importId, err: String(e) }),
      );
    throw err;
  } finally {
    await fs.promises.rm(upload.path, { force: true });
  }
}

/** An instant as wall time in the center zone with its offset ("2026-10-01T09:30:00+08:00"), as a file can say it. */
function localInstant(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  const offset = zoneOffsetMs(instant, timeZone);
  const wall = new Date(instant + offset).toISOString();
  const ms = wall.slice(19, 23) === '.000' ? '' : wall.slice(19, 23);
  const minutes = Math.abs(offset) / 60_000;
  const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${wall.slice(0, 19)}${ms}${zone}`;
}

/**
 * A row the writer left unapplied because evaluations cite the stored contact (see
 * import.writer.ts Held): rejected with its cells as staged, so the rejected-rows file can be
 * imported again (with the agent's username, the queue's code and the time in the center zone).
 */
function heldRejection(h: Held, timeZone: string): Rejection {
  const id = `external_id "${h.external_id.slice(0, 60)}"`;
  const ids = h.evaluations.join(', ');
  const reason =
    h.code === 'evidence_cited'
      ? `${id} is cited as evidence by submitted evaluation${h.evaluations.length === 1 ? '' : 's'} ${ids}: an import does not change it; the stored interaction is kept as it was`
      : `${id} has draft evaluation${h.evaluations.length === 1 ? '' : 's'} ${ids} of its stored agent: an import does not change its agent; the stored interaction is kept as it was`;
  const c = h.cells;
  const cells: Record<(typeof INTERACTION_COLUMNS)[number], string> = {
    external_id: c.external_id,
    agent: c.agent,
    started_at: localInstant(c.started_at, timeZone),
    duration_s: String(c.duration_s),
    channel: c.channel,
    direction: c.direction,
    queue: c.queue ?? '',
    customer_ref: c.customer_ref ?? '',
    recording_url: c.recording_url ?? '',
    transcript: c.transcript ?? '',
  };
  return {
    row: h.line,
    code: h.code,
    reason,
    ...keptRow(cells),
    details: { problem: 'cited', evaluations: h.evaluations },
  };
}

function emptyTail(): BatchTail {
  return { rejected: [], rejectedChars: 0, firstLine: null, lastLine: null, rowsRead: 0, bytesRead: 0 };
}

/**
 * A rejected row as stored: its cells as JSON (an object by column, or the list of cells), each
 * cell whole up to KEEP_CELL_CHARS; larger cells are cut to it and named in `cut`.
 */
function keptRow(cells: Record<string, unknown> | unknown[]): Pick<Rejection, 'raw' | 'cut'> {
  const cut: string[] = [];
  const keep = (name: string, value: unknown): string => {
    const text = cellText(name, value);
    if (text.length <= KEEP_CELL_CHARS) return text;
    cut.push(name);
    return text.slice(0, KEEP_CELL_CHARS);
  };
  const kept = Array.isArray(cells)
    ? cells.map((v, i) => keep(String(i + 1), v))
    : Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, keep(k, v)]));
  return { raw: storableText(JSON.stringify(kept)), cut: cut.length > 0 ? cut : null };
}

/** The stored row for the preview column of the API's rejected-rows file: at most 500 characters. */
function preview(raw: string | null): string | null {
  return raw !== null && raw.length > 500 ? `${raw.slice(0, 500)}…` : raw;
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
  error_code: string | null;
  error_details: unknown;
  stale: boolean;
  encoding: string;
};

const SELECT_IMPORT = sql`
  select i.id, i.status, i.source, i.filename, i.format, i.created_by, u.display_name as created_by_name,
    i.created_at, i.finished_at, i.bytes_total, i.bytes_read, i.rows_read, i.imported, i.updated, i.unchanged,
    i.rejected, i.error, i.error_code, i.error_details, i.encoding,
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
    encoding: encodingOf(r.encoding),
    error: r.stale
      ? 'The import stopped with its server process; the batches before that were kept. Upload the file again to finish it (rows already imported count as unchanged).'
      : r.error,
    error_code: r.stale ? null : errorCodeOf(r.error_code),
    error_details: r.stale ? null : (r.error_details ?? null),
  };
}

const encodingOf = (encoding: string): TextEncodingName =>
  TEXT_ENCODINGS.find((e) => e === encoding) ?? 'utf-8';

const errorCodeOf = (code: string | null): ErrorCode | null => ERROR_CODES.find((c) => c === code) ?? null;

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
  const rejected = await queryRows<TImportResult['rejected'][number]>(
    db,
    sql`select row, code, reason, details from interaction_import_rejections where import_id = ${id} order by row, id limit ${REJECTED_IN_ANSWER}`,
  );
  return {
    import_id: id,
    status: presentImport(row).status,
    imported: row.imported,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected,
    rejected_total: row.rejected,
    encoding: encodingOf(row.encoding),
  };
}

/** The issue's keys in a fixed order for the file (jsonb stores them in its own). */
const inIssueOrder = (issue: RowIssue): RowIssue => {
  if (isCitedBy(issue)) return { problem: issue.problem, evaluations: issue.evaluations };
  if (isFieldTooLong(issue)) {
    const { problem, field, limit, unit } = issue;
    return { problem, field, limit, unit };
  }
  const { problem, turn, field, limit } = issue;
  return limit === undefined ? { problem, turn, field } : { problem, turn, field, limit };
};

type StoredRejection = StoredRow & { id: number };

/**
 * All rejected rows of an import as CSV (UTF-8 with a byte order mark, for Excel).
 *
 * With `lang`, for people: the import's own columns with each row's cells as read, then the line
 * and the reason in `lang` (see `rejectionsForPeople`), so the file can be fixed and imported again.
 * Without, for API clients: `row,code,reason,raw,details` (raw: the row as JSON, cut at 500
 * characters; details: JSON, for a bad transcript or a long cell what exactly is wrong).
 */
export async function* rejectionsCsv(
  db: Db,
  actor: Actor,
  id: number,
  lang?: DocLang,
): AsyncGenerator<string> {
  authorize(actor, 'imports.read');
  const [exists] = await queryRows<{ id: number }>(
    db,
    sql`select id from interaction_imports where id = ${id}`,
  );
  if (!exists) throw notFound('import');
  const header = lang
    ? [...INTERACTION_COLUMNS, ...REJECTIONS_EXTRA_HEADER[lang]]
    : ['row', 'code', 'reason', 'raw', 'details'];
  yield `\uFEFF${header.map(csvCell).join(',')}\n`;
  const cells = (r: StoredRejection): (string | number | null)[] =>
    lang
      ? rejectedRowCells(r, lang)
      : [r.row, r.code, r.reason, preview(r.raw), r.details ? JSON.stringify(inIssueOrder(r.details)) : null];
  let lastId = 0;
  for (;;) {
    const page = await queryRows<StoredRejection>(
      db,
      // Ordered by the table's column, not the `id::int` alias, so the primary key gives the order
      // (by the alias PostgreSQL sorted every remaining rejection for each page). The format
      // without `lang` shows 500 characters of the row: no more is read.
      sql`select r.id::int as id, r.row, r.code, r.reason, ${lang ? sql`r.raw` : sql`left(r.raw, 501)`} as raw,
            r.cut, r.details
          from interaction_import_rejections r
          where r.import_id = ${id} and r.id > ${lastId} order by r.id limit ${lang ? 20 : 5000}`,
    );
    if (page.length === 0) return;
    yield page.map((r) => cells(r).map(csvCell).join(',')).join('\n') + '\n';
    lastId = page.at(-1)?.id ?? lastId;
  }
}
