import type { TMe } from '../../../../shared/schemas/session.ts';
import type { Role } from '../../../../shared/roles.ts';

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
 * RequireAbility-style checks take). Prefer `canOpenReport`, which also covers a GET /me that
 * does not list them yet.
 */
export const REPORT_ABILITIES = {
  daily: ['reports.read'],
  period: ['reports.read'],
  kpi: ['reports.kpi'],
  qaSummary: ['reports.qa_summary.read'],
  qaSummaryWrite: ['reports.qa_summary.write'],
  quality: ['reports.my_quality'],
} as const satisfies Record<ReportPage, readonly [string]>;

const READERS: readonly Role[] = [
  'admin',
  'qa_lead',
  'qa',
  'manager',
  'hr',
  'trainer',
  'coach',
  'team_leader',
  'agent',
];

/**
 * The roles report.policy.ts allows each action, standing in only while GET /me does not list the
 * report actions among its abilities (server/src/modules/auth/session.routes.ts UI_ABILITIES).
 */
const POLICY_ROLES: Record<ReportPage, readonly Role[]> = {
  daily: READERS,
  period: READERS,
  quality: READERS,
  kpi: ['hr', 'manager', 'qa_lead', 'admin', 'team_leader'],
  qaSummary: ['qa_lead', 'qa', 'manager', 'admin'],
  qaSummaryWrite: ['qa_lead', 'admin'],
};

/**
 * Whether this user may open a report page: GET /me's ability for the page's action when the
 * server lists it, else the policy's roles. The API checks every call again.
 */
export function canOpenReport(me: TMe, page: ReportPage): boolean {
  const ability = me.abilities[REPORT_ABILITIES[page][0]];
  if (ability !== undefined) return ability;
  return me.roles.some((r) => POLICY_ROLES[page].includes(r));
}
