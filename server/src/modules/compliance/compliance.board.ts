import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import { scopeWhere } from '../../policies/scope.ts';
import { intervalFromSummary } from '../../../../shared/statistics.ts';
import { localDayRange } from '../../../../shared/time.ts';
import type {
  TAgentCompliance,
  TBoard,
  TBoardAgent,
  TBoardTotals,
  TInspectorRow,
  TInterval,
  TTeamRollup,
} from '../../../../shared/schemas/compliance.ts';
import {
  ESTIMATE_WINDOW_DAYS,
  addDays,
  datesBetween,
  daySet,
  monthBounds,
  pgArray,
} from './compliance.dates.ts';
import { type ActivePlan, loadActivePlan, loadPlanInForce, presentPlan } from './compliance.plan.ts';
import { complianceScope } from './compliance.policy.ts';
import { projectCompliance } from './compliance.projection.ts';
import { readSnapshot } from './compliance.snapshot.ts';
import {
  type AgentComplianceRow,
  type BoardParams,
  type ScoreSummaryRow,
  activeWindowDays,
  agentComplianceRows,
  agentDays,
  inspectorLoads,
  rosteredDates,
  scoreSummaries,
} from './compliance.repo.ts';

export type BoardOptions = {
  month: string;
  /** The center-local date "now" (the clock is a dependency, so tests can pin it). */
  today: string;
  timezone: string;
  now?: Date;
};

const SCORE_RANGE = [0, 100] as const;

/** A score summary as mean, n and its 95% interval. */
export function toInterval(s: { n: number; mean: number | null; sd: number | null } | undefined): TInterval {
  return intervalFromSummary(s ?? { n: 0, mean: null, sd: null }, { clamp: SCORE_RANGE });
}

const round1 = (x: number) => Math.round(x * 10) / 10;

type Context = {
  plan: ActivePlan;
  params: BoardParams;
  monthState: 'past' | 'current' | 'future';
  futureDays: string[];
  futureUnrostered: number;
  todayUnrostered: boolean;
  windowActiveDays: number;
  rostered: Set<string>;
};

/** Everything both the board and the CSR detail need: the plan, the days, the roster, the scope. */
async function prepare(db: DbOrTx, actor: Actor, options: BoardOptions, agentId?: number): Promise<Context> {
  const { first, last } = monthBounds(options.month);
  const { today } = options;
  const monthState = today > last ? 'past' : today < first ? 'future' : 'current';
  // A finished month is judged by the plan version in force when it ended; the current and later
  // months by the plan in force now.
  const plan =
    monthState === 'past'
      ? await loadPlanInForce(db, localDayRange(addDays(last, 1), options.timezone).start)
      : await loadActivePlan(db);
  const windowStart = addDays(today, -ESTIMATE_WINDOW_DAYS);
  const monthDays = datesBetween(first, last);
  const needsWindow = monthState !== 'past';
  const windowDays = needsWindow ? datesBetween(windowStart, addDays(today, -1)) : [];
  const days = daySet([...monthDays, ...windowDays], options.timezone);
  const rosteredList = await rosteredDates(
    db,
    needsWindow && windowStart < first ? windowStart : first,
    last,
  );
  const rostered = new Set(rosteredList);
  const futureDays = monthDays.filter((d) => d > today);
  const overrides = plan.config.agent_overrides;
  const params: BoardParams = {
    first,
    last,
    today,
    windowStart,
    days,
    rostered: pgArray(rosteredList),
    dailyMin: plan.daily_min,
    overrideIds: pgArray(overrides.map((o) => o.agent_id)),
    overrideMins: pgArray(overrides.map((o) => o.daily_min)),
    scope: scopeWhere(actor, complianceScope(actor), { ownerId: sql`u.id`, teamId: sql`u.team_id` }),
    agentId,
  };
  return {
    plan,
    params,
    monthState,
    futureDays,
    futureUnrostered: futureDays.filter((d) => !rostered.has(d)).length,
    todayUnrostered: monthState === 'current' && !rostered.has(today),
    windowActiveDays: needsWindow ? await activeWindowDays(db, days, windowStart, today) : 0,
    rostered,
  };
}

/**
 * One CSR's board row. Remaining shift days are the days whose checks are still to come: today
 * while the CSR is on shift, and the days after it — rostered days as the roster says, days
 * without a roster estimated from the CSR's shift pattern over the last 28 days (their on-shift
 * days ÷ the days the center worked), today included while the CSR has not been seen on shift yet.
 */
function boardAgent(
  ctx: Context,
  row: AgentComplianceRow,
  summary: ScoreSummaryRow | undefined,
): TBoardAgent {
  const current = ctx.monthState !== 'past';
  const rate = ctx.windowActiveDays > 0 ? Math.min(1, row.window_shift_days / ctx.windowActiveDays) : 0;
  const unknownDays = ctx.futureUnrostered + (ctx.todayUnrostered && !row.on_shift_today ? 1 : 0);
  const today = ctx.monthState === 'current' && row.on_shift_today ? 1 : 0;
  const remaining = current ? today + row.future_roster_days + rate * unknownDays : 0;
  const rosteredFuture = ctx.futureDays.length - ctx.futureUnrostered;
  const source = !current
    ? 'none'
    : unknownDays === 0
      ? 'roster'
      : rosteredFuture === 0
        ? 'estimate'
        : 'mixed';
  const monthlyQuota = ctx.plan.monthly_min;
  const projection = projectCompliance({
    checks: row.checks,
    monthlyQuota,
    dailyQuota: row.daily_quota,
    pending: row.pending_assignments,
    closedShiftDays: row.shift_days_so_far - today,
    remainingShiftDays: remaining,
    monthOver: !current,
  });
  return {
    agent_id: row.agent_id,
    agent: row.agent,
    display_name: row.display_name,
    team_id: row.team_id,
    team: row.team,
    checks: row.checks,
    monthly_quota: monthlyQuota,
    daily_quota: row.daily_quota,
    shift_days_so_far: row.shift_days_so_far,
    days_below_daily_quota: row.days_below_daily_quota,
    remaining_shift_days: Math.round(remaining),
    remaining_source: source,
    pending_assignments: row.pending_assignments,
    unassigned_assignments: row.unassigned_assignments,
    projected_checks: round1(projection.projected),
    status: projection.status,
    score: toInterval(summary),
    pass_rate: summary && summary.n > 0 ? summary.passed / summary.n : null,
    fatal_count: summary?.fatal ?? 0,
  };
}

function rollup(agents: TBoardAgent[], summary: ScoreSummaryRow | undefined): Omit<TBoardTotals, never> {
  const sum = (f: (a: TBoardAgent) => number) => agents.reduce((s, a) => s + f(a), 0);
  return {
    agents: agents.length,
    checks: sum((a) => a.checks),
    monthly_quota_total: sum((a) => a.monthly_quota),
    met: agents.filter((a) => a.checks >= a.monthly_quota).length,
    on_track: agents.filter((a) => a.status === 'on_track').length,
    at_risk: agents.filter((a) => a.status === 'at_risk').length,
    missed: agents.filter((a) => a.status === 'missed').length,
    days_below_daily_quota: sum((a) => a.days_below_daily_quota),
    pending_assignments: sum((a) => a.pending_assignments),
    unassigned_assignments: sum((a) => a.unassigned_assignments),
    score: toInterval(summary),
    pass_rate: summary && summary.n > 0 ? summary.passed / summary.n : null,
  };
}

/** Pooled within-CSR standard deviation: the typical spread of one CSR's scores around their own mean. */
export function pooledSpread(rows: readonly { n: number; sd: number | null }[]): TBoard['spread'] {
  let squares = 0;
  let df = 0;
  let agents = 0;
  let checks = 0;
  for (const r of rows) {
    if (r.n < 2 || r.sd === null) continue;
    squares += (r.n - 1) * r.sd ** 2;
    df += r.n - 1;
    agents += 1;
    checks += r.n;
  }
  return { sd: df > 0 ? Math.sqrt(squares / df) : null, agents, checks };
}

async function inspectorsFor(db: DbOrTx, plan: ActivePlan, p: BoardParams): Promise<TInspectorRow[]> {
  const { inspectors } = plan.config;
  const listed = new Map(inspectors.listed.map((l) => [l.user_id, l.capacity]));
  const rows = await inspectorLoads(db, {
    first: p.first,
    last: p.last,
    today: p.today,
    allQa: inspectors.mode === 'all_qa',
    listedIds: pgArray([...listed.keys()]),
  });
  return rows.map((r) => {
    const inPlan =
      r.active && (listed.has(r.user_id) || (inspectors.mode === 'all_qa' && r.roles.includes('qa')));
    return {
      user_id: r.user_id,
      username: r.username,
      display_name: r.display_name,
      in_plan: inPlan,
      capacity: inPlan ? (listed.get(r.user_id) ?? inspectors.default_capacity) : null,
      assigned: r.assigned,
      done: r.done,
      pending: r.pending,
      overdue: r.overdue,
      skipped: r.skipped,
      evaluations: r.evaluations,
    };
  });
}

/**
 * The live compliance board of a month (SPEC §5 `GET /api/v1/compliance`): per CSR in the caller's
 * scope, per team and in total; per inspector for those who see the whole center.
 */
export async function getComplianceBoard(db: Db, actor: Actor, options: BoardOptions): Promise<TBoard> {
  authorize(actor, 'compliance.read');
  return readSnapshot(db, (tx) => readBoard(tx, actor, options));
}

async function readBoard(db: DbOrTx, actor: Actor, options: BoardOptions): Promise<TBoard> {
  const generatedAt = options.now ?? new Date();
  const ctx = await prepare(db, actor, options);
  const [rows, summaries] = await Promise.all([
    agentComplianceRows(db, ctx.params),
    scoreSummaries(db, ctx.params),
  ]);
  const byAgent = new Map(summaries.filter((s) => s.level === 'agent').map((s) => [s.agent_id, s]));
  const agents = rows.map((r) => boardAgent(ctx, r, byAgent.get(r.agent_id)));

  const teamSummaries = new Map(summaries.filter((s) => s.level === 'team').map((s) => [s.team_id, s]));
  const teamKeys = [...new Map(agents.map((a) => [a.team_id, a.team])).entries()].sort((a, b) =>
    a[1] === null ? 1 : b[1] === null ? -1 : a[1].localeCompare(b[1]),
  );
  const teams: TTeamRollup[] = teamKeys.map(([teamId, team]) => ({
    team_id: teamId,
    team,
    ...rollup(
      agents.filter((a) => a.team_id === teamId),
      teamSummaries.get(teamId),
    ),
  }));
  const totals = rollup(
    agents,
    summaries.find((s) => s.level === 'all'),
  );
  const inspectors = can(actor, 'compliance.read_inspectors')
    ? await inspectorsFor(db, ctx.plan, ctx.params)
    : [];
  return {
    month: options.month,
    today: options.today,
    timezone: options.timezone,
    generated_at: generatedAt.toISOString(),
    month_state: ctx.monthState,
    plan: presentPlan(ctx.plan),
    roster: {
      days_rostered: datesBetween(ctx.params.first, ctx.params.last).filter((d) => ctx.rostered.has(d))
        .length,
      future_days: ctx.futureDays.length,
      future_days_rostered: ctx.futureDays.length - ctx.futureUnrostered,
      estimate_window_days: ctx.windowActiveDays,
    },
    agents,
    teams,
    totals,
    inspectors,
    spread: pooledSpread([...byAgent.values()]),
    abilities: { propose: can(actor, 'compliance.propose'), plans: can(actor, 'compliance.plans') },
  };
}

/**
 * One CSR's month day by day (why the board says what it says). A CSR the caller may not see is
 * not found (404), as if it did not exist.
 */
export async function getAgentCompliance(
  db: Db,
  actor: Actor,
  agentId: number,
  options: BoardOptions,
): Promise<TAgentCompliance> {
  authorize(actor, 'compliance.read');
  return readSnapshot(db, (tx) => readAgent(tx, actor, agentId, options));
}

async function readAgent(
  db: DbOrTx,
  actor: Actor,
  agentId: number,
  options: BoardOptions,
): Promise<TAgentCompliance> {
  const generatedAt = options.now ?? new Date();
  const ctx = await prepare(db, actor, options, agentId);
  const [rows, summaries] = await Promise.all([
    agentComplianceRows(db, ctx.params),
    scoreSummaries(db, ctx.params),
  ]);
  const row = rows[0];
  if (!row) throw notFound('CSR');
  const agent = boardAgent(
    ctx,
    row,
    summaries.find((s) => s.level === 'agent'),
  );
  const days = await agentDays(db, { ...ctx.params, agentId });
  return {
    month: options.month,
    today: options.today,
    generated_at: generatedAt.toISOString(),
    plan: presentPlan(ctx.plan),
    agent,
    days: days.map((d) => {
      const past = d.date < options.today;
      return {
        date: d.date,
        on_shift: d.on_shift,
        source: d.rostered ? 'roster' : d.on_shift === null ? 'unknown' : 'activity',
        checks: d.checks,
        quota: row.daily_quota,
        below: past && d.on_shift === true && d.checks < row.daily_quota,
        pending_assignments: d.pending,
      };
    }),
  };
}
