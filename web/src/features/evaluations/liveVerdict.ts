import type { TEvaluation } from '../../../../shared/schemas/evaluation.ts';
import { hasScoreYet, type ScoreResult } from '../../../../shared/scoring.ts';

/**
 * What the workspace's live total may say of the answers so far:
 * - `unscored`: nothing answered yet (no score, no verdict);
 * - `fatal`: a fatal item failed — the score is 0 whatever the rest, so this is final;
 * - `provisional`: some items still unanswered — the total so far, but no pass/fail verdict,
 *   which could change with the remaining items;
 * - `passed` / `notPassed`: every item answered, the verdict the server will record.
 */
export type LiveVerdict = 'unscored' | 'fatal' | 'provisional' | 'passed' | 'notPassed';

export function liveVerdict(
  result: Pick<ScoreResult, 'fatal' | 'passed'>,
  answered: number,
  total: number,
): LiveVerdict {
  if (!hasScoreYet(true, answered)) return 'unscored';
  if (result.fatal) return 'fatal';
  if (answered < total) return 'provisional';
  return result.passed ? 'passed' : 'notPassed';
}

/**
 * What a list or a page says of an evaluation's stored score. A draft's score is the provisional
 * total of its answers so far (the server stores it with each save; null until an item is
 * answered): shown, but without a pass/fail verdict, which only submitting records — except a fatal
 * error, which makes it 0 whatever the rest.
 */
export function storedVerdict(e: Pick<TEvaluation, 'status' | 'score' | 'fatal' | 'passed'>): LiveVerdict {
  if (e.score === null) return 'unscored';
  if (e.fatal) return 'fatal';
  if (e.status === 'draft') return 'provisional';
  return e.passed ? 'passed' : 'notPassed';
}
