import type { ComplianceStatus } from '../../../../shared/schemas/compliance.ts';

export type ProjectionInput = {
  checks: number;
  monthlyQuota: number;
  dailyQuota: number;
  /** Assigned, not yet done (they are on their way to becoming checks). */
  pending: number;
  /** On-shift days before today: the days the pace is measured on. */
  closedShiftDays: number;
  /**
   * Shift days whose checks are still to come: today (while it lasts) and the days after it,
   * rostered or estimated from the shift pattern (may be fractional).
   */
  remainingShiftDays: number;
  /** The month has ended (today is after its last day). */
  monthOver: boolean;
};

export type Projection = { status: ComplianceStatus; projected: number };

/**
 * End-of-month projection of a CSR's checks against the monthly quota (clause 4.5):
 *
 * - **pace** = (checks + pending assignments) per shift day before today; before the first such
 *   day, the daily quota (the plan is assumed to work until there is evidence);
 * - **projected** = checks + pending + pace × remaining shift days (today included);
 * - **on_track**: the quota is met, or the projection reaches it;
 * - **at_risk**: the projection falls short, but the quota is still reachable — at the daily quota
 *   on every remaining shift day, or, once the month is over, by the pending assignments;
 * - **missed**: not reachable any more.
 */
export function projectCompliance(input: ProjectionInput): Projection {
  const { checks, monthlyQuota, dailyQuota, pending, closedShiftDays, remainingShiftDays, monthOver } = input;
  if (monthOver) {
    const projected = checks + pending;
    if (checks >= monthlyQuota) return { status: 'on_track', projected };
    return { status: projected >= monthlyQuota ? 'at_risk' : 'missed', projected };
  }
  const pace = closedShiftDays > 0 ? (checks + pending) / closedShiftDays : dailyQuota;
  const projected = checks + pending + pace * remainingShiftDays;
  if (checks >= monthlyQuota) return { status: 'on_track', projected };
  const ceiling = checks + pending + Math.max(pace, dailyQuota) * remainingShiftDays;
  if (ceiling < monthlyQuota) return { status: 'missed', projected };
  if (projected < monthlyQuota) return { status: 'at_risk', projected };
  return { status: 'on_track', projected };
}
