import { z } from 'zod';
import { ERROR_CODES } from '../errors.ts';
import { LIMITED_COLUMNS, TEXT_ENCODINGS } from '../import-issues.ts';
import { isCalendarDate } from '../time.ts';
import { TRANSCRIPT_FIELDS, TRANSCRIPT_PROBLEMS } from '../transcript-issues.ts';
import { ZPageQuery, ZQueryBool } from './common.ts';

export const CHANNELS = ['call', 'chat', 'email'] as const;
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export const SPEAKERS = ['agent', 'customer'] as const;

/** The columns of an interaction import (SPEC §5). */
export const INTERACTION_COLUMNS = [
  'external_id',
  'agent',
  'started_at',
  'duration_s',
  'channel',
  'direction',
  'queue',
  'customer_ref',
  'recording_url',
  'transcript',
] as const;
export const REQUIRED_INTERACTION_COLUMNS = [
  'external_id',
  'agent',
  'started_at',
  'duration_s',
  'channel',
] as const;

export const INTERACTION_LIMITS = {
  externalIdMax: 200,
  customerRefMax: 100,
  recordingUrlMax: 2000,
  transcriptBytesMax: 1024 * 1024,
  transcriptTurnsMax: 5000,
  turnTextMax: 10_000,
  /** A day; longer is not a real contact. */
  durationMaxSeconds: 24 * 3600,
} as const;

export const ZTranscriptTurn = z.object({
  speaker: z.enum(SPEAKERS),
  start_s: z.number().min(0),
  end_s: z.number().min(0),
  text: z.string().max(INTERACTION_LIMITS.turnTextMax),
});
export type TTranscriptTurn = z.infer<typeof ZTranscriptTurn>;

export const ZTranscript = z
  .array(ZTranscriptTurn)
  .max(INTERACTION_LIMITS.transcriptTurnsMax)
  .superRefine((turns, ctx) => {
    turns.forEach((t, i) => {
      if (t.end_s < t.start_s)
        ctx.addIssue({ code: 'custom', path: [i, 'end_s'], message: 'end_s is before start_s' });
    });
  });

const ZLocalDate = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');

export const ZInteraction = z.object({
  id: z.number().int(),
  external_id: z.string(),
  agent_id: z.number().int(),
  agent_username: z.string(),
  agent_name: z.string(),
  team_id: z.number().int().nullable(),
  started_at: z.string(),
  local_date: z.string().describe("The local date in the center's time zone."),
  duration_s: z.number().int(),
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS),
  queue_id: z.number().int().nullable(),
  queue: z.string().nullable().describe('Queue code.'),
  customer_ref: z.string().nullable().describe('Masked (138****5678) for roles that do not need it.'),
  recording_url: z.string().nullable(),
  has_recording: z.boolean().describe('An uploaded file or a recording URL.'),
  recording_uploaded: z.boolean(),
  has_transcript: z.boolean(),
  import_id: z.number().int().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TInteraction = z.infer<typeof ZInteraction>;

export const ZInteractionDetail = ZInteraction.extend({
  transcript: z.array(ZTranscriptTurn).nullable(),
  recording_mime: z.string().nullable(),
  recording_bytes: z.number().int().nullable(),
  recording_locked: z
    .boolean()
    .describe(
      'The recording is evidence: a submitted (non-draft) evaluation of this interaction cites it, so it ' +
        'can no longer be replaced (an upload answers 409 `recording_cited`).',
    ),
});
export type TInteractionDetail = z.infer<typeof ZInteractionDetail>;

export const INTERACTION_SORTS = ['started_at', 'duration_s'] as const;

export const ZListInteractionsQuery = ZPageQuery.extend({
  from: ZLocalDate.optional().describe('First local date (inclusive), in the center time zone.'),
  to: ZLocalDate.optional().describe('Last local date (inclusive).'),
  agent_id: z.coerce.number().int().positive().optional(),
  team_id: z.coerce.number().int().positive().optional(),
  queue_id: z.coerce.number().int().positive().optional(),
  channel: z.enum(CHANNELS).optional(),
  direction: z.enum(DIRECTIONS).optional(),
  min_duration: z.coerce.number().int().min(0).optional(),
  max_duration: z.coerce.number().int().min(0).optional(),
  has_recording: ZQueryBool.optional(),
  has_transcript: ZQueryBool.optional(),
  external_id: z.string().max(200).optional().describe('Exact external id.'),
  import_id: z.coerce.number().int().positive().optional(),
  sort: z.enum(INTERACTION_SORTS).default('started_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TListInteractionsQuery = z.infer<typeof ZListInteractionsQuery>;

/** What exactly is wrong with a transcript (shared/transcript-issues.ts). */
export const ZTranscriptIssue = z.object({
  problem: z.enum(TRANSCRIPT_PROBLEMS),
  turn: z.number().int().nullable().describe('The turn, counted from 1; null for the whole transcript.'),
  field: z.enum(TRANSCRIPT_FIELDS).nullable(),
  limit: z.number().int().optional().describe('The limit broken (turns or characters).'),
});

/** A cell longer than its column allows (shared/import-issues.ts). */
export const ZFieldTooLong = z.object({
  problem: z.literal('too_long'),
  field: z.enum(LIMITED_COLUMNS),
  limit: z.number().int(),
  unit: z.enum(['characters', 'MB']),
});

/** The evaluations that cite a contact a re-imported row would have changed (shared/import-issues.ts). */
export const ZCitedBy = z.object({
  problem: z.literal('cited'),
  evaluations: z.array(z.number().int()).describe('Ids of the evaluations citing the stored contact.'),
});

export const ZRejectedRow = z.object({
  row: z.number().int().describe('Line in the file (header = 1); for a JSON array, the position from 1.'),
  code: z
    .string()
    .describe(
      'Stable reason code: unknown_agent, bad_time, bad_duration, bad_transcript, too_long, bad_channel, …; ' +
        'evidence_cited (a submitted evaluation cites the stored contact, which an import does not change) and ' +
        'evaluated_agent_changed (draft evaluations score the stored agent, whom an import does not change).',
    ),
  reason: z.string().describe('In English, for a person, e.g. "transcript: turn 3: start time must be …".'),
  details: z
    .union([ZTranscriptIssue, ZFieldTooLong, ZCitedBy])
    .nullable()
    .optional()
    .describe(
      'For bad_transcript and too_long: what exactly is wrong, so a client can say it in its language; ' +
        'for evidence_cited and evaluated_agent_changed: the ids of the citing evaluations.',
    ),
});

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'interrupted'] as const;

export const ZInteractionImport = z.object({
  id: z.number().int(),
  status: z.enum(IMPORT_STATUSES),
  source: z.string(),
  filename: z.string().nullable(),
  format: z.string(),
  created_by: z.number().int().nullable(),
  created_by_name: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  bytes_total: z.number().nullable(),
  bytes_read: z.number(),
  progress: z.number().describe('0–1.'),
  rows_read: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  encoding: z
    .enum(TEXT_ENCODINGS)
    .describe(
      'How a CSV file was read: utf-8, or gb18030 when it was not UTF-8 but read cleanly as GB18030 (GBK), as Excel saves "CSV" in a Chinese locale.',
    ),
  error: z.string().nullable().describe('Why the import failed, in English.'),
  error_code: z
    .enum(ERROR_CODES)
    .nullable()
    .describe('The failure as an error code (validation_failed for a file that cannot be read).'),
  error_details: z
    .unknown()
    .describe(
      "The failure's details, as an error answer's `details`: for a file that cannot be read, " +
        '[{path: ["file"], message, problem: missing_columns|empty|unreadable_header|unreadable_xlsx|unreadable_csv|not_an_array|record_too_long|not_utf8, ' +
        'columns? (missing_columns), line? (record_too_long: where the record starts; unreadable_csv: where reading failed), limit_mb? (record_too_long)}].',
    ),
});
export type TInteractionImport = z.infer<typeof ZInteractionImport>;

export const ZImportResult = z.object({
  import_id: z.number().int(),
  status: z.enum(IMPORT_STATUSES),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(ZRejectedRow).describe('At most the first 10,000; `rejected_total` counts all.'),
  rejected_total: z.number().int(),
  encoding: z.enum(TEXT_ENCODINGS).describe('How the file was read: utf-8, or gb18030 (GBK).'),
});
export type TImportResult = z.infer<typeof ZImportResult>;

/** Masks a customer reference for roles that do not need it: 13812345678 → 138****5678. */
export function maskCustomerRef(ref: string): string {
  const chars = [...ref];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  if (chars.length <= 7)
    return chars.slice(0, 1).join('') + '*'.repeat(chars.length - 3) + chars.slice(-2).join('');
  return chars.slice(0, 3).join('') + '****' + chars.slice(-4).join('');
}
