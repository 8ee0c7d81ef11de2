import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { TTargetedRule } from '../../../../shared/schemas/sampling.ts';
import type { Day } from './run.context.ts';

/**
 * The set-based pick statements of the daily run. Each is one SELECT over the CSRs who still need
 * checks: for each CSR (a LATERAL subquery) their untaken contacts of the day, read through the
 * `(agent_id, started_at)` index, `order by random() limit need` — a uniformly random subset of the
 * size the CSR needs, kept by a top-N sort of that CSR's ~100 contacts instead of one sort of the
 * whole day's contacts (docs/benchmarks.md, bench:sampling). Nothing is written here: the run
 * places the picks with the inspectors first and then inserts them, assigned, in one statement.
 *
 * A contact is never picked twice: contacts with an assignment of the day (assignments carry the
 * contact's local date), contacts someone already evaluated (they count as that day's checks) and
 * contacts picked earlier in the same run are "taken" — hashed anti-joins over a few thousand ids,
 * built once per statement, not a probe per contact. The unique index with ON CONFLICT DO NOTHING
 * is the backstop.
 */
export type Pick = { interaction_id: number; agent_id: number };

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** Contacts that cannot be picked: assigned that day, evaluated, or picked earlier in this run. */
function taken(day: Day, chosen: readonly number[]): SQL {
  return sql`(i.id in (select interaction_id from assignments where date = ${day.date}::date)
    or i.id in (select interaction_id from evaluations where local_date = ${day.date}::date and interaction_id is not null)
    or i.id in (select unnest(${`{${chosen.join(',')}}`}::bigint[])))`;
}

/**
 * One CSR's pick (`q`: the CSR's row, with `agent_id` and `need`): `need` of their untaken contacts
 * of the day that match `predicate`, chosen uniformly at random, numbered `rn` 1…need.
 */
function pickOfAgent(day: Day, predicate: SQL, chosen: readonly number[]): SQL {
  return sql`select r.id, row_number() over () as rn from (
      select i.id from interactions i
      where i.agent_id = q.agent_id
        and i.started_at >= ${day.start.toISOString()}::timestamptz
        and i.started_at < ${day.end.toISOString()}::timestamptz
        and ${predicate} and not ${taken(day, chosen)}
      order by random() limit q.need) r`;
}

/** The day's untaken contacts of the given CSRs, random per CSR, the first `need` of each. */
async function selectPicks(
  tx: DbOrTx,
  day: Day,
  needs: { agent_id: number; need: number }[],
  predicate: SQL,
  chosen: readonly number[],
): Promise<Pick[]> {
  if (needs.length === 0) return [];
  const rows = await queryRows<{ id: string | number; agent_id: number }>(
    tx,
    sql`select p.id, q.agent_id
        from jsonb_to_recordset(${json(needs)}) as q(agent_id int, need int)
          cross join lateral (${pickOfAgent(day, predicate, chosen)}) p`,
  );
  return rows.map((r) => ({ interaction_id: Number(r.id), agent_id: r.agent_id }));
}

/** Per CSR: how many of their contacts that day are not taken (for the CSRs a run left short). */
export async function openContacts(
  tx: DbOrTx,
  day: Day,
  agentIds: number[],
  chosen: readonly number[],
): Promise<Map<number, number>> {
  if (agentIds.length === 0) return new Map();
  const rows = await queryRows<{ agent_id: number; n: number }>(
    tx,
    sql`select i.agent_id, count(*)::int as n from interactions i
        where i.agent_id in (select unnest(${`{${agentIds.join(',')}}`}::int[]))
          and i.started_at >= ${day.start.toISOString()}::timestamptz
          and i.started_at < ${day.end.toISOString()}::timestamptz
          and not ${taken(day, chosen)}
        group by i.agent_id`,
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

/** Up to `need` contacts per CSR that match an interaction rule. */
export function pickByRule(
  tx: DbOrTx,
  day: Day,
  predicate: SQL,
  needs: Map<number, number>,
  chosen: readonly number[],
): Promise<Pick[]> {
  const list = [...needs].filter(([, n]) => n > 0).map(([agent_id, need]) => ({ agent_id, need }));
  return selectPicks(tx, day, list, predicate, chosen);
}

/**
 * The random picks of the run's INSERT: per CSR of `needs` (JSON `[{agent_id, need, strategies,
 * rules}]`: the labels of the CSR's slots left to fill), `need` of their untaken contacts of the
 * day, uniformly at random; the k-th pick fills the k-th slot and carries its labels.
 */
export function randomPicks(day: Day, needs: SQL, chosen: readonly number[]): SQL {
  return sql`select p.id, q.agent_id, q.strategies[p.rn] as strategy, q.rules[p.rn] as rule, p.rn
    from jsonb_to_recordset(${needs}) as q(agent_id int, need int, strategies text[], rules text[])
      cross join lateral (${pickOfAgent(day, sql`true`, chosen)}) p`;
}

/**
 * A quantitative queue rule: `count` contacts of the queue across the on-shift CSRs, spread over
 * them (each CSR's first random pick before anyone's second).
 */
export async function pickQueueCount(
  tx: DbOrTx,
  day: Day,
  rule: { queueId: number; count: number },
  agentIds: number[],
  chosen: readonly number[],
): Promise<Pick[]> {
  if (rule.count <= 0 || agentIds.length === 0) return [];
  const needs = agentIds.map((agent_id) => ({ agent_id, need: rule.count }));
  const picks = await selectPicks(tx, day, needs, sql`i.queue_id = ${rule.queueId}`, chosen);
  // Round-robin over the CSRs: everyone's first before anyone's second.
  const byAgent = new Map<number, Pick[]>();
  for (const p of picks) byAgent.set(p.agent_id, [...(byAgent.get(p.agent_id) ?? []), p]);
  const lists = [...byAgent.values()];
  for (let i = lists.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [lists[i], lists[j]] = [lists[j] ?? [], lists[i] ?? []];
  }
  const out: Pick[] = [];
  for (let round = 0; out.length < rule.count; round++) {
    let any = false;
    for (const list of lists) {
      const p = list[round];
      if (p && out.length < rule.count) {
        out.push(p);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}
