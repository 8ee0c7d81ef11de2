import type { ChartOption } from './EChart.tsx';

/** Colours in step with antd's default palette. */
export const COLORS = {
  primary: '#1677ff',
  success: '#52c41a',
  warning: '#faad14',
  error: '#ff4d4f',
  orange: '#fa8c16',
  purple: '#722ed1',
  grey: '#8c8c8c',
  band: 'rgba(22, 119, 255, 0.15)',
};

const AXIS_LABEL = { color: '#595959' };
const SPLIT_LINE = { lineStyle: { color: '#f0f0f0' } };

export type DistributionBar = { label: string; count: number; color: string };

/** Score distribution: one bar per score band, fatal evaluations in red. */
export function distributionOption(bars: DistributionBar[], countLabel: string): ChartOption {
  const total = bars.reduce((s, b) => s + b.count, 0);
  return {
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = (Array.isArray(params) ? params[0] : params) as { name: string; value: number };
        const share = total > 0 ? ((p.value / total) * 100).toFixed(1) : '0.0';
        return `${p.name}<br/>${countLabel}: <b>${p.value}</b> (${share}%)`;
      },
    },
    xAxis: { type: 'category', data: bars.map((b) => b.label), axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
    series: [
      {
        type: 'bar',
        name: countLabel,
        barMaxWidth: 48,
        data: bars.map((b) => ({
          value: b.count,
          itemStyle: { color: b.color, borderRadius: [4, 4, 0, 0] },
        })),
        label: { show: true, position: 'top', color: '#595959' },
      },
    ],
  };
}

/** Daily trend: the average score as a line (left axis) over the number of evaluations as bars (right). */
export function trendOption(
  days: { label: string; average: number | null; evaluations: number }[],
  labels: { average: string; evaluations: string },
  passMark?: number,
): ChartOption {
  return {
    grid: { left: 44, right: 44, top: 40, bottom: 32 },
    legend: { top: 0, data: [labels.average, labels.evaluations] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days.map((d) => d.label), axisLabel: AXIS_LABEL },
    yAxis: [
      {
        type: 'value',
        name: labels.average,
        nameTextStyle: { color: 'transparent' },
        min: (v: { min: number }) => Math.max(0, Math.floor((v.min - 5) / 10) * 10),
        max: 100,
        axisLabel: AXIS_LABEL,
        splitLine: SPLIT_LINE,
      },
      {
        type: 'value',
        name: labels.evaluations,
        nameTextStyle: { color: 'transparent' },
        minInterval: 1,
        axisLabel: AXIS_LABEL,
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'bar',
        name: labels.evaluations,
        yAxisIndex: 1,
        barMaxWidth: 18,
        itemStyle: { color: 'rgba(22, 119, 255, 0.18)' },
        data: days.map((d) => d.evaluations),
      },
      {
        type: 'line',
        name: labels.average,
        yAxisIndex: 0,
        smooth: false,
        symbolSize: 6,
        connectNulls: false,
        itemStyle: { color: COLORS.primary },
        lineStyle: { width: 2 },
        data: days.map((d) => d.average),
        ...(passMark !== undefined
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: COLORS.warning, type: 'dashed' },
                data: [{ yAxis: passMark }],
              },
            }
          : {}),
      },
    ],
  };
}

export type RadarSeries = { name: string; values: (number | null)[]; color: string; area?: boolean };

/** Category profile: share of applicable items passed (0–100%) per category, several series over one another. */
export function radarOption(indicators: string[], series: RadarSeries[]): ChartOption {
  return {
    legend: { bottom: 0, data: series.map((s) => s.name) },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = params as { name: string; value: (number | string)[] };
        const lines = indicators.map((name, i) => {
          const v = p.value[i];
          return `${name}: <b>${typeof v === 'number' ? `${v.toFixed(1)}%` : '—'}</b>`;
        });
        return [`<b>${p.name}</b>`, ...lines].join('<br/>');
      },
    },
    radar: {
      indicator: indicators.map((name) => ({ name, max: 100, min: 0 })),
      radius: '62%',
      center: ['50%', '48%'],
      axisName: { color: '#434343' },
      splitArea: { areaStyle: { color: ['#fafafa', '#ffffff'] } },
    },
    series: [
      {
        type: 'radar',
        data: series.map((s) => ({
          name: s.name,
          // A category with no applicable item has no share: drawn at the centre, shown as — in the tooltip.
          value: s.values.map((v) => (v === null ? '-' : Math.round(v * 1000) / 10)),
          itemStyle: { color: s.color },
          lineStyle: { color: s.color, width: 2 },
          areaStyle: s.area ? { color: s.color, opacity: 0.15 } : undefined,
        })),
      },
    ],
  };
}

/** Monthly average with its 95% interval as a band, and the number of evaluations as bars. */
export function monthlyTrendOption(
  months: {
    label: string;
    average: number | null;
    low: number | null;
    high: number | null;
    evaluations: number;
  }[],
  labels: { average: string; interval: string; evaluations: string },
): ChartOption {
  const hasBand = (m: (typeof months)[number]) => m.low !== null && m.high !== null && m.average !== null;
  return {
    grid: { left: 44, right: 44, top: 40, bottom: 32 },
    legend: { top: 0, data: [labels.average, labels.interval, labels.evaluations] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = params as { dataIndex: number }[];
        const m = months[list[0]?.dataIndex ?? 0];
        if (!m) return '';
        const avg = m.average === null ? '—' : m.average.toFixed(1);
        const range = hasBand(m) ? `${m.low!.toFixed(1)}–${m.high!.toFixed(1)}` : '—';
        return `<b>${m.label}</b><br/>${labels.average}: <b>${avg}</b><br/>${labels.interval}: ${range}<br/>${labels.evaluations}: ${m.evaluations}`;
      },
    },
    xAxis: { type: 'category', data: months.map((m) => m.label), axisLabel: AXIS_LABEL, boundaryGap: true },
    yAxis: [
      {
        type: 'value',
        min: (v: { min: number }) => Math.max(0, Math.floor((v.min - 5) / 10) * 10),
        max: 100,
        axisLabel: AXIS_LABEL,
        splitLine: SPLIT_LINE,
      },
      { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: labels.evaluations,
        yAxisIndex: 1,
        barMaxWidth: 22,
        itemStyle: { color: 'rgba(140, 140, 140, 0.2)' },
        data: months.map((m) => m.evaluations),
      },
      {
        // The band: an invisible line at the lower bound, and the interval's width stacked on it.
        type: 'line',
        name: `${labels.interval}-low`,
        stack: 'ci',
        yAxisIndex: 0,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        tooltip: { show: false },
        data: months.map((m) => (hasBand(m) ? m.low : null)),
      },
      {
        type: 'line',
        name: labels.interval,
        stack: 'ci',
        yAxisIndex: 0,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        itemStyle: { color: COLORS.band },
        areaStyle: { color: COLORS.band },
        data: months.map((m) => (hasBand(m) ? Math.round((m.high! - m.low!) * 10) / 10 : null)),
      },
      {
        type: 'line',
        name: labels.average,
        yAxisIndex: 0,
        symbolSize: 7,
        itemStyle: { color: COLORS.primary },
        lineStyle: { width: 2 },
        label: { show: true, position: 'top', formatter: (p: unknown) => formatLabel(p) },
        data: months.map((m) => m.average),
      },
    ],
  };
}

function formatLabel(p: unknown): string {
  const v = (p as { value: unknown }).value;
  return typeof v === 'number' ? v.toFixed(1) : '';
}
