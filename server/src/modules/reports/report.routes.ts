import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  ZDailyBulletin,
  ZDailyQuery,
  ZKpiQuery,
  ZKpiReport,
  ZMonthlyQuery,
  ZMyQuality,
  ZMyQualityQuery,
  ZPeriodReport,
  ZQaSummary,
  ZQaSummaryMonthParam,
  ZQaSummaryQuery,
  ZTenDayQuery,
  ZUpdateQaSummaryRequest,
} from '../../../../shared/schemas/reports.ts';
import type { TenDayPart } from '../../../../shared/reports/periods.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { authorize } from '../../policies/engine.ts';
import { dailyBulletin } from './daily.service.ts';
import { type DocumentFormat, docLang, renderDocument } from './report.documents.ts';
import { kpiCsv, kpiReport, kpiXlsx } from './kpi.service.ts';
import { myQuality } from './my-quality.service.ts';
import { type PeriodRequest, periodReport } from './period-report.service.ts';
import { getQaSummary, saveQaSummary, summaryTextForReport } from './qa-summary.service.ts';

/** Reports: daily bulletin, 10-day and monthly reports, KPI export, QA monthly summary, my quality. */
export const reportRoutes = createRouter();
const TAGS = ['Reports'];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';
const CSV = 'text/csv; charset=utf-8';
const binary = { schema: z.string().openapi({ format: 'binary' }) };

const depsOf = (c: Context<AppEnv>) => ({ db: c.get('deps').db, timezone: c.get('deps').env.timezone });

/** A downloaded document (Content-Disposition attachment). */
function attachment(c: Context<AppEnv>, body: Buffer | string, type: string, filename: string): Response {
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
    'content-type': type,
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
  });
}

const documentResponses = (schema: z.ZodType, what: string) => ({
  200: {
    description: `${what} as JSON, or with \`format=xlsx|pdf\` the document (attachment).`,
    content: { 'application/json': { schema }, [XLSX]: binary, [PDF]: binary },
  },
  ...ERROR_RESPONSES,
});

async function periodRoute(
  c: Context<AppEnv>,
  request: PeriodRequest,
  format: DocumentFormat | 'json',
  lang: string,
) {
  const report = await periodReport(depsOf(c), requireActor(c), request);
  if (format === 'json') return c.json(report, 200);
  const name =
    request.kind === 'monthly' ? `monthly-${request.month}` : `ten-day-${request.month}-${request.part}`;
  const buffer = await renderDocument({ kind: 'period', report, summary: null }, format, docLang(lang));
  return attachment(c, buffer, format === 'pdf' ? PDF : XLSX, `${name}.${format}`);
}

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/monthly',
    tags: TAGS,
    summary: 'Monthly service-quality report (月报) with itemized category analysis (4.7)',
    description:
      'Per CSR and team in the caller’s scope: evaluations, average score with its 95% interval, pass rate, fatal count, ' +
      'category shares and the change against the previous month; the most-failed items, inspector workload, score ' +
      'distribution and daily trend. Submitted evaluations only, with the corrected score, counted on the local date ' +
      'of the interaction. The PDF includes the QA team’s monthly summary text.',
    'x-policy': 'reports.read',
    request: { query: ZMonthlyQuery },
    responses: documentResponses(ZPeriodReport, 'The report'),
  }),
  async (c) => {
    const q = c.req.valid('query');
    if (q.format === 'pdf') {
      const actor = requireActor(c);
      const report = await periodReport(depsOf(c), actor, { kind: 'monthly', month: q.month });
      const summary = await summaryTextForReport(depsOf(c), actor, q.month);
      const buffer = await renderDocument({ kind: 'period', report, summary }, 'pdf', docLang(q.lang));
      return attachment(c, buffer, PDF, `monthly-${q.month}.pdf`);
    }
    return periodRoute(c, { kind: 'monthly', month: q.month }, q.format, q.lang);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/ten-day',
    tags: TAGS,
    summary: '10-day service-quality report (旬报): part 1 = days 1–10, 2 = 11–20, 3 = 21 to the month’s end',
    'x-policy': 'reports.read',
    request: { query: ZTenDayQuery },
    responses: documentResponses(ZPeriodReport, 'The report'),
  }),
  async (c) => {
    const q = c.req.valid('query');
    return periodRoute(c, { kind: 'ten_day', month: q.month, part: q.part as TenDayPart }, q.format, q.lang);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/daily',
    tags: TAGS,
    summary: 'Daily QA bulletin (日质检通报, 5.5) with praise and criticism',
    description:
      'The day’s submitted evaluations in the caller’s scope by team: CSR, method, score, fatal flag, failed items, ' +
      'praise (表扬) and criticism (批评); fatal errors first, then by score ascending; the day’s totals.',
    'x-policy': 'reports.read',
    request: { query: ZDailyQuery },
    responses: documentResponses(ZDailyBulletin, 'The bulletin'),
  }),
  async (c) => {
    const q = c.req.valid('query');
    const bulletin = await dailyBulletin(depsOf(c), requireActor(c), q.date);
    if (q.format === 'json') return c.json(bulletin, 200);
    const buffer = await renderDocument({ kind: 'daily', bulletin }, q.format, docLang(q.lang));
    return attachment(c, buffer, q.format === 'pdf' ? PDF : XLSX, `daily-${q.date}.${q.format}`);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/kpi',
    tags: TAGS,
    summary: 'KPI export for performance appraisal (4.6): one row per CSR for a month',
    description:
      'QA score, evaluations, fatal errors, pass rate and rank in the team (ties share a rank). `format=csv|xlsx` gives ' +
      'one header row and one row per CSR with plain numbers, ready to paste into a payroll sheet.',
    'x-policy': 'reports.kpi',
    request: { query: ZKpiQuery },
    responses: {
      200: {
        description: 'The KPI rows as JSON, CSV or XLSX.',
        content: { 'application/json': { schema: ZKpiReport }, 'text/csv': binary, [XLSX]: binary },
      },
      ...ERROR_RESPONSES,
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const report = await kpiReport(depsOf(c), requireActor(c), q.month);
    const lang = docLang(q.lang);
    if (q.format === 'csv') return attachment(c, kpiCsv(report, lang), CSV, `kpi-${q.month}.csv`);
    if (q.format === 'xlsx') return attachment(c, await kpiXlsx(report, lang), XLSX, `kpi-${q.month}.xlsx`);
    return c.json(report, 200);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/qa-summary',
    tags: TAGS,
    summary:
      'The QA team’s monthly work summary (4.9): inspector workload and accuracy, the QA lead’s findings and measures',
    description:
      'Per inspector: evaluations, assignments done, minutes per evaluation, and the inspector-accuracy figures ' +
      '(disputed, overturned, inspector errors, error rate — the same query as /reports/inspector-accuracy); the ' +
      'findings and improvement measures with who last edited them. `format=xlsx|pdf` gives the summary as a ' +
      'document in `lang`, times in the center’s time zone.',
    'x-policy': 'reports.qa_summary.read',
    request: { query: ZQaSummaryQuery },
    responses: documentResponses(ZQaSummary, 'The summary'),
  }),
  async (c) => {
    const q = c.req.valid('query');
    const summary = await getQaSummary(depsOf(c), requireActor(c), q.month);
    if (q.format === 'json') return c.json(summary, 200);
    const buffer = await renderDocument({ kind: 'qa_summary', summary }, q.format, docLang(q.lang));
    return attachment(c, buffer, q.format === 'pdf' ? PDF : XLSX, `qa-summary-${q.month}.${q.format}`);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/reports/qa-summary/{month}',
    tags: TAGS,
    summary:
      'Save the findings and improvement measures of a month (QA lead); 409 when someone saved meanwhile',
    'x-policy': 'reports.qa_summary.write',
    request: { params: ZQaSummaryMonthParam, body: jsonBody(ZUpdateQaSummaryRequest) },
    responses: { 200: jsonResponse(ZQaSummary, 'The summary.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const actor = requireActor(c);
    authorize(actor, 'reports.qa_summary.write');
    return c.json(
      await saveQaSummary(depsOf(c), actor, auditContext(c), c.req.valid('param').month, c.req.valid('json')),
      200,
    );
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/my-quality',
    tags: TAGS,
    summary: 'A CSR’s quality: monthly trend, category profile against team and center, recent evaluations',
    description:
      'A CSR sees themself (agent_id optional); a team leader the members of the teams they lead; QA, management, HR, ' +
      'trainers and coaches anyone.',
    'x-policy': 'reports.my_quality',
    request: { query: ZMyQualityQuery },
    responses: { 200: jsonResponse(ZMyQuality, 'The page.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await myQuality(depsOf(c), requireActor(c), c.req.valid('query')), 200),
);
