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
import { COUNTING, type Day, type Slot, loadAgents, loadInspectors, slotsFor } from './run.context.ts';
import { type PickTarget, pickByRule, pickQueueCount, pickRandom, rulePredicate } from './run.picks.ts';
import { findRun } from './run.repo.ts';

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
    let runId: number;
    if (options.trigger === 'schedule') {
      const [claim] = await queryRows<{ id: number }>(
        tx,
        sql`insert into sampling_runs (date, plan_id, plan_version, trigger, status)
            values (${day.date}::date, ${plan.id}, ${plan.version}, 'schedule', 'running')
            on conflict (date) where trigger = 'schedule' do nothing
            returning id`,
      );
      if (!claim) return null;
      runId = claim.id;
      await tx.execute(sql`select pg_advisory_xact_lock(${RUN_LOCK}, hashtext(${day.date}))`);
    } else {
      await tx.execute(sql`select pg_advisory_xact_lock(${RUN_LOCK}, hashtext(${day.date}))`);
      const [row] = await queryRows<{ id: number }>(
        tx,
        sql`insert into sampling_runs (date, plan_id, plan_version, trigger, requested_by, status)
            values (${day.date}::date, ${plan.id}, ${plan.version}, 'manual', ${options.ctx.actorId}, 'running')
            returning id`,
      );
      if (!row) throw new Error('no run row');
      runId = row.id;
    }
    const summary = await sampleDay(tx, plan, day, runId);
    await tx.execute(sql`
      update sampling_runs set status = 'done', finished_at = now(), created = ${summary.created},
        overflow = ${summary.overflow}, summary = ${JSON.stringify(summary)}::jsonb
      where id = ${runId}`);
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
    const run = await findRun(tx, runId);
    if (!run) throw new Error('run vanished');
    return { run, summary, assignments: await assignmentsOfRun(tx, runId) };
  });
}

/** Picks and places; answers the run's summary. */
async function sampleDay(tx: DbOrTx, plan: Plan, day: Day, runId: number): Promise<TRunSummary> {
  const { strategies } = plan.config;
  const agentRules = strategies.targeted.filter(
    (r) => r.enabled && (AGENT_RULE_KINDS as readonly string[]).includes(r.kind),
  );
  const { agents, roster } = await loadAgents(
    tx,
    day,
    agentRules.some((r) => r.kind === 'below_pass_mark' || r.kind === 'fatal_last_month'),
  );
  const target: PickTarget = { runId, day, dueDate: addDays(day.date, plan.config.due_days) };

  // How many each CSR still needs, as slots (quota, then extras of matching agent rules).
  const missing = new Map<number, Slot[]>();
  let needed = 0;
  for (const agent of agents) {
    const { missing: m } = slotsFor(plan, agent, day.date);
    missing.set(agent.agent_id, m);
    needed += m.length;
  }
  const picked = new Map<number, number>();
  const byStrategy: Record<string, number> = {};
  const count = (strategy: string, got: Map<number, number>) => {
    for (const [agent, n] of got) {
      add(picked, agent, n);
      byStrategy[strategy] = (byStrategy[strategy] ?? 0) + n;
    }
  };

  // Targeted interaction rules reserve up to `picks` of each CSR's remaining checks, in order.
  for (const rule of strategies.targeted) {
    if (!rule.enabled || !(INTERACTION_RULE_KINDS as readonly string[]).includes(rule.kind)) continue;
    const predicate = rulePredicate(rule);
    if (!predicate || !('picks' in rule)) continue;
    const key = ruleKey(rule);
    const limits = new Map<number, number>();
    for (const agent of agents) {
      const remaining = (missing.get(agent.agent_id)?.length ?? 0) - (picked.get(agent.agent_id) ?? 0);
      const reserve = rule.picks - (agent.by_rule[key] ?? 0);
      if (remaining > 0 && reserve > 0) limits.set(agent.agent_id, Math.min(remaining, reserve));
    }
    count('targeted', await pickByRule(tx, target, { key, predicate }, limits));
  }

  // Random fills the rest; each pick takes the label of the slot it fills.
  if (strategies.random.enabled) {
    const rest = new Map<number, Slot[]>();
    for (const [agent, slots] of missing) {
      const left = slots.slice(picked.get(agent) ?? 0);
      if (left.length > 0) rest.set(agent, left);
    }
    const got = await pickRandom(tx, target, rest);
    for (const [agent, n] of got) {
      const labels = rest.get(agent)?.slice(0, n) ?? [];
      add(picked, agent, n);
      for (const s of labels) byStrategy[s.strategy] = (byStrategy[s.strategy] ?? 0) + 1;
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
    const got = await pickQueueCount(
      tx,
      target,
      { key, queueId: rule.queue_id, count: rule.count - (have?.n ?? 0) },
      onShift,
    );
    for (const [, n] of got) byStrategy.quantitative = (byStrategy.quantitative ?? 0) + n;
  }

  const placement = await place(tx, plan, day, runId);
  const created = Object.values(byStrategy).reduce((a, b) => a + b, 0);
  const agentsShort = agents
    .filter((a) => (missing.get(a.agent_id)?.length ?? 0) > (picked.get(a.agent_id) ?? 0))
    .map((a) => ({
      agent_id: a.agent_id,
      username: a.username,
      display_name: a.display_name,
      needed: (missing.get(a.agent_id)?.length ?? 0) - (picked.get(a.agent_id) ?? 0),
      available: Math.max(0, a.interactions - a.picked_all - (picked.get(a.agent_id) ?? 0)),
    }));
  return {
    on_shift: agents.length,
    roster,
    interactions: agents.reduce((s, a) => s + a.interactions, 0),
    needed,
    created,
    by_strategy: byStrategy,
    placed_overflow: placement.placedOverflow,
    overflow: placement.overflow,
    agents_short: agentsShort,
    per_inspector: placement.perInspector,
    no_inspectors: placement.perInspector.length === 0,
  };
}

/** Places the day's unassigned contacts (earlier overflow first) with the plan's inspectors. */
async function place(
  tx: DbOrTx,
  plan: Plan,
  day: Day,
  runId: number,
): Promise<{ placedOverflow: number; overflow: number; perInspector: TRunSummary['per_inspector'] }> {
  const inspectors = await loadInspectors(tx, plan, day.date);
  const open = await queryRows<{ id: string | number; agent_id: number; run_id: number | null }>(
    tx,
    sql`select id, agent_id, run_id from assignments
        where date = ${day.date}::date and status = 'unassigned' order by id`,
  );
  const contacts = open.map((o) => ({ id: Number(o.id), agent_id: o.agent_id }));
  const result = distribute(contacts, inspectors);
  if (result.placed.size > 0) {
    const rows = [...result.placed].map(([id, assignee]) => ({ id, assignee }));
    await tx.execute(sql`
      update assignments a set assignee_id = v.assignee, status = 'pending', updated_at = now(),
        version = a.version + 1
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id bigint, assignee int)
      where a.id = v.id and a.status = 'unassigned'`);
  }
  const earlier = new Set(open.filter((o) => o.run_id !== runId).map((o) => Number(o.id)));
  return {
    placedOverflow: [...result.placed.keys()].filter((id) => earlier.has(id)).length,
    overflow: result.overflow.length,
    perInspector: inspectors.map((i) => ({
      user_id: i.id,
      username: i.username,
      display_name: i.display_name,
      capacity: i.capacity,
      before: i.load,
      assigned: result.added.get(i.id) ?? 0,
      total: i.load + (result.added.get(i.id) ?? 0),
    })),
  };
}

type AssignmentRow = Omit<TAssignment, 'id' | 'interaction_id'> & {
  id: string | number;
  interaction_id: string | number;
};

async function assignmentsOfRun(tx: DbOrTx, runId: number): Promise<TAssignment[]> {
  const rows = await queryRows<AssignmentRow>(
    tx,
    sql`select id, interaction_id, agent_id, assignee_id, date::text as date, due_date::text as due_date, status,
          strategy, rule, run_id
        from assignments where run_id = ${runId} order by id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), interaction_id: Number(r.interaction_id) }));
}
