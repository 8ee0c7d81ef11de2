import assert from 'node:assert/strict';
import { type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type ServerType, serve } from '@hono/node-server';
import { LIMITS } from '../../../shared/limits.ts';
import { type BuiltUser, buildUser } from '../../test/factories.ts';
import { type TestServer, getTestServer } from '../../test/server.ts';
import { configureActorCache } from '../modules/auth/actor-cache.ts';
import { UI_ABILITIES } from '../modules/auth/session.routes.ts';
import { isUnder } from './pipeline.ts';

const oversize = JSON.stringify({ name: 'x'.repeat(LIMITS.jsonBodyBytes + 10) });

describe('request pipeline', () => {
  let server: TestServer;
  let http: ServerType;
  let base: string;
  let admin: BuiltUser;
  let agent: BuiltUser;

  before(async () => {
    server = await getTestServer();
    // As main.ts runs it: /me is then answered from the cached actor.
    configureActorCache(5);
    http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => http.once('listening', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    admin = await buildUser(server.database.db, { roles: ['admin'] });
    agent = await buildUser(server.database.db, { roles: ['agent'] });
  });
  after(async () => {
    configureActorCache(0);
    await new Promise((resolve) => http.close(resolve));
    await server.close();
  });

  /**
   * Over a real Node HTTP server, as @hono/node-server serves the app in production; a connection
   * per request (the server may close one after refusing an oversize body unread).
   */
  function viaNode(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = request(`${base}${path}`, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      });
      // The server may answer 413 and close before it read the whole body.
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
      });
      req.end(body);
    });
  }

  it('puts exactly one nosniff header on every answer over Node: success, 401, 404, 413, docs', async () => {
    const cookie = await server.sessionCookie(admin.id);
    const answers = [
      [await viaNode('GET', '/api/v1/me', { cookie }), 200],
      [await viaNode('GET', '/api/v1/health'), 200],
      [await viaNode('GET', '/api/v1/me'), 401],
      [await viaNode('GET', '/api/v1/no-such-thing', { cookie }), 404],
      [await viaNode('POST', '/api/v1/teams', { cookie, 'content-type': 'application/json' }, oversize), 413],
      [await viaNode('GET', '/api/openapi.json'), 200],
    ] as const;
    for (const [res, status] of answers) {
      assert.equal(res.status, status, res.text.slice(0, 200));
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    }
  });

  it('puts nosniff on in-process answers too (app.request), error answers included', async () => {
    const cookie = await server.sessionCookie(admin.id);
    const ok = await server.request('GET', '/api/v1/me', { headers: { cookie } });
    const unauthenticated = await server.request('GET', '/api/v1/me');
    const missing = await server.request('GET', '/api/v1/no-such-thing', { headers: { cookie } });
    const tooLarge = await server.request('POST', '/api/v1/teams', {
      // fetch's Request carries no Content-Length; a client over HTTP always sends one with a body.
      headers: { cookie, 'content-type': 'application/json', 'content-length': String(oversize.length) },
      rawBody: oversize,
    });
    assert.deepEqual(
      [ok, unauthenticated, missing, tooLarge].map((r) => [
        r.status,
        r.headers.get('x-content-type-options'),
      ]),
      [
        [200, 'nosniff'],
        [401, 'nosniff'],
        [404, 'nosniff'],
        [413, 'nosniff'],
      ],
    );
    assert.equal(unauthenticated.body.error?.code, 'unauthenticated');
    assert.equal(tooLarge.body.error?.code, 'payload_too_large');
  });

  it('still refuses cross-site cookie writes and unknown tokens over Node', async () => {
    const cookie = await server.sessionCookie(admin.id);
    const crossSite = await viaNode(
      'POST',
      '/api/v1/teams',
      { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      JSON.stringify({ name: 'Cross-site team' }),
    );
    assert.equal(crossSite.status, 403);
    assert.equal(
      (JSON.parse(crossSite.text) as { error: { code: string } }).error.code,
      'cross_site_request',
    );
    const badToken = await viaNode('GET', '/api/v1/me', { authorization: 'Bearer not-a-token' });
    assert.equal(badToken.status, 401);
  });

  it('answers /me from the cached actor, and a role change shows at once', async () => {
    const cookie = await server.sessionCookie(agent.id);
    const first = await viaNode('GET', '/api/v1/me', { cookie });
    const again = await viaNode('GET', '/api/v1/me', { cookie });
    assert.equal(first.headers['content-type'], 'application/json');
    assert.equal(again.text, first.text);
    const me = JSON.parse(first.text) as { roles: string[]; abilities: Record<string, boolean> };
    assert.deepEqual(Object.keys(me), [
      'id',
      'username',
      'display_name',
      'roles',
      'team_id',
      'team_name',
      'timezone',
      'abilities',
    ]);
    assert.deepEqual(Object.keys(me.abilities), [...UI_ABILITIES]);
    assert.equal(me.abilities['users.create'], false);

    const read = await server.request('GET', `/api/v1/users/${agent.id}`, { as: admin.id });
    const patched = await server.request('PATCH', `/api/v1/users/${agent.id}`, {
      as: admin.id,
      body: { version: read.body.version, roles: ['agent', 'admin'] },
    });
    assert.equal(patched.status, 200, patched.text);
    const after = JSON.parse((await viaNode('GET', '/api/v1/me', { cookie })).text) as typeof me;
    assert.deepEqual(after.roles, ['agent', 'admin']);
    assert.equal(after.abilities['users.create'], true);
  });
});

describe('isUnder', () => {
  it('matches the prefix itself and what is below it, as Hono `prefix/*` does', () => {
    assert.ok(isUnder('/api/v1', '/api/v1'));
    assert.ok(isUnder('/api/v1/', '/api/v1'));
    assert.ok(isUnder('/api/v1/me', '/api/v1'));
    assert.ok(!isUnder('/api/v1x', '/api/v1'));
    assert.ok(!isUnder('/api//v1/me', '/api/v1'));
    assert.ok(!isUnder('/apix', '/api'));
  });
});
