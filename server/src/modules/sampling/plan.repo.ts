import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import {
  DEFAULT_PLAN,
  type PlanStatus,
  type TPlanConfig,
  type TSamplingPlan,
  ZPlanConfig,
} from '../../../../shared/schemas/sampling.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';

export type PlanRow = {
  id: number;
  name: string;
  status: PlanStatus;
  month: string | null;
  daily_min: number;
  monthly_min: number;
  config: unknown;
  proposal: unknown;
  created_by: number | null;
  created_at: Date | string;
  updated_at: Date | string;
  activated_at: Date | string | null;
  activated_by: number | null;
  version: number;
};

/** A plan as the run and the services use it: the config parsed. */
export type Plan = Omit<TSamplingPlan, 'config'> & { config: TPlanConfig };

export const SELECT_PLAN = sql`
  select id, name, status, month, daily_min, monthly_min, config, proposal, created_by, created_at,
    updated_at, activated_at, activated_by, version
  from sampling_plans`;

const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * Row → API shape. The stored config went through `ZPlanConfig` when written; parsing again fills
 * defaults added since and fails loudly (500, logged) if something else wrote a broken document.
 */
export function presentPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    month: row.month,
    daily_min: row.daily_min,
    monthly_min: row.monthly_min,
    config: ZPlanConfig.parse(row.config),
    proposal: row.proposal ?? null,
    created_by: row.created_by,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    activated_at: row.activated_at === null ? null : iso(row.activated_at),
    activated_by: row.activated_by,
    version: row.version,
  };
}

export async function findPlan(db: DbOrTx, id: number, lock = false): Promise<PlanRow | null> {
  const rows = await queryRows<PlanRow>(
    db,
    sql`${SELECT_PLAN} where id = ${id}${lock ? sql` for update` : sql``}`,
  );
  return rows[0] ?? null;
}

/**
 * The active plan; on a fresh install the default one (3 a day, 20 a month, random, every active
 * `qa` user, capacity 60) is created first. Race-safe: concurrent callers insert against the
 * one-active unique index with ON CONFLICT DO NOTHING and then all read the winner.
 */
export async function ensureActivePlan(db: DbOrTx): Promise<Plan> {
  const existing = await queryRows<PlanRow>(db, sql`${SELECT_PLAN} where status = 'active'`);
  if (existing[0]) return presentPlan(existing[0]);
  const created = await db.transaction(async (tx) => {
    const rows = await queryRows<PlanRow>(
      tx,
      sql`insert into sampling_plans (name, status, daily_min, monthly_min, config, activated_at)
          values (${DEFAULT_PLAN.name}, 'active', ${DEFAULT_PLAN.daily_min}, ${DEFAULT_PLAN.monthly_min},
            ${JSON.stringify(DEFAULT_PLAN.config)}::jsonb, now())
          on conflict (status) where status = 'active' do nothing
          returning id, name, status, month, daily_min, monthly_min, config, proposal, created_by, created_at,
            updated_at, activated_at, activated_by, version`,
    );
    const row = rows[0];
    if (row) {
      await recordAudit(tx, SYSTEM_CONTEXT, {
        action: 'sampling_plan.create_default',
        entityType: 'sampling_plan',
        entityId: row.id,
        after: presentPlan(row),
      });
    }
    return row ?? null;
  });
  if (created) return presentPlan(created);
  const winner = await queryRows<PlanRow>(db, sql`${SELECT_PLAN} where status = 'active'`);
  if (!winner[0]) throw new Error('no active sampling plan after creating the default');
  return presentPlan(winner[0]);
}

/** The audit context of work the system does by itself (default plan, scheduled runs). */
export const SYSTEM_CONTEXT: AuditContext = { actorId: null, actorUsername: 'system', ip: null };
