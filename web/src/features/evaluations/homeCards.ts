import type { EvaluationUrlFilters } from './evaluationFilters.ts';

/**
 * What each evaluation card of the home page counts, as the list's filters: the card asks the API
 * with them and its "all" link opens the list with the same ones (evaluationListLink), so the list
 * shows exactly the card's count.
 */
export const HOME_EVALUATION_CARDS = {
  /** The CSR's evaluations waiting for their signature (on /my-evaluations, which adds `mine`). */
  toConfirm: { status: 'submitted' },
  /** Signed by the CSR, waiting for the team leader's countersignature. */
  toCountersign: { status: 'acknowledged' },
  /** Not signed by the CSR within the confirmation period. */
  overdue: { overdue: true },
} as const satisfies Record<string, EvaluationUrlFilters>;

/** The inspector's own drafts. */
export const draftsOf = (evaluatorId: number): EvaluationUrlFilters => ({
  status: 'draft',
  evaluator_id: evaluatorId,
});

/** Checks that did not pass within a span of local dates (the coach's week). */
export const notPassedIn = (span: { from: string; to: string }): EvaluationUrlFilters => ({
  passed: false,
  from: span.from,
  to: span.to,
});
