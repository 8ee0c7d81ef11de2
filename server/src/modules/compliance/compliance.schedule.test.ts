import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { auditSince, lastAuditId } from '../../../test/db-helpers.ts';
import { buildForm, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { proposalTick } from './compliance.schedule.ts';

const TZ = 'Asia/Shanghai';

describe('monthly proposal schedule', () => {
  let server: TestServer;
  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    // November has one weak check, December's plan is built from it.
    const agent = await buildUser(db);
    const qa = await buildUser(db, { roles: ['qa'] });
    const form = await buildForm(db);
    await db.execute(sql`insert into evaluations (agent_id, evaluator_id, form_id, form_version_id, method, phase,
        status, local_date, score, fatal, passed)
      values (${agent.id}, ${qa.id}, ${form.id}, ${form.formVersionId}, 'on_site', 'during', 'submitted',
        '2026-11-20', 60, false, false)`);
  });
  after(() => server.close());

  const plansOf = (month: string) =>
    queryRows<{ id: number; status: string; created_by: number | null }>(
      server.database.db,
      sql`select id, status, created_by from sampling_plans where month = ${month} order by id`,
    );

  it('proposes the month’s plan once, in the first days from 06:00 local time', async () => {
    const db = server.database.db;
    // 05:30 on 1 December in Shanghai (21:30Z the day before): too early.
    assert.equal(await proposalTick(db, TZ, new Date('2026-11-30T21:30:00Z')), null);
    assert.deepEqual(await plansOf('2026-12'), []);
    const from = await lastAuditId(db);
    // 09:00 local: two processes tick at once; one proposal.
    const at = new Date('2026-12-01T01:00:00Z');
    const ids = await Promise.all([proposalTick(db, TZ, at), proposalTick(db, TZ, at)]);
    const plans = await plansOf('2026-12');
    assert.equal(plans.length, 1);
    assert.deepEqual(
      ids.filter((x) => x !== null),
      [plans[0]?.id],
    );
    assert.deepEqual([plans[0]?.status, plans[0]?.created_by], ['proposed', null]);
    const audit = (await auditSince(db, from)).filter((e) => e.action === 'sampling_plan.propose');
    assert.deepEqual(
      audit.map((e) => e.actor_username),
      ['scheduler'],
    );
    // Later ticks leave it alone, even once it is discarded.
    await db.execute(sql`update sampling_plans set status = 'archived' where month = '2026-12'`);
    assert.equal(await proposalTick(db, TZ, new Date('2026-12-02T03:00:00Z')), null);
    assert.equal((await plansOf('2026-12')).length, 1);
  });

  it('proposes nothing for a month after one without checks', async () => {
    assert.equal(await proposalTick(server.database.db, TZ, new Date('2027-02-01T03:00:00Z')), null);
    assert.deepEqual(await plansOf('2027-02'), []);
  });

  it('leaves a month past its first week to the QA lead', async () => {
    assert.equal(await proposalTick(server.database.db, TZ, new Date('2027-01-08T03:00:00Z')), null);
    assert.deepEqual(await plansOf('2027-01'), []);
  });
});
