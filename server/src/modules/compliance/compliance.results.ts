import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { monthBounds, pgArray } from './compliance.dates.ts';

/**
 * A month's results, read for the monthly targeted plan (clause 4.3) and its comparison: per CSR,
 * per scorecard item (followed across form versions by `item_key`) and per queue. Submitted
 * evaluations by their local date, with the current revision's score and answers (a correction
 * after a dispute replaces the original).
 */
export type ResultRow = {
  n: number;
  mean: number | null;
  sd: number | null;
  passed: number;
  fatal: number;
  /** Average pass mark of the scorecard versions used. */
  pass_mark: number | null;
};

export type AgentResultRow = ResultRow & {
  agent_id: number;
  agent: string;
  display_name: string;
  team: string | null;
};

const SUBMITTED = sql`e.status <> 'draft'`;
const summaryColumns = sql`count(*)::int as n, avg(e.score)::float8 as mean, stddev_samp(e.score)::float8 as sd,
  count(*) filter (where e.passed)::int as passed, count(*) filter (where e.fatal)::int as fatal,
  avg(fv.pass_mark)::float8 as pass_mark`;

/** Per CSR (active agents only, or the listed ones). */
export async function agentResults(
  db: DbOrTx,
  month: string,
  agentIds?: number[],
): Promise<AgentResultRow[]> {
  const { first, last } = monthBounds(month);
  const only =
    agentIds === undefined
      ? sql`u.active and 'agent' = any(u.roles)`
      : sql`u.id = any(${pgArray(agentIds)}::int[])`;
  return queryRows<AgentResultRow>(
    db,
    sql`select e.agent_id, u.username as agent, u.display_name, t.name as team, ${summaryColumns}
        from evaluations e
        join users u on u.id = e.agent_id
        left join teams t on t.id = u.team_id
        join form_versions fv on fv.id = e.form_version_id
        where ${SUBMITTED} and e.local_date between ${first}::date and ${last}::date and ${only}
        group by e.agent_id, u.username, u.display_name, t.name
        order by u.display_name, e.agent_id`,
  );
}

/** The whole center, or everyone except the listed CSRs (the yardstick of a comparison). */
export async function centerResults(
  db: DbOrTx,
  month: string,
  exceptIds: number[] = [],
): Promise<ResultRow & { agents: number }> {
  const { first, last } = monthBounds(month);
  const [row] = await queryRows<ResultRow & { agents: number }>(
    db,
    sql`select ${summaryColumns}, count(distinct e.agent_id)::int as agents
        from evaluations e join form_versions fv on fv.id = e.form_version_id
        where ${SUBMITTED} and e.local_date between ${first}::date and ${last}::date
          and not (e.agent_id = any(${pgArray(exceptIds)}::int[]))`,
  );
  return row ?? { n: 0, mean: null, sd: null, passed: 0, fatal: 0, pass_mark: null, agents: 0 };
}

export type ItemResultRow = {
  item_key: string;
  text: string;
  form: string;
  category: string;
  fatal: boolean;
  answered: number;
  fails: number;
};

/**
 * Per scorecard item: pass-or-fail answers and fails (N/A left out). Text, form, category and
 * fatality come from the newest version holding the item.
 */
export async function itemResults(db: DbOrTx, month: string, itemKeys?: string[]): Promise<ItemResultRow[]> {
  const { first, last } = monthBounds(month);
  const only =
    itemKeys === undefined
      ? sql`true`
      : sql`fi.item_key = any(${pgArray(itemKeys.map(quoteArrayText))}::text[])`;
  return queryRows<ItemResultRow>(
    db,
    sql`with counts as (
          select fi.item_key,
            count(*) filter (where ea.result in ('pass', 'fail'))::int as answered,
            count(*) filter (where ea.result = 'fail')::int as fails
          from evaluations e
          join evaluation_answers ea on ea.evaluation_id = e.id and ea.revision = e.revision
          join form_items fi on fi.id = ea.item_id
          where ${SUBMITTED} and e.local_date between ${first}::date and ${last}::date and ${only}
          group by fi.item_key
        )
        select c.item_key, latest.text, latest.form, latest.category, latest.fatal, c.answered, c.fails
        from counts c
        cross join lateral (
          select fi.text, f.name as form, fi.category_key as category, fi.fatal
          from form_items fi join form_versions fv on fv.id = fi.form_version_id join forms f on f.id = fv.form_id
          where fi.item_key = c.item_key order by fv.version desc, fi.id desc limit 1
        ) latest
        order by c.fails desc, c.answered desc, c.item_key`,
  );
}

/** Fails of the given items per queue of the checked contact (contacts without a queue left out). */
export async function itemFailsByQueue(
  db: DbOrTx,
  month: string,
  itemKeys: string[],
): Promise<{ item_key: string; queue_id: number; fails: number }[]> {
  if (itemKeys.length === 0) return [];
  const { first, last } = monthBounds(month);
  return queryRows(
    db,
    sql`select fi.item_key, i.queue_id, count(*)::int as fails
        from evaluations e
        join interactions i on i.id = e.interaction_id
        join evaluation_answers ea on ea.evaluation_id = e.id and ea.revision = e.revision
        join form_items fi on fi.id = ea.item_id
        where ${SUBMITTED} and e.local_date between ${first}::date and ${last}::date
          and ea.result = 'fail' and i.queue_id is not null
          and fi.item_key = any(${pgArray(itemKeys.map(quoteArrayText))}::text[])
        group by fi.item_key, i.queue_id
        order by fi.item_key, fails desc, i.queue_id`,
  );
}

export type QueueResultRow = ResultRow & { queue_id: number; code: string; name: string };

/** Per queue of the checked contacts (checks without a contact, or a contact without a queue, left out). */
export async function queueResults(
  db: DbOrTx,
  month: string,
  queueIds?: number[],
): Promise<QueueResultRow[]> {
  const { first, last } = monthBounds(month);
  const only = queueIds === undefined ? sql`true` : sql`q.id = any(${pgArray(queueIds)}::int[])`;
  return queryRows<QueueResultRow>(
    db,
    sql`select q.id as queue_id, q.code, q.name, ${summaryColumns}
        from evaluations e
        join interactions i on i.id = e.interaction_id
        join queues q on q.id = i.queue_id
        join form_versions fv on fv.id = e.form_version_id
        where ${SUBMITTED} and e.local_date between ${first}::date and ${last}::date and ${only}
        group by q.id, q.code, q.name
        order by q.code`,
  );
}

/** An element of a PostgreSQL text-array literal, quoted (item keys are free text). */
function quoteArrayText(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
