import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  datesBetween,
  monthRange,
  monthsEnding,
  previousTenDay,
  shiftMonth,
  tenDayPartOf,
  tenDayRange,
} from './periods.ts';
import { difference, roundHalfUp } from './rounding.ts';

describe('report periods', () => {
  it('ten-day parts: 1–10, 11–20, 21 to the end of a 31-day month, of February and of a leap February', () => {
    assert.deepEqual(tenDayRange('2026-10', 1), { from: '2026-10-01', to: '2026-10-10' });
    assert.deepEqual(tenDayRange('2026-10', 2), { from: '2026-10-11', to: '2026-10-20' });
    assert.deepEqual(tenDayRange('2026-10', 3), { from: '2026-10-21', to: '2026-10-31' });
    assert.deepEqual(tenDayRange('2026-02', 3), { from: '2026-02-21', to: '2026-02-28' });
    assert.deepEqual(tenDayRange('2028-02', 3), { from: '2028-02-21', to: '2028-02-29' });
    assert.deepEqual(tenDayRange('2026-04', 3), { from: '2026-04-21', to: '2026-04-30' });
    assert.equal(datesBetween('2026-10-21', '2026-10-31').length, 11);
    assert.equal(datesBetween('2026-02-21', '2026-02-28').length, 8);
  });

  it('the previous part of part 1 is part 3 of the previous month, across a year', () => {
    assert.deepEqual(previousTenDay('2026-03', 1), { month: '2026-02', part: 3 });
    assert.deepEqual(previousTenDay('2026-01', 1), { month: '2025-12', part: 3 });
    assert.deepEqual(previousTenDay('2026-10', 3), { month: '2026-10', part: 2 });
    assert.equal(tenDayPartOf('2026-10-10'), 1);
    assert.equal(tenDayPartOf('2026-10-11'), 2);
    assert.equal(tenDayPartOf('2026-10-21'), 3);
  });

  it('months: ranges, shifts across years, the last N months oldest first', () => {
    assert.deepEqual(monthRange('2026-02'), { from: '2026-02-01', to: '2026-02-28' });
    assert.deepEqual(monthRange('2024-02'), { from: '2024-02-01', to: '2024-02-29' });
    assert.equal(shiftMonth('2026-01', -1), '2025-12');
    assert.equal(shiftMonth('2025-12', 1), '2026-01');
    assert.deepEqual(monthsEnding('2026-02', 3), ['2025-12', '2026-01', '2026-02']);
    assert.throws(() => monthRange('2026-13'), RangeError);
  });

  it('rounds half up on the decimal value, and differences are exact in their decimals', () => {
    assert.equal(roundHalfUp(81.25, 1), 81.3);
    assert.equal(roundHalfUp(80.15, 1), 80.2);
    assert.equal(roundHalfUp(1.005, 2), 1.01);
    assert.equal(roundHalfUp(0.66665, 4), 0.6667);
    assert.equal(roundHalfUp(2 / 3, 4), 0.6667);
    assert.equal(difference(80.3, 79.1, 1), 1.2);
    assert.equal(difference(0.8123, 0.9, 4), -0.0877);
    assert.equal(difference(null, 0.9, 4), null);
  });
});
