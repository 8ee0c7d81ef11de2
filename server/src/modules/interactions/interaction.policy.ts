import { type Actor, hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';
import { type Scope, scopeAllows } from '../../policies/scope.ts';

/** Whose interactions a user may see: QA and management all, a team leader their teams', a CSR their own. */
export function interactionScope(actor: Actor): Scope {
  if (hasRole(actor, 'admin', 'qa_lead', 'qa', 'manager', 'coach', 'trainer')) return { kind: 'all' };
  if (hasRole(actor, 'team_leader')) return { kind: 'team', teamIds: actor.led_team_ids };
  if (hasRole(actor, 'agent')) return { kind: 'own' };
  return { kind: 'none' };
}

export type InteractionPolicyRecord = { agent_id: number; team_id: number | null };

allow('interactions.list', (actor) => interactionScope(actor).kind !== 'none');
allow<InteractionPolicyRecord>('interactions.read', (actor, i) =>
  scopeAllows(actor, interactionScope(actor), { ownerId: i.agent_id, teamId: i.team_id }),
);
/** Customer phone numbers and ids are shown in full only to those who work with them. */
allow('interactions.see_customer_ref', (actor) => hasRole(actor, 'admin', 'qa_lead', 'qa'));
allow('interactions.import', (actor) => hasRole(actor, 'admin', 'qa_lead'));
allow('interactions.upload_recording', (actor) => hasRole(actor, 'admin', 'qa_lead'));
allow('imports.list', (actor) => hasRole(actor, 'admin', 'qa_lead'));
allow('imports.read', (actor) => hasRole(actor, 'admin', 'qa_lead'));
