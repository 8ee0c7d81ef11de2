import { type Actor, hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';
import type { Scope } from '../../policies/scope.ts';

/**
 * Rules of the compliance board, the monthly targeted-plan proposal and its comparison (clauses 3,
 * 4.3, 4.5). QA, management and HR see every CSR; a team leader the teams they lead; a CSR only
 * themselves. Coaches, knowledge-base editors and trainers have no business with quotas.
 */
export function complianceScope(actor: Actor): Scope {
  if (hasRole(actor, 'admin', 'qa_lead', 'qa', 'manager', 'hr')) return { kind: 'all' };
  if (hasRole(actor, 'team_leader')) return { kind: 'team', teamIds: actor.led_team_ids };
  if (hasRole(actor, 'agent')) return { kind: 'own' };
  return { kind: 'none' };
}

allow('compliance.read', (actor) => complianceScope(actor).kind !== 'none');
/** The per-inspector workload of the board: for those who see the whole center. */
allow('compliance.read_inspectors', (actor) => complianceScope(actor).kind === 'all');
/** The monthly targeted plan (4.3): the QA lead (and the administrator) proposes it. */
allow('compliance.propose', (actor) => hasRole(actor, 'admin', 'qa_lead'));
/** Monthly plans with their reasons and the month-over-month comparison. */
allow('compliance.plans', (actor) => hasRole(actor, 'admin', 'qa_lead', 'qa', 'manager'));
