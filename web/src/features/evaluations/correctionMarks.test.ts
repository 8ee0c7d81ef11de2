import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answersOf, correctionStart, withCorrectedAnswer } from './correctionAnswers.ts';
import { changedItems, isMarkSetAside, withKeptMark } from './correctionMarks.ts';
import { type RemarksDraft, remarksCorrection } from './RemarksCorrection.tsx';

const IDENTITY = 1;
const GREETING = 2;
const original = answersOf({
  answers: [
    { item_id: IDENTITY, result: 'fail', comment: '未核实客户身份' },
    { item_id: GREETING, result: 'pass', comment: null },
  ],
});
const draft: RemarksDraft = {
  positives: '',
  negatives: '',
  marks: [
    { key: 'm1', id: 1, at_s: 39, turn_index: null, item_id: IDENTITY, text: '0:39 未核实身份就办理' },
    { key: 'm2', id: 2, at_s: 12, turn_index: null, item_id: GREETING, text: '开场白规范' },
    { key: 'm3', id: 3, at_s: 50, turn_index: null, item_id: null, text: '语速偏快' },
    { key: 'new1', at_s: 5, turn_index: null, item_id: IDENTITY, text: '第 5 秒已核实身份' },
  ],
};
const flip = (itemId: number, result: 'pass' | 'fail' | 'na') =>
  withCorrectedAnswer(original, correctionStart(original), itemId, { result, comment: '' }).answers;

describe('pinned comments in a correction', () => {
  it('finds the items whose result the lead changed', () => {
    assert.deepEqual([...changedItems(original, original)], []);
    assert.deepEqual([...changedItems(original, flip(IDENTITY, 'pass'))], [IDENTITY]);
  });

  it("sets aside the inspector's comment pinned to a flipped item, and the correction goes without it", () => {
    const changed = changedItems(original, flip(IDENTITY, 'pass'));
    assert.deepEqual(
      draft.marks.filter((m) => isMarkSetAside(m, changed)).map((m) => m.key),
      ['m1'],
      "only the inspector's comment on the flipped item; not the lead's new one, nor others",
    );
    assert.deepEqual(
      remarksCorrection(draft, changed).corrected_marks.map((m) => m.text),
      ['开场白规范', '语速偏快', '第 5 秒已核实身份'],
    );
  });

  it('keeps everything when no result changed, and a comment the lead kept', () => {
    assert.equal(remarksCorrection(draft, new Set()).corrected_marks.length, 4);
    const changed = changedItems(original, flip(IDENTITY, 'pass'));
    const kept = { ...draft, marks: withKeptMark(draft.marks, 'm1') };
    const first = kept.marks[0];
    assert.ok(first);
    assert.equal(isMarkSetAside(first, changed), false);
    assert.deepEqual(
      remarksCorrection(kept, changed).corrected_marks.map((m) => m.id ?? null),
      [1, 2, 3, null],
    );
  });
});
