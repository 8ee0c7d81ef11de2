import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_PASSWORD, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

describe('sign-in', () => {
  let server: TestServer;
  before(async () => {
    server = await getTestServer();
  });
  after(() => server.close());

  it('sets an httpOnly SameSite=Lax cookie that authenticates /me', async () => {
    const user = await buildUser(server.database.db, { roles: ['agent'] });
    const res = await server.request('POST', '/api/v1/session', {
      body: { username: user.username, password: TEST_PASSWORD },
    });
    assert.equal(res.status, 200);
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /zhijian_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/);
    const me = await server.request('GET', '/api/v1/me', { headers: { cookie: cookie.split(';')[0] ?? '' } });
    assert.equal(me.status, 200);
    assert.equal(me.body.username, user.username);
    assert.deepEqual(me.body.roles, ['agent']);
  });

  it('answers 401 invalid_credentials for a wrong password', async () => {
    const user = await buildUser(server.database.db);
    const res = await server.request('POST', '/api/v1/session', {
      body: { username: user.username, password: 'nope-nope' },
    });
    assert.equal(res.status, 401);
    assert.equal(res.body.error?.code, 'invalid_credentials');
  });
});
