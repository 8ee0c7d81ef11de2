import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { TTargetedRule } from '../../../../shared/schemas/sampling.ts';
import type { Day, Slot } from './run.context.ts';

/**
 * The set-based pick statements of the daily run. Each is one INSERT … SELECT over the day's
 * contacts of the CSRs that still need checks: a random order per CSR
 * (`row_number() over (partition by agent order by random())`) joined to how many each CSR needs.
 * Picks are inserted `unassigned`; the run then places them with the inspectors.
 *
 * A contact picked once is never picked again: assignments of a day carry the contact's local
 * date, so the day's assignments are the ones to exclude (a hashed anti-join over a few thousand
 * rows, not a probe per contact), and the unique index with ON CONFLICT DO NOTHING is the backstop.
 * Contacts someone already evaluated (they count as that day's checks) are not picked either.
 */
export type PickTarget = { runId: number; day: Day; dueDate: string };

type Picked = { agent_id: number; n: number };

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** The day's not-yet-picked contacts of the given CSRs, numbered in random order per CSR. */
function candidates(t: PickTarget, agents: SQL, predicate: SQL): SQL {
  return sql`select i.id, i.agent_id, row_number() over (partition by i.agent_id order by random()) as rn
    from interactions i join ${agents} on q.agent_id = i.agent_id
    where i.started_at >= ${t.day.start.toISOString()}::timestamptz
      and i.started_at < ${t.day.end.toISOString()}::timestamptz
      and ${predicate}
      and i.id not in (select interaction_id from assignments where date = ${t.day.date}::date)
      and i.id not in (
        select interaction_id from evaluations
        where local_date = ${t.day.date}::date and interaction_id is not null)`;
}

async function insertPicks(tx: DbOrTx, select: SQL): Promise<Map<number, number>> {
  const rows = await queryRows<Picked>(
    tx,
    sql`with picked as (
          insert into assignments (interaction_id, agent_id, date, due_date, status, strategy, rule, run_id)
          ${select}
          on conflict (interaction_id) do nothing
          returning agent_id)
        select agent_id, count(*)::int as n from picked group by agent_id`,
  );
  return new Map(rows.map((r) => [r.agent_id, r.n]));
}

/** SQL predicate of a targeted interaction rule on `interactions i`. */
export function rulePredicate(rule: TTargetedRule): SQL | null {
  switch (rule.kind) {
    case 'queue':
      return sql`i.queue_id = ${rule.queue_id}`;
    case 'duration_above':
      return sql`i.duration_s > ${rule.seconds}`;
    case 'duration_below':
      return sql`i.duration_s < ${rule.seconds}`;
    case 'direction':
      return sql`i.direction = ${rule.direction}`;
    case 'repeat_contact':
      return sql`i.customer_ref is not null and exists (
        select 1 from interactions p
        where p.customer_ref = i.customer_ref and p.id <> i.id and p.started_at <= i.started_at
          and p.started_at >= i.started_at - make_interval(days => ${rule.within_days}))`;
    default:
      return null;
  }
}

/** Picks up to `limits[agent]` contacts matching an interaction rule per CSR. */
export function pickByRule(
  tx: DbOrTx,
  t: PickTarget,
  rule: { key: string; predicate: SQL },
  limits: Map<number, number>,
): Promise<Map<number, number>> {
  const params = [...limits].filter(([, n]) => n > 0).map(([agent_id, lim]) => ({ agent_id, lim }));
  if (params.length === 0) return Promise.resolve(new Map<number, number>());
  const agents = sql`jsonb_to_recordset(${json(params)}) as q(agent_id int, lim int)`;
  return insertPicks(
    tx,
    sql`select c.id, c.agent_id, ${t.day.date}::date, ${t.dueDate}::date, 'unassigned', 'targeted', ${rule.key},
          ${t.runId}::int
        from (${candidates(t, agents, rule.predicate)}) c
        join ${sql`jsonb_to_recordset(${json(params)}) as l(agent_id int, lim int)`} on l.agent_id = c.agent_id
        where c.rn <= l.lim`,
  );
}

/**
 * Fills each CSR's remaining slots with uniformly random contacts of the day; each pick takes the
 * strategy and rule of the slot it fills (quota, new-hire extra, team extra, …).
 */
export function pickRandom(
  tx: DbOrTx,
  t: PickTarget,
  slots: Map<number, Slot[]>,
): Promise<Map<number, number>> {
  const rows = [...slots].flatMap(([agent_id, list]) =>
    list.map((s, i) => ({ agent_id, slot: i + 1, strategy: s.strategy, rule: s.rule })),
  );
  if (rows.length === 0) return Promise.resolve(new Map<number, number>());
  const agents = [...slots].filter(([, list]) => list.length > 0).map(([agent_id]) => ({ agent_id }));
  return insertPicks(
    tx,
    sql`select c.id, c.agent_id, ${t.day.date}::date, ${t.dueDate}::date, 'unassigned', s.strategy, s.rule,
          ${t.runId}::int
        from (${candidates(t, sql`jsonb_to_recordset(${json(agents)}) as q(agent_id int)`, sql`true`)}) c
        join jsonb_to_recordset(${json(rows)}) as s(agent_id int, slot int, strategy text, rule text)
          on s.agent_id = c.agent_id and s.slot = c.rn`,
  );
}

/**
 * A quantitative queue rule: `count` more contacts of the queue across the on-shift CSRs, spread
 * over them (each CSR's first random pick before anyone's second).
 */
export function pickQueueCount(
  tx: DbOrTx,
  t: PickTarget,
  rule: { key: string; queueId: number; count: number },
  agentIds: number[],
): Promise<Map<number, number>> {
  if (rule.count <= 0 || agentIds.length === 0) return Promise.resolve(new Map<number, number>());
  const agents = sql`jsonb_to_recordset(${json(agentIds.map((agent_id) => ({ agent_id })))}) as q(agent_id int)`;
  return insertPicks(
    tx,
    sql`select c.id, c.agent_id, ${t.day.date}::date, ${t.dueDate}::date, 'unassigned', 'quantitative',
          ${rule.key}, ${t.runId}::int
        from (
          select x.id, x.agent_id, row_number() over (order by x.rn, random()) as k
          from (${candidates(t, agents, sql`i.queue_id = ${rule.queueId}`)}) x) c
        where c.k <= ${rule.count}`,
  );
}
