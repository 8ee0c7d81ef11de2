import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { DEFAULT_PLAN, type TPlanConfig } from '../../../../shared/schemas/sampling.ts';
import { auditSince, lastAuditId } from '../../../test/db-helpers.ts';
import { buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type PlanBody = { id: number; status: string; version: number; daily_min: number; config: TPlanConfig };

let server: TestServer;
let lead: number;

before(async () => {
  server = await getTestServer();
  lead = (await buildUser(server.database.db, { roles: ['qa_lead'] })).id;
});
after(() => server.close());

const config = (over: Partial<TPlanConfig> = {}): TPlanConfig => ({
  ...(structuredClone(DEFAULT_PLAN.config) as TPlanConfig),
  ...over,
});

async function active(): Promise<PlanBody> {
  const res = await server.request('GET', '/api/v1/sampling/plans/active', { as: lead });
  assert.equal(res.status, 200, res.text);
  return res.body as unknown as PlanBody;
}

describe('sampling plans', () => {
  it('a fresh install has one active default plan, created once however many ask at once', async () => {
    const qa = await buildUser(server.database.db, { roles: ['qa'] });
    const answers = await Promise.all(
      [lead, qa.id, lead, qa.id].map((as) => server.request('GET', '/api/v1/sampling/plans/active', { as })),
    );
    assert.ok(answers.every((a) => a.status === 200));
    const ids = new Set(answers.map((a) => a.body.id));
    assert.equal(ids.size, 1);
    const [count] = await queryRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from sampling_plans`,
    );
    assert.equal(count?.n, 1);
    const plan = answers[0]?.body as unknown as PlanBody & { monthly_min: number };
    assert.equal(plan.status, 'active');
    assert.equal(plan.daily_min, 3);
    assert.equal(plan.monthly_min, 20);
    assert.deepEqual(plan.config.inspectors, { mode: 'all_qa', default_capacity: 60, listed: [] });
    assert.deepEqual(plan.config.strategies, { random: { enabled: true }, targeted: [], quantitative: [] });
  });

  it('edits with the version read; a stale version is 409 and changes nothing', async () => {
    const plan = await active();
    const mark = await lastAuditId(server.database.db);
    const ok = await server.request('PATCH', `/api/v1/sampling/plans/${plan.id}`, {
      as: lead,
      body: { version: plan.version, daily_min: 4 },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.daily_min, 4);
    assert.equal(ok.body.version, plan.version + 1);
    const stale = await server.request('PATCH', `/api/v1/sampling/plans/${plan.id}`, {
      as: lead,
      body: { version: plan.version, daily_min: 5 },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error?.code, 'stale_write');
    assert.equal((await active()).daily_min, 4);
    const audit = await auditSince(server.database.db, mark);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.action, 'sampling_plan.update');
    assert.equal((audit[0]?.before as PlanBody).daily_min, 3);
    assert.equal((audit[0]?.after as PlanBody).daily_min, 4);
  });

  it('rejects an invalid plan with 400 and the field paths', async () => {
    const plan = await active();
    const cases: { body: Record<string, unknown>; path: string }[] = [
      { body: { daily_min: 0 }, path: 'daily_min' },
      {
        body: { config: config({ schedule: { enabled: true, time: '25:00', day: 'previous' } }) },
        path: 'config.schedule.time',
      },
      {
        body: { config: config({ inspectors: { mode: 'listed', default_capacity: 10, listed: [] } }) },
        path: 'config.inspectors.listed',
      },
      {
        body: {
          config: config({
            strategies: {
              random: { enabled: true },
              targeted: [{ id: 'x', enabled: true, kind: 'queue', queue_id: 1, picks: 0 }],
              quantitative: [],
            },
          }),
        },
        path: 'config.strategies.targeted.0.picks',
      },
      {
        body: {
          config: config({
            agent_overrides: [
              { agent_id: lead, daily_min: 5, reason: '' },
              { agent_id: lead, daily_min: 6, reason: '' },
            ],
          }),
        },
        path: 'config.agent_overrides.1',
      },
    ];
    for (const c of cases) {
      const res = await server.request('PATCH', `/api/v1/sampling/plans/${plan.id}`, {
        as: lead,
        body: { version: plan.version, ...c.body },
      });
      assert.equal(res.status, 400, `${c.path}: ${res.text}`);
      assert.equal(res.body.error?.code, 'validation_failed');
      const paths = (res.body.error?.details as { path: (string | number)[] }[]).map((d) => d.path.join('.'));
      assert.ok(paths.includes(c.path), `${c.path} not in ${paths.join(', ')}`);
    }
    // References: a listed inspector must be an active QA user; a queue rule an existing queue.
    const agent = await buildUser(server.database.db, { roles: ['agent'] });
    const refs = await server.request('PATCH', `/api/v1/sampling/plans/${plan.id}`, {
      as: lead,
      body: {
        version: plan.version,
        config: config({
          inspectors: { mode: 'listed', default_capacity: 10, listed: [{ user_id: agent.id, capacity: 5 }] },
          strategies: {
            random: { enabled: true },
            targeted: [{ id: 'q', enabled: true, kind: 'queue', queue_id: 999_999, picks: 1 }],
            quantitative: [],
          },
        }),
      },
    });
    assert.equal(refs.status, 400);
    assert.deepEqual(
      (refs.body.error?.details as { path: (string | number)[] }[]).map((d) => d.path.join('.')),
      ['config.inspectors.listed.0.user_id', 'config.strategies.targeted.0.queue_id'],
    );
    assert.equal((await active()).version, plan.version, 'nothing stored');
  });

  it('creates a proposal beside the active plan and activating it archives the old one', async () => {
    const old = await active();
    const created = await server.request('POST', '/api/v1/sampling/plans', {
      as: lead,
      body: { name: 'November focus', daily_min: 5, monthly_min: 25, month: '2026-11', config: config() },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.status, 'proposed');
    assert.equal((await active()).id, old.id, 'a proposal does not replace the active plan');

    const mark = await lastAuditId(server.database.db);
    const activated = await server.request(
      'POST',
      `/api/v1/sampling/plans/${created.body.id as number}/activate`,
      {
        as: lead,
        body: { version: created.body.version },
      },
    );
    assert.equal(activated.status, 200, activated.text);
    assert.equal(activated.body.status, 'active');
    assert.equal(activated.body.activated_by, lead);
    assert.equal((await active()).id, created.body.id);
    const former = await server.request('GET', `/api/v1/sampling/plans/${old.id}`, { as: lead });
    assert.equal(former.body.status, 'archived');
    const audit = await auditSince(server.database.db, mark);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['sampling_plan.activate'],
    );

    const edit = await server.request('PATCH', `/api/v1/sampling/plans/${old.id}`, {
      as: lead,
      body: { version: former.body.version, daily_min: 6 },
    });
    assert.equal(edit.status, 409, 'the archive is history');

    const list = await server.request('GET', '/api/v1/sampling/plans', { as: lead });
    const statuses = (list.body.items as PlanBody[]).map((p) => p.status);
    assert.equal(statuses[0], 'active');
    assert.equal(list.body.total, statuses.length);

    const archiveActive = await server.request(
      'POST',
      `/api/v1/sampling/plans/${created.body.id as number}/archive`,
      {
        as: lead,
        body: {},
      },
    );
    assert.equal(archiveActive.status, 409);
  });

  it('lets inspectors and managers read, and only the QA lead and admin change', async () => {
    const plan = await active();
    for (const role of ['qa', 'manager'] as const) {
      const user = await buildUser(server.database.db, { roles: [role] });
      assert.equal(
        (await server.request('GET', '/api/v1/sampling/plans/active', { as: user.id })).status,
        200,
      );
      const patch = await server.request('PATCH', `/api/v1/sampling/plans/${plan.id}`, {
        as: user.id,
        body: { version: plan.version, daily_min: 9 },
      });
      assert.equal(patch.status, 403);
    }
    const agent = await buildUser(server.database.db, { roles: ['agent'] });
    assert.equal((await server.request('GET', '/api/v1/sampling/plans', { as: agent.id })).status, 403);
    const admin = await buildUser(server.database.db, { roles: ['admin'] });
    const patch = await server.request('PATCH', `/api/v1/sampling/plans/${plan.id}`, {
      as: admin.id,
      body: { version: plan.version, name: 'Renamed by admin' },
    });
    assert.equal(patch.status, 200);
  });
});
