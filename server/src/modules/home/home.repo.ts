import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { TFailedItemTrend } from '../../../../shared/schemas/home.ts';

export type FailedItemsWindow = { from: string; to: string; prevFrom: string; prevTo: string };

/**
 * The items failed most in [from, to], with their figures in [prevFrom, prevTo] and the latest
 * comments on their failures. Submitted evaluations by local date, their current revision, N/A
 * left out, grouped by item key across versions.
 *
 * From each evaluation's tally of its current answers (failed_item_ids, na_item_ids): an item of
 * the evaluation's form version is failed, N/A, or else passed, so an item's applicable count is
 * the evaluations of the versions holding it less its N/As, and its failures are the unnested
 * tallies. The answers themselves are read only for the comments on the top items' failures (by
 * their unique key). Scanning every answer of both spans instead took ~1 s on the demo center
 * (107k answers materialised, sorted on disk); this reads the ~7k evaluations once.
 */
export function failedItems(
  db: DbOrTx,
  w: FailedItemsWindow,
  category: string | null,
  limit: number,
): Promise<TFailedItemTrend[]> {
  const inCategory: SQL = category === null ? sql`true` : sql`fi.category_key = ${category}`;
  return queryRows<TFailedItemTrend>(
    db,
    sql`with ev as (
          select e.id, e.revision, e.agent_id, e.form_id, e.form_version_id, e.local_date, e.failed_item_ids, e.na_item_ids,
            e.local_date >= ${w.from}::date as cur
          from evaluations e
          where e.status <> 'draft' and e.local_date between ${w.prevFrom}::date and ${w.to}::date
        ),
        versions as (
          select form_version_id, count(*) filter (where cur)::int as cur_n, count(*) filter (where not cur)::int as prev_n
          from ev group by form_version_id
        ),
        shown as (
          select fi.item_key, max(fi.id) as item_id, sum(v.cur_n)::int as cur_n, sum(v.prev_n)::int as prev_n
          from versions v join form_items fi on fi.form_version_id = v.form_version_id
          where ${inCategory}
          group by fi.item_key
        ),
        na as (
          select fi.item_key, (count(*) filter (where ev.cur))::int as cur_n, (count(*) filter (where not ev.cur))::int as prev_n
          from ev cross join lateral unnest(ev.na_item_ids) as x(item_id) join form_items fi on fi.id = x.item_id
          group by fi.item_key
        ),
        fails as (
          select ev.id as evaluation_id, ev.revision, ev.cur, ev.agent_id, ev.form_id, ev.local_date, x.item_id, fi.item_key
          from ev cross join lateral unnest(ev.failed_item_ids) as x(item_id) join form_items fi on fi.id = x.item_id
          where ${inCategory}
        ),
        failed as (
          select item_key, (count(*) filter (where cur))::int as failed,
            (count(distinct agent_id) filter (where cur))::int as agents_failing,
            (count(*) filter (where not cur))::int as prev_failed
          from fails group by item_key
        ),
        items as (
          select s.item_key, s.item_id, f.failed, s.cur_n - coalesce(na.cur_n, 0) as applicable, f.agents_failing,
            f.prev_failed, s.prev_n - coalesce(na.prev_n, 0) as prev_applicable
          from failed f join shown s on s.item_key = f.item_key left join na on na.item_key = f.item_key
          where f.failed > 0
          order by f.failed desc, f.failed::numeric / nullif(s.cur_n - coalesce(na.cur_n, 0), 0) desc, s.item_key
          limit ${limit}
        ),
        failures as (
          select fails.* from fails join items i on i.item_key = fails.item_key where fails.cur
        ),
        forms_of as (
          select x.item_key, array_agg(f.name order by f.name) as forms
          from (select distinct item_key, form_id from failures) x join forms f on f.id = x.form_id
          group by x.item_key
        ),
        comments_of as (
          select item_key, json_agg(json_build_object('local_date', local_date::text, 'comment', comment)
              order by local_date desc, evaluation_id desc) as comments
          from (select fl.item_key, fl.local_date, a.comment, fl.evaluation_id,
                  row_number() over (partition by fl.item_key order by fl.local_date desc, fl.evaluation_id desc) as n
                from failures fl join evaluation_answers a
                  on a.evaluation_id = fl.evaluation_id and a.revision = fl.revision and a.item_id = fl.item_id
                where a.comment is not null) c
          where n <= 3
          group by item_key
        )
        select i.item_id, i.item_key, fi.text, fi.category_key as category, fi.fatal,
          coalesce(fo.forms, '{}') as forms,
          i.failed, i.applicable, round(i.failed::numeric / nullif(i.applicable, 0), 4)::float8 as fail_rate,
          i.agents_failing,
          json_build_object('failed', i.prev_failed, 'applicable', i.prev_applicable,
            'fail_rate', round(i.prev_failed::numeric / nullif(i.prev_applicable, 0), 4)::float8) as previous,
          coalesce(co.comments, '[]') as comments
        from items i join form_items fi on fi.id = i.item_id
          left join forms_of fo on fo.item_key = i.item_key
          left join comments_of co on co.item_key = i.item_key
        order by i.failed desc, i.failed::numeric / nullif(i.applicable, 0) desc, i.item_key`,
  );
}
