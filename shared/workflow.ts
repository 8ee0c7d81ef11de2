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

/** Why an action is refused in a status, for the 409 message. */
export function transitionRefusal(status: EvaluationStatus, action: EvaluationAction): string {
  const needs = ALLOWED[action].join(' or ');
  const what: Record<EvaluationAction, string> = {
    edit: 'edited',
    submit: 'submitted',
    acknowledge: 'acknowledged',
    dispute: 'disputed',
    countersign: 'countersigned',
  };
  if (status === 'disputed')
    return `This evaluation is under dispute and cannot be ${what[action]} until the dispute is decided.`;
  return `This evaluation is ${status}; it can be ${what[action]} only when ${needs}.`;
}
