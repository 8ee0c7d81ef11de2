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
