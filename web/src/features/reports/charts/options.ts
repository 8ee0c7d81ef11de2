/**
 * Web-only touches on the report charts. The period report's charts come from
 * shared/reports/chart-options.ts (the same options the server renders into the PDF); here they get
 * tooltips, which need formatter functions the server side leaves out. The monthly trend with its
 * 95% band ("my quality") is drawn only on the web.
 */
import { CHART_COLORS, type ReportChartOption } from '../../../../../shared/reports/chart-options.ts';
import type { ChartOption } from './EChart.tsx';
import { formatPercent } from '../numbers.ts';

export const COLORS = {
  primary: CHART_COLORS.primary,
  grey: CHART_COLORS.previous,
  purple: '#722ed1',
  band: CHART_COLORS.band,
};

const AXIS_LABEL = { color: '#595959' };
const SPLIT_LINE = { lineStyle: { color: '#f0f0f0' } };

type AxisParam = { name: string; value: unknown; seriesName?: string; marker?: string };

const asList = (params: unknown): AxisParam[] => (Array.isArray(params) ? params : [params]) as AxisParam[];

/** The shared distribution chart with a tooltip: count and share of all evaluations. */
export function withDistributionTooltip(
  option: ReportChartOption,
  total: number,
  countLabel: string,
): ChartOption {
  const xAxis = option.xAxis && !Array.isArray(option.xAxis) ? option.xAxis : {};
  return {
    ...option,
    // Every band's name under its bar (ECharts would skip some on a narrow card).
    xAxis: { ...xAxis, axisLabel: { interval: 0, hideOverlap: false } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = asList(params)[0];
        if (!p) return '';
        const value = Number(p.value);
        const share = total > 0 ? ((value / total) * 100).toFixed(1) : '0.0';
        return `${p.name}<br/>${countLabel}: <b>${value}</b> (${share}%)`;
      },
    },
  };
}

/** The shared trend chart with an axis tooltip: the day's evaluations and average (— without any). */
export function withTrendTooltip(option: ReportChartOption, evaluationsLabel: string): ChartOption {
  return {
    ...option,
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = asList(params);
        const lines = list.map((p) => {
          const v = typeof p.value === 'number' ? p.value : null;
          const text = v === null ? '—' : p.seriesName === evaluationsLabel ? String(v) : v.toFixed(1);
          return `${p.marker ?? ''}${p.seriesName ?? ''}: <b>${text}</b>`;
        });
        return [list[0]?.name ?? '', ...lines].join('<br/>');
      },
    },
  };
}

/** A long axis name over several lines (at spaces), so it is not cut at the card's edge. */
export function wrapLabel(text: string, width = 16): string {
  if (text.length <= width || !text.includes(' ')) return text;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** The shared radar with an item tooltip listing every category's share (— where nothing applied). */
export function withRadarTooltip(
  option: ReportChartOption,
  categories: { key: string; name: string }[],
  shares: Map<string, Record<string, number | null>>,
): ChartOption {
  const radar = option.radar && !Array.isArray(option.radar) ? option.radar : {};
  return {
    ...option,
    radar: { ...radar, axisName: { ...radar.axisName, formatter: (name?: string) => wrapLabel(name ?? '') } },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = params as { name: string };
        const row = shares.get(p.name) ?? {};
        const lines = categories.map((c) => {
          const v = row[c.key] ?? null;
          return `${c.name}: <b>${formatPercent(v)}</b>`;
        });
        return [`<b>${p.name}</b>`, ...lines].join('<br/>');
      },
    },
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
  const band = (m: (typeof months)[number]) =>
    m.low !== null && m.high !== null && m.average !== null ? { low: m.low, high: m.high } : null;
  const averages = months.map((m) => m.low ?? m.average).filter((v): v is number => v !== null);
  const min = averages.length ? Math.max(0, Math.floor((Math.min(...averages) - 5) / 10) * 10) : 0;
  return {
    animation: false,
    grid: { left: 44, right: 44, top: 40, bottom: 32 },
    legend: { top: 0, data: [labels.average, labels.interval, labels.evaluations] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const m = months[(asList(params)[0] as { dataIndex?: number } | undefined)?.dataIndex ?? 0];
        if (!m) return '';
        const b = band(m);
        const avg = m.average === null ? '—' : m.average.toFixed(1);
        const range = b ? `${b.low.toFixed(1)}–${b.high.toFixed(1)}` : '—';
        return `<b>${m.label}</b><br/>${labels.average}: <b>${avg}</b><br/>${labels.interval}: ${range}<br/>${labels.evaluations}: ${m.evaluations}`;
      },
    },
    xAxis: { type: 'category', data: months.map((m) => m.label), axisLabel: AXIS_LABEL },
    yAxis: [
      { type: 'value', min, max: 100, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
      { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: labels.evaluations,
        yAxisIndex: 1,
        barMaxWidth: 16,
        itemStyle: { color: 'rgba(140, 140, 140, 0.15)', borderRadius: [3, 3, 0, 0] },
        data: months.map((m) => m.evaluations),
      },
      {
        // The band: an invisible line at the lower bound, and the interval's width stacked on it.
        type: 'line',
        name: `${labels.interval} (low)`,
        stack: 'ci',
        yAxisIndex: 0,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        data: months.map((m) => band(m)?.low ?? null),
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
        data: months.map((m) => {
          const b = band(m);
          return b ? Math.round((b.high - b.low) * 10) / 10 : null;
        }),
      },
      {
        type: 'line',
        name: labels.average,
        yAxisIndex: 0,
        symbolSize: 7,
        itemStyle: { color: COLORS.primary },
        lineStyle: { width: 2 },
        label: {
          show: true,
          position: 'top',
          formatter: (p: unknown) => {
            const v = (p as { value: unknown }).value;
            return typeof v === 'number' ? v.toFixed(1) : '';
          },
        },
        data: months.map((m) => m.average),
      },
    ],
  };
}

/** Where the shared radar's axes start (its centre), to say so under the chart. */
export function radarScaleMin(option: ChartOption): number {
  const radar = Array.isArray(option.radar) ? option.radar[0] : option.radar;
  return radar?.indicator?.[0]?.min ?? 0;
}
