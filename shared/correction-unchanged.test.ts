import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CorrectionBasis, correctionChangesNothing } from './correction-unchanged.ts';

const basis: CorrectionBasis = {
  answers: [
    { item_id: 1, result: 'pass', comment: null },
    { item_id: 2, result: 'fail', comment: '答错了' },
  ],
  positives: '语气亲切',
  negatives: null,
  marks: [{ id: 7, at_s: 12, turn_index: null, item_id: null, text: '这里答错' }],
};
const same = [
  { item_id: 1, result: 'pass', comment: '' },
  { item_id: 2, result: 'fail', comment: ' 答错了 ' },
];

describe('correctionChangesNothing', () => {
  it('is true for the same answers, comments (blank is none), remarks and pinned comments', () => {
    assert.equal(correctionChangesNothing(basis, { corrected_answers: same }), true);
    assert.equal(
      correctionChangesNothing(basis, {
        corrected_answers: same,
        corrected_positives: '语气亲切',
        corrected_negatives: '',
        corrected_marks: [{ id: 7, at_s: 12, text: '这里答错' }],
      }),
      true,
    );
  });

  it('is false when a result, a comment, a remark or a pinned comment changes', () => {
    const changed = (input: Parameters<typeof correctionChangesNothing>[1]) =>
      assert.equal(correctionChangesNothing(basis, input), false, JSON.stringify(input));
    changed({ corrected_answers: [same[0]!, { item_id: 2, result: 'pass', comment: '答错了' }] });
    changed({ corrected_answers: [same[0]!, { item_id: 2, result: 'fail', comment: '不完整' }] });
    changed({ corrected_answers: [same[0]!] });
    changed({ corrected_answers: same, corrected_positives: null });
    changed({ corrected_answers: same, corrected_negatives: '太慢' });
    changed({ corrected_answers: same, corrected_marks: [] });
    changed({ corrected_answers: same, corrected_marks: [{ id: 7, at_s: 13, text: '这里答错' }] });
    changed({ corrected_answers: same, corrected_marks: [{ at_s: 12, text: '这里答错' }] });
  });
});
