import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from './api.ts';

/** Field messages the server sends in `details` that have a translation. */
const FIELD_MESSAGES = {
  taken: 'errors.field.taken',
  required: 'errors.field.required',
  empty: 'errors.field.empty',
} as const;

/**
 * A sentence for the user: translated by error code; the server's own message where it says more
 * than the code (conflicts, validation summaries), which stays in English.
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
    case 'not_found':
    case 'bad_request':
      return error.message || t(`errors.codes.${error.code}`);
    case 'validation_failed':
      return error.fieldIssues.length > 0 ? t('errors.codes.validation_failed') : error.message;
    default:
      return t(`errors.codes.${error.code}`);
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
