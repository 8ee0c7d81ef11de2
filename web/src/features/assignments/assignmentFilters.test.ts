import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignmentSearch, hasAssignmentFilters, parseAssignmentFilters } from './assignmentFilters.ts';

describe('work-queue filters in the address', () => {
  it('round-trips the CSR, queue and period with the page’s own tab', () => {
    const search = assignmentSearch(
      { agent_id: 12, queue_id: 3, from: '2026-11-01', to: '2026-11-30' },
      {
        tab: 'done',
      },
    );
    assert.equal(search.toString(), 'tab=done&agent_id=12&queue_id=3&from=2026-11-01&to=2026-11-30');
    assert.deepEqual(parseAssignmentFilters(search), {
      agent_id: 12,
      queue_id: 3,
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });

  it('round-trips every filter of the QA lead’s page, and leaves out what is not set', () => {
    const filters = {
      assignee_id: 4,
      agent_id: 5,
      team_id: 6,
      queue_id: 7,
      strategy: 'targeted' as const,
      from: '2026-10-30',
      to: '2026-11-02',
    };
    assert.deepEqual(parseAssignmentFilters(assignmentSearch(filters, { view: undefined })), filters);
    assert.equal(assignmentSearch({}, { tab: undefined }).toString(), '');
    assert.equal(hasAssignmentFilters({}), false);
    assert.equal(hasAssignmentFilters({ queue_id: 7 }), true);
  });

  it('drops values the API would refuse', () => {
    for (const bad of [
      'agent_id=0',
      'agent_id=-2',
      'agent_id=1.5',
      'agent_id=abc',
      'queue_id=',
      'queue_id=99999999999999999999',
      'strategy=everything',
      'from=2026-11-31&to=2026-12-01',
      'from=2026-11-05&to=2026-11-01',
      'from=2026-11-05',
    ]) {
      assert.deepEqual(parseAssignmentFilters(new URLSearchParams(bad)), {}, bad);
    }
  });
});
