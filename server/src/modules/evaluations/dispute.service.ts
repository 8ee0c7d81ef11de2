import { sql } from 'drizzle-orm';
import { type Db, isUniqueViolation, queryRows } from '../../db/client.ts';
import { AppError, forbidden, notFound, staleWrite, workflowConflict } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import { scopeWhere } from '../../policies/scope.ts';
import type {
  TDispute,
  TDisputeDecisionRequest,
  TListDisputesQuery,
} from '../../../../shared/schemas/evaluation.ts';
import { encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import { canTransition } from '../../../../shared/workflow.ts';
import { correctionChangesNothing } from '../../../../shared/correction-unchanged.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import {
  type NotificationKind,
  markEvaluationMessagesRead,
  notify,
  teamLeaderIds,
  usersWithRole,
} from '../notifications/notification.service.ts';
import { DISPUTE_OUTCOME_WHERE, accuracyMonthWhere } from './accuracy.repo.ts';
import {
  type RemarksChange,
  applyRemarksCorrection,
  checkCorrectedMarks,
  correctionBasis,
  correctionNotAllowed,
  currentMarks,
  remarkCorrectionsIn,
  unchangedCorrection,
} from './dispute.correction.ts';
import { countDisputes, findDisputePage, findDisputes, presentDispute } from './dispute.repo.ts';
import { evaluationScope, reviewsOwnEvaluation } from './evaluation.policy.ts';
import {
  findAnswers,
  findEvaluation,
  findVersionItems,
  namesATurn,
  setTally,
  transcriptTurnCount,
  writeAnswers,
} from './evaluation.repo.ts';
import { checkMarkItems, checkMarkTurns, scoreForVersion } from './evaluation.scoring.ts';

/**
 * B10–B11: the CSR disputes their evaluation within the confirmation window, with a reason and
 * optionally the items concerned. One open dispute per evaluation.
 */
export async function raiseDispute(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  evaluationId: number,
  input: { reason: string; item_ids?: number[] },
): Promise<TDispute> {
  try {
    const id = await db.transaction(async (tx) => {
      const row = await findEvaluation(tx, evaluationId, true);
      if (!row || !can(actor, 'evaluations.read', row)) throw notFound('evaluation');
      authorize(actor, 'evaluations.dispute', row);
      if (!canTransition(row.status, 'dispute'))
        throw workflowConflict({ reason: 'transition', status: row.status, action: 'dispute' });
      const [previous] = await queryRows<{ id: number }>(
        tx,
        sql`select id from disputes where evaluation_id = ${evaluationId} limit 1`,
      );
      if (previous) {
        throw workflowConflict({ reason: 'already_disputed' });
      }
      if (row.overdue) {
        throw workflowConflict({ reason: 'window_passed' });
      }
      const itemIds = [...new Set(input.item_ids ?? [])];
      if (itemIds.length > 0) {
        const known = new Set((await findVersionItems(tx, row.form_version_id)).map((i) => i.id));
        const unknown = itemIds.filter((i) => !known.has(i));
        if (unknown.length > 0) {
          throw new AppError(
            'validation_failed',
            `Item ${unknown.join(', ')} is not on this evaluation's form.`,
            [{ path: ['item_ids'], message: 'unknown item' }],
          );
        }
      }
      const [created] = await queryRows<{ id: number }>(
        tx,
        sql`insert into disputes (evaluation_id, raised_by, reason, item_ids, status, evaluator_id)
            values (${evaluationId}, ${actor.id}, ${input.reason}, ${`{${itemIds.join(',')}}`}::int[], 'team_leader', ${row.evaluator_id})
            returning id`,
      );
      if (!created) throw new Error('dispute insert returned nothing');
      await tx.execute(
        sql`update evaluations set status = 'disputed', updated_at = now(), version = version + 1 where id = ${evaluationId}`,
      );
      await markEvaluationMessagesRead(tx, actor.id, evaluationId);
      const leaders = await teamLeaderIds(tx, row.team_id);
      await notifyEach(tx, 'dispute_raised', evaluationId, [
        { to: leaders, data: { dispute_id: created.id, agent_name: row.agent_name } },
        {
          to: [row.evaluator_id],
          data: { dispute_id: created.id, agent_name: row.agent_name, audience: 'inspector' },
        },
      ]);
      await recordAudit(tx, ctx, {
        action: 'dispute.create',
        entityType: 'evaluation',
        entityId: evaluationId,
        after: { dispute_id: created.id, reason: input.reason, item_ids: itemIds },
      });
      return created.id;
    });
    return await getDispute(db, actor, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw workflowConflict({ reason: 'already_disputed' });
    throw err;
  }
}

export async function getDispute(db: Db, actor: Actor, id: number): Promise<TDispute> {
  authorize(actor, 'disputes.list');
  const [row] = await findDisputes(db, sql`d.id = ${id}`, 1);
  if (!row) throw notFound('dispute');
  const evaluation = await findEvaluation(db, Number(row.evaluation_id));
  if (!evaluation || !can(actor, 'evaluations.read', evaluation)) throw notFound('dispute');
  return presentDispute(row);
}

/**
 * Disputes the caller may see, newest first. `evaluator_id`, `month` and `outcome` select the
 * disputes behind an inspector-accuracy figure (B15–B16) with the report's own predicates, so the
 * list's total equals the figure; filters narrow the caller's scope, never widen it.
 */
export async function listDisputes(
  db: Db,
  actor: Actor,
  query: Omit<TListDisputesQuery, 'limit'> & { limit: number },
): Promise<{ items: TDispute[]; total: number; next_cursor: string | null }> {
  authorize(actor, 'disputes.list');
  const parts = [
    scopeWhere(actor, evaluationScope(actor), { ownerId: sql`e.agent_id`, teamId: sql`a.team_id` }),
  ];
  if (query.status) parts.push(sql`d.status = ${query.status}`);
  if (query.open !== undefined) {
    parts.push(
      query.open
        ? sql`d.status in ('team_leader', 'qa_review')`
        : sql`d.status not in ('team_leader', 'qa_review')`,
    );
  }
  if (query.evaluator_id !== undefined) parts.push(sql`e.evaluator_id = ${query.evaluator_id}`);
  if (query.month !== undefined) parts.push(accuracyMonthWhere(query.month));
  if (query.outcome !== undefined) parts.push(DISPUTE_OUTCOME_WHERE[query.outcome]);
  const where = sql.join(parts, sql` and `);
  const page = keyset({ expr: sql`d.id`, type: 'int' }, sql`d.id`, 'desc', query.cursor);
  const rows = await findDisputePage(db, {
    where,
    after: page.after,
    orderBy: page.orderBy,
    limit: query.limit + 1,
  });
  const p = pageOf(rows, query.limit, (r) => encodeCursor(r.id, r.id));
  return {
    items: p.items.map(presentDispute),
    total: await countDisputes(db, where),
    next_cursor: p.next_cursor,
  };
}

/**
 * B12–B16. With the team leader: uphold (the CSR is asked to acknowledge again) or forward to QA
 * review. With the QA lead: uphold, or correct — corrected answers become a new revision, the old
 * one is retracted, and the remarks and pinned comments may be corrected with them (the retracted
 * revision keeps its own) — and record whether the inspector erred (B15–B16).
 */
export async function decideDispute(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: TDisputeDecisionRequest,
): Promise<TDispute> {
  authorize(actor, 'disputes.decide');
  await db.transaction(async (tx) => {
    await tx.execute(sql`select id from disputes where id = ${id} for update`);
    const [dispute] = await findDisputes(tx, sql`d.id = ${id}`, 1);
    if (!dispute) throw notFound('dispute');
    const evaluation = await findEvaluation(tx, Number(dispute.evaluation_id), true);
    if (!evaluation || !can(actor, 'evaluations.read', evaluation)) throw notFound('dispute');
    if (input.version !== undefined && input.version !== dispute.version) throw staleWrite('dispute');
    const evaluationId = Number(dispute.evaluation_id);
    const policyRecord = {
      agent_id: dispute.agent_id,
      team_id: dispute.team_id,
      evaluator_id: dispute.evaluator_id,
    };

    if (dispute.status === 'team_leader') {
      // The QA lead's turn comes after the team leader's: a state to wait for, not a lack of right.
      if (
        !can(actor, 'disputes.decide_as_leader', policyRecord) &&
        (can(actor, 'disputes.review', policyRecord) || reviewsOwnEvaluation(actor, policyRecord))
      )
        throw workflowConflict({ reason: 'dispute_with_leader' });
      authorize(actor, 'disputes.decide_as_leader', policyRecord);
      const corrections = [
        ...(input.corrected_answers ? ['corrected_answers'] : []),
        ...remarkCorrectionsIn(input),
      ];
      if (corrections.length > 0) {
        throw correctionNotAllowed(
          corrections,
          'Only the QA lead corrects an evaluation (answers, remarks, pinned comments); a team leader upholds or forwards.',
        );
      }
      if (input.uphold) {
        await tx.execute(sql`update disputes set status = 'upheld', leader_decision = 'upheld', leader_note = ${input.note ?? null},
          leader_id = ${actor.id}, leader_decided_at = now(), closed_at = now(), version = version + 1 where id = ${id}`);
        await reopenForAcknowledgement(tx, evaluationId);
        await notifyEach(tx, 'dispute_upheld', evaluationId, [
          { to: [dispute.agent_id], data: { dispute_id: id } },
          {
            to: [dispute.evaluator_id],
            data: { dispute_id: id, agent_name: dispute.agent_name, audience: 'inspector' },
          },
        ]);
      } else {
        await tx.execute(sql`update disputes set status = 'qa_review', leader_decision = 'forwarded', leader_note = ${input.note ?? null},
          leader_id = ${actor.id}, leader_decided_at = now(), version = version + 1 where id = ${id}`);
        await notifyEach(tx, 'dispute_forwarded', evaluationId, [
          {
            to: await usersWithRole(tx, 'qa_lead'),
            data: { dispute_id: id, agent_name: dispute.agent_name },
          },
          { to: [dispute.agent_id], data: { dispute_id: id, audience: 'agent' } },
          {
            to: [dispute.evaluator_id],
            data: { dispute_id: id, agent_name: dispute.agent_name, audience: 'inspector' },
          },
        ]);
      }
      await recordAudit(tx, ctx, {
        action: input.uphold ? 'dispute.leader_uphold' : 'dispute.leader_forward',
        entityType: 'evaluation',
        entityId: evaluationId,
        after: { dispute_id: id, note: input.note ?? null },
      });
      return;
    }

    if (dispute.status === 'qa_review') {
      if (
        !can(actor, 'disputes.review', policyRecord) &&
        can(actor, 'disputes.decide_as_leader', policyRecord)
      )
        throw workflowConflict({ reason: 'dispute_in_review' });
      if (reviewsOwnEvaluation(actor, policyRecord)) {
        throw forbidden(
          'You scored this evaluation yourself: another QA lead must review its dispute (clause 4.2, fairness).',
        );
      }
      authorize(actor, 'disputes.review', policyRecord);
      const inspectorError = input.inspector_error ?? !input.uphold;
      const remarkCorrections = remarkCorrectionsIn(input);
      const corrections = [...(input.corrected_answers ? ['corrected_answers'] : []), ...remarkCorrections];
      if (input.uphold && corrections.length > 0) {
        throw correctionNotAllowed(
          corrections,
          'Upholding keeps the evaluation as it is; answers, remarks and pinned comments are corrected only with a correction (uphold false).',
        );
      }
      let remarksChange: RemarksChange = { before: {}, after: {} };
      if (input.uphold) {
        await tx.execute(sql`update disputes set status = 'upheld', reviewer_decision = 'upheld', reviewer_note = ${input.note ?? null},
          reviewer_id = ${actor.id}, reviewed_at = now(), inspector_error = ${inspectorError}, closed_at = now(),
          version = version + 1 where id = ${id}`);
        await reopenForAcknowledgement(tx, evaluationId);
        await notifyEach(tx, 'dispute_upheld', evaluationId, [
          { to: [dispute.agent_id], data: { dispute_id: id } },
          {
            to: [dispute.evaluator_id],
            data: { dispute_id: id, agent_name: dispute.agent_name, audience: 'inspector' },
          },
          {
            to: await teamLeaderIds(tx, dispute.team_id),
            data: { dispute_id: id, agent_name: dispute.agent_name, audience: 'team_leader' },
          },
        ]);
      } else {
        if (!input.corrected_answers) {
          throw new AppError('validation_failed', 'A correction needs the corrected answers.', [
            { path: ['corrected_answers'], message: 'required when not upholding' },
          ]);
        }
        const items = await findVersionItems(tx, evaluation.form_version_id);
        const result = scoreForVersion(
          items,
          input.corrected_answers,
          Number(evaluation.pass_mark),
          true,
          'corrected_answers',
        );
        const marks = await currentMarks(tx, evaluationId);
        if (input.corrected_marks) {
          checkCorrectedMarks(input.corrected_marks, marks);
          checkMarkItems(input.corrected_marks, items, 'corrected_marks');
          if (namesATurn(input.corrected_marks)) {
            const interactionId =
              evaluation.interaction_id === null ? null : Number(evaluation.interaction_id);
            const turns = await transcriptTurnCount(tx, interactionId);
            checkMarkTurns(input.corrected_marks, turns, 'corrected_marks', marks);
          }
        }
        const currentAnswers = await findAnswers(tx, [evaluationId], evaluation.revision);
        if (correctionChangesNothing(correctionBasis(currentAnswers, evaluation, marks), input))
          throw unchangedCorrection();
        const revision = evaluation.revision + 1;
        // The retracted revision keeps what its remarks and pinned comments were.
        remarksChange = await applyRemarksCorrection(tx, actor.id, evaluation, input, marks);
        await tx.execute(sql`update evaluation_revisions set retracted_at = now()
          where evaluation_id = ${evaluationId} and retracted_at is null`);
        await tx.execute(sql`insert into evaluation_revisions (evaluation_id, revision, score, fatal, passed, created_by, reason)
          values (${evaluationId}, ${revision}, ${result.score}, ${result.fatal}, ${result.passed}, ${actor.id}, ${input.note ?? null})`);
        await writeAnswers(tx, evaluationId, revision, input.corrected_answers);
        await tx.execute(sql`update evaluations set revision = ${revision}, score = ${result.score}, fatal = ${result.fatal},
          passed = ${result.passed}, ${setTally(result)} where id = ${evaluationId}`);
        await tx.execute(sql`update disputes set status = 'corrected', reviewer_decision = 'corrected', reviewer_note = ${input.note ?? null},
          reviewer_id = ${actor.id}, reviewed_at = now(), inspector_error = ${inspectorError}, closed_at = now(),
          version = version + 1 where id = ${id}`);
        await reopenForAcknowledgement(tx, evaluationId);
        await notify(
          tx,
          [dispute.agent_id, dispute.evaluator_id, ...(await teamLeaderIds(tx, dispute.team_id))],
          'dispute_corrected',
          { type: 'evaluation', id: evaluationId },
          {
            dispute_id: id,
            agent_name: dispute.agent_name,
            old_score: evaluation.score === null ? null : Number(evaluation.score),
            new_score: result.score,
          },
        );
      }
      await recordAudit(tx, ctx, {
        action: input.uphold ? 'dispute.review_uphold' : 'dispute.review_correct',
        entityType: 'evaluation',
        entityId: evaluationId,
        before: {
          score: evaluation.score === null ? null : Number(evaluation.score),
          revision: evaluation.revision,
          ...remarksChange.before,
        },
        after: {
          dispute_id: id,
          note: input.note ?? null,
          inspector_error: inspectorError,
          ...remarksChange.after,
        },
      });
      return;
    }
    throw workflowConflict({ reason: 'dispute_closed', dispute_status: dispute.status });
  });
  return getDispute(db, actor, id);
}

/** After a decision the CSR is asked to acknowledge again, with a fresh window. */
async function reopenForAcknowledgement(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  evaluationId: number,
): Promise<void> {
  await tx.execute(sql`
    update evaluations set status = 'submitted', updated_at = now(), version = version + 1,
      ack_due_at = now() + make_interval(days => coalesce((select (value #>> '{}')::int from settings where key = 'confirmation_window_days'), 3))
    where id = ${evaluationId}`);
  // A new deadline: if this one passes too, the team leader is told again (overdue.schedule.ts
  // claims one notice per evaluation; the earlier notice stays in the inbox and the audit trail).
  await tx.execute(sql`delete from evaluation_overdue_notices where evaluation_id = ${evaluationId}`);
}

/**
 * Tells each group of people about a dispute step, each with its own wording (`audience` in the
 * data: the inbox words a message to the inspector or the team leader apart from the CSR's). A
 * person in more than one group gets the first group's message only.
 */
async function notifyEach(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  kind: NotificationKind,
  evaluationId: number,
  groups: { to: number[]; data: Record<string, unknown> }[],
): Promise<void> {
  const told = new Set<number>();
  for (const group of groups) {
    const to = group.to.filter((u) => !told.has(u));
    for (const u of to) told.add(u);
    await notify(tx, to, kind, { type: 'evaluation', id: evaluationId }, group.data);
  }
}
