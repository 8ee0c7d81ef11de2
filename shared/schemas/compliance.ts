import { z } from 'zod';

/**
 * The compliance board (clauses 3 and 4.5, SPEC §5 `GET /api/v1/compliance`), the monthly targeted
 * plan proposed from last month's results and its month-over-month comparison (clause 4.3), and the
 * sample-size helper. Scores travel as raw numbers (the UI rounds them for display); every average
 * carries its sample size and 95% confidence interval (`shared/statistics.ts`).
 */

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether text is a calendar month YYYY-MM. */
export function isMonthText(text: string): boolean {
  return MONTH_RE.test(text);
}

export const ZMonthParam = z
  .string()
  .regex(MONTH_RE, 'a month YYYY-MM')
  .describe('A calendar month in the center time zone, YYYY-MM.');

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The month after `month` (YYYY-MM). */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export const COMPLIANCE_STATUSES = ['on_track', 'at_risk', 'missed'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** Where the remaining shift days of a CSR come from. */
export const REMAINING_SOURCES = ['roster', 'estimate', 'mixed', 'none'] as const;

/** A mean with its sample size and 95% t-interval (null bounds below two checks). */
export const ZInterval = z.object({
  n: z.number().int().describe('Checks the average rests on.'),
  mean: z.number().nullable().describe('Average score (raw, not rounded); null without checks.'),
  sd: z.number().nullable().describe('Sample standard deviation; null below two checks.'),
  low: z.number().nullable().describe('Lower end of the 95% confidence interval of the average.'),
  high: z.number().nullable().describe('Upper end of the 95% confidence interval of the average.'),
});
export type TInterval = z.infer<typeof ZInterval>;

export const ZBoardQuery = z.object({ month: ZMonthParam });

export const ZBoardAgent = z.object({
  agent_id: z.number().int(),
  agent: z.string().describe('Username.'),
  display_name: z.string(),
  team_id: z.number().int().nullable(),
  team: z.string().nullable(),
  checks: z.number().int().describe('Submitted evaluations (any method) whose local date is in the month.'),
  monthly_quota: z.number().int(),
  daily_quota: z.number().int().describe("The plan's daily minimum, or this CSR's override when larger."),
  shift_days_so_far: z.number().int().describe('On-shift days of the month up to and including today.'),
  days_below_daily_quota: z
    .number()
    .int()
    .describe('On-shift days before today with fewer checks than the daily quota.'),
  remaining_shift_days: z
    .number()
    .int()
    .describe(
      'Shift days whose checks are still to come: today while on shift, and the days after it (roster, or an estimate).',
    ),
  remaining_source: z
    .enum(REMAINING_SOURCES)
    .describe(
      'roster: every remaining day is rostered; estimate: none is, the CSR’s recent shift pattern is used; mixed: both; none: the month is over.',
    ),
  pending_assignments: z
    .number()
    .int()
    .describe('Assignments of the month picked and assigned, not yet done.'),
  unassigned_assignments: z.number().int().describe('Assignments of the month with no inspector (overflow).'),
  projected_checks: z
    .number()
    .describe(
      'checks + pending + pace × remaining shift days, pace = (checks + pending) per shift day before today.',
    ),
  status: z.enum(COMPLIANCE_STATUSES),
  score: ZInterval,
  pass_rate: z.number().nullable().describe('Share of checks passed (0–1); null without checks.'),
  fatal_count: z.number().int(),
});
export type TBoardAgent = z.infer<typeof ZBoardAgent>;

const rollupFields = {
  agents: z.number().int(),
  checks: z.number().int(),
  monthly_quota_total: z.number().int().describe('Sum of the CSRs’ monthly quotas.'),
  met: z.number().int().describe('CSRs who already have their monthly quota.'),
  on_track: z.number().int(),
  at_risk: z.number().int(),
  missed: z.number().int(),
  days_below_daily_quota: z.number().int(),
  pending_assignments: z.number().int(),
  unassigned_assignments: z.number().int(),
  score: ZInterval,
  pass_rate: z.number().nullable(),
};

export const ZTeamRollup = z.object({
  team_id: z.number().int().nullable(),
  team: z.string().nullable(),
  ...rollupFields,
});
export type TTeamRollup = z.infer<typeof ZTeamRollup>;

export const ZBoardTotals = z.object(rollupFields);
export type TBoardTotals = z.infer<typeof ZBoardTotals>;

export const ZInspectorRow = z.object({
  user_id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  in_plan: z.boolean().describe('Whether the active plan counts this user among its inspectors.'),
  capacity: z.number().int().nullable().describe('Daily capacity in the plan; null when not in the plan.'),
  assigned: z.number().int().describe('Assignments of the month given to this inspector (any status).'),
  done: z.number().int(),
  pending: z.number().int(),
  overdue: z.number().int().describe('Pending assignments whose due date is before today.'),
  skipped: z.number().int(),
  evaluations: z.number().int().describe('Checks this inspector submitted for the month, assigned or not.'),
});
export type TInspectorRow = z.infer<typeof ZInspectorRow>;

export const ZBoardPlan = z.object({
  id: z.number().int().nullable().describe('null: no plan is active, the default quotas apply.'),
  name: z.string(),
  version: z.number().int().nullable(),
  month: z.string().nullable(),
  daily_min: z.number().int(),
  monthly_min: z.number().int(),
});

export const ZBoard = z.object({
  month: z.string(),
  today: z.string().describe('The center-local date the board was computed for.'),
  timezone: z.string(),
  generated_at: z.string().describe('When these numbers were read (ISO instant).'),
  month_state: z.enum(['past', 'current', 'future']),
  plan: ZBoardPlan.describe('The active plan whose quotas the board applies.'),
  roster: z.object({
    days_rostered: z.number().int().describe('Days of the month with roster rows.'),
    future_days: z.number().int().describe('Days of the month after today.'),
    future_days_rostered: z.number().int(),
    estimate_window_days: z
      .number()
      .int()
      .describe('Days (before today, within 28) with activity, on which shift-pattern estimates rest.'),
  }),
  agents: z.array(ZBoardAgent),
  teams: z.array(ZTeamRollup),
  totals: ZBoardTotals,
  inspectors: z.array(ZInspectorRow).describe('Empty for callers who only see their own team or themselves.'),
  spread: z.object({
    sd: z
      .number()
      .nullable()
      .describe("Pooled within-CSR standard deviation of scores this month (the typical CSR's spread)."),
    agents: z.number().int().describe('CSRs with at least two checks, on which the spread rests.'),
    checks: z.number().int(),
  }),
  abilities: z.object({
    propose: z.boolean().describe('May propose the monthly targeted plan.'),
    plans: z.boolean().describe('May read monthly plans and their comparison.'),
  }),
});
export type TBoard = z.infer<typeof ZBoard>;

export const ZAgentDay = z.object({
  date: z.string(),
  on_shift: z.boolean().nullable().describe('null for a future day without a roster (not known yet).'),
  source: z.enum(['roster', 'activity', 'unknown']).describe('What decided on_shift.'),
  checks: z.number().int(),
  quota: z.number().int(),
  below: z.boolean().describe('An on-shift day before today with fewer checks than the quota.'),
  pending_assignments: z.number().int(),
});
export type TAgentDay = z.infer<typeof ZAgentDay>;

export const ZAgentCompliance = z.object({
  month: z.string(),
  today: z.string(),
  generated_at: z.string(),
  plan: ZBoardPlan,
  agent: ZBoardAgent,
  days: z.array(ZAgentDay),
});
export type TAgentCompliance = z.infer<typeof ZAgentCompliance>;

/** Sample-size helper: how many checks give ±margin points at 95% for a CSR with spread sd. */
export const ZSampleSizeQuery = z.object({
  margin: z.coerce.number().gt(0).max(100).describe('Half-width of the 95% interval wanted, in points.'),
  sd: z.coerce
    .number()
    .min(0)
    .max(100)
    .optional()
    .describe("A CSR's score spread (standard deviation); default: the center's observed spread."),
  month: ZMonthParam.optional().describe('Month whose observed spread is the default (default: last month).'),
});

export const ZSampleSize = z.object({
  margin: z.number(),
  confidence: z.literal(0.95),
  sd: z.number().nullable().describe('The spread used; null when none was given and none was observed.'),
  sd_source: z.enum(['given', 'observed', 'none']),
  observed: z.object({
    month: z.string(),
    sd: z.number().nullable(),
    agents: z.number().int(),
    checks: z.number().int(),
  }),
  n: z.number().int().nullable().describe('Checks needed; null without a spread.'),
});
export type TSampleSize = z.infer<typeof ZSampleSize>;

/** Thresholds of the monthly proposal (defaults below; the request may override them). */
export const PROPOSAL_DEFAULTS = {
  /** A CSR whose share of passed checks last month is below this is weak. */
  min_pass_rate: 0.8,
  /**
   * A CSR whose share of checks with a fatal error last month is above this is weak. Fatal errors
   * are rare but not freak events: in the demo generator's center a CSR at the usual skill (0.9)
   * makes one in about 75 checks, one improving from a weak start one in about 30, so a month of
   * ~100 checks holds one or two for most CSRs, and "any fatal error" targeted 37 of 40 in November.
   * 4 % (5 or more in 100 checks) is over twice the center's usual rate: an ordinary CSR reaches it
   * by chance a few months in a hundred, a CSR with a real fatal-error habit (skill 0.65: 4.5 %)
   * about every other month. On the generator's data it singles out one to six CSRs of 40
   * (compliance.proposal.test.ts checks that a typical month targets a minority).
   * 0 brings back "any fatal error".
   */
  max_fatal_rate: 0.04,
  /** Extra checks a day for a weak CSR (added to the plan's daily minimum). */
  extra_daily: 2,
  /** How many most-failed items to target. */
  top_items: 5,
  /** Contacts a day reserved for a targeted queue, per CSR. */
  queue_picks: 1,
  /** A queue needs this many checks last month before its figures are trusted. */
  min_queue_checks: 5,
  /** New hires: CSRs hired within this many days get `new_hire_extra` more checks a day. */
  new_hire_days: 90,
  new_hire_extra: 1,
} as const;

/**
 * Bounds of the thresholds a request may set (the page's inputs use the same): rates are shares
 * (0–1), extra checks a day and targeted items are whole numbers.
 */
export const PROPOSAL_LIMITS = {
  min_pass_rate: { min: 0, max: 1 },
  max_fatal_rate: { min: 0, max: 1 },
  extra_daily: { min: 1, max: 20 },
  top_items: { min: 0, max: 20 },
} as const;

/** The thresholds a QA lead may set when proposing (the others are fixed defaults). */
export const PROPOSAL_REQUEST_THRESHOLDS = [
  'min_pass_rate',
  'max_fatal_rate',
  'extra_daily',
  'top_items',
] as const;
export type ProposalRequestThreshold = (typeof PROPOSAL_REQUEST_THRESHOLDS)[number];

export const ZProposeRequest = z.object({
  month: ZMonthParam.describe('The month the plan is for; it is built from the month before.'),
  replace: z
    .boolean()
    .default(false)
    .describe('Archive an existing proposal for the month and make a new one (else 409).'),
  min_pass_rate: z
    .number()
    .min(PROPOSAL_LIMITS.min_pass_rate.min)
    .max(PROPOSAL_LIMITS.min_pass_rate.max)
    .optional()
    .describe('A CSR whose share of passed checks last month is below this is weak (default 0.8).'),
  max_fatal_rate: z
    .number()
    .min(PROPOSAL_LIMITS.max_fatal_rate.min)
    .max(PROPOSAL_LIMITS.max_fatal_rate.max)
    .optional()
    .describe(
      'A CSR whose share of checks with a fatal error last month is above this is weak (default 0.04).',
    ),
  extra_daily: z
    .number()
    .int()
    .min(PROPOSAL_LIMITS.extra_daily.min)
    .max(PROPOSAL_LIMITS.extra_daily.max)
    .optional()
    .describe('Extra checks a day for a weak CSR (default 2).'),
  top_items: z
    .number()
    .int()
    .min(PROPOSAL_LIMITS.top_items.min)
    .max(PROPOSAL_LIMITS.top_items.max)
    .optional()
    .describe('How many most-failed items to target (default 5).'),
});
export type TProposeRequest = z.infer<typeof ZProposeRequest>;

export const WEAK_REASONS = ['below_pass_mark', 'low_pass_rate', 'fatal_errors'] as const;
export const QUEUE_REASONS = ['failed_items', 'below_pass_mark', 'low_pass_rate'] as const;

export const ZProposalAgent = z.object({
  agent_id: z.number().int(),
  agent: z.string(),
  display_name: z.string(),
  team: z.string().nullable(),
  reasons: z.array(z.enum(WEAK_REASONS)),
  score: ZInterval,
  pass_mark: z.number().nullable().describe('Average pass mark of the scorecards used.'),
  pass_rate: z.number().nullable(),
  fatal_count: z.number().int(),
  daily_min_before: z.number().int(),
  daily_min_after: z.number().int(),
});
export type TProposalAgent = z.infer<typeof ZProposalAgent>;

export const ZProposalItem = z.object({
  item_key: z.string(),
  text: z.string(),
  form: z.string(),
  category: z.string(),
  fatal: z.boolean(),
  answered: z.number().int().describe('Pass or fail answers last month (N/A left out).'),
  fails: z.number().int(),
  fail_rate: z.number(),
  queue_id: z.number().int().nullable().describe('The queue where it failed most.'),
  queue: z.string().nullable(),
});
export type TProposalItem = z.infer<typeof ZProposalItem>;

export const ZProposalQueue = z.object({
  queue_id: z.number().int(),
  code: z.string(),
  name: z.string(),
  reasons: z.array(z.enum(QUEUE_REASONS)),
  score: ZInterval,
  pass_mark: z.number().nullable(),
  pass_rate: z.number().nullable(),
  item_fails: z.number().int().describe('Fails of the targeted items in this queue.'),
  rule_id: z.string().describe('Id of the targeted rule added to the plan.'),
  rule_added: z.boolean().describe('false when the plan already had a rule for this queue.'),
});
export type TProposalQueue = z.infer<typeof ZProposalQueue>;

/** `sampling_plans.proposal` of a monthly targeted plan: why it looks as it does. */
export const ZProposal = z.object({
  kind: z.literal('monthly_targeted'),
  month: z.string(),
  based_on: z.string().describe('The month whose results were read.'),
  generated_at: z.string(),
  trigger: z.enum(['manual', 'schedule']),
  base_plan: z.object({
    id: z.number().int().nullable(),
    name: z.string(),
    version: z.number().int().nullable(),
  }),
  thresholds: z.object({
    min_pass_rate: z.number(),
    max_fatal_rate: z
      .number()
      .optional()
      .describe(
        'Absent on proposals made before it existed, when any fatal error made a CSR weak (as 0 does).',
      ),
    extra_daily: z.number().int(),
    top_items: z.number().int(),
    queue_picks: z.number().int(),
    min_queue_checks: z.number().int(),
  }),
  center: z.object({ score: ZInterval, pass_rate: z.number().nullable(), agents: z.number().int() }),
  agents: z.array(ZProposalAgent),
  items: z.array(ZProposalItem),
  queues: z.array(ZProposalQueue),
  new_hires: z.object({
    within_days: z.number().int(),
    extra: z.number().int(),
    rule_added: z.boolean().describe('false when the plan already had an enabled new-hire rule.'),
    agents: z.array(
      z.object({
        agent_id: z.number().int(),
        agent: z.string(),
        display_name: z.string(),
        hire_date: z.string(),
      }),
    ),
  }),
});
export type TProposal = z.infer<typeof ZProposal>;

export const ZMonthlyPlan = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['proposed', 'active', 'archived']),
  month: z.string().nullable(),
  daily_min: z.number().int(),
  monthly_min: z.number().int(),
  version: z.number().int(),
  created_at: z.string(),
  created_by_name: z.string().nullable(),
  activated_at: z.string().nullable(),
  activated_by_name: z.string().nullable(),
  overrides: z.number().int().describe('CSR overrides in the plan.'),
  targeted_rules: z.number().int().describe('Targeted rules in the plan.'),
  proposal: ZProposal.nullable().describe('null for a plan not made by the proposal.'),
});
export type TMonthlyPlan = z.infer<typeof ZMonthlyPlan>;

export const ZPlansQuery = z.object({ month: ZMonthParam });

export const ZMonthlyPlans = z.object({ month: z.string(), items: z.array(ZMonthlyPlan) });

/** One side (a month) of a comparison row. */
export const ZMonthFigures = z.object({
  score: ZInterval,
  pass_rate: z.number().nullable(),
  fatal_count: z.number().int(),
});
export type TMonthFigures = z.infer<typeof ZMonthFigures>;

export const ZItemFigures = z.object({
  answered: z.number().int(),
  fails: z.number().int(),
  fail_rate: z.number().nullable(),
});

export const ZComparison = z.object({
  month: z.string(),
  previous: z.string(),
  plan: z
    .object({
      id: z.number().int(),
      name: z.string(),
      status: z.string(),
      activated_at: z.string().nullable(),
    })
    .nullable()
    .describe("The month's targeted plan (the activated one, else the newest proposal); null if none."),
  agents: z.array(
    z.object({
      agent_id: z.number().int(),
      agent: z.string(),
      display_name: z.string(),
      team: z.string().nullable(),
      reasons: z.array(z.enum(WEAK_REASONS)),
      before: ZMonthFigures,
      after: ZMonthFigures,
      /** after.mean − before.mean; null when either side has no checks. */
      change: z.number().nullable(),
    }),
  ),
  others: z
    .object({
      agents_before: z.number().int().describe('Non-targeted CSRs with checks last month.'),
      agents_after: z.number().int().describe('Non-targeted CSRs with checks this month.'),
      before: ZMonthFigures,
      after: ZMonthFigures,
      change: z.number().nullable(),
    })
    .describe('The CSRs the plan did not target, as a yardstick for the general drift.'),
  items: z.array(
    z.object({
      item_key: z.string(),
      text: z.string(),
      category: z.string(),
      before: ZItemFigures,
      after: ZItemFigures,
      change: z.number().nullable().describe('after.fail_rate − before.fail_rate.'),
    }),
  ),
  queues: z.array(
    z.object({
      queue_id: z.number().int(),
      name: z.string(),
      before: ZMonthFigures,
      after: ZMonthFigures,
      change: z.number().nullable(),
    }),
  ),
});
export type TComparison = z.infer<typeof ZComparison>;
