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
    });
  });

  it('drops values the API would refuse, and shows open disputes by default', () => {
    assert.deepEqual(
      parseDisputeFilters(new URLSearchParams('show=x&evaluator_id=0&month=2026-13&outcome=upheld')),
      { show: 'open', evaluator_id: undefined, month: undefined, outcome: undefined },
    );
    assert.deepEqual(parseDisputeFilters(new URLSearchParams('evaluator_id=1.5&month=2026-1')), {
      show: 'open',
      evaluator_id: undefined,
      month: undefined,
      outcome: undefined,
    });
  });
});
