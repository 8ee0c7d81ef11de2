import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
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

/**
 * A rejection's reason in the current language: a bad transcript's exact problem when the server
 * sent it, else the explanation of its stable code; the server's English text otherwise.
 */
export function useReasonText(): (code: string, reason: string, details?: TranscriptIssue | null) => string {
  const { t } = useTranslation();
  return (code, reason, details) =>
    details
      ? transcriptIssueSentence(t, details)
      : isReasonCode(code)
        ? t(`imports.reasons.${code}`)
        : reason;
}
