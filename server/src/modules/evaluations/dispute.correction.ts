import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { CorrectionBasis } from '../../../../shared/correction-unchanged.ts';
import type { TCorrectedMark, TDisputeDecisionRequest } from '../../../../shared/schemas/evaluation.ts';
import { type EvaluationRow, type MarkRow, findMarks } from './evaluation.repo.ts';

/** The fields of a decision that correct more than the answers (B16: remarks and pinned comments). */
export const REMARK_CORRECTIONS = ['corrected_positives', 'corrected_negatives', 'corrected_marks'] as const;

/** The remark and comment corrections a decision carries (omitted ones are not listed). */
export function remarkCorrectionsIn(input: TDisputeDecisionRequest): (typeof REMARK_CORRECTIONS)[number][] {
  return REMARK_CORRECTIONS.filter((field) => input[field] !== undefined);
}

/** A 400 for corrections sent where there is no correction by the QA lead. */
export function correctionNotAllowed(fields: readonly string[], message: string): AppError {
  return new AppError(
    'validation_failed',
    message,
    fields.map((field) => ({ path: [field], message: 'not allowed at this step' })),
  );
}

type MarkSnapshot = {
  id: number;
  at_s: number | null;
  turn_index: number | null;
  item_id: number | null;
  text: string;
};

const snapshotOf = (m: MarkRow): MarkSnapshot => ({
  id: Number(m.id),
  at_s: m.at_s === null ? null : Number(m.at_s),
  turn_index: m.turn_index,
  item_id: m.item_id,
  text: m.text,
});

const anchorOf = (m: { at_s?: number | null; turn_index?: number | null; item_id?: number | null }) => ({
  at_s: m.at_s ?? null,
  turn_index: m.turn_index ?? null,
  item_id: m.item_id ?? null,
});

const invalidMark = (index: number, field: string, message: string) =>
  new AppError('validation_failed', `Invalid corrected pinned comment ${index + 1}: ${field} ${message}.`, [
    { path: ['corrected_marks', index, field], message },
  ]);

/**
 * Checks corrected pinned comments before anything is written: an `id` must be one of the
 * evaluation's current comments and appear once (their items are checked by `checkMarkItems`).
 */
export function checkCorrectedMarks(marks: readonly TCorrectedMark[], current: readonly MarkRow[]): void {
  const currentIds = new Set(current.map((m) => Number(m.id)));
  const seen = new Set<number>();
  marks.forEach((m, index) => {
    if (m.id !== undefined) {
      if (!currentIds.has(m.id))
        throw invalidMark(index, 'id', "is not one of this evaluation's pinned comments");
      if (seen.has(m.id)) throw invalidMark(index, 'id', 'is listed twice');
      seen.add(m.id);
    }
  });
}

/** What a correction changed in the remarks and pinned comments, in brief, for the audit entry. */
export type RemarksChange = {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
};

/**
 * Applies corrected remarks and pinned comments (each only if sent) while a correction makes a new
 * revision. First keeps on the revision being retracted what its remarks and comments were, so the
 * history shows them; then writes the evaluation's new ones: current comments listed by id are kept
 * (and updated if they differ), those not listed are removed, entries without an id are added as
 * the QA lead's. Call before the old revision is marked retracted. Answers what changed, in brief.
 */
export async function applyRemarksCorrection(
  tx: DbOrTx,
  actorId: number,
  evaluation: EvaluationRow,
  input: TDisputeDecisionRequest,
  current: readonly MarkRow[],
): Promise<RemarksChange> {
  const evaluationId = Number(evaluation.id);
  const before = current.map(snapshotOf);
  await tx.execute(sql`update evaluation_revisions set positives = ${evaluation.positives},
      negatives = ${evaluation.negatives}, marks = ${JSON.stringify(before)}::jsonb
    where evaluation_id = ${evaluationId} and retracted_at is null`);

  const change: RemarksChange = { before: {}, after: {} };
  const positives =
    input.corrected_positives === undefined ? evaluation.positives : input.corrected_positives;
  const negatives =
    input.corrected_negatives === undefined ? evaluation.negatives : input.corrected_negatives;
  const blank = (s: string | null) => (s === null || s === '' ? null : s);
  if (blank(positives) !== blank(evaluation.positives)) {
    change.before.positives = evaluation.positives;
    change.after.positives = blank(positives);
  }
  if (blank(negatives) !== blank(evaluation.negatives)) {
    change.before.negatives = evaluation.negatives;
    change.after.negatives = blank(negatives);
  }
  if ('positives' in change.after || 'negatives' in change.after) {
    await tx.execute(sql`update evaluations set positives = ${blank(positives)}, negatives = ${blank(negatives)}
      where id = ${evaluationId}`);
  }

  if (input.corrected_marks !== undefined) {
    const byId = new Map(before.map((m) => [m.id, m]));
    const kept = new Set<number>();
    const removed: MarkSnapshot[] = [];
    const edited: { id: number; before: string; after: string }[] = [];
    const added: { at_s: number | null; turn_index: number | null; item_id: number | null; text: string }[] =
      [];
    for (const m of input.corrected_marks) {
      const anchor = anchorOf(m);
      if (m.id === undefined) {
        added.push({ ...anchor, text: m.text });
        continue;
      }
      kept.add(m.id);
      const old = byId.get(m.id);
      if (!old) continue; // checked before: every id is a current one
      if (
        old.text !== m.text ||
        old.at_s !== anchor.at_s ||
        old.turn_index !== anchor.turn_index ||
        old.item_id !== anchor.item_id
      ) {
        await tx.execute(sql`update evaluation_marks set at_s = ${anchor.at_s}, turn_index = ${anchor.turn_index},
            item_id = ${anchor.item_id}, text = ${m.text}
          where id = ${m.id} and evaluation_id = ${evaluationId}`);
        edited.push({ id: m.id, before: old.text, after: m.text });
      }
    }
    for (const m of before) if (!kept.has(m.id)) removed.push(m);
    if (removed.length > 0) {
      await tx.execute(sql`delete from evaluation_marks where evaluation_id = ${evaluationId}
        and id = any(${`{${removed.map((m) => m.id).join(',')}}`}::bigint[])`);
    }
    if (added.length > 0) {
      await tx.execute(sql`
        insert into evaluation_marks (evaluation_id, at_s, turn_index, item_id, text, created_by)
        select ${evaluationId}, x.at_s, x.turn_index, x.item_id, x.text, ${actorId}
        from jsonb_to_recordset(${JSON.stringify(added)}::jsonb) as x(at_s numeric, turn_index int, item_id int, text text)`);
    }
    if (removed.length + edited.length + added.length > 0) {
      change.before.marks = before.length;
      change.after.marks = {
        count: before.length - removed.length + added.length,
        ...(removed.length > 0 ? { removed: removed.map((m) => ({ id: m.id, text: m.text })) } : {}),
        ...(edited.length > 0 ? { edited } : {}),
        ...(added.length > 0 ? { added } : {}),
      };
    }
  }
  return change;
}

/** The evaluation's current pinned comments, for the checks and the snapshot. */
export const currentMarks = (tx: DbOrTx, evaluationId: number): Promise<MarkRow[]> =>
  findMarks(tx, evaluationId);

/** The evaluation as a correction is compared with (`correctionChangesNothing`, shared with the web). */
export const correctionBasis = (
  answers: readonly { item_id: number; result: string; comment: string | null }[],
  evaluation: Pick<EvaluationRow, 'positives' | 'negatives'>,
  marks: readonly MarkRow[],
): CorrectionBasis => ({
  answers,
  positives: evaluation.positives,
  negatives: evaluation.negatives,
  marks: marks.map(snapshotOf),
});

/** The 400 for a correction that changes nothing (`correctionChangesNothing` in shared/correction-unchanged.ts). */
export const unchangedCorrection = (): AppError =>
  new AppError(
    'validation_failed',
    'This correction changes nothing: the answers, comments and remarks are those of the current evaluation. To keep the evaluation as it is, uphold it (uphold: true).',
    [{ path: ['corrected_answers'], message: 'same as the current evaluation' }],
  );
