import { type Actor, hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';
import { type Scope, scopeAllows } from '../../policies/scope.ts';

/**
 * Sampling plans, the roster (shifts) and the daily sampling run (clauses 3, 4.3, 4.5).
 * The plan is a policy setting: the QA lead and the administrator change it and run the day; the
 * inspectors and the center manager read it (it decides their work and the quotas they report on).
 */
const keepsPlan = (actor: Actor) => hasRole(actor, 'admin', 'qa_lead');

allow('sampling.plans.read', (actor) => hasRole(actor, 'admin', 'qa_lead', 'qa', 'manager'));
allow('sampling.plans.manage', keepsPlan);
allow('sampling.run', keepsPlan);
allow('sampling.runs.list', (actor) => hasRole(actor, 'admin', 'qa_lead', 'qa', 'manager'));

/**
 * Whose shifts a user may see: QA, management, HR and the floor coaches the whole roster, a team
 * leader their teams', a CSR their own.
 */
export function shiftScope(actor: Actor): Scope {
  if (hasRole(actor, 'admin', 'qa_lead', 'qa', 'manager', 'hr', 'coach')) return { kind: 'all' };
  if (hasRole(actor, 'team_leader')) return { kind: 'team', teamIds: actor.led_team_ids };
  if (hasRole(actor, 'agent')) return { kind: 'own' };
  return { kind: 'none' };
}

export type ShiftPolicyRecord = { agent_id: number; team_id: number | null };

allow('shifts.list', (actor) => shiftScope(actor).kind !== 'none');
/** The roster is kept by the QA lead (it drives the daily quota), HR and the administrator. */
allow('shifts.manage', (actor) => hasRole(actor, 'admin', 'qa_lead', 'hr'));
allow<ShiftPolicyRecord>('shifts.read', (actor, s) =>
  scopeAllows(actor, shiftScope(actor), { ownerId: s.agent_id, teamId: s.team_id }),
);
