import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { ERROR_CODES } from '../../../shared/errors.ts';
import { rowCounts } from '../../test/db-helpers.ts';
import { type BuiltUser, buildTeam, buildUser } from '../../test/factories.ts';
import { type TestResponse, type TestServer, getTestServer } from '../../test/server.ts';
import { createRouter } from './router.ts';

/** Every error answer has exactly `{ error: { code, message, details? } }` with a known code. */
function assertErrorShape(res: TestResponse, status: number, code: string): void {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.deepEqual(Object.keys(res.body), ['error']);
  const error = res.body.error;
  assert.ok(error);
  assert.equal(error.code, code);
  assert.ok((ERROR_CODES as readonly string[]).includes(error.code));
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  assert.deepEqual(
    Object.keys(error).filter((k) => !['code', 'message', 'details'].includes(k)),
    [],
  );
  assert.doesNotMatch(res.text, /\bat .+\.ts:\d+|node_modules|Error:/, 'no stack trace');
}

const paths = (res: TestResponse) => (res.body.error?.details as { path: unknown[] }[]).map((d) => d.path);

describe('error answers', () => {
  let server: TestServer;
  let admin: BuiltUser;

  before(async () => {
    server = await getTestServer();
    // Routes that fail the way real code can: a bug, and SQL that the database refuses.
    const probes = createRouter();
    probes.get('/test-probe/throw', () => {
      throw new Error('secret detail: select password_hash from users');
    });
    probes.get('/test-probe/sql', async (c) => {
      await c.get('deps').db.execute(sql`select password_hash from no_such_table_xyz`);
      return c.json({ ok: true });
    });
    server.app.route('/api/v1', probes);
    admin = await buildUser(server.database.db, { roles: ['admin'] });
    await server.sessionCookie(admin.id); // so that row counts below see only the request's writes
  });
  after(() => server.close());

  it('malformed JSON → 400 malformed_json, nothing written', async () => {
    const counts = await rowCounts(server.database.db);
    const res = await server.request('POST', '/api/v1/teams', {
      as: admin.id,
      rawBody: '{"name": "Half',
      headers: { 'content-type': 'application/json' },
    });
    assertErrorShape(res, 400, 'malformed_json');
    assert.deepEqual(await rowCounts(server.database.db), counts);
  });

  it('a missing field → 400 validation_failed with its path', async () => {
    const counts = await rowCounts(server.database.db);
    const res = await server.request('POST', '/api/v1/users', {
      as: admin.id,
      body: { username: 'missing.fields', password: 'a-good-password', roles: ['agent'] },
    });
    assertErrorShape(res, 400, 'validation_failed');
    assert.deepEqual(paths(res), [['display_name']]);
    assert.deepEqual(await rowCounts(server.database.db), counts);
  });

  it('a wrong type or value → 400 validation_failed naming each field', async () => {
    const counts = await rowCounts(server.database.db);
    const res = await server.request('POST', '/api/v1/users', {
      as: admin.id,
      body: {
        username: 42,
        display_name: 'x',
        password: 'a-good-password',
        roles: ['pilot'],
        team_id: 'one',
      },
    });
    assertErrorShape(res, 400, 'validation_failed');
    const got = paths(res).map((p) => p.join('.'));
    assert.ok(got.includes('username'), got.join());
    assert.ok(got.includes('roles.0'), got.join());
    assert.ok(got.includes('team_id'), got.join());
    const badParam = await server.request('GET', '/api/v1/users/abc', { as: admin.id });
    assertErrorShape(badParam, 400, 'validation_failed');
    assert.deepEqual(paths(badParam), [['id']]);
    const badQuery = await server.request('GET', '/api/v1/users?sort=password_hash', { as: admin.id });
    assertErrorShape(badQuery, 400, 'validation_failed');
    assert.deepEqual(paths(badQuery), [['sort']]);
    assert.deepEqual(await rowCounts(server.database.db), counts);
  });

  it('an unknown route → 404 not_found', async () => {
    assertErrorShape(
      await server.request('GET', '/api/v1/no-such-thing', { as: admin.id }),
      404,
      'not_found',
    );
    assertErrorShape(await server.request('DELETE', '/api/v1/users', { as: admin.id }), 404, 'not_found');
    assertErrorShape(await server.request('GET', '/api/nothing-here'), 404, 'not_found');
  });

  it('an unknown record → 404 not_found', async () => {
    assertErrorShape(await server.request('GET', '/api/v1/teams/987654', { as: admin.id }), 404, 'not_found');
  });

  it('an oversize body → 413 payload_too_large, nothing written', async () => {
    const counts = await rowCounts(server.database.db);
    const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    const res = await server.request('POST', '/api/v1/teams', {
      as: admin.id,
      rawBody: big,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) },
    });
    assertErrorShape(res, 413, 'payload_too_large');
    assert.deepEqual(await rowCounts(server.database.db), counts);
  });

  it('a duplicate → 409 duplicate with the field, nothing written', async () => {
    const team = await buildTeam(server.database.db);
    const counts = await rowCounts(server.database.db);
    const res = await server.request('POST', '/api/v1/teams', {
      as: admin.id,
      body: { name: team.name.toUpperCase() },
    });
    assertErrorShape(res, 409, 'duplicate');
    assert.deepEqual(paths(res), [['name']]);
    assert.deepEqual(await rowCounts(server.database.db), counts);
  });

  it('a JSON route given text/plain → 415 in the error shape, nothing written', async () => {
    const counts = await rowCounts(server.database.db);
    const res = await server.request('POST', '/api/v1/teams', {
      as: admin.id,
      rawBody: '{"name":"Plain"}',
      headers: { 'content-type': 'text/plain' },
    });
    assertErrorShape(res, 415, 'unsupported_media_type');
    const none = await server.request('POST', '/api/v1/teams', { as: admin.id });
    assertErrorShape(none, 400, 'validation_failed');
    assert.deepEqual(await rowCounts(server.database.db), counts);
  });

  it('an unexpected exception → 500 internal_error with a reference id, no stack or SQL', async () => {
    for (const path of ['/api/v1/test-probe/throw', '/api/v1/test-probe/sql']) {
      const res = await server.request('GET', path, { as: admin.id });
      assertErrorShape(res, 500, 'internal_error');
      const details = res.body.error?.details as { error_id?: unknown };
      assert.match(String(details.error_id), /^[0-9a-f-]{36}$/);
      assert.ok(res.body.error?.message.includes(String(details.error_id)));
      assert.doesNotMatch(res.text, /select|password_hash|no_such_table|secret detail|relation/i);
    }
  });

  it('a closed database → 500 internal_error, not a crash or a leak', async () => {
    const other = await getTestServer();
    const user = await buildUser(other.database.db, { roles: ['admin'] });
    const cookie = await other.sessionCookie(user.id);
    await other.close();
    const res = await other.request('GET', '/api/v1/users', { headers: { cookie } });
    assertErrorShape(res, 500, 'internal_error');
    assert.doesNotMatch(res.text, /select|from|closed|pglite|pool/i);
  });
});
