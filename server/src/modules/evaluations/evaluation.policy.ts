import { type Actor, hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';
import type { Scope } from '../../policies/scope.ts';

/** Whose submitted evaluations a user may read (drafts: see `seesAllDrafts`). */
export function evaluationScope(actor: Actor): Scope {
  if (hasRole(actor, 'admin', 'qa_lead', 'qa', 'manager', 'hr', 'trainer', 'coach')) return { kind: 'all' };
  if (hasRole(actor, 'team_leader')) return { kind: 'team', teamIds: actor.led_team_ids };
  if (hasRole(actor, 'agent')) return { kind: 'own' };
  return { kind: 'none' };
}

/** Drafts are the inspector's own work in progress; the QA lead and admin oversee them. */
export function seesAllDrafts(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'qa_lead');
}

export type EvaluationPolicyRecord = {
  agent_id: number;
  evaluator_id: number;
  team_id: number | null;
  status: string;
};

const leadsTeamOf = (actor: Actor, e: { team_id: number | null }) =>
  hasRole(actor, 'team_leader') && e.team_id !== null && actor.led_team_ids.includes(e.team_id);

allow('evaluations.list', (actor) => evaluationScope(actor).kind !== 'none');
allow<EvaluationPolicyRecord>('evaluations.read', (actor, e) => {
  if (e.status === 'draft') return e.evaluator_id === actor.id || seesAllDrafts(actor);
  const scope = evaluationScope(actor);
  if (scope.kind === 'all') return true;
  if (e.agent_id === actor.id) return scope.kind !== 'none';
  return scope.kind === 'team' && leadsTeamOf(actor, e);
});
allow('evaluations.create', (actor) => hasRole(actor, 'qa', 'qa_lead'));
/**
 * Route gates (no record needed): who may call an endpoint at all. The instance rules below then
 * decide on the record (own evaluation, own team, own draft).
 */
allow('evaluations.write', (actor) => hasRole(actor, 'qa', 'qa_lead'));
allow('evaluations.confirm', (actor) => hasRole(actor, 'agent'));
allow('evaluations.cosign', (actor) => hasRole(actor, 'team_leader'));
/** Only the inspector who wrote a draft edits or submits it. */
allow<EvaluationPolicyRecord>(
  'evaluations.edit',
  (actor, e) => e.evaluator_id === actor.id && hasRole(actor, 'qa', 'qa_lead'),
);
/** Only the inspector who wrote a draft discards it (while it is a draft: checked on the status). */
allow<EvaluationPolicyRecord>(
  'evaluations.discard',
  (actor, e) => e.evaluator_id === actor.id && hasRole(actor, 'qa', 'qa_lead'),
);
/** The CSR confirms or disputes their own evaluations (5.5, B10). */
allow<EvaluationPolicyRecord>('evaluations.acknowledge', (actor, e) => e.agent_id === actor.id);
allow<EvaluationPolicyRecord>('evaluations.dispute', (actor, e) => e.agent_id === actor.id);
/** The CSR's team leader countersigns (5.5). */
allow<EvaluationPolicyRecord>('evaluations.countersign', (actor, e) => leadsTeamOf(actor, e));

export type DisputePolicyRecord = { agent_id: number; team_id: number | null; evaluator_id: number };

allow('disputes.list', (actor) => evaluationScope(actor).kind !== 'none');
/** Who may decide disputes at all; which step each may decide is checked on the dispute itself. */
allow('disputes.decide', (actor) => hasRole(actor, 'team_leader', 'qa_lead'));
/** B12: the team leader of the CSR's team judges first. */
allow<DisputePolicyRecord>('disputes.decide_as_leader', (actor, d) => leadsTeamOf(actor, d));
/**
 * Fairness (4.2): a QA lead does not review a dispute of an evaluation they scored themselves
 * (another QA lead must). There is no admin override: admins do not review disputes.
 */
export const reviewsOwnEvaluation = (actor: Actor, d: Pick<DisputePolicyRecord, 'evaluator_id'>): boolean =>
  hasRole(actor, 'qa_lead') && d.evaluator_id === actor.id;
/**
 * B14–B16: the QA lead reviews, corrects and assesses the inspector — not their own evaluation's
 * dispute. Without a record: whether the caller reviews disputes at all.
 */
allow<DisputePolicyRecord | undefined>(
  'disputes.review',
  (actor, d) => hasRole(actor, 'qa_lead') && (d === undefined || !reviewsOwnEvaluation(actor, d)),
);

allow('accuracy.read', (actor) => hasRole(actor, 'admin', 'qa_lead', 'manager'));
allow('notifications.read', () => true);

allow('test_calls.list', (actor) => hasRole(actor, 'admin', 'qa_lead', 'qa'));
allow('test_calls.manage', (actor) => hasRole(actor, 'admin', 'qa_lead'));

allow('settings.read', () => true);
allow('settings.update', (actor) => hasRole(actor, 'admin', 'qa_lead'));
