/**
 * B16: a QA lead's correction must change something. One that gives every item the result and
 * comment it has, and keeps the remarks and pinned comments (where it sends them) as they are, is
 * an uphold in disguise: it would make a revision with the same score, tell the CSR and the
 * inspector "87.5 → 87.5" and count an overturn against the inspector. The server refuses it (400)
 * and the review panel keeps its save button off, by this one rule.
 */

/** What the evaluation is now: the current revision's answers, remarks and pinned comments. */
export type CorrectionBasis = {
  answers: readonly { item_id: number; result: string; comment: string | null }[];
  positives: string | null;
  negatives: string | null;
  marks: readonly {
    id: number;
    at_s: number | null;
    turn_index: number | null;
    item_id: number | null;
    text: string;
  }[];
};

/** The correction's fields (omitted remarks or comments keep the current ones). */
export type CorrectionFields = {
  corrected_answers?: readonly { item_id: number; result: string; comment?: string | null }[];
  corrected_positives?: string | null;
  corrected_negatives?: string | null;
  corrected_marks?: readonly {
    id?: number;
    at_s?: number | null;
    turn_index?: number | null;
    item_id?: number | null;
    text: string;
  }[];
};

/** Blank (null, empty, spaces) is none. */
const text = (s: string | null | undefined): string => (s ?? '').trim();

const answerKey = (a: { result: string; comment?: string | null }) => `${a.result}\u0000${text(a.comment)}`;

/** Whether the correction would change nothing at all (see above). */
export function correctionChangesNothing(basis: CorrectionBasis, input: CorrectionFields): boolean {
  const corrected = input.corrected_answers ?? [];
  const before = new Map(basis.answers.map((a) => [a.item_id, answerKey(a)]));
  if (corrected.length !== before.size) return false;
  for (const a of corrected) if (before.get(a.item_id) !== answerKey(a)) return false;
  if (input.corrected_positives !== undefined && text(input.corrected_positives) !== text(basis.positives))
    return false;
  if (input.corrected_negatives !== undefined && text(input.corrected_negatives) !== text(basis.negatives))
    return false;
  if (input.corrected_marks !== undefined) {
    if (input.corrected_marks.length !== basis.marks.length) return false;
    const byId = new Map(basis.marks.map((m) => [m.id, m]));
    const seen = new Set<number>();
    for (const m of input.corrected_marks) {
      const old = m.id === undefined ? undefined : byId.get(m.id);
      if (!old || seen.has(old.id)) return false;
      seen.add(old.id);
      if (
        text(old.text) !== text(m.text) ||
        old.at_s !== (m.at_s ?? null) ||
        old.turn_index !== (m.turn_index ?? null) ||
        old.item_id !== (m.item_id ?? null)
      )
        return false;
    }
  }
  return true;
}
