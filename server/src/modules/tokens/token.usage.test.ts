import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { sha256Hex } from '../auth/secret.ts';
import { type BuiltUser, buildApiToken, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { TOKEN_USE_WRITE_INTERVAL_SECONDS, resolveToken } from './token.usage.ts';

describe('API token last use', () => {
  let server: TestServer;
  let user: BuiltUser;

  before(async () => {
    server = await getTestServer();
    user = await buildUser(server.database.db, { roles: ['qa_lead'] });
  });
  after(() => server.close());

  const lastUsed = async (id: number) => {
    const [row] = await queryRows<{ at: string | null }>(
      server.database.db,
      sql`select to_char(last_used_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
          from api_tokens where id = ${id}`,
    );
    return row?.at ?? null;
  };

  it('is written when a token authenticates a request', async () => {
    const token = await buildApiToken(server.database.db, { userId: user.id });
    assert.equal(await lastUsed(token.id), null);
    const before = Date.now();
    const res = await server.request('GET', '/api/v1/me', { token: token.secret });
    assert.equal(res.status, 200, res.text);
    const at = Date.parse((await lastUsed(token.id)) ?? '');
    assert.ok(at >= before - 1000 && at <= Date.now() + 1000, `last_used_at ${at} near the request`);
    // A refused token (unknown) writes nothing and still answers 401.
    const bad = await server.request('GET', '/api/v1/me', { token: 'zj_not-a-token' });
    assert.equal(bad.status, 401);
  });

  it('is written at most once a minute per token, not on every request', async () => {
    const token = await buildApiToken(server.database.db, { userId: user.id });
    const hash = sha256Hex(token.secret);
    const t0 = Date.parse('2026-11-20T02:00:00.000Z');
    let now = t0;
    const clock = () => now;
    assert.ok(await resolveToken(server.database.db, hash, clock));
    assert.equal(await lastUsed(token.id), '2026-11-20T02:00:00.000Z');
    // Within the minute: no write (the stored moment stays), however many requests.
    for (const step of [1_000, 30_000, TOKEN_USE_WRITE_INTERVAL_SECONDS * 1000 - 1]) {
      now = t0 + step;
      assert.ok(await resolveToken(server.database.db, hash, clock));
      assert.equal(await lastUsed(token.id), '2026-11-20T02:00:00.000Z');
    }
    // A minute on: written again.
    now = t0 + TOKEN_USE_WRITE_INTERVAL_SECONDS * 1000 + 500;
    assert.ok(await resolveToken(server.database.db, hash, clock));
    assert.equal(await lastUsed(token.id), '2026-11-20T02:01:00.500Z');
  });

  it('is not moved back by a process whose clock is behind the stored moment', async () => {
    const token = await buildApiToken(server.database.db, { userId: user.id });
    const hash = sha256Hex(token.secret);
    assert.ok(await resolveToken(server.database.db, hash, () => Date.parse('2026-11-20T03:00:00Z')));
    // Another process, or the same one a minute later by its own reckoning, finds a fresher write.
    await server.database.db.execute(
      sql`update api_tokens set last_used_at = '2026-11-20T03:05:00Z' where id = ${token.id}`,
    );
    assert.ok(await resolveToken(server.database.db, hash, () => Date.parse('2026-11-20T03:02:00Z')));
    assert.equal(await lastUsed(token.id), '2026-11-20T03:05:00.000Z');
  });
});
