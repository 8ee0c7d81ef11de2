import type { TDispute } from './schemas/evaluation.ts';

/** Where a dispute's step stands: done, waiting on someone, skipped (never reached), or still ahead. */
export type DisputeStepState = 'done' | 'waiting' | 'skipped' | 'ahead';

/**
 * The team leader's and the QA lead's steps of a dispute. A team leader who upholds the
 * evaluation closes the dispute: the QA lead's review was skipped, not done.
 */
export function disputeStepStates(
  d: Pick<TDispute, 'status' | 'leader_decision' | 'leader_decided_at' | 'reviewed_at'>,
): { leader: DisputeStepState; review: DisputeStepState } {
  const leader: DisputeStepState = d.leader_decided_at !== null ? 'done' : 'waiting';
  const review: DisputeStepState =
    d.reviewed_at !== null
      ? 'done'
      : d.status === 'qa_review'
        ? 'waiting'
        : d.leader_decision === 'upheld'
          ? 'skipped'
          : 'ahead';
  return { leader, review };
}

/** antd's Steps status for a step's state (a skipped step stays grey, never ticked). */
export function stepStatus(state: DisputeStepState): 'finish' | 'process' | 'wait' {
  return state === 'done' ? 'finish' : state === 'waiting' ? 'process' : 'wait';
}
