import type { ImportFileIssue, ImportFileProblem } from '../../../shared/import-issues.ts';
import { AppError } from '../errors.ts';

/**
 * Text as PostgreSQL can store it in text and jsonb: without NUL, and with an unpaired surrogate
 * (e.g. a message cut in the middle of a pair) replaced by U+FFFD.
 */
export function storableText(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing NUL is the point
  return text.replace(/\u0000/g, '').replace(/\p{Cs}/gu, '\ufffd');
}

/**
 * The whole file cannot be imported (400 `validation_failed`): the English sentence, and as
 * `details` the problem (and the missing columns, or the line and limit of an over-long record)
 * for a client to say it in its language. Texts are made storable: a failed import keeps them.
 */
export function fileError(
  problem: ImportFileProblem,
  sentence: string,
  message: string,
  extra: Pick<ImportFileIssue, 'columns' | 'line' | 'limit_mb'> = {},
): AppError {
  const issue: ImportFileIssue = {
    path: ['file'],
    message: storableText(message),
    problem,
    ...extra,
  };
  return new AppError('validation_failed', storableText(sentence), [issue]);
}
