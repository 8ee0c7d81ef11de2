import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/client.ts';
import { openTestDatabase } from '../../test/test-db.ts';
import { generateCenter } from './center.ts';
import { insertCenter } from './seed.ts';

describe('insertCenter', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('writes queues, teams with leaders, users with roles and queues', async () => {
    const center = generateCenter({ seed: 11, agents: 25, teams: 3, queues: 4, inspectors: 2 });
    const seeded = await database.db.transaction((tx) => insertCenter(tx, center, 'not-a-login'));
    assert.equal(seeded.queueIdByCode.size, 4);
    assert.equal(seeded.teamIds.length, 3);
    assert.equal(seeded.userIdByUsername.size, 25 + 3 + 2 + 1);
    const agents = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from users where 'agent' = any(roles) and team_id is not null`,
    );
    assert.equal(agents[0]?.n, 25);
    const leaders = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from teams t join users u on u.id = t.leader_id
          where u.team_id = t.id and 'team_leader' = any(u.roles)`,
    );
    assert.equal(leaders[0]?.n, 3);
    const memberships = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from user_queues`,
    );
    assert.equal(
      memberships[0]?.n,
      center.agents.reduce((n, a) => n + a.queues.length, 0),
    );
  });
});
