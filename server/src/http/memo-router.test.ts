import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';
import { MemoRouter } from './memo-router.ts';

/** Route shapes like ours, including the pair that makes Hono give up RegExpRouter. */
const ROUTES: [string, string][] = [
  ['ALL', '*'],
  ['ALL', '/api/v1/*'],
  ['GET', '/api/v1/me'],
  ['GET', '/api/v1/interactions'],
  ['GET', '/api/v1/interactions/:id'],
  ['POST', '/api/v1/interactions/import'],
  ['POST', '/api/v1/interactions/:id/recording'],
  ['GET', '/api/v1/interactions/:id/recording'],
  ['GET', '/api/v1/evaluations/:id'],
  ['PATCH', '/api/v1/users/:id'],
  ['GET', '/*'],
];

const PATHS = [
  '/api/v1/me',
  '/api/v1/interactions',
  '/api/v1/interactions/17',
  '/api/v1/interactions/import',
  '/api/v1/interactions/17/recording',
  '/api/v1/evaluations/3',
  '/api/v1/evaluations/4',
  '/api/v1/users/9',
  '/api/v1/nothing',
  '/',
  '/assets/app.js',
  `/api/v1/evaluations/${'9'.repeat(300)}`,
];

/** Hono's default router, as `new Hono()` builds it. */
const honoDefault = () => new SmartRouter<string>({ routers: [new RegExpRouter(), new TrieRouter()] });

describe('MemoRouter', () => {
  it('answers every match as Hono would, the first time and from memory', () => {
    const memo = new MemoRouter<string>();
    const reference = honoDefault();
    for (const [method, path] of ROUTES) {
      memo.add(method, path, `${method} ${path}`);
      reference.add(method, path, `${method} ${path}`);
    }
    for (let round = 0; round < 2; round++) {
      for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
        for (const path of PATHS) {
          assert.deepEqual(memo.match(method, path), reference.match(method, path), `${method} ${path}`);
        }
      }
    }
    assert.equal(memo.match('GET', '/api/v1/me'), memo.match('GET', '/api/v1/me'), 'remembered');
  });

  it('stays bounded: past its size the oldest matches go, and still answer right', () => {
    const memo = new MemoRouter<string>();
    const reference = honoDefault();
    for (const [method, path] of ROUTES) {
      memo.add(method, path, path);
      reference.add(method, path, path);
    }
    const first = memo.match('GET', '/api/v1/evaluations/0');
    for (let id = 1; id <= 2500; id++) memo.match('GET', `/api/v1/evaluations/${id}`);
    const again = memo.match('GET', '/api/v1/evaluations/0');
    assert.notEqual(again, first, 'evicted, matched anew');
    assert.deepEqual(again, reference.match('GET', '/api/v1/evaluations/0'));
  });
});
