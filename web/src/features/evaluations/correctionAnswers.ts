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
 * The correction form's state: the answers, and the items whose inspector's comment the form set
 * aside (cleared when their result moved away from the inspector's). Only what the form set aside
 * ever comes back by itself; what the lead cleared or typed is the lead's.
 */
export type CorrectionState = { answers: AnswerMap; setAside: ReadonlySet<number> };

/** The form as it opens: the inspector's answers, nothing set aside. */
export function correctionStart(original: AnswerMap): CorrectionState {
  return { answers: original, setAside: new Set() };
}

/**
 * The state after the QA lead changed one item. When its result moves away from the inspector's
 * and its comment is still the inspector's, the comment is set aside (cleared; the form offers it
 * back, `setAsideComment`). When the result returns to the inspector's and the box is empty, a
 * comment the form set aside comes back; one the lead cleared does not. A comment the lead typed is
 * never touched, nor is a comment kept on purpose when the result changes again (fail → pass, kept,
 * → N/A).
 */
export function withCorrectedAnswer(
  original: AnswerMap,
  state: CorrectionState,
  itemId: number,
  next: AnswerDraft,
): CorrectionState {
  const inspector = original[itemId];
  const before = state.answers[itemId];
  let comment = next.comment;
  let setAside = state.setAside;
  if (inspector?.comment.trim() && before && next.result !== before.result) {
    const leavesInspectors = before.result === inspector.result && next.result !== inspector.result;
    const returnsToInspectors = before.result !== inspector.result && next.result === inspector.result;
    if (leavesInspectors && same(comment, inspector.comment)) {
      comment = '';
      setAside = new Set(setAside).add(itemId);
    } else if (returnsToInspectors && setAside.has(itemId) && comment.trim() === '') {
      comment = inspector.comment;
      setAside = without(setAside, itemId);
    }
  }
  return { answers: { ...state.answers, [itemId]: { ...next, comment } }, setAside };
}

/**
 * The inspector's comment the form set aside on an item, while it is not in the comment box (empty,
 * or the lead's text): the form shows it with "Keep comment". Null otherwise.
 */
export function setAsideComment(original: AnswerMap, state: CorrectionState, itemId: number): string | null {
  const inspector = original[itemId];
  const now = state.answers[itemId];
  if (!inspector?.comment.trim() || !now || !state.setAside.has(itemId)) return null;
  return same(now.comment, inspector.comment) ? null : inspector.comment;
}

/** The state with the inspector's comment on the item kept after all (in place of the box's text). */
export function withInspectorComment(
  original: AnswerMap,
  state: CorrectionState,
  itemId: number,
): CorrectionState {
  const inspector = original[itemId];
  const now = state.answers[itemId];
  if (!inspector || !now) return state;
  return {
    answers: { ...state.answers, [itemId]: { ...now, comment: inspector.comment } },
    setAside: without(state.setAside, itemId),
  };
}

function without(set: ReadonlySet<number>, id: number): ReadonlySet<number> {
  const copy = new Set(set);
  copy.delete(id);
  return copy;
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
