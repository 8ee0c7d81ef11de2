import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type {
  TDailyBulletin,
  TInspectorRow,
  TPeriodReport,
  TQaSummary,
  TQaSummaryText,
  TStats,
} from '../../../../shared/schemas/reports.ts';
import {
  CHART_COLORS,
  distributionChartOption,
  radarChartOption,
  trendChartOption,
} from '../../../../shared/reports/chart-options.ts';
import { difference } from '../../../../shared/reports/rounding.ts';
import { formatLocalDateTime } from '../../../../shared/time.ts';
import { renderPdf } from '../../documents/pdf.ts';
import { CHART_FONT, renderChartSvg } from './report.charts.ts';
import {
  type DocLang,
  L,
  categoryName,
  fmtPoints,
  fmtRate,
  fmtScore,
  fmtSigned,
  paren,
  periodTitle,
  word,
} from './report.labels.ts';

/**
 * PDF renderings of the report objects (pdfmake with the embedded Noto Sans SC of documents/pdf.ts):
 * title, period, summary, tables, the charts rendered server-side by ECharts as SVG (their text
 * names the embedded font, so Chinese shows), and for the monthly report the QA team's summary.
 */
const RED = '#a8071a';
const GREEN = '#237804';
const HEAD = { bold: true, fillColor: '#eeeeee' };

const head = (labels: string[]): TableCell[] => labels.map((text) => ({ text, ...HEAD }));
const num = (text: string, color?: string): TableCell => ({ text, alignment: 'right', color });
const changeCell = (v: number | null, f: (x: number) => string): TableCell =>
  num(fmtSigned(v, f), v === null || v === 0 ? undefined : v > 0 ? GREEN : RED);
const scoreChange = (v: number | null) => changeCell(v, (x) => x.toFixed(1));
/** A change of a rate in percentage points (as on the screen), never "+5.1%" (a relative change). */
const rateChange = (v: number | null, lang: DocLang) => changeCell(v, (x) => fmtPoints(x, lang));

function table(widths: (string | number)[], body: TableCell[][], fontSize = 8): Content {
  return {
    table: { headerRows: 1, widths, body, dontBreakRows: true },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#bfbfbf',
      vLineColor: () => '#bfbfbf',
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    fontSize,
    margin: [0, 0, 0, 10],
  };
}

const heading = (text: string): Content => ({ text, style: 'h2' });

function footer(lang: DocLang) {
  return (page: number, pages: number): Content => ({
    text: L('page', lang).replace('{0}', String(page)).replace('{1}', String(pages)),
    alignment: 'center',
    fontSize: 7,
    color: '#8c8c8c',
    margin: [0, 10, 0, 0],
  });
}

const STYLES: TDocumentDefinitions['styles'] = {
  title: { fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
  subtitle: { fontSize: 9, alignment: 'center', color: '#595959', margin: [0, 0, 0, 10] },
  h2: { fontSize: 11, bold: true, margin: [0, 6, 0, 4] },
};

function statsRow(s: TStats, cats: TPeriodReport['categories']): TableCell[] {
  return [
    num(String(s.evaluations)),
    num(fmtScore(s.average_score)),
    num(s.ci_low === null ? '—' : `${fmtScore(s.ci_low)}–${fmtScore(s.ci_high)}`),
    num(fmtRate(s.pass_rate)),
    num(String(s.fatal_count), s.fatal_count > 0 ? RED : undefined),
    ...cats.map((c) => num(fmtRate(s.categories[c.key] ?? null))),
  ];
}

function statsHead(lang: DocLang, cats: TPeriodReport['categories']): string[] {
  return [
    L('evaluations', lang),
    L('averageScore', lang),
    L('interval', lang),
    L('passRate', lang),
    L('fatalCount', lang),
    ...cats.map((c) => categoryName(c, lang)),
  ];
}

/** Long axis names (English categories) on two lines, so the radar keeps them on the page. */
function wrapName(name: string): string {
  if (name.length <= 16) return name;
  const slash = name.indexOf(' / ');
  if (slash > 0) return `${name.slice(0, slash)} /\n${name.slice(slash + 3)}`;
  const space = name.lastIndexOf(' ', Math.ceil(name.length / 2) + 4);
  return space > 0 ? `${name.slice(0, space)}\n${name.slice(space + 1)}` : name;
}

function charts(report: TPeriodReport, lang: DocLang): Content[] {
  const style = { fontFamily: CHART_FONT };
  const distribution = renderChartSvg(
    distributionChartOption(
      report.distribution,
      { count: L('count', lang), fatal: L('bucketFatal', lang) },
      { ...style, title: L('distribution', lang) },
    ),
    380,
    230,
  );
  const cats = report.categories.map((c) => ({ key: c.key, name: wrapName(categoryName(c, lang)) }));
  const radarSeries = [
    { name: L('current', lang), shares: report.center.categories, color: CHART_COLORS.primary },
    ...(report.center.previous
      ? [
          {
            name: L('previous', lang),
            shares: report.center.previous.categories,
            color: CHART_COLORS.previous,
          },
        ]
      : []),
  ];
  // A radar needs at least three axes; with fewer categories the distribution stands alone.
  const radar =
    cats.length >= 3
      ? renderChartSvg(radarChartOption(cats, radarSeries, { ...style, title: L('radar', lang) }), 380, 230)
      : null;
  const trend = renderChartSvg(
    trendChartOption(
      report.trend,
      { average: L('averageScore', lang), evaluations: L('evaluations', lang) },
      { ...style, title: L('trend', lang) },
    ),
    770,
    220,
  );
  return [
    {
      columns: [{ svg: distribution, width: 380 }, radar ? { svg: radar, width: 380 } : { text: '' }],
      columnGap: 10,
      margin: [0, 0, 0, 6],
    },
    { svg: trend, width: 770, margin: [0, 0, 0, 10] },
  ];
}

/** Every report document's page: landscape A4 with the page-number footer and the shared styles. */
function landscapePdf(title: string, content: Content[], lang: DocLang): Promise<Buffer> {
  return renderPdf({
    info: { title },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 30, 36, 36],
    footer: footer(lang),
    content,
    styles: STYLES,
  });
}

/** Inspector workload and accuracy (monthly, 10-day report, QA summary). */
function inspectorTable(rows: TInspectorRow[], lang: DocLang): Content {
  return table(
    ['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
    [
      head([
        L('inspector', lang),
        L('evaluations', lang),
        L('assigned', lang),
        L('done', lang),
        L('avgMinutes', lang),
        L('disputes', lang),
        L('overturned', lang),
        L('inspectorErrors', lang),
        L('errorRate', lang),
      ]),
      ...rows.map((i) => [
        `${i.display_name} (${i.username})`,
        num(String(i.evaluations)),
        num(String(i.assigned)),
        num(String(i.done)),
        num(i.avg_minutes === null ? '—' : i.avg_minutes.toFixed(1)),
        num(String(i.disputes)),
        num(String(i.overturned)),
        num(String(i.inspector_errors), i.inspector_errors > 0 ? RED : undefined),
        num(fmtRate(i.error_rate), i.inspector_errors > 0 ? RED : undefined),
      ]),
    ],
  );
}

/** The QA lead's findings and measures, then who last edited them and when (center time). */
function summaryText(text: TQaSummaryText, lang: DocLang, timezone: string): Content[] {
  const content: Content[] = [
    { text: L('findings', lang), bold: true, margin: [0, 4, 0, 2] },
    { text: text.findings.trim() || L('notWritten', lang), margin: [0, 0, 0, 8] },
    { text: L('measures', lang), bold: true, margin: [0, 4, 0, 2] },
    { text: text.measures.trim() || L('notWritten', lang), margin: [0, 0, 0, 8] },
  ];
  if (text.updated_by_name && text.updated_at) {
    content.push({
      text: `${L('lastEdited', lang)}${L('colon', lang)}${text.updated_by_name}${L('comma', lang)}${formatLocalDateTime(new Date(text.updated_at), timezone)} (${timezone})`,
      color: '#595959',
      fontSize: 8,
    });
  }
  return content;
}

/** The monthly or 10-day report as a landscape A4 PDF. */
export function periodReportPdf(
  report: TPeriodReport,
  summary: TQaSummaryText | null,
  lang: DocLang,
  timezone: string,
): Promise<Buffer> {
  const cats = report.categories;
  const c = report.center;
  const title = periodTitle(report.period, lang);
  const scope = L(
    report.scope === 'all' ? 'scopeAll' : report.scope === 'team' ? 'scopeTeam' : 'scopeOwn',
    lang,
  );
  const summaryRows: TableCell[][] = [
    head([L('metric', lang), L('current', lang), L('previous', lang), L('change', lang)]),
    [
      L('evaluations', lang),
      num(String(c.evaluations)),
      num(c.previous ? String(c.previous.evaluations) : '—'),
      num(''),
    ],
    [
      L('averageScore', lang),
      num(fmtScore(c.average_score)),
      num(fmtScore(c.previous?.average_score ?? null)),
      scoreChange(c.change.average_score),
    ],
    [
      L('interval', lang),
      num(c.ci_low === null ? '—' : `${fmtScore(c.ci_low)}–${fmtScore(c.ci_high)}`),
      num(
        c.previous?.ci_low == null ? '—' : `${fmtScore(c.previous.ci_low)}–${fmtScore(c.previous.ci_high)}`,
      ),
      num(''),
    ],
    [
      L('passRate', lang),
      num(fmtRate(c.pass_rate)),
      num(fmtRate(c.previous?.pass_rate ?? null)),
      rateChange(c.change.pass_rate, lang),
    ],
    [
      L('fatalCount', lang),
      num(String(c.fatal_count)),
      num(c.previous ? String(c.previous.fatal_count) : '—'),
      num(''),
    ],
    ...cats.map((cat): TableCell[] => {
      const cur = c.categories[cat.key] ?? null;
      const prev = c.previous?.categories[cat.key] ?? null;
      return [
        `${L('share', lang)}${L('colon', lang)}${categoryName(cat, lang)}`,
        num(fmtRate(cur)),
        num(fmtRate(prev)),
        rateChange(difference(cur, prev, 4), lang),
      ];
    }),
  ];

  const content: Content[] = [
    { text: title, style: 'title' },
    {
      text:
        `${L('period', lang)}${L('colon', lang)}${report.period.from} – ${report.period.to}    ` +
        `${L('previousPeriod', lang)}${L('colon', lang)}${report.previous.from} – ${report.previous.to}    ` +
        `${L('scope', lang)}${L('colon', lang)}${scope}    ${L('generatedAt', lang)}${L('colon', lang)}${formatLocalDateTime(new Date(report.generated_at), timezone)}`,
      style: 'subtitle',
    },
    heading(paren(L('summary', lang), L('center', lang), lang)),
    table([170, 70, 70, 70], summaryRows, 9),
  ];
  if (c.evaluations === 0 && report.agents.every((a) => a.evaluations === 0)) {
    content.push({ text: L('noEvaluations', lang), margin: [0, 0, 0, 10] });
  }
  content.push(...charts(report, lang));

  if (report.teams.length > 0) {
    content.push(
      heading(L('teams', lang)),
      table(
        ['*', ...statsHead(lang, cats).map(() => 'auto'), 'auto', 'auto'],
        [
          head([
            L('team', lang),
            ...statsHead(lang, cats),
            L('changeAverage', lang),
            L('changePassRate', lang),
          ]),
          ...report.teams.map((t) => [
            t.team_name,
            ...statsRow(t, cats),
            scoreChange(t.change.average_score),
            rateChange(t.change.pass_rate, lang),
          ]),
        ],
      ),
    );
  }

  if (report.top_failed_items.length > 0) {
    content.push(
      heading(L('topFailed', lang)),
      table(
        ['auto', '*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
        [
          head([
            L('rank', lang),
            L('item', lang),
            L('category', lang),
            L('fatal', lang),
            L('failed', lang),
            L('applicable', lang),
            L('failRate', lang),
            L('agentsFailing', lang),
          ]),
          ...report.top_failed_items.map((i, n) => {
            const cat = cats.find((x) => x.key === i.category);
            return [
              num(String(n + 1)),
              i.text,
              cat ? categoryName(cat, lang) : i.category,
              { text: i.fatal ? L('yes', lang) : '', color: RED },
              num(String(i.failed)),
              num(String(i.applicable)),
              num(fmtRate(i.fail_rate)),
              num(String(i.agents_failing)),
            ];
          }),
        ],
      ),
    );
  }

  content.push(
    heading(L('agents', lang)),
    table(
      ['auto', '*', ...statsHead(lang, cats).map(() => 'auto'), 'auto', 'auto'],
      [
        head([
          L('agent', lang),
          L('team', lang),
          ...statsHead(lang, cats),
          L('changeAverage', lang),
          L('changePassRate', lang),
        ]),
        ...report.agents.map((a) => [
          `${a.display_name}\n${a.agent}`,
          a.team_name ?? '—',
          ...statsRow(a, cats),
          scoreChange(a.change.average_score),
          rateChange(a.change.pass_rate, lang),
        ]),
      ],
      7,
    ),
  );

  if (report.inspectors.length > 0) {
    content.push(heading(L('inspectors', lang)), inspectorTable(report.inspectors, lang));
  }

  if (summary) {
    content.push(
      { text: L('qaSummaryTitle', lang), style: 'h2', pageBreak: 'before' },
      ...summaryText(summary, lang, timezone),
    );
  }

  return landscapePdf(title, content, lang);
}

/** The daily bulletin as a landscape A4 PDF: totals, then each team's evaluations with remarks. */
export function dailyBulletinPdf(b: TDailyBulletin, lang: DocLang, timezone: string): Promise<Buffer> {
  const t = b.totals;
  const title = `${L('dailyTitle', lang)} ${b.date}`;
  const content: Content[] = [
    { text: title, style: 'title' },
    {
      text: `${L('generatedAt', lang)}${L('colon', lang)}${formatLocalDateTime(new Date(b.generated_at), timezone)}`,
      style: 'subtitle',
    },
    table(
      ['*', '*', '*', '*', '*', '*', '*'],
      [
        head([
          L('evaluations', lang),
          L('agentsChecked', lang),
          L('averageScore', lang),
          L('passRate', lang),
          L('fatalCount', lang),
          L('positivesCount', lang),
          L('negativesCount', lang),
        ]),
        [
          num(String(t.evaluations)),
          num(String(t.agents_checked)),
          num(fmtScore(t.average_score)),
          num(fmtRate(t.pass_rate)),
          num(String(t.fatal_count), t.fatal_count > 0 ? RED : undefined),
          num(String(t.positives)),
          num(String(t.negatives)),
        ],
      ],
      9,
    ),
  ];
  if (b.teams.length === 0) content.push({ text: L('noEvaluations', lang) });
  for (const team of b.teams) {
    content.push(
      heading(
        `${team.team_name ?? L('noTeam', lang)}  —  ${L('evaluations', lang)} ${team.evaluations}${L('comma', lang)}` +
          `${L('averageScore', lang)} ${fmtScore(team.average_score)}${L('comma', lang)}${L('fatalCount', lang)} ${team.fatal_count}`,
      ),
      table(
        // The short columns get fixed widths: as 'auto' pdfmake shrank them to make room for the
        // remarks, breaking 录音监控 and the inspector's name between characters.
        [60, 52, lang === 'zh' ? 50 : 72, 34, 30, '*', '*', '*'],
        [
          head([
            L('agent', lang),
            L('evaluator', lang),
            L('method', lang),
            L('score', lang),
            L('fatal', lang),
            L('failedItems', lang),
            L('positives', lang),
            L('negatives', lang),
          ]),
          ...team.rows.map((r) => [
            `${r.display_name}\n${r.agent}`,
            r.evaluator,
            `${word(r.method, lang)}\n${word(r.phase, lang)}`,
            num(r.score.toFixed(1), r.passed ? undefined : RED),
            { text: r.fatal ? L('yes', lang) : '', color: RED, bold: true },
            { ul: r.failed_items.map((i) => ({ text: i.text, color: i.fatal ? RED : undefined })) },
            { text: r.positives ?? '', color: GREEN },
            { text: r.negatives ?? '', color: RED },
          ]),
        ],
      ),
    );
  }
  return landscapePdf(title, content, lang);
}

/**
 * The QA team's monthly summary (4.9) as a landscape A4 PDF: the inspectors' workload and accuracy,
 * then the QA lead's findings and measures with who last edited them and when (center time).
 */
export function qaSummaryPdf(summary: TQaSummary, lang: DocLang): Promise<Buffer> {
  const tz = summary.timezone;
  const title = `${L('qaSummaryTitle', lang)} ${summary.month}`;
  const content: Content[] = [
    { text: title, style: 'title' },
    {
      text: `${L('month', lang)}${L('colon', lang)}${summary.month}    ${L('generatedAt', lang)}${L('colon', lang)}${formatLocalDateTime(new Date(summary.generated_at), tz)} (${tz})`,
      style: 'subtitle',
    },
    heading(L('inspectors', lang)),
    summary.inspectors.length > 0
      ? inspectorTable(summary.inspectors, lang)
      : { text: L('noEvaluations', lang), margin: [0, 0, 0, 10] },
    heading(L('summaryText', lang)),
    ...summaryText(summary.text, lang, tz),
  ];
  return landscapePdf(title, content, lang);
}
