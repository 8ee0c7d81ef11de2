import type { AnswerResult } from '../../../../shared/scoring.ts';
import { scoreAnswers } from '../../../../shared/scoring.ts';
import type { InteractionTraits } from '../interactions.ts';
import type { Rng } from '../random.ts';
import { type FormSeed, ITEM_COMMENTS } from './forms.ts';

/** What inspectors write: praise, criticism per category, item comments, dispute reasons. */
export const POSITIVES = [
  '语气亲切，耐心细致，客户表示满意',
  '业务解答准确，一次性解决客户问题',
  '主动核实身份，流程规范',
  '面对情绪激动的客户能够有效安抚',
  '主动推荐合适套餐，服务意识强',
  '复述确认到位，记录完整',
];

export const NEGATIVES_BY_CATEGORY: Record<string, string[]> = {
  phrasing: ['未使用标准问候语或结束语', '出现口头禅“那个”“就是说”', '使用了服务禁语'],
  communication: ['多次打断客户，未复述确认需求', '语速过快，客户多次要求重复'],
  attitude: ['语气生硬，缺乏耐心', '与客户发生争执', '对客户情绪缺乏安抚'],
  knowledge: ['业务解答不完整，需加强业务学习', '费用解释有误', '政策口径不准确'],
  process: ['未按规定核实客户身份', '工单记录不完整', '承诺了无法兑现的减免'],
};

export const DISPUTE_REASONS = [
  '当时客户已经确认过身份，录音后半段可以听到',
  '我使用了标准结束语，只是客户先挂断了',
  '该业务规定在上周刚更新，我按新口径解答的',
  '客户情绪激动，我并没有与客户争吵',
  '系统当时无法查询，我已按流程登记工单并告知客户',
];

export type Answer = { item_id: number; result: AnswerResult; comment: string | null };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * An inspector's answers for one contact of a CSR with `skill` (0–1). Items follow the
 * transcript where it says something (greeting, closing, forbidden words); the others fail with a
 * probability from the skill and the item's difficulty; fatal items fail rarely.
 */
export function answersFor(
  rng: Rng,
  form: FormSeed,
  skill: number,
  traits: InteractionTraits | null,
): Answer[] {
  // A CSR at skill 0.9 fails an ordinary item about one time in twenty: most checks pass the pass
  // mark, a few items fail often enough to stand out (their `difficulty`).
  const failBase = clamp(0.6 - 0.6 * skill, 0.01, 0.6);
  return form.items.map(({ id, spec }) => {
    let result: AnswerResult;
    if (spec.naShare && rng.chance(spec.naShare)) result = 'na';
    else if (traits && spec.trait === 'greeting') result = traits.greeting ? 'pass' : 'fail';
    else if (traits && spec.trait === 'closing') result = traits.closing ? 'pass' : 'fail';
    else if (traits && spec.trait === 'wording') result = traits.forbidden.length > 0 ? 'fail' : 'pass';
    else if (spec.fatal) result = rng.chance((1 - skill) * 0.035 * (spec.difficulty ?? 1)) ? 'fail' : 'pass';
    else result = rng.chance(clamp(failBase * (spec.difficulty ?? 1), 0, 0.8)) ? 'fail' : 'pass';
    let comment: string | null = null;
    if (result === 'fail') {
      comment =
        spec.trait === 'wording' && traits?.forbidden[0]
          ? `出现服务禁语“${traits.forbidden[0]}”`
          : rng.pick(ITEM_COMMENTS[spec.key] ?? NEGATIVES_BY_CATEGORY[spec.category] ?? ['需改进']);
    }
    return { item_id: id, result, comment };
  });
}

/** An evaluation row's score and answer tally (failed and N/A item ids). */
export type Scored = {
  score: number;
  fatal: boolean;
  passed: boolean;
  failed_item_ids: number[];
  na_item_ids: number[];
};

/** The server's score for these answers (the shared engine), as an evaluation row holds it. */
export function scoreFor(form: FormSeed, answers: Answer[]): Scored {
  const scoring = form.items.map((i) => ({
    id: i.id,
    points: i.spec.points,
    fatal: i.spec.fatal ?? false,
    category: i.spec.category,
  }));
  const { score, fatal, passed, failed_item_ids, na_item_ids } = scoreAnswers(
    scoring,
    answers,
    form.passMark,
  );
  return { score, fatal, passed, failed_item_ids, na_item_ids };
}

/** The remarks of a submitted evaluation: praise when it went well, criticism from the failed items. */
export function remarksFor(
  rng: Rng,
  _form: FormSeed,
  answers: Answer[],
  score: number,
): { positives: string | null; negatives: string | null } {
  const comments = [
    ...new Set(answers.filter((a) => a.result === 'fail' && a.comment).map((a) => a.comment)),
  ];
  return {
    positives: score >= 90 || rng.chance(0.25) ? rng.pick(POSITIVES) : null,
    negatives: comments.length > 0 ? comments.slice(0, 2).join('；') : null,
  };
}
