import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../db/client.ts';
import { auditSince, lastAuditId, rowCounts } from '../../../test/db-helpers.ts';
import { type BuiltUser, TEST_PASSWORD, buildTeam, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { seedPgliteDataDir } from '../../../test/test-db.ts';
import { entryHash } from './audit.hash.ts';
import { sealAudit } from './audit.sealer.ts';
import { recordAudit } from './audit.service.ts';
import { verifyAuditChain } from './audit.verify.ts';
import type { AuditAction, AuditEntityType } from '../../../../shared/audit.ts';

type Entry = {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};
type Page = { items: Entry[]; total: number; next_cursor: string | null };

const ROOT = path.resolve(import.meta.dirname, '../../../..');

describe('audit trail', () => {
  let server: TestServer;
  let admin: BuiltUser;
  /** Every secret the writes below handle; none may reach the trail. */
  const secrets: string[] = [];

  before(async () => {
    server = await getTestServer();
    admin = await buildUser(server.database.db, { roles: ['admin'] });
    await server.sessionCookie(admin.id);
  });
  after(() => server.close());

  /** Runs a write and answers the audit entries it added. */
  async function entriesOf(write: () => Promise<unknown>): Promise<Entry[]> {
    const since = await lastAuditId(server.database.db);
    await write();
    return (await auditSince(server.database.db, since)) as unknown as Entry[];
  }

  function ok<T>(res: { status: number; text: string; body: T }, status = 200): T {
    assert.equal(res.status, status, res.text);
    return res.body;
  }

  describe('every write leaves one entry in its own transaction', () => {
    it('user create, update, password reset and import', async () => {
      secrets.push('user-password-1', 'reset-password-2', 'import-password-3');
      let id = 0;
      const created = await entriesOf(async () => {
        const body = ok(
          await server.request('POST', '/api/v1/users', {
            as: admin.id,
            body: {
              username: 'aud.user',
              display_name: 'Audited',
              password: 'user-password-1',
              roles: ['agent'],
            },
          }),
          201,
        );
        id = body.id as number;
      });
      assert.equal(created.length, 1);
      assert.equal(created[0]?.action, 'user.create');
      assert.equal(created[0]?.actor_id, admin.id);
      assert.equal(created[0]?.entity_type, 'user');
      assert.equal(created[0]?.entity_id, String(id));
      assert.equal(created[0]?.before, null);
      assert.equal(created[0]?.after?.username, 'aud.user');

      const updated = await entriesOf(async () =>
        ok(
          await server.request('PATCH', `/api/v1/users/${id}`, {
            as: admin.id,
            body: { version: 1, display_name: 'Audited Again' },
          }),
        ),
      );
      assert.deepEqual(
        updated.map((e) => [e.action, e.entity_id, e.before?.display_name, e.after?.display_name]),
        [['user.update', String(id), 'Audited', 'Audited Again']],
      );

      const reset = await entriesOf(async () =>
        ok(
          await server.request('PATCH', `/api/v1/users/${id}`, {
            as: admin.id,
            body: { version: 2, password: 'reset-password-2' },
          }),
        ),
      );
      assert.deepEqual(
        reset.map((e) => e.action),
        ['user.update_with_password_reset'],
      );

      const imported = await entriesOf(async () =>
        ok(
          await server.request('POST', '/api/v1/users/import', {
            as: admin.id,
            rawBody:
              'username,display_name,password,roles\naud.i1,I1,import-password-3,agent\naud.i2,I2,import-password-3,qa\n',
            headers: { 'content-type': 'text/csv' },
          }),
        ),
      );
      assert.deepEqual(
        imported.map((e) => [e.action, e.actor_id, e.after?.username]),
        [
          ['user.create', admin.id, 'aud.i1'],
          ['user.create', admin.id, 'aud.i2'],
        ],
      );
    });

    it('team and queue create and update', async () => {
      let teamId = 0;
      const team = await entriesOf(async () => {
        teamId = ok(
          await server.request('POST', '/api/v1/teams', { as: admin.id, body: { name: 'Aud Team' } }),
          201,
        ).id as number;
        ok(
          await server.request('PATCH', `/api/v1/teams/${teamId}`, {
            as: admin.id,
            body: { version: 1, name: 'Aud Team 2' },
          }),
        );
      });
      assert.deepEqual(
        team.map((e) => [e.action, e.entity_type, e.entity_id, e.before?.name ?? null, e.after?.name]),
        [
          ['team.create', 'team', String(teamId), null, 'Aud Team'],
          ['team.update', 'team', String(teamId), 'Aud Team', 'Aud Team 2'],
        ],
      );

      let queueId = 0;
      const queue = await entriesOf(async () => {
        queueId = ok(
          await server.request('POST', '/api/v1/queues', {
            as: admin.id,
            body: { code: 'aud-q', name: 'Aud Q' },
          }),
          201,
        ).id as number;
        ok(
          await server.request('PATCH', `/api/v1/queues/${queueId}`, {
            as: admin.id,
            body: { version: 1, active: false },
          }),
        );
      });
      assert.deepEqual(
        queue.map((e) => [e.action, e.entity_type, e.entity_id, e.before?.active ?? null, e.after?.active]),
        [
          ['queue.create', 'queue', String(queueId), null, true],
          ['queue.update', 'queue', String(queueId), true, false],
        ],
      );
    });

    it('token create and revoke, without the secret', async () => {
      let tokenId = 0;
      const entries = await entriesOf(async () => {
        const created = ok(
          await server.request('POST', '/api/v1/tokens', { as: admin.id, body: { name: 'aud token' } }),
          201,
        );
        tokenId = created.id as number;
        secrets.push(created.token as string);
        ok(await server.request('DELETE', `/api/v1/tokens/${tokenId}`, { as: admin.id }));
      });
      assert.deepEqual(
        entries.map((e) => [e.action, e.entity_type, e.entity_id, e.actor_id]),
        [
          ['token.create', 'api_token', String(tokenId), admin.id],
          ['token.revoke', 'api_token', String(tokenId), admin.id],
        ],
      );
      assert.equal(entries[1]?.before?.revoked_at, null);
      assert.equal(typeof entries[1]?.after?.revoked_at, 'string');
    });

    it('sign in, password change and sign out', async () => {
      const user = await buildUser(server.database.db);
      secrets.push(TEST_PASSWORD, 'changed-password-4');
      let cookie = '';
      const signIn = await entriesOf(async () => {
        const res = await server.request('POST', '/api/v1/session', {
          body: { username: user.username, password: TEST_PASSWORD },
        });
        ok(res);
        cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        secrets.push(cookie.split('=')[1] ?? '');
      });
      assert.deepEqual(
        signIn.map((e) => [e.action, e.actor_id, e.entity_id]),
        [['session.create', user.id, String(user.id)]],
      );
      const rest = await entriesOf(async () => {
        ok(
          await server.request('POST', '/api/v1/me/password', {
            headers: { cookie },
            body: { current_password: TEST_PASSWORD, new_password: 'changed-password-4' },
          }),
        );
        ok(await server.request('DELETE', '/api/v1/session', { headers: { cookie } }));
      });
      assert.deepEqual(
        rest.map((e) => [e.action, e.actor_id, e.entity_id]),
        [
          ['user.change_password', user.id, String(user.id)],
          ['session.delete', user.id, String(user.id)],
        ],
      );
      const failed = await entriesOf(async () => {
        const res = await server.request('POST', '/api/v1/session', {
          body: { username: user.username, password: 'wrong-password' },
        });
        assert.equal(res.status, 401);
      });
      assert.deepEqual(failed, [], 'a refused sign-in writes no audit entry (only the throttle counts it)');
    });

    it('a write that fails leaves no entry', async () => {
      const team = await buildTeam(server.database.db);
      const user = await buildUser(server.database.db);
      const hr = await buildUser(server.database.db, { roles: ['hr'] });
      const counts = await rowCounts(server.database.db);
      const entries = await entriesOf(async () => {
        const stale = await server.request('PATCH', `/api/v1/users/${user.id}`, {
          as: admin.id,
          body: { version: 7, display_name: 'Nope' },
        });
        assert.equal(stale.status, 409);
        const dup = await server.request('POST', '/api/v1/teams', {
          as: admin.id,
          body: { name: team.name },
        });
        assert.equal(dup.status, 409);
        const forbidden = await server.request('POST', '/api/v1/users', {
          as: hr.id,
          body: { username: 'aud.adm', display_name: 'x', password: 'a-good-password', roles: ['admin'] },
        });
        assert.equal(forbidden.status, 403);
        const badLeader = await server.request('POST', '/api/v1/teams', {
          as: admin.id,
          body: { name: 'Aud Bad Leader', leader_id: user.id },
        });
        assert.equal(badLeader.status, 400);
      });
      assert.deepEqual(entries, []);
      const afterCounts = await rowCounts(server.database.db);
      assert.deepEqual({ ...afterCounts, sessions: counts.sessions }, counts);
    });

    it('when the audit entry cannot be written, the write is rolled back too', async () => {
      const db = server.database.db;
      await db.execute(sql`create function test_refuse_team_audit() returns trigger language plpgsql as $$
        begin
          if new.action = 'team.create' then raise exception 'audit refused'; end if;
          return new;
        end $$`);
      await db.execute(sql`create trigger test_refuse_team_audit before insert on audit_log
        for each row execute function test_refuse_team_audit()`);
      try {
        const counts = await rowCounts(db);
        const res = await server.request('POST', '/api/v1/teams', {
          as: admin.id,
          body: { name: 'Never Audited' },
        });
        assert.equal(res.status, 500);
        assert.equal(res.body.error?.code, 'internal_error');
        assert.deepEqual(await rowCounts(db), counts);
        const teams = await queryRows(db, sql`select 1 from teams where name = 'Never Audited'`);
        assert.equal(teams.length, 0);
      } finally {
        await db.execute(sql`drop trigger test_refuse_team_audit on audit_log`);
        await db.execute(sql`drop function test_refuse_team_audit()`);
      }
    });

    it('never stores passwords, password hashes, session or token secrets', async () => {
      const db = server.database.db;
      const hashes = await queryRows<{ v: string }>(
        db,
        sql`select password_hash as v from users union all select token_hash from api_tokens
            union all select id from sessions`,
      );
      const trail = await queryRows<{ text: string }>(
        db,
        sql`select coalesce(string_agg(concat_ws('|', before::text, after::text, action, entity_id), '\n'), '') as text
            from audit_log`,
      );
      const text = trail[0]?.text ?? '';
      assert.ok(text.includes('aud.user'), 'the trail is not empty');
      for (const secret of [...secrets, ...hashes.map((h) => h.v)]) {
        assert.ok(secret.length >= 8);
        assert.equal(text.includes(secret), false, `a secret reached the trail: ${secret.slice(0, 12)}…`);
      }
      assert.doesNotMatch(text, /argon2|password_hash|token_hash|"password"|"token"/);
    });
  });

  describe('GET /api/v1/audit', () => {
    let all: Entry[] = [];

    /** The whole trail as the API lists it (read in each test: the suites above write it first). */
    async function readAll(): Promise<Entry[]> {
      const res = await server.request('GET', '/api/v1/audit?limit=1000', { as: admin.id });
      all = (res.body as unknown as Page).items;
      assert.ok(all.length >= 10);
      return all;
    }

    it('lists newest first with the total', async () => {
      await readAll();
      const res = await server.request('GET', '/api/v1/audit?limit=1000', { as: admin.id });
      const page = res.body as unknown as Page;
      assert.equal(page.total, all.length);
      const ids = page.items.map((e) => e.id);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => b - a),
      );
      const [count] = await queryRows<{ n: number }>(
        server.database.db,
        sql`select count(*)::int as n from audit_log`,
      );
      assert.equal(page.total, count?.n);
    });

    it("names each person by today's display name beside the username they had then", async () => {
      await readAll();
      const [me] = await queryRows<{ display_name: string; username: string }>(
        server.database.db,
        sql`select display_name, username from users where id = ${admin.id}`,
      );
      const mine = all.filter((e) => e.actor_id === admin.id);
      assert.ok(mine.length > 0);
      for (const e of mine) assert.equal(e.actor_name, me?.display_name);
      for (const e of all.filter((x) => x.actor_id === null)) assert.equal(e.actor_name, null);
    });

    it('pages with next_cursor without repeats or gaps', async () => {
      await readAll();
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await server.request(
          'GET',
          `/api/v1/audit?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { as: admin.id },
        );
        const page = res.body as unknown as Page;
        assert.equal(page.total, all.length);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.next_cursor;
      } while (cursor);
      assert.deepEqual(
        seen,
        all.map((e) => e.id),
      );
    });

    it('filters by action, entity, actor and time', async () => {
      await readAll();
      const get = async (query: string) => {
        const res = await server.request('GET', `/api/v1/audit?limit=1000&${query}`, { as: admin.id });
        assert.equal(res.status, 200, res.text);
        return res.body as unknown as Page;
      };
      const expectIds = (page: Page, want: Entry[]) => {
        assert.deepEqual(
          page.items.map((e) => e.id),
          want.map((e) => e.id),
        );
        assert.equal(page.total, want.length);
      };
      expectIds(
        await get('action=team.update'),
        all.filter((e) => e.action === 'team.update'),
      );
      expectIds(
        await get('entity_type=queue'),
        all.filter((e) => e.entity_type === 'queue'),
      );
      const someUser = all.find((e) => e.action === 'user.update');
      assert.ok(someUser);
      expectIds(
        await get(`entity_type=user&entity_id=${someUser.entity_id}`),
        all.filter((e) => e.entity_type === 'user' && e.entity_id === someUser.entity_id),
      );
      expectIds(
        await get(`actor_id=${admin.id}`),
        all.filter((e) => e.actor_id === admin.id),
      );
      assert.ok(
        all.some((e) => e.actor_id !== admin.id),
        'the actor filter excludes someone',
      );
      const times = [...new Set(all.map((e) => e.at))].sort();
      const from = times[1];
      const to = times[times.length - 2];
      assert.ok(from && to && from < to, 'entries at several times');
      expectIds(
        await get(`from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
        all.filter((e) => e.at >= from && e.at < to),
      );
      const bad = await server.request('GET', '/api/v1/audit?from=yesterday', { as: admin.id });
      assert.equal(bad.status, 400);
    });

    it('is for administrators and QA leads only', async () => {
      const lead = await buildUser(server.database.db, { roles: ['qa_lead'] });
      assert.equal((await server.request('GET', '/api/v1/audit', { as: lead.id })).status, 200);
      for (const role of ['qa', 'hr', 'manager', 'team_leader', 'agent'] as const) {
        const user = await buildUser(server.database.db, { roles: [role] });
        assert.equal((await server.request('GET', '/api/v1/audit', { as: user.id })).status, 403, role);
        assert.equal(
          (await server.request('GET', '/api/v1/audit/verify', { as: user.id })).status,
          403,
          role,
        );
      }
    });
  });

  describe('chain verification', () => {
    type Stored = { id: number; after: string | null };

    type Verdict = {
      ok: boolean;
      first_broken_id: number | null;
      checked: number;
      reason_code: string | null;
      pending: number;
    };

    /** Seals what the writes above left pending (the app's sealer is not running here), then verifies. */
    async function verify(): Promise<Verdict> {
      await sealAudit(server.database.db);
      const res = await server.request('GET', '/api/v1/audit/verify', { as: admin.id });
      assert.equal(res.status, 200);
      const direct = await verifyAuditChain(server.database.db);
      assert.deepEqual(res.body, direct, 'the endpoint and verifyAuditChain agree');
      assert.equal(direct.pending, 0);
      return direct;
    }

    async function middle(): Promise<{ target: Stored; next: Stored; count: number }> {
      await sealAudit(server.database.db);
      const rows = await queryRows<Stored>(
        server.database.db,
        sql`select id::int as id, after::text as after from audit_log order by seq`,
      );
      const i = Math.floor(rows.length / 2);
      const target = rows[i];
      const next = rows[i + 1];
      assert.ok(target && next);
      return { target, next, count: rows.length };
    }

    it('an intact chain verifies', async () => {
      const result = await verify();
      assert.equal(result.ok, true);
      assert.equal(result.first_broken_id, null);
      const { count } = await middle();
      assert.equal(result.checked, count);
    });

    it('an edited entry is reported as the first broken one', async () => {
      const { target } = await middle();
      await server.database.db.execute(
        sql`update audit_log set after = jsonb_build_object('display_name', 'forged') where id = ${target.id}`,
      );
      const broken = await verify();
      assert.equal(broken.ok, false);
      assert.equal(broken.first_broken_id, target.id);
      assert.equal(broken.reason_code, 'content');
      await server.database.db.execute(
        sql`update audit_log set after = ${target.after}::jsonb where id = ${target.id}`,
      );
      assert.equal((await verify()).ok, true, 'restoring the content restores the chain');
    });

    it('an edited actor or time breaks it too', async () => {
      const { target } = await middle();
      await server.database.db.execute(
        sql`update audit_log set actor_id = actor_id + 1 where id = ${target.id}`,
      );
      assert.equal((await verify()).first_broken_id, target.id);
      await server.database.db.execute(
        sql`update audit_log set actor_id = actor_id - 1 where id = ${target.id}`,
      );
      await server.database.db.execute(
        sql`update audit_log set at = at + interval '1 second' where id = ${target.id}`,
      );
      assert.equal((await verify()).first_broken_id, target.id);
      await server.database.db.execute(
        sql`update audit_log set at = at - interval '1 second' where id = ${target.id}`,
      );
      assert.equal((await verify()).ok, true);
    });

    it('a deleted entry is reported at the entry after it', async () => {
      const { target, next } = await middle();
      const db = server.database.db;
      await db.execute(
        sql`create temporary table saved_audit as select * from audit_log where id = ${target.id}`,
      );
      await db.execute(sql`delete from audit_log where id = ${target.id}`);
      const broken = await verify();
      assert.equal(broken.ok, false);
      assert.equal(broken.first_broken_id, next.id);
      assert.equal(broken.reason_code, 'link');
      await db.execute(sql`insert into audit_log select * from saved_audit`);
      await db.execute(sql`drop table saved_audit`);
      assert.equal((await verify()).ok, true);
    });

    it('an entry inserted into the middle, with a correct hash, is reported at the entry after it', async () => {
      const { target, next } = await middle();
      const db = server.database.db;
      const [t] = await queryRows<{ seq: number; hash: string }>(
        db,
        sql`select seq::int as seq, hash from audit_log where id = ${target.id}`,
      );
      assert.ok(t);
      // Make room after the target (two steps: the unique index on seq), then forge an entry that
      // links correctly to its predecessor, as someone knowing the algorithm would.
      await db.execute(sql`update audit_log set seq = seq + 1000000 where seq > ${t.seq}`);
      await db.execute(sql`update audit_log set seq = seq - 999999 where seq > 1000000`);
      const forged = {
        at: new Date(),
        actor_id: admin.id,
        actor_username: 'forger',
        action: 'user.update',
        entity_type: 'user',
        entity_id: String(admin.id),
        before: null,
        after: { display_name: 'forged' },
        ip: null,
      };
      const hash = entryHash(t.hash, forged);
      const [inserted] = await queryRows<{ id: number }>(
        db,
        sql`insert into audit_log (at, actor_id, actor_username, action, entity_type, entity_id, before, after, ip,
              seq, prev_hash, hash)
            values (${forged.at.toISOString()}::timestamptz, ${forged.actor_id}, ${forged.actor_username},
              ${forged.action}, ${forged.entity_type}, ${forged.entity_id}, null, ${JSON.stringify(forged.after)}::jsonb,
              null, ${t.seq + 1}, ${t.hash}, ${hash})
            returning id::int as id`,
      );
      assert.ok(inserted);
      const broken = await verify();
      assert.equal(broken.ok, false);
      assert.equal(broken.first_broken_id, next.id, 'the entry after the forged one no longer links');
      assert.equal(broken.reason_code, 'link');
      await db.execute(sql`delete from audit_log where id = ${inserted.id}`);
      await db.execute(sql`update audit_log set seq = seq + 1000000 where seq > ${t.seq}`);
      await db.execute(sql`update audit_log set seq = seq - 1000001 where seq > 1000000`);
      assert.equal((await verify()).ok, true);
    });

    it('two sealed entries swapped in the chain order are reported', async () => {
      const { target, next } = await middle();
      const db = server.database.db;
      const [a] = await queryRows<{ seq: number }>(
        db,
        sql`select seq::int as seq from audit_log where id = ${target.id}`,
      );
      const [b] = await queryRows<{ seq: number }>(
        db,
        sql`select seq::int as seq from audit_log where id = ${next.id}`,
      );
      assert.ok(a && b);
      await db.execute(sql`update audit_log set seq = -1 where id = ${target.id}`);
      await db.execute(sql`update audit_log set seq = ${a.seq} where id = ${next.id}`);
      await db.execute(sql`update audit_log set seq = ${b.seq} where id = ${target.id}`);
      const broken = await verify();
      assert.equal(broken.ok, false);
      assert.equal(broken.first_broken_id, next.id, 'the entry now first has the wrong predecessor');
      await db.execute(sql`update audit_log set seq = -1 where id = ${target.id}`);
      await db.execute(sql`update audit_log set seq = ${b.seq} where id = ${next.id}`);
      await db.execute(sql`update audit_log set seq = ${a.seq} where id = ${target.id}`);
      assert.equal((await verify()).ok, true);
    });

    it('a sealed entry taken out of the chain is reported and never sealed again', async () => {
      const db = server.database.db;
      const { target, next } = await middle();
      const [t] = await queryRows<{ seq: number }>(
        db,
        sql`select seq::int as seq from audit_log where id = ${target.id}`,
      );
      assert.ok(t);
      await db.execute(sql`update audit_log set seq = null where id = ${target.id}`);
      const broken = await verify();
      assert.equal(broken.first_broken_id, next.id, 'its successor no longer links');
      assert.equal(broken.reason_code, 'link');
      assert.equal(await sealAudit(db), 0, 'the sealer leaves a row that was sealed before alone');
      await db.execute(sql`update audit_log set seq = ${t.seq} where id = ${target.id}`);
      assert.equal((await verify()).ok, true);

      // The newest entry taken out: no successor to notice, so it is found by its leftover hash.
      const [last] = await queryRows<{ id: number; seq: number }>(
        db,
        sql`select id::int as id, seq::int as seq from audit_log order by seq desc limit 1`,
      );
      assert.ok(last);
      await db.execute(sql`update audit_log set seq = null where id = ${last.id}`);
      const tail = await verify();
      assert.equal(tail.ok, false);
      assert.equal(tail.first_broken_id, last.id);
      assert.equal(tail.reason_code, 'unchained');
      await db.execute(sql`update audit_log set seq = ${last.seq} where id = ${last.id}`);
      assert.equal((await verify()).ok, true);
    });

    it('new entries after a verification continue the chain', async () => {
      ok(
        await server.request('POST', '/api/v1/teams', { as: admin.id, body: { name: 'After Verify' } }),
        201,
      );
      assert.equal((await verify()).ok, true);
    });
  });
});

describe('npm run audit:verify', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-audit-verify-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(...args: string[]): { status: number | null; stdout: string } {
    const env: NodeJS.ProcessEnv = { ...process.env, ZHIJIAN_DATA_DIR: dir };
    delete env.DATABASE_URL;
    delete env.TEST_DATABASE_URL;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    return { status: r.status, stdout: r.stdout };
  }

  it('exits 0 on an intact trail and 2 on a tampered one', async () => {
    await seedPgliteDataDir(dir, async (db) => {
      for (const n of [1, 2, 3]) {
        await db.transaction((tx) =>
          recordAudit(
            tx,
            { actorId: null, actorUsername: 'system', ip: null },
            {
              action: 'test.event' as AuditAction,
              entityType: 'test' as AuditEntityType,
              entityId: n,
              after: { n },
            },
          ),
        );
      }
    });
    // Written by a process that stopped before its sealer ran: pending, not yet chained.
    const readOnly = run('--no-seal');
    assert.equal(readOnly.status, 0, readOnly.stdout);
    assert.match(readOnly.stdout, /3 entries waiting for their seal/);
    assert.match(readOnly.stdout, /intact: 0 entries checked .*3 entries not sealed yet/);

    const intact = run();
    assert.equal(intact.status, 0, intact.stdout);
    assert.match(intact.stdout, /Sealed 3 entries/);
    assert.match(intact.stdout, /intact: 3 entries/);
    assert.equal(run().stdout.includes('waiting'), false, 'sealed for good');

    const again = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await again.db.execute(sql`update audit_log set after = '{"n": 20}' where entity_id = '2'`);
    } finally {
      await again.close();
    }
    const broken = run();
    assert.equal(broken.status, 2, broken.stdout);
    assert.match(broken.stdout, /BROKEN at entry 2/);
  });

  it('exits 3 when entries waited over a minute for their seal (no sealer running)', async () => {
    const stale = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-audit-stale-'));
    try {
      await seedPgliteDataDir(stale, async (db) => {
        await db.transaction((tx) =>
          recordAudit(
            tx,
            { actorId: null, actorUsername: 'system', ip: null },
            { action: 'test.event' as AuditAction, entityType: 'test' as AuditEntityType, entityId: 1 },
          ),
        );
        await db.execute(sql`update audit_log set at = at - interval '5 minutes'`);
      });
      const env: NodeJS.ProcessEnv = { ...process.env, ZHIJIAN_DATA_DIR: stale };
      delete env.DATABASE_URL;
      delete env.TEST_DATABASE_URL;
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      });
      assert.equal(r.status, 3, r.stdout);
      assert.match(r.stdout, /no sealer is running/);
      assert.match(r.stdout, /intact: 1 entries/);
    } finally {
      fs.rmSync(stale, { recursive: true, force: true });
    }
  });
});
