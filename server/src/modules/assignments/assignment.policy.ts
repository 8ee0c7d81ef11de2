import { type Actor, hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';
import type { Scope } from '../../policies/scope.ts';

/**
 * Whose assignments a user may see: an inspector their own queue, the QA lead and the
 * administrator everyone's (to reassign, release and place overflow). Nobody else has a queue.
 */
export function assignmentScope(actor: Actor): Scope {
  if (hasRole(actor, 'admin', 'qa_lead')) return { kind: 'all' };
  if (hasRole(actor, 'qa')) return { kind: 'own' };
  return { kind: 'none' };
}

export type AssignmentPolicyRecord = { assignee_id: number | null };

/** Oversees every queue: reassigns, releases and places unassigned work. */
const managesQueues = (actor: Actor) => hasRole(actor, 'admin', 'qa_lead');

allow('assignments.list', (actor) => assignmentScope(actor).kind !== 'none');
allow<AssignmentPolicyRecord>(
  'assignments.read',
  (actor, a) => managesQueues(actor) || (hasRole(actor, 'qa') && a.assignee_id === actor.id),
);
/** Route gate for skipping; the record rule below decides on the assignment. */
allow('assignments.skip', (actor) => hasRole(actor, 'qa', 'qa_lead', 'admin'));
/** The assignee skips their own; the QA lead any open one. */
allow<AssignmentPolicyRecord>(
  'assignments.skip_record',
  (actor, a) => managesQueues(actor) || (hasRole(actor, 'qa') && a.assignee_id === actor.id),
);
allow('assignments.manage', managesQueues);
/** Who may be given work: active inspectors (checked on the user record). */
allow<{ roles: string[]; active: boolean }>(
  'assignments.be_assigned',
  (_actor, u) => u.active && u.roles.includes('qa'),
);
/**
 * Completing an assignment with an evaluation that names it: the assignee, or the QA lead who
 * scores it themself. Submitting an evaluation of a picked contact without naming the assignment
 * completes it whoever the assignee (the contact has been checked).
 */
allow<AssignmentPolicyRecord>(
  'assignments.complete',
  (actor, a) => managesQueues(actor) || a.assignee_id === actor.id,
);
