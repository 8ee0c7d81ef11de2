/** Client routes of the reports area (`/reports/inspector-accuracy` belongs to the evaluations area). */
export const REPORT_PATHS = {
  daily: '/reports/daily',
  tenDay: '/reports/ten-day',
  monthly: '/reports/monthly',
  kpi: '/reports/kpi',
  qaSummary: '/reports/qa-summary',
  quality: '/reports/quality',
} as const;

/**
 * Which abilities of GET /me open each page (any of them); the actions are declared in
 * server/src/modules/reports/report.policy.ts and the API checks again.
 */
export const REPORT_ABILITIES = {
  daily: ['reports.read'],
  period: ['reports.read'],
  kpi: ['reports.kpi'],
  qaSummary: ['reports.qa_summary.read'],
  qaSummaryWrite: ['reports.qa_summary.write'],
  quality: ['reports.my_quality'],
} as const;
