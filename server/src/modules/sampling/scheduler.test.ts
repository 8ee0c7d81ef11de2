import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { buildInteraction, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { runSamplingDay } from './run.service.ts';
import { dueDay, schedulerTick } from './scheduler.ts';

let server: TestServer;

before(async () => {
  server = await getTestServer();
});
after(() => server.close());

const ctx = { actorId: null, actorUsername: 'scheduler', ip: null };

describe('scheduled sampling', () => {
  it('is due from the plan’s local time on, for the previous or the current local day', () => {
    const at = new Date('2026-11-02T23:30:00Z'); // 07:30 on 3 November in Shanghai
    const schedule = { enabled: true, time: '07:00', day: 'previous' as const };
    assert.equal(dueDay(schedule, at, 'Asia/Shanghai'), '2026-11-02');
    assert.equal(dueDay({ ...schedule, day: 'current' }, at, 'Asia/Shanghai'), '2026-11-03');
    assert.equal(dueDay({ ...schedule, time: '08:00' }, at, 'Asia/Shanghai'), null);
    assert.equal(dueDay({ ...schedule, enabled: false }, at, 'Asia/Shanghai'), null);
    assert.equal(dueDay(schedule, at, 'UTC'), '2026-11-01', '23:30 UTC on 2 November: yesterday is the 1st');
  });

  it('two processes claiming the same day produce one run', async () => {
    await buildUser(server.database.db, { roles: ['qa'] });
    const agent = await buildUser(server.database.db);
    for (let i = 0; i < 5; i++)
      await buildInteraction(server.database.db, {
        agentId: agent.id,
        startedAt: `2026-11-04T1${i}:00:00+08:00`,
      });
    const results = await Promise.all([
      runSamplingDay(server.database.db, {
        date: '2026-11-04',
        trigger: 'schedule',
        timezone: 'Asia/Shanghai',
        ctx,
      }),
      runSamplingDay(server.database.db, {
        date: '2026-11-04',
        trigger: 'schedule',
        timezone: 'Asia/Shanghai',
        ctx,
      }),
    ]);
    assert.equal(results.filter((r) => r !== null).length, 1, 'exactly one claim wins');
    const [runs] = await queryRows<{ n: number; created: number }>(
      server.database.db,
      sql`select count(*)::int as n, sum(created)::int as created from sampling_runs
          where date = '2026-11-04' and trigger = 'schedule'`,
    );
    assert.deepEqual(runs, { n: 1, created: 3 });
    const [assigned] = await queryRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from assignments where date = '2026-11-04'`,
    );
    assert.equal(assigned?.n, 3);
  });

  it('a tick runs the due day once; later ticks find it taken', async () => {
    const agent = await buildUser(server.database.db);
    await buildInteraction(server.database.db, { agentId: agent.id, startedAt: '2026-11-05T12:00:00+08:00' });
    const now = new Date('2026-11-06T01:00:00Z'); // 09:00 on the 6th in Shanghai; default plan: 07:00, previous day
    assert.equal(await schedulerTick(server.database.db, 'Asia/Shanghai', now), '2026-11-05');
    assert.equal(await schedulerTick(server.database.db, 'Asia/Shanghai', now), null);
    const [row] = await queryRows<{ status: string; created: number }>(
      server.database.db,
      sql`select status, created from sampling_runs where date = '2026-11-05' and trigger = 'schedule'`,
    );
    assert.deepEqual(row, { status: 'done', created: 1 });
  });
});
