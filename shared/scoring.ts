/**
 * The scoring model of SPEC §3, computed once here and used by the browser (live total) and the
 * server (the authority). Pure: no I/O, no dates.
 *
 * - Each item has points (its deduction on failure) and may be fatal.
 * - pass earns the item's points; fail earns nothing; N/A removes the item from the denominator.
 * - score = 100 × earned ÷ applicable, rounded half up to one decimal; all items N/A → 100.
 * - any fatal item failed → score 0 and the evaluation is fatal (致命错误).
 * - passed = not fatal and score ≥ pass mark.
 */
export const ANSWER_RESULTS = ['pass', 'fail', 'na'] as const;
export type AnswerResult = (typeof ANSWER_RESULTS)[number];

export type ScoringItem = {
  id: number;
  points: number;
  fatal: boolean;
  category: string;
};

export type ScoringAnswer = { item_id: number; result: AnswerResult };

export type CategoryTally = {
  /** Items of the category that were applicable (pass or fail). */
  applicable: number;
  passed: number;
};

export type ScoreResult = {
  score: number;
  fatal: boolean;
  passed: boolean;
  /** Points earned and applicable (before the fatal rule), for explaining the score. */
  earned_points: number;
  applicable_points: number;
  failed_item_ids: number[];
  /** Items not applicable: answered N/A, or (in a draft) not answered yet. Every other item of the form passed or failed. */
  na_item_ids: number[];
  fatal_item_ids: number[];
  categories: Record<string, CategoryTally>;
};

/**
 * Whether an evaluation has a score yet. A draft that answers no item has not been scored: the
 * all-N/A rule (100) is for items judged not applicable, not for items nobody has judged. Such a
 * draft's score is null ("not scored yet"), and it is not counted as passed.
 */
export function hasScoreYet(draft: boolean, answered: number): boolean {
  return !draft || answered > 0;
}

/** Points are stored with two decimals; work in hundredths so sums are exact. */
const toCents = (points: number): number => Math.round(points * 100);

/** 100 × earned ÷ applicable, rounded half up to one decimal, using integers only. */
export function percentHalfUp(earnedCents: number, applicableCents: number): number {
  if (applicableCents <= 0) return 100;
  // tenths = round_half_up(1000 × e / a) = floor((2000e + a) / 2a)
  const tenths = Math.floor((2000 * earnedCents + applicableCents) / (2 * applicableCents));
  return tenths / 10;
}

/**
 * Scores one set of answers. Answers must cover the items exactly; use `checkAnswers` first when
 * the input comes from a person or a client.
 */
export function scoreAnswers(
  items: readonly ScoringItem[],
  answers: readonly ScoringAnswer[],
  passMark: number,
): ScoreResult {
  const resultById = new Map(answers.map((a) => [a.item_id, a.result]));
  let earned = 0;
  let applicable = 0;
  const failed: number[] = [];
  const na: number[] = [];
  const fatalFailed: number[] = [];
  const categories: Record<string, CategoryTally> = {};
  for (const item of items) {
    const result = resultById.get(item.id) ?? 'na';
    if (result === 'na') {
      na.push(item.id);
      continue;
    }
    const cents = toCents(item.points);
    applicable += cents;
    const tally = (categories[item.category] ??= { applicable: 0, passed: 0 });
    tally.applicable++;
    if (result === 'pass') {
      earned += cents;
      tally.passed++;
    } else {
      failed.push(item.id);
      if (item.fatal) fatalFailed.push(item.id);
    }
  }
  const fatal = fatalFailed.length > 0;
  const score = fatal ? 0 : percentHalfUp(earned, applicable);
  return {
    score,
    fatal,
    passed: !fatal && score >= passMark,
    earned_points: earned / 100,
    applicable_points: applicable / 100,
    failed_item_ids: failed,
    na_item_ids: na,
    fatal_item_ids: fatalFailed,
    categories,
  };
}

export type AnswerProblem = { index: number | null; item_id: number | null; message: string };

/**
 * Answers must name every item of the form version exactly once, and N/A only where allowed.
 * @returns the problems, empty when the answers are acceptable.
 */
export function checkAnswers(
  items: readonly (ScoringItem & { allow_na: boolean })[],
  answers: readonly ScoringAnswer[],
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const byId = new Map(items.map((i) => [i.id, i]));
  const seen = new Set<number>();
  answers.forEach((answer, index) => {
    const item = byId.get(answer.item_id);
    if (!item) problems.push({ index, item_id: answer.item_id, message: 'not an item of this form version' });
    else if (seen.has(answer.item_id))
      problems.push({ index, item_id: answer.item_id, message: 'answered twice' });
    else if (answer.result === 'na' && !item.allow_na) {
      problems.push({ index, item_id: answer.item_id, message: 'N/A is not allowed for this item' });
    }
    seen.add(answer.item_id);
  });
  for (const item of items) {
    if (!seen.has(item.id)) problems.push({ index: null, item_id: item.id, message: 'not answered' });
  }
  return problems;
}

/** Largest points an item may carry, and the precision (two decimals). */
export const MAX_ITEM_POINTS = 1000;

export function isValidPoints(points: number): boolean {
  return (
    Number.isFinite(points) &&
    points > 0 &&
    points <= MAX_ITEM_POINTS &&
    Math.abs(points * 100 - Math.round(points * 100)) < 1e-9
  );
}
