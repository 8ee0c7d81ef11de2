import type { TEvaluation } from '../../../../shared/schemas/evaluation.ts';
import { hasScoreYet } from '../../../../shared/scoring.ts';
import type { AnswerRow, EvaluationRow } from './evaluation.repo.ts';

const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentAnswers(rows: AnswerRow[]): TEvaluation['answers'] {
  return rows.map((a) => ({ item_id: a.item_id, result: a.result, comment: a.comment }));
}

/** The only place that shapes an evaluation for the API. */
export function presentEvaluation(row: EvaluationRow, answers: AnswerRow[]): TEvaluation {
  // Also for a draft saved with a score before unanswered drafts were stored without one.
  const scored = hasScoreYet(row.status === 'draft', answers.length) && row.score !== null;
  return {
    id: Number(row.id),
    interaction_id: row.interaction_id === null ? null : Number(row.interaction_id),
    form_id: row.form_id,
    form_name: row.form_name,
    form_version: row.form_version,
    form_version_id: row.form_version_id,
    agent_id: row.agent_id,
    agent_name: row.agent_name,
    team_id: row.team_id,
    evaluator_id: row.evaluator_id,
    evaluator_name: row.evaluator_name,
    method: row.method,
    phase: row.phase,
    test_call_scenario_id: row.test_call_scenario_id,
    status: row.status,
    local_date: row.local_date,
    revision: row.revision,
    score: scored ? Number(row.score) : null,
    fatal: row.fatal,
    passed: scored && row.passed,
    pass_mark: Number(row.pass_mark),
    positives: row.positives,
    negatives: row.negatives,
    submitted_at: isoOrNull(row.submitted_at),
    ack_due_at: isoOrNull(row.ack_due_at),
    overdue: row.overdue,
    acknowledged_at: isoOrNull(row.acknowledged_at),
    acknowledged_late:
      row.acknowledged_at !== null &&
      row.ack_due_at !== null &&
      new Date(row.acknowledged_at).getTime() > new Date(row.ack_due_at).getTime(),
    countersigned_at: isoOrNull(row.countersigned_at),
    open_dispute_id: row.open_dispute_id,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
    version: row.version,
    answers: presentAnswers(answers),
  };
}
