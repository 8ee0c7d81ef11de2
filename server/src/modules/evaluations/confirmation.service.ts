import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { AppError, notFound, staleWrite, workflowConflict } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import type { TEvaluationDetail } from '../../../../shared/schemas/evaluation.ts';
import { isOwnSignature } from '../../../../shared/signature.ts';
import { canTransition } from '../../../../shared/workflow.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { markEvaluationMessagesRead, notify, teamLeaderIds } from '../notifications/notification.service.ts';
import { evaluationDetail } from './evaluation.detail.ts';
import { findEvaluation } from './evaluation.repo.ts';

export type SignOptions = {
  actor: Actor;
  ctx: AuditContext;
  id: number;
  signature: string;
  version?: number;
  userAgent: string | null;
};

/**
 * An e-signature is the signer's own name (5.5): what they typed must be their display name, or the
 * form would carry a name that is not theirs (compared as shared/signature.ts does: any middle dot,
 * spacing, full-width forms, case). 400 on `signature` otherwise.
 */
export function checkOwnSignature(actor: Actor, signature: string): void {
  if (isOwnSignature(signature, actor.display_name)) return;
  const message = `must be your own name as registered (${actor.display_name})`;
  throw new AppError('validation_failed', `Invalid signature. signature: ${message}`, [
    { path: ['signature'], message },
  ]);
}

/**
 * The CSR confirms their evaluation with an e-signature (5.5): who (the signed-in user and the
 * name they typed), when, and from where (address, browser). Then their team leader is asked to
 * countersign.
 */
export async function acknowledgeEvaluation(db: Db, options: SignOptions): Promise<TEvaluationDetail> {
  const { actor, ctx, id } = options;
  await db.transaction(async (tx) => {
    const row = await findEvaluation(tx, id, true);
    if (!row || !can(actor, 'evaluations.read', row)) throw notFound('evaluation');
    authorize(actor, 'evaluations.acknowledge', row);
    if (!canTransition(row.status, 'acknowledge'))
      throw workflowConflict({ reason: 'transition', status: row.status, action: 'acknowledge' });
    if (options.version !== undefined && options.version !== row.version) throw staleWrite('evaluation');
    checkOwnSignature(actor, options.signature);
    await tx.execute(sql`
      update evaluations set status = 'acknowledged', acknowledged_at = now(), acknowledged_by = ${actor.id},
        ack_ip = ${ctx.ip}, ack_user_agent = ${options.userAgent?.slice(0, 500) ?? null},
        ack_signature = ${options.signature}, updated_at = now(), version = version + 1
      where id = ${id}`);
    await markEvaluationMessagesRead(tx, actor.id, id);
    await notify(
      tx,
      await teamLeaderIds(tx, row.team_id),
      'evaluation_acknowledged',
      { type: 'evaluation', id },
      {
        agent_name: row.agent_name,
      },
    );
    await recordAudit(tx, ctx, {
      action: 'evaluation.acknowledge',
      entityType: 'evaluation',
      entityId: id,
      after: { signature: options.signature, ip: ctx.ip, user_agent: options.userAgent },
    });
  });
  return evaluationDetail(db, actor, id);
}

/** The team leader countersigns an acknowledged evaluation (5.5), closing it. */
export async function countersignEvaluation(db: Db, options: SignOptions): Promise<TEvaluationDetail> {
  const { actor, ctx, id } = options;
  await db.transaction(async (tx) => {
    const row = await findEvaluation(tx, id, true);
    if (!row || !can(actor, 'evaluations.read', row)) throw notFound('evaluation');
    authorize(actor, 'evaluations.countersign', row);
    if (!canTransition(row.status, 'countersign'))
      throw workflowConflict({ reason: 'transition', status: row.status, action: 'countersign' });
    if (options.version !== undefined && options.version !== row.version) throw staleWrite('evaluation');
    checkOwnSignature(actor, options.signature);
    await tx.execute(sql`
      update evaluations set status = 'countersigned', countersigned_at = now(), countersigned_by = ${actor.id},
        countersign_ip = ${ctx.ip}, countersign_signature = ${options.signature}, updated_at = now(), version = version + 1
      where id = ${id}`);
    await recordAudit(tx, ctx, {
      action: 'evaluation.countersign',
      entityType: 'evaluation',
      entityId: id,
      after: { signature: options.signature, ip: ctx.ip },
    });
  });
  return evaluationDetail(db, actor, id);
}

/** The CSR's unread-relevant counts for the inbox badge and "My evaluations". */
export async function myEvaluationCounts(
  db: Db,
  actor: Actor,
): Promise<{ to_confirm: number; overdue: number }> {
  const [row] = await queryRows<{ to_confirm: number; overdue: number }>(
    db,
    sql`select count(*) filter (where status = 'submitted')::int as to_confirm,
          count(*) filter (where status = 'submitted' and ack_due_at < now())::int as overdue
        from evaluations where agent_id = ${actor.id}`,
  );
  return row ?? { to_confirm: 0, overdue: 0 };
}
