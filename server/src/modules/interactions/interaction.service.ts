import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import { encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import { scopeWhere } from '../../policies/scope.ts';
import type {
  TInteraction,
  TInteractionDetail,
  TListInteractionsQuery,
} from '../../../../shared/schemas/interaction.ts';
import {
  RECORDING_FORMATS,
  type RecordingRefusal,
  recordingRefusalMessage,
} from '../../../../shared/recording-refusals.ts';
import { localDayRange } from '../../../../shared/time.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { interactionScope } from './interaction.policy.ts';
import { presentInteraction, presentInteractionDetail } from './interaction.presenter.ts';
import {
  countInteractions,
  findInteraction,
  findInteractionOwner,
  findInteractionRows,
  recordingEvidence,
} from './interaction.repo.ts';
import { detectAudioFormat, readHead } from './recording.format.ts';

function filters(actor: Actor, q: TListInteractionsQuery, timezone: string): SQL {
  const parts: SQL[] = [
    scopeWhere(actor, interactionScope(actor), { ownerId: sql`i.agent_id`, teamId: sql`u.team_id` }),
  ];
  if (q.from)
    parts.push(sql`i.started_at >= ${localDayRange(q.from, timezone).start.toISOString()}::timestamptz`);
  if (q.to) parts.push(sql`i.started_at < ${localDayRange(q.to, timezone).end.toISOString()}::timestamptz`);
  if (q.agent_id) parts.push(sql`i.agent_id = ${q.agent_id}`);
  if (q.team_id) parts.push(sql`u.team_id = ${q.team_id}`);
  if (q.queue_id) parts.push(sql`i.queue_id = ${q.queue_id}`);
  if (q.channel) parts.push(sql`i.channel = ${q.channel}`);
  if (q.direction) parts.push(sql`i.direction = ${q.direction}`);
  if (q.min_duration !== undefined) parts.push(sql`i.duration_s >= ${q.min_duration}`);
  if (q.max_duration !== undefined) parts.push(sql`i.duration_s <= ${q.max_duration}`);
  if (q.has_recording !== undefined) {
    parts.push(
      q.has_recording
        ? sql`(i.recording_file is not null or i.recording_url is not null)`
        : sql`(i.recording_file is null and i.recording_url is null)`,
    );
  }
  if (q.has_transcript !== undefined) {
    parts.push(q.has_transcript ? sql`i.transcript is not null` : sql`i.transcript is null`);
  }
  if (q.external_id) parts.push(sql`i.external_id = ${q.external_id}`);
  if (q.import_id) parts.push(sql`i.import_id = ${q.import_id}`);
  return sql.join(parts, sql` and `);
}

export async function listInteractions(
  db: Db,
  actor: Actor,
  query: TListInteractionsQuery,
  timezone: string,
): Promise<{ items: TInteraction[]; total: number; next_cursor: string | null }> {
  authorize(actor, 'interactions.list');
  if (query.from && query.to && query.from > query.to) {
    throw new AppError('validation_failed', 'from is after to.', [{ path: ['from'], message: 'after to' }]);
  }
  const where = filters(actor, query, timezone);
  const cursorPage = keysetInteractions(query);
  const rows = await findInteractionRows(db, {
    where,
    after: cursorPage.after,
    orderBy: cursorPage.orderBy,
    limit: query.limit + 1,
  });
  const total = await countInteractions(db, where);
  const options = { timezone, revealCustomerRef: can(actor, 'interactions.see_customer_ref') };
  const p = pageOf(rows, query.limit, (r) =>
    encodeCursor(
      query.sort === 'started_at' ? new Date(r.started_at).toISOString() : r.duration_s,
      Number(r.id),
    ),
  );
  return { items: p.items.map((r) => presentInteraction(r, options)), total, next_cursor: p.next_cursor };
}

/** Imported times carry milliseconds at most, so an ISO cursor compares exactly. */
function keysetInteractions(query: TListInteractionsQuery): { after: SQL; orderBy: SQL } {
  if (query.sort === 'duration_s')
    return keyset({ expr: sql`i.duration_s`, type: 'int' }, sql`i.id`, query.order, query.cursor);
  return keyset({ expr: sql`i.started_at`, type: 'timestamptz' }, sql`i.id`, query.order, query.cursor);
}

export async function getInteraction(
  db: Db,
  actor: Actor,
  id: number,
  timezone: string,
): Promise<TInteractionDetail> {
  // A role that may see no interaction at all is refused (403) before any record is looked up.
  authorize(actor, 'interactions.list');
  const row = await findInteraction(db, id);
  if (!row || !can(actor, 'interactions.read', row)) throw notFound('interaction');
  return presentInteractionDetail(row, {
    timezone,
    revealCustomerRef: can(actor, 'interactions.see_customer_ref'),
  });
}

export const AUDIO_TYPES: Record<string, string> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/m4a': 'm4a',
};
const EXT_MIME: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
};

/** The audio type of an upload, from its MIME type or else its file name. */
export function audioTypeOf(mime: string, filename: string | null): { ext: string; mime: string } | null {
  const byMime = AUDIO_TYPES[mime.toLowerCase()];
  if (byMime) return { ext: byMime, mime: EXT_MIME[byMime] ?? mime };
  const ext = filename?.split('.').pop()?.toLowerCase();
  if (ext && EXT_MIME[ext]) return { ext, mime: EXT_MIME[ext] ?? 'application/octet-stream' };
  return null;
}

/**
 * Checks, before a recording's upload is read, that the caller may attach one to this interaction:
 * 403 without the right, 404 when it does not exist or the caller may not see it, 409 when its
 * recording is already evidence of a submitted evaluation. Reading the body first would let
 * anyone with the right make the server spool a large file for nothing.
 */
export async function checkRecordingTarget(db: Db, actor: Actor, id: number): Promise<void> {
  authorize(actor, 'interactions.upload_recording');
  const owner = await findInteractionOwner(db, id);
  if (!owner || !can(actor, 'interactions.read', owner)) throw notFound('interaction');
  await refuseIfEvidence(db, id, false);
}

/** 409 when the interaction has a recording that a submitted evaluation cites (see `RecordingRefusal`). */
async function refuseIfEvidence(db: DbOrTx, id: number, lock: boolean): Promise<{ file: string | null }> {
  const evidence = await recordingEvidence(db, id, lock);
  if (evidence.recording && evidence.citedBy.length > 0)
    throw recordingRefused({ reason: 'recording_cited', evaluation_ids: evidence.citedBy });
  return { file: evidence.file };
}

/**
 * Attaches an uploaded audio file to an interaction: checks by its first bytes that it is WAV, MP3,
 * OGG or M4A audio (415 otherwise), moves it under recordings/ and records it (with an audit entry)
 * in one transaction; a replaced file is removed after the commit. A recording that a submitted
 * evaluation cites is never replaced (409, checked with the rows locked; the new file is removed).
 * The route calls `checkRecordingTarget` before the upload; the checks are made again here, on the
 * row that is written.
 */
export async function attachRecording(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  options: {
    id: number;
    tempPath: string;
    mime: string;
    filename: string | null;
    bytes: number;
    dataDir: string;
    timezone: string;
  },
): Promise<TInteractionDetail> {
  authorize(actor, 'interactions.upload_recording');
  const row = await findInteraction(db, options.id);
  if (!row || !can(actor, 'interactions.read', row)) throw notFound('interaction');
  if (!audioTypeOf(options.mime, options.filename)) {
    throw new AppError('unsupported_media_type', 'Upload the recording as WAV, MP3, OGG or M4A audio.');
  }
  if (options.bytes === 0)
    throw new AppError('validation_failed', 'The file is empty.', [{ path: ['file'], message: 'empty' }]);
  // What the file is, by its contents: the type it was sent as is only a label. The detected
  // format names the stored file and is the Content-Type it is served with.
  const detected = detectAudioFormat(await readHead(options.tempPath));
  if (!detected) throw recordingRefused({ reason: 'not_audio', formats: RECORDING_FORMATS });
  const type = detected;
  const started = new Date(row.started_at);
  const relative = path.join(
    'recordings',
    String(started.getUTCFullYear()),
    String(started.getUTCMonth() + 1).padStart(2, '0'),
    // Unique per upload: two uploads in one millisecond must not share a path (the old file is removed).
    `${row.id}-${randomUUID()}.${type.ext}`,
  );
  const absolute = path.join(options.dataDir, relative);
  await fs.promises.mkdir(path.dirname(absolute), { recursive: true });
  await fs.promises.rename(options.tempPath, absolute);
  // The file replaced, as read under the lock (another upload may have replaced the one read above).
  let replaced: string | null = null;
  try {
    await db.transaction(async (tx) => {
      // Evidence is never replaced: once a submitted evaluation cites the recording, it stays.
      replaced = (await refuseIfEvidence(tx, options.id, true)).file;
      await tx.execute(sql`update interactions set recording_file = ${relative}, recording_mime = ${type.mime},
        recording_bytes = ${options.bytes}, updated_at = now() where id = ${options.id}`);
      await recordAudit(tx, ctx, {
        action: 'interaction.attach_recording',
        entityType: 'interaction',
        entityId: options.id,
        before: { recording_file: replaced },
        after: {
          recording_file: relative,
          mime: type.mime,
          bytes: options.bytes,
          filename: options.filename,
        },
      });
    });
  } catch (err) {
    await fs.promises.rm(absolute, { force: true });
    throw err;
  }
  if (replaced) await fs.promises.rm(path.join(options.dataDir, replaced), { force: true });
  return getInteraction(db, actor, options.id, options.timezone);
}

const recordingRefused = (refusal: RecordingRefusal): AppError =>
  new AppError(
    refusal.reason === 'not_audio' ? 'unsupported_media_type' : 'conflict',
    recordingRefusalMessage(refusal),
    refusal,
  );

/** The uploaded recording's file, for a caller who may see the interaction. */
export async function recordingFile(
  db: Db,
  actor: Actor,
  id: number,
  dataDir: string,
): Promise<{ path: string; mime: string; bytes: number }> {
  authorize(actor, 'interactions.list');
  const row = await findInteraction(db, id);
  if (!row || !can(actor, 'interactions.read', row)) throw notFound('interaction');
  if (!row.recording_file) throw notFound('recording');
  const file = path.join(dataDir, row.recording_file);
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat) throw notFound('recording file');
  return { path: file, mime: row.recording_mime ?? 'application/octet-stream', bytes: stat.size };
}
