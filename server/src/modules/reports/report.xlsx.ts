import ExcelJS from 'exceljs';
import type {
  TDailyBulletin,
  TInspectorRow,
  TPeriodReport,
  TQaSummary,
  TStats,
} from '../../../../shared/schemas/reports.ts';
import { difference, roundHalfUp } from '../../../../shared/reports/rounding.ts';
import { formatLocalDateTime } from '../../../../shared/time.ts';
import { type DocLang, L, categoryName, paren, periodTitle, word } from './report.labels.ts';

/**
 * XLSX renderings of the report objects: one sheet per view, a frozen header row, number formats
 * (0.0 for scores, 0.0% for rates) and column widths. The cells hold the JSON's numbers unchanged,
 * so the workbook never disagrees with the web page or the PDF, except a change of a rate: like the
 * page it is in percentage points (0.051 → 5.1, shown "+5.1 pp" / "+5.1 个百分点"), because Excel
 * can only show a fraction ×100 with a % sign, which would read as a relative change.
 */
export type Cell = string | number | null;
/** Excel number format per column; null = general (text). */
export type ColumnFormat = string | null;

export const SCORE: ColumnFormat = '0.0';
export const RATE: ColumnFormat = '0.0%';
export const INT: ColumnFormat = '0';
export const SCORE_CHANGE: ColumnFormat = '+0.0;-0.0;0.0';
/** Format of a change of a rate held in percentage points: "+5.1 pp", "-0.4 个百分点". */
export const rateChangeFormat = (lang: DocLang): ColumnFormat => {
  const unit = `" ${L('pp', lang)}"`;
  return `+0.0${unit};-0.0${unit};0.0${unit}`;
};
/** A change of a rate (0–1 difference) as percentage points for a rateChangeFormat cell. */
export const ratePoints = (v: number | null): number | null => (v === null ? null : roundHalfUp(v * 100, 2));

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhijian';
  wb.created = new Date();
  return wb;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(wb: ExcelJS.Workbook, name: string): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
  let candidate = base;
  for (let i = 2; wb.getWorksheet(candidate); i++) candidate = `${base.slice(0, 28)} ${i}`;
  return candidate;
}

/** How wide a text shows in a spreadsheet, in character widths: CJK and full-width characters count 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}

/**
 * A sheet whose first row is the header (bold, frozen, filtered), then one row per record. A
 * column is never narrower than its header (up to 40 characters).
 */
export function addTableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  table: { headers: string[]; rows: Cell[][]; formats: ColumnFormat[]; widths?: number[] },
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(wb, name), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.headers.map((header, i) => ({
    header,
    width: Math.max(table.widths?.[i] ?? 10, Math.min(40, displayWidth(header) + 2)),
    style: table.formats[i] ? { numFmt: table.formats[i] ?? undefined } : {},
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
  head.alignment = { vertical: 'middle', wrapText: true };
  for (const row of table.rows) ws.addRow(row);
  if (table.rows.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  }
  return ws;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const STATS_FORMATS: ColumnFormat[] = [INT, SCORE, SCORE, SCORE, RATE, INT];
function statsHeaders(lang: DocLang): string[] {
  return [
    L('evaluations', lang),
    L('averageScore', lang),
    L('ciLow', lang),
    L('ciHigh', lang),
    L('passRate', lang),
    L('fatalCount', lang),
  ];
}
function statsCells(s: TStats): Cell[] {
  return [s.evaluations, s.average_score, s.ci_low, s.ci_high, s.pass_rate, s.fatal_count];
}

type WithPrevious = TStats & {
  previous: TStats | null;
  change: { average_score: number | null; pass_rate: number | null };
};
function changeCells(s: WithPrevious): Cell[] {
  return [
    s.previous?.average_score ?? null,
    s.change.average_score,
    s.previous?.pass_rate ?? null,
    ratePoints(s.change.pass_rate),
  ];
}
function changeHeaders(lang: DocLang): string[] {
  return [
    L('prevAverage', lang),
    L('changeAverage', lang),
    L('prevPassRate', lang),
    L('changePassRate', lang),
  ];
}
const changeFormats = (lang: DocLang): ColumnFormat[] => [SCORE, SCORE_CHANGE, RATE, rateChangeFormat(lang)];

/** Inspector workload and accuracy, one row per inspector (monthly, 10-day report, QA summary). */
function inspectorSheet(wb: ExcelJS.Workbook, rows: TInspectorRow[], lang: DocLang): ExcelJS.Worksheet {
  return addTableSheet(wb, L('inspectors', lang), {
    headers: [
      L('username', lang),
      L('inspector', lang),
      L('evaluations', lang),
      L('assigned', lang),
      L('done', lang),
      L('avgMinutes', lang),
      L('disputes', lang),
      L('overturned', lang),
      L('inspectorErrors', lang),
      L('errorRate', lang),
    ],
    formats: [null, null, INT, INT, INT, SCORE, INT, INT, INT, RATE],
    widths: [14, 12],
    rows: rows.map((i) => [
      i.username,
      i.display_name,
      i.evaluations,
      i.assigned,
      i.done,
      i.avg_minutes,
      i.disputes,
      i.overturned,
      i.inspector_errors,
      i.error_rate,
    ]),
  });
}

/** The monthly or 10-day report as a workbook (one sheet per view). */
export async function periodReportXlsx(
  report: TPeriodReport,
  lang: DocLang,
  timezone: string,
): Promise<Buffer> {
  const wb = newWorkbook();
  const cats = report.categories;
  const catHeaders = cats.map((c) => categoryName(c, lang));
  const catFormats = cats.map(() => RATE);
  const catCells = (s: TStats) => cats.map((c) => s.categories[c.key] ?? null);
  const scopeLabel = L(
    report.scope === 'all' ? 'scopeAll' : report.scope === 'team' ? 'scopeTeam' : 'scopeOwn',
    lang,
  );

  // Summary: the center, this period against the previous one, then the report's identity.
  const c = report.center;
  const summary = addTableSheet(wb, L('summary', lang), {
    headers: [L('metric', lang), L('current', lang), L('previous', lang), L('change', lang)],
    formats: [null, null, null, null],
    widths: [28, 16, 16, 16],
    rows: [],
  });
  const metric = (
    name: string,
    cur: Cell,
    prev: Cell,
    change: Cell,
    fmt: ColumnFormat,
    changeFmt: ColumnFormat,
  ) => {
    const row = summary.addRow([name, cur, prev, change]);
    if (fmt) for (const i of [2, 3]) row.getCell(i).numFmt = fmt;
    if (changeFmt) row.getCell(4).numFmt = changeFmt;
  };
  metric(L('evaluations', lang), c.evaluations, c.previous?.evaluations ?? null, null, INT, null);
  metric(
    L('averageScore', lang),
    c.average_score,
    c.previous?.average_score ?? null,
    c.change.average_score,
    SCORE,
    SCORE_CHANGE,
  );
  metric(L('ciLow', lang), c.ci_low, c.previous?.ci_low ?? null, null, SCORE, null);
  metric(L('ciHigh', lang), c.ci_high, c.previous?.ci_high ?? null, null, SCORE, null);
  metric(
    L('passRate', lang),
    c.pass_rate,
    c.previous?.pass_rate ?? null,
    ratePoints(c.change.pass_rate),
    RATE,
    rateChangeFormat(lang),
  );
  metric(L('fatalCount', lang), c.fatal_count, c.previous?.fatal_count ?? null, null, INT, null);
  for (const cat of cats) {
    const cur = c.categories[cat.key] ?? null;
    const prev = c.previous?.categories[cat.key] ?? null;
    const change = difference(cur, prev, 4);
    metric(
      `${L('share', lang)}${L('colon', lang)}${categoryName(cat, lang)}`,
      cur,
      prev,
      ratePoints(change),
      RATE,
      rateChangeFormat(lang),
    );
  }
  summary.addRow([]);
  for (const [k, v] of [
    [
      L('period', lang),
      `${periodTitle(report.period, lang)}${L('colon', lang)}${report.period.from} – ${report.period.to}`,
    ],
    [L('previousPeriod', lang), `${report.previous.from} – ${report.previous.to}`],
    [L('scope', lang), scopeLabel],
    [L('generatedAt', lang), formatLocalDateTime(new Date(report.generated_at), timezone)],
    [L('timezone', lang), report.timezone],
  ] as const)
    summary.addRow([k, v]).getCell(1).font = { bold: true };

  addTableSheet(wb, L('agents', lang), {
    headers: [
      L('username', lang),
      L('agent', lang),
      L('team', lang),
      ...statsHeaders(lang),
      ...catHeaders,
      ...changeHeaders(lang),
    ],
    formats: [null, null, null, ...STATS_FORMATS, ...catFormats, ...changeFormats(lang)],
    widths: [14, 12, 14],
    rows: report.agents.map((a) => [
      a.agent,
      a.display_name,
      a.team_name,
      ...statsCells(a),
      ...catCells(a),
      ...changeCells(a),
    ]),
  });

  addTableSheet(wb, L('teams', lang), {
    headers: [L('team', lang), ...statsHeaders(lang), ...catHeaders, ...changeHeaders(lang)],
    formats: [null, ...STATS_FORMATS, ...catFormats, ...changeFormats(lang)],
    widths: [16],
    rows: report.teams.map((t) => [t.team_name, ...statsCells(t), ...catCells(t), ...changeCells(t)]),
  });

  addTableSheet(wb, L('categories', lang), {
    headers: [
      L('category', lang),
      paren(L('center', lang), L('current', lang), lang),
      paren(L('center', lang), L('previous', lang), lang),
      ...report.teams.map((t) => t.team_name),
    ],
    formats: [null, RATE, RATE, ...report.teams.map(() => RATE)],
    widths: [18, 14, 14],
    rows: cats.map((cat) => [
      categoryName(cat, lang),
      c.categories[cat.key] ?? null,
      c.previous?.categories[cat.key] ?? null,
      ...report.teams.map((t) => t.categories[cat.key] ?? null),
    ]),
  });

  addTableSheet(wb, L('topFailed', lang), {
    headers: [
      L('rank', lang),
      L('item', lang),
      L('category', lang),
      L('fatal', lang),
      L('failed', lang),
      L('applicable', lang),
      L('failRate', lang),
      L('agentsFailing', lang),
    ],
    formats: [INT, null, null, null, INT, INT, RATE, INT],
    widths: [6, 48, 14, 8],
    rows: report.top_failed_items.map((i, n) => {
      const cat = cats.find((x) => x.key === i.category);
      return [
        n + 1,
        i.text,
        cat ? categoryName(cat, lang) : i.category,
        L(i.fatal ? 'yes' : 'no', lang),
        i.failed,
        i.applicable,
        i.fail_rate,
        i.agents_failing,
      ];
    }),
  });

  inspectorSheet(wb, report.inspectors, lang);

  addTableSheet(wb, L('distribution', lang), {
    headers: [L('bucket', lang), L('count', lang)],
    formats: [null, INT],
    widths: [14, 10],
    rows: report.distribution.map((d) => [d.bucket === 'fatal' ? L('bucketFatal', lang) : d.bucket, d.count]),
  });

  addTableSheet(wb, L('trend', lang), {
    headers: [L('date', lang), L('evaluations', lang), L('averageScore', lang)],
    formats: [null, INT, SCORE],
    widths: [12, 10, 10],
    rows: report.trend.map((t) => [t.date, t.evaluations, t.average_score]),
  });

  return workbookBuffer(wb);
}

/** The daily bulletin as a workbook: the day's totals, then one row per evaluation. */
export async function dailyBulletinXlsx(b: TDailyBulletin, lang: DocLang, timezone: string): Promise<Buffer> {
  const wb = newWorkbook();
  const t = b.totals;
  const summary = addTableSheet(wb, L('totals', lang), {
    headers: [L('metric', lang), b.date],
    formats: [null, null],
    widths: [24, 16],
    rows: [],
  });
  const metric = (name: string, value: Cell, fmt: ColumnFormat) => {
    const row = summary.addRow([name, value]);
    if (fmt) row.getCell(2).numFmt = fmt;
  };
  metric(L('evaluations', lang), t.evaluations, INT);
  metric(L('agentsChecked', lang), t.agents_checked, INT);
  metric(L('averageScore', lang), t.average_score, SCORE);
  metric(L('passRate', lang), t.pass_rate, RATE);
  metric(L('fatalCount', lang), t.fatal_count, INT);
  metric(L('positivesCount', lang), t.positives, INT);
  metric(L('negativesCount', lang), t.negatives, INT);
  summary.addRow([]);
  summary.addRow([L('generatedAt', lang), formatLocalDateTime(new Date(b.generated_at), timezone)]);

  addTableSheet(wb, L('dailyTitle', lang), {
    headers: [
      L('team', lang),
      L('evaluation', lang),
      L('username', lang),
      L('agent', lang),
      L('evaluator', lang),
      L('method', lang),
      L('phase', lang),
      L('score', lang),
      L('fatal', lang),
      L('passed', lang),
      L('failedItems', lang),
      L('positives', lang),
      L('negatives', lang),
    ],
    formats: [null, INT, null, null, null, null, null, SCORE, null, null, null, null, null],
    widths: [14, 10, 14, 10, 10, 12, 8, 8, 8, 8, 48, 36, 36],
    rows: b.teams.flatMap((team) =>
      team.rows.map((r) => [
        team.team_name ?? L('noTeam', lang),
        r.evaluation_id,
        r.agent,
        r.display_name,
        r.evaluator,
        word(r.method, lang),
        word(r.phase, lang),
        r.score,
        L(r.fatal ? 'yes' : 'no', lang),
        L(r.passed ? 'yes' : 'no', lang),
        r.failed_items.map((i) => (i.fatal ? `【${L('fatal', lang)}】${i.text}` : i.text)).join('；'),
        r.positives ?? '',
        r.negatives ?? '',
      ]),
    ),
  });
  const rows = wb.getWorksheet(L('dailyTitle', lang).slice(0, 31));
  rows?.eachRow((row, n) => {
    if (n > 1) row.alignment = { wrapText: true, vertical: 'top' };
  });
  return workbookBuffer(wb);
}

/**
 * The QA team's monthly summary (4.9) as a workbook: the month, the QA lead's findings and
 * measures with who last edited them and when (center time), then the inspectors' sheet.
 */
export async function qaSummaryXlsx(summary: TQaSummary, lang: DocLang): Promise<Buffer> {
  const wb = newWorkbook();
  const tz = summary.timezone;
  const text = summary.text;
  const sheet = addTableSheet(wb, L('summaryText', lang), {
    headers: [L('qaSummaryTitle', lang), summary.month],
    formats: [null, null],
    widths: [18, 100],
    rows: [],
  });
  const edited = text.updated_at ? formatLocalDateTime(new Date(text.updated_at), tz) : null;
  for (const [k, v] of [
    [L('findings', lang), text.findings.trim() || L('notWritten', lang)],
    [L('measures', lang), text.measures.trim() || L('notWritten', lang)],
    [L('lastEditedBy', lang), text.updated_by_name ?? L('notSaved', lang)],
    [L('lastEditedAt', lang), edited ?? '—'],
    [L('generatedAt', lang), formatLocalDateTime(new Date(summary.generated_at), tz)],
    [L('timezone', lang), tz],
  ] as const) {
    const row = sheet.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  inspectorSheet(wb, summary.inspectors, lang);
  return workbookBuffer(wb);
}
