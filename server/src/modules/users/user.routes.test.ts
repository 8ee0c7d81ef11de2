import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { rowCounts } from '../../../test/db-helpers.ts';
import { countEventLoopTurns } from '../../../test/event-loop.ts';
import {
  type BuiltUser,
  TEST_PASSWORD,
  buildQueue,
  buildTeam,
  buildTeamWithMembers,
  buildUser,
} from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { AppError } from '../../errors.ts';
import { importUsers } from './user.import.ts';

type UserItem = {
  id: number;
  username: string;
  display_name: string;
  hire_date: string | null;
  roles: string[];
  team_id: number | null;
  active: boolean;
  queue_ids: number[];
  version: number;
};
type Page = { items: UserItem[]; total: number; next_cursor: string | null };

const asPage = (body: unknown) => body as Page;
const asUser = (body: unknown) => body as UserItem;

describe('users API', () => {
  let server: TestServer;
  let admin: BuiltUser;
  let hr: BuiltUser;

  before(async () => {
    server = await getTestServer();
    admin = await buildUser(server.database.db, { roles: ['admin'] });
    hr = await buildUser(server.database.db, { roles: ['hr'] });
  });
  after(() => server.close());

  /** Walks every page with next_cursor; fails on a repeated id or a wrong total. */
  async function walk(query: string, limit: number): Promise<UserItem[]> {
    const seen: UserItem[] = [];
    let cursor: string | null = null;
    let total: number | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const url = `/api/v1/users?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await server.request('GET', url, { as: admin.id });
      assert.equal(res.status, 200, res.text);
      const page = asPage(res.body);
      assert.ok(page.items.length <= limit);
      total ??= page.total;
      assert.equal(page.total, total, 'total is the same on every page');
      seen.push(...page.items);
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    assert.equal(new Set(seen.map((u) => u.id)).size, seen.length, 'no user appears twice');
    assert.equal(seen.length, total);
    return seen;
  }

  describe('create and read', () => {
    it('creates a user with team, queues and hire date, and never answers the password', async () => {
      const team = await buildTeam(server.database.db);
      const queue = await buildQueue(server.database.db);
      const res = await server.request('POST', '/api/v1/users', {
        as: admin.id,
        body: {
          username: 'Zhang.San',
          display_name: '张三',
          password: 'a-good-password',
          roles: ['agent', 'agent', 'coach'],
          team_id: team.id,
          hire_date: '2024-03-01',
          queue_ids: [queue.id],
        },
      });
      assert.equal(res.status, 201, res.text);
      const user = asUser(res.body);
      assert.equal(user.username, 'Zhang.San');
      assert.equal(user.display_name, '张三');
      assert.deepEqual(user.roles, ['agent', 'coach']);
      assert.equal(user.team_id, team.id);
      assert.equal(user.hire_date, '2024-03-01');
      assert.deepEqual(user.queue_ids, [queue.id]);
      assert.equal(user.active, true);
      assert.equal(user.version, 1);
      assert.doesNotMatch(res.text, /password|argon2/i);

      const read = await server.request('GET', `/api/v1/users/${user.id}`, { as: admin.id });
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, res.body);

      const signIn = await server.request('POST', '/api/v1/session', {
        body: { username: 'zhang.san', password: 'a-good-password' },
      });
      assert.equal(signIn.status, 200);
    });

    it('refuses a username taken in another letter case with 409 duplicate on path username', async () => {
      await buildUser(server.database.db, { username: 'Wang.Wu' });
      const counts = await rowCounts(server.database.db);
      const res = await server.request('POST', '/api/v1/users', {
        as: admin.id,
        body: { username: 'wang.wu', display_name: 'Another', password: 'a-good-password', roles: ['agent'] },
      });
      assert.equal(res.status, 409);
      assert.equal(res.body.error?.code, 'duplicate');
      assert.deepEqual(
        (res.body.error?.details as { path: string[] }[]).map((d) => d.path),
        [['username']],
      );
      assert.deepEqual(await rowCounts(server.database.db), counts);
    });

    it('refuses an unknown team_id with 400 on path team_id, storing nothing', async () => {
      const counts = await rowCounts(server.database.db);
      const res = await server.request('POST', '/api/v1/users', {
        as: admin.id,
        body: {
          username: 'no.team',
          display_name: 'No Team',
          password: 'a-good-password',
          roles: ['agent'],
          team_id: 999_999,
        },
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error?.code, 'validation_failed');
      assert.deepEqual(
        (res.body.error?.details as { path: string[] }[]).map((d) => d.path),
        [['team_id']],
      );
      assert.deepEqual(await rowCounts(server.database.db), counts);
    });

    it('refuses an unknown queue and a bad username', async () => {
      const unknownQueue = await server.request('POST', '/api/v1/users', {
        as: admin.id,
        body: {
          username: 'bad.queue',
          display_name: 'x',
          password: 'a-good-password',
          roles: ['agent'],
          queue_ids: [999_999],
        },
      });
      assert.equal(unknownQueue.status, 400);
      assert.deepEqual((unknownQueue.body.error?.details as { path: string[] }[])[0]?.path, ['queue_ids']);
      const badName = await server.request('POST', '/api/v1/users', {
        as: admin.id,
        body: { username: 'has space', display_name: 'x', password: 'a-good-password', roles: ['agent'] },
      });
      assert.equal(badName.status, 400);
      assert.deepEqual((badName.body.error?.details as { path: string[] }[])[0]?.path, ['username']);
    });

    it('lets HR create people but not grant the admin role', async () => {
      const ok = await server.request('POST', '/api/v1/users', {
        as: hr.id,
        body: { username: 'hr.made', display_name: 'HR made', password: 'a-good-password', roles: ['agent'] },
      });
      assert.equal(ok.status, 201);
      const counts = await rowCounts(server.database.db);
      const res = await server.request('POST', '/api/v1/users', {
        as: hr.id,
        body: {
          username: 'hr.admin',
          display_name: 'x',
          password: 'a-good-password',
          roles: ['agent', 'admin'],
        },
      });
      assert.equal(res.status, 403);
      assert.equal(res.body.error?.code, 'forbidden');
      assert.deepEqual(await rowCounts(server.database.db), counts);
    });
  });

  describe('list', () => {
    let team: { id: number; name: string };
    let members: BuiltUser[];

    before(async () => {
      const db = server.database.db;
      team = await buildTeam(db);
      members = [];
      // Ties on display name and missing hire dates prove the id tie-break of the keyset.
      const names = [
        'Ann',
        'bob',
        'Cat',
        'Ann',
        'dan',
        'Eve',
        'eve',
        'Fay',
        'Ann',
        'gus',
        'Hal',
        'ivy',
        'Jo',
      ];
      for (const [i, name] of names.entries()) {
        members.push(
          await buildUser(db, {
            teamId: team.id,
            username: `lst.${String.fromCharCode(109 - i)}${i}`,
            displayName: name,
            hireDate: i % 3 === 0 ? null : `2023-0${(i % 9) + 1}-1${i % 10}`,
            roles: i % 4 === 0 ? ['qa'] : ['agent'],
            active: i !== 5,
          }),
        );
      }
    });

    it('walks every page of every sort without repeats, in the order of the full list', async () => {
      for (const sort of ['username', 'display_name', 'hire_date', 'created_at']) {
        for (const order of ['asc', 'desc']) {
          const query = `team_id=${team.id}&sort=${sort}&order=${order}`;
          const full = await server.request('GET', `/api/v1/users?${query}&limit=1000`, { as: admin.id });
          const all = asPage(full.body);
          assert.equal(all.total, members.length);
          assert.equal(all.next_cursor, null);
          const walked = await walk(query, 4);
          assert.deepEqual(
            walked.map((u) => u.id),
            all.items.map((u) => u.id),
            `${sort} ${order}`,
          );
        }
      }
    });

    it('sorts by the requested key', async () => {
      const res = await server.request('GET', `/api/v1/users?team_id=${team.id}&sort=username&limit=1000`, {
        as: admin.id,
      });
      const names = asPage(res.body).items.map((u) => u.username.toLowerCase());
      assert.deepEqual(names, [...names].sort());
      const byId = await server.request(
        'GET',
        `/api/v1/users?team_id=${team.id}&sort=created_at&order=desc&limit=1000`,
        { as: admin.id },
      );
      const ids = asPage(byId.body).items.map((u) => u.id);
      assert.deepEqual(
        ids,
        members.map((m) => m.id).sort((a, b) => b - a),
      );
    });

    it('filters by role, active, team and text', async () => {
      const get = async (query: string) => {
        const res = await server.request('GET', `/api/v1/users?team_id=${team.id}&${query}&limit=1000`, {
          as: admin.id,
        });
        assert.equal(res.status, 200, res.text);
        return asPage(res.body);
      };
      const qa = await get('role=qa');
      assert.deepEqual(
        qa.items.map((u) => u.id).sort(),
        members
          .filter((m) => m.roles.includes('qa'))
          .map((m) => m.id)
          .sort(),
      );
      assert.equal(qa.total, qa.items.length);
      const inactive = await get('active=false');
      assert.deepEqual(
        inactive.items.map((u) => u.id),
        [members[5]?.id],
      );
      const active = await get('active=true');
      assert.equal(active.total, members.length - 1);
      const ann = await get('q=ann');
      assert.equal(ann.total, 3);
      assert.ok(ann.items.every((u) => u.display_name === 'Ann'));
      const wildcard = await get('q=%25');
      assert.equal(wildcard.total, 0, 'a % in q is a literal, not a wildcard');
      const other = await server.request('GET', `/api/v1/users?team_id=${team.id + 1000}`, { as: admin.id });
      assert.equal(asPage(other.body).total, 0);
    });

    it('refuses a forged cursor and a limit out of range', async () => {
      const forged = await server.request('GET', '/api/v1/users?cursor=not-a-cursor', { as: admin.id });
      assert.equal(forged.status, 400);
      assert.deepEqual((forged.body.error?.details as { path: string[] }[])[0]?.path, ['cursor']);
      const big = await server.request('GET', '/api/v1/users?limit=1001', { as: admin.id });
      assert.equal(big.status, 400);
      assert.equal(big.body.error?.code, 'validation_failed');
      const zero = await server.request('GET', '/api/v1/users?limit=0', { as: admin.id });
      assert.equal(zero.status, 400);
    });

    it('shows a team leader only their team and themself', async () => {
      const { leader, agents, team: ledTeam } = await buildTeamWithMembers(server.database.db, 3);
      const res = await server.request('GET', '/api/v1/users?limit=1000', { as: leader.id });
      assert.equal(res.status, 200);
      const page = asPage(res.body);
      assert.deepEqual(page.items.map((u) => u.id).sort(), [leader.id, ...agents.map((a) => a.id)].sort());
      assert.ok(page.items.every((u) => u.team_id === ledTeam.id));
      assert.equal(page.total, 4);
    });

    it('shows an agent only themself', async () => {
      const agent = members[1];
      assert.ok(agent);
      const res = await server.request('GET', '/api/v1/users?limit=1000', { as: agent.id });
      assert.deepEqual(
        asPage(res.body).items.map((u) => u.id),
        [agent.id],
      );
      assert.equal(asPage(res.body).total, 1);
    });
  });

  describe('update', () => {
    it('applies an edit with the current version and refuses a stale one, changing nothing', async () => {
      const user = await buildUser(server.database.db, { displayName: 'Before' });
      const first = await server.request('PATCH', `/api/v1/users/${user.id}`, {
        as: admin.id,
        body: { version: 1, display_name: 'After' },
      });
      assert.equal(first.status, 200, first.text);
      assert.equal(asUser(first.body).display_name, 'After');
      assert.equal(asUser(first.body).version, 2);

      const counts = await rowCounts(server.database.db);
      const stale = await server.request('PATCH', `/api/v1/users/${user.id}`, {
        as: admin.id,
        body: { version: 1, display_name: 'Lost update', roles: ['qa'] },
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error?.code, 'stale_write');
      const read = await server.request('GET', `/api/v1/users/${user.id}`, { as: admin.id });
      assert.equal(asUser(read.body).display_name, 'After');
      assert.deepEqual(asUser(read.body).roles, ['agent']);
      assert.equal(asUser(read.body).version, 2);
      assert.deepEqual(await rowCounts(server.database.db), counts);
    });

    it('replaces queues and moves teams', async () => {
      const q1 = await buildQueue(server.database.db);
      const q2 = await buildQueue(server.database.db);
      const team = await buildTeam(server.database.db);
      const user = await buildUser(server.database.db);
      const res = await server.request('PATCH', `/api/v1/users/${user.id}`, {
        as: admin.id,
        body: { version: 1, queue_ids: [q2.id, q1.id], team_id: team.id },
      });
      assert.equal(res.status, 200);
      assert.deepEqual(
        asUser(res.body).queue_ids,
        [q1.id, q2.id].sort((a, b) => a - b),
      );
      assert.equal(asUser(res.body).team_id, team.id);
      const cleared = await server.request('PATCH', `/api/v1/users/${user.id}`, {
        as: admin.id,
        body: { version: 2, queue_ids: [], team_id: null },
      });
      assert.deepEqual(asUser(cleared.body).queue_ids, []);
      assert.equal(asUser(cleared.body).team_id, null);
    });

    it('refuses an unknown team_id on update with 400 on path team_id', async () => {
      const user = await buildUser(server.database.db);
      const res = await server.request('PATCH', `/api/v1/users/${user.id}`, {
        as: admin.id,
        body: { version: 1, team_id: 999_999 },
      });
      assert.equal(res.status, 400);
      assert.deepEqual((res.body.error?.details as { path: string[] }[])[0]?.path, ['team_id']);
      const read = await server.request('GET', `/api/v1/users/${user.id}`, { as: admin.id });
      assert.equal(asUser(read.body).version, 1);
    });

    it('deactivating closes the sessions and stops sign-in; reactivating restores it', async () => {
      const user = await buildUser(server.database.db);
      const signIn = await server.request('POST', '/api/v1/session', {
        body: { username: user.username, password: TEST_PASSWORD },
      });
      assert.equal(signIn.status, 200);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      assert.equal((await server.request('GET', '/api/v1/me', { headers: { cookie } })).status, 200);

      const res = await server.request('PATCH', `/api/v1/users/${user.id}`, {
        as: admin.id,
        body: { version: 1, active: false },
      });
      assert.equal(res.status, 200);
      assert.equal(asUser(res.body).active, false);
      const sessions = await queryRows<{ n: number }>(
        server.database.db,
        sql`select count(*)::int as n from sessions where user_id = ${user.id}`,
      );
      assert.equal(sessions[0]?.n, 0);
      assert.equal((await server.request('GET', '/api/v1/me', { headers: { cookie } })).status, 401);
      const again = await server.request('POST', '/api/v1/session', {
        body: { username: user.username, password: TEST_PASSWORD },
      });
      assert.equal(again.status, 401);
      assert.equal(again.body.error?.code, 'invalid_credentials');

      await server.request('PATCH', `/api/v1/users/${user.id}`, {
        as: admin.id,
        body: { version: 2, active: true },
      });
      const back = await server.request('POST', '/api/v1/session', {
        body: { username: user.username, password: TEST_PASSWORD },
      });
      assert.equal(back.status, 200);
    });

    it('an admin password reset closes the sessions and the new password works', async () => {
      const user = await buildUser(server.database.db);
      const cookie = await server.sessionCookie(user.id);
      const res = await server.request('PATCH', `/api/v1/users/${user.id}`, {
        as: admin.id,
        body: { version: 1, password: 'reset-password-9' },
      });
      assert.equal(res.status, 200);
      assert.equal((await server.request('GET', '/api/v1/me', { headers: { cookie } })).status, 401);
      const old = await server.request('POST', '/api/v1/session', {
        body: { username: user.username, password: TEST_PASSWORD },
      });
      assert.equal(old.status, 401);
      const fresh = await server.request('POST', '/api/v1/session', {
        body: { username: user.username, password: 'reset-password-9' },
      });
      assert.equal(fresh.status, 200);
    });

    it('HR may not edit an admin nor grant admin; an admin may', async () => {
      const otherAdmin = await buildUser(server.database.db, { roles: ['admin'] });
      const editAdmin = await server.request('PATCH', `/api/v1/users/${otherAdmin.id}`, {
        as: hr.id,
        body: { version: 1, display_name: 'Renamed by HR' },
      });
      assert.equal(editAdmin.status, 403);
      const agent = await buildUser(server.database.db);
      const grant = await server.request('PATCH', `/api/v1/users/${agent.id}`, {
        as: hr.id,
        body: { version: 1, roles: ['agent', 'admin'] },
      });
      assert.equal(grant.status, 403);
      const read = await server.request('GET', `/api/v1/users/${agent.id}`, { as: admin.id });
      assert.deepEqual(asUser(read.body).roles, ['agent']);
      assert.equal(asUser(read.body).version, 1);
      const hrEdit = await server.request('PATCH', `/api/v1/users/${agent.id}`, {
        as: hr.id,
        body: { version: 1, display_name: 'Renamed by HR', roles: ['agent', 'qa'] },
      });
      assert.equal(hrEdit.status, 200);
      const adminGrant = await server.request('PATCH', `/api/v1/users/${agent.id}`, {
        as: admin.id,
        body: { version: 2, roles: ['admin'] },
      });
      assert.equal(adminGrant.status, 200);
      assert.deepEqual(asUser(adminGrant.body).roles, ['admin']);
    });

    it('nobody can deactivate themself or drop their own admin role', async () => {
      for (const who of [admin, hr]) {
        const me = await server.request('GET', `/api/v1/users/${who.id}`, { as: who.id });
        const res = await server.request('PATCH', `/api/v1/users/${who.id}`, {
          as: who.id,
          body: { version: asUser(me.body).version, active: false },
        });
        assert.equal(res.status, 409, who.username);
        assert.equal(res.body.error?.code, 'conflict');
        const after = await server.request('GET', `/api/v1/users/${who.id}`, { as: who.id });
        assert.equal(asUser(after.body).active, true);
      }
      const me = await server.request('GET', `/api/v1/users/${admin.id}`, { as: admin.id });
      const drop = await server.request('PATCH', `/api/v1/users/${admin.id}`, {
        as: admin.id,
        body: { version: asUser(me.body).version, roles: ['qa'] },
      });
      assert.equal(drop.status, 409);
    });

    it('answers 404 for an unknown user', async () => {
      const res = await server.request('PATCH', '/api/v1/users/999999', {
        as: admin.id,
        body: { version: 1, display_name: 'Ghost' },
      });
      assert.equal(res.status, 404);
      assert.equal(res.body.error?.code, 'not_found');
    });
  });

  describe('CSV import', () => {
    const HEADER = 'username,display_name,password,roles,team,hire_date,queues';

    it('imports the good rows and rejects each bad one with its line and reason', async () => {
      const db = server.database.db;
      const team = await buildTeam(db, { name: 'Import Team' });
      const queue = await buildQueue(db, { code: 'imp-queue' });
      await buildUser(db, { username: 'imp.existing' });
      const csv = [
        HEADER,
        'imp.a,导入 A,password-123,agent,import team,2024-01-02,IMP-QUEUE',
        'imp.b,Import B,password-123,agent|qa,,,',
        'imp.c,Import C,password-123,agent,No Such Team,,',
        'imp.d,Import D,password-123,wizard,,,',
        'IMP.A,Duplicate,password-123,agent,,,',
        'Imp.Existing,Existing,password-123,agent,,,',
        'imp.e,Too,few',
        '',
        '"imp.f","Quoted, with comma",password-123,qa;coach,,,imp-queue|nope',
        'imp.g,Short pw,short,agent,,,',
        'imp.h,Last One,password-123,trainer,,,',
      ].join('\n');
      const before = await rowCounts(db);
      const res = await server.request('POST', '/api/v1/users/import', {
        as: admin.id,
        rawBody: csv,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
      });
      assert.equal(res.status, 200, res.text);
      const result = res.body as { imported: number; rejected: { row: number; reason: string }[] };
      assert.equal(result.imported, 3);
      assert.deepEqual(
        result.rejected.map((r) => r.row),
        [4, 5, 6, 7, 8, 10, 11],
      );
      const reason = (row: number) => result.rejected.find((r) => r.row === row)?.reason ?? '';
      assert.match(reason(4), /team/i);
      assert.match(reason(5), /roles/i);
      assert.match(reason(6), /earlier|duplicate/i);
      assert.match(reason(7), /taken|exists/i);
      assert.match(reason(8), /cells/i);
      assert.match(reason(10), /queue/i);
      assert.match(reason(11), /password/i);

      const after = await rowCounts(db);
      assert.equal(after.users, before.users + 3);
      assert.equal(after.audit_log, before.audit_log + 3, 'one audit entry per imported user');
      const list = await server.request('GET', '/api/v1/users?q=imp.&limit=1000', { as: admin.id });
      const byName = new Map(asPage(list.body).items.map((u) => [u.username, u]));
      assert.deepEqual([...byName.keys()].sort(), ['imp.a', 'imp.b', 'imp.existing', 'imp.h']);
      assert.equal(byName.get('imp.a')?.team_id, team.id);
      assert.deepEqual(byName.get('imp.a')?.queue_ids, [queue.id]);
      assert.equal(byName.get('imp.a')?.hire_date, '2024-01-02');
      assert.equal(byName.get('imp.a')?.display_name, '导入 A');
      assert.deepEqual(byName.get('imp.b')?.roles, ['agent', 'qa']);
      const signIn = await server.request('POST', '/api/v1/session', {
        body: { username: 'imp.h', password: 'password-123' },
      });
      assert.equal(signIn.status, 200);
    });

    it('takes a multipart file too', async () => {
      const form = new FormData();
      form.append('file', new Blob([`${HEADER}\nmp.a,Multipart A,password-123,agent,,,\n`]), 'people.csv');
      const res = await server.request('POST', '/api/v1/users/import', { as: hr.id, form });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, { imported: 1, rejected: [], encoding: 'utf-8' });
      const missing = await server.request('POST', '/api/v1/users/import', {
        as: hr.id,
        form: new FormData(),
      });
      assert.equal(missing.status, 400);
      assert.deepEqual((missing.body.error?.details as { path: string[] }[])[0]?.path, ['file']);
    });

    it('reads a GBK file (Excel\'s "CSV" in Chinese) as GB18030 and says so; refuses one that is neither', async () => {
      // 测试 in GBK (Node has no GBK encoder; the decoder checks the bytes).
      const name = Buffer.from([0xb2, 0xe2, 0xca, 0xd4]);
      assert.equal(new TextDecoder('gb18030', { fatal: true }).decode(name), '测试');
      const file = Buffer.concat([
        Buffer.from(`${HEADER}\r\ngbk.a,`),
        name,
        Buffer.from(',password-123,agent,,,\r\n'),
      ]);
      const form = new FormData();
      form.append('file', new Blob([Uint8Array.from(file)]), 'people.csv');
      const res = await server.request('POST', '/api/v1/users/import', { as: admin.id, form });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, { imported: 1, rejected: [], encoding: 'gb18030' });
      const list = await server.request('GET', '/api/v1/users?q=gbk.a', { as: admin.id });
      assert.equal(asPage(list.body).items[0]?.display_name, '测试');

      const before = await rowCounts(server.database.db);
      const bad = await server.request('POST', '/api/v1/users/import', {
        as: admin.id,
        rawBody: Uint8Array.from(
          Buffer.concat([Buffer.from(`${HEADER}\nbad.x,`), Buffer.from([0xff, 0xfe])]),
        ),
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(bad.status, 400, bad.text);
      assert.deepEqual(
        (bad.body.error?.details as { problem: string; line: number }[]).map((d) => [d.problem, d.line]),
        [['not_utf8', 2]],
      );
      assert.deepEqual(await rowCounts(server.database.db), before);
    });

    it('a file with only bad rows stores nothing', async () => {
      const db = server.database.db;
      const before = await rowCounts(db);
      const csv = [HEADER, 'bad.a,A,password-123,wizard,,,', 'bad.b,B,password-123,agent,Nowhere,,'].join(
        '\r\n',
      );
      const res = await server.request('POST', '/api/v1/users/import', {
        as: admin.id,
        rawBody: csv,
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(res.status, 200);
      const result = res.body as { imported: number; rejected: { row: number }[] };
      assert.equal(result.imported, 0);
      assert.deepEqual(
        result.rejected.map((r) => r.row),
        [2, 3],
      );
      assert.deepEqual(await rowCounts(db), before);
    });

    it('HR rows granting admin are rejected, not imported', async () => {
      const res = await server.request('POST', '/api/v1/users/import', {
        as: hr.id,
        rawBody: `${HEADER}\nhr.adm,A,password-123,admin,,,\nhr.ok,B,password-123,agent,,,\n`,
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(res.status, 200);
      const result = res.body as { imported: number; rejected: { row: number; reason: string }[] };
      assert.equal(result.imported, 1);
      assert.deepEqual(
        result.rejected.map((r) => r.row),
        [2],
      );
      assert.match(result.rejected[0]?.reason ?? '', /admin/);
    });

    it('reads a large file in slices with turns of the event loop, naming a broken last line', async () => {
      // Every row is read before the bad quote at the end stops the import, and no query is made:
      // read at once, the 1.5 MB would give no turn at all.
      const lines = [HEADER];
      for (let i = 0; i < 25_000; i++) lines.push(`big.${i},Big ${i},password-123,agent,,,`);
      lines.push('big.last,"Last,password-123,agent,,,');
      const actor = {
        id: admin.id,
        username: admin.username,
        display_name: admin.username,
        roles: admin.roles,
        team_id: null,
        team_name: null,
        led_team_ids: [],
        via: 'session' as const,
      };
      const ctx = { actorId: admin.id, actorUsername: admin.username, ip: null };
      const before = await rowCounts(server.database.db);
      const { result, turns } = await countEventLoopTurns(() =>
        importUsers(server.database.db, actor, ctx, lines.join('\n')).then(
          () => null,
          (err: unknown) => err,
        ),
      );
      assert.ok(result instanceof AppError, String(result));
      assert.equal(result.code, 'validation_failed');
      assert.match(result.message, /near line 25002\b/);
      assert.ok(turns >= 10, `${turns} turns of the event loop while the file was read`);
      assert.deepEqual(await rowCounts(server.database.db), before);
    });

    it('refuses an empty file, a file without the required columns, and other content types', async () => {
      const before = await rowCounts(server.database.db);
      const empty = await server.request('POST', '/api/v1/users/import', {
        as: admin.id,
        rawBody: '',
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(empty.status, 400);
      const noColumns = await server.request('POST', '/api/v1/users/import', {
        as: admin.id,
        rawBody: 'name,email\nx,y\n',
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(noColumns.status, 400);
      assert.match(noColumns.body.error?.message ?? '', /username/);
      const json = await server.request('POST', '/api/v1/users/import', { as: admin.id, body: { a: 1 } });
      assert.equal(json.status, 415);
      assert.equal(json.body.error?.code, 'unsupported_media_type');
      assert.deepEqual(await rowCounts(server.database.db), before);
    });
  });
});
