import type { AnswerMap } from './ScorecardPanel.tsx';

/**
 * B16, for pinned comments as `correctionAnswers.ts` does for item comments: a comment the inspector
 * pinned to an item explains the inspector's result on it ("0:39 did not verify identity" on a
 * fail). When the QA lead changes that result, the comment must not stay on the corrected
 * evaluation as if still valid: the correction sets it aside (shown struck with "Keep comment"),
 * and the corrected evaluation goes without it; the retracted revision keeps it in the history.
 */

/** A pinned comment as the correction form holds it (`id` for one the evaluation has). */
export type CorrectionMark = { id?: number; item_id: number | null; kept?: boolean };

/** The items whose result the correction moved away from the inspector's. */
export function changedItems(original: AnswerMap, answers: AnswerMap): ReadonlySet<number> {
  const changed = new Set<number>();
  for (const [key, inspector] of Object.entries(original)) {
    const now = answers[Number(key)];
    if (now && now.result !== inspector.result) changed.add(Number(key));
  }
  return changed;
}

/**
 * Whether the correction sets the comment aside: one the evaluation has (not one the lead pinned),
 * pinned to an item whose result changed, and not kept by the lead.
 */
export function isMarkSetAside(mark: CorrectionMark, changed: ReadonlySet<number>): boolean {
  return mark.id !== undefined && mark.item_id !== null && changed.has(mark.item_id) && mark.kept !== true;
}

/** The marks with the one at `key` kept after all (the lead's choice; it stays if the result changes again). */
export function withKeptMark<M extends CorrectionMark & { key: string }>(
  marks: readonly M[],
  key: string,
): M[] {
  return marks.map((m) => (m.key === key ? { ...m, kept: true } : m));
}
