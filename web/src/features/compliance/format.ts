import type { ComplianceStatus } from '../../../../shared/schemas/compliance.ts';

/**
 * A score or other figure rounded half up to one decimal (SPEC §3: 81.25 → 81.3). The API sends raw
 * averages and intervals; rounding happens only here, for display and exports.
 */
export function oneDecimal(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const rounded = Math.round(value * 10 + 1e-9) / 10;
  return rounded.toFixed(1);
}

/** A share (0–1) as a percentage with one decimal. */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${oneDecimal(value * 100)}%`;
}

/** A change in score points with its sign: +3.2 / −1.0. */
export function signedPoints(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const text = oneDecimal(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** antd tag colours of the three statuses. */
export const STATUS_COLOR: Record<ComplianceStatus, string> = {
  on_track: 'success',
  at_risk: 'warning',
  missed: 'error',
};

/** Chart colours of the three statuses (antd's palette). */
export const STATUS_CHART_COLOR: Record<ComplianceStatus, string> = {
  on_track: '#52c41a',
  at_risk: '#faad14',
  missed: '#ff4d4f',
};
