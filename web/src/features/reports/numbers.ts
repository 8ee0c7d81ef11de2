/** How report figures read on screen (no i18n here, so tests can import it in Node). */
import { roundHalfUp } from '../../../../shared/reports/rounding.ts';

/** A score as sent by the server (already rounded half up to 1 decimal): 82.4; null → —. */
export const formatScore = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : value.toFixed(1);

/**
 * A rate or share (0–1) as a percentage with one decimal, rounded half up like the XLSX and PDF of
 * the same report (server/src/modules/reports/report.labels.ts `fmtRate`): 0.8235 → 82.4%,
 * 0.1055 → 10.6% (`toFixed` would say 10.5%, from the binary 10.549999…).
 */
export const formatPercent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${roundHalfUp(value * 100, 1).toFixed(1)}%`;

/** "82.4 (79.1–85.7)": the average with its 95% interval; the average alone when n < 2. */
export function formatCi(average: number | null, low: number | null, high: number | null): string {
  if (average === null) return '—';
  if (low === null || high === null) return formatScore(average);
  return `${formatScore(average)} (${formatScore(low)}–${formatScore(high)})`;
}
