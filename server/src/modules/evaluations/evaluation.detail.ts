import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { normalizeIp } from '../../http/ip-address.ts';
import type { Actor } from '../../policies/actor.ts';
import { can } from '../../policies/engine.ts';
import type { TEvaluationDetail, TEvaluationScenario } from '../../../../shared/schemas/evaluation.ts';
import { canTransition } from '../../../../shared/workflow.ts';
import { type DisputeRow, findDisputes, presentDispute } from './dispute.repo.ts';
import { presentAnswers, presentEvaluation } from './evaluation.presenter.ts';
import { reviewsOwnEvaluation } from './evaluation.policy.ts';
import {
  type AnswerRow,
  type EvaluationRow,
  type MarkRow,
  findAnswers,
  findEvaluation,
  findMarks,
} from './evaluation.repo.ts';

export type RevisionRow = {
  revision: number;
  score: string | number;
  fatal: boolean;
  passed: boolean;
  created_by: number;
  created_by_name: string;
  created_at: Date | string;
  reason: string | null;
  retracted_at: Date | string | null;
  /** Set when a correction retracted it: its remarks and pinned comments then (jsonb, as read). */
  positives: string | null;
  negatives: string | null;
  marks:
    | { id: number; at_s: number | null; turn_index: number | null; item_id: number | null; text: string }[]
    | null;
};

export type HistoryRow = { at: Date | string; action: string; actor_name: string | null };

/** What the detail is made of; `evaluationDetail` reads it, `createEvaluation` already has it. */
export type DetailParts = {
  row: EvaluationRow;
  /** Every revision's answers, ordered by revision and item position. */
  answers: AnswerRow[];
  marks: MarkRow[];
  /** Newest first. */
  revisions: RevisionRow[];
  /** Oldest first. */
  history: HistoryRow[];
  disputes: DisputeRow[];
  /** The test-call scenario it refers to, if any. */
  scenario: TEvaluationScenario | null;
};

/** The test-call scenario `id` as an evaluation shows it (null for none). */
export async function findEvaluationScenario(db: Db, id: number | null): Promise<TEvaluationScenario | null> {
  if (id === null) return null;
  const [row] = await queryRows<TEvaluationScenario>(
    db,
    sql`select id, title, caller_script, expected_answer from test_call_scenarios where id = ${id}`,
  );
  return row ?? null;
}

/**
 * Everything about one evaluation the caller may see: current answers, pinned comments,
 * signatures, every revision (retracted ones too), disputes, its audit history, and what the
 * caller may do next.
 * @throws not_found (404) when the caller may not see it.
 */
export async function evaluationDetail(db: Db, actor: Actor, id: number): Promise<TEvaluationDetail> {
  const row = await findEvaluation(db, id);
  if (!row || !can(actor, 'evaluations.read', row)) throw notFound('evaluation');
  const answers = await findAnswers(db, [id]);
  const marks = await findMarks(db, id);
  const revisions = await queryRows<RevisionRow>(
    db,
    sql`select r.revision, r.score, r.fatal, r.passed, r.created_by, u.display_name as created_by_name, r.created_at,
          r.reason, r.retracted_at, r.positives, r.negatives, r.marks
        from evaluation_revisions r join users u on u.id = r.created_by
        where r.evaluation_id = ${id} order by r.revision desc`,
  );
  const history = await queryRows<HistoryRow>(
    db,
    sql`select a.at, a.action, coalesce(u.display_name, a.actor_username) as actor_name
        from audit_log a left join users u on u.id = a.actor_id
        where a.entity_type = 'evaluation' and a.entity_id = ${String(id)} order by a.id`,
  );
  const disputes = await findDisputes(db, sql`d.evaluation_id = ${id}`);
  const scenario = await findEvaluationScenario(db, row.test_call_scenario_id);
  return assembleDetail(actor, { row, answers, marks, revisions, history, disputes, scenario });
}

type Remarks = {
  positives: string | null;
  negatives: string | null;
  marks: NonNullable<RevisionRow['marks']>;
};

/**
 * Each revision (newest first) with its remarks and pinned comments: the current one's are the
 * evaluation's; a retracted one kept its own when a correction retracted it, or else (retracted
 * before corrections could change them) has the next revision's.
 */
function withRemarks(revisions: RevisionRow[], current: Remarks): (RevisionRow & Remarks)[] {
  let newer = current;
  return revisions.map((r) => {
    const own: Remarks =
      r.retracted_at !== null && r.marks !== null
        ? { positives: r.positives, negatives: r.negatives, marks: r.marks }
        : newer;
    newer = own;
    return { ...r, ...own };
  });
}

/** Shapes the detail from its parts (no database access). */
export function assembleDetail(actor: Actor, parts: DetailParts): TEvaluationDetail {
  const { row, answers, marks, revisions, history, disputes, scenario } = parts;
  const openDispute = disputes.find((d) => d.status === 'team_leader' || d.status === 'qa_review');
  const iso = (d: Date | string) => new Date(d).toISOString();
  const sign = (
    who: number | null,
    name: string | null,
    at: Date | string | null,
    ip: string | null,
    signature: string | null,
  ) =>
    // Rows stored before addresses were normalized where taken are shown normalized too.
    who !== null && at !== null
      ? { who, name: name ?? '', at: iso(at), ip: normalizeIp(ip), signature }
      : null;
  const currentMarks = marks.map((m) => ({
    id: Number(m.id),
    at_s: m.at_s === null ? null : Number(m.at_s),
    turn_index: m.turn_index,
    item_id: m.item_id,
    text: m.text,
  }));
  return {
    ...presentEvaluation(
      row,
      answers.filter((a) => a.revision === row.revision),
    ),
    test_call_scenario: scenario,
    marks: currentMarks,
    acknowledgement: sign(
      row.acknowledged_by,
      row.acknowledged_by_name,
      row.acknowledged_at,
      row.ack_ip,
      row.ack_signature,
    ),
    countersignature: sign(
      row.countersigned_by,
      row.countersigned_by_name,
      row.countersigned_at,
      row.countersign_ip,
      row.countersign_signature,
    ),
    revisions: withRemarks(revisions, {
      positives: row.positives,
      negatives: row.negatives,
      marks: currentMarks,
    }).map((r) => ({
      ...r,
      score: Number(r.score),
      created_at: iso(r.created_at),
      retracted_at: r.retracted_at === null ? null : iso(r.retracted_at),
      answers: presentAnswers(answers.filter((a) => a.revision === r.revision)),
    })),
    disputes: disputes.map(presentDispute),
    history: history.map((h) => ({ at: iso(h.at), action: h.action, actor_name: h.actor_name })),
    abilities: {
      edit: can(actor, 'evaluations.edit', row) && canTransition(row.status, 'edit'),
      acknowledge: can(actor, 'evaluations.acknowledge', row) && canTransition(row.status, 'acknowledge'),
      dispute:
        can(actor, 'evaluations.dispute', row) &&
        canTransition(row.status, 'dispute') &&
        !row.overdue &&
        disputes.length === 0,
      countersign: can(actor, 'evaluations.countersign', row) && canTransition(row.status, 'countersign'),
      decide_as_leader:
        openDispute?.status === 'team_leader' &&
        can(actor, 'disputes.decide_as_leader', {
          agent_id: row.agent_id,
          team_id: row.team_id,
          evaluator_id: row.evaluator_id,
        }),
      review: openDispute?.status === 'qa_review' && can(actor, 'disputes.review', row),
      // A QA lead who scored this evaluation: shown why they may not review (4.2 fairness).
      review_own_evaluation: openDispute?.status === 'qa_review' && reviewsOwnEvaluation(actor, row),
    },
  };
}
