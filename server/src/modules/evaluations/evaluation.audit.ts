import type { TCreateEvaluationRequest } from '../../../../shared/schemas/evaluation.ts';

type TAnswerInput = TCreateEvaluationRequest['answers'][number];

/**
 * The answers as the audit entry of a new evaluation records them: the item ids by result, and the
 * comments by item id (only items that have one). Every answer is there, as in the request, in a
 * tenth of the size of the request's list — the entry is hashed into the chain, stored and sealed,
 * and its content was most of the audit trail's cost per evaluation.
 */
export function answersInBrief(answers: readonly TAnswerInput[]): {
  pass: number[];
  fail: number[];
  na: number[];
  comments?: Record<string, string>;
} {
  const brief: { pass: number[]; fail: number[]; na: number[]; comments?: Record<string, string> } = {
    pass: [],
    fail: [],
    na: [],
  };
  for (const a of answers) {
    brief[a.result].push(a.item_id);
    if (a.comment !== undefined && a.comment !== null) (brief.comments ??= {})[String(a.item_id)] = a.comment;
  }
  return brief;
}
