import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { TFailedItemTrend } from '../../../../shared/schemas/home.ts';

export type FailedItemsWindow = { from: string; to: string; prevFrom: string; prevTo: string };

/**
 * The items failed most in [from, to], with their figures in [prevFrom, prevTo] and the latest
 * comments on their failures; one pass over the answers of both spans. Submitted evaluations by
 * local date, the current revision's answers, N/A left out, grouped by item key across versions.
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
          select e.id, e.revision, e.agent_id, e.form_id, e.local_date, e.local_date >= ${w.from}::date as cur
          from evaluations e
          where e.status <> 'draft' and e.local_date between ${w.prevFrom}::date and ${w.to}::date
        ),
        ans as (
          select ev.id as evaluation_id, ev.cur, ev.agent_id, ev.form_id, ev.local_date, a.item_id, a.result,
            a.comment, fi.item_key
          from ev
            join evaluation_answers a on a.evaluation_id = ev.id and a.revision = ev.revision
            join form_items fi on fi.id = a.item_id
          where a.result <> 'na' and ${inCategory}
        ),
        items as (
          select item_key, max(item_id) as item_id,
            (count(*) filter (where cur and result = 'fail'))::int as failed,
            (count(*) filter (where cur))::int as applicable,
            (count(distinct agent_id) filter (where cur and result = 'fail'))::int as agents_failing,
            (count(*) filter (where not cur and result = 'fail'))::int as prev_failed,
            (count(*) filter (where not cur))::int as prev_applicable
          from ans group by item_key
          having count(*) filter (where cur and result = 'fail') > 0
          order by 3 desc, (count(*) filter (where cur and result = 'fail'))::numeric / count(*) filter (where cur) desc,
            item_key
          limit ${limit}
        ),
        failures as (
          select ans.* from ans join items i on i.item_key = ans.item_key where ans.cur and ans.result = 'fail'
        ),
        forms_of as (
          select x.item_key, array_agg(f.name order by f.name) as forms
          from (select distinct item_key, form_id from failures) x join forms f on f.id = x.form_id
          group by x.item_key
        ),
        comments_of as (
          select item_key, json_agg(json_build_object('local_date', local_date::text, 'comment', comment)
              order by local_date desc, evaluation_id desc) as comments
          from (select item_key, local_date, comment, evaluation_id,
                  row_number() over (partition by item_key order by local_date desc, evaluation_id desc) as n
                from failures where comment is not null) c
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
