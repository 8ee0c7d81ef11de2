import { AppError } from '../../errors.ts';
import {
  type AnswerResult,
  type ScoreResult,
  type ScoringAnswer,
  checkAnswers,
  scoreAnswers,
} from '../../../../shared/scoring.ts';
import type { ScoringItemRow } from './evaluation.repo.ts';

type AnswerInput = { item_id: number; result: AnswerResult; comment?: string | null };

/**
 * Checks answers against the form version and scores them with the shared engine. A draft may
 * leave items unanswered (scored as N/A for the provisional total); a submitted evaluation must
 * answer every item exactly once (400 otherwise, with the field paths).
 */
export function scoreForVersion(
  items: Pick<ScoringItemRow, 'id' | 'points' | 'fatal' | 'category_key' | 'allow_na'>[],
  answers: AnswerInput[],
  passMark: number,
  complete: boolean,
  field = 'answers',
): ScoreResult {
  const scoringItems = items.map((i) => ({
    id: i.id,
    points: Number(i.points),
    fatal: i.fatal,
    category: i.category_key,
    allow_na: i.allow_na,
  }));
  const problems = checkAnswers(scoringItems, answers).filter(
    (p) => complete || p.message !== 'not answered',
  );
  if (problems.length > 0) {
    const details = problems.map((p) => ({
      path: p.index === null ? [field] : [field, p.index, 'item_id'],
      message: p.item_id === null ? p.message : `item ${p.item_id}: ${p.message}`,
    }));
    throw new AppError(
      'validation_failed',
      `The answers do not match the form version: ${details[0]?.message ?? ''}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}.`,
      details,
    );
  }
  const scoring: ScoringAnswer[] = answers.map((a) => ({ item_id: a.item_id, result: a.result }));
  return scoreAnswers(scoringItems, scoring, passMark);
}

type MarkProblem = { path: (string | number)[]; message: string };

/** 400 naming the first bad pinned comment in the message and every one in the details. */
function refuseMarks(field: string, details: MarkProblem[]): void {
  const first = details[0];
  if (!first) return;
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  throw new AppError(
    'validation_failed',
    `Invalid pinned comment. ${field} ${first.path[1]}: ${first.message}${more}.`,
    details,
  );
}

/**
 * A pinned comment may name only an item of the evaluation's form version (400 with the path of
 * each one that does not, e.g. `marks.1.item_id`).
 */
export function checkMarkItems(
  marks: readonly { item_id?: number | null }[] | undefined,
  items: readonly Pick<ScoringItemRow, 'id'>[],
  field = 'marks',
): void {
  if (!marks) return;
  const ids = new Set(items.map((item) => Number(item.id)));
  const details = marks.flatMap((mark, index) =>
    mark.item_id !== undefined && mark.item_id !== null && !ids.has(mark.item_id)
      ? [{ path: [field, index, 'item_id'], message: `item ${mark.item_id} is not on the form version` }]
      : [],
  );
  refuseMarks(field, details);
}

/**
 * A pinned comment's transcript turn must be one of the contact's turns: `turnCount` is how many
 * the transcript has (null when the evaluation has no contact or the contact no transcript, so no
 * turn can be named). 400 with the path of each one that does not, e.g. `marks.1.turn_index`.
 * Turns in `stored` (those the evaluation's comments already name) pass: they were checked when
 * written, and a later import may have replaced the transcript with a shorter one — the comments
 * already made must not stop a draft's autosave or a correction.
 */
export function checkMarkTurns(
  marks: readonly { turn_index?: number | null }[] | undefined,
  turnCount: number | null,
  field = 'marks',
  stored: readonly { turn_index: number | null }[] = [],
): void {
  if (!marks) return;
  const known = new Set(stored.map((m) => m.turn_index));
  const details = marks.flatMap((mark, index) => {
    const turn = mark.turn_index;
    if (turn === undefined || turn === null || (turnCount !== null && turn < turnCount)) return [];
    if (known.has(turn)) return [];
    const message =
      turnCount === null
        ? `turn ${turn}: the contact has no transcript`
        : `turn ${turn} is not in the transcript (turns 0–${turnCount - 1})`;
    return [{ path: [field, index, 'turn_index'], message }];
  });
  refuseMarks(field, details);
}
