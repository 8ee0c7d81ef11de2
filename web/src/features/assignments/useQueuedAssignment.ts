import type { TAssignment } from '../../../../shared/schemas/assignments.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { fetchAssignment } from './api.ts';
import { isOpen } from './parts.tsx';

/**
 * The work-queue assignment the evaluation workspace was opened for (`?assignment=ID`), as far as
 * the caller can still see it. `open` says whether saving should name it: a done, skipped or no
 * longer visible one (reassigned, released) is shown but not sent, so drafts still save.
 */
export type QueuedAssignment = { id: number; assignment: TAssignment | null; open: boolean };

export function useQueuedAssignment(
  id: number | null,
  /** Loaded once per workspace, like the workspace itself. */
  key: string,
): { loading: boolean; queued: QueuedAssignment | null } {
  const loaded = useLoad(async (): Promise<QueuedAssignment | null> => {
    if (id === null) return null;
    const assignment = await fetchAssignment(id).catch(() => null);
    return { id, assignment, open: assignment !== null && isOpen(assignment) };
  }, [key]);
  return { loading: id !== null && loaded.data === undefined && loaded.loading, queued: loaded.data ?? null };
}
