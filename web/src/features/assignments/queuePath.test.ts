import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completedOf, evaluatePath, queuePath } from './api.ts';

describe('the way from the work queue to the workspace and back', () => {
  const row = { id: 12, interaction_id: 345, draft_evaluation_id: null };

  it('carries the queue as the inspector left it (tab, CSR, queue), without the last banner', () => {
    const left = new URLSearchParams('tab=all&agent_id=7&queue_id=2&completed=11&evaluation=90');
    const path = evaluatePath(row, left);
    assert.equal(
      path,
      '/evaluate?interaction=345&assignment=12&back=tab%3Dall%26agent_id%3D7%26queue_id%3D2',
    );
    const back = new URL(path, 'http://x').searchParams.get('back');
    const done = queuePath(back, { assignment: 12, evaluation: 91 });
    assert.equal(done, '/assignments?tab=all&agent_id=7&queue_id=2&completed=12&evaluation=91');
    // The banner reads which assignment was completed and links to the evaluation submitted for it.
    assert.deepEqual(completedOf(new URL(done, 'http://x').searchParams), { assignment: 12, evaluation: 91 });
    assert.equal(queuePath(back), '/assignments?tab=all&agent_id=7&queue_id=2');
  });

  it('goes to the plain queue when it was unfiltered or the link has no way back', () => {
    assert.equal(
      evaluatePath({ ...row, draft_evaluation_id: 99 }, new URLSearchParams()),
      '/evaluate?draft=99&assignment=12',
    );
    assert.equal(evaluatePath(row), '/evaluate?interaction=345&assignment=12');
    assert.equal(
      queuePath(null, { assignment: 12, evaluation: 91 }),
      '/assignments?completed=12&evaluation=91',
    );
    assert.equal(queuePath(null), '/assignments');
  });

  it('stays on the queue page whatever the address holds', () => {
    assert.equal(queuePath('//evil.example/x?y=1'), '/assignments?%2F%2Fevil.example%2Fx%3Fy=1');
    assert.ok(queuePath('https://evil.example').startsWith('/assignments?'));
  });

  it('reads the banner’s assignment and evaluation only as positive ids, the evaluation with its assignment', () => {
    const of = (qs: string) => completedOf(new URLSearchParams(qs));
    assert.deepEqual(of(''), { assignment: null, evaluation: null });
    assert.deepEqual(
      of('completed=12'),
      { assignment: 12, evaluation: null },
      'an older link: no link to show',
    );
    assert.deepEqual(of('evaluation=91'), { assignment: null, evaluation: null });
    for (const bad of ['0', '-1', '1.5', 'x', '99999999999999999999'])
      assert.deepEqual(of(`completed=12&evaluation=${bad}`), { assignment: 12, evaluation: null }, bad);
  });
});
