import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ReportChartOption } from '../../../../shared/reports/chart-options.ts';

echarts.use([
  BarChart,
  LineChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TitleComponent,
  SVGRenderer,
]);

/**
 * The font family the charts name: the PDF's embedded Noto Sans SC is registered under this name
 * (documents/pdf.ts), and pdfmake's SVG renderer maps a text's font-family to the document fonts by
 * name, so Chinese labels in the charts use the embedded font.
 */
export const CHART_FONT = 'NotoSansSC';

/** Renders a chart option to an SVG string on the server (ECharts SSR, no DOM). */
export function renderChartSvg(option: ReportChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
