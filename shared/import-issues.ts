import { type TranscriptIssue, parseTranscriptIssue } from './transcript-issues.ts';

/**
 * What is wrong with an import, as data, so the web app and the rejected-rows file can say it in
 * the reader's language (the API's English sentences stay as they are, for API clients).
 */

/** The columns whose text has a length limit on import. */
export const LIMITED_COLUMNS = ['external_id', 'customer_ref', 'recording_url', 'transcript'] as const;
export type LimitedColumn = (typeof LIMITED_COLUMNS)[number];

/** A rejected row's cell is too long: `limit` characters, or for a transcript `limit` MB. */
export type FieldTooLong = {
  problem: 'too_long';
  field: LimitedColumn;
  limit: number;
  unit: 'characters' | 'MB';
};

/**
 * A re-imported row left unapplied because evaluations cite the stored contact as evidence (codes
 * `evidence_cited`: submitted evaluations; `evaluated_agent_changed`: drafts of the stored agent):
 * the ids of those evaluations.
 */
export type CitedBy = { problem: 'cited'; evaluations: number[] };

/** `details` of a rejected row: a bad transcript's exact problem, the over-long cell, or the citing evaluations. */
export type RowIssue = TranscriptIssue | FieldTooLong | CitedBy;

export const isFieldTooLong = (issue: RowIssue): issue is FieldTooLong => issue.problem === 'too_long';
export const isCitedBy = (issue: RowIssue): issue is CitedBy => issue.problem === 'cited';

/** `details` of a rejected row as JSON text (the rejected-rows CSV), or null when it is neither kind. */
export function parseRowIssue(text: string | undefined): RowIssue | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<Record<keyof FieldTooLong | keyof CitedBy, unknown>> | null;
    if (v?.problem === 'cited') {
      const ids = Array.isArray(v.evaluations) ? v.evaluations : [];
      return { problem: 'cited', evaluations: ids.filter((n): n is number => Number.isInteger(n)) };
    }
    if (v?.problem === 'too_long') {
      const field = LIMITED_COLUMNS.find((c) => c === v.field);
      if (!field || typeof v.limit !== 'number') return null;
      return { problem: 'too_long', field, limit: v.limit, unit: v.unit === 'MB' ? 'MB' : 'characters' };
    }
  } catch {
    return null;
  }
  return parseTranscriptIssue(text);
}

/**
 * How an uploaded CSV's bytes were read: UTF-8 as asked, or GB18030 (GBK) when the file is not
 * UTF-8 but reads cleanly so (Excel in a Chinese locale saves "CSV" as GBK).
 */
export const TEXT_ENCODINGS = ['utf-8', 'gb18030'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

/** Why a whole import file could not be read (the import then fails; its rows are not looked at). */
export const IMPORT_FILE_PROBLEMS = [
  'missing_columns',
  'empty',
  'unreadable_header',
  'unreadable_xlsx',
  'not_an_array',
  'record_too_long',
  'unreadable_csv',
  'not_utf8',
] as const;
export type ImportFileProblem = (typeof IMPORT_FILE_PROBLEMS)[number];

/**
 * One entry of an import failure's `details` (a 400 `validation_failed`, or the failed import's
 * `error_details`): a field issue on `file` as every validation error has, plus the problem and,
 * for missing columns, which ones; for a record too long, the line it starts on and the limit.
 */
export type ImportFileIssue = {
  path: ['file'];
  message: string;
  problem: ImportFileProblem;
  columns?: string[];
  line?: number;
  limit_mb?: number;
};

/** The file issue among an error's `details`, if it has one. */
export function importFileIssueOf(details: unknown): ImportFileIssue | null {
  const list: unknown[] = Array.isArray(details) ? details : [details];
  for (const item of list) {
    if (typeof item !== 'object' || item === null || !('problem' in item)) continue;
    const problem = IMPORT_FILE_PROBLEMS.find((p) => p === item.problem);
    if (!problem) continue;
    const raw = 'columns' in item && Array.isArray(item.columns) ? (item.columns as unknown[]) : [];
    const columns = raw.filter((c): c is string => typeof c === 'string');
    const message = 'message' in item && typeof item.message === 'string' ? item.message : '';
    const line = 'line' in item && typeof item.line === 'number' ? item.line : undefined;
    const limitMb = 'limit_mb' in item && typeof item.limit_mb === 'number' ? item.limit_mb : undefined;
    return {
      path: ['file'],
      message,
      problem,
      ...(columns.length > 0 ? { columns } : {}),
      ...(line !== undefined ? { line } : {}),
      ...(limitMb !== undefined ? { limit_mb: limitMb } : {}),
    };
  }
  return null;
}
