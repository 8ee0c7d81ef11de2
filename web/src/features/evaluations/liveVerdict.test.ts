import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveVerdict, storedVerdict } from './liveVerdict.ts';

describe('the live total’s verdict', () => {
  it('gives none before the first answer', () => {
    assert.equal(liveVerdict({ fatal: false, passed: true }, 0, 16), 'unscored');
  });
  it('gives no pass or fail while items are unanswered', () => {
    // 11 of 16 answered with a total of 87.5 is not yet "passed": the rest may fail.
    assert.equal(liveVerdict({ fatal: false, passed: true }, 11, 16), 'provisional');
    assert.equal(liveVerdict({ fatal: false, passed: false }, 15, 16), 'provisional');
  });
  it('says fatal at once: a failed fatal item decides the result', () => {
    assert.equal(liveVerdict({ fatal: true, passed: false }, 1, 16), 'fatal');
    assert.equal(liveVerdict({ fatal: true, passed: false }, 16, 16), 'fatal');
  });
  it('gives the verdict once every item is answered', () => {
    assert.equal(liveVerdict({ fatal: false, passed: true }, 16, 16), 'passed');
    assert.equal(liveVerdict({ fatal: false, passed: false }, 16, 16), 'notPassed');
  });
});

describe('a stored score in lists and pages', () => {
  it("shows a draft's stored total as provisional, not as not scored yet (the home page's drafts)", () => {
    // Every item answered, 87.5: the home card said "not scored yet" for it.
    assert.equal(storedVerdict({ status: 'draft', score: 87.5, fatal: false, passed: true }), 'provisional');
    assert.equal(storedVerdict({ status: 'draft', score: 0, fatal: true, passed: false }), 'fatal');
    assert.equal(storedVerdict({ status: 'draft', score: null, fatal: false, passed: false }), 'unscored');
  });
  it('gives the recorded verdict once submitted', () => {
    assert.equal(storedVerdict({ status: 'submitted', score: 87.5, fatal: false, passed: true }), 'passed');
    assert.equal(
      storedVerdict({ status: 'acknowledged', score: 70, fatal: false, passed: false }),
      'notPassed',
    );
  });
});
