import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import {
  type CorrectionState,
  answersOf,
  changedAnswers,
  correctedAnswers,
  correctionStart,
  setAsideComment,
  withCorrectedAnswer,
  withInspectorComment,
} from './correctionAnswers.ts';
import type { AnswerDraft } from './ScorecardPanel.tsx';

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

const start = correctionStart(original);
/** What the form does when the lead clicks a result (the comment box as it stands). */
const click = (state: CorrectionState, itemId: number, result: NonNullable<AnswerDraft['result']>) =>
  withCorrectedAnswer(original, state, itemId, { comment: state.answers[itemId]?.comment ?? '', result });
const type = (state: CorrectionState, itemId: number, comment: string) =>
  withCorrectedAnswer(original, state, itemId, { result: state.answers[itemId]?.result, comment });

describe('the correction form’s answers', () => {
  it('clears the inspector’s comment when the lead flips the result, and sends it cleared', () => {
    const flipped = click(start, IDENTITY, 'pass');
    assert.deepEqual(flipped.answers[IDENTITY], { result: 'pass', comment: '' });
    assert.equal(setAsideComment(original, flipped, IDENTITY), '未核实客户身份');
    assert.deepEqual(correctedAnswers(form, flipped.answers), [
      { item_id: IDENTITY, result: 'pass', comment: null },
      { item_id: GREETING, result: 'pass', comment: '开场白规范' },
      { item_id: CLOSING, result: 'fail', comment: null },
    ]);
    // The evaluation it started from is not touched.
    assert.equal(original[IDENTITY]?.comment, '未核实客户身份');
  });

  it('keeps comments on items whose result did not change', () => {
    const answers = click(click(start, IDENTITY, 'pass'), CLOSING, 'fail');
    assert.deepEqual(answers.answers[GREETING], { result: 'pass', comment: '开场白规范' });
    assert.equal(setAsideComment(original, answers, GREETING), null);
    assert.equal(setAsideComment(original, answers, CLOSING), null, 'no comment to set aside');
    const unchanged = correctedAnswers(form, start.answers);
    assert.deepEqual(
      unchanged.map((a) => a.comment),
      ['未核实客户身份', '开场白规范', null],
    );
  });

  it('brings the comment back when the result goes back to the inspector’s', () => {
    const back = click(click(start, IDENTITY, 'pass'), IDENTITY, 'fail');
    assert.deepEqual(back.answers[IDENTITY], { result: 'fail', comment: '未核实客户身份' });
    assert.equal(setAsideComment(original, back, IDENTITY), null);
    // Through N/A too.
    const viaNa = click(click(click(start, IDENTITY, 'pass'), IDENTITY, 'na'), IDENTITY, 'fail');
    assert.equal(viaNa.answers[IDENTITY]?.comment, '未核实客户身份');
  });

  it('"Keep comment" restores it, and a kept comment stays when the result changes again', () => {
    const kept = withInspectorComment(original, click(start, IDENTITY, 'pass'), IDENTITY);
    assert.deepEqual(kept.answers[IDENTITY], { result: 'pass', comment: '未核实客户身份' });
    assert.equal(setAsideComment(original, kept, IDENTITY), null, 'the note goes away');
    assert.equal(correctedAnswers(form, kept.answers)[0]?.comment, '未核实客户身份');
    assert.equal(click(kept, IDENTITY, 'na').answers[IDENTITY]?.comment, '未核实客户身份');
  });

  it('never touches what the lead typed', () => {
    const typed = type(click(start, IDENTITY, 'pass'), IDENTITY, '核实了身份证后四位');
    assert.equal(typed.answers[IDENTITY]?.comment, '核实了身份证后四位');
    // The inspector's comment is still offered beside the lead's.
    assert.equal(setAsideComment(original, typed, IDENTITY), '未核实客户身份');
    assert.equal(click(typed, IDENTITY, 'fail').answers[IDENTITY]?.comment, '核实了身份证后四位');
    // A comment the lead edited before flipping is no longer the inspector's: it stays.
    const edited = click(type(start, IDENTITY, '未核实客户身份，已补核实'), IDENTITY, 'pass');
    assert.equal(edited.answers[IDENTITY]?.comment, '未核实客户身份，已补核实');
    // Editing the comment alone keeps the result and sets nothing aside.
    assert.equal(setAsideComment(original, type(start, GREETING, '很好'), GREETING), null);
  });

  it('does not bring back a comment the lead cleared, however the result moves', () => {
    // The lead removes the inspector's comment on purpose (say it quoted the customer's number)…
    const cleared = type(start, IDENTITY, '');
    // …then misclicks Pass and goes back to Fail: the comment stays removed, nothing is offered.
    const back = click(click(cleared, IDENTITY, 'pass'), IDENTITY, 'fail');
    assert.deepEqual(back.answers[IDENTITY], { result: 'fail', comment: '' });
    assert.equal(setAsideComment(original, back, IDENTITY), null);
    assert.equal(correctedAnswers(form, back.answers)[0]?.comment, null);
  });

  it('still offers the inspector’s comment when the lead typed one and went back to the inspector’s result', () => {
    const typed = type(click(start, IDENTITY, 'pass'), IDENTITY, '核实了身份证后四位');
    const back = click(typed, IDENTITY, 'fail');
    assert.equal(back.answers[IDENTITY]?.comment, '核实了身份证后四位', 'the lead’s text stays');
    assert.equal(
      setAsideComment(original, back, IDENTITY),
      '未核实客户身份',
      'and the inspector’s is offered',
    );
    const kept = withInspectorComment(original, back, IDENTITY);
    assert.deepEqual(kept.answers[IDENTITY], { result: 'fail', comment: '未核实客户身份' });
    assert.equal(setAsideComment(original, kept, IDENTITY), null);
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
    const after = correctedAnswers(form, click(start, IDENTITY, 'pass').answers);
    assert.deepEqual(changedAnswers(before, after), [before[0]]);
    assert.deepEqual(changedAnswers(before, before), []);
    // A comment changed alone counts too.
    const reworded = after.map((a) => (a.item_id === GREETING ? { ...a, comment: '开场白很规范' } : a));
    assert.deepEqual(changedAnswers(before, reworded), [before[0], before[1]]);
  });
});
