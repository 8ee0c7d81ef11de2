import type { ComplianceStatus } from '../../../../shared/schemas/compliance.ts';

export type ProjectionInput = {
  checks: number;
  monthlyQuota: number;
  dailyQuota: number;
  /** Assigned, not yet done (they are on their way to becoming checks). */
  pending: number;
  shiftDaysSoFar: number;
  /** Shift days after today: rostered, or estimated from the shift pattern (may be fractional). */
  remainingShiftDays: number;
  /** The month has ended (today is after its last day). */
  monthOver: boolean;
};

export type Projection = { status: ComplianceStatus; projected: number };

/**
 * End-of-month projection of a CSR's checks against the monthly quota (clause 4.5):
 *
 * - **pace** = (checks + pending assignments) per shift day so far; before the first shift day, the
 *   daily quota;
 * - **projected** = checks + pending + pace × remaining shift days;
 * - **on_track**: the quota is met, or the projection reaches it;
 * - **at_risk**: the projection falls short, but the quota is still reachable;
 * - **missed**: the month is over and the quota was not met, or even checking every remaining shift
 *   day at the higher of the pace and the daily quota cannot reach it.
 */
export function projectCompliance(input: ProjectionInput): Projection {
  const { checks, monthlyQuota, dailyQuota, pending, shiftDaysSoFar, remainingShiftDays, monthOver } = input;
  const pace = shiftDaysSoFar > 0 ? (checks + pending) / shiftDaysSoFar : dailyQuota;
  const projected = monthOver ? checks : checks + pending + pace * remainingShiftDays;
  if (checks >= monthlyQuota) return { status: 'on_track', projected };
  if (monthOver) return { status: 'missed', projected };
  const ceiling = checks + pending + Math.max(pace, dailyQuota) * remainingShiftDays;
  if (ceiling < monthlyQuota) return { status: 'missed', projected };
  if (projected < monthlyQuota) return { status: 'at_risk', projected };
  return { status: 'on_track', projected };
}
