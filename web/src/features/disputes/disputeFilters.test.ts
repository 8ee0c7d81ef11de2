import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disputesLink, parseDisputeFilters } from './disputeFilters.ts';

describe('dispute filters in the address', () => {
  it('round-trips the accuracy drill-down link', () => {
    const link = disputesLink({ evaluator_id: 7, month: '2026-11', outcome: 'inspector_error' });
    assert.equal(link, '/disputes?show=all&evaluator_id=7&month=2026-11&outcome=inspector_error');
    assert.deepEqual(parseDisputeFilters(new URLSearchParams(link.split('?')[1])), {
      show: 'all',
      evaluator_id: 7,
      month: '2026-11',
      outcome: 'inspector_error',
      status: undefined,
    });
  });

  it('drops values the API would refuse, and shows open disputes by default', () => {
    assert.deepEqual(
      parseDisputeFilters(new URLSearchParams('show=x&evaluator_id=0&month=2026-13&outcome=upheld')),
      { show: 'open', evaluator_id: undefined, month: undefined, outcome: undefined, status: undefined },
    );
    assert.deepEqual(parseDisputeFilters(new URLSearchParams('evaluator_id=1.5&month=2026-1')), {
      show: 'open',
      evaluator_id: undefined,
      month: undefined,
      outcome: undefined,
      status: undefined,
    });
  });

  it('links the home cards to the disputes they count: open ones at one stage', () => {
    const link = disputesLink({ show: 'open', status: 'team_leader' });
    assert.equal(link, '/disputes?status=team_leader');
    const filters = parseDisputeFilters(new URLSearchParams(link.split('?')[1]));
    assert.equal(filters.show, 'open');
    assert.equal(filters.status, 'team_leader');
    assert.equal(disputesLink({ show: 'open', status: 'qa_review' }), '/disputes?status=qa_review');
    assert.equal(parseDisputeFilters(new URLSearchParams('status=closed')).status, undefined);
  });
});
