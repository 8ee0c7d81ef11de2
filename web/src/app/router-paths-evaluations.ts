/** Client routes of evaluations, disputes, inspector accuracy and test calls (merged into PATHS). */
export const EVALUATION_PATHS = {
  evaluate: '/evaluate',
  evaluations: '/evaluations',
  evaluation: '/evaluations/:id',
  myEvaluations: '/my-evaluations',
  disputes: '/disputes',
  accuracy: '/reports/inspector-accuracy',
  testCalls: '/test-call-scenarios',
} as const;

/** Which abilities of GET /me open each of those pages (any of them); the API checks again. */
export const EVALUATION_PAGE_ABILITIES = {
  evaluate: ['evaluations.create'],
  evaluations: ['evaluations.list'],
  disputes: ['disputes.decide', 'disputes.review'],
  accuracy: ['accuracy.read'],
  testCalls: ['test_calls.list'],
} as const;
