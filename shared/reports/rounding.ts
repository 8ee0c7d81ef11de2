/**
 * Display rounding of report figures (contract: scores 1 decimal, rates and shares 4 decimals,
 * half up). Rounds the decimal text of the number, not its binary value, so 80.25 → 80.3 and
 * 0.00005 → 0.0001 as a person computing by hand expects.
 */
export function roundHalfUp(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  // toFixed(10) gives plain decimal text (no exponent) of the value to 10 places.
  const shifted = Math.round(Number(`${Math.abs(value).toFixed(10)}e${decimals}`) + 1e-9);
  const result = sign * Number(`${shifted}e-${decimals}`);
  return Object.is(result, -0) ? 0 : result;
}

/** A score (0–100) rounded half up to 1 decimal; null stays null. */
export const roundScore = (value: number | null): number | null =>
  value === null ? null : roundHalfUp(value, 1);

/** A rate or share (0–1) rounded half up to 4 decimals; null stays null. */
export const roundRate = (value: number | null): number | null =>
  value === null ? null : roundHalfUp(value, 4);

/**
 * Difference of two already-rounded figures, exact in their decimals (80.3 − 79.1 = 1.2, not
 * 1.2000000000000028); null when either side is null.
 */
export function difference(current: number | null, previous: number | null, decimals: number): number | null {
  if (current === null || previous === null) return null;
  const f = 10 ** decimals;
  return (Math.round(current * f) - Math.round(previous * f)) / f;
}
