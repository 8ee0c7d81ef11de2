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
  if (!row) {
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
  return { ...row, config: ZPlanConfig.parse(row.config) };
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
