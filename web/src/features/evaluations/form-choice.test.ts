import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupFormsForQueue, orderFormsForQueue } from './form-choice.ts';

const form = (id: number, queue_ids: number[]) => ({ id, queue_ids });

describe('the scorecards offered for a contact', () => {
  // As GET /forms?status=active&queue_id=2 answers them: by name, the queue's own and all-queue forms mixed.
  const answered = [form(1, []), form(2, [2]), form(3, [1, 2]), form(4, [])];

  it('puts the forms made for the queue first, then the forms for every queue, and picks a queue form', () => {
    const ordered = orderFormsForQueue(answered, 2);
    assert.deepEqual(
      ordered.map((f) => f.id),
      [2, 3, 1, 4],
    );
    assert.equal(ordered[0]?.id, 2, 'the default is a form made for the queue');
  });

  it('offers the forms for every queue when the queue has none of its own', () => {
    assert.deepEqual(
      orderFormsForQueue([form(1, []), form(4, [])], 7).map((f) => f.id),
      [1, 4],
    );
  });

  it('groups for the picker; other queues’ forms (the fallback when nothing applies) come last', () => {
    const g = groupFormsForQueue([form(5, [9]), ...answered], 2);
    assert.deepEqual(
      [g.queue, g.every, g.other].map((list) => list.map((f) => f.id)),
      [[2, 3], [1, 4], [5]],
    );
  });

  it('without a queue, keeps the all-queue forms apart from the others and the order as answered', () => {
    const g = groupFormsForQueue([form(5, [9]), ...answered], null);
    assert.deepEqual(g.queue, []);
    assert.deepEqual(
      g.every.map((f) => f.id),
      [1, 4],
    );
    assert.deepEqual(
      g.other.map((f) => f.id),
      [5, 2, 3],
    );
  });
});
