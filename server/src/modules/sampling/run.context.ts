import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import {
  AGENT_RULE_KINDS,
  type TQuantitativeRule,
  type TTargetedRule,
  effectiveDailyMin,
  ruleKey,
} from '../../../../shared/schemas/sampling.ts';
import type { Plan } from './plan.repo.ts';

/** Statuses of an assignment that count as a check of the day (skipped ones do not). */
export const COUNTING = sql`('pending', 'done', 'unassigned')`;

/** The local day being sampled: its date and the instants bounding it. */
export type Day = { date: string; start: Date; end: Date };

export type AgentContext = {
  agent_id: number;
  username: string;
  display_name: string;
  team_id: number | null;
  hire_date: string | null;
  /** Submitted evaluations of that day no assignment is tied to (on-site, test calls, …). */
  own_checks: number;
  /** The day's assignments that count toward the quota (pending, done, unassigned). */
  assigned: number;
  /** Counting targeted assignments of the day by rule key. */
  by_rule: Record<string, number>;
  last_avg: number | null;
  last_pass_mark: number | null;
  last_fatal: boolean;
};

/** One check a CSR still needs, and the strategy/rule it is filled under (for explainability). */
export type Slot = { strategy: 'random' | 'targeted' | 'quantitative'; rule: string | null };

function monthBefore(date: string): { from: string; to: string } {
  const [y = 1970, m = 1] = date.split('-').map(Number);
  const from = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(y, m - 1, 1)).toISOString().slice(0, 10);
  return { from, to };
}

export type Inspector = {
  id: number;
  username: string;
  display_name: string;
  capacity: number;
  load: number;
};

/** What the run reads before picking: who needs checks, and who takes the work. */
export type RunContext = {
  agents: AgentContext[];
  roster: boolean;
  /** The plan's inspectors with their capacity and the day's load. */
  inspectors: Inspector[];
  /** The day's earlier unassigned contacts, oldest first. */
  earlier: { id: number; agent_id: number }[];
};

/**
 * Everything the run reads before picking, in one statement (one round trip):
 * - who is on shift that local day and what they already have: with roster rows for the day the
 *   roster decides; without, everyone who handled a contact that day is on shift;
 * - the plan's inspectors with their capacity and the day's load (pending and done assignments of
 *   that date; skipped ones are not work done) — only active users with the `qa` role take work;
 * - the day's earlier unassigned contacts, oldest first (placed before this run's picks).
 */
export async function loadContext(
  tx: DbOrTx,
  plan: Plan,
  day: Day,
  withLastMonth: boolean,
): Promise<RunContext> {
  const last = monthBefore(day.date);
  const lastMonth = withLastMonth
    ? sql`select e.agent_id, avg(case when e.fatal then 0 else e.score end)::float8 as avg_score,
          avg(fv.pass_mark)::float8 as pass_mark, bool_or(e.fatal) as fatal
        from evaluations e join form_versions fv on fv.id = e.form_version_id
        where e.local_date >= ${last.from}::date and e.local_date < ${last.to}::date and e.status <> 'draft'
          and e.agent_id in (select agent_id from on_shift)
        group by e.agent_id`
    : sql`select null::int as agent_id, null::float8 as avg_score, null::float8 as pass_mark,
          null::boolean as fatal where false`;
  const { inspectors } = plan.config;
  const capacityOf = new Map(inspectors.listed.map((l) => [l.user_id, l.capacity]));
  const listed = `{${inspectors.listed.map((l) => l.user_id).join(',')}}`;
  const who = inspectors.mode === 'listed' ? sql`u.id = any(${listed}::int[])` : sql`true`;
  const [row] = await queryRows<{
    agents: (AgentContext & { roster: boolean })[] | null;
    roster: boolean;
    inspectors: Omit<Inspector, 'capacity'>[] | null;
    earlier: { id: number; agent_id: number }[] | null;
  }>(
    tx,
    sql`with roster as (select agent_id from shifts where date = ${day.date}::date),
      on_shift as (
        select agent_id from roster
        union
        -- Only without a roster for the day (a one-time filter: no scan when there is one).
        select distinct agent_id from interactions
        where not exists (select 1 from roster)
          and started_at >= ${day.start.toISOString()}::timestamptz
          and started_at < ${day.end.toISOString()}::timestamptz),
      own as (
        select e.agent_id, count(*)::int as n from evaluations e
        where e.local_date = ${day.date}::date and e.status <> 'draft'
          and e.agent_id in (select agent_id from on_shift)
          and not exists (
            select 1 from assignments a
            where a.date = ${day.date}::date and a.agent_id = e.agent_id
              and (a.evaluation_id = e.id or a.interaction_id = e.interaction_id))
        group by e.agent_id),
      assigned as (
        select agent_id,
          count(*) filter (where status in ${COUNTING}
            and not (strategy = 'quantitative' and rule like 'queue:%'))::int as n
        from assignments where date = ${day.date}::date group by agent_id),
      by_rule as (
        select agent_id, jsonb_object_agg(rule, n) as rules from (
          select agent_id, rule, count(*)::int as n from assignments
          where date = ${day.date}::date and strategy = 'targeted' and status in ${COUNTING} and rule is not null
          group by agent_id, rule) r
        group by agent_id),
      last_month as (${lastMonth}),
      agents as (
        select o.agent_id, u.username, u.display_name, u.team_id, u.hire_date::text as hire_date,
          coalesce(w.n, 0) as own_checks, coalesce(a.n, 0) as assigned,
          coalesce(b.rules, '{}'::jsonb) as by_rule,
          l.avg_score as last_avg, l.pass_mark as last_pass_mark, coalesce(l.fatal, false) as last_fatal
        from on_shift o
          join users u on u.id = o.agent_id
          left join own w on w.agent_id = o.agent_id
          left join assigned a on a.agent_id = o.agent_id
          left join by_rule b on b.agent_id = o.agent_id
          left join last_month l on l.agent_id = o.agent_id)
    select
      (select json_agg(g order by g.agent_id) from agents g) as agents,
      exists (select 1 from roster) as roster,
      (select json_agg(x order by x.id) from (
        select u.id, u.username, u.display_name,
          (select count(*)::int from assignments a
           where a.assignee_id = u.id and a.date = ${day.date}::date and a.status in ('pending', 'done')) as load
        from users u
        where u.active and 'qa' = any(u.roles) and ${who}) x) as inspectors,
      (select json_agg(json_build_object('id', a.id, 'agent_id', a.agent_id) order by a.id)
       from assignments a where a.date = ${day.date}::date and a.status = 'unassigned') as earlier`,
  );
  return {
    agents: row?.agents ?? [],
    roster: row?.roster ?? false,
    inspectors: (row?.inspectors ?? []).map((r) => ({
      ...r,
      capacity: capacityOf.get(r.id) ?? inspectors.default_capacity,
    })),
    earlier: (row?.earlier ?? []).map((e) => ({ id: Number(e.id), agent_id: e.agent_id })),
  };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whether a targeted agent rule picks this CSR out for extra checks. */
function agentRuleMatches(rule: TTargetedRule, agent: AgentContext, date: string): boolean {
  switch (rule.kind) {
    case 'new_hire': {
      if (!agent.hire_date) return false;
      const days = daysBetween(agent.hire_date, date);
      return days >= 0 && days < rule.within_days;
    }
    case 'below_pass_mark':
      return (
        agent.last_avg !== null && agent.last_pass_mark !== null && agent.last_avg < agent.last_pass_mark
      );
    case 'fatal_last_month':
      return agent.last_fatal;
    default:
      return false;
  }
}

function quantitativeMatches(rule: TQuantitativeRule, agent: AgentContext): boolean {
  if (rule.scope === 'agent') return rule.agent_id === agent.agent_id;
  if (rule.scope === 'team') return agent.team_id !== null && rule.team_id === agent.team_id;
  return false;
}

/**
 * The CSR's checks for the day as slots, in order: the daily quota (`random`), then one slot per
 * extra check of each matching targeted agent rule and quantitative agent/team rule. Checks
 * already made fill slots from the start; the rest are still needed.
 */
export function slotsFor(plan: Plan, agent: AgentContext, date: string): { target: number; missing: Slot[] } {
  const slots: Slot[] = [];
  for (let i = 0; i < effectiveDailyMin(plan, agent.agent_id); i++)
    slots.push({ strategy: 'random', rule: null });
  for (const rule of plan.config.strategies.targeted) {
    if (!rule.enabled || !(AGENT_RULE_KINDS as readonly string[]).includes(rule.kind)) continue;
    if (!('extra' in rule) || !agentRuleMatches(rule, agent, date)) continue;
    for (let i = 0; i < rule.extra; i++) slots.push({ strategy: 'targeted', rule: ruleKey(rule) });
  }
  for (const rule of plan.config.strategies.quantitative) {
    if (!rule.enabled || rule.scope === 'queue' || !quantitativeMatches(rule, agent)) continue;
    for (let i = 0; i < rule.extra; i++) slots.push({ strategy: 'quantitative', rule: ruleKey(rule) });
  }
  const done = agent.own_checks + agent.assigned;
  return { target: slots.length, missing: slots.slice(Math.min(done, slots.length)) };
}
