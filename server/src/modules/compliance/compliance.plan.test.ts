/**
 * The compliance board judges a finished month by the plan version in force when it ended (the
 * plan history in the audit trail), the current month by the plan in force now. The history is
 * made through the plan API and then dated back into October and November 2026.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../policies/actor.ts';
import { DEFAULT_PLAN } from '../../../../shared/schemas/sampling.ts';
import { lastAuditId } from '../../../test/db-helpers.ts';
import { type BuiltUser, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { getComplianceBoard } from './compliance.board.ts';
import { loadPlanInForce } from './compliance.plan.ts';

const TZ = 'Asia/Shanghai';

describe('compliance board: the plan in force for the month', () => {
  let server: TestServer;
  let lead: BuiltUser;
  let agent: BuiltUser;
  let actor: Actor;

  before(async () => {
    server = await getTestServer();
    lead = await buildUser(server.database.db, { roles: ['qa_lead'] });
    agent = await buildUser(server.database.db, { displayName: 'Agent in force' });
    actor = {
      id: lead.id,
      username: lead.username,
      display_name: lead.username,
      roles: ['qa_lead'],
      team_id: null,
      team_name: null,
      led_team_ids: [],
      via: 'session',
    };
  });
  after(() => server.close());

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await server.request(method, `/api/v1${path}`, { as: lead.id, body });
    assert.ok(res.status < 300, `${method} ${path}: ${res.text}`);
    return res.body as { id: number; version: number; monthly_min: number; daily_min: number };
  };
  /** Dates the audit entries written since `mark` to `at` (the history happened then). */
  const dateBack = async (mark: number, at: string) => {
    await server.database.db.execute(
      sql`update audit_log set at = ${at}::timestamptz where id > ${mark} and entity_type = 'sampling_plan'`,
    );
  };
  const lastId = () => lastAuditId(server.database.db);
  const boardOf = (month: string, today: string) =>
    getComplianceBoard(server.database.db, actor, { month, today, timezone: TZ });

  it('a past month shows the version in force at its end; the current month the plan now', async () => {
    // Before any plan: September is judged by the defaults of a fresh install.
    let mark = await lastId();
    const first = await api('GET', '/sampling/plans/active'); // the default plan, created now
    await dateBack(mark, '2026-10-01T00:00:00Z');

    // October: the default plan edited on the 10th (monthly 22), then a new plan activated on the
    // 20th (daily 4, monthly 24) and edited on the 25th (monthly 25).
    mark = await lastId();
    const edited = await api('PATCH', `/sampling/plans/${first.id}`, {
      version: first.version,
      monthly_min: 22,
    });
    await dateBack(mark, '2026-10-10T02:00:00Z');
    mark = await lastId();
    const created = await api('POST', '/sampling/plans', {
      name: 'Autumn plan',
      daily_min: 4,
      monthly_min: 24,
      config: DEFAULT_PLAN.config,
    });
    const activated = await api('POST', `/sampling/plans/${created.id}/activate`, {
      version: created.version,
    });
    await dateBack(mark, '2026-10-20T02:00:00Z');
    mark = await lastId();
    const autumn = await api('PATCH', `/sampling/plans/${created.id}`, {
      version: activated.version,
      monthly_min: 25,
    });
    await dateBack(mark, '2026-10-25T02:00:00Z');

    // 1 November 07:30 in Shanghai (23:30Z on 31 October): already November's, so not October's.
    mark = await lastId();
    const november = await api('PATCH', `/sampling/plans/${created.id}`, {
      version: autumn.version,
      monthly_min: 30,
    });
    await dateBack(mark, '2026-10-31T23:30:00Z');

    const september = await boardOf('2026-09', '2026-11-10');
    assert.equal(september.month_state, 'past');
    assert.deepEqual(
      [september.plan.id, september.plan.monthly_min, september.plan.daily_min],
      [null, 20, 3],
      'no plan yet: the defaults',
    );

    const october = await boardOf('2026-10', '2026-11-10');
    assert.deepEqual(
      [
        october.plan.id,
        october.plan.name,
        october.plan.version,
        october.plan.daily_min,
        october.plan.monthly_min,
      ],
      [created.id, 'Autumn plan', autumn.version, 4, 25],
    );
    const row = october.agents.find((a) => a.agent_id === agent.id);
    assert.ok(row, 'the CSR is on the board');
    assert.equal(row.monthly_quota, 25, 'the quota of the version in force');

    const current = await boardOf('2026-11', '2026-11-10');
    assert.equal(current.month_state, 'current');
    assert.deepEqual(
      [current.plan.id, current.plan.version, current.plan.monthly_min],
      [created.id, november.version, 30],
    );

    // Mid-October the default plan, as edited on the 10th, was in force; an October that had
    // ended on the 15th would show it (the same lookup, asked for that instant).
    const mid = await loadPlanInForce(server.database.db, new Date('2026-10-15T00:00:00Z'));
    assert.deepEqual([mid.id, mid.version, mid.monthly_min], [first.id, edited.version, 22]);
  });
});
