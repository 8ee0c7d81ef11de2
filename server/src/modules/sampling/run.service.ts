import { sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { localDayRange } from '../../../../shared/time.ts';
import {
  AGENT_RULE_KINDS,
  INTERACTION_RULE_KINDS,
  type TAssignment,
  type TRunResponse,
  type TRunSummary,
  ruleKey,
} from '../../../../shared/schemas/sampling.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import { distribute } from './distribute.ts';
import { type Plan, ensureActivePlan } from './plan.repo.ts';
import { COUNTING, type Day, type Inspector, type Slot, loadContext, slotsFor } from './run.context.ts';
import { openContacts, pickByRule, pickQueueCount, randomPicks, rulePredicate } from './run.picks.ts';
import { finishRun } from './run.repo.ts';

/** Arbitrary constant: with the day's hash, the advisory lock that serializes runs of one day. */
const RUN_LOCK = 7_246_105;

export type RunOptions = {
  date: string;
  trigger: 'manual' | 'schedule';
  timezone: string;
  ctx: AuditContext;
};

const add = (m: Map<number, number>, k: number, n: number) => m.set(k, (m.get(k) ?? 0) + n);

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The daily run (issue 5, item 3) for one local day under the active plan: tops each on-shift
 * CSR up to their quota, places the picks (and earlier overflow) with the inspectors, records the
 * run and one audit entry — all in one transaction, serialized per day by an advisory lock.
 *
 * A scheduled run first claims its day by inserting the day's `schedule` run row (unique per
 * day): a second process blocks on that insert until the first commits and then finds the day
 * taken, so the scheduled run happens once however many processes share the database.
 * @returns null when a scheduled run found its day already claimed.
 */
export async function runSamplingDay(db: Db, options: RunOptions): Promise<TRunResponse | null> {
  const plan = await ensureActivePlan(db);
  const range = localDayRange(options.date, options.timezone);
  const day: Day = { date: options.date, ...range };
  return db.transaction(async (tx) => {
    const lock = sql`pg_advisory_xact_lock(${RUN_LOCK}, hashtext(${day.date}))`;
    let runId: number;
    if (options.trigger === 'schedule') {
      // Claim first: the lock is taken only by the process whose claim row went in.
      const [claim] = await queryRows<{ id: number }>(
        tx,
        sql`with claim as (
              insert into sampling_runs (date, plan_id, plan_version, trigger, status)
              values (${day.date}::date, ${plan.id}, ${plan.version}, 'schedule', 'running')
              on conflict (date) where trigger = 'schedule' do nothing
              returning id)
            select id, ${lock} from claim`,
      );
      if (!claim) return null;
      runId = claim.id;
    } else {
      const [row] = await queryRows<{ id: number }>(
        tx,
        sql`with locked as (select ${lock})
            insert into sampling_runs (date, plan_id, plan_version, trigger, requested_by, status)
            select ${day.date}::date, ${plan.id}, ${plan.version}, 'manual', ${options.ctx.actorId}, 'running'
            from locked
            returning id`,
      );
      if (!row) throw new Error('no run row');
      runId = row.id;
    }
    const { summary, created } = await sampleDay(tx, plan, day, runId);
    // The run row and its audit entry in one statement.
    const run = await finishRun(
      tx,
      runId,
      summary,
      {
        action: 'sampling.run',
        entityType: 'sampling_run',
        entityId: runId,
        after: {
          date: day.date,
          trigger: options.trigger,
          plan_id: plan.id,
          plan_version: plan.version,
          summary,
        },
      },
      options.ctx,
    );
    return { run, summary, assignments: created };
  });
}

type Picked = { interaction_id: number; agent_id: number; strategy: Slot['strategy']; rule: string | null };

type AssignmentRow = Omit<TAssignment, 'id' | 'interaction_id'> & {
  id: string | number;
  interaction_id: string | number;
};
const presentAssignment = (r: AssignmentRow): TAssignment => ({
  ...r,
  id: Number(r.id),
  interaction_id: Number(r.interaction_id),
});

/**
 * Picks, places and writes; answers the run's summary and the assignments it created.
 *
 * Rule picks (targeted contact rules, quantitative queue counts) are few and selected first; the
 * day's earlier overflow is placed next (in memory, `distribute`); then one INSERT … SELECT takes
 * the random picks that fill every CSR's remaining slots, adds the rule picks, numbers them all and
 * gives the k-th the k-th place of the inspectors' fill order — the order `distribute` would give
 * (least loaded first, within capacity), so loads end up even — and writes them, assigned.
 */
async function sampleDay(
  tx: DbOrTx,
  plan: Plan,
  day: Day,
  runId: number,
): Promise<{ summary: TRunSummary; created: TAssignment[] }> {
  const { strategies } = plan.config;
  const agentRules = strategies.targeted.filter(
    (r) => r.enabled && (AGENT_RULE_KINDS as readonly string[]).includes(r.kind),
  );
  const { agents, roster, inspectors, earlier } = await loadContext(
    tx,
    plan,
    day,
    agentRules.some((r) => r.kind === 'below_pass_mark' || r.kind === 'fatal_last_month'),
  );

  // How many each CSR still needs, as slots (quota, then extras of matching agent rules).
  const missing = new Map<number, Slot[]>();
  let needed = 0;
  for (const agent of agents) {
    const { missing: m } = slotsFor(plan, agent, day.date);
    missing.set(agent.agent_id, m);
    needed += m.length;
  }
  const picked: Picked[] = [];
  const pickedOf = new Map<number, number>();
  const chosen = () => picked.map((p) => p.interaction_id);
  const remaining = (agent: number) => (missing.get(agent)?.length ?? 0) - (pickedOf.get(agent) ?? 0);

  // Targeted interaction rules reserve up to `picks` of each CSR's remaining checks, in order.
  for (const rule of strategies.targeted) {
    if (!rule.enabled || !(INTERACTION_RULE_KINDS as readonly string[]).includes(rule.kind)) continue;
    const predicate = rulePredicate(rule);
    if (!predicate || !('picks' in rule)) continue;
    const key = ruleKey(rule);
    const needs = new Map<number, number>();
    for (const agent of agents) {
      const n = Math.min(remaining(agent.agent_id), rule.picks - (agent.by_rule[key] ?? 0));
      if (n > 0) needs.set(agent.agent_id, n);
    }
    if (needs.size === 0) continue;
    for (const p of await pickByRule(tx, day, predicate, needs, chosen())) {
      picked.push({ ...p, strategy: 'targeted', rule: key });
      add(pickedOf, p.agent_id, 1);
    }
  }

  // Quantitative queue rules: a fixed number of that queue's contacts a day, beyond the quotas.
  const onShift = agents.map((a) => a.agent_id);
  for (const rule of strategies.quantitative) {
    if (!rule.enabled || rule.scope !== 'queue') continue;
    const key = ruleKey(rule);
    const [have] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from assignments
          where date = ${day.date}::date and strategy = 'quantitative' and rule = ${key} and status in ${COUNTING}`,
    );
    const count = rule.count - (have?.n ?? 0);
    const got = await pickQueueCount(tx, day, { queueId: rule.queue_id, count }, onShift, chosen());
    for (const p of got) picked.push({ ...p, strategy: 'quantitative', rule: key });
  }

  // Random fills the rest: per CSR, the slots left after the rule picks, each with its label.
  const randomSlots = strategies.random.enabled
    ? agents.flatMap((a) =>
        (missing.get(a.agent_id) ?? [])
          .slice(pickedOf.get(a.agent_id) ?? 0)
          .map((s) => ({ agent_id: a.agent_id, strategy: s.strategy, rule: s.rule })),
      )
    : [];

  const before = new Map(inspectors.map((i) => [i.id, i.load]));
  const placedOverflow = await placeEarlier(tx, inspectors, earlier);
  const order = fillOrder(inspectors, picked.length + randomSlots.length);
  const created = await insertPicks(tx, {
    day,
    dueDate: addDays(day.date, plan.config.due_days),
    runId,
    slots: randomSlots,
    picked,
    order,
    chosen: chosen(),
  });

  const quota = new Map<number, number>();
  for (const a of created)
    if (!(a.strategy === 'quantitative' && a.rule?.startsWith('queue:'))) add(quota, a.agent_id, 1);
  const short = agents.filter((a) => (missing.get(a.agent_id)?.length ?? 0) > (quota.get(a.agent_id) ?? 0));
  const open = await openContacts(
    tx,
    day,
    short.map((a) => a.agent_id),
    [],
  );
  const added = new Map<number, number>();
  for (const a of [...created, ...placedOverflow]) if (a.assignee_id !== null) add(added, a.assignee_id, 1);
  const byStrategy: Record<string, number> = {};
  for (const a of created) byStrategy[a.strategy] = (byStrategy[a.strategy] ?? 0) + 1;
  const summary: TRunSummary = {
    on_shift: agents.length,
    roster,
    needed,
    created: created.length,
    by_strategy: byStrategy,
    placed_overflow: placedOverflow.length,
    overflow:
      earlier.length - placedOverflow.length + created.filter((a) => a.status === 'unassigned').length,
    agents_short: short.map((a) => ({
      agent_id: a.agent_id,
      username: a.username,
      display_name: a.display_name,
      needed: (missing.get(a.agent_id)?.length ?? 0) - (quota.get(a.agent_id) ?? 0),
      available: open.get(a.agent_id) ?? 0,
    })),
    per_inspector: inspectors.map((i) => ({
      user_id: i.id,
      username: i.username,
      display_name: i.display_name,
      capacity: i.capacity,
      before: before.get(i.id) ?? 0,
      assigned: added.get(i.id) ?? 0,
      total: (before.get(i.id) ?? 0) + (added.get(i.id) ?? 0),
    })),
    no_inspectors: inspectors.length === 0,
  };
  return { summary, created: created.sort((a, b) => a.id - b.id) };
}

/**
 * Places the day's earlier unassigned contacts (oldest first) where there is room, and counts
 * them into the inspectors' loads (which `inspectors` then carries).
 */
async function placeEarlier(
  tx: DbOrTx,
  inspectors: Inspector[],
  earlier: { id: number; agent_id: number }[],
): Promise<{ assignee_id: number | null }[]> {
  if (earlier.length === 0 || inspectors.length === 0) return [];
  const { placed } = distribute(earlier, inspectors);
  if (placed.size === 0) return [];
  const moved = [...placed].map(([id, assignee]) => ({ id, assignee }));
  const rows = await queryRows<{ assignee_id: number | null }>(
    tx,
    sql`update assignments a set assignee_id = v.assignee, status = 'pending', updated_at = now(),
          version = a.version + 1
        from jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) as v(id bigint, assignee int)
        where a.id = v.id and a.status = 'unassigned'
        returning a.assignee_id`,
  );
  for (const r of rows) {
    const inspector = inspectors.find((i) => i.id === r.assignee_id);
    if (inspector) inspector.load += 1;
  }
  return rows;
}

/**
 * The inspectors' fill order for `n` more contacts: the k-th contact goes to the k-th entry — the
 * least loaded inspector with room at that point (ties to the lower id), as `distribute` places
 * them — or to nobody once every capacity is used. Any prefix of it is as even as the whole.
 */
function fillOrder(inspectors: Inspector[], n: number): number[] {
  const contacts = Array.from({ length: n }, (_, i) => ({ id: i + 1, agent_id: -1 }));
  const { placed } = distribute(contacts, inspectors);
  return contacts.map((c) => placed.get(c.id)).filter((id): id is number => id !== undefined);
}

/**
 * The one write of the picks: the random ones selected here (`slots`: per CSR, in order, the slots
 * left to fill, with their labels) and the rule picks made before, numbered together (CSR by CSR,
 * so one CSR's checks go to different inspectors) and assigned by `order`. A contact whose
 * inspector would be its own CSR, or beyond every capacity, stays `unassigned`.
 */
async function insertPicks(
  tx: DbOrTx,
  w: {
    day: Day;
    dueDate: string;
    runId: number;
    slots: { agent_id: number; strategy: string; rule: string | null }[];
    picked: Picked[];
    order: number[];
    chosen: number[];
  },
): Promise<TAssignment[]> {
  if (w.slots.length === 0 && w.picked.length === 0) return [];
  // Per CSR, the labels of the slots left to fill, in slot order.
  type Need = { agent_id: number; need: number; strategies: string[]; rules: (string | null)[] };
  const needs = new Map<number, Need>();
  for (const s of w.slots) {
    const n = needs.get(s.agent_id) ?? { agent_id: s.agent_id, need: 0, strategies: [], rules: [] };
    n.need += 1;
    n.strategies.push(s.strategy);
    n.rules.push(s.rule);
    needs.set(s.agent_id, n);
  }
  const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
  const rows = await queryRows<AssignmentRow>(
    tx,
    sql`with random_picks as (
          select c.id as interaction_id, c.agent_id, c.strategy, c.rule, c.rn as ord, 1 as pass
          from (${randomPicks(w.day, json([...needs.values()]), w.chosen)}) c),
        rule_picks as (
          select p.interaction_id, p.agent_id, p.strategy, p.rule, p.ord, 0 as pass
          from jsonb_to_recordset(${json(w.picked.map((p, i) => ({ ...p, ord: i })))})
            as p(interaction_id bigint, agent_id int, strategy text, rule text, ord int)),
        numbered as (
          select x.*, row_number() over (order by x.agent_id, x.pass, x.ord) as k
          from (select * from rule_picks union all select * from random_picks) x),
        places as (
          select k::int as k, assignee from unnest(${`{${w.order.join(',')}}`}::int[]) with ordinality as o(assignee, k))
        insert into assignments (interaction_id, agent_id, assignee_id, date, due_date, status, strategy, rule, run_id)
        select n.interaction_id, n.agent_id, nullif(pl.assignee, n.agent_id), ${w.day.date}::date, ${w.dueDate}::date,
          case when pl.assignee is null or pl.assignee = n.agent_id then 'unassigned' else 'pending' end,
          n.strategy, n.rule, ${w.runId}::int
        from numbered n left join places pl on pl.k = n.k
        on conflict (interaction_id) do nothing
        returning id, interaction_id, agent_id, assignee_id, date::text as date, due_date::text as due_date,
          status, strategy, rule, run_id`,
  );
  return rows.map(presentAssignment);
}
