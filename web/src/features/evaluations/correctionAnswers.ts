import type { TEvaluationDetail } from '../../../../shared/schemas/evaluation.ts';
import type { AnswerDraft, AnswerMap } from './ScorecardPanel.tsx';

/**
 * B16: the answers in the QA lead's correction form. An item's comment explains the inspector's
 * result ("did not verify identity" on a fail), so it must not follow the item to another result
 * unnoticed: the CSR would read a passed item with a comment saying why it failed.
 */

/** The evaluation's current answers, as the correction starts from them (the inspector's). */
export function answersOf(evaluation: Pick<TEvaluationDetail, 'answers'>): AnswerMap {
  return Object.fromEntries(
    evaluation.answers.map((a) => [a.item_id, { result: a.result, comment: a.comment ?? '' }]),
  );
}

const same = (a: string, b: string) => a.trim() === b.trim();

/**
 * The answers with one item's changed by the QA lead. When its result moves away from the
 * inspector's and its comment is still the inspector's, the comment is set aside (cleared; the form
 * offers it back, `setAsideComment`). When the result returns to the inspector's and the comment box
 * is empty, the inspector's comment comes back. A comment the lead typed is never touched, nor is a
 * comment kept on purpose when the result changes again (say fail → pass, kept, → N/A).
 */
export function withCorrectedAnswer(
  original: AnswerMap,
  answers: AnswerMap,
  itemId: number,
  next: AnswerDraft,
): AnswerMap {
  const inspector = original[itemId];
  const before = answers[itemId];
  let comment = next.comment;
  if (inspector?.comment && before && next.result !== before.result) {
    const leavesInspectors = before.result === inspector.result && next.result !== inspector.result;
    const returnsToInspectors = before.result !== inspector.result && next.result === inspector.result;
    if (leavesInspectors && same(comment, inspector.comment)) comment = '';
    else if (returnsToInspectors && comment.trim() === '') comment = inspector.comment;
  }
  return { ...answers, [itemId]: { ...next, comment } };
}

/**
 * The inspector's comment on an item whose result the correction changed, when it is not in the
 * comment box (set aside, or replaced by the lead's): the form shows it with "Keep comment". Null
 * otherwise (result unchanged, no comment, or the comment kept).
 */
export function setAsideComment(original: AnswerMap, answers: AnswerMap, itemId: number): string | null {
  const inspector = original[itemId];
  const now = answers[itemId];
  if (!inspector?.comment.trim() || !now || now.result === inspector.result) return null;
  return same(now.comment, inspector.comment) ? null : inspector.comment;
}

/** The answers with the inspector's comment on the item kept after all (in place of the box's text). */
export function withInspectorComment(original: AnswerMap, answers: AnswerMap, itemId: number): AnswerMap {
  const inspector = original[itemId];
  const now = answers[itemId];
  if (!inspector || !now) return answers;
  return { ...answers, [itemId]: { ...now, comment: inspector.comment } };
}

/** The corrected answers as the decision sends them: answered items in the form's order. */
export function correctedAnswers(
  form: { sections: readonly { items: readonly { id: number }[] }[] },
  answers: AnswerMap,
): { item_id: number; result: NonNullable<AnswerDraft['result']>; comment: string | null }[] {
  return form.sections
    .flatMap((s) => s.items)
    .flatMap((i) => {
      const a = answers[i.id];
      return a?.result ? [{ item_id: i.id, result: a.result, comment: a.comment.trim() || null }] : [];
    });
}

type RevisionAnswer = { item_id: number; result: string; comment: string | null };

/**
 * For the history: the answers of the revision before a correction that the correction changed
 * (result or comment), as they were, in that revision's order.
 */
export function changedAnswers<A extends RevisionAnswer>(
  previous: readonly A[],
  current: readonly RevisionAnswer[],
): A[] {
  const now = new Map(current.map((a) => [a.item_id, a]));
  return previous.filter((a) => {
    const b = now.get(a.item_id);
    return !b || b.result !== a.result || (b.comment ?? '') !== (a.comment ?? '');
  });
}
