import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { AppError, forbidden } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { can } from '../../policies/engine.ts';
import { canAssignmentTransition } from '../../../../shared/schemas/assignments.ts';
import type { AuditEvent } from '../audit/audit.service.ts';
import { illegalTransition } from './assignment.commands.ts';
import {
  type LockedAssignment,
  lockAssignments,
  lockOpenAssignmentOfInteraction,
} from './assignment.repo.ts';

/**
 * Completing assignments from the evaluation workflow, inside the evaluation's own transaction
 * (called by `evaluations/evaluation.service.ts`): an evaluation that names its assignment
 * (`assignment_id`) is checked against it; submitting completes it — or, without a name, the
 * open assignment of the contact evaluated, so inspectors who start from "Evaluate" still
 * complete their queue. A draft leaves the assignment open.
 */

const invalid = (message: string) =>
  new AppError('validation_failed', `Invalid evaluation. assignment_id: ${message}`, [
    { path: ['assignment_id'], message },
  ]);

/**
 * Checks and locks the assignment an evaluation names: it exists (400), is the caller's or the
 * caller is the QA lead or admin (403), is for the same contact (400) and is still open (409).
 */
export async function checkNamedAssignment(
  tx: DbOrTx,
  actor: Actor,
  assignmentId: number,
  interactionId: number | null,
): Promise<LockedAssignment> {
  const [row] = await lockAssignments(tx, [assignmentId]);
  if (!row) throw invalid('unknown assignment');
  if (!can(actor, 'assignments.complete', row))
    throw forbidden('This assignment is in another inspector’s queue.');
  if (interactionId === null || row.interaction_id !== interactionId)
    throw invalid('the assignment is for another contact');
  if (!canAssignmentTransition(row.status, 'complete')) throw illegalTransition(row, 'complete');
  return row;
}

/**
 * Marks the named assignment (already checked and locked), or else the contact's open one, done
 * by this evaluation. The inspector who submitted becomes its assignee (the record says who
 * actually did the check; the audit entry keeps who had it). Answers the audit events for the
 * caller to record with its own, last in the transaction.
 */
export async function completeAssignmentInTx(
  tx: DbOrTx,
  actor: Actor,
  options: { evaluationId: number; interactionId: number | null; named: LockedAssignment | null },
): Promise<AuditEvent[]> {
  const row =
    options.named ??
    (options.interactionId === null
      ? null
      : await lockOpenAssignmentOfInteraction(tx, options.interactionId));
  if (!row) return [];
  await tx.execute(sql`update assignments set status = 'done', evaluation_id = ${options.evaluationId},
      completed_at = now(), assignee_id = ${actor.id}, updated_at = now(), version = version + 1
    where id = ${row.id}`);
  return [
    {
      action: 'assignment.complete',
      entityType: 'assignment',
      entityId: row.id,
      before: { status: row.status, assignee_id: row.assignee_id, version: row.version },
      after: {
        status: 'done',
        assignee_id: actor.id,
        evaluation_id: options.evaluationId,
        via: options.named ? 'assignment_id' : 'interaction',
        version: row.version + 1,
      },
    },
  ];
}
