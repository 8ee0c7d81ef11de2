import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { intervalFromSummary, meanInterval, sampleSizeFor, tQuantile975 } from './statistics.ts';

const close = (actual: number | null, expected: number, eps = 1e-4) => {
  assert.ok(actual !== null, 'expected a number, got null');
  assert.ok(Math.abs(actual - expected) < eps, `${actual} is not within ${eps} of ${expected}`);
};

describe('tQuantile975', () => {
  it('matches published t-table values', () => {
    close(tQuantile975(1), 12.7062);
    close(tQuantile975(4), 2.7764);
    close(tQuantile975(19), 2.093);
    close(tQuantile975(30), 2.0423);
    // Beyond the table (R: qt(0.975, 40) = 2.021075, qt(0.975, 60) = 2.000298, qt(0.975, 120) = 1.979930)
    close(tQuantile975(40), 2.021075, 1e-5);
    close(tQuantile975(60), 2.000298, 1e-5);
    close(tQuantile975(120), 1.97993, 1e-5);
    close(tQuantile975(100000), 1.959985, 1e-5);
  });
  it('decreases with the degrees of freedom', () => {
    for (let df = 1; df < 300; df++) assert.ok(tQuantile975(df + 1) < tQuantile975(df), `df ${df}`);
  });
  it('refuses fewer than one degree of freedom', () => {
    assert.throws(() => tQuantile975(0), RangeError);
  });
});

describe('meanInterval', () => {
  it('computes a known interval', () => {
    // By hand: mean 82.8, Σ(x−mean)² = 669.6, sd = √(669.6/9) = 8.625543,
    // half-width t_{0.975,9}·sd/√10 = 2.2621572 × 8.625543 / 3.1622777 = 6.170342
    const scores = [90, 85, 70, 95, 80, 75, 88, 72, 92, 81];
    const r = meanInterval(scores);
    assert.equal(r.n, 10);
    close(r.mean, 82.8);
    close(r.sd, 8.625543, 1e-5);
    close(r.low, 76.629658, 1e-5);
    close(r.high, 88.970342, 1e-5);
  });
  it('has no interval for fewer than two values', () => {
    assert.deepEqual(meanInterval([]), { n: 0, mean: null, sd: null, low: null, high: null });
    assert.deepEqual(meanInterval([88]), { n: 1, mean: 88, sd: null, low: null, high: null });
  });
  it('clamps to the scale when asked', () => {
    const r = meanInterval([100, 100, 100, 0], { clamp: [0, 100] });
    assert.equal(r.high, 100);
    assert.equal(r.low, 0);
  });
  it('agrees with the summary form (what SQL computes)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 60 }), (xs) => {
        const direct = meanInterval(xs);
        const viaSummary = intervalFromSummary({ n: direct.n, mean: direct.mean, sd: direct.sd });
        assert.deepEqual(viaSummary, direct);
        if (direct.low !== null && direct.high !== null && direct.mean !== null) {
          assert.ok(direct.low <= direct.mean && direct.mean <= direct.high);
        }
      }),
    );
  });
});

describe('sampleSizeFor', () => {
  it('gives the smallest n whose 95% interval is within the margin', () => {
    // sd 10, ±5 points: normal approximation 15.37 → 16, with t the answer is 18 (t17 = 2.1098: 4.97)
    assert.equal(sampleSizeFor({ sd: 10, margin: 5 }), 18);
    // sd 15, ±3: z gives 97; t_{99}·15/√99 = 2.9914 ≤ 3 while n = 98 gives 3.0068
    assert.equal(sampleSizeFor({ sd: 15, margin: 3 }), 99);
    assert.equal(sampleSizeFor({ sd: 0, margin: 1 }), 2);
  });
  it('is minimal and sufficient for any input', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 40, noNaN: true }),
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        (sd, margin) => {
          const n = sampleSizeFor({ sd, margin });
          const half = (m: number) => (tQuantile975(m - 1) * sd) / Math.sqrt(m);
          assert.ok(half(n) <= margin);
          if (n > 2) assert.ok(half(n - 1) > margin);
        },
      ),
    );
  });
  it('never asks for more checks than there are contacts', () => {
    assert.equal(sampleSizeFor({ sd: 20, margin: 1, population: 40 }), 40);
    assert.ok(sampleSizeFor({ sd: 10, margin: 5, population: 30 }) < 18);
  });
  it('refuses a margin of zero', () => {
    assert.throws(() => sampleSizeFor({ sd: 10, margin: 0 }), RangeError);
  });
});
