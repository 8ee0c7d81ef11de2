import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { sha256Hex } from '../auth/secret.ts';
import { rowCounts } from '../../../test/db-helpers.ts';
import { type BuiltUser, buildApiToken, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type Token = {
  id: number;
  name: string;
  prefix: string;
  user_id: number;
  revoked_at: string | null;
  token?: string;
};

describe('API tokens', () => {
  let server: TestServer;
  let admin: BuiltUser;

  before(async () => {
    server = await getTestServer();
    admin = await buildUser(server.database.db, { roles: ['admin'] });
  });
  after(() => server.close());

  it('returns the secret once and stores only its hash', async () => {
    const integration = await buildUser(server.database.db, { roles: ['qa_lead'] });
    const res = await server.request('POST', '/api/v1/tokens', {
      as: admin.id,
      body: { name: 'telephony', user_id: integration.id, expires_in_days: 30 },
    });
    assert.equal(res.status, 201, res.text);
    const created = res.body as unknown as Token;
    assert.match(created.token ?? '', /^zj_[A-Za-z0-9_-]{40,}$/);
    const secret = created.token ?? '';
    assert.equal(created.user_id, integration.id);
    assert.equal(created.prefix, secret.slice(0, 10));

    const [stored] = await queryRows<{ token_hash: string; expires_at: Date | string }>(
      server.database.db,
      sql`select token_hash, expires_at from api_tokens where id = ${created.id}`,
    );
    assert.equal(stored?.token_hash, sha256Hex(secret));
    const [life] = await queryRows<{ exact: boolean }>(
      server.database.db,
      sql`select expires_at - created_at = interval '30 days' as exact from api_tokens where id = ${created.id}`,
    );
    assert.equal(life?.exact, true, 'the token lasts exactly 30 days from its creation');
    const everything = await queryRows<{ row: string }>(
      server.database.db,
      sql`select t::text as row from api_tokens t`,
    );
    assert.ok(
      everything.every((r) => !r.row.includes(secret)),
      'the secret itself is stored nowhere',
    );

    const list = await server.request('GET', '/api/v1/tokens', { as: admin.id });
    assert.equal(list.status, 200);
    assert.ok(!list.text.includes(secret), 'the list never shows the secret');
    assert.ok(!list.text.includes(stored?.token_hash ?? '-'), 'nor its hash');
    assert.ok((list.body.items as Token[]).some((t) => t.id === created.id));

    const me = await server.request('GET', '/api/v1/me', { token: secret });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, integration.id, 'the token acts as its user');
    const audit = await server.request('GET', '/api/v1/audit', { token: secret });
    assert.equal(audit.status, 200, "with that user's rights");
    const tokens = await server.request('GET', '/api/v1/tokens', { token: secret });
    assert.equal(tokens.status, 403, 'and no more');
  });

  it('refuses a token for an unknown or inactive user, storing nothing', async () => {
    const gone = await buildUser(server.database.db, { active: false });
    const counts = await rowCounts(server.database.db);
    for (const userId of [gone.id, 999_999]) {
      const res = await server.request('POST', '/api/v1/tokens', {
        as: admin.id,
        body: { name: 'x', user_id: userId },
      });
      assert.equal(res.status, 400);
      assert.deepEqual((res.body.error?.details as { path: string[] }[])[0]?.path, ['user_id']);
    }
    const { sessions: _s, ...rest } = await rowCounts(server.database.db);
    const { sessions: _t, ...expected } = counts;
    assert.deepEqual(rest, expected);
  });

  it('a revoked token answers 401 at once; revoking twice is a conflict', async () => {
    const user = await buildUser(server.database.db, { roles: ['admin'] });
    const { id, secret } = await buildApiToken(server.database.db, { userId: user.id });
    assert.equal((await server.request('GET', '/api/v1/me', { token: secret })).status, 200);
    const revoked = await server.request('DELETE', `/api/v1/tokens/${id}`, { as: admin.id });
    assert.equal(revoked.status, 200);
    assert.equal(typeof (revoked.body as unknown as Token).revoked_at, 'string');
    const res = await server.request('GET', '/api/v1/me', { token: secret });
    assert.equal(res.status, 401);
    assert.equal(res.body.error?.code, 'unauthenticated');
    const again = await server.request('DELETE', `/api/v1/tokens/${id}`, { as: admin.id });
    assert.equal(again.status, 409);
    assert.equal((await server.request('DELETE', '/api/v1/tokens/999999', { as: admin.id })).status, 404);
  });

  it('an expired token answers 401', async () => {
    const user = await buildUser(server.database.db);
    const { secret } = await buildApiToken(server.database.db, {
      userId: user.id,
      expiresAt: new Date(Date.now() - 60_000),
    });
    assert.equal((await server.request('GET', '/api/v1/me', { token: secret })).status, 401);
    const { secret: live } = await buildApiToken(server.database.db, {
      userId: user.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    assert.equal((await server.request('GET', '/api/v1/me', { token: live })).status, 200);
  });

  it("a deactivated user's token answers 401", async () => {
    const user = await buildUser(server.database.db);
    const { secret } = await buildApiToken(server.database.db, { userId: user.id });
    assert.equal((await server.request('GET', '/api/v1/me', { token: secret })).status, 200);
    const off = await server.request('PATCH', `/api/v1/users/${user.id}`, {
      as: admin.id,
      body: { version: 1, active: false },
    });
    assert.equal(off.status, 200);
    assert.equal((await server.request('GET', '/api/v1/me', { token: secret })).status, 401);
  });

  it('an unknown or malformed Authorization header answers 401, even with a valid cookie', async () => {
    const cookie = await server.sessionCookie(admin.id);
    for (const authorization of ['Bearer zj_not-a-real-token', 'Basic YWRtaW46eA==', 'Bearer']) {
      const res = await server.request('GET', '/api/v1/me', { headers: { authorization, cookie } });
      assert.equal(res.status, 401, authorization);
      assert.equal(res.body.error?.code, 'unauthenticated');
    }
  });
});
