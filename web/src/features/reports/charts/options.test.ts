import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distributionChartOption, radarChartOption } from '../../../../../shared/reports/chart-options.ts';
import { monthlyTrendOption, radarScaleMin, withDistributionTooltip, wrapLabel } from './options.ts';

describe('wrapLabel', () => {
  it('breaks a long English name at spaces and leaves short or Chinese names alone', () => {
    assert.equal(wrapLabel('Business process / minimum skill'), 'Business process\n/ minimum skill');
    assert.equal(wrapLabel('Service attitude'), 'Service attitude');
    assert.equal(wrapLabel('业务流程与最低技能业务流程与最低技能'), '业务流程与最低技能业务流程与最低技能');
  });
});

describe('radarScaleMin', () => {
  it('reads where the shared radar starts its axes', () => {
    const option = radarChartOption(
      [
        { key: 'a', name: 'A' },
        { key: 'b', name: 'B' },
        { key: 'c', name: 'C' },
      ],
      [{ name: 'x', shares: { a: 0.72, b: 0.9, c: null }, color: '#000' }],
    );
    const min = radarScaleMin(option);
    assert.ok(min <= 72 && min % 10 === 0, `min ${min}`);
  });
});

describe('withDistributionTooltip', () => {
  it('shows every band under its bar and the share of all evaluations in the tooltip', () => {
    const option = withDistributionTooltip(
      distributionChartOption(
        [
          { bucket: 'fatal', count: 1 },
          { bucket: '90-100', count: 3 },
        ],
        { count: 'n', fatal: 'F' },
      ),
      4,
      'n',
    );
    const xAxis = option.xAxis as { axisLabel?: { interval?: number }; data?: string[] };
    assert.equal(xAxis.axisLabel?.interval, 0);
    assert.deepEqual(xAxis.data, ['F', '90-100']);
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    assert.equal(tooltip.formatter([{ name: 'F', value: 1 }]), 'F<br/>n: <b>1</b> (25.0%)');
  });
});

describe('monthlyTrendOption', () => {
  it('stacks the 95% band as lower bound plus width, and leaves gaps where a month has no range', () => {
    const option = monthlyTrendOption(
      [
        { label: '2026-10', average: 80, low: 76.5, high: 83.5, evaluations: 20 },
        { label: '2026-11', average: 90, low: null, high: null, evaluations: 1 },
        { label: '2026-12', average: null, low: null, high: null, evaluations: 0 },
      ],
      { average: 'avg', interval: 'ci', evaluations: 'n' },
    );
    const series = option.series as { name: string; data: (number | null)[] }[];
    const low = series.find((s) => s.name === 'ci (low)');
    const width = series.find((s) => s.name === 'ci');
    assert.deepEqual(low?.data, [76.5, null, null]);
    assert.deepEqual(width?.data, [7, null, null]);
    assert.deepEqual(series.find((s) => s.name === 'avg')?.data, [80, 90, null]);
  });
});
