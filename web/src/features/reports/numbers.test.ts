import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fmtRate } from '../../../../server/src/modules/reports/report.labels.ts';
import { formatPercent } from './numbers.ts';

describe('formatPercent', () => {
  it('rounds half up, as a person (and the XLSX/PDF of the same report) would', () => {
    // Fail rates of the demo's monthly report: 383/3630 and 285/3630 as the API sends them.
    assert.equal(formatPercent(0.1055), '10.6%');
    assert.equal(formatPercent(0.0785), '7.9%');
    assert.equal(formatPercent(0.8235), '82.4%');
    assert.equal(formatPercent(0.8234), '82.3%');
    assert.equal(formatPercent(1), '100.0%');
    assert.equal(formatPercent(0), '0.0%');
    assert.equal(formatPercent(null), '—');
  });

  it('says what the documents say for every rate with 4 decimals', () => {
    for (let i = 0; i <= 10000; i++) {
      const rate = i / 10000;
      assert.equal(formatPercent(rate), fmtRate(rate), `rate ${rate}`);
    }
  });
});
