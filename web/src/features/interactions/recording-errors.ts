import type { TFunction } from 'i18next';
import { RECORDING_FORMATS, isRecordingRefusal } from '../../../../shared/recording-refusals.ts';
import { ApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';

/**
 * Why a recording upload failed, in the UI language: a file that is not audio by its contents, or
 * a recording kept as evidence of a submitted evaluation; anything else as any API error.
 */
export function recordingUploadError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && isRecordingRefusal(error.details)) {
    const refusal = error.details;
    if (refusal.reason === 'not_audio')
      return t('interactions.detail.notAudioContent', { formats: RECORDING_FORMATS.join(', ') });
    return t('interactions.detail.recordingCited', {
      ids: refusal.evaluation_ids.map((id) => `#${id}`).join(', '),
    });
  }
  return errorMessage(t, error);
}
