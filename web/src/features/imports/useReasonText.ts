import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  type FieldTooLong,
  type RowIssue,
  isCitedBy,
  isFieldTooLong,
} from '../../../../shared/import-issues.ts';
import type { TranscriptIssue } from '../../../../shared/transcript-issues.ts';
import { qualityEn } from '../../i18n/areas/quality.en.ts';

type ReasonCode = keyof typeof qualityEn.imports.reasons;

const isReasonCode = (code: string): code is ReasonCode => code in qualityEn.imports.reasons;

/** What exactly is wrong with a transcript, in the current language. */
export function transcriptIssueSentence(t: TFunction, issue: TranscriptIssue): string {
  const what = t(`imports.transcriptIssue.problems.${issue.problem}`, {
    field: issue.field ? t(`imports.transcriptIssue.fields.${issue.field}`) : '',
    limit: issue.limit ?? '',
  });
  return issue.turn === null
    ? t('imports.transcriptIssue.whole', { what })
    : t('imports.transcriptIssue.atTurn', { turn: issue.turn, what });
}

/** A cell too long, naming the column and its limit, in the current language. */
export function fieldTooLongSentence(t: TFunction, issue: FieldTooLong): string {
  return t(`imports.tooLong.${issue.unit}`, {
    field: t(`imports.tooLong.fields.${issue.field}`),
    limit: issue.limit,
  });
}

/**
 * A rejection's reason in the current language: from its details when the server sent them (a bad
 * transcript's exact problem, the column too long and its limit), else the explanation of its
 * stable code; the server's English text otherwise.
 */
export function reasonText(t: TFunction, code: string, reason: string, details?: RowIssue | null): string {
  const general = isReasonCode(code) ? t(`imports.reasons.${code}`) : reason;
  if (details && isCitedBy(details)) {
    // Held because evaluations cite the contact: the explanation, naming them.
    if (details.evaluations.length === 0) return general;
    const ids = details.evaluations.map((id) => `#${id}`).join(t('imports.citedBySeparator'));
    return t('imports.citedBy', { reason: general, ids });
  }
  if (details)
    return isFieldTooLong(details) ? fieldTooLongSentence(t, details) : transcriptIssueSentence(t, details);
  return general;
}

/**
 * Codes whose server text says no more than their explanation (no value, no column, no line): the
 * explanation alone is shown for them.
 */
const SAYS_NOTHING_MORE: ReadonlySet<string> = new Set<ReasonCode>([
  'missing_external_id',
  'missing_agent',
  'bad_recording_url',
  'bad_row',
]);

/**
 * The server's own text of a rejection, labelled, where it adds to the explanation `reasonText`
 * gives (the agent, the value or the line it names); null where it would repeat it: the details
 * were translated, the code is unknown (its text is the reason already) or the text names nothing.
 */
export function reasonDetailText(
  t: TFunction,
  code: string,
  reason: string,
  details?: RowIssue | null,
): string | null {
  if (details || !isReasonCode(code) || SAYS_NOTHING_MORE.has(code) || !reason.trim()) return null;
  return t('imports.rejections.detail', { detail: reason });
}

export function useReasonText(): {
  reasonText: (code: string, reason: string, details?: RowIssue | null) => string;
  reasonDetail: (code: string, reason: string, details?: RowIssue | null) => string | null;
} {
  const { t } = useTranslation();
  return {
    reasonText: (code, reason, details) => reasonText(t, code, reason, details),
    reasonDetail: (code, reason, details) => reasonDetailText(t, code, reason, details),
  };
}
