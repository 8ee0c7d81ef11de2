import type { TFunction } from 'i18next';
import { formatDuration } from './api.ts';

/** Shown for the length when neither the audio nor the call record gives one. */
export const UNKNOWN_LENGTH = '-:--';

/** A length in seconds worth showing: a finite number above zero. */
const known = (seconds: number | null | undefined): seconds is number =>
  typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0;

/**
 * What a recording player shows for the time: "0:12 / 3:25". The length is the audio's own once the
 * browser has read it; until then, or when the audio could not be loaded (or reports no length, as
 * a stream without one does), the call record's `duration_s`, with a note saying where it is from.
 */
export function playerTime(
  t: TFunction,
  {
    at,
    audioSeconds,
    recordSeconds,
  }: { at: number; audioSeconds: number | null; recordSeconds?: number | null },
): { text: string; lengthFrom: 'audio' | 'record' | null; note: string | null } {
  const current = formatDuration(at);
  if (known(audioSeconds))
    return { text: `${current} / ${formatDuration(audioSeconds)}`, lengthFrom: 'audio', note: null };
  if (known(recordSeconds))
    return {
      text: `${current} / ${formatDuration(recordSeconds)}`,
      lengthFrom: 'record',
      note: t('interactions.player.lengthFromRecord'),
    };
  return { text: `${current} / ${UNKNOWN_LENGTH}`, lengthFrom: null, note: null };
}
