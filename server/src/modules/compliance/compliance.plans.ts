import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import { type TMonthlyPlan, ZProposal } from '../../../../shared/schemas/compliance.ts';

type MonthlyPlanRow = {
  id: number;
  name: string;
  status: TMonthlyPlan['status'];
  month: string | null;
  daily_min: number;
  monthly_min: number;
  version: number;
  created_at: Date | string;
  created_by_name: string | null;
  activated_at: Date | string | null;
  activated_by_name: string | null;
  overrides: number;
  targeted_rules: number;
  proposal: unknown;
};

const SELECT = sql`
  select p.id, p.name, p.status, p.month, p.daily_min, p.monthly_min, p.version, p.created_at,
    cu.display_name as created_by_name, p.activated_at, au.display_name as activated_by_name,
    coalesce(jsonb_array_length(p.config -> 'agent_overrides'), 0)::int as overrides,
    coalesce(jsonb_array_length(p.config -> 'strategies' -> 'targeted'), 0)::int as targeted_rules,
    p.proposal
  from sampling_plans p
  left join users cu on cu.id = p.created_by
  left join users au on au.id = p.activated_by`;

const iso = (v: Date | string) => new Date(v).toISOString();

function present(row: MonthlyPlanRow): TMonthlyPlan {
  const proposal = ZProposal.safeParse(row.proposal);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    month: row.month,
    daily_min: row.daily_min,
    monthly_min: row.monthly_min,
    version: row.version,
    created_at: iso(row.created_at),
    created_by_name: row.created_by_name,
    activated_at: row.activated_at === null ? null : iso(row.activated_at),
    activated_by_name: row.activated_by_name,
    overrides: row.overrides,
    targeted_rules: row.targeted_rules,
    proposal: proposal.success ? proposal.data : null,
  };
}

async function select(db: DbOrTx, where: SQL): Promise<TMonthlyPlan[]> {
  const rows = await queryRows<MonthlyPlanRow>(db, sql`${SELECT} where ${where} order by p.id desc`);
  return rows.map(present);
}

export async function findMonthlyPlan(db: DbOrTx, id: number): Promise<TMonthlyPlan | null> {
  return (await select(db, sql`p.id = ${id}`))[0] ?? null;
}

/** The plans made for a month (proposals, the activated one, archived ones), newest first. */
export async function listMonthlyPlans(db: DbOrTx, actor: Actor, month: string): Promise<TMonthlyPlan[]> {
  authorize(actor, 'compliance.plans');
  return select(db, sql`p.month = ${month}`);
}

/**
 * The targeted plan that stands for a month: the one activated for it (the newest activation), else
 * the newest proposal that carries a proposal document.
 */
export async function planOfMonth(db: DbOrTx, month: string): Promise<TMonthlyPlan | null> {
  const plans = (await select(db, sql`p.month = ${month}`)).filter((p) => p.proposal !== null);
  const activated = plans
    .filter((p) => p.activated_at !== null)
    .sort((a, b) => (b.activated_at ?? '').localeCompare(a.activated_at ?? ''));
  return activated[0] ?? plans.find((p) => p.status === 'proposed') ?? plans[0] ?? null;
}
