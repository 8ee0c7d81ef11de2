import type { TMe } from '../../../../shared/schemas/session.ts';

/** Client routes of the sampling area. */
export const SAMPLING_PATHS = {
  plan: '/sampling/plan',
  planDetail: '/sampling/plans/:id',
  roster: '/sampling/roster',
  runs: '/sampling/runs',
} as const;

export const planPath = (id: number) => `/sampling/plans/${id}`;

/**
 * What the sampling pages offer this user, from GET /me's abilities
 * (server/src/modules/sampling/sampling.policy.ts decides them). The API checks every call again.
 */
export function samplingAccess(me: TMe): {
  readPlan: boolean;
  managePlan: boolean;
  run: boolean;
  readRuns: boolean;
  readRoster: boolean;
  manageRoster: boolean;
} {
  const ability = (name: string) => me.abilities[name] === true;
  return {
    readPlan: ability('sampling.plans.read'),
    managePlan: ability('sampling.plans.manage'),
    run: ability('sampling.run'),
    readRuns: ability('sampling.runs.list'),
    readRoster: ability('shifts.list'),
    manageRoster: ability('shifts.manage'),
  };
}
