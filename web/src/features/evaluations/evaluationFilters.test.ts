import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluationChecksLink, evaluationSearch, parseEvaluationFilters } from './evaluationFilters.ts';

const parse = (qs: string) => parseEvaluationFilters(new URLSearchParams(qs));

describe('evaluation filters in the address', () => {
  it('links a CSR’s day as the compliance board counts it, and reads the link back', () => {
    const link = evaluationChecksLink(42, '2026-11-03');
    assert.equal(link, '/evaluations?agent_id=42&drafts=false&from=2026-11-03&to=2026-11-03');
    assert.deepEqual(parse(link.split('?')[1] ?? ''), {
      agent_id: 42,
      drafts: false,
      from: '2026-11-03',
      to: '2026-11-03',
    });
    assert.equal(
      evaluationChecksLink(42, '2026-11-01', '2026-11-30'),
      '/evaluations?agent_id=42&drafts=false&from=2026-11-01&to=2026-11-30',
    );
  });

  it('round-trips every filter of the list', () => {
    const filters = {
      agent_id: 1,
      evaluator_id: 2,
      team_id: 3,
      status: 'disputed' as const,
      method: 'on_site' as const,
      fatal: true,
      passed: false,
      overdue: false,
      from: '2026-10-01',
      to: '2026-10-31',
    };
    assert.deepEqual(parse(evaluationSearch(filters).toString()), filters);
    assert.equal(evaluationSearch({}).toString(), '');
    assert.deepEqual(parse('from=2026-11-01'), { from: '2026-11-01' }, 'one end of a period is kept');
  });

  it('drops values the API would refuse, and a status makes drafts=false moot', () => {
    assert.deepEqual(
      parse(
        'agent_id=0&evaluator_id=1.5&team_id=x&status=open&method=guess&fatal=yes&passed=1&overdue=&drafts=true',
      ),
      {},
    );
    assert.deepEqual(parse('from=2026-02-30&to=2026-03-01'), { to: '2026-03-01' });
    assert.deepEqual(parse('from=2026-11-05&to=2026-11-01'), {}, 'a backwards period is dropped');
    assert.deepEqual(parse('status=draft&drafts=false'), { status: 'draft' });
  });
});
