import type {
  AssignmentSort,
  AssignmentStatus,
  AssignmentStrategy,
  TAssignment,
  TAssignmentSummary,
  TBulkResult,
  TInspectorLoad,
} from '../../../../shared/schemas/assignments.ts';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import { api, fetchAllPages, type Page, type Query } from '../../lib/api.ts';

/** The filters of GET /assignments; dates are the center's local calendar dates. */
export type AssignmentFilters = {
  mine?: boolean;
  assignee_id?: number;
  agent_id?: number;
  team_id?: number;
  queue_id?: number;
  status?: AssignmentStatus[];
  strategy?: AssignmentStrategy;
  from?: string;
  to?: string;
  overdue?: boolean;
};

export type AssignmentListQuery = AssignmentFilters & { sort: AssignmentSort; order: 'asc' | 'desc' };

export const toQuery = (q: AssignmentListQuery): Query => ({
  ...q,
  status: q.status && q.status.length > 0 ? q.status.join(',') : undefined,
});

export const fetchAssignment = (id: number) => api.get<TAssignment>(`/assignments/${id}`);

export const fetchAllAssignments = (q: AssignmentListQuery, onProgress?: (n: number) => void) =>
  fetchAllPages<TAssignment>('/assignments', toQuery(q), onProgress);

export const fetchSummary = (mine: boolean) =>
  api.get<TAssignmentSummary>('/assignments/summary', { mine: mine || undefined });

export const fetchInspectorLoads = () => api.get<Page<TInspectorLoad>>('/assignments/inspectors');

export const skipAssignment = (id: number, reason: string, version: number) =>
  api.post<TAssignment>(`/assignments/${id}/skip`, { reason, version });

export const reassignAssignment = (id: number, assigneeId: number, version: number) =>
  api.post<TAssignment>(`/assignments/${id}/reassign`, { assignee_id: assigneeId, version });

export const releaseAssignment = (id: number, version: number) =>
  api.post<TAssignment>(`/assignments/${id}/release`, { version });

type Versioned = Pick<TAssignment, 'id' | 'version'>;

export const bulkReassign = (rows: Versioned[], assigneeIds: number[]) =>
  api.post<TBulkResult>('/assignments/reassign', {
    items: rows.map((r) => ({ id: r.id, version: r.version })),
    assignee_ids: assigneeIds,
  });

export const bulkRelease = (rows: Versioned[]) =>
  api.post<TBulkResult>('/assignments/release', {
    items: rows.map((r) => ({ id: r.id, version: r.version })),
  });

/** Teams and queues for filters and rule labels; a role that may not list them gets none. */
export async function fetchOptions(): Promise<{ teams: TTeam[]; queues: TQueue[] }> {
  const [teams, queues] = await Promise.allSettled([
    fetchAllPages<TTeam>('/teams'),
    fetchAllPages<TQueue>('/queues'),
  ]);
  return {
    teams: teams.status === 'fulfilled' ? teams.value : [],
    queues: queues.status === 'fulfilled' ? queues.value : [],
  };
}

/**
 * Where "Evaluate" goes: the inspector's draft of it, or a new evaluation of its contact. `back` is
 * the work queue's address as the inspector left it (its tab and filters), so that submitting or
 * "back to the queue" returns there.
 */
export function evaluatePath(
  a: Pick<TAssignment, 'id' | 'interaction_id' | 'draft_evaluation_id'>,
  back?: URLSearchParams,
): string {
  const params = new URLSearchParams(
    a.draft_evaluation_id
      ? { draft: String(a.draft_evaluation_id), assignment: String(a.id) }
      : { interaction: String(a.interaction_id), assignment: String(a.id) },
  );
  const queue = queueSearch(back);
  if (queue) params.set('back', queue);
  return `/evaluate?${params.toString()}`;
}

/**
 * The queue's own part of its address: everything but the banner of the assignment just completed
 * (`completed`, and `evaluation`, the evaluation that completed it).
 */
function queueSearch(params: URLSearchParams | null | undefined): string {
  const kept = new URLSearchParams(params ?? undefined);
  kept.delete('completed');
  kept.delete('evaluation');
  return kept.toString();
}

/**
 * The work queue as the inspector left it (`back` from evaluatePath), optionally with the banner of
 * an assignment just completed and the evaluation submitted for it (the banner links to it).
 */
export function queuePath(
  back: string | null,
  completed?: { assignment: number; evaluation: number },
): string {
  const params = new URLSearchParams(queueSearch(new URLSearchParams(back ?? '')));
  if (completed) {
    params.set('completed', String(completed.assignment));
    params.set('evaluation', String(completed.evaluation));
  }
  const search = params.toString();
  return search ? `/assignments?${search}` : '/assignments';
}

const positiveId = (v: string | null): number | null => {
  if (v === null || !/^[1-9][0-9]*$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
};

/** The banner's part of the queue's address (queuePath): the assignment completed and its evaluation. */
export function completedOf(params: URLSearchParams): {
  assignment: number | null;
  evaluation: number | null;
} {
  const assignment = positiveId(params.get('completed'));
  return { assignment, evaluation: assignment === null ? null : positiveId(params.get('evaluation')) };
}
