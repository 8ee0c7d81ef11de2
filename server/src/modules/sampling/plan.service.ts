import { sql } from 'drizzle-orm';
import { type Db, type DbOrTx, isUniqueViolation, queryRows } from '../../db/client.ts';
import { AppError, notFound, staleWrite } from '../../errors.ts';
import { encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type {
  TCreatePlanRequest,
  TPlanConfig,
  TSamplingPlan,
  TUpdatePlanRequest,
} from '../../../../shared/schemas/sampling.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import {
  type Plan,
  type PlanRow,
  SELECT_PLAN,
  ensureActivePlan,
  findPlan,
  presentPlan,
} from './plan.repo.ts';

type Issue = { path: (string | number)[]; message: string };

const ids = (values: number[]) => sql`${`{${[...new Set(values)].join(',')}}`}::int[]`;

/**
 * Checks what zod cannot: listed inspectors are active `qa` users, overrides and agent rules name
 * existing users, queue and team rules existing queues and teams.
 * @throws AppError validation_failed (400) with the paths of every bad reference.
 */
async function assertReferences(db: DbOrTx, config: TPlanConfig): Promise<void> {
  const issues: Issue[] = [];
  const inspectorIds = config.inspectors.listed.map((l) => l.user_id);
  const userIds = [
    ...inspectorIds,
    ...config.agent_overrides.map((o) => o.agent_id),
    ...config.strategies.quantitative.flatMap((r) => (r.scope === 'agent' ? [r.agent_id] : [])),
  ];
  const queueIds = [
    ...config.strategies.targeted.flatMap((r) => (r.kind === 'queue' ? [r.queue_id] : [])),
    ...config.strategies.quantitative.flatMap((r) => (r.scope === 'queue' ? [r.queue_id] : [])),
  ];
  const teamIds = config.strategies.quantitative.flatMap((r) => (r.scope === 'team' ? [r.team_id] : []));
  // One after another: inside a transaction they share one connection.
  const users = await queryRows<{ id: number; inspector: boolean }>(
    db,
    sql`select id, (active and 'qa' = any(roles)) as inspector from users where id = any(${ids(userIds)})`,
  );
  const queues = await queryRows<{ id: number }>(
    db,
    sql`select id from queues where id = any(${ids(queueIds)})`,
  );
  const teams = await queryRows<{ id: number }>(
    db,
    sql`select id from teams where id = any(${ids(teamIds)})`,
  );
  const userById = new Map(users.map((u) => [u.id, u]));
  const queueSet = new Set(queues.map((q) => q.id));
  const teamSet = new Set(teams.map((t) => t.id));
  config.inspectors.listed.forEach((l, i) => {
    if (!userById.get(l.user_id)?.inspector)
      issues.push({
        path: ['config', 'inspectors', 'listed', i, 'user_id'],
        message: 'not an active QA inspector',
      });
  });
  config.agent_overrides.forEach((o, i) => {
    if (!userById.has(o.agent_id))
      issues.push({ path: ['config', 'agent_overrides', i, 'agent_id'], message: 'no such user' });
  });
  config.strategies.targeted.forEach((r, i) => {
    if (r.kind === 'queue' && !queueSet.has(r.queue_id))
      issues.push({ path: ['config', 'strategies', 'targeted', i, 'queue_id'], message: 'no such queue' });
  });
  config.strategies.quantitative.forEach((r, i) => {
    const path = ['config', 'strategies', 'quantitative', i];
    if (r.scope === 'agent' && !userById.has(r.agent_id))
      issues.push({ path: [...path, 'agent_id'], message: 'no such user' });
    if (r.scope === 'team' && !teamSet.has(r.team_id))
      issues.push({ path: [...path, 'team_id'], message: 'no such team' });
    if (r.scope === 'queue' && !queueSet.has(r.queue_id))
      issues.push({ path: [...path, 'queue_id'], message: 'no such queue' });
  });
  const first = issues[0];
  if (first)
    throw new AppError(
      'validation_failed',
      `Invalid plan. ${first.path.join('.')}: ${first.message}`,
      issues,
    );
}

export async function listPlans(
  db: Db,
  actor: Actor,
  query: { limit: number; cursor?: string },
): Promise<{ items: TSamplingPlan[]; total: number; next_cursor: string | null }> {
  authorize(actor, 'sampling.plans.read');
  await ensureActivePlan(db);
  // Active first, then proposals, then the archive, newest first within each.
  const rank = sql`(case status when 'active' then 0 when 'proposed' then 1 else 2 end)`;
  const page = keyset({ expr: sql`(${rank} * -1)`, type: 'int' }, sql`id`, 'desc', query.cursor);
  const rows = await queryRows<PlanRow & { rank: number }>(
    db,
    sql`select * from (${SELECT_PLAN}) p where ${page.after} order by ${page.orderBy} limit ${query.limit + 1}`,
  );
  const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from sampling_plans`);
  const statusRank = (s: string) => (s === 'active' ? 0 : s === 'proposed' ? 1 : 2);
  const p = pageOf(rows, query.limit, (r) => encodeCursor(-statusRank(r.status), r.id));
  return { items: p.items.map(presentPlan), total: count?.n ?? 0, next_cursor: p.next_cursor };
}

export async function getPlan(db: Db, actor: Actor, id: number): Promise<Plan> {
  authorize(actor, 'sampling.plans.read');
  await ensureActivePlan(db);
  const row = await findPlan(db, id);
  if (!row) throw notFound('sampling plan');
  return presentPlan(row);
}

export async function getActivePlan(db: Db, actor: Actor): Promise<Plan> {
  authorize(actor, 'sampling.plans.read');
  return ensureActivePlan(db);
}

/** A new plan, `proposed` (a draft beside the active one) until the QA lead activates it. */
export async function createPlan(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  input: TCreatePlanRequest,
): Promise<Plan> {
  authorize(actor, 'sampling.plans.manage');
  await ensureActivePlan(db);
  return db.transaction(async (tx) => {
    await assertReferences(tx, input.config);
    const [row] = await queryRows<PlanRow>(
      tx,
      sql`insert into sampling_plans (name, status, month, daily_min, monthly_min, config, created_by)
          values (${input.name}, 'proposed', ${input.month ?? null}, ${input.daily_min}, ${input.monthly_min},
            ${JSON.stringify(input.config)}::jsonb, ${actor.id})
          returning id`,
    );
    const created = row && (await findPlan(tx, row.id));
    if (!created) throw new Error('created plan vanished');
    const plan = presentPlan(created);
    await recordAudit(tx, ctx, {
      action: 'sampling_plan.create',
      entityType: 'sampling_plan',
      entityId: plan.id,
      after: plan,
    });
    return plan;
  });
}

/** Edits a plan (active or proposed; the archive is history). Optimistic: a stale version is 409. */
export async function updatePlan(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: TUpdatePlanRequest,
): Promise<Plan> {
  authorize(actor, 'sampling.plans.manage');
  return db.transaction(async (tx) => {
    const beforeRow = await findPlan(tx, id, true);
    if (!beforeRow) throw notFound('sampling plan');
    if (beforeRow.version !== input.version) throw staleWrite('sampling plan');
    if (beforeRow.status === 'archived')
      throw new AppError('conflict', 'An archived plan is history and cannot be edited; copy it instead.');
    if (input.config) await assertReferences(tx, input.config);
    await tx.execute(sql`
      update sampling_plans set
        name = coalesce(${input.name ?? null}, name),
        daily_min = coalesce(${input.daily_min ?? null}::int, daily_min),
        monthly_min = coalesce(${input.monthly_min ?? null}::int, monthly_min),
        config = coalesce(${input.config ? JSON.stringify(input.config) : null}::jsonb, config),
        updated_at = now(), version = version + 1
      where id = ${id}`);
    const afterRow = await findPlan(tx, id);
    if (!afterRow) throw new Error('updated plan vanished');
    const before = presentPlan(beforeRow);
    const after = presentPlan(afterRow);
    await recordAudit(tx, ctx, {
      action: 'sampling_plan.update',
      entityType: 'sampling_plan',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** Makes a plan the active one; the previous active plan is archived in the same transaction. */
export async function activatePlan(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  version: number | undefined,
): Promise<Plan> {
  authorize(actor, 'sampling.plans.manage');
  await ensureActivePlan(db);
  try {
    return await db.transaction(async (tx) => {
      const target = await findPlan(tx, id, true);
      if (!target) throw notFound('sampling plan');
      if (version !== undefined && target.version !== version) throw staleWrite('sampling plan');
      if (target.status === 'active') return presentPlan(target);
      const previous = await queryRows<PlanRow>(tx, sql`${SELECT_PLAN} where status = 'active' for update`);
      await tx.execute(sql`
        update sampling_plans set status = 'archived', updated_at = now(), version = version + 1
        where status = 'active'`);
      await tx.execute(sql`
        update sampling_plans set status = 'active', activated_at = now(), activated_by = ${actor.id},
          updated_at = now(), version = version + 1
        where id = ${id}`);
      const activated = await findPlan(tx, id);
      if (!activated) throw new Error('activated plan vanished');
      const plan = presentPlan(activated);
      await recordAudit(tx, ctx, {
        action: 'sampling_plan.activate',
        entityType: 'sampling_plan',
        entityId: id,
        before: { plan: presentPlan(target), previous_active: previous.map((p) => p.id) },
        after: plan,
      });
      return plan;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('conflict', 'Another plan was activated at the same time. Reload and try again.');
    throw err;
  }
}

/** Discards a proposed plan (or re-archives nothing): the active plan can only be replaced. */
export async function archivePlan(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  version: number | undefined,
): Promise<Plan> {
  authorize(actor, 'sampling.plans.manage');
  return db.transaction(async (tx) => {
    const before = await findPlan(tx, id, true);
    if (!before) throw notFound('sampling plan');
    if (version !== undefined && before.version !== version) throw staleWrite('sampling plan');
    if (before.status === 'active')
      throw new AppError('conflict', 'The active plan cannot be archived; activate another plan instead.');
    if (before.status === 'archived') return presentPlan(before);
    await tx.execute(sql`
      update sampling_plans set status = 'archived', updated_at = now(), version = version + 1 where id = ${id}`);
    const after = await findPlan(tx, id);
    if (!after) throw new Error('archived plan vanished');
    const plan = presentPlan(after);
    await recordAudit(tx, ctx, {
      action: 'sampling_plan.archive',
      entityType: 'sampling_plan',
      entityId: id,
      before: presentPlan(before),
      after: plan,
    });
    return plan;
  });
}
