import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import {
  answersOf,
  changedAnswers,
  correctedAnswers,
  setAsideComment,
  withCorrectedAnswer,
  withInspectorComment,
} from './correctionAnswers.ts';
import type { AnswerDraft, AnswerMap } from './ScorecardPanel.tsx';

// The inspector failed identity (with a reason), passed the greeting (with praise), failed the
// closing without a comment.
const IDENTITY = 1;
const GREETING = 2;
const CLOSING = 3;
const original = answersOf({
  answers: [
    { item_id: IDENTITY, result: 'fail', comment: '未核实客户身份' },
    { item_id: GREETING, result: 'pass', comment: '开场白规范' },
    { item_id: CLOSING, result: 'fail', comment: null },
  ],
});
const form = { sections: [{ items: [{ id: IDENTITY }, { id: GREETING }, { id: CLOSING }] }] };

/** What the form does when the lead clicks a result (the comment box as it stands). */
const click = (answers: AnswerMap, itemId: number, result: NonNullable<AnswerDraft['result']>) =>
  withCorrectedAnswer(original, answers, itemId, { comment: answers[itemId]?.comment ?? '', result });
const type = (answers: AnswerMap, itemId: number, comment: string) =>
  withCorrectedAnswer(original, answers, itemId, { result: answers[itemId]?.result, comment });

describe('the correction form’s answers', () => {
  it('clears the inspector’s comment when the lead flips the result, and sends it cleared', () => {
    const flipped = click(original, IDENTITY, 'pass');
    assert.deepEqual(flipped[IDENTITY], { result: 'pass', comment: '' });
    assert.equal(setAsideComment(original, flipped, IDENTITY), '未核实客户身份');
    assert.deepEqual(correctedAnswers(form, flipped), [
      { item_id: IDENTITY, result: 'pass', comment: null },
      { item_id: GREETING, result: 'pass', comment: '开场白规范' },
      { item_id: CLOSING, result: 'fail', comment: null },
    ]);
    // The evaluation it started from is not touched.
    assert.equal(original[IDENTITY]?.comment, '未核实客户身份');
  });

  it('keeps comments on items whose result did not change', () => {
    const answers = click(click(original, IDENTITY, 'pass'), CLOSING, 'fail');
    assert.deepEqual(answers[GREETING], { result: 'pass', comment: '开场白规范' });
    assert.equal(setAsideComment(original, answers, GREETING), null);
    assert.equal(setAsideComment(original, answers, CLOSING), null, 'no comment to set aside');
    const unchanged = correctedAnswers(form, original);
    assert.deepEqual(
      unchanged.map((a) => a.comment),
      ['未核实客户身份', '开场白规范', null],
    );
  });

  it('brings the comment back when the result goes back to the inspector’s', () => {
    const back = click(click(original, IDENTITY, 'pass'), IDENTITY, 'fail');
    assert.deepEqual(back[IDENTITY], { result: 'fail', comment: '未核实客户身份' });
    assert.equal(setAsideComment(original, back, IDENTITY), null);
    // Through N/A too.
    const viaNa = click(click(click(original, IDENTITY, 'pass'), IDENTITY, 'na'), IDENTITY, 'fail');
    assert.equal(viaNa[IDENTITY]?.comment, '未核实客户身份');
  });

  it('"Keep comment" restores it, and a kept comment stays when the result changes again', () => {
    const kept = withInspectorComment(original, click(original, IDENTITY, 'pass'), IDENTITY);
    assert.deepEqual(kept[IDENTITY], { result: 'pass', comment: '未核实客户身份' });
    assert.equal(setAsideComment(original, kept, IDENTITY), null, 'the note goes away');
    assert.equal(correctedAnswers(form, kept)[0]?.comment, '未核实客户身份');
    assert.equal(click(kept, IDENTITY, 'na')[IDENTITY]?.comment, '未核实客户身份');
  });

  it('never touches what the lead typed', () => {
    const typed = type(click(original, IDENTITY, 'pass'), IDENTITY, '核实了身份证后四位');
    assert.equal(typed[IDENTITY]?.comment, '核实了身份证后四位');
    // The inspector's comment is still offered beside the lead's.
    assert.equal(setAsideComment(original, typed, IDENTITY), '未核实客户身份');
    assert.equal(click(typed, IDENTITY, 'fail')[IDENTITY]?.comment, '核实了身份证后四位');
    // A comment the lead edited before flipping is no longer the inspector's: it stays.
    const edited = click(type(original, IDENTITY, '未核实客户身份，已补核实'), IDENTITY, 'pass');
    assert.equal(edited[IDENTITY]?.comment, '未核实客户身份，已补核实');
    // Editing the comment alone keeps the result and sets nothing aside.
    assert.equal(setAsideComment(original, type(original, GREETING, '很好'), GREETING), null);
  });

  it('has the note and the action in both languages', async () => {
    for (const lng of ['en', 'zh-CN'] as const) {
      const t = await translator(lng);
      const note = t('evaluations.review.commentSetAside', { result: t('evaluations.result.fail') });
      assert.match(note, lng === 'en' ? /inspector's comment.*“Fail”/ : /质检员.*“不合格”/);
      assert.equal(t('evaluations.review.keepComment'), lng === 'en' ? 'Keep comment' : '保留原评语');
    }
  });
});

describe('what the history shows of a correction’s answers', () => {
  it('lists the earlier revision’s answers the correction changed, with their comments as they were', () => {
    const before = [
      { item_id: IDENTITY, result: 'fail' as const, comment: '未核实客户身份' },
      { item_id: GREETING, result: 'pass' as const, comment: '开场白规范' },
      { item_id: CLOSING, result: 'fail' as const, comment: null },
    ];
    const after = correctedAnswers(form, click(original, IDENTITY, 'pass'));
    assert.deepEqual(changedAnswers(before, after), [before[0]]);
    assert.deepEqual(changedAnswers(before, before), []);
    // A comment changed alone counts too.
    const reworded = after.map((a) => (a.item_id === GREETING ? { ...a, comment: '开场白很规范' } : a));
    assert.deepEqual(changedAnswers(before, reworded), [before[0], before[1]]);
  });
});
