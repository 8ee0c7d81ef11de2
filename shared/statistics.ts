/**
 * The statistics behind "honest numbers": how sure we are of a CSR's average score given how few
 * checks it rests on. Used by the compliance board, the reports and the sample-size helper, on the
 * server and in the browser, so every screen and document shows the same interval.
 */

/** Two-sided 95% quantiles of Student's t for 1–30 degrees of freedom (t_{0.975, df}). */
const T975: readonly number[] = [
  12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041, 2.2621572,
  2.2281389, 2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053, 2.1098156, 2.100922, 2.0930241,
  2.0859634, 2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518305, 2.0484071,
  2.0452296, 2.0422725,
];

/** The standard normal's 97.5% quantile. */
export const Z975 = 1.959963984540054;

/**
 * t_{0.975, df}: exact (tabulated) up to 30 degrees of freedom; above that the Cornish–Fisher
 * expansion around the normal quantile, accurate to better than 1e-6 there.
 */
export function tQuantile975(df: number): number {
  if (!Number.isFinite(df) || df < 1) throw new RangeError(`degrees of freedom must be ≥ 1, got ${df}`);
  const whole = Math.floor(df);
  if (whole <= T975.length) return T975[whole - 1] as number;
  const z = Z975;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  const g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160;
  return z + g1 / whole + g2 / whole ** 2 + g3 / whole ** 3 + g4 / whole ** 4;
}

export type MeanInterval = {
  /** Number of values (checks). */
  n: number;
  /** Their mean; null when there are none. */
  mean: number | null;
  /** Sample standard deviation (n − 1); null below two values. */
  sd: number | null;
  /** The 95% confidence interval of the mean; null below two values (one check says nothing about spread). */
  low: number | null;
  high: number | null;
};

export type IntervalOptions = {
  /** Clamp the interval to the scale's range, e.g. [0, 100] for scores. */
  clamp?: readonly [number, number];
};

function clampTo(value: number, range: readonly [number, number] | undefined): number {
  if (!range) return value;
  return Math.min(range[1], Math.max(range[0], value));
}

/**
 * The 95% t-interval of a mean from its summary (count, mean, sample standard deviation) — what SQL
 * gives with count(*), avg(x), stddev_samp(x).
 */
export function intervalFromSummary(
  summary: { n: number; mean: number | null; sd: number | null },
  options: IntervalOptions = {},
): MeanInterval {
  const { n, mean, sd } = summary;
  if (n === 0 || mean === null) return { n, mean: null, sd: null, low: null, high: null };
  if (n < 2 || sd === null) return { n, mean, sd: null, low: null, high: null };
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return {
    n,
    mean,
    sd,
    low: clampTo(mean - half, options.clamp),
    high: clampTo(mean + half, options.clamp),
  };
}

/** Mean, sample standard deviation and 95% t-interval of the values. */
export function meanInterval(values: readonly number[], options: IntervalOptions = {}): MeanInterval {
  const n = values.length;
  if (n === 0) return { n: 0, mean: null, sd: null, low: null, high: null };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: null, low: null, high: null };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return intervalFromSummary({ n, mean, sd: Math.sqrt(squares / (n - 1)) }, options);
}

/**
 * How many checks give a 95% interval of ± `margin` points for a CSR whose scores spread with
 * standard deviation `sd`: the smallest n with t_{0.975, n−1} · sd / √n ≤ margin. With a finite
 * `population` (e.g. the CSR's contacts in the month) the finite-population correction applies.
 * Answers at least 2 (one check has no interval).
 */
export function sampleSizeFor(input: { sd: number; margin: number; population?: number }): number {
  const { sd, margin, population } = input;
  if (!(sd >= 0) || !Number.isFinite(sd)) throw new RangeError('sd must be a finite number ≥ 0');
  if (!(margin > 0) || !Number.isFinite(margin)) throw new RangeError('margin must be a finite number > 0');
  if (sd === 0) return 2;
  const fits = (n: number) => {
    let half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
    if (population !== undefined && population > 1 && n < population) {
      half *= Math.sqrt((population - n) / (population - 1));
    }
    return half <= margin;
  };
  // Start from the normal approximation (never above the answer) and walk up.
  let n = Math.max(2, Math.ceil(((Z975 * sd) / margin) ** 2));
  if (population !== undefined && population >= 2) {
    n = Math.min(n, population);
    if (!fits(n) && n >= population) return population;
  }
  while (!fits(n)) {
    n++;
    if (population !== undefined && n >= population) return population;
  }
  // The normal start can overshoot when the population correction helps: walk down.
  while (n > 2 && fits(n - 1)) n--;
  return n;
}
