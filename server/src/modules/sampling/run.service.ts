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
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { distribute } from './distribute.ts';
import { type Plan, ensureActivePlan } from './plan.repo.ts';
import { COUNTING, type Day, type Slot, loadAgents, loadPlacement, slotsFor } from './run.context.ts';
import {
  type Pick,
  openContacts,
  pickByRule,
  pickQueueCount,
  pickRandom,
  rulePredicate,
} from './run.picks.ts';
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
    const run = await finishRun(tx, runId, summary);
    await recordAudit(tx, options.ctx, {
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
    });
    return { run, summary, assignments: created };
  });
}

type Picked = { interaction_id: number; agent_id: number; strategy: Slot['strategy']; rule: string | null };

/** Picks, places and writes; answers the run's summary and the assignments it created. */
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
  const { agents, roster } = await loadAgents(
    tx,
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
  /** Records picks; those that fill a CSR's slots take the slot's label unless a rule names them. */
  const keep = (picks: Pick[], label: (p: Pick, slot: Slot | undefined) => Omit<Picked, keyof Pick>) => {
    for (const p of picks) {
      const n = pickedOf.get(p.agent_id) ?? 0;
      picked.push({ ...p, ...label(p, missing.get(p.agent_id)?.[n]) });
      pickedOf.set(p.agent_id, n + 1);
    }
  };

  // Targeted interaction rules reserve up to `picks` of each CSR's remaining checks, in order.
  for (const rule of strategies.targeted) {
    if (!rule.enabled || !(INTERACTION_RULE_KINDS as readonly string[]).includes(rule.kind)) continue;
    const predicate = rulePredicate(rule);
    if (!predicate || !('picks' in rule)) continue;
    const key = ruleKey(rule);
    const needs = new Map<number, number>();
    for (const agent of agents) {
      const reserve = rule.picks - (agent.by_rule[key] ?? 0);
      const n = Math.min(remaining(agent.agent_id), reserve);
      if (n > 0) needs.set(agent.agent_id, n);
    }
    if (needs.size === 0) continue;
    keep(await pickByRule(tx, day, predicate, needs, chosen()), () => ({ strategy: 'targeted', rule: key }));
  }

  // Random fills the rest, each pick labelled by the slot it fills (quota, new-hire extra, …).
  if (strategies.random.enabled) {
    const needs = new Map(agents.map((a) => [a.agent_id, Math.max(0, remaining(a.agent_id))]));
    keep(await pickRandom(tx, day, needs, chosen()), (_p, slot) => ({
      strategy: slot?.strategy ?? 'random',
      rule: slot?.rule ?? null,
    }));
  }
  const short = agents.filter((a) => remaining(a.agent_id) > 0);

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
    const got = await pickQueueCount(
      tx,
      day,
      { queueId: rule.queue_id, count: rule.count - (have?.n ?? 0) },
      onShift,
      chosen(),
    );
    for (const p of got) picked.push({ ...p, strategy: 'quantitative', rule: key });
  }

  const open = await openContacts(
    tx,
    day,
    short.map((a) => a.agent_id),
    chosen(),
  );
  const { created, placedOverflow, overflow, perInspector } = await placeAndWrite(
    tx,
    plan,
    day,
    runId,
    picked,
  );
  const byStrategy: Record<string, number> = {};
  for (const a of created) byStrategy[a.strategy] = (byStrategy[a.strategy] ?? 0) + 1;
  const summary: TRunSummary = {
    on_shift: agents.length,
    roster,
    needed,
    created: created.length,
    by_strategy: byStrategy,
    placed_overflow: placedOverflow,
    overflow,
    agents_short: short.map((a) => ({
      agent_id: a.agent_id,
      username: a.username,
      display_name: a.display_name,
      needed: remaining(a.agent_id),
      available: open.get(a.agent_id) ?? 0,
    })),
    per_inspector: perInspector,
    no_inspectors: perInspector.length === 0,
  };
  return { summary, created };
}

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
 * Places the day's earlier unassigned contacts first, then this run's picks, with the plan's
 * inspectors (in memory: `distribute`), and writes: one INSERT of the picks already assigned (or
 * `unassigned` where nothing fits) and, only when earlier overflow found room, one UPDATE.
 */
async function placeAndWrite(
  tx: DbOrTx,
  plan: Plan,
  day: Day,
  runId: number,
  picked: Picked[],
): Promise<{
  created: TAssignment[];
  placedOverflow: number;
  overflow: number;
  perInspector: TRunSummary['per_inspector'];
}> {
  const { inspectors, earlier } = await loadPlacement(tx, plan, day.date);
  // New picks have no id yet: they are keyed -1, -2, … (assignment ids are positive).
  const contacts = [...earlier, ...picked.map((p, i) => ({ id: -(i + 1), agent_id: p.agent_id }))];
  const { placed } = distribute(contacts, inspectors);

  let placedOverflow: { assignee_id: number | null }[] = [];
  const moved = earlier
    .filter((e) => placed.has(e.id))
    .map((e) => ({ id: e.id, assignee: placed.get(e.id) }));
  if (moved.length > 0) {
    placedOverflow = await queryRows<{ assignee_id: number | null }>(
      tx,
      sql`update assignments a set assignee_id = v.assignee, status = 'pending', updated_at = now(),
            version = a.version + 1
          from jsonb_to_recordset(${JSON.stringify(moved)}::jsonb) as v(id bigint, assignee int)
          where a.id = v.id and a.status = 'unassigned'
          returning a.assignee_id`,
    );
  }
  const rows = picked.map((p, i) => ({ ...p, assignee_id: placed.get(-(i + 1)) ?? null }));
  const due = addDays(day.date, plan.config.due_days);
  const created =
    rows.length === 0
      ? []
      : (
          await queryRows<AssignmentRow>(
            tx,
            sql`insert into assignments (interaction_id, agent_id, assignee_id, date, due_date, status, strategy, rule, run_id)
                select v.interaction_id, v.agent_id, v.assignee_id, ${day.date}::date, ${due}::date,
                  case when v.assignee_id is null then 'unassigned' else 'pending' end, v.strategy, v.rule, ${runId}::int
                from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
                  as v(interaction_id bigint, agent_id int, assignee_id int, strategy text, rule text)
                on conflict (interaction_id) do nothing
                returning id, interaction_id, agent_id, assignee_id, date::text as date, due_date::text as due_date,
                  status, strategy, rule, run_id`,
          )
        ).map(presentAssignment);
  const added = new Map<number, number>();
  for (const a of [...created, ...placedOverflow]) if (a.assignee_id !== null) add(added, a.assignee_id, 1);
  const stillUnassigned =
    earlier.length - placedOverflow.length + created.filter((a) => a.status === 'unassigned').length;
  return {
    created: created.sort((a, b) => a.id - b.id),
    placedOverflow: placedOverflow.length,
    overflow: stillUnassigned,
    perInspector: inspectors.map((i) => ({
      user_id: i.id,
      username: i.username,
      display_name: i.display_name,
      capacity: i.capacity,
      before: i.load,
      assigned: added.get(i.id) ?? 0,
      total: i.load + (added.get(i.id) ?? 0),
    })),
  };
}
