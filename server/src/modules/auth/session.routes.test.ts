import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { rowCounts } from '../../../test/db-helpers.ts';
import { TEST_PASSWORD, buildApiToken, buildUser } from '../../../test/factories.ts';
import { type TestResponse, type TestServer, getTestServer } from '../../../test/server.ts';

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

const cookieOf = (res: TestResponse) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

describe('sessions and sign-in security', () => {
  let server: TestServer;
  /** A second app on the same database that believes X-Forwarded-* (behind a proxy). */
  let proxied: TestServer;

  before(async () => {
    server = await getTestServer();
    proxied = await getTestServer({ database: server.database, env: { trustProxy: true } });
  });
  after(() => server.close());

  async function signIn(
    username: string,
    password = TEST_PASSWORD,
    headers: Record<string, string> = {},
    via = server,
  ): Promise<TestResponse> {
    return via.request('POST', '/api/v1/session', { body: { username, password }, headers });
  }

  it('signing out ends the session: the cookie no longer works', async () => {
    const user = await buildUser(server.database.db);
    const cookie = cookieOf(await signIn(user.username));
    assert.equal((await server.request('GET', '/api/v1/me', { headers: { cookie } })).status, 200);
    const out = await server.request('DELETE', '/api/v1/session', { headers: { cookie } });
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie') ?? '', /zhijian_session=;.*Max-Age=0/);
    const me = await server.request('GET', '/api/v1/me', { headers: { cookie } });
    assert.equal(me.status, 401);
    assert.equal(me.body.error?.code, 'unauthenticated');
  });

  it('signs in with the username in any letter case', async () => {
    const user = await buildUser(server.database.db, { username: 'Li.Na' });
    const res = await signIn('LI.NA');
    assert.equal(res.status, 200);
    assert.equal(res.body.id, user.id);
    assert.equal(res.body.username, 'Li.Na');
  });

  it('an unknown user and a wrong password answer alike', async () => {
    const user = await buildUser(server.database.db);
    const unknown = await signIn('nobody.here', 'whatever-1');
    const wrong = await signIn(user.username, 'whatever-1');
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.body, wrong.body);
  });

  describe('changing one’s own password', () => {
    it('refuses a wrong current password with 401 invalid_credentials and changes nothing', async () => {
      const user = await buildUser(server.database.db);
      const cookie = cookieOf(await signIn(user.username));
      const res = await server.request('POST', '/api/v1/me/password', {
        headers: { cookie },
        body: { current_password: 'not-the-password', new_password: 'brand-new-pass' },
      });
      assert.equal(res.status, 401);
      assert.equal(res.body.error?.code, 'invalid_credentials');
      // Like every field error: a list of { path, message }.
      assert.deepEqual((res.body.error?.details as { path: string[] }[])[0]?.path, ['current_password']);
      assert.equal((await server.request('GET', '/api/v1/me', { headers: { cookie } })).status, 200);
      assert.equal((await signIn(user.username)).status, 200);
      assert.equal((await signIn(user.username, 'brand-new-pass')).status, 401);
    });

    it('sets the new password, keeps the current session and closes the others', async () => {
      const user = await buildUser(server.database.db);
      const current = cookieOf(await signIn(user.username));
      const other = cookieOf(await signIn(user.username));
      const bystander = await buildUser(server.database.db);
      const bystanderCookie = cookieOf(await signIn(bystander.username));
      const res = await server.request('POST', '/api/v1/me/password', {
        headers: { cookie: current },
        body: { current_password: TEST_PASSWORD, new_password: 'brand-new-pass' },
      });
      assert.equal(res.status, 200, res.text);
      assert.equal((await server.request('GET', '/api/v1/me', { headers: { cookie: current } })).status, 200);
      assert.equal((await server.request('GET', '/api/v1/me', { headers: { cookie: other } })).status, 401);
      assert.equal(
        (await server.request('GET', '/api/v1/me', { headers: { cookie: bystanderCookie } })).status,
        200,
        "other users' sessions stay",
      );
      assert.equal((await signIn(user.username)).status, 401);
      assert.equal((await signIn(user.username, 'brand-new-pass')).status, 200);
    });

    it('refuses a too short new password and the same password again', async () => {
      const user = await buildUser(server.database.db);
      const cookie = cookieOf(await signIn(user.username));
      const short = await server.request('POST', '/api/v1/me/password', {
        headers: { cookie },
        body: { current_password: TEST_PASSWORD, new_password: 'short' },
      });
      assert.equal(short.status, 400);
      assert.deepEqual((short.body.error?.details as { path: string[] }[])[0]?.path, ['new_password']);
      const same = await server.request('POST', '/api/v1/me/password', {
        headers: { cookie },
        body: { current_password: TEST_PASSWORD, new_password: TEST_PASSWORD },
      });
      assert.equal(same.status, 400);
    });
  });

  describe('sign-in throttling', () => {
    it('after 5 failures for a username answers 429 with Retry-After, even to the right password', async () => {
      const user = await buildUser(server.database.db, { username: 'Throttled.User' });
      for (let i = 0; i < 5; i++) {
        // Letter case does not give a guesser a fresh count.
        const res = await signIn(i % 2 ? 'throttled.user' : 'THROTTLED.USER', `guess-${i}-xx`);
        assert.equal(res.status, 401, `attempt ${i + 1}`);
      }
      const locked = await signIn(user.username);
      assert.equal(locked.status, 429);
      assert.equal(locked.body.error?.code, 'too_many_requests');
      const retryAfter = Number(locked.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 15 * 60, String(retryAfter));
      assert.equal(locked.headers.get('set-cookie'), null);

      // Another user is not affected.
      const other = await buildUser(server.database.db);
      assert.equal((await signIn(other.username)).status, 200);

      // Once the window has passed (moved back in the database, not waited for), sign-in works.
      await server.database.db.execute(
        sql`update login_failures set window_start = window_start - interval '16 minutes'
            where key = 'user:throttled.user'`,
      );
      assert.equal((await signIn(user.username)).status, 200);
      // …and a success clears the count.
      assert.equal((await signIn(user.username, 'wrong-again-1')).status, 401);
      assert.equal((await signIn(user.username)).status, 200);
    });

    it('counts per address generously: many users behind one NAT do not lock each other out', async () => {
      const ip = '203.0.113.7';
      const headers = { 'x-forwarded-for': `${ip}, 10.0.0.1` };
      // Most of the address's earlier failures are set directly; the rest are real attempts.
      await server.database.db.execute(
        sql`insert into login_failures (key, window_start, failures) values (${`ip:${ip}`}, now(), 60)`,
      );
      const agents = [];
      for (let i = 0; i < 8; i++) agents.push(await buildUser(server.database.db));
      for (const agent of agents) {
        for (let i = 0; i < 4; i++) {
          assert.equal((await signIn(agent.username, `typo-${i}-xx`, headers, proxied)).status, 401);
        }
      }
      // 92 failures from the address: everyone still signs in.
      for (const agent of agents) {
        const res = await signIn(agent.username, TEST_PASSWORD, headers, proxied);
        assert.equal(res.status, 200, `${agent.username}: ${res.text}`);
      }
      const [row] = await queryRows<{ failures: number }>(
        server.database.db,
        sql`select failures from login_failures where key = ${`ip:${ip}`}`,
      );
      assert.equal(row?.failures, 92, 'success clears the username, not the address');
      for (let i = 0; i < 8; i++) {
        assert.equal((await signIn(`ghost.${i}`, 'nope-nope-1', headers, proxied)).status, 401);
      }
      // 100: now the address is refused, for a valid user too, while other addresses are not.
      const fresh = await buildUser(server.database.db);
      const refused = await signIn(fresh.username, TEST_PASSWORD, headers, proxied);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      const elsewhere = await signIn(
        fresh.username,
        TEST_PASSWORD,
        { 'x-forwarded-for': '198.51.100.1' },
        proxied,
      );
      assert.equal(elsewhere.status, 200);
    });
  });

  describe('cross-site request refusal', () => {
    let admin: { id: number };
    let cookie: string;
    const newTeam = () => ({ name: `Team ${Math.random().toString(36).slice(2)}` });

    before(async () => {
      admin = await buildUser(server.database.db, { roles: ['admin'] });
      cookie = await server.sessionCookie(admin.id);
    });

    it('refuses a cookie-authenticated write marked Sec-Fetch-Site: cross-site, writing nothing', async () => {
      const before = await rowCounts(server.database.db);
      for (const site of ['cross-site', 'same-site']) {
        const res = await server.request('POST', '/api/v1/teams', {
          headers: { cookie, 'sec-fetch-site': site },
          body: newTeam(),
        });
        assert.equal(res.status, 403, site);
        assert.equal(res.body.error?.code, 'cross_site_request');
      }
      assert.deepEqual(await rowCounts(server.database.db), before);
    });

    it('refuses a foreign Origin, and accepts the same origin', async () => {
      const evil = await server.request('POST', '/api/v1/teams', {
        headers: { cookie, origin: 'http://evil.example', host: 'zhijian.example' },
        body: newTeam(),
      });
      assert.equal(evil.status, 403);
      assert.equal(evil.body.error?.code, 'cross_site_request');
      const nullOrigin = await server.request('POST', '/api/v1/teams', {
        headers: { cookie, origin: 'null', host: 'zhijian.example' },
        body: newTeam(),
      });
      assert.equal(nullOrigin.status, 403);
      const same = await server.request('POST', '/api/v1/teams', {
        headers: { cookie, origin: 'http://zhijian.example', host: 'zhijian.example' },
        body: newTeam(),
      });
      assert.equal(same.status, 201, same.text);
      const fetchSame = await server.request('POST', '/api/v1/teams', {
        headers: { cookie, 'sec-fetch-site': 'same-origin' },
        body: newTeam(),
      });
      assert.equal(fetchSame.status, 201);
    });

    it('reads are not refused, and neither is sign-out from the same origin', async () => {
      const read = await server.request('GET', '/api/v1/me', {
        headers: { cookie, 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(read.status, 200);
    });

    it('refuses a cross-site sign-in (login CSRF)', async () => {
      const user = await buildUser(server.database.db);
      const res = await signIn(user.username, TEST_PASSWORD, { 'sec-fetch-site': 'cross-site' });
      assert.equal(res.status, 403);
      assert.equal(res.body.error?.code, 'cross_site_request');
    });

    it('allows a Bearer-token write with cross-site headers (tokens are not ambient credentials)', async () => {
      const { secret } = await buildApiToken(server.database.db, { userId: admin.id });
      const res = await server.request('POST', '/api/v1/teams', {
        token: secret,
        headers: { 'sec-fetch-site': 'cross-site', origin: 'http://evil.example' },
        body: newTeam(),
      });
      assert.equal(res.status, 201, res.text);
    });
  });

  describe('the Secure cookie flag', () => {
    it('is set behind a trusted TLS proxy', async () => {
      const user = await buildUser(server.database.db);
      const res = await signIn(user.username, TEST_PASSWORD, { 'x-forwarded-proto': 'https' }, proxied);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('set-cookie') ?? '', /;\s*Secure/i);
      assert.match(res.headers.get('set-cookie') ?? '', /HttpOnly/);
    });

    it('is not set when X-Forwarded-Proto comes from an untrusted client', async () => {
      const user = await buildUser(server.database.db);
      const res = await signIn(user.username, TEST_PASSWORD, { 'x-forwarded-proto': 'https' });
      assert.equal(res.status, 200);
      assert.doesNotMatch(res.headers.get('set-cookie') ?? '', /Secure/i);
    });
  });
});
