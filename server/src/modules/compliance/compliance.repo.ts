import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { DaySet } from './compliance.dates.ts';

/**
 * The board's SQL. Everything is set-based: the CSRs in scope × the days of the month (and the
 * estimate window) in one statement, whatever the number of CSRs. Local days arrive as [start, end)
 * instants computed in the center's zone, so a call at 07:30 Asia/Shanghai counts for that day on
 * PostgreSQL and PGlite alike.
 */
export type BoardParams = {
  first: string;
  last: string;
  today: string;
  /** First day of the estimate window (today − 28). */
  windowStart: string;
  days: DaySet;
  /** Days (of `days`) that have roster rows, as a PostgreSQL array literal. */
  rostered: string;
  dailyMin: number;
  /** agent_overrides of the plan as array literals. */
  overrideIds: string;
  overrideMins: string;
  /** Which CSRs the caller may see (a predicate on `u`). */
  scope: SQL;
  /** Only this CSR (the detail view). */
  agentId?: number;
};

/** The CSRs in scope with their effective daily quota, their days and their checks per day. */
function baseCtes(p: BoardParams): SQL {
  return sql`
    days as (
      select x.d, x.s, x.e, (x.d = any(${p.rostered}::date[])) as rostered
      from unnest(${p.days.dates}::date[], ${p.days.starts}::timestamptz[], ${p.days.ends}::timestamptz[])
        as x(d, s, e)
    ),
    ag as (
      select u.id, u.username, u.display_name, u.team_id, t.name as team_name,
        greatest(${p.dailyMin}::int, coalesce(o.daily_min, 0))::int as daily_quota
      from users u
      left join teams t on t.id = u.team_id
      left join unnest(${p.overrideIds}::int[], ${p.overrideMins}::int[]) as o(agent_id, daily_min)
        on o.agent_id = u.id
      where 'agent' = any(u.roles)
        and (u.active or exists (
          select 1 from evaluations e where e.agent_id = u.id and e.status <> 'draft'
            and e.local_date between ${p.first}::date and ${p.last}::date))
        and ${p.scope}
        ${p.agentId === undefined ? sql`` : sql`and u.id = ${p.agentId}`}
    ),
    onshift as (
      select a.id as agent_id, dy.d
      from ag a cross join days dy
      where case
        when dy.rostered then exists (select 1 from shifts s where s.agent_id = a.id and s.date = dy.d)
        when dy.d <= ${p.today}::date then exists (
          select 1 from interactions i
          where i.agent_id = a.id and i.started_at >= dy.s and i.started_at < dy.e)
        else false end
    ),
    checks as (
      select e.agent_id, e.local_date as d, count(*)::int as n
      from evaluations e
      where e.status <> 'draft' and e.local_date between ${p.first}::date and ${p.last}::date
        and e.agent_id in (select id from ag)
      group by e.agent_id, e.local_date
    )`;
}

export type AgentComplianceRow = {
  agent_id: number;
  agent: string;
  display_name: string;
  team_id: number | null;
  team: string | null;
  daily_quota: number;
  checks: number;
  shift_days_so_far: number;
  days_below_daily_quota: number;
  future_roster_days: number;
  window_shift_days: number;
  on_shift_today: boolean;
  pending_assignments: number;
  unassigned_assignments: number;
};

/** One row per CSR in scope: checks, shift days, days below the daily quota, assignments. */
export async function agentComplianceRows(db: DbOrTx, p: BoardParams): Promise<AgentComplianceRow[]> {
  return queryRows<AgentComplianceRow>(
    db,
    sql`with ${baseCtes(p)},
    per_shift as (
      select o.agent_id,
        count(*) filter (where o.d between ${p.first}::date and ${p.today}::date)::int as so_far,
        count(*) filter (where o.d >= ${p.first}::date and o.d < ${p.today}::date
          and coalesce(c.n, 0) < a.daily_quota)::int as below,
        count(*) filter (where o.d > ${p.today}::date and o.d <= ${p.last}::date)::int as future_roster,
        count(*) filter (where o.d >= ${p.windowStart}::date and o.d < ${p.today}::date)::int as window_days,
        coalesce(bool_or(o.d = ${p.today}::date), false) as today_on
      from onshift o
      join ag a on a.id = o.agent_id
      left join checks c on c.agent_id = o.agent_id and c.d = o.d
      group by o.agent_id
    ),
    per_check as (select agent_id, sum(n)::int as total from checks group by agent_id),
    per_assignment as (
      select x.agent_id,
        count(*) filter (where x.status = 'pending')::int as pending,
        count(*) filter (where x.status = 'unassigned')::int as unassigned
      from assignments x
      where x.date between ${p.first}::date and ${p.last}::date and x.agent_id in (select id from ag)
      group by x.agent_id
    )
    select a.id as agent_id, a.username as agent, a.display_name, a.team_id, a.team_name as team,
      a.daily_quota,
      coalesce(pc.total, 0)::int as checks,
      coalesce(ps.so_far, 0)::int as shift_days_so_far,
      coalesce(ps.below, 0)::int as days_below_daily_quota,
      coalesce(ps.future_roster, 0)::int as future_roster_days,
      coalesce(ps.window_days, 0)::int as window_shift_days,
      coalesce(ps.today_on, false) as on_shift_today,
      coalesce(pa.pending, 0)::int as pending_assignments,
      coalesce(pa.unassigned, 0)::int as unassigned_assignments
    from ag a
    left join per_shift ps on ps.agent_id = a.id
    left join per_check pc on pc.agent_id = a.id
    left join per_assignment pa on pa.agent_id = a.id
    order by a.display_name, a.id`,
  );
}

export type ScoreSummaryRow = {
  level: 'agent' | 'team' | 'all';
  agent_id: number | null;
  team_id: number | null;
  n: number;
  mean: number | null;
  sd: number | null;
  passed: number;
  fatal: number;
};

/**
 * Score summaries (count, mean, sample SD, passed, fatal) per CSR, per team and overall in one pass
 * (grouping sets), from the current revision of each submitted evaluation of the month.
 */
export async function scoreSummaries(db: DbOrTx, p: BoardParams): Promise<ScoreSummaryRow[]> {
  return queryRows<ScoreSummaryRow>(
    db,
    sql`with ${baseCtes(p)}
    select case when grouping(e.agent_id) = 0 then 'agent' when grouping(a.team_id) = 0 then 'team' else 'all' end
        as level,
      case when grouping(e.agent_id) = 0 then e.agent_id end as agent_id,
      case when grouping(a.team_id) = 0 then a.team_id end as team_id,
      count(*)::int as n, avg(e.score)::float8 as mean, stddev_samp(e.score)::float8 as sd,
      count(*) filter (where e.passed)::int as passed, count(*) filter (where e.fatal)::int as fatal
    from evaluations e join ag a on a.id = e.agent_id
    where e.status <> 'draft' and e.local_date between ${p.first}::date and ${p.last}::date
    group by grouping sets ((e.agent_id, a.team_id), (a.team_id), ())`,
  );
}

export type AgentDayRow = {
  date: string;
  rostered: boolean;
  on_shift: boolean | null;
  checks: number;
  pending: number;
};

/** The detail of one CSR: each day of the month, on shift or not (and why), checks, pending work. */
export async function agentDays(db: DbOrTx, p: BoardParams & { agentId: number }): Promise<AgentDayRow[]> {
  return queryRows<AgentDayRow>(
    db,
    sql`with ${baseCtes(p)}
    select dy.d::text as date, dy.rostered,
      case when dy.rostered or dy.d <= ${p.today}::date
        then exists (select 1 from onshift o where o.agent_id = ${p.agentId} and o.d = dy.d) end as on_shift,
      coalesce((select c.n from checks c where c.agent_id = ${p.agentId} and c.d = dy.d), 0)::int as checks,
      (select count(*) from assignments x
        where x.agent_id = ${p.agentId} and x.date = dy.d and x.status = 'pending')::int as pending
    from days dy
    where dy.d between ${p.first}::date and ${p.last}::date
    order by dy.d`,
  );
}

/** Days (from the list) that have any roster rows: on those days the roster decides who is on shift. */
export async function rosteredDates(db: DbOrTx, from: string, to: string): Promise<string[]> {
  const rows = await queryRows<{ d: string }>(
    db,
    sql`select distinct date::text as d from shifts where date between ${from}::date and ${to}::date order by 1`,
  );
  return rows.map((r) => r.d);
}

/**
 * Days of the estimate window on which the center worked (any contact or roster row): the
 * denominator of a CSR's shift pattern, so days before the center's data began do not count as off.
 */
export async function activeWindowDays(
  db: DbOrTx,
  days: DaySet,
  from: string,
  before: string,
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n
      from unnest(${days.dates}::date[], ${days.starts}::timestamptz[], ${days.ends}::timestamptz[]) as x(d, s, e)
      where x.d >= ${from}::date and x.d < ${before}::date
        and (exists (select 1 from shifts s where s.date = x.d)
          or exists (select 1 from interactions i where i.started_at >= x.s and i.started_at < x.e))`,
  );
  return row?.n ?? 0;
}

export type InspectorLoadRow = {
  user_id: number;
  username: string;
  display_name: string;
  roles: string[];
  active: boolean;
  assigned: number;
  done: number;
  pending: number;
  overdue: number;
  skipped: number;
  evaluations: number;
};

/**
 * Per inspector for the month (by the assignments' local dates): assigned, done, pending, overdue
 * (pending past the due date), skipped, and checks submitted. Lists the plan's inspectors even
 * without work, and anyone who had assignments or submitted checks.
 */
export async function inspectorLoads(
  db: DbOrTx,
  p: { first: string; last: string; today: string; allQa: boolean; listedIds: string },
): Promise<InspectorLoadRow[]> {
  return queryRows<InspectorLoadRow>(
    db,
    sql`with work as (
      select x.assignee_id as user_id, count(*)::int as assigned,
        count(*) filter (where x.status = 'done')::int as done,
        count(*) filter (where x.status = 'pending')::int as pending,
        count(*) filter (where x.status = 'pending' and x.due_date < ${p.today}::date)::int as overdue,
        count(*) filter (where x.status = 'skipped')::int as skipped
      from assignments x
      where x.date between ${p.first}::date and ${p.last}::date and x.assignee_id is not null
      group by x.assignee_id
    ),
    checked as (
      select e.evaluator_id as user_id, count(*)::int as n from evaluations e
      where e.status <> 'draft' and e.local_date between ${p.first}::date and ${p.last}::date
      group by e.evaluator_id
    ),
    people as (
      select u.id from users u
      where u.active and ((${p.allQa} and 'qa' = any(u.roles)) or u.id = any(${p.listedIds}::int[]))
      union select user_id from work
      union select user_id from checked
    )
    select u.id as user_id, u.username, u.display_name, u.roles, u.active,
      coalesce(w.assigned, 0)::int as assigned, coalesce(w.done, 0)::int as done,
      coalesce(w.pending, 0)::int as pending, coalesce(w.overdue, 0)::int as overdue,
      coalesce(w.skipped, 0)::int as skipped, coalesce(c.n, 0)::int as evaluations
    from people pp join users u on u.id = pp.id
    left join work w on w.user_id = u.id
    left join checked c on c.user_id = u.id
    order by u.display_name, u.id`,
  );
}
