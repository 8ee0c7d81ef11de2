import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { accuracyCountsQuery, countedEvaluationsWhere, errorRate } from '../evaluations/accuracy.repo.ts';

/**
 * The SQL of the period reports (monthly, 10-day), KPI and "my quality": a few set-based queries,
 * each reading the evaluations of the current and previous period once. Rules (SPEC §5): submitted
 * evaluations only (status ≠ draft), their current revision (evaluations.score/fatal/passed and the
 * answers of evaluations.revision), counted on evaluations.local_date. `visible` is the caller's
 * scope as a predicate over `e.agent_id` / `u.team_id` (policies/scope.ts); the center rows ignore
 * it. Rounding happens here, in numeric, so averages and rates are exact before they are rounded.
 */

export type PeriodWindow = { from: string; to: string; prevFrom: string; prevTo: string };

/** Count, rounded mean, raw mean and sample SD, passed and fatal counts of a group of evaluations. */
export type EvaluationGroupRow = {
  kind: 'agent' | 'team' | 'center' | 'day' | 'bucket';
  cur: boolean;
  key: number | null;
  label: string | null;
  n: number;
  average: number | null;
  mean: number | null;
  sd: number | null;
  passed: number;
  fatal: number;
  pass_rate: number | null;
};

const STATS_COLUMNS = sql`count(*)::int as n,
  round(avg(score), 1)::float8 as average,
  avg(score)::float8 as mean,
  stddev_samp(score)::float8 as sd,
  (count(*) filter (where passed))::int as passed,
  (count(*) filter (where fatal))::int as fatal,
  round((count(*) filter (where passed))::numeric / count(*), 4)::float8 as pass_rate`;

/** The score buckets of the distribution chart; a fatal evaluation (score 0) has its own. */
const BUCKET = sql`case when fatal then 'fatal' when score < 60 then '<60' when score < 70 then '60-69'
  when score < 80 then '70-79' when score < 90 then '80-89' else '90-100' end`;

/**
 * Evaluation-level figures of both periods in one statement: per CSR and per team (in scope), the
 * whole center, and for the current period in scope the daily trend and the score distribution.
 */
export function evaluationGroups(db: DbOrTx, w: PeriodWindow, visible: SQL): Promise<EvaluationGroupRow[]> {
  return queryRows<EvaluationGroupRow>(
    db,
    sql`with ev as (
          select e.agent_id, u.team_id, e.local_date, e.score, e.fatal, e.passed,
            e.local_date >= ${w.from}::date as cur, ${visible} as vis
          from evaluations e join users u on u.id = e.agent_id
          where e.status <> 'draft' and e.local_date between ${w.prevFrom}::date and ${w.to}::date
        )
        select 'agent' as kind, cur, agent_id as key, null as label, ${STATS_COLUMNS}
          from ev where vis group by cur, agent_id
        union all
        select 'team', cur, team_id, null, ${STATS_COLUMNS}
          from ev where vis and team_id is not null group by cur, team_id
        union all
        select 'center', cur, null, null, ${STATS_COLUMNS} from ev group by cur
        union all
        select 'day', true, null, local_date::text, ${STATS_COLUMNS} from ev where cur and vis group by local_date
        union all
        select 'bucket', true, null, ${BUCKET}, ${STATS_COLUMNS} from ev where cur and vis group by 4`,
  );
}

/** Pass/fail counts of applicable answers per category, for a CSR, a team or the center. */
export type CategoryGroupRow = {
  kind: 'agent' | 'team' | 'center';
  cur: boolean;
  key: number | null;
  category: string;
  passed: number;
  applicable: number;
  share: number | null;
};

/** A most-failed item of the current period, in scope, followed across form versions by item_key. */
export type FailedItemRow = {
  item_id: number;
  item_key: string;
  text: string;
  category: string;
  fatal: boolean;
  failed: number;
  applicable: number;
  fail_rate: number | null;
  agents_failing: number;
};

/**
 * Pass and fail counts per (CSR, period flag, item) of the submitted evaluations `e` matching
 * `where`, from the answer tallies the evaluations keep for their current revision
 * (`failed_item_ids`, `na_item_ids`, written with the answers from the shared scoring): of the n
 * evaluations of a CSR on a form version, an item failed where it is listed as failed, was not
 * applicable where listed as N/A, and passed in the rest. Equal to counting the current
 * revision's answers, without reading them: one row per evaluation (60,000 for two months of a
 * 500-CSR center) and the short lists in it, instead of 30 answers each. Columns: agent_id, cur,
 * item_id, p, f.
 */
export function itemCounts(where: SQL, cur: SQL): SQL {
  return sql`with ev as materialized (
      select e.agent_id, ${cur} as cur, e.form_version_id, e.failed_item_ids, e.na_item_ids
      from evaluations e where e.status <> 'draft' and ${where}
    ),
    n as (select agent_id, cur, form_version_id, count(*)::int as n from ev group by 1, 2, 3),
    marked as (
      select ev.agent_id, ev.cur, x.item_id, (count(*) filter (where x.failed))::int as f,
        (count(*) filter (where not x.failed))::int as na
      from ev, lateral (select unnest(ev.failed_item_ids), true union all select unnest(ev.na_item_ids), false)
        as x(item_id, failed)
      group by 1, 2, 3
    )
    select n.agent_id, n.cur, fi.id as item_id, n.n - coalesce(m.f, 0) - coalesce(m.na, 0) as p, coalesce(m.f, 0) as f
    from n join form_items fi on fi.form_version_id = n.form_version_id
      left join marked m on m.agent_id = n.agent_id and m.cur = n.cur and m.item_id = fi.id`;
}

/**
 * Answer-level figures of both periods in one statement: category shares per CSR, team and
 * center, and the top `limit` failed items. The counts per (CSR, period, item) come from the
 * evaluations' answer tallies (`itemCounts`, 30,000 rows for a 500-CSR month); the CSR's team,
 * the scope and everything else roll up from that small set.
 */
export async function answerGroups(
  db: DbOrTx,
  w: PeriodWindow,
  visible: SQL,
  limit = 10,
): Promise<{ categories: CategoryGroupRow[]; items: FailedItemRow[] }> {
  const [row] = await queryRows<{ categories: CategoryGroupRow[] | null; items: FailedItemRow[] | null }>(
    db,
    sql`with ai as (
          ${itemCounts(sql`e.local_date between ${w.prevFrom}::date and ${w.to}::date`, sql`e.local_date >= ${w.from}::date`)}
        ),
        x as (
          select e.cur, e.agent_id, u.team_id, e.item_id, e.p, e.f, ${visible} as vis
          from ai e join users u on u.id = e.agent_id
        ),
        ac as (
          select x.cur, x.vis, x.agent_id, x.team_id, fi.category_key, sum(x.p) as p, sum(x.f) as f
          from x join form_items fi on fi.id = x.item_id
          group by x.cur, x.vis, x.agent_id, x.team_id, fi.category_key
        ),
        cats as (
          select 'agent' as kind, cur, agent_id as key, category_key, p, f from ac where vis
          union all
          select 'team', cur, team_id, category_key, sum(p), sum(f) from ac
            where vis and team_id is not null group by cur, team_id, category_key
          union all
          select 'center', cur, null, category_key, sum(p), sum(f) from ac group by cur, category_key
        ),
        items as (
          select fi.item_key, max(x.item_id) as item_id, sum(x.f)::int as failed,
            sum(x.p + x.f)::int as applicable,
            (count(distinct x.agent_id) filter (where x.f > 0))::int as agents_failing
          from x join form_items fi on fi.id = x.item_id
          where x.cur and x.vis
          group by fi.item_key
          having sum(x.f) > 0
          order by failed desc, sum(x.f)::numeric / nullif(sum(x.p + x.f), 0) desc, fi.item_key
          limit ${limit}
        )
        select
          (select json_agg(json_build_object(
              'kind', kind, 'cur', cur, 'key', key, 'category', category_key,
              'passed', p::int, 'applicable', (p + f)::int,
              'share', round(p::numeric / nullif(p + f, 0), 4)::float8))
           from cats) as categories,
          (select json_agg(json_build_object(
              'item_id', i.item_id, 'item_key', i.item_key, 'text', fi.text, 'category', fi.category_key,
              'fatal', fi.fatal, 'failed', i.failed, 'applicable', i.applicable,
              'fail_rate', round(i.failed::numeric / nullif(i.applicable, 0), 4)::float8,
              'agents_failing', i.agents_failing)
              order by i.failed desc, i.failed::numeric / nullif(i.applicable, 0) desc, i.item_key)
           from items i join form_items fi on fi.id = i.item_id) as items`,
  );
  return { categories: row?.categories ?? [], items: row?.items ?? [] };
}

export type PersonRow = {
  id: number;
  username: string;
  display_name: string;
  team_id: number | null;
  team_name: string | null;
};

/**
 * The CSRs a period report lists, in scope: every active CSR, and anyone evaluated in the current
 * period (a CSR who left mid-month still counts).
 */
export function reportAgents(
  db: DbOrTx,
  w: { from: string; to: string },
  visible: SQL,
): Promise<PersonRow[]> {
  return queryRows<PersonRow>(
    db,
    sql`select u.id, u.username, u.display_name, u.team_id, t.name as team_name
        from users u left join teams t on t.id = u.team_id
        where ${visible}
          and (('agent' = any(u.roles) and u.active)
            or exists (select 1 from evaluations e where e.agent_id = u.id and e.status <> 'draft'
                       and e.local_date between ${w.from}::date and ${w.to}::date))`,
  );
}

/** Teams by id (active ones, and any named in `ids`), filtered by `visible` over `t.id`. */
export function reportTeams(
  db: DbOrTx,
  ids: number[],
  visible: SQL,
): Promise<{ id: number; name: string }[]> {
  const named = ids.length > 0 ? sql`or t.id in ${ids}` : sql``;
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select t.id, t.name from teams t where (t.active ${named}) and ${visible}`,
  );
}

export type CategoryNameRow = { key: string; name_zh: string; name_en: string };

/** Category names in display order. */
export function categoryNames(db: DbOrTx): Promise<CategoryNameRow[]> {
  return queryRows<CategoryNameRow>(
    db,
    sql`select key, name_zh, name_en from score_categories order by position, id`,
  );
}

export type InspectorDbRow = {
  inspector_id: number;
  username: string;
  display_name: string;
  evaluations: number;
  assigned: number;
  done: number;
  avg_minutes: number | null;
  disputes: number;
  overturned: number;
  inspector_errors: number;
  /** Inspector errors ÷ evaluations, as the inspector-accuracy report; null without evaluations. */
  error_rate: number | null;
};

/**
 * Inspector workload of a period (4.9): evaluations they submitted that count for the period,
 * sampling assignments of the period's dates given to them and done, and mean minutes from
 * starting the draft to submitting it. The evaluations and dispute figures are the inspector-accuracy
 * counts (accuracy.repo.ts, B15–B16) of the period: evaluations disputed, overturned (corrected) and
 * judged inspector errors. Lists every active inspector (role qa) and anyone who evaluated or was
 * assigned.
 */
export async function inspectorRows(db: DbOrTx, w: { from: string; to: string }): Promise<InspectorDbRow[]> {
  const counted = countedEvaluationsWhere(w);
  const rows = await queryRows<Omit<InspectorDbRow, 'error_rate'>>(
    db,
    sql`with evs as (
          select e.evaluator_id,
            round((avg(extract(epoch from (e.submitted_at - e.created_at))) / 60)::numeric, 1)::float8 as avg_minutes
          from evaluations e where ${counted} group by e.evaluator_id
        ),
        acc as (${accuracyCountsQuery(counted)}),
        asg as (
          select assignee_id, count(*)::int as assigned, (count(*) filter (where status = 'done'))::int as done
          from assignments where assignee_id is not null and date between ${w.from}::date and ${w.to}::date
          group by assignee_id
        )
        select u.id as inspector_id, u.username, u.display_name,
          coalesce(acc.evaluations, 0) as evaluations, coalesce(asg.assigned, 0) as assigned,
          coalesce(asg.done, 0) as done, evs.avg_minutes, coalesce(acc.disputed, 0) as disputes,
          coalesce(acc.overturned, 0) as overturned, coalesce(acc.inspector_errors, 0) as inspector_errors
        from users u
          left join acc on acc.evaluator_id = u.id
          left join evs on evs.evaluator_id = u.id
          left join asg on asg.assignee_id = u.id
        where ('qa' = any(u.roles) and u.active) or acc.evaluations is not null or asg.assigned is not null`,
  );
  return rows.map((r) => ({ ...r, error_rate: errorRate(r) }));
}
