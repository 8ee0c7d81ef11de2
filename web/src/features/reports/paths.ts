import type { TMe } from '../../../../shared/schemas/session.ts';

/** Client routes of the reports area (`/reports/inspector-accuracy` belongs to the evaluations area). */
export const REPORT_PATHS = {
  daily: '/reports/daily',
  tenDay: '/reports/ten-day',
  monthly: '/reports/monthly',
  kpi: '/reports/kpi',
  qaSummary: '/reports/qa-summary',
  quality: '/reports/quality',
} as const;

export type ReportPage = 'daily' | 'period' | 'kpi' | 'qaSummary' | 'qaSummaryWrite' | 'quality';

/**
 * The action of server/src/modules/reports/report.policy.ts behind each page (as lists, the shape
 * RequireAbility-style checks take). Prefer `canOpenReport`.
 */
export const REPORT_ABILITIES = {
  daily: ['reports.read'],
  period: ['reports.read'],
  kpi: ['reports.kpi'],
  qaSummary: ['reports.qa_summary.read'],
  qaSummaryWrite: ['reports.qa_summary.write'],
  quality: ['reports.my_quality'],
} as const satisfies Record<ReportPage, readonly [string]>;

/**
 * Whether this user may open a report page: GET /me's ability for the page's action
 * (server/src/modules/reports/report.policy.ts decides it). The API checks every call again.
 */
export function canOpenReport(me: TMe, page: ReportPage): boolean {
  return me.abilities[REPORT_ABILITIES[page][0]] === true;
}
