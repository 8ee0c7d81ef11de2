/**
 * ECharts options of the report charts as pure functions of the report JSON and the words to show:
 * the server renders them to SVG for the PDF (ECharts SSR), and the web can draw the same options.
 * No functions inside the options (formatters), so they render the same on the server and in a
 * browser, and nothing is animated.
 */
import type { BarSeriesOption, LineSeriesOption, RadarSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  RadarComponentOption,
  TitleComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { TPeriodReport } from '../schemas/reports.ts';

export type ReportChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | RadarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | RadarComponentOption
  | TitleComponentOption
>;

/** Font and look shared by every chart; the PDF passes the embedded font's family name. */
export type ChartStyle = { fontFamily?: string; title?: string };

export const CHART_COLORS = {
  primary: '#1677ff',
  previous: '#8c8c8c',
  fatal: '#cf1322',
  low: '#fa8c16',
  mid: '#faad14',
  good: '#52c41a',
  band: 'rgba(22, 119, 255, 0.18)',
};

const BUCKET_COLORS: Record<TPeriodReport['distribution'][number]['bucket'], string> = {
  fatal: CHART_COLORS.fatal,
  '<60': CHART_COLORS.low,
  '60-69': CHART_COLORS.mid,
  '70-79': '#a0d911',
  '80-89': '#73d13d',
  '90-100': CHART_COLORS.good,
};

function base(style: ChartStyle): ReportChartOption {
  return {
    animation: false,
    textStyle: style.fontFamily ? { fontFamily: style.fontFamily } : {},
    title: style.title
      ? { text: style.title, left: 'center', top: 0, textStyle: { fontSize: 13, fontWeight: 'bold' } }
      : undefined,
  };
}

/** Score distribution: one bar per score band, the fatal evaluations first and red. */
export function distributionChartOption(
  distribution: TPeriodReport['distribution'],
  labels: { count: string; fatal: string },
  style: ChartStyle = {},
): ReportChartOption {
  return {
    ...base(style),
    grid: { left: 48, right: 16, top: style.title ? 36 : 16, bottom: 28 },
    xAxis: {
      type: 'category',
      data: distribution.map((d) => (d.bucket === 'fatal' ? labels.fatal : d.bucket)),
      axisLabel: { interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1, name: labels.count },
    series: [
      {
        type: 'bar',
        name: labels.count,
        barMaxWidth: 48,
        data: distribution.map((d) => ({ value: d.count, itemStyle: { color: BUCKET_COLORS[d.bucket] } })),
        label: { show: true, position: 'top', color: '#434343', textBorderWidth: 0 },
      },
    ],
  };
}

/** Daily trend: evaluations per day as bars (right axis), the average score as a line (left axis). */
export function trendChartOption(
  trend: TPeriodReport['trend'],
  labels: { average: string; evaluations: string },
  style: ChartStyle = {},
): ReportChartOption {
  const averages = trend.map((t) => t.average_score).filter((v): v is number => v !== null);
  const low = averages.length ? Math.max(0, Math.floor((Math.min(...averages) - 5) / 10) * 10) : 0;
  return {
    ...base(style),
    legend: { top: style.title ? 22 : 0, data: [labels.average, labels.evaluations] },
    grid: { left: 48, right: 48, top: style.title ? 56 : 32, bottom: 28 },
    xAxis: { type: 'category', data: trend.map((t) => t.date.slice(5)) },
    yAxis: [
      { type: 'value', min: low, max: 100, name: labels.average },
      { type: 'value', minInterval: 1, name: labels.evaluations, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: labels.evaluations,
        yAxisIndex: 1,
        barMaxWidth: 14,
        itemStyle: { color: CHART_COLORS.band },
        data: trend.map((t) => t.evaluations),
      },
      {
        type: 'line',
        name: labels.average,
        yAxisIndex: 0,
        connectNulls: false,
        symbolSize: 5,
        itemStyle: { color: CHART_COLORS.primary },
        lineStyle: { width: 2 },
        data: trend.map((t) => t.average_score),
      },
    ],
  };
}

export type RadarSeries = { name: string; shares: Record<string, number | null>; color: string };

/**
 * Category radar: the share of applicable items passed (0–100%) per category, for one or more
 * series (a CSR or team against the center, or this period against the previous one). A category
 * without an applicable item is drawn at the centre.
 */
export function radarChartOption(
  categories: { key: string; name: string }[],
  series: RadarSeries[],
  style: ChartStyle = {},
): ReportChartOption {
  // Shares of a working center sit near the top: start the axes 10 points below the lowest share
  // (rounded down to 10), so differences between the series show.
  const shares = series
    .flatMap((s) => categories.map((c) => s.shares[c.key] ?? null))
    .filter((v) => v !== null);
  const min = shares.length ? Math.max(0, Math.floor((Math.min(...shares) * 100 - 10) / 10) * 10) : 0;
  return {
    ...base(style),
    legend: { bottom: 0, data: series.map((s) => s.name) },
    radar: {
      indicator: categories.map((c) => ({ name: c.name, min, max: 100 })),
      axisName: { fontSize: 11, color: '#434343' },
      radius: '55%',
      center: ['50%', style.title ? '52%' : '47%'],
    },
    series: [
      {
        type: 'radar',
        data: series.map((s, i) => ({
          name: s.name,
          value: categories.map((c) => {
            const v = s.shares[c.key] ?? null;
            return v === null ? min : Math.round(v * 1000) / 10;
          }),
          itemStyle: { color: s.color },
          lineStyle: { color: s.color, width: 2, type: i === 0 ? 'solid' : 'dashed' },
          areaStyle: i === 0 ? { color: s.color, opacity: 0.15 } : undefined,
        })),
      },
    ],
  };
}
