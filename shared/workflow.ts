/**
 * The life of an evaluation and its dispute (clause 5.5, flow steps B9–B16), as data: both the
 * server (which enforces it) and the browser (which shows the next steps) read it from here.
 */
export const EVALUATION_STATUSES = [
  'draft',
  'submitted',
  'disputed',
  'acknowledged',
  'countersigned',
] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const EVALUATION_METHODS = ['test_call', 'side_by_side', 'on_site', 'recording_review'] as const;
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number];

/** Clause 3: before, during or after the fact. */
export const EVALUATION_PHASES = ['before', 'during', 'after'] as const;
export type EvaluationPhase = (typeof EVALUATION_PHASES)[number];

/** Methods that work from a recorded contact; the others may have no interaction. */
export const METHODS_NEEDING_INTERACTION: readonly EvaluationMethod[] = ['recording_review'];

export const DISPUTE_STATUSES = ['team_leader', 'qa_review', 'upheld', 'corrected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const OPEN_DISPUTE_STATUSES: readonly DisputeStatus[] = ['team_leader', 'qa_review'];

export type EvaluationAction = 'edit' | 'submit' | 'acknowledge' | 'dispute' | 'countersign';

/** Which status an action needs; anything else is an illegal transition (409). */
const ALLOWED: Record<EvaluationAction, readonly EvaluationStatus[]> = {
  edit: ['draft'],
  submit: ['draft'],
  acknowledge: ['submitted'],
  dispute: ['submitted'],
  countersign: ['acknowledged'],
};

export function canTransition(status: EvaluationStatus, action: EvaluationAction): boolean {
  return ALLOWED[action].includes(status);
}

/**
 * Why a step of the workflow is refused (409), as data: the server sends it as the error's
 * `details` and the browser translates it; `refusalMessage` is the English sentence of `message`.
 */
export type WorkflowRefusal =
  | { reason: 'transition'; status: EvaluationStatus; action: EvaluationAction }
  | { reason: 'already_disputed' }
  | { reason: 'window_passed' }
  | { reason: 'dispute_closed'; dispute_status: DisputeStatus }
  | { reason: 'dispute_with_leader' }
  | { reason: 'dispute_in_review' };

export const WORKFLOW_REFUSAL_REASONS = [
  'transition',
  'already_disputed',
  'window_passed',
  'dispute_closed',
  'dispute_with_leader',
  'dispute_in_review',
] as const satisfies readonly WorkflowRefusal['reason'][];

const DONE: Record<EvaluationAction, string> = {
  edit: 'edited',
  submit: 'submitted',
  acknowledge: 'acknowledged',
  dispute: 'disputed',
  countersign: 'countersigned',
};

function transitionMessage(status: EvaluationStatus, action: EvaluationAction): string {
  const done = DONE[action];
  if (status === 'disputed')
    return `This evaluation is under dispute; it cannot be ${done} until the dispute is decided.`;
  if (action === 'edit' || action === 'submit')
    return 'This evaluation has been submitted; it changes only through a dispute (team leader, then QA lead review).';
  if (status === 'draft')
    return `This evaluation is still a draft; it cannot be ${done} before the inspector submits it.`;
  if (action === 'countersign' && status === 'submitted')
    return 'The CSR has not acknowledged this evaluation yet; the team leader countersigns after the CSR signs.';
  if (action === 'dispute') return `This evaluation is already ${status}; it can no longer be disputed.`;
  return `This evaluation is already ${status}.`;
}

export function refusalMessage(refusal: WorkflowRefusal): string {
  switch (refusal.reason) {
    case 'transition':
      return transitionMessage(refusal.status, refusal.action);
    case 'already_disputed':
      return 'This evaluation has been disputed already; the decision on that dispute stands.';
    case 'window_passed':
      return 'The confirmation window has passed; this evaluation can no longer be disputed.';
    case 'dispute_closed':
      return `This dispute is closed (${refusal.dispute_status}); it cannot be decided again.`;
    case 'dispute_with_leader':
      return "This dispute is still with the CSR's team leader; the QA lead reviews it once the team leader forwards it.";
    case 'dispute_in_review':
      return 'This dispute has been forwarded to the QA lead for review; the team leader has decided already.';
  }
}
