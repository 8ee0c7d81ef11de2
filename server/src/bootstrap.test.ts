import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from './db/client.ts';
import { ensureFirstAdmin } from './bootstrap.ts';
import { verifyPassword } from './modules/auth/password.ts';
import { openTestDatabase } from '../test/test-db.ts';
import { getTestServer } from '../test/server.ts';

type AdminRow = { id: number; username: string; roles: string[]; password_hash: string };

describe('first start', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  const admins = () =>
    queryRows<AdminRow>(database.db, sql`select id, username, roles, password_hash from users order by id`);

  it('on an empty database creates admin with ZHIJIAN_ADMIN_PASSWORD, who can sign in', async () => {
    const result = await ensureFirstAdmin(database.db, 'first-admin-pass');
    assert.deepEqual(result, { username: 'admin', generatedPassword: null });
    const rows = await admins();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.username, 'admin');
    assert.deepEqual(rows[0]?.roles, ['admin']);
    assert.match(rows[0]?.password_hash ?? '', /^\$argon2id\$/);
    const server = await getTestServer({ database });
    const res = await server.request('POST', '/api/v1/session', {
      body: { username: 'admin', password: 'first-admin-pass' },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.roles, ['admin']);
    const [entry] = await queryRows<{ action: string; actor_username: string }>(
      database.db,
      sql`select action, actor_username from audit_log order by id limit 1`,
    );
    assert.deepEqual(entry, { action: 'user.create', actor_username: 'system' });
  });

  it('a second start does nothing, whatever the password', async () => {
    const before = await admins();
    assert.equal(await ensureFirstAdmin(database.db, 'another-password'), null);
    assert.equal(await ensureFirstAdmin(database.db, null), null);
    assert.deepEqual(await admins(), before);
  });

  it('without ZHIJIAN_ADMIN_PASSWORD generates a password and answers it once', async () => {
    const fresh = await openTestDatabase();
    try {
      const result = await ensureFirstAdmin(fresh.db, null);
      assert.ok(result?.generatedPassword);
      assert.ok(result.generatedPassword.length >= 12);
      const [row] = await queryRows<AdminRow>(
        fresh.db,
        sql`select password_hash from users where username = 'admin'`,
      );
      assert.ok(row);
      assert.equal(await verifyPassword(row.password_hash, result.generatedPassword), true);
      assert.equal(await verifyPassword(row.password_hash, ''), false);
      assert.equal(await ensureFirstAdmin(fresh.db, null), null);
    } finally {
      await fresh.close();
    }
  });
});
