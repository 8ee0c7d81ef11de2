import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disputeStepStates, stepStatus } from './dispute-steps.ts';

const at = '2026-11-02T03:00:00.000Z';

describe('dispute steps', () => {
  it('waits on the team leader first, the review still ahead', () => {
    const s = disputeStepStates({
      status: 'team_leader',
      leader_decision: null,
      leader_decided_at: null,
      reviewed_at: null,
    });
    assert.deepEqual(s, { leader: 'waiting', review: 'ahead' });
    assert.equal(stepStatus(s.review), 'wait');
  });

  it('a team leader who upholds skips the QA review: not ticked', () => {
    const s = disputeStepStates({
      status: 'upheld',
      leader_decision: 'upheld',
      leader_decided_at: at,
      reviewed_at: null,
    });
    assert.deepEqual(s, { leader: 'done', review: 'skipped' });
    assert.equal(stepStatus(s.leader), 'finish');
    assert.equal(stepStatus(s.review), 'wait');
  });

  it('forwarded: the review waits, then is done either way', () => {
    const forwarded = { leader_decision: 'forwarded', leader_decided_at: at } as const;
    assert.deepEqual(disputeStepStates({ ...forwarded, status: 'qa_review', reviewed_at: null }), {
      leader: 'done',
      review: 'waiting',
    });
    assert.equal(stepStatus('waiting'), 'process');
    for (const status of ['upheld', 'corrected'] as const)
      assert.deepEqual(disputeStepStates({ ...forwarded, status, reviewed_at: at }), {
        leader: 'done',
        review: 'done',
      });
  });
});
