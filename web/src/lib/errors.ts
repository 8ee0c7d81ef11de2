import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { type ImportFileIssue, importFileIssueOf } from '../../../shared/import-issues.ts';
import { WORKFLOW_REFUSAL_REASONS, type WorkflowRefusal } from '../../../shared/workflow.ts';
import { ApiError } from './api.ts';

/** Field messages the server sends in `details` that have a translation. */
const FIELD_MESSAGES = {
  taken: 'errors.field.taken',
  required: 'errors.field.required',
  empty: 'errors.field.empty',
} as const;

/**
 * A sentence for the user: translated by error code. Where the server's message says more than
 * the code (conflicts, missing records, validation summaries), an English UI shows it as sent; a
 * Chinese one says the code's sentence (a validation summary as its detail).
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : t('errors.unknown');
  switch (error.code) {
    case 'network_error':
      return t('errors.network');
    case 'too_many_requests': {
      const seconds = error.retryAfterSeconds;
      return seconds
        ? t('errors.tooManyRequests', { minutes: Math.ceil(seconds / 60) })
        : t('errors.codes.too_many_requests');
    }
    case 'conflict':
      if (isWorkflowRefusal(error.details)) return workflowRefusalText(t, error.details);
      return serverSays(t, error) ?? t('errors.codes.conflict');
    case 'not_found':
    case 'bad_request':
      return serverSays(t, error) ?? t(`errors.codes.${error.code}`);
    case 'validation_failed': {
      // A whole file that cannot be imported: what is wrong (which columns are missing) by its problem.
      const fileIssue = importFileIssueOf(error.details);
      if (fileIssue) return importFileProblemText(t, fileIssue);
      if (error.fieldIssues.length > 0 || !error.message) return t('errors.codes.validation_failed');
      // What exactly is wrong (a path and a reason) only the server's sentence says: kept as the
      // detail of a sentence in the UI language.
      return (
        serverSays(t, error) ??
        t('errors.withDetail', { message: t('errors.codes.validation_failed'), detail: error.message })
      );
    }
    case 'payload_too_large': {
      const max = maxBytesOf(error.details);
      return max === null
        ? t('errors.codes.payload_too_large')
        : t('errors.tooLarge', { size: formatSize(max) });
    }
    default:
      return t(`errors.codes.${error.code}`);
  }
}

/**
 * The server's own sentence, when the UI speaks its language (English) and it sent one; otherwise
 * null, and the caller says it by error code in the UI language.
 */
function serverSays(t: TFunction, error: ApiError): string | null {
  return error.message && t('errors.serverLanguage') === 'en' ? error.message : null;
}

/** A file that cannot be imported as a whole, in the UI language (naming the missing columns). */
export function importFileProblemText(t: TFunction, issue: ImportFileIssue): string {
  if ((issue.problem === 'unreadable_csv' || issue.problem === 'not_utf8') && issue.line === undefined) {
    return t(`imports.fileProblem.${issue.problem}_noLine`);
  }
  return t(`imports.fileProblem.${issue.problem}`, {
    columns: (issue.columns ?? []).join(', '),
    line: issue.line ?? '?',
    limit: issue.limit_mb ?? '?',
  });
}

/** The limit a 413 names in `details.max_bytes`, if it does. */
function maxBytesOf(details: unknown): number | null {
  if (typeof details !== 'object' || details === null || !('max_bytes' in details)) return null;
  return typeof details.max_bytes === 'number' ? details.max_bytes : null;
}

/** 2147483648 → "2 GB", 5242880 → "5 MB", 65536 → "64 KB". */
export function formatSize(bytes: number): string {
  const units = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ] as const;
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Math.round((bytes / size) * 10) / 10} ${unit}`;
  }
  return `${bytes} B`;
}

function isWorkflowRefusal(details: unknown): details is WorkflowRefusal {
  if (typeof details !== 'object' || details === null || !('reason' in details)) return false;
  return (WORKFLOW_REFUSAL_REASONS as readonly unknown[]).includes(details.reason);
}

/** A refused step of the evaluation and dispute workflow (409), in the UI language. */
export function workflowRefusalText(t: TFunction, refusal: WorkflowRefusal): string {
  switch (refusal.reason) {
    case 'transition': {
      const { status, action } = refusal;
      const actionText = t(`errors.workflow.action.${action}`);
      const statusText = t(`evaluations.status.${status}`);
      if (status === 'disputed') return t('errors.workflow.underDispute', { action: actionText });
      if (action === 'edit' || action === 'submit') return t('errors.workflow.submitted');
      if (status === 'draft') return t('errors.workflow.draft', { action: actionText });
      if (action === 'countersign' && status === 'submitted') return t('errors.workflow.notAcknowledged');
      if (action === 'dispute') return t('errors.workflow.noLongerDisputable', { status: statusText });
      return t('errors.workflow.already', { status: statusText });
    }
    case 'dispute_closed':
      return t('errors.workflow.dispute_closed', { status: t(`disputes.status.${refusal.dispute_status}`) });
    default:
      return t(`errors.workflow.${refusal.reason}`);
  }
}

function fieldMessage(t: TFunction, message: string): string {
  const key = FIELD_MESSAGES[message as keyof typeof FIELD_MESSAGES];
  return key ? t(key) : message;
}

/**
 * Puts the server's field-level problems onto the matching form fields.
 * @returns true when at least one field of the form got a message.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, t: TFunction): boolean {
  if (!(error instanceof ApiError)) return false;
  const known = new Set(
    Object.keys(form.getFieldsValue(true) as Record<string, unknown>).concat(
      form
        .getFieldsError()
        .map((f) => String(f.name[0]))
        .filter(Boolean),
    ),
  );
  const issues = error.fieldIssues.filter((i) => i.path.length > 0 && known.has(String(i.path[0])));
  if (issues.length === 0) return false;
  form.setFields(
    issues.map((i) => ({
      name: i.path.length === 1 ? i.path[0]! : i.path,
      errors: [
        error.code === 'invalid_credentials'
          ? t('errors.field.wrongPassword')
          : error.code === 'duplicate'
            ? t('errors.field.taken')
            : fieldMessage(t, i.message),
      ],
    })),
  );
  return true;
}
