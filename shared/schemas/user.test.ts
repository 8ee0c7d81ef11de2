import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZCreateUserRequest, ZListUsersQuery, ZUsername } from './user.ts';

describe('ZUsername', () => {
  it('accepts letters, digits, dot, underscore and hyphen, trimmed', () => {
    for (const name of ['li.wei', 'Zhang_San-2', 'ab', 'A'.repeat(64)]) {
      assert.equal(ZUsername.safeParse(name).success, true, name);
    }
    assert.equal(ZUsername.parse('  li.wei '), 'li.wei');
  });

  it('refuses spaces, other characters and bad lengths', () => {
    for (const name of ['li wei', '张三', 'a', 'A'.repeat(65), 'x@y', 'semi;colon', '', '   ']) {
      assert.equal(ZUsername.safeParse(name).success, false, name);
    }
  });
});

describe('ZCreateUserRequest', () => {
  const valid = { username: 'li.wei', display_name: '李伟', password: 'long-enough', roles: ['agent'] };

  it('needs at least one known role and an 8-character password', () => {
    assert.equal(ZCreateUserRequest.safeParse(valid).success, true);
    assert.equal(ZCreateUserRequest.safeParse({ ...valid, roles: [] }).success, false);
    assert.equal(ZCreateUserRequest.safeParse({ ...valid, roles: ['wizard'] }).success, false);
    assert.equal(ZCreateUserRequest.safeParse({ ...valid, password: 'short' }).success, false);
    assert.equal(ZCreateUserRequest.safeParse({ ...valid, hire_date: '2024-02-30' }).success, false);
    assert.equal(ZCreateUserRequest.safeParse({ ...valid, hire_date: '2024-02-29' }).success, true);
  });
});

describe('ZListUsersQuery', () => {
  it('defaults and bounds the page size, and reads booleans from the query string', () => {
    const q = ZListUsersQuery.parse({});
    assert.equal(q.limit, 50);
    assert.equal(q.sort, 'username');
    assert.equal(q.order, 'asc');
    assert.equal(ZListUsersQuery.parse({ limit: '1000' }).limit, 1000);
    assert.equal(ZListUsersQuery.safeParse({ limit: '1001' }).success, false);
    assert.equal(ZListUsersQuery.safeParse({ limit: '0' }).success, false);
    assert.equal(ZListUsersQuery.parse({ active: 'false' }).active, false);
    assert.equal(ZListUsersQuery.parse({ active: '1' }).active, true);
    assert.equal(ZListUsersQuery.safeParse({ active: 'yes' }).success, false);
  });
});
