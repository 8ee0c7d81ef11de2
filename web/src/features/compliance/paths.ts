/** Client routes of the compliance area. */
export const COMPLIANCE_PATHS = {
  board: '/compliance',
  plans: '/compliance/plans',
} as const;

/** Which abilities of GET /me open each page (any of them); the API checks again. */
export const COMPLIANCE_ABILITIES = {
  board: ['compliance.read'],
  plans: ['compliance.plans', 'compliance.propose'],
} as const;
