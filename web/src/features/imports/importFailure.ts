import type { TFunction } from 'i18next';
import type { TInteractionImport } from '../../../../shared/schemas/interaction.ts';
import { ApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';

/**
 * Why an import failed, in the UI language: from the failure's error code and details (which
 * columns are missing, …) as an error answer would say it. An import that failed before the
 * server kept the code shows the server's sentence as it was stored.
 */
export function importFailureText(
  t: TFunction,
  job: Pick<TInteractionImport, 'status' | 'error' | 'error_code' | 'error_details'>,
): string {
  if (job.status === 'interrupted') return t('imports.upload.interrupted');
  if (!job.error_code) return job.error ?? '';
  if (job.error_code === 'internal_error') return t('imports.fileProblem.internal');
  return errorMessage(t, new ApiError(400, job.error_code, job.error ?? '', job.error_details));
}

/** Why an upload was refused before it became an import (415, 413, …), in the UI language. */
export function uploadErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code === 'unsupported_media_type')
    return t('imports.upload.unsupported');
  return errorMessage(t, error);
}
