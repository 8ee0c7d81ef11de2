import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rowCounts } from '../../../test/db-helpers.ts';
import { type BuiltUser, buildQueue, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type Queue = {
  id: number;
  code: string;
  name: string;
  active: boolean;
  agent_count: number;
  version: number;
};
type Page = { items: Queue[]; total: number; next_cursor: string | null };

describe('queues API', () => {
  let server: TestServer;
  let admin: BuiltUser;

  before(async () => {
    server = await getTestServer();
    admin = await buildUser(server.database.db, { roles: ['admin'] });
  });
  after(() => server.close());

  it('creates, reads and counts the active agents on a queue', async () => {
    const res = await server.request('POST', '/api/v1/queues', {
      as: admin.id,
      body: { code: 'broadband', name: '宽带', description: 'Home broadband' },
    });
    assert.equal(res.status, 201, res.text);
    const queue = res.body as unknown as Queue;
    assert.equal(queue.agent_count, 0);
    for (const active of [true, true, false]) {
      const user = await buildUser(server.database.db, { active });
      const me = await server.request('GET', `/api/v1/users/${user.id}`, { as: admin.id });
      await server.request('PATCH', `/api/v1/users/${user.id}`, {
        as: admin.id,
        body: { version: me.body.version, queue_ids: [queue.id] },
      });
    }
    const read = await server.request('GET', `/api/v1/queues/${queue.id}`, { as: admin.id });
    assert.equal((read.body as unknown as Queue).agent_count, 2);
    assert.equal((await server.request('GET', '/api/v1/queues/999999', { as: admin.id })).status, 404);
  });

  it('codes are unique in any letter case and well-formed', async () => {
    await buildQueue(server.database.db, { code: 'mobile' });
    const counts = await rowCounts(server.database.db);
    const dup = await server.request('POST', '/api/v1/queues', {
      as: admin.id,
      body: { code: 'MOBILE', name: 'x' },
    });
    assert.equal(dup.status, 409);
    assert.deepEqual((dup.body.error?.details as { path: string[] }[])[0]?.path, ['code']);
    const bad = await server.request('POST', '/api/v1/queues', {
      as: admin.id,
      body: { code: 'has space', name: 'x' },
    });
    assert.equal(bad.status, 400);
    assert.deepEqual((bad.body.error?.details as { path: string[] }[])[0]?.path, ['code']);
    assert.deepEqual(await rowCounts(server.database.db), counts);
  });

  it('updates under optimistic locking', async () => {
    const queue = await buildQueue(server.database.db);
    const ok = await server.request('PATCH', `/api/v1/queues/${queue.id}`, {
      as: admin.id,
      body: { version: 1, name: 'Renamed', active: false },
    });
    assert.equal(ok.status, 200);
    assert.equal((ok.body as unknown as Queue).version, 2);
    const stale = await server.request('PATCH', `/api/v1/queues/${queue.id}`, {
      as: admin.id,
      body: { version: 1, name: 'Lost' },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error?.code, 'stale_write');
    const read = await server.request('GET', `/api/v1/queues/${queue.id}`, { as: admin.id });
    assert.equal((read.body as unknown as Queue).name, 'Renamed');
    assert.equal((read.body as unknown as Queue).active, false);
  });

  it('lists by code with keyset pagination and a search', async () => {
    for (const code of ['pg-e', 'pg-a', 'PG-c', 'pg-d', 'pg-b'])
      await buildQueue(server.database.db, { code });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await server.request(
        'GET',
        `/api/v1/queues?q=pg-&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { as: admin.id },
      );
      const page = res.body as unknown as Page;
      assert.equal(page.total, 5);
      seen.push(...page.items.map((q) => q.code));
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, ['pg-a', 'pg-b', 'PG-c', 'pg-d', 'pg-e']);
  });
});
