import { sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import {
  PROPOSAL_DEFAULTS,
  type TMonthlyPlan,
  type TProposal,
  type TProposalAgent,
  type TProposalItem,
  type TProposalQueue,
  type TProposeRequest,
  previousMonth,
} from '../../../../shared/schemas/compliance.ts';
import {
  SAMPLING_LIMITS,
  type TAgentOverride,
  type TGeneratedNote,
  type TPlanConfig,
  type TTargetedRule,
  ZPlanConfig,
  effectiveDailyMin,
  generatedNoteText,
} from '../../../../shared/schemas/sampling.ts';
import { type AuditContext, type AuditEvent, recordAudits } from '../audit/audit.service.ts';
import { ensureActivePlan } from '../sampling/plan.repo.ts';
import { toInterval } from './compliance.board.ts';
import { addDays, monthBounds } from './compliance.dates.ts';
import { type ActivePlan, loadActivePlan } from './compliance.plan.ts';
import { findMonthlyPlan } from './compliance.plans.ts';
import {
  type AgentResultRow,
  type QueueResultRow,
  agentResults,
  centerResults,
  itemFailsByQueue,
  itemResults,
  queueResults,
} from './compliance.results.ts';

/** Arbitrary constant: the transaction-scoped advisory lock that makes one proposal per month at a time. */
const PROPOSAL_LOCK = 7_246_101;

type Thresholds = TProposal['thresholds'];

export type ProposeOptions = {
  month: string;
  replace: boolean;
  trigger: 'manual' | 'schedule';
  createdBy: number | null;
  thresholds?: Partial<Pick<Thresholds, 'min_pass_rate' | 'max_fatal_rate' | 'extra_daily' | 'top_items'>>;
  now?: Date;
};

const rate = (r: { n: number; passed: number }) => (r.n > 0 ? r.passed / r.n : null);

/**
 * Why a CSR is weak last month: below the pass mark, a low pass rate, a share of checks with a
 * fatal error above `max_fatal_rate`.
 */
export function weakReasons(
  r: Pick<AgentResultRow, 'n' | 'mean' | 'pass_mark' | 'passed' | 'fatal'>,
  t: Pick<Thresholds, 'min_pass_rate' | 'max_fatal_rate'>,
): TProposalAgent['reasons'] {
  const reasons: TProposalAgent['reasons'] = [];
  if (r.n === 0) return reasons;
  if (r.mean !== null && r.pass_mark !== null && r.mean < r.pass_mark) reasons.push('below_pass_mark');
  if (r.passed / r.n < t.min_pass_rate) reasons.push('low_pass_rate');
  if (r.fatal > 0 && r.fatal / r.n > (t.max_fatal_rate ?? 0)) reasons.push('fatal_errors');
  return reasons;
}

function queueReasons(q: QueueResultRow, t: Thresholds): TProposalQueue['reasons'] {
  if (q.n < t.min_queue_checks) return [];
  const reasons: TProposalQueue['reasons'] = [];
  if (q.mean !== null && q.pass_mark !== null && q.mean < q.pass_mark) reasons.push('below_pass_mark');
  if (q.passed / q.n < t.min_pass_rate) reasons.push('low_pass_rate');
  return reasons;
}

/**
 * An override's reason with this month's generated note appended: the reason stays free text, and
 * `generated` lists the notes its unedited end was written from (earlier months' ones are kept while
 * that end is still untouched), so the app can show them in the user's language.
 */
export function appendGenerated(
  existing: TAgentOverride | undefined,
  note: TGeneratedNote,
): Pick<TAgentOverride, 'reason' | 'generated'> {
  const text = generatedNoteText([note]);
  if (!existing?.reason) return { reason: text, generated: [note] };
  const earlier = existing.generated ?? [];
  const kept = earlier.length > 0 && existing.reason.endsWith(generatedNoteText(earlier)) ? earlier : [];
  const generated = [...kept, note].slice(-24);
  const reason = `${existing.reason}; ${text}`;
  // Too long to keep: the earliest text goes, the generated end stays whole.
  const max = SAMPLING_LIMITS.reasonMax;
  if (reason.length <= max) return { reason, generated };
  const tail = generatedNoteText(generated);
  return tail.length <= max ? { reason: tail, generated } : { reason: text.slice(0, max), generated: [note] };
}

/**
 * Builds the month's targeted plan from last month's results (clause 4.3), without saving it:
 * weak CSRs get a higher daily quota (agent overrides with the reasons), the queues where the
 * most-failed items failed most and other weak queues become targeted queue rules, and new hires get
 * extra checks when the plan has no new-hire rule yet. The base is the active plan's config.
 */
export async function buildProposal(
  db: DbOrTx,
  base: ActivePlan,
  options: ProposeOptions,
): Promise<{ config: TPlanConfig; proposal: TProposal }> {
  const t: Thresholds = {
    min_pass_rate: options.thresholds?.min_pass_rate ?? PROPOSAL_DEFAULTS.min_pass_rate,
    max_fatal_rate: options.thresholds?.max_fatal_rate ?? PROPOSAL_DEFAULTS.max_fatal_rate,
    extra_daily: options.thresholds?.extra_daily ?? PROPOSAL_DEFAULTS.extra_daily,
    top_items: options.thresholds?.top_items ?? PROPOSAL_DEFAULTS.top_items,
    queue_picks: PROPOSAL_DEFAULTS.queue_picks,
    min_queue_checks: PROPOSAL_DEFAULTS.min_queue_checks,
  };
  const last = previousMonth(options.month);
  const [agentRows, items, queueRows, center] = await Promise.all([
    agentResults(db, last),
    itemResults(db, last),
    queueResults(db, last),
    centerResults(db, last),
  ]);

  // Weak CSRs → overrides (the larger daily quota wins over an existing override).
  const overrides = new Map<number, TAgentOverride>(base.config.agent_overrides.map((o) => [o.agent_id, o]));
  const agents: TProposalAgent[] = [];
  for (const r of agentRows) {
    const reasons = weakReasons(r, t);
    if (reasons.length === 0) continue;
    const before = effectiveDailyMin(base, r.agent_id);
    const after = Math.min(SAMPLING_LIMITS.dailyMinMax, Math.max(before, base.daily_min + t.extra_daily));
    const existing = overrides.get(r.agent_id);
    overrides.set(r.agent_id, {
      agent_id: r.agent_id,
      daily_min: Math.max(after, existing?.daily_min ?? 0),
      ...appendGenerated(existing, {
        kind: 'weak_agent',
        month: last,
        reasons,
        average: r.mean === null ? null : Math.round(r.mean * 10) / 10,
        pass_mark: r.pass_mark === null ? null : Math.round(r.pass_mark * 10) / 10,
        evaluations: r.n,
        fatal: r.fatal,
      }),
    });
    agents.push({
      agent_id: r.agent_id,
      agent: r.agent,
      display_name: r.display_name,
      team: r.team,
      reasons,
      score: toInterval(r),
      pass_mark: r.pass_mark,
      pass_rate: rate(r),
      fatal_count: r.fatal,
      daily_min_before: before,
      daily_min_after: after,
    });
  }

  // Most-failed items, each with the queue where it failed most.
  const top = items.filter((i) => i.fails > 0).slice(0, t.top_items);
  const byQueue = await itemFailsByQueue(
    db,
    last,
    top.map((i) => i.item_key),
  );
  const queueInfo = new Map(queueRows.map((q) => [q.queue_id, q]));
  const proposalItems: TProposalItem[] = top.map((i) => {
    const worst = byQueue.find((b) => b.item_key === i.item_key);
    return {
      item_key: i.item_key,
      text: i.text,
      form: i.form,
      category: i.category,
      fatal: i.fatal,
      answered: i.answered,
      fails: i.fails,
      fail_rate: i.answered > 0 ? i.fails / i.answered : 0,
      queue_id: worst?.queue_id ?? null,
      queue: worst ? (queueInfo.get(worst.queue_id)?.name ?? null) : null,
    };
  });

  // Queues: where targeted items failed most, and queues weak on their own.
  const itemFails = new Map<number, number>();
  for (const i of proposalItems) {
    if (i.queue_id === null) continue;
    const fails = byQueue
      .filter((b) => b.queue_id === i.queue_id && top.some((x) => x.item_key === b.item_key))
      .reduce((s, b) => s + b.fails, 0);
    itemFails.set(i.queue_id, fails);
  }
  const targeted: TTargetedRule[] = [...base.config.strategies.targeted];
  const queues: TProposalQueue[] = [];
  for (const q of queueRows) {
    const reasons = queueReasons(q, t);
    if (itemFails.has(q.queue_id)) reasons.unshift('failed_items');
    if (reasons.length === 0) continue;
    const existing = targeted.find((r) => r.kind === 'queue' && r.queue_id === q.queue_id && r.enabled);
    let ruleId = existing?.id ?? `m${options.month}-queue-${q.queue_id}`;
    const canAdd =
      !existing && targeted.length + base.config.strategies.quantitative.length < SAMPLING_LIMITS.rulesMax;
    if (canAdd) {
      if (targeted.some((r) => r.id === ruleId)) ruleId = `${ruleId}-${targeted.length}`;
      const generated: TGeneratedNote[] = [{ kind: 'weak_queue', month: last, reasons }];
      targeted.push({
        id: ruleId,
        kind: 'queue',
        queue_id: q.queue_id,
        picks: t.queue_picks,
        enabled: true,
        note: generatedNoteText(generated),
        generated,
      });
    }
    queues.push({
      queue_id: q.queue_id,
      code: q.code,
      name: q.name,
      reasons,
      score: toInterval(q),
      pass_mark: q.pass_mark,
      pass_rate: rate(q),
      item_fails: itemFails.get(q.queue_id) ?? 0,
      rule_id: ruleId,
      rule_added: canAdd,
    });
  }

  // New hires (clause 4.3 targets them; the probation lasts about three months).
  const hasNewHireRule = targeted.some((r) => r.kind === 'new_hire' && r.enabled);
  const { first } = monthBounds(options.month);
  const since = addDays(first, -PROPOSAL_DEFAULTS.new_hire_days);
  const hires = await queryRows<{ agent_id: number; agent: string; display_name: string; hire_date: string }>(
    db,
    sql`select id as agent_id, username as agent, display_name, hire_date::text as hire_date from users
        where active and 'agent' = any(roles) and hire_date is not null and hire_date >= ${since}::date
        order by hire_date, display_name`,
  );
  const addNewHireRule =
    !hasNewHireRule &&
    hires.length > 0 &&
    targeted.length + base.config.strategies.quantitative.length < SAMPLING_LIMITS.rulesMax;
  if (addNewHireRule) {
    const generated: TGeneratedNote[] = [{ kind: 'new_hires', count: hires.length, since }];
    targeted.push({
      id: `m${options.month}-new-hire`,
      kind: 'new_hire',
      within_days: PROPOSAL_DEFAULTS.new_hire_days,
      extra: PROPOSAL_DEFAULTS.new_hire_extra,
      enabled: true,
      note: generatedNoteText(generated),
      generated,
    });
  }

  const config = ZPlanConfig.parse({
    ...base.config,
    agent_overrides: [...overrides.values()],
    strategies: { ...base.config.strategies, targeted },
  });
  const proposal: TProposal = {
    kind: 'monthly_targeted',
    month: options.month,
    based_on: last,
    generated_at: (options.now ?? new Date()).toISOString(),
    trigger: options.trigger,
    base_plan: { id: base.id, name: base.name, version: base.version },
    thresholds: t,
    center: { score: toInterval(center), pass_rate: rate(center), agents: center.agents },
    agents,
    items: proposalItems,
    queues,
    new_hires: {
      within_days: PROPOSAL_DEFAULTS.new_hire_days,
      extra: PROPOSAL_DEFAULTS.new_hire_extra,
      rule_added: addNewHireRule,
      agents: hires,
    },
  };
  return { config, proposal };
}

/**
 * Proposes and saves the month's targeted plan (status `proposed`); the QA lead reviews and
 * activates it (POST /api/v1/sampling/plans/{id}/activate). One open proposal per month: another
 * one answers 409 unless `replace` archives it first. Serialized by an advisory lock, so the
 * scheduled proposal and a manual one never both land. Audited in the same transaction.
 * @returns null in `quiet` mode (the scheduler) when the month has any plan already, or last month
 *   has no checks to build one from.
 */
export async function saveProposal(
  db: Db,
  ctx: AuditContext,
  options: ProposeOptions & { quiet?: boolean },
): Promise<TMonthlyPlan | null> {
  // A fresh install gets its default plan first (as every sampling path does), so the proposal
  // names the plan it was built from.
  await ensureActivePlan(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PROPOSAL_LOCK})`);
    // Month-wide aggregates: JIT compilation would cost more than the statements (see readSnapshot).
    await tx.execute(sql`set local jit = off`);
    const open = await queryRows<{ id: number; version: number; name: string }>(
      tx,
      sql`select id, version, name from sampling_plans where month = ${options.month} and status = 'proposed' order by id`,
    );
    if (options.quiet) {
      // The scheduled proposal: once per month, and never over a plan someone already made for it.
      const any = await queryRows<{ id: number }>(
        tx,
        sql`select id from sampling_plans where month = ${options.month} limit 1`,
      );
      if (any.length > 0) return null;
    }
    if (open.length > 0 && !options.replace) {
      throw new AppError(
        'conflict',
        `A plan for ${options.month} is already proposed; review it, or propose again to replace it.`,
        { plan_id: open[0]?.id },
      );
    }
    const base = await loadActivePlan(tx);
    const { config, proposal } = await buildProposal(tx, base, options);
    // Nothing checked last month: nothing to target. Only the QA lead may still ask for a plan.
    if (options.quiet && proposal.center.score.n === 0) return null;
    for (const old of open) {
      await tx.execute(sql`update sampling_plans set status = 'archived', updated_at = now(), version = version + 1
        where id = ${old.id}`);
    }
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`insert into sampling_plans (name, status, month, daily_min, monthly_min, config, proposal, created_by)
          values (${`Monthly targeted plan ${options.month}`}, 'proposed', ${options.month}, ${base.daily_min},
            ${base.monthly_min}, ${JSON.stringify(config)}::jsonb, ${JSON.stringify(proposal)}::jsonb,
            ${options.createdBy})
          returning id`,
    );
    if (!row) throw new Error('proposal not saved');
    const plan = await findMonthlyPlan(tx, row.id);
    if (!plan) throw new Error('saved proposal vanished');
    await recordAudits(tx, ctx, [
      ...open.map((old): AuditEvent => ({
        action: 'sampling_plan.archive',
        entityType: 'sampling_plan',
        entityId: old.id,
        before: { status: 'proposed', version: old.version },
        after: { status: 'archived', version: old.version + 1, replaced_by: row.id },
      })),
      {
        action: 'sampling_plan.propose',
        entityType: 'sampling_plan',
        entityId: row.id,
        after: { ...plan, config },
      },
    ]);
    return plan;
  });
}

/** POST /api/v1/compliance/proposals: the QA lead (or administrator) proposes a month's plan. */
export async function proposeMonthlyPlan(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  input: TProposeRequest,
): Promise<TMonthlyPlan> {
  authorize(actor, 'compliance.propose');
  const plan = await saveProposal(db, ctx, {
    month: input.month,
    replace: input.replace,
    trigger: 'manual',
    createdBy: actor.id,
    thresholds: {
      min_pass_rate: input.min_pass_rate,
      max_fatal_rate: input.max_fatal_rate,
      extra_daily: input.extra_daily,
      top_items: input.top_items,
    },
  });
  if (!plan) throw new Error('proposal not saved');
  return plan;
}
