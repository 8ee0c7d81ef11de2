/**
 * The reports contract (issue 6; /tmp/reports-contract.md): daily bulletin, 10-day and monthly
 * service-quality reports, KPI export, the QA monthly summary and "my quality". The server computes
 * every figure once per request into these shapes; the web pages, the XLSX and the PDF all show the
 * same object. Scores are rounded half up to 1 decimal, rates and shares to 4 decimals (0–1).
 */
import { z } from 'zod';
import { isCalendarDate } from '../time.ts';
import { EVALUATION_METHODS, EVALUATION_PHASES } from '../workflow.ts';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether text is a calendar month YYYY-MM (years 2000–2999). */
export function isMonth(text: string): boolean {
  const m = MONTH_RE.exec(text);
  return m !== null && Number(m[1]) >= 2000 && Number(m[1]) <= 2999;
}

export const ZMonth = z
  .string()
  .refine(isMonth, 'a month YYYY-MM')
  .describe('A calendar month in the center time zone, YYYY-MM.');
export const ZReportDate = z
  .string()
  .refine(isCalendarDate, 'a date YYYY-MM-DD')
  .describe('A local date in the center time zone, YYYY-MM-DD.');

/** Document language: `zh-CN` (default) or `en`; `zh`/`en-US` are accepted too. */
export const REPORT_LANGS = ['zh-CN', 'zh', 'en', 'en-US'] as const;
export const ZReportLang = z
  .enum(REPORT_LANGS)
  .default('zh-CN')
  .describe('Language of the XLSX/PDF document: zh-CN (default) or en.');

export const ZReportFormat = z
  .enum(['json', 'xlsx', 'pdf'])
  .default('json')
  .describe('json (default), xlsx or pdf (downloaded as an attachment).');

/** Score, rounded half up to 1 decimal; null when nothing was evaluated. */
const ZScore = z.number().nullable();
/** A fraction 0–1, rounded half up to 4 decimals; null when there is no denominator. */
const ZRate = z.number().min(0).max(1).nullable();

export const ZStats = z.object({
  evaluations: z.number().int().describe('Submitted evaluations counted (drafts never count).'),
  average_score: ZScore.describe('Plain mean of the evaluation scores (a fatal evaluation counts as 0).'),
  ci_low: ZScore.describe('Lower bound of the 95% t-interval of the mean; null when fewer than 2.'),
  ci_high: ZScore.describe('Upper bound of the 95% t-interval of the mean; null when fewer than 2.'),
  pass_rate: ZRate.describe('Share of evaluations that passed (no fatal error and score ≥ pass mark).'),
  fatal_count: z.number().int().describe('Evaluations with a fatal error.'),
  categories: z
    .record(z.string(), ZRate)
    .describe('Per category key: share of applicable (non-N/A) items passed; null when none applicable.'),
});
export type TStats = z.infer<typeof ZStats>;

export const ZChange = z.object({
  average_score: z.number().nullable().describe('Current minus previous average score (1 decimal).'),
  pass_rate: z.number().nullable().describe('Current minus previous pass rate (4 decimals).'),
});
export type TChange = z.infer<typeof ZChange>;

export const ZReportCategory = z.object({ key: z.string(), name_zh: z.string(), name_en: z.string() });
export type TReportCategory = z.infer<typeof ZReportCategory>;

export const ZAgentStats = ZStats.extend({
  agent_id: z.number().int(),
  agent: z.string().describe('Username.'),
  display_name: z.string(),
  team_id: z.number().int().nullable(),
  team_name: z.string().nullable(),
  previous: ZStats.nullable().describe('The same figures for the previous period; null when none there.'),
  change: ZChange,
});
export type TAgentStats = z.infer<typeof ZAgentStats>;

export const ZTeamStats = ZStats.extend({
  team_id: z.number().int(),
  team_name: z.string(),
  previous: ZStats.nullable(),
  change: ZChange,
});
export type TTeamStats = z.infer<typeof ZTeamStats>;

export const ZFailedItem = z.object({
  item_id: z.number().int().describe('The newest version of the item (items are followed across versions).'),
  item_key: z.string(),
  text: z.string(),
  category: z.string().describe('Category key.'),
  fatal: z.boolean(),
  failed: z.number().int(),
  applicable: z.number().int().describe('Answers that were pass or fail (N/A excluded).'),
  fail_rate: ZRate,
  agents_failing: z.number().int().describe('Distinct CSRs who failed it in the period.'),
});
export type TFailedItem = z.infer<typeof ZFailedItem>;

export const ZInspectorRow = z.object({
  inspector_id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  evaluations: z.number().int().describe('Submitted evaluations they made in the period.'),
  assigned: z.number().int().describe('Sampling assignments given to them for the period.'),
  done: z.number().int().describe('Of those, completed.'),
  avg_minutes: z
    .number()
    .nullable()
    .describe('Mean minutes from starting a draft to submitting it (1 decimal).'),
  disputes: z
    .number()
    .int()
    .describe(
      'Of those evaluations, how many were disputed (an evaluation is disputed at most once): the ' +
        'inspector-accuracy report’s `disputed`, by the same query.',
    ),
  overturned: z
    .number()
    .int()
    .describe(
      'Of those, overturned: the dispute closed with a corrected evaluation (accuracy `overturned`).',
    ),
  inspector_errors: z
    .number()
    .int()
    .describe('Of those, judged an inspector error by the QA lead (B15; accuracy `inspector_errors`).'),
  error_rate: z
    .number()
    .nullable()
    .describe(
      'Inspector errors ÷ evaluations (0–1, unrounded, as the inspector-accuracy report); null without evaluations.',
    ),
});
export type TInspectorRow = z.infer<typeof ZInspectorRow>;

export const DISTRIBUTION_BUCKETS = ['fatal', '<60', '60-69', '70-79', '80-89', '90-100'] as const;
export const ZDistributionBucket = z.object({
  bucket: z.enum(DISTRIBUTION_BUCKETS),
  count: z.number().int(),
});

export const ZTrendPoint = z.object({
  date: z.string(),
  evaluations: z.number().int(),
  average_score: ZScore,
});

export const ZPeriod = z.object({
  kind: z.enum(['monthly', 'ten_day']),
  month: z.string(),
  part: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  from: z.string(),
  to: z.string().describe('Inclusive last day.'),
});
export type TPeriod = z.infer<typeof ZPeriod>;

export const ZReportScope = z
  .enum(['all', 'team', 'own'])
  .describe(
    'What the caller sees: all CSRs, the teams they lead, or only themself. `center` is always the whole center.',
  );

export const ZPeriodReport = z.object({
  period: ZPeriod,
  previous: z.object({ from: z.string(), to: z.string() }),
  generated_at: z.string().describe('ISO instant the figures were computed.'),
  timezone: z.string(),
  scope: ZReportScope,
  categories: z.array(ZReportCategory).describe('Categories that occur in either period, in display order.'),
  center: ZStats.extend({ previous: ZStats.nullable(), change: ZChange }).describe(
    'The whole center (the reference every CSR and team is compared with).',
  ),
  agents: z.array(ZAgentStats).describe('CSRs in scope (active CSRs, and anyone evaluated), by name.'),
  teams: z.array(ZTeamStats).describe('Teams in scope, by name.'),
  top_failed_items: z.array(ZFailedItem).describe('The 10 items failed most often in scope.'),
  inspectors: z
    .array(ZInspectorRow)
    .describe('Inspector workload (empty for callers who may not see it: agents, team leaders).'),
  distribution: z
    .array(ZDistributionBucket)
    .describe('Scores in scope; fatal evaluations in their own bucket.'),
  trend: z.array(ZTrendPoint).describe('Every day of the period, in scope.'),
});
export type TPeriodReport = z.infer<typeof ZPeriodReport>;

export const ZMonthlyQuery = z.object({ month: ZMonth, format: ZReportFormat, lang: ZReportLang });
export const ZTenDayQuery = ZMonthlyQuery.extend({
  part: z.coerce
    .number()
    .int()
    .min(1)
    .max(3)
    .describe('1: days 1–10, 2: days 11–20, 3: day 21 to the end of the month.'),
});
export const ZDailyQuery = z.object({ date: ZReportDate, format: ZReportFormat, lang: ZReportLang });

export const ZBulletinRow = z.object({
  evaluation_id: z.number().int(),
  agent_id: z.number().int(),
  agent: z.string(),
  display_name: z.string(),
  evaluator: z.string().describe('Display name of the inspector.'),
  evaluator_id: z.number().int(),
  method: z.enum(EVALUATION_METHODS),
  phase: z.enum(EVALUATION_PHASES),
  score: z.number(),
  fatal: z.boolean(),
  passed: z.boolean(),
  failed_items: z.array(z.object({ item_id: z.number().int(), text: z.string(), fatal: z.boolean() })),
  positives: z.string().nullable(),
  negatives: z.string().nullable(),
});
export type TBulletinRow = z.infer<typeof ZBulletinRow>;

export const ZDailyBulletin = z.object({
  date: z.string(),
  generated_at: z.string(),
  timezone: z.string(),
  scope: ZReportScope,
  totals: z.object({
    evaluations: z.number().int(),
    agents_checked: z.number().int(),
    average_score: ZScore,
    pass_rate: ZRate,
    fatal_count: z.number().int(),
    positives: z.number().int().describe('Evaluations with praise (表扬).'),
    negatives: z.number().int().describe('Evaluations with criticism (批评).'),
  }),
  teams: z
    .array(
      z.object({
        team_id: z.number().int().nullable(),
        team_name: z.string().nullable(),
        evaluations: z.number().int(),
        average_score: ZScore,
        fatal_count: z.number().int(),
        rows: z.array(ZBulletinRow).describe('Fatal first, then by score ascending.'),
      }),
    )
    .describe('By team name; CSRs without a team last (team_id null).'),
});
export type TDailyBulletin = z.infer<typeof ZDailyBulletin>;

export const ZKpiQuery = z.object({
  month: ZMonth,
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  lang: ZReportLang,
});
export const ZKpiRow = z.object({
  agent_id: z.number().int(),
  agent: z.string(),
  display_name: z.string(),
  team_id: z.number().int().nullable(),
  team_name: z.string().nullable(),
  evaluations: z.number().int(),
  average_score: ZScore.describe('null for a CSR with no evaluation in the month.'),
  fatal_count: z.number().int(),
  pass_rate: ZRate,
  rank_in_team: z
    .number()
    .int()
    .nullable()
    .describe('1 = best average in the team; ties share a rank (1, 1, 3); null when not evaluated.'),
  team_size: z.number().int().describe('CSRs of the team ranked this month.'),
});
export type TKpiRow = z.infer<typeof ZKpiRow>;
export const ZKpiReport = z.object({
  month: z.string(),
  generated_at: z.string(),
  scope: ZReportScope,
  rows: z.array(ZKpiRow).describe('By team name, then rank, then name.'),
});
export type TKpiReport = z.infer<typeof ZKpiReport>;

export const ZQaSummaryQuery = z.object({ month: ZMonth, format: ZReportFormat, lang: ZReportLang });
export const ZQaSummaryText = z.object({
  findings: z.string(),
  measures: z.string(),
  version: z.number().int().describe('0 while nothing was saved for the month; send it back on PUT.'),
  updated_by_name: z.string().nullable(),
  updated_at: z.string().nullable(),
});
export type TQaSummaryText = z.infer<typeof ZQaSummaryText>;
export const ZQaSummary = z.object({
  month: z.string(),
  generated_at: z.string().describe('When the summary was computed (UTC, ISO 8601).'),
  timezone: z.string().describe('The center’s time zone; documents show times in it.'),
  inspectors: z
    .array(ZInspectorRow)
    .describe(
      'Per inspector, by name: workload and the inspector-accuracy figures of the month (the same query as ' +
        'GET /reports/inspector-accuracy).',
    ),
  text: ZQaSummaryText,
});
export type TQaSummary = z.infer<typeof ZQaSummary>;
export const ZQaSummaryMonthParam = z.object({ month: ZMonth });
export const ZUpdateQaSummaryRequest = z.object({
  findings: z.string().max(20_000),
  measures: z.string().max(20_000),
  version: z.number().int().min(0).describe('The version read (0 for a month not saved yet).'),
});
export type TUpdateQaSummaryRequest = z.infer<typeof ZUpdateQaSummaryRequest>;

export const ZMyQualityQuery = z.object({
  agent_id: z.coerce.number().int().positive().optional().describe('Default: the caller.'),
  months: z.coerce.number().int().min(1).max(24).default(6),
  month: ZMonth.optional().describe('The last month shown (default: the current local month).'),
});
export const ZMyQuality = z.object({
  agent: z.object({
    agent_id: z.number().int(),
    agent: z.string(),
    display_name: z.string(),
    team_id: z.number().int().nullable(),
    team_name: z.string().nullable(),
  }),
  month: z.string().describe('The current (last) month of the trend.'),
  trend: z
    .array(
      z.object({
        month: z.string(),
        evaluations: z.number().int(),
        average_score: ZScore,
        ci_low: ZScore,
        ci_high: ZScore,
        pass_rate: ZRate,
        fatal_count: z.number().int(),
      }),
    )
    .describe('Oldest first, every month.'),
  categories: z.array(ZReportCategory.extend({ agent_share: ZRate, team_share: ZRate, center_share: ZRate })),
  recent: z
    .array(
      z.object({
        evaluation_id: z.number().int(),
        local_date: z.string(),
        score: z.number(),
        fatal: z.boolean(),
        passed: z.boolean(),
        method: z.enum(EVALUATION_METHODS),
      }),
    )
    .describe('The last 10 submitted evaluations, newest first.'),
});
export type TMyQuality = z.infer<typeof ZMyQuality>;
