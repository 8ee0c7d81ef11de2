/**
 * The compliance board against hand-computed fixtures. Month 2026-11, "today" 2026-11-10 in
 * Asia/Shanghai, plan 3 a day / 20 a month, CSR C with an override of 5 a day.
 *
 * | CSR | team | on shift (local days)        | checks                         | expected                          |
 * |-----|------|------------------------------|--------------------------------|-----------------------------------|
 * | A   | T1   | 2–9 (2nd: one call at 07:30) | 3/day, 2 on the 5th (23)       | 8 days, 1 below, on track (met)    |
 * | B   | T1   | 1–9                          | 1/day (9), 2 pending, 1 unass. | 9 days, 9 below, projected 36.7    |
 * | C   | T2   | 1, 4, 7                      | 1/day (60, 70, 80)             | 3 days, 3 below, 7 left, at risk   |
 * | D   | —    | never                        | none                           | missed                             |
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import type { Role } from '../../../../shared/roles.ts';
import type { TBoard, TBoardAgent } from '../../../../shared/schemas/compliance.ts';
import { DEFAULT_PLAN } from '../../../../shared/schemas/sampling.ts';
import {
  type BuiltUser,
  buildForm,
  buildInteraction,
  buildTeam,
  buildUser,
} from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { getAgentCompliance, getComplianceBoard } from './compliance.board.ts';

const TZ = 'Asia/Shanghai';
const MONTH = '2026-11';
const TODAY = '2026-11-10';

/** 10:00 local time on a day of November 2026 (02:00Z). */
const at = (day: number, hourUtc = 2) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hourUtc).padStart(2, '0')}:00:00Z`;
const date = (day: number) => `2026-11-${String(day).padStart(2, '0')}`;

function actorOf(user: BuiltUser, roles: Role[], ledTeamIds: number[] = []): Actor {
  return {
    id: user.id,
    username: user.username,
    display_name: user.username,
    roles,
    team_id: user.team_id,
    team_name: null,
    led_team_ids: ledTeamIds,
    via: 'session',
  };
}

describe('compliance board', () => {
  let server: TestServer;
  let a: BuiltUser, b: BuiltUser, c: BuiltUser, d: BuiltUser;
  let leader: BuiltUser, qa: BuiltUser, lead: BuiltUser, coach: BuiltUser;
  let t1: { id: number; name: string }, t2: { id: number; name: string };
  let planId: number;
  let form: { id: number; formVersionId: number };

  async function evaluation(agent: BuiltUser, localDate: string, score: number, status = 'submitted') {
    await server.database.db.execute(sql`insert into evaluations
      (agent_id, evaluator_id, form_id, form_version_id, method, phase, status, local_date, score, fatal, passed)
      values (${agent.id}, ${qa.id}, ${form.id}, ${form.formVersionId}, 'on_site', 'during', ${status},
        ${localDate}::date, ${score}, false, ${score >= 80})`);
  }

  async function assignment(agent: BuiltUser, day: number, status: string, assignee: BuiltUser | null) {
    const i = await buildInteraction(server.database.db, { agentId: agent.id, startedAt: at(day, 5) });
    await server.database.db.execute(sql`insert into assignments
      (interaction_id, agent_id, assignee_id, date, due_date, status, strategy)
      values (${i.id}, ${agent.id}, ${assignee?.id ?? null}, ${date(day)}::date, ${date(day - 1)}::date, ${status}, 'random')`);
  }

  const board = (actor: Actor, month = MONTH): Promise<TBoard> =>
    getComplianceBoard(server.database.db, actor, { month, today: TODAY, timezone: TZ });
  const row = (bd: TBoard, user: BuiltUser): TBoardAgent => {
    const found = bd.agents.find((x) => x.agent_id === user.id);
    assert.ok(found, `no row for ${user.username}`);
    return found;
  };

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    t1 = await buildTeam(db, { name: 'T1 board' });
    t2 = await buildTeam(db, { name: 'T2 board' });
    leader = await buildUser(db, { roles: ['team_leader'], teamId: t1.id });
    await db.execute(sql`update teams set leader_id = ${leader.id} where id = ${t1.id}`);
    a = await buildUser(db, { teamId: t1.id, displayName: 'A' });
    b = await buildUser(db, { teamId: t1.id, displayName: 'B' });
    c = await buildUser(db, { teamId: t2.id, displayName: 'C' });
    d = await buildUser(db, { displayName: 'D' });
    qa = await buildUser(db, { roles: ['qa'] });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    coach = await buildUser(db, { roles: ['coach'] });
    form = await buildForm(db, { passMark: 80 });
    const config = {
      ...DEFAULT_PLAN.config,
      agent_overrides: [{ agent_id: c.id, daily_min: 5, reason: 'weak last month' }],
    };
    const [plan] = await queryRows<{ id: number }>(
      db,
      sql`insert into sampling_plans (name, status, daily_min, monthly_min, config)
          values ('Test plan', 'active', 3, 20, ${JSON.stringify(config)}::jsonb) returning id`,
    );
    planId = plan?.id ?? 0;

    // A: a single call at 07:30 local on the 2nd (23:30Z on the 1st), then the 3rd to the 9th.
    await buildInteraction(db, { agentId: a.id, startedAt: '2026-11-01T23:30:00Z' });
    for (let day = 3; day <= 9; day++) await buildInteraction(db, { agentId: a.id, startedAt: at(day) });
    for (let day = 2; day <= 9; day++) {
      for (let k = 0; k < (day === 5 ? 2 : 3); k++) await evaluation(a, date(day), 90);
    }
    await evaluation(a, '2026-10-31', 90); // October: not this month
    // B: every day 1–9, one check a day (one acknowledged), a draft that does not count.
    for (let day = 1; day <= 9; day++) {
      await buildInteraction(db, { agentId: b.id, startedAt: at(day) });
      await evaluation(b, date(day), day % 2 === 0 ? 90 : 80, day === 4 ? 'acknowledged' : 'submitted');
    }
    await evaluation(b, date(3), 50, 'draft');
    await assignment(b, 8, 'pending', qa);
    await assignment(b, 9, 'pending', qa);
    await assignment(b, 7, 'done', qa);
    await assignment(b, 6, 'skipped', qa);
    await assignment(b, 9, 'unassigned', null);
    // C: on shift the 1st, 4th and 7th; 60, 70, 80.
    for (const [day, score] of [
      [1, 60],
      [4, 70],
      [7, 80],
    ] as const) {
      await buildInteraction(db, { agentId: c.id, startedAt: at(day) });
      await evaluation(c, date(day), score);
    }
  });
  after(() => server.close());

  it('counts checks, shift days and days below the daily quota by local day', async () => {
    const bd = await board(actorOf(lead, ['qa_lead']));
    assert.equal(bd.month_state, 'current');
    assert.deepEqual(bd.plan, {
      id: planId,
      name: 'Test plan',
      version: 1,
      month: null,
      daily_min: 3,
      monthly_min: 20,
    });
    assert.deepEqual(
      bd.agents.map((x) => x.display_name),
      ['A', 'B', 'C', 'D'],
    );
    const ra = row(bd, a);
    assert.equal(ra.checks, 23);
    assert.equal(ra.shift_days_so_far, 8, 'the 07:30 call puts A on shift on the 2nd, not the 1st');
    assert.equal(ra.days_below_daily_quota, 1, 'only the 5th (2 of 3)');
    assert.equal(ra.status, 'on_track');

    const rb = row(bd, b);
    assert.equal(rb.checks, 9, 'the draft does not count; the acknowledged one does');
    assert.equal(rb.shift_days_so_far, 9);
    assert.equal(rb.days_below_daily_quota, 9);
    assert.equal(rb.pending_assignments, 2);
    assert.equal(rb.unassigned_assignments, 1);
    // No roster: 21 unknown days (11th–30th and today, B not yet seen), B worked 9 of 9 active days.
    assert.equal(rb.remaining_shift_days, 21);
    assert.equal(rb.remaining_source, 'estimate');
    // pace (9 + 2) / 9; 9 + 2 + 11/9 × 21 = 36.67
    assert.equal(rb.projected_checks, 36.7);
    assert.equal(rb.status, 'on_track');

    const rc = row(bd, c);
    assert.equal(rc.daily_quota, 5, 'the override is larger than the plan');
    assert.equal(rc.checks, 3);
    assert.equal(rc.shift_days_so_far, 3);
    assert.equal(rc.days_below_daily_quota, 3);
    assert.equal(rc.remaining_shift_days, 7, '3 of 9 days × 21');
    assert.equal(rc.projected_checks, 10);
    assert.equal(rc.status, 'at_risk');

    const rd = row(bd, d);
    assert.deepEqual(
      [rd.checks, rd.shift_days_so_far, rd.remaining_shift_days, rd.status],
      [0, 0, 0, 'missed'],
    );
    assert.equal(bd.roster.estimate_window_days, 9);
  });

  it('shows each average with its sample size and 95% interval', async () => {
    const bd = await board(actorOf(lead, ['qa_lead']));
    const rc = row(bd, c);
    // 60, 70, 80: mean 70, sd 10, t(2) = 4.3027 → ±24.84
    assert.equal(rc.score.n, 3);
    assert.equal(rc.score.mean, 70);
    assert.ok(Math.abs((rc.score.sd ?? 0) - 10) < 1e-9);
    assert.ok(Math.abs((rc.score.low ?? 0) - 45.159) < 0.001, String(rc.score.low));
    assert.ok(Math.abs((rc.score.high ?? 0) - 94.841) < 0.001, String(rc.score.high));
    assert.ok(Math.abs((rc.pass_rate ?? 0) - 1 / 3) < 1e-9);
    assert.deepEqual(row(bd, d).score, { n: 0, mean: null, sd: null, low: null, high: null });
    assert.ok((row(bd, a).score.high ?? 0) <= 100);
    // Pooled within-CSR spread: A 0 (23 × 90), B 5.27 (5 × 80, 4 × 90), C 10.
    const pooled = Math.sqrt((0 * 22 + 8 * (250 / 9) + 2 * 100) / (22 + 8 + 2));
    assert.ok(Math.abs((bd.spread.sd ?? 0) - pooled) < 1e-9);
    assert.equal(bd.spread.agents, 3);
  });

  it('rolls up teams and totals', async () => {
    const bd = await board(actorOf(lead, ['qa_lead']));
    const team1 = bd.teams.find((x) => x.team_id === t1.id);
    assert.ok(team1);
    assert.deepEqual(
      [team1.agents, team1.checks, team1.met, team1.on_track, team1.at_risk, team1.days_below_daily_quota],
      [2, 32, 1, 2, 0, 10],
    );
    assert.equal(team1.score.n, 32);
    const none = bd.teams.find((x) => x.team_id === null);
    assert.equal(none?.missed, 1);
    assert.deepEqual(
      [bd.totals.agents, bd.totals.checks, bd.totals.on_track, bd.totals.at_risk, bd.totals.missed],
      [4, 35, 2, 1, 1],
    );
    assert.equal(bd.totals.monthly_quota_total, 80);
  });

  it('counts each inspector’s work of the month', async () => {
    const bd = await board(actorOf(lead, ['qa_lead']));
    const q = bd.inspectors.find((x) => x.user_id === qa.id);
    assert.ok(q);
    assert.deepEqual(
      [q.in_plan, q.capacity, q.assigned, q.done, q.pending, q.overdue, q.skipped, q.evaluations],
      [true, 60, 4, 1, 2, 2, 1, 35],
    );
  });

  it('explains a CSR day by day', async () => {
    const detail = await getAgentCompliance(server.database.db, actorOf(lead, ['qa_lead']), a.id, {
      month: MONTH,
      today: TODAY,
      timezone: TZ,
    });
    assert.equal(detail.days.length, 30);
    const day = (n: number) => detail.days[n - 1];
    assert.deepEqual([day(1)?.on_shift, day(2)?.on_shift, day(2)?.source], [false, true, 'activity']);
    assert.deepEqual([day(5)?.checks, day(5)?.below], [2, true]);
    assert.deepEqual([day(11)?.on_shift, day(11)?.source], [null, 'unknown']);
  });

  it('judges a finished month by its checks alone', async () => {
    const bd = await board(actorOf(lead, ['qa_lead']), '2026-10');
    assert.equal(bd.month_state, 'past');
    const ra = row(bd, a);
    assert.deepEqual(
      [ra.checks, ra.remaining_shift_days, ra.remaining_source, ra.status],
      [1, 0, 'none', 'missed'],
    );
  });

  it('scopes CSRs: a team leader sees their team, a CSR themselves, a coach nothing', async () => {
    const mine = await board(actorOf(leader, ['team_leader'], [t1.id]));
    assert.deepEqual(
      mine.agents.map((x) => x.agent_id),
      [a.id, b.id],
    );
    assert.deepEqual(mine.inspectors, [], 'the per-inspector workload is for the whole center only');
    assert.equal(mine.totals.checks, 32);
    const self = await board(actorOf(b, ['agent']));
    assert.deepEqual(
      self.agents.map((x) => x.agent_id),
      [b.id],
    );
    await assert.rejects(board(actorOf(coach, ['coach'])), { code: 'forbidden' });
    await assert.rejects(
      getAgentCompliance(server.database.db, actorOf(leader, ['team_leader'], [t1.id]), c.id, {
        month: MONTH,
        today: TODAY,
        timezone: TZ,
      }),
      { code: 'not_found' },
    );
  });

  it('applies the roster where a day has one', async () => {
    const db = server.database.db;
    await db.execute(sql`insert into shifts (agent_id, date) values (${c.id}, '2026-11-08')`);
    for (let day = 10; day <= 15; day++)
      await db.execute(sql`insert into shifts (agent_id, date) values (${b.id}, ${date(day)}::date)`);
    try {
      const bd = await board(actorOf(lead, ['qa_lead']));
      const ra = row(bd, a);
      assert.deepEqual(
        [ra.shift_days_so_far, ra.days_below_daily_quota],
        [7, 1],
        'the 8th is rostered without A',
      );
      // Not on today's roster: (16th–30th) 15 × 7/9 = 11.7
      assert.equal(ra.remaining_shift_days, 12);
      const rb = row(bd, b);
      // On the roster today (the 10th): a shift day so far, not yet below the quota.
      assert.deepEqual([rb.shift_days_so_far, rb.days_below_daily_quota], [9, 8]);
      // today + 5 rostered days + (16th–30th) 15 × 8/9 = 19.3
      assert.deepEqual([rb.remaining_shift_days, rb.remaining_source], [19, 'mixed']);
      // pace (9 + 2) / 8 closed days: 11 + 11/8 × 19.33 = 37.6
      assert.equal(rb.projected_checks, 37.6);
      const rc = row(bd, c);
      assert.deepEqual(
        [rc.shift_days_so_far, rc.days_below_daily_quota],
        [4, 4],
        'on the roster the 8th, no checks',
      );
      assert.equal(rc.remaining_shift_days, 7, '15 × 4/9 = 6.7');
      assert.equal(bd.roster.future_days_rostered, 5);
    } finally {
      await db.execute(sql`delete from shifts`);
    }
  });

  it('follows the plan: other quotas give other numbers', async () => {
    const db = server.database.db;
    await db.execute(sql`update sampling_plans set daily_min = 1, monthly_min = 10 where id = ${planId}`);
    try {
      const bd = await board(actorOf(lead, ['qa_lead']));
      const rb = row(bd, b);
      assert.deepEqual([rb.monthly_quota, rb.daily_quota, rb.days_below_daily_quota], [10, 1, 0]);
      const rc = row(bd, c);
      assert.deepEqual([rc.daily_quota, rc.days_below_daily_quota, rc.status], [5, 3, 'on_track']);
      assert.equal(bd.totals.met, 1);
    } finally {
      await db.execute(sql`update sampling_plans set daily_min = 3, monthly_min = 20 where id = ${planId}`);
    }
  });

  describe('over HTTP', () => {
    it('answers the board for the current month, 400 for a bad month, 403 for a coach', async () => {
      const ok = await server.request('GET', '/api/v1/compliance?month=2026-11', { as: lead.id });
      assert.equal(ok.status, 200, ok.text);
      assert.equal((ok.body.agents as unknown[]).length, 4);
      assert.equal(ok.body.timezone, TZ);
      const bad = await server.request('GET', '/api/v1/compliance?month=2026-13', { as: lead.id });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error?.code, 'validation_failed');
      const coachRes = await server.request('GET', '/api/v1/compliance?month=2026-11', { as: coach.id });
      assert.equal(coachRes.status, 403);
    });

    it('hides another team’s CSR (404) and shows one’s own', async () => {
      const hidden = await server.request('GET', `/api/v1/compliance/agents/${c.id}?month=2026-11`, {
        as: leader.id,
      });
      assert.equal(hidden.status, 404);
      const own = await server.request('GET', `/api/v1/compliance/agents/${b.id}?month=2026-11`, {
        as: b.id,
      });
      assert.equal(own.status, 200, own.text);
      const other = await server.request('GET', `/api/v1/compliance/agents/${a.id}?month=2026-11`, {
        as: b.id,
      });
      assert.equal(other.status, 404);
    });

    it('sizes a sample: ±5 points at 95% with a spread of 10 takes 18 checks', async () => {
      const res = await server.request('GET', '/api/v1/compliance/sample-size?margin=5&sd=10', { as: b.id });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.n, 18);
      assert.equal(res.body.sd_source, 'given');
      const observed = await server.request('GET', '/api/v1/compliance/sample-size?margin=5&month=2026-11', {
        as: lead.id,
      });
      assert.equal(observed.body.sd_source, 'observed');
      const bad = await server.request('GET', '/api/v1/compliance/sample-size?margin=0', { as: lead.id });
      assert.equal(bad.status, 400);
    });
  });
});
