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
 * What the sampling pages offer this user. GET /me's abilities decide once they name the sampling
 * actions; until then the roles of the matching rules (server/src/modules/sampling/sampling.policy.ts)
 * stand in. The API checks every call again, so a wrong guess only shows a button that answers 403.
 */
export function samplingAccess(me: TMe): {
  readPlan: boolean;
  managePlan: boolean;
  run: boolean;
  readRuns: boolean;
  readRoster: boolean;
  manageRoster: boolean;
} {
  const has = (...roles: string[]) => roles.some((r) => (me.roles as readonly string[]).includes(r));
  const ability = (name: string, fallback: boolean) => me.abilities[name] ?? fallback;
  return {
    readPlan: ability('sampling.plans.read', has('admin', 'qa_lead', 'qa', 'manager')),
    managePlan: ability('sampling.plans.manage', has('admin', 'qa_lead')),
    run: ability('sampling.run', has('admin', 'qa_lead')),
    readRuns: ability('sampling.runs.list', has('admin', 'qa_lead', 'qa', 'manager')),
    readRoster: ability(
      'shifts.list',
      has('admin', 'qa_lead', 'qa', 'manager', 'hr', 'coach', 'team_leader', 'agent'),
    ),
    manageRoster: ability('shifts.manage', has('admin', 'qa_lead', 'hr')),
  };
}
