import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rowCounts } from '../../../test/db-helpers.ts';
import { type BuiltUser, buildTeam, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type Team = {
  id: number;
  name: string;
  leader_id: number | null;
  member_count: number;
  active: boolean;
  version: number;
};
type Page = { items: Team[]; total: number; next_cursor: string | null };

describe('teams API', () => {
  let server: TestServer;
  let hr: BuiltUser;

  before(async () => {
    server = await getTestServer();
    hr = await buildUser(server.database.db, { roles: ['hr'] });
  });
  after(() => server.close());

  it('creates a team led by a team leader, with its member count', async () => {
    const leader = await buildUser(server.database.db, { roles: ['team_leader'] });
    const res = await server.request('POST', '/api/v1/teams', {
      as: hr.id,
      body: { name: '  宽带一组  ', leader_id: leader.id },
    });
    assert.equal(res.status, 201, res.text);
    const team = res.body as unknown as Team;
    assert.equal(team.name, '宽带一组', 'names are trimmed');
    assert.equal(team.leader_id, leader.id);
    assert.equal(team.member_count, 0);
    await buildUser(server.database.db, { teamId: team.id });
    await buildUser(server.database.db, { teamId: team.id, active: false });
    const read = await server.request('GET', `/api/v1/teams/${team.id}`, { as: hr.id });
    assert.equal((read.body as unknown as Team).member_count, 1, 'active members only');
  });

  it('the leader must be an active user with the team_leader role', async () => {
    const agent = await buildUser(server.database.db, { roles: ['agent'] });
    const formerLeader = await buildUser(server.database.db, { roles: ['team_leader'], active: false });
    const counts = await rowCounts(server.database.db);
    for (const leaderId of [agent.id, formerLeader.id, 999_999]) {
      const res = await server.request('POST', '/api/v1/teams', {
        as: hr.id,
        body: { name: `Team for ${leaderId}`, leader_id: leaderId },
      });
      assert.equal(res.status, 400, String(leaderId));
      assert.deepEqual((res.body.error?.details as { path: string[] }[])[0]?.path, ['leader_id']);
    }
    const team = await buildTeam(server.database.db);
    const update = await server.request('PATCH', `/api/v1/teams/${team.id}`, {
      as: hr.id,
      body: { version: 1, leader_id: agent.id },
    });
    assert.equal(update.status, 400);
    const after = await rowCounts(server.database.db);
    assert.deepEqual({ ...after, teams: after.teams - 1, sessions: counts.sessions }, counts);
  });

  it('names are unique in any letter case, on create and rename', async () => {
    await buildTeam(server.database.db, { name: 'Billing' });
    const other = await buildTeam(server.database.db, { name: 'Mobile' });
    const dup = await server.request('POST', '/api/v1/teams', { as: hr.id, body: { name: 'BILLING' } });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error?.code, 'duplicate');
    const rename = await server.request('PATCH', `/api/v1/teams/${other.id}`, {
      as: hr.id,
      body: { version: 1, name: 'billing' },
    });
    assert.equal(rename.status, 409);
    assert.equal(rename.body.error?.code, 'duplicate');
    const read = await server.request('GET', `/api/v1/teams/${other.id}`, { as: hr.id });
    assert.equal((read.body as unknown as Team).name, 'Mobile');
  });

  it('updates under optimistic locking', async () => {
    const team = await buildTeam(server.database.db);
    const ok = await server.request('PATCH', `/api/v1/teams/${team.id}`, {
      as: hr.id,
      body: { version: 1, name: `${team.name} B`, active: false },
    });
    assert.equal(ok.status, 200);
    assert.equal((ok.body as unknown as Team).version, 2);
    assert.equal((ok.body as unknown as Team).active, false);
    const stale = await server.request('PATCH', `/api/v1/teams/${team.id}`, {
      as: hr.id,
      body: { version: 1, name: 'Lost' },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error?.code, 'stale_write');
    const read = await server.request('GET', `/api/v1/teams/${team.id}`, { as: hr.id });
    assert.equal((read.body as unknown as Team).name, `${team.name} B`);
    assert.equal(
      (await server.request('PATCH', '/api/v1/teams/999999', { as: hr.id, body: { version: 1 } })).status,
      404,
    );
  });

  it('a team leader of a deactivated team no longer sees its members', async () => {
    const team = await buildTeam(server.database.db);
    const leader = await buildUser(server.database.db, { roles: ['team_leader'], teamId: team.id });
    const member = await buildUser(server.database.db, { teamId: team.id });
    const set = await server.request('PATCH', `/api/v1/teams/${team.id}`, {
      as: hr.id,
      body: { version: 1, leader_id: leader.id },
    });
    assert.equal(set.status, 200);
    assert.equal((await server.request('GET', `/api/v1/users/${member.id}`, { as: leader.id })).status, 200);
    await server.request('PATCH', `/api/v1/teams/${team.id}`, {
      as: hr.id,
      body: { version: 2, active: false },
    });
    assert.equal((await server.request('GET', `/api/v1/users/${member.id}`, { as: leader.id })).status, 404);
  });

  it('lists by name with keyset pagination and a search', async () => {
    for (let i = 0; i < 7; i++)
      await buildTeam(server.database.db, { name: `Paged ${String.fromCharCode(71 - i)}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await server.request(
        'GET',
        `/api/v1/teams?q=paged&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { as: hr.id },
      );
      const page = res.body as unknown as Page;
      assert.equal(page.total, 7, 'the total is the same on every page');
      seen.push(...page.items.map((t) => t.name));
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, ['Paged A', 'Paged B', 'Paged C', 'Paged D', 'Paged E', 'Paged F', 'Paged G']);
  });
});
