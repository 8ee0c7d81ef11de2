import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { teams } from '../../db/schema/index.ts';
import { auditSince, lastAuditId } from '../../../test/db-helpers.ts';
import { buildForm, buildTeam, buildTeamWithMembers, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import type { Actor } from '../../policies/actor.ts';
import { decideDispute } from './dispute.service.ts';
import { overdueTick } from './overdue.schedule.ts';

type Message = {
  user_id: number;
  kind: string;
  entity_type: string;
  entity_id: string;
  data: Record<string, unknown>;
};

describe('overdue confirmations job', () => {
  let server: TestServer;
  let teamA: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let teamB: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let leaderless: { teamId: number; agentId: number };
  const ids: Record<string, number> = {};
  const now = new Date('2026-11-20T02:00:00Z');
  const hoursFromNow = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    teamA = await buildTeamWithMembers(db, 2);
    teamB = await buildTeamWithMembers(db, 1);
    const team = await buildTeam(db);
    const agent = await buildUser(db, { teamId: team.id, displayName: '无班长' });
    leaderless = { teamId: team.id, agentId: agent.id };
    const qa = await buildUser(db, { roles: ['qa'] });
    const form = await buildForm(db);
    const make = async (name: string, agentId: number, status: string, dueInHours: number) => {
      const [row] = await queryRows<{ id: number }>(
        db,
        sql`insert into evaluations (agent_id, evaluator_id, form_id, form_version_id, method, phase,
            status, local_date, score, fatal, passed, submitted_at, ack_due_at)
          values (${agentId}, ${qa.id}, ${form.id}, ${form.formVersionId}, 'on_site', 'during', ${status},
            '2026-11-17', 90, false, true, ${hoursFromNow(dueInHours - 72)}::timestamptz,
            ${hoursFromNow(dueInHours)}::timestamptz)
          returning id::int as id`,
      );
      ids[name] = row!.id;
    };
    const [a1, a2] = teamA.agents;
    await make('a1Overdue', a1!.id, 'submitted', -30);
    await make('a2Overdue', a2!.id, 'submitted', -1);
    await make('a1Later', a1!.id, 'submitted', 5);
    await make('a1Signed', a1!.id, 'acknowledged', -10);
    await make('a2Disputed', a2!.id, 'disputed', -10);
    await make('b1Overdue', teamB.agents[0]!.id, 'submitted', -2);
    await make('leaderless', leaderless.agentId, 'submitted', -2);
  });
  after(() => server.close());

  const messages = () =>
    queryRows<Message>(
      server.database.db,
      sql`select user_id, kind, entity_type, entity_id, data from notifications
          where kind in ('evaluation_overdue', 'evaluations_overdue') order by id`,
    );

  it('tells each CSR’s team leader once, in one message per leader, even with two processes ticking', async () => {
    const db = server.database.db;
    const from = await lastAuditId(db);
    const results = await Promise.all([overdueTick(db, now), overdueTick(db, now)]);
    // Three evaluations are overdue and have a leader to tell; between them the two ticks claim each once.
    assert.equal(
      results.reduce((n, r) => n + r.evaluations, 0),
      3,
    );
    const sent = await messages();
    assert.deepEqual(
      sent.map((m) => [m.user_id, m.kind]),
      [
        [teamA.leader.id, 'evaluations_overdue'],
        [teamB.leader.id, 'evaluation_overdue'],
      ].sort((x, y) => Number(x[0]) - Number(y[0])),
    );
    const toA = sent.find((m) => m.user_id === teamA.leader.id)!;
    // Oldest deadline first; the not-yet-due, signed and disputed ones are not among them.
    assert.deepEqual(toA.data, { count: 2, ids: [ids.a1Overdue, ids.a2Overdue] });
    assert.deepEqual([toA.entity_type, toA.entity_id], ['evaluation', String(ids.a1Overdue)]);
    const toB = sent.find((m) => m.user_id === teamB.leader.id)!;
    assert.deepEqual(
      [toB.entity_id, toB.data],
      [String(ids.b1Overdue), { agent_name: teamB.agents[0]!.username }],
    );

    const audit = (await auditSince(db, from)).filter((e) => e.action === 'evaluation.overdue_notify');
    assert.deepEqual(
      audit.map((e) => [e.entity_id, e.actor_username, e.actor_id]).sort(),
      [ids.a1Overdue, ids.a2Overdue, ids.b1Overdue].map((id) => [String(id), 'scheduler', null]).sort(),
    );
    const entry = audit.find((e) => e.entity_id === String(ids.a1Overdue));
    assert.deepEqual(entry?.after, { ack_due_at: hoursFromNow(-30), team_leader_ids: [teamA.leader.id] });

    // The leader reads it in the inbox (the API's notification list is theirs only).
    const inboxA = await server.request('GET', '/api/v1/notifications', { as: teamA.leader.id });
    assert.equal(inboxA.status, 200);
    const kindsA = (inboxA.body.items as { kind: string }[]).map((n) => n.kind);
    assert.deepEqual(kindsA, ['evaluations_overdue']);
    const inboxB = await server.request('GET', '/api/v1/notifications', { as: teamB.leader.id });
    assert.deepEqual(
      (inboxB.body.items as { kind: string; entity_id: string }[]).map((n) => [n.kind, n.entity_id]),
      [['evaluation_overdue', String(ids.b1Overdue)]],
    );
  });

  it('never tells of the same evaluation twice; later deadlines and new leaders are told once', async () => {
    const db = server.database.db;
    assert.deepEqual(await overdueTick(db, now), { evaluations: 0, messages: 0 });
    assert.deepEqual(await overdueTick(db, new Date(now.getTime() + 60_000)), {
      evaluations: 0,
      messages: 0,
    });
    assert.equal((await messages()).length, 2);

    // Six hours on, the fifth-hour deadline has passed: that one alone, to team A's leader.
    const later = new Date(now.getTime() + 6 * 3_600_000);
    assert.deepEqual(await overdueTick(db, later), { evaluations: 1, messages: 1 });
    const last = (await messages()).at(-1)!;
    assert.deepEqual(
      [last.user_id, last.kind, last.entity_id],
      [teamA.leader.id, 'evaluation_overdue', String(ids.a1Later)],
    );

    // The team without a leader gets one: its overdue evaluation is told to them, once.
    const leader = await buildUser(db, { roles: ['team_leader'], teamId: leaderless.teamId });
    await db.update(teams).set({ leader_id: leader.id }).where(eq(teams.id, leaderless.teamId));
    assert.deepEqual(await overdueTick(db, later), { evaluations: 1, messages: 1 });
    assert.deepEqual(await overdueTick(db, later), { evaluations: 0, messages: 0 });
    const told = (await messages()).filter((m) => m.user_id === leader.id);
    assert.deepEqual(
      told.map((m) => [m.kind, m.entity_id, m.data]),
      [['evaluation_overdue', String(ids.leaderless), { agent_name: '无班长' }]],
    );
  });

  it('tells again when an upheld dispute gives the CSR a new deadline and that one passes too', async () => {
    const db = server.database.db;
    // b1Overdue was announced; the CSR then disputed it and the team leader upholds.
    await overdueTick(db, now);
    await db.execute(sql`update evaluations set status = 'disputed' where id = ${ids.b1Overdue}`);
    const [dispute] = await queryRows<{ id: number }>(
      db,
      sql`insert into disputes (evaluation_id, raised_by, reason, status, evaluator_id)
          select id, agent_id, '评分有误', 'team_leader', evaluator_id from evaluations where id = ${ids.b1Overdue}
          returning id`,
    );
    const leader: Actor = {
      id: teamB.leader.id,
      username: 'leader-b',
      display_name: '班长',
      roles: ['team_leader'],
      team_id: null,
      team_name: null,
      led_team_ids: [teamB.team.id],
      via: 'session',
    };
    await decideDispute(
      db,
      leader,
      { actorId: leader.id, actorUsername: 'leader-b', ip: null },
      dispute!.id,
      {
        uphold: true,
      },
    );
    const told = async () =>
      (await messages()).filter(
        (m) => m.user_id === teamB.leader.id && m.entity_id === String(ids.b1Overdue),
      );
    const earlier = (await told()).length;
    // The new deadline (now + the window) has not passed: nothing yet.
    assert.equal((await overdueTick(db, new Date())).evaluations, 0);
    // Once it passes unsigned, the leader is told again, once.
    const afterNewDeadline = new Date(Date.now() + 10 * 86_400_000);
    assert.equal((await overdueTick(db, afterNewDeadline)).evaluations >= 1, true);
    assert.equal((await told()).length, earlier + 1);
    await overdueTick(db, afterNewDeadline);
    assert.equal((await told()).length, earlier + 1);
  });

  it('tells nobody without the team_leader role or when the leader is inactive', async () => {
    const db = server.database.db;
    const team = await buildTeam(db);
    const notLeader = await buildUser(db, { roles: ['qa'], teamId: team.id });
    await db.update(teams).set({ leader_id: notLeader.id }).where(eq(teams.id, team.id));
    const agent = await buildUser(db, { teamId: team.id });
    const qa = await buildUser(db, { roles: ['qa'] });
    const form = await buildForm(db);
    await db.execute(sql`insert into evaluations (agent_id, evaluator_id, form_id, form_version_id, method, phase,
        status, local_date, score, fatal, passed, submitted_at, ack_due_at)
      values (${agent.id}, ${qa.id}, ${form.id}, ${form.formVersionId}, 'on_site', 'during', 'submitted',
        '2026-11-17', 90, false, true, now() - interval '4 days', now() - interval '1 day')`);
    assert.deepEqual(await overdueTick(db), { evaluations: 0, messages: 0 });
    // A team leader who left is not told either; once active, they are.
    await db.execute(
      sql`update users set roles = '{team_leader}', active = false where id = ${notLeader.id}`,
    );
    assert.deepEqual(await overdueTick(db), { evaluations: 0, messages: 0 });
    await db.execute(sql`update users set active = true where id = ${notLeader.id}`);
    assert.deepEqual(await overdueTick(db), { evaluations: 1, messages: 1 });
  });
});
