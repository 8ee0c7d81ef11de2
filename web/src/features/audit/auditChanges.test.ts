import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditChanges, changeText } from './auditChanges.ts';

describe('auditChanges', () => {
  it('lists the fields an edit changed, added or removed, in order', () => {
    assert.deepEqual(
      auditChanges(
        {
          id: 3,
          name: '投诉处理组',
          leader_id: null,
          version: 1,
          queues: [1, 2],
          meta: { a: 1, b: 2 },
          gone: 'x',
        },
        {
          id: 3,
          name: '投诉处理组',
          leader_id: 4,
          version: 2,
          queues: [1, 2],
          meta: { b: 2, a: 1 },
          added: true,
        },
      ),
      [
        { field: 'leader_id', before: null, after: 4 },
        { field: 'version', before: 1, after: 2 },
        { field: 'gone', before: 'x', after: undefined },
        { field: 'added', before: undefined, after: true },
      ],
    );
  });

  it('sees a change inside a list or an object', () => {
    assert.deepEqual(auditChanges({ roles: ['agent'] }, { roles: ['agent', 'qa'] }), [
      { field: 'roles', before: ['agent'], after: ['agent', 'qa'] },
    ]);
    assert.deepEqual(auditChanges({ c: { x: 1 } }, { c: { x: 2 } }), [
      { field: 'c', before: { x: 1 }, after: { x: 2 } },
    ]);
  });

  it('is not an edit without both sides', () => {
    assert.equal(auditChanges(null, { id: 1 }), null);
    assert.equal(auditChanges({ id: 1 }, null), null);
    assert.equal(auditChanges([1], [2]), null);
    assert.deepEqual(auditChanges({ a: 1 }, { a: 1 }), []);
  });

  it('writes values in one line', () => {
    assert.equal(changeText('张怡璐'), '张怡璐');
    assert.equal(changeText(null), 'null');
    assert.equal(changeText(['agent', 'qa']), '["agent","qa"]');
    assert.equal(changeText(undefined), '');
  });
});
