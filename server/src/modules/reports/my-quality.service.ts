import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import type { TMyQuality } from '../../../../shared/schemas/reports.ts';
import { monthRange, monthsEnding } from '../../../../shared/reports/periods.ts';
import { localDateOf } from '../../../../shared/time.ts';
import type { ReportDeps } from './period-report.service.ts';
import { type MyQualityRecord, isCsr } from './report.policy.ts';
import { categoryNames, itemCounts } from './report.repo.ts';
import { statsOf } from './report.stats.ts';

type MonthRow = {
  month: string;
  n: number;
  average: number | null;
  mean: number | null;
  sd: number | null;
  passed: number;
  fatal: number;
  pass_rate: number | null;
};

type ShareRow = {
  category: string;
  agent_share: number | null;
  team_share: number | null;
  center_share: number | null;
};

/**
 * "My quality" (issue 6, item 5): a CSR's monthly trend with the 95% interval, their category
 * profile for the month against their team and the center, and their latest evaluations. A CSR
 * sees only themself; a team leader their teams' members; QA and management anyone. A CSR the
 * caller may not see is answered as not found.
 */
export async function myQuality(
  deps: ReportDeps,
  actor: Actor,
  query: { agent_id?: number; months: number; month?: string },
): Promise<TMyQuality> {
  authorize(actor, 'reports.my_quality');
  const agentId = query.agent_id ?? actor.id;
  if (query.agent_id === undefined && !isCsr(actor)) {
    throw new AppError('validation_failed', 'agent_id is required for a caller who is not a CSR.', [
      { path: ['agent_id'], message: 'required' },
    ]);
  }
  const [person] = await queryRows<{
    agent_id: number;
    agent: string;
    display_name: string;
    team_id: number | null;
    team_name: string | null;
    is_agent: boolean;
  }>(
    deps.db,
    sql`select u.id as agent_id, u.username as agent, u.display_name, u.team_id, t.name as team_name,
          'agent' = any(u.roles) as is_agent
        from users u left join teams t on t.id = u.team_id where u.id = ${agentId}`,
  );
  const record: MyQualityRecord | null = person
    ? { agent_id: person.agent_id, team_id: person.team_id }
    : null;
  if (!person || !record || !can(actor, 'reports.my_quality.agent', record)) throw notFound('CSR');
  if (!person.is_agent && query.agent_id !== undefined) throw notFound('CSR');

  const month = query.month ?? localDateOf(new Date(), deps.timezone).slice(0, 7);
  const months = monthsEnding(month, query.months);
  const first = monthRange(months[0] ?? month).from;
  const { from, to } = monthRange(month);
  const teamMatch = person.team_id === null ? sql`false` : sql`u.team_id = ${person.team_id}`;

  const [trendRows, shares, names, recent] = await Promise.all([
    queryRows<MonthRow>(
      deps.db,
      sql`select to_char(e.local_date, 'YYYY-MM') as month, count(*)::int as n,
            round(avg(e.score), 1)::float8 as average, avg(e.score)::float8 as mean,
            stddev_samp(e.score)::float8 as sd, (count(*) filter (where e.passed))::int as passed,
            (count(*) filter (where e.fatal))::int as fatal,
            round((count(*) filter (where e.passed))::numeric / count(*), 4)::float8 as pass_rate
          from evaluations e
          where e.agent_id = ${agentId} and e.status <> 'draft'
            and e.local_date between ${first}::date and ${to}::date
          group by 1`,
    ),
    queryRows<ShareRow>(
      deps.db,
      sql`with ai as (
            ${itemCounts(sql`e.local_date between ${from}::date and ${to}::date`, sql`true`)}
          ),
          c as (
            select fi.category_key,
              sum(ai.p) filter (where ai.agent_id = ${agentId}) as ap,
              sum(ai.p + ai.f) filter (where ai.agent_id = ${agentId}) as aa,
              sum(ai.p) filter (where ${teamMatch}) as tp,
              sum(ai.p + ai.f) filter (where ${teamMatch}) as ta,
              sum(ai.p) as cp,
              sum(ai.p + ai.f) as ca
            from ai
              join users u on u.id = ai.agent_id
              join form_items fi on fi.id = ai.item_id
            group by fi.category_key
          )
          select category_key as category,
            round(ap::numeric / nullif(aa, 0), 4)::float8 as agent_share,
            round(tp::numeric / nullif(ta, 0), 4)::float8 as team_share,
            round(cp::numeric / nullif(ca, 0), 4)::float8 as center_share
          from c`,
    ),
    categoryNames(deps.db),
    queryRows<TMyQuality['recent'][number]>(
      deps.db,
      sql`select e.id::int as evaluation_id, e.local_date::text as local_date, e.score::float8 as score,
            e.fatal, e.passed, e.method
          from evaluations e where e.agent_id = ${agentId} and e.status <> 'draft'
          order by e.local_date desc, e.id desc limit 10`,
    ),
  ]);

  const byMonth = new Map(trendRows.map((r) => [r.month, r]));
  const shareOf = new Map(shares.map((s) => [s.category, s]));
  const known = names.filter((n) => shareOf.has(n.key));
  const unknown = shares
    .map((s) => s.category)
    .filter((k) => !names.some((n) => n.key === k))
    .sort()
    .map((key) => ({ key, name_zh: key, name_en: key }));

  return {
    agent: {
      agent_id: person.agent_id,
      agent: person.agent,
      display_name: person.display_name,
      team_id: person.team_id,
      team_name: person.team_name,
    },
    month,
    trend: months.map((m) => {
      const s = statsOf(byMonth.get(m), undefined, []);
      return {
        month: m,
        evaluations: s.evaluations,
        average_score: s.average_score,
        ci_low: s.ci_low,
        ci_high: s.ci_high,
        pass_rate: s.pass_rate,
        fatal_count: s.fatal_count,
      };
    }),
    categories: [...known, ...unknown].map((c) => ({
      ...c,
      agent_share: shareOf.get(c.key)?.agent_share ?? null,
      team_share: shareOf.get(c.key)?.team_share ?? null,
      center_share: shareOf.get(c.key)?.center_share ?? null,
    })),
    recent,
  };
}
