import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { DEFAULT_PLAN, type TPlanConfig, ZPlanConfig } from '../../../../shared/schemas/sampling.ts';

/** The plan whose quotas the board applies and the proposal starts from. */
export type ActivePlan = {
  /** null: no plan row is active; the defaults of a fresh install apply. */
  id: number | null;
  name: string;
  version: number | null;
  month: string | null;
  daily_min: number;
  monthly_min: number;
  config: TPlanConfig;
};

type PlanRow = {
  id: number;
  name: string;
  version: number;
  month: string | null;
  daily_min: number;
  monthly_min: number;
  config: unknown;
};

/**
 * The active sampling plan (clauses 3, 4.5 quotas), its config read through the shared schema. With
 * no active plan the defaults of a fresh install apply (3 a day, 20 a month), so the board still
 * measures against the regulation's minimums.
 */
export async function loadActivePlan(db: DbOrTx): Promise<ActivePlan> {
  const [row] = await queryRows<PlanRow>(
    db,
    sql`select id, name, version, month, daily_min, monthly_min, config
        from sampling_plans where status = 'active' limit 1`,
  );
  if (!row) return defaultPlan();
  return { ...row, config: ZPlanConfig.parse(row.config) };
}

/** The defaults of a fresh install, as the plan in force where no plan row was (yet). */
function defaultPlan(): ActivePlan {
  return {
    id: null,
    name: DEFAULT_PLAN.name,
    version: null,
    month: null,
    daily_min: DEFAULT_PLAN.daily_min,
    monthly_min: DEFAULT_PLAN.monthly_min,
    config: ZPlanConfig.parse(DEFAULT_PLAN.config),
  };
}

/**
 * The plan version that was in force at `at`, from the plan history in the audit trail: the plan
 * of the last activation before `at` (`sampling_plan.activate`, or the default plan's creation),
 * as its last recorded version before `at` (every create, update, activation and proposal entry
 * carries the whole plan in `after`). Before any plan was active the defaults of a fresh install
 * applied, as they do for `loadActivePlan`.
 */
export async function loadPlanInForce(db: DbOrTx, at: Date): Promise<ActivePlan> {
  const [row] = await queryRows<{ after: PlanRow | null }>(
    db,
    sql`with activated as (
          select entity_id from audit_log
          where entity_type = 'sampling_plan'
            and action in ('sampling_plan.activate', 'sampling_plan.create_default')
            and at < ${at.toISOString()}::timestamptz
          order by at desc, id desc limit 1)
        select a.after from audit_log a join activated using (entity_id)
        where a.entity_type = 'sampling_plan' and a.at < ${at.toISOString()}::timestamptz
          and a.after ? 'config' and a.after ? 'version'
        order by a.at desc, a.id desc limit 1`,
  );
  const plan = row?.after;
  if (!plan) return defaultPlan();
  return {
    id: Number(plan.id),
    name: plan.name,
    version: plan.version,
    month: plan.month ?? null,
    daily_min: plan.daily_min,
    monthly_min: plan.monthly_min,
    config: ZPlanConfig.parse(plan.config),
  };
}

/** The plan as the board shows it (without the config document). */
export function presentPlan(plan: ActivePlan): {
  id: number | null;
  name: string;
  version: number | null;
  month: string | null;
  daily_min: number;
  monthly_min: number;
} {
  return {
    id: plan.id,
    name: plan.name,
    version: plan.version,
    month: plan.month,
    daily_min: plan.daily_min,
    monthly_min: plan.monthly_min,
  };
}
