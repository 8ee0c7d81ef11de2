/**
 * Why a recording upload is refused, as data: the API sends it as the error's `details` (with the
 * English sentence as `message`) and the web app says it in the user's language.
 * - `not_audio` (415): the file's contents are not WAV, MP3, OGG or M4A audio, whatever it was sent as.
 * - `recording_cited` (409): a submitted evaluation cites the interaction's recording; replacing it
 *   would destroy the evidence the evaluation (and any dispute of it) rests on.
 */
export type RecordingRefusal =
  | { reason: 'not_audio'; formats: readonly string[] }
  | { reason: 'recording_cited'; evaluation_ids: number[] };

export const RECORDING_FORMATS = ['WAV', 'MP3', 'OGG', 'M4A'] as const;

export function isRecordingRefusal(details: unknown): details is RecordingRefusal {
  if (typeof details !== 'object' || details === null || !('reason' in details)) return false;
  if (details.reason === 'not_audio') return true;
  return (
    details.reason === 'recording_cited' &&
    'evaluation_ids' in details &&
    Array.isArray(details.evaluation_ids) &&
    details.evaluation_ids.every((id) => typeof id === 'number')
  );
}

export function recordingRefusalMessage(refusal: RecordingRefusal): string {
  if (refusal.reason === 'not_audio')
    return `The file's contents are not ${RECORDING_FORMATS.join(', ')} audio; nothing was stored.`;
  const ids = refusal.evaluation_ids.map((id) => `#${id}`).join(', ');
  return (
    `The recording is evidence for evaluation ${ids}; it cannot be replaced, so that what was ` +
    'scored (and any dispute of it) can always be heard again. Nothing was changed.'
  );
}
