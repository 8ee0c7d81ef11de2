import { TEXT_ENCODINGS } from '../import-issues.ts';
import { z } from 'zod';
import { isCalendarDate } from '../time.ts';
import { ZPageQuery } from './common.ts';
import { QUEUE_REASONS, WEAK_REASONS, ZMonthParam } from './compliance.ts';
import { DIRECTIONS } from './interaction.ts';

/**
 * The sampling plan (clauses 3, 4.3, 4.5) and the daily run, as the API contract. The plan's quotas
 * (`daily_min`, `monthly_min`) are columns of `sampling_plans`; everything else is `config`, the
 * JSON document below. How the daily run reads it:
 *
 * 1. **Who is checked**: every CSR on shift that local day (the roster when the day has roster rows,
 *    otherwise everyone who handled a contact that day).
 * 2. **How many** (per CSR and day): `effectiveDailyMin` (the plan's daily minimum, raised by an
 *    `agent_overrides` entry) **plus** the `extra` of every matching targeted agent rule
 *    (new hire, below the pass mark, fatal error last month) and quantitative `agent`/`team` rule.
 *    Checks already made count against it: submitted evaluations of that CSR for that local date that
 *    no assignment is tied to (any method, on-site and test calls included) and the day's
 *    assignments that are pending, done or unassigned. Skipped assignments do not count, so a re-run
 *    picks another contact.
 * 3. **Which contacts**: targeted interaction rules (queue, duration, direction, repeat contact) in
 *    their order each reserve up to `picks` of a CSR's picks for contacts that match; random fills
 *    the rest uniformly from the CSR's remaining contacts of the day. A CSR with fewer contacts than
 *    needed gets all of them. Quantitative `queue` rules add a fixed number of contacts of that queue
 *    per day across the center, on top of the CSRs' quotas.
 * 4. **Who checks**: the plan's inspectors, evenly (no inspector more than one ahead of another where
 *    capacities allow), never beyond an inspector's daily capacity. What does not fit stays
 *    `unassigned` (overflow); the next run of that day places it first.
 */

const ZLocalDate = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');

export const PLAN_STATUSES = ['proposed', 'active', 'archived'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const ASSIGNMENT_STATUSES = ['pending', 'unassigned', 'done', 'skipped'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const SAMPLING_STRATEGIES = ['random', 'targeted', 'quantitative'] as const;
export type SamplingStrategy = (typeof SAMPLING_STRATEGIES)[number];

export const SAMPLING_LIMITS = {
  dailyMinMax: 50,
  monthlyMinMax: 1000,
  capacityMax: 2000,
  extraMax: 50,
  picksMax: 50,
  withinDaysMax: 365,
  dueDaysMax: 31,
  rulesMax: 50,
  inspectorsMax: 1000,
  overridesMax: 10_000,
  reasonMax: 500,
  nameMax: 100,
  /** Largest roster CSV. */
  rosterBytes: 10 * 1024 * 1024,
  shiftNameMax: 50,
} as const;

const ZUserId = z.number().int().positive();
const ZCapacity = z.number().int().min(0).max(SAMPLING_LIMITS.capacityMax);
const ZExtra = z
  .number()
  .int()
  .min(1)
  .max(SAMPLING_LIMITS.extraMax)
  .describe('Extra checks a day for each matching CSR.');
const ZPicks = z
  .number()
  .int()
  .min(1)
  .max(SAMPLING_LIMITS.picksMax)
  .describe("Up to this many of a CSR's daily picks are reserved for matching contacts.");
const ZWithinDays = z.number().int().min(1).max(SAMPLING_LIMITS.withinDaysMax);
/**
 * Why the monthly targeted plan proposal wrote a note (an override's reason, a rule's note), as
 * data: the stored note is free text the QA lead may edit, and while its end is still the text the
 * proposal wrote (`generatedNoteText`), the app shows that part as a sentence in the user's language.
 */
export const ZGeneratedNote = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('weak_agent'),
    month: ZMonthParam,
    reasons: z.array(z.enum(WEAK_REASONS)).min(1),
    average: z.number().nullable(),
    pass_mark: z.number().nullable(),
    evaluations: z.number().int().min(0),
    fatal: z.number().int().min(0),
  }),
  z.object({
    kind: z.literal('weak_queue'),
    month: ZMonthParam,
    reasons: z.array(z.enum(QUEUE_REASONS)).min(1),
  }),
  z.object({
    kind: z.literal('new_hires'),
    count: z.number().int().min(0),
    since: z.string().refine(isCalendarDate, 'a date YYYY-MM-DD'),
  }),
]);
export type TGeneratedNote = z.infer<typeof ZGeneratedNote>;
const ZGenerated = z
  .array(ZGeneratedNote)
  .max(24)
  .optional()
  .describe('What the monthly proposal wrote into the note, as data (see ZGeneratedNote).');

const fmtOne = (x: number | null) => (x === null ? '–' : (Math.round(x * 10) / 10).toFixed(1));
/**
 * The text the proposal stores for generated notes (English, as a fallback for API readers); the
 * app compares it with the stored note to tell whether someone has edited it.
 */
export function generatedNoteText(notes: readonly TGeneratedNote[]): string {
  return notes
    .map((g) => {
      switch (g.kind) {
        case 'weak_agent':
          return `${g.month}: ${g.reasons.join(', ')} (avg ${fmtOne(g.average)} / pass mark ${fmtOne(g.pass_mark)}, n=${g.evaluations}, fatal ${g.fatal}/${g.evaluations})`;
        case 'weak_queue':
          return `${g.month}: ${g.reasons.join(', ')}`;
        case 'new_hires':
          return `${g.count} CSR(s) hired since ${g.since}`;
      }
    })
    .join('; ');
}

const ruleBase = {
  id: z.string().trim().min(1).max(40).describe('Stable id within the plan (the UI makes one).'),
  enabled: z.boolean().default(true),
  note: z.string().trim().max(SAMPLING_LIMITS.reasonMax).nullable().optional(),
  generated: ZGenerated,
};

/** Who checks: every active `qa` user, or a list; `listed` also sets capacities in `all_qa` mode. */
export const ZInspectors = z.object({
  mode: z.enum(['all_qa', 'listed']),
  default_capacity: ZCapacity.describe('Assignments per inspector and day unless listed otherwise.'),
  listed: z
    .array(z.object({ user_id: ZUserId, capacity: ZCapacity }))
    .max(SAMPLING_LIMITS.inspectorsMax)
    .default([]),
});
export type TInspectors = z.infer<typeof ZInspectors>;

/** A CSR with a higher daily quota (e.g. from the monthly targeted plan); the larger one wins. */
export const ZAgentOverride = z.object({
  agent_id: ZUserId,
  daily_min: z.number().int().min(0).max(SAMPLING_LIMITS.dailyMinMax),
  reason: z.string().trim().max(SAMPLING_LIMITS.reasonMax).default(''),
  generated: ZGenerated,
});
export type TAgentOverride = z.infer<typeof ZAgentOverride>;

/**
 * Targeted rules. Interaction rules (`queue`, `duration_above`, `duration_below`, `direction`,
 * `repeat_contact`) choose *which* contacts fill a CSR's picks: each reserves up to `picks` for
 * matching contacts, in rule order. Agent rules (`new_hire`, `below_pass_mark`, `fatal_last_month`)
 * choose *how many*: a matching CSR gets `extra` more checks a day. "Last month" is the calendar
 * month before the run's date; "below the pass mark" compares the CSR's average submitted score with
 * the average pass mark of the scorecards used (a fatal evaluation scores 0).
 */
export const ZTargetedRule = z.discriminatedUnion('kind', [
  z.object({ ...ruleBase, kind: z.literal('queue'), queue_id: ZUserId, picks: ZPicks }),
  z.object({
    ...ruleBase,
    kind: z.literal('duration_above'),
    seconds: z.number().int().min(0).max(86_400),
    picks: ZPicks,
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('duration_below'),
    seconds: z.number().int().min(1).max(86_400),
    picks: ZPicks,
  }),
  z.object({ ...ruleBase, kind: z.literal('direction'), direction: z.enum(DIRECTIONS), picks: ZPicks }),
  z.object({
    ...ruleBase,
    kind: z.literal('repeat_contact'),
    within_days: ZWithinDays.describe('The same customer contacted the center within this many days before.'),
    picks: ZPicks,
  }),
  z.object({
    ...ruleBase,
    kind: z.literal('new_hire'),
    within_days: ZWithinDays.describe('Hired within this many days (90 ≈ the 3-month probation).'),
    extra: ZExtra,
  }),
  z.object({ ...ruleBase, kind: z.literal('below_pass_mark'), extra: ZExtra }),
  z.object({ ...ruleBase, kind: z.literal('fatal_last_month'), extra: ZExtra }),
]);
export type TTargetedRule = z.infer<typeof ZTargetedRule>;
export type TargetedKind = TTargetedRule['kind'];
export const INTERACTION_RULE_KINDS = [
  'queue',
  'duration_above',
  'duration_below',
  'direction',
  'repeat_contact',
] as const satisfies readonly TargetedKind[];
export const AGENT_RULE_KINDS = [
  'new_hire',
  'below_pass_mark',
  'fatal_last_month',
] as const satisfies readonly TargetedKind[];

/**
 * Quantitative rules: fixed extra counts. `agent`: that CSR gets `extra` more checks a day;
 * `team`: every on-shift CSR of the team gets `extra` more; `queue`: `count` more contacts of that
 * queue a day across the center (spread over the CSRs who handled them), beyond the quotas.
 */
export const ZQuantitativeRule = z.discriminatedUnion('scope', [
  z.object({ ...ruleBase, scope: z.literal('agent'), agent_id: ZUserId, extra: ZExtra }),
  z.object({ ...ruleBase, scope: z.literal('team'), team_id: ZUserId, extra: ZExtra }),
  z.object({
    ...ruleBase,
    scope: z.literal('queue'),
    queue_id: ZUserId,
    count: z.number().int().min(1).max(10_000).describe('Contacts of this queue a day, center-wide.'),
  }),
]);
export type TQuantitativeRule = z.infer<typeof ZQuantitativeRule>;

export const ZStrategies = z.object({
  random: z
    .object({ enabled: z.boolean() })
    .describe("Random fills what targeted rules leave of each CSR's quota; off = only matching contacts."),
  targeted: z.array(ZTargetedRule).max(SAMPLING_LIMITS.rulesMax).default([]),
  quantitative: z.array(ZQuantitativeRule).max(SAMPLING_LIMITS.rulesMax).default([]),
});
export type TStrategies = z.infer<typeof ZStrategies>;

export const ZSchedule = z.object({
  enabled: z.boolean(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM (24 h)')
    .describe('Local time in ZHIJIAN_TIMEZONE.'),
  day: z.enum(['previous', 'current']).describe("Which local day the run samples: yesterday's or today's."),
});
export type TSchedule = z.infer<typeof ZSchedule>;

/** `sampling_plans.config`. */
export const ZPlanConfig = z
  .object({
    inspectors: ZInspectors,
    agent_overrides: z.array(ZAgentOverride).max(SAMPLING_LIMITS.overridesMax).default([]),
    strategies: ZStrategies,
    schedule: ZSchedule,
    due_days: z
      .number()
      .int()
      .min(0)
      .max(SAMPLING_LIMITS.dueDaysMax)
      .describe('An assignment is due this many days after its local date.'),
  })
  .superRefine((c, ctx) => {
    const dup = (values: (number | string)[], path: (string | number)[], what: string) => {
      const seen = new Set<number | string>();
      values.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `duplicate ${what}` });
        seen.add(v);
      });
    };
    dup(
      c.inspectors.listed.map((l) => l.user_id),
      ['inspectors', 'listed'],
      'inspector',
    );
    dup(
      c.agent_overrides.map((o) => o.agent_id),
      ['agent_overrides'],
      'CSR',
    );
    dup(
      [...c.strategies.targeted, ...c.strategies.quantitative].map((r) => r.id),
      ['strategies'],
      'rule id',
    );
    if (c.inspectors.mode === 'listed' && c.inspectors.listed.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['inspectors', 'listed'],
        message: 'list at least one inspector',
      });
  });
export type TPlanConfig = z.infer<typeof ZPlanConfig>;

/** The default plan of a fresh install: 3 a day, 20 a month, random, all `qa` users, capacity 60. */
export const DEFAULT_PLAN = {
  name: 'Default plan',
  daily_min: 3,
  monthly_min: 20,
  config: {
    inspectors: { mode: 'all_qa', default_capacity: 60, listed: [] },
    agent_overrides: [],
    strategies: { random: { enabled: true }, targeted: [], quantitative: [] },
    schedule: { enabled: true, time: '07:00', day: 'previous' },
    due_days: 2,
  },
} as const satisfies { name: string; daily_min: number; monthly_min: number; config: TPlanConfig };

/** The key stored in `assignments.rule` for the rule that picked a contact, e.g. `queue:3`. */
export function ruleKey(rule: TTargetedRule | TQuantitativeRule): string {
  if ('scope' in rule) {
    if (rule.scope === 'agent') return `agent:${rule.agent_id}`;
    if (rule.scope === 'team') return `team:${rule.team_id}`;
    return `queue:${rule.queue_id}`;
  }
  switch (rule.kind) {
    case 'queue':
      return `queue:${rule.queue_id}`;
    case 'duration_above':
    case 'duration_below':
      return `${rule.kind}:${rule.seconds}`;
    case 'direction':
      return `direction:${rule.direction}`;
    case 'repeat_contact':
    case 'new_hire':
      return `${rule.kind}:${rule.within_days}`;
    case 'below_pass_mark':
    case 'fatal_last_month':
      return rule.kind;
  }
}

/**
 * A CSR's daily quota under a plan: the plan's daily minimum, or the CSR's override when larger.
 * (Agent rules may add extra checks on top; the run and the compliance board both start here.)
 */
export function effectiveDailyMin(
  plan: { daily_min: number; config: Pick<TPlanConfig, 'agent_overrides'> },
  agentId: number,
): number {
  const o = plan.config.agent_overrides.find((x) => x.agent_id === agentId);
  return Math.max(plan.daily_min, o?.daily_min ?? 0);
}

const planFields = {
  name: z.string().trim().min(1).max(SAMPLING_LIMITS.nameMax),
  daily_min: z
    .number()
    .int()
    .min(1)
    .max(SAMPLING_LIMITS.dailyMinMax)
    .describe('Checks a day per on-shift CSR (clause 3: at least 3).'),
  monthly_min: z
    .number()
    .int()
    .min(1)
    .max(SAMPLING_LIMITS.monthlyMinMax)
    .describe('Checks a month per CSR (clause 4.5: at least 20).'),
  config: ZPlanConfig,
};

export const ZSamplingPlan = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(PLAN_STATUSES),
  month: z.string().nullable(),
  daily_min: z.number().int(),
  monthly_min: z.number().int(),
  config: ZPlanConfig,
  proposal: z.unknown().nullable().describe("Why a proposed plan looks as it does (last month's results)."),
  created_by: z.number().int().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  activated_at: z.string().nullable(),
  activated_by: z.number().int().nullable(),
  version: z.number().int(),
});
export type TSamplingPlan = z.infer<typeof ZSamplingPlan>;

export const ZCreatePlanRequest = z.object({
  ...planFields,
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')
    .nullable()
    .optional(),
});
export type TCreatePlanRequest = z.infer<typeof ZCreatePlanRequest>;

export const ZUpdatePlanRequest = z.object({
  version: z.number().int().describe('The version read; an older one answers 409.'),
  name: planFields.name.optional(),
  daily_min: planFields.daily_min.optional(),
  monthly_min: planFields.monthly_min.optional(),
  config: ZPlanConfig.optional(),
});
export type TUpdatePlanRequest = z.infer<typeof ZUpdatePlanRequest>;

export const ZActivatePlanRequest = z.object({
  version: z.number().int().optional().describe('The version read; an older one answers 409.'),
});

/** SPEC §5 assignment plus how it was picked. */
export const ZAssignment = z.object({
  id: z.number().int(),
  interaction_id: z.number().int(),
  agent_id: z.number().int(),
  assignee_id: z.number().int().nullable(),
  date: z.string(),
  due_date: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  strategy: z.enum(SAMPLING_STRATEGIES),
  rule: z.string().nullable(),
  run_id: z.number().int().nullable(),
});
export type TAssignment = z.infer<typeof ZAssignment>;

export const ZRunRequest = z.object({ date: ZLocalDate.describe('The local day to sample.') });

export const ZInspectorLoad = z.object({
  user_id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  capacity: z.number().int(),
  before: z.number().int().describe('Assignments of that date before this run.'),
  assigned: z.number().int().describe('Placed by this run.'),
  total: z.number().int(),
});

export const ZShortAgent = z.object({
  agent_id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  needed: z.number().int(),
  available: z.number().int().describe('Contacts of the day not yet picked.'),
});

export const ZRunSummary = z.object({
  on_shift: z.number().int().describe('CSRs on shift that day.'),
  roster: z.boolean().describe('Whether the roster decided who was on shift (else: who handled contacts).'),
  needed: z.number().int().describe('Checks still missing before the run.'),
  created: z.number().int(),
  by_strategy: z.record(z.string(), z.number().int()),
  placed_overflow: z.number().int().describe('Earlier unassigned contacts placed by this run.'),
  overflow: z.number().int().describe('Contacts of the day still unassigned after the run.'),
  agents_short: z.array(ZShortAgent).describe('CSRs with fewer contacts than their quota needed.'),
  per_inspector: z.array(ZInspectorLoad),
  no_inspectors: z.boolean(),
});
export type TRunSummary = z.infer<typeof ZRunSummary>;

export const ZSamplingRun = z.object({
  id: z.number().int(),
  date: z.string(),
  plan_id: z.number().int(),
  plan_version: z.number().int(),
  trigger: z.enum(['schedule', 'manual']),
  requested_by: z.number().int().nullable(),
  requested_by_name: z.string().nullable(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  status: z.enum(['running', 'done', 'failed']),
  created: z.number().int(),
  overflow: z.number().int(),
  summary: ZRunSummary.nullable(),
  error: z.string().nullable(),
});
export type TSamplingRun = z.infer<typeof ZSamplingRun>;

export const ZRunResponse = z.object({
  run: ZSamplingRun,
  summary: ZRunSummary,
  assignments: z.array(ZAssignment).describe('The assignments this run created.'),
});
export type TRunResponse = z.infer<typeof ZRunResponse>;

export const ZRunsQuery = ZPageQuery.extend({
  from: ZLocalDate.optional(),
  to: ZLocalDate.optional(),
});

/** Roster. */
export const ROSTER_COLUMNS = ['agent', 'date', 'shift'] as const;

export const ZShift = z.object({
  id: z.number().int(),
  agent_id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  team_id: z.number().int().nullable(),
  date: z.string(),
  shift: z.string().nullable(),
});
export type TShift = z.infer<typeof ZShift>;

const shiftRange = {
  from: ZLocalDate,
  to: ZLocalDate,
  team_id: z.coerce.number().int().positive().optional(),
};
const rangeInOrder = (q: { from: string; to: string }) => q.from <= q.to;

export const ZShiftsQuery = ZPageQuery.extend({
  ...shiftRange,
  agent_id: z.coerce.number().int().positive().optional(),
}).refine(rangeInOrder, { path: ['to'], message: 'to is before from' });

/** The calendar asks at most a few months at a time. */
export const ZShiftDaysQuery = z
  .object(shiftRange)
  .refine(rangeInOrder, { path: ['to'], message: 'to is before from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    path: ['to'],
    message: 'at most a year at a time',
  });

export const ZShiftDays = z.object({
  items: z.array(z.object({ date: z.string(), on_shift: z.number().int() })),
});

export const ZShiftImportResult = z.object({
  imported: z.number().int().describe('New roster rows.'),
  updated: z.number().int().describe('Existing agent+date rows whose shift changed.'),
  unchanged: z.number().int(),
  rejected: z.array(
    z.object({
      row: z.number().int().describe('Line of the file (header = 1).'),
      code: z.string(),
      reason: z.string(),
    }),
  ),
  encoding: z
    .enum(TEXT_ENCODINGS)
    .describe(
      'How the file was read: utf-8, or gb18030 when it was not UTF-8 but read cleanly as GB18030 (GBK).',
    ),
});
export type TShiftImportResult = z.infer<typeof ZShiftImportResult>;
