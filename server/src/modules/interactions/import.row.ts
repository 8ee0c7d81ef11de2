import { hash } from 'node:crypto';
import {
  CHANNELS,
  DIRECTIONS,
  INTERACTION_COLUMNS,
  INTERACTION_LIMITS as L,
  type TTranscriptTurn,
  ZTranscript,
} from '../../../../shared/schemas/interaction.ts';
import { unguardFormula } from '../../../../shared/csv-guard.ts';
import type { FieldTooLong, LimitedColumn, RowIssue } from '../../../../shared/import-issues.ts';
import { parseTimestamp } from '../../../../shared/time.ts';
import { transcriptIssueOf, transcriptIssueText } from '../../../../shared/transcript-issues.ts';

/** A row ready for the staging table. */
export type StagedRow = {
  external_id: string;
  agent_id: number;
  started_at: string;
  duration_s: number;
  channel: string;
  direction: string;
  queue_id: number | null;
  customer_ref: string | null;
  recording_url: string | null;
  /** JSON text of the transcript turns. */
  transcript: string | null;
  content_hash: string;
};

/** `details`: what exactly is wrong, for the web app to say in the user's language (transcripts, long cells). */
export type RowRejection = { code: string; reason: string; details?: RowIssue };
export type RowCheck = { ok: true; row: StagedRow } | ({ ok: false } & RowRejection);

export type RowLookups = {
  agentIdByUsername: Map<string, number>;
  queueIdByCode: Map<string, number>;
  timezone: string;
};

const APOSTROPHE = 39;

/**
 * A cell from CSV (string), XLSX (string, number, Date) or JSON (any) as trimmed text, without the
 * apostrophe our CSV files put before a formula start (shared/csv-guard.ts, as the rejected-rows
 * file writes it), so a fixed rejected-rows file imports the values as they were.
 */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Spreadsheet dates carry wall time as if it were UTC: keep the wall time, read it in the center zone.
    return value.toISOString().slice(0, 23).replace('T', ' ');
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed.charCodeAt(0) === APOSTROPHE ? unguardFormula(trimmed).trim() : trimmed;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/**
 * A spreadsheet date read without its number format is a serial day count from 1899-12-30 in
 * wall time; turn it into wall-time text to be read in the center zone.
 */
function excelSerialToText(serial: number): string {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return String(serial);
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A cell of `column` as the import reads it (an XLSX serial in started_at as wall-time text): what a
 * rejected row keeps, so its rejected-rows file imports the same values again.
 */
export function cellText(column: string, value: unknown): string {
  return column === 'started_at' && typeof value === 'number' ? excelSerialToText(value) : text(value);
}

const reject = (code: string, reason: string): RowCheck => ({ ok: false, code, reason });

/** A cell over its column's limit; `details` name the column and the limit for translation. */
function tooLong(field: LimitedColumn, max: number, unit: FieldTooLong['unit'] = 'characters'): RowCheck {
  const reason =
    unit === 'MB' ? `${field} is larger than ${max} MB` : `${field} is longer than ${max} characters`;
  return { ok: false, code: 'too_long', reason, details: { problem: 'too_long', field, limit: max, unit } };
}

/** NUL and unpaired surrogates: PostgreSQL stores neither in text or jsonb (the whole batch would fail). */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|\p{Cs}/u;
/** NUL or any surrogate: a cheap first look; only text it matches is tried with UNSTORABLE. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const MAYBE_UNSTORABLE = /[\u0000\ud800-\udfff]/;

function unstorable(value: string): boolean {
  return MAYBE_UNSTORABLE.test(value) && UNSTORABLE.test(value);
}

/**
 * The transcript as its normalised JSON text (the turns with exactly speaker, start_s, end_s and
 * text, as ZTranscript answers them), or null when it is not plainly valid; then ZTranscript
 * decides and explains. The same answer as ZTranscript for every valid transcript, without zod's
 * cost per turn (a 20-turn transcript is checked here in about a tenth of the time).
 */
export function plainTranscriptJson(turns: unknown): string | null {
  if (!Array.isArray(turns) || turns.length > L.transcriptTurnsMax) return null;
  const out: TTranscriptTurn[] = [];
  for (const turn of turns as unknown[]) {
    if (turn === null || typeof turn !== 'object' || Array.isArray(turn)) return null;
    const { speaker, start_s, end_s, text } = turn as Record<string, unknown>;
    if (speaker !== 'agent' && speaker !== 'customer') return null;
    if (typeof start_s !== 'number' || !Number.isFinite(start_s) || start_s < 0) return null;
    if (typeof end_s !== 'number' || !Number.isFinite(end_s) || end_s < start_s) return null;
    if (typeof text !== 'string' || text.length > L.turnTextMax || unstorable(text)) return null;
    out.push({ speaker, start_s, end_s, text });
  }
  return JSON.stringify(out);
}

/**
 * Checks and normalises one imported row. Reasons are written for the person who prepared the file.
 */
export function checkRow(raw: Record<string, unknown>, lookups: RowLookups): RowCheck {
  for (const column of INTERACTION_COLUMNS) {
    const value = raw[column];
    if (typeof value === 'string' && unstorable(value)) {
      return reject('bad_text', `${column} contains a NUL character or broken Unicode text`);
    }
  }
  const externalId = text(raw.external_id);
  if (!externalId) return reject('missing_external_id', 'external_id is empty');
  if (externalId.length > L.externalIdMax) return tooLong('external_id', L.externalIdMax);

  const agent = text(raw.agent);
  if (!agent) return reject('missing_agent', 'agent is empty');
  const agentId = lookups.agentIdByUsername.get(agent.toLowerCase());
  if (agentId === undefined)
    return reject('unknown_agent', `unknown agent "${agent.slice(0, 64)}" (no user with that username)`);

  const startedText = cellText('started_at', raw.started_at);
  if (!startedText) return reject('bad_time', 'started_at is empty');
  const started = parseTimestamp(startedText, lookups.timezone);
  if (!started) {
    return reject(
      'bad_time',
      `started_at "${startedText.slice(0, 40)}" is not a date and time (e.g. 2026-11-02 09:30:00 or 2026-11-02T09:30:00+08:00)`,
    );
  }

  const durationText = text(raw.duration_s);
  const duration = Number(durationText);
  if (durationText === '' || !Number.isFinite(duration)) {
    return reject('bad_duration', `duration_s "${durationText.slice(0, 20)}" is not a number of seconds`);
  }
  if (duration < 0) return reject('bad_duration', 'duration_s is negative');
  if (duration > L.durationMaxSeconds)
    return reject('bad_duration', `duration_s ${duration} is longer than a day`);

  const channel = (text(raw.channel) || 'call').toLowerCase();
  if (!(CHANNELS as readonly string[]).includes(channel)) {
    return reject('bad_channel', `unknown channel "${channel.slice(0, 20)}" (use ${CHANNELS.join(', ')})`);
  }
  const direction = (text(raw.direction) || 'inbound').toLowerCase();
  if (!(DIRECTIONS as readonly string[]).includes(direction)) {
    return reject(
      'bad_direction',
      `unknown direction "${direction.slice(0, 20)}" (use ${DIRECTIONS.join(', ')})`,
    );
  }

  const queueCode = text(raw.queue);
  let queueId: number | null = null;
  if (queueCode) {
    queueId = lookups.queueIdByCode.get(queueCode.toLowerCase()) ?? null;
    if (queueId === null) return reject('unknown_queue', `unknown queue "${queueCode.slice(0, 64)}"`);
  }

  const customerRef = text(raw.customer_ref) || null;
  if (customerRef && customerRef.length > L.customerRefMax) return tooLong('customer_ref', L.customerRefMax);

  const recordingUrl = text(raw.recording_url) || null;
  if (recordingUrl) {
    if (recordingUrl.length > L.recordingUrlMax) return tooLong('recording_url', L.recordingUrlMax);
    if (!/^https?:\/\/[^\s]+$/i.test(recordingUrl)) {
      return reject('bad_recording_url', 'recording_url must be an http(s) address');
    }
  }

  let transcript: string | null = null;
  const rawTranscript = raw.transcript;
  if (rawTranscript !== undefined && rawTranscript !== null && text(rawTranscript) !== '') {
    let turns: unknown = rawTranscript;
    if (typeof rawTranscript === 'string') {
      if (rawTranscript.length > L.transcriptBytesMax) {
        return tooLong('transcript', L.transcriptBytesMax / 1024 / 1024, 'MB');
      }
      try {
        turns = JSON.parse(rawTranscript);
      } catch {
        return reject(
          'bad_transcript',
          'transcript is not valid JSON (expected an array of {speaker, start_s, end_s, text})',
        );
      }
    }
    transcript = plainTranscriptJson(turns);
    if (transcript === null) {
      const parsed = ZTranscript.safeParse(turns);
      if (!parsed.success) {
        const issue = transcriptIssueOf(parsed.error, turns);
        return {
          ok: false,
          code: 'bad_transcript',
          reason: transcriptIssueText(issue),
          details: issue,
        };
      }
      if (parsed.data.some((turn) => unstorable(turn.text))) {
        return reject('bad_text', 'transcript contains a NUL character or broken Unicode text');
      }
      transcript = JSON.stringify(parsed.data);
    }
  }

  const content = {
    external_id: externalId,
    agent_id: agentId,
    started_at: started.toISOString(),
    duration_s: Math.round(duration),
    channel,
    direction,
    queue_id: queueId,
    customer_ref: customerRef,
    recording_url: recordingUrl,
    transcript,
  };
  return { ok: true, row: Object.assign(content, { content_hash: contentHash(content) }) };
}

/**
 * SHA-1 (base64url) of the row's JSON without the hash: what a re-import compares to tell an
 * unchanged row. Keys in the StagedRow order; stored hashes depend on this exact text.
 */
export function contentHash(content: Omit<StagedRow, 'content_hash'>): string {
  return hash('sha1', JSON.stringify(content), 'base64url');
}
