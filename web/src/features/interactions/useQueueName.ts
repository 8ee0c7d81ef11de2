import { useCallback } from 'react';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { fetchAllPages } from '../../lib/api.ts';

/**
 * Interactions carry the queue's code (`broadband`); people read its name (宽带咨询). Returns a
 * lookup that falls back to the code while the queues load or when the list is not readable.
 */
export function useQueueName(): (code: string | null | undefined) => string | null {
  const queues = useLoad(() => fetchAllPages<TQueue>('/queues').catch(() => [] as TQueue[]), []);
  const data = queues.data;
  return useCallback(
    (code) => {
      if (!code) return null;
      return data?.find((q) => q.code === code)?.name ?? code;
    },
    [data],
  );
}
