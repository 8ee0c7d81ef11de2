import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { DEFAULT_PLAN, type TPlanConfig } from '../../../../shared/schemas/sampling.ts';
import { auditSince, lastAuditId } from '../../../test/db-helpers.ts';
import { buildForm, buildInteraction, buildQueue, buildTeam, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

/**
 * The daily run (issue 5, item 3). Every test samples its own local day, so the days' CSRs and
 * interactions never meet; the plan is replaced per test with its own listed inspectors.
 */
type Assignment = {
  id: number;
  interaction_id: number;
  agent_id: number;
  assignee_id: number | null;
  date: string;
  due_date: string;
  status: string;
  strategy: string;
  rule: string | null;
};
type Summary = {
  on_shift: number;
  roster: boolean;
  created: number;
  overflow: number;
  placed_overflow: number;
  agents_short: { agent_id: number; needed: number; available: number }[];
  per_inspector: { user_id: number; before: number; assigned: number; total: number; capacity: number }[];
  by_strategy: Record<string, number>;
};
type RunBody = { assignments: Assignment[]; summary: Summary; run: { id: number; trigger: string } };

let server: TestServer;
let lead: number;

before(async () => {
  server = await getTestServer();
  lead = (await buildUser(server.database.db, { roles: ['qa_lead'] })).id;
});
after(() => server.close());

/** An instant from local wall time in Asia/Shanghai (the test server's zone). */
const local = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;

async function inspectors(n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push((await buildUser(server.database.db, { roles: ['qa'] })).id);
  return ids;
}

/** Creates and activates a plan with these inspectors (capacity each) and config overrides. */
async function usePlan(
  inspectorIds: number[],
  options: { capacity?: number; daily_min?: number; config?: Partial<TPlanConfig> } = {},
): Promise<{ id: number; version: number }> {
  const config: TPlanConfig = {
    ...DEFAULT_PLAN.config,
    inspectors: {
      mode: 'listed',
      default_capacity: 60,
      listed: inspectorIds.map((user_id) => ({ user_id, capacity: options.capacity ?? 60 })),
    },
    agent_overrides: [],
    strategies: { random: { enabled: true }, targeted: [], quantitative: [] },
    schedule: { ...DEFAULT_PLAN.config.schedule },
    ...options.config,
  };
  const created = await server.request('POST', '/api/v1/sampling/plans', {
    as: lead,
    body: { name: 'Test plan', daily_min: options.daily_min ?? 3, monthly_min: 20, config },
  });
  assert.equal(created.status, 201, created.text);
  const activated = await server.request(
    'POST',
    `/api/v1/sampling/plans/${created.body.id as number}/activate`,
    {
      as: lead,
      body: {},
    },
  );
  assert.equal(activated.status, 200, activated.text);
  return { id: activated.body.id as number, version: activated.body.version as number };
}

async function run(date: string, as = lead): Promise<RunBody> {
  const res = await server.request('POST', '/api/v1/sampling/run', { as, body: { date } });
  assert.equal(res.status, 200, res.text);
  return res.body as unknown as RunBody;
}

async function assignmentsOf(date: string): Promise<Assignment[]> {
  const rows = await queryRows<Assignment & { id: string; interaction_id: string }>(
    server.database.db,
    sql`select id, interaction_id, agent_id, assignee_id, date::text as date, due_date::text as due_date, status,
          strategy, rule
        from assignments where date = ${date}::date order by id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), interaction_id: Number(r.interaction_id) }));
}

/** An agent with `n` interactions on the local day (10:00, 10:01, …). */
async function agentWith(date: string, n: number, extra: { teamId?: number; hireDate?: string } = {}) {
  const agent = await buildUser(server.database.db, { roles: ['agent'], ...extra });
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const time = `10:${String(i).padStart(2, '0')}`;
    ids.push(
      (await buildInteraction(server.database.db, { agentId: agent.id, startedAt: local(date, time) })).id,
    );
  }
  return { id: agent.id, interactions: ids };
}

const countBy = <T>(items: T[], key: (t: T) => number | string | null) => {
  const m = new Map<number | string | null, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
};

describe('POST /api/v1/sampling/run', () => {
  it('gives every on-shift CSR the daily quota, all of them to a CSR with fewer contacts', async () => {
    const date = '2026-10-05';
    const qa = await inspectors(2);
    await usePlan(qa);
    const busy = await agentWith(date, 6);
    const quiet = await agentWith(date, 2);
    const absent = await buildUser(server.database.db, { roles: ['agent'] });
    const body = await run(date);
    const per = countBy(body.assignments, (a) => a.agent_id);
    assert.equal(per.get(busy.id), 3);
    assert.equal(per.get(quiet.id), 2, 'a CSR with 2 contacts gets both');
    assert.equal(per.get(absent.id), undefined, 'no contacts and no roster: not on shift');
    assert.equal(body.summary.on_shift, 2);
    assert.equal(body.summary.created, 5);
    assert.deepEqual(
      body.summary.agents_short.map((a) => [a.agent_id, a.needed, a.available]),
      [[quiet.id, 1, 0]],
    );
    for (const a of body.assignments) {
      assert.equal(a.date, date);
      assert.equal(a.due_date, '2026-10-07', 'due two days after (the plan default)');
      assert.equal(a.status, 'pending');
      assert.equal(a.strategy, 'random');
      assert.ok(a.assignee_id !== null && qa.includes(a.assignee_id));
    }
    assert.ok(
      body.assignments.every(
        (a) => busy.interactions.includes(a.interaction_id) || quiet.interactions.includes(a.interaction_id),
      ),
    );
  });

  it('tops up only: a second run creates nothing, a skipped assignment is replaced', async () => {
    const date = '2026-10-06';
    await usePlan(await inspectors(2));
    const agent = await agentWith(date, 8);
    const first = await run(date);
    assert.equal(first.summary.created, 3);
    const second = await run(date);
    assert.equal(second.summary.created, 0);
    assert.equal(second.assignments.length, 0);
    assert.equal((await assignmentsOf(date)).length, 3);

    const skipped = first.assignments[0];
    assert.ok(skipped);
    await server.database.db.execute(sql`update assignments set status = 'skipped' where id = ${skipped.id}`);
    const third = await run(date);
    assert.equal(third.summary.created, 1, 'a skipped check does not count; another contact is picked');
    const all = await assignmentsOf(date);
    assert.equal(all.filter((a) => a.status !== 'skipped').length, 3);
    assert.equal(new Set(all.map((a) => a.interaction_id)).size, all.length, 'no contact picked twice');
    assert.ok(all.every((a) => agent.interactions.includes(a.interaction_id)));
  });

  it('counts a call at 07:30 Asia/Shanghai for that local day, not the UTC day before', async () => {
    await usePlan(await inspectors(1));
    const agent = await buildUser(server.database.db);
    const early = await buildInteraction(server.database.db, {
      agentId: agent.id,
      startedAt: '2026-10-08T07:30:00+08:00', // 2026-10-07 23:30 UTC
    });
    const before = await run('2026-10-07');
    assert.ok(!before.assignments.some((a) => a.interaction_id === early.id));
    const day = await run('2026-10-08');
    const picked = day.assignments.find((a) => a.interaction_id === early.id);
    assert.ok(picked, 'picked on its local day');
    assert.equal(picked.date, '2026-10-08');
  });

  it('lets the roster decide a day that has one; without, whoever handled a contact is on shift', async () => {
    await usePlan(await inspectors(2));
    const rostered = await agentWith('2026-10-09', 4);
    const offRoster = await agentWith('2026-10-09', 4);
    const noContacts = await buildUser(server.database.db, { roles: ['agent'] });
    await server.database.db.execute(sql`
      insert into shifts (agent_id, date, shift) values (${rostered.id}, '2026-10-09', 'early'),
        (${noContacts.id}, '2026-10-09', 'late')`);
    const body = await run('2026-10-09');
    assert.equal(body.summary.roster, true);
    assert.equal(body.summary.on_shift, 2);
    const per = countBy(body.assignments, (a) => a.agent_id);
    assert.equal(per.get(rostered.id), 3);
    assert.equal(per.get(offRoster.id), undefined, 'not on the roster: not on shift that day');
    assert.deepEqual(
      body.summary.agents_short.map((a) => [a.agent_id, a.needed]),
      [[noContacts.id, 3]],
    );

    const next = await agentWith('2026-10-10', 4);
    const free = await run('2026-10-10');
    assert.equal(free.summary.roster, false);
    assert.equal(countBy(free.assignments, (a) => a.agent_id).get(next.id), 3);
  });

  it('spreads evenly over the inspectors and keeps what exceeds capacity as overflow', async () => {
    const date = '2026-10-12';
    const qa = await inspectors(3);
    await usePlan(qa, { capacity: 3 });
    for (let i = 0; i < 4; i++) await agentWith(date, 5);
    const body = await run(date);
    assert.equal(body.summary.created, 12);
    assert.equal(body.summary.overflow, 3);
    const loads = qa.map((id) => body.assignments.filter((a) => a.assignee_id === id).length);
    assert.deepEqual(loads, [3, 3, 3], 'capacity is never exceeded');
    const unassigned = body.assignments.filter((a) => a.status === 'unassigned');
    assert.equal(unassigned.length, 3);
    assert.ok(unassigned.every((a) => a.assignee_id === null));

    // More capacity: the next run places the earlier overflow first and picks nothing new.
    const plan = await server.request('GET', '/api/v1/sampling/plans/active', { as: lead });
    const config = plan.body.config as TPlanConfig;
    const patched = await server.request('PATCH', `/api/v1/sampling/plans/${plan.body.id as number}`, {
      as: lead,
      body: {
        version: plan.body.version,
        config: {
          ...config,
          inspectors: { ...config.inspectors, listed: qa.map((user_id) => ({ user_id, capacity: 10 })) },
        },
      },
    });
    assert.equal(patched.status, 200, patched.text);
    const again = await run(date);
    assert.equal(again.summary.created, 0);
    assert.equal(again.summary.placed_overflow, 3);
    assert.equal(again.summary.overflow, 0);
    const totals = again.summary.per_inspector.map((p) => p.total);
    assert.equal(
      totals.reduce((a, b) => a + b, 0),
      12,
    );
    assert.ok(Math.max(...totals) - Math.min(...totals) <= 1, `even: ${totals.join(',')}`);
  });

  it('keeps everything unassigned when the plan has no inspector who can take work', async () => {
    const date = '2026-10-13';
    const [gone] = await inspectors(1);
    assert.ok(gone);
    await usePlan([gone]);
    await server.database.db.execute(sql`update users set active = false where id = ${gone}`);
    await agentWith(date, 4);
    const body = await run(date);
    assert.equal(body.summary.created, 3);
    assert.equal(body.summary.overflow, 3);
    assert.equal(body.summary.per_inspector.length, 0);
    assert.ok(body.assignments.every((a) => a.status === 'unassigned'));
  });

  it('never assigns a contact twice, even with runs of the same day at once', async () => {
    const date = '2026-10-14';
    await usePlan(await inspectors(2));
    for (let i = 0; i < 3; i++) await agentWith(date, 4);
    const results = await Promise.all([run(date), run(date), run(date)]);
    assert.equal(
      results.reduce((s, r) => s + r.summary.created, 0),
      9,
      'the first run picks, the others top up nothing',
    );
    const all = await assignmentsOf(date);
    assert.equal(all.length, 9);
    assert.equal(new Set(all.map((a) => a.interaction_id)).size, 9);
  });

  it('counts submitted checks that no assignment is tied to, and never re-picks an evaluated contact', async () => {
    const date = '2026-10-15';
    const [qa] = await inspectors(1);
    assert.ok(qa);
    await usePlan([qa]);
    const agent = await agentWith(date, 5);
    // Two submitted checks of the day no assignment is tied to: a recording review of one of the
    // CSR's contacts and an on-site check without a contact; a draft does not count.
    const form = await buildForm(server.database.db);
    const evaluated = agent.interactions[0];
    for (const [interaction, method, status] of [
      [evaluated, 'recording_review', 'submitted'],
      [null, 'on_site', 'acknowledged'],
      [agent.interactions[1], 'recording_review', 'draft'],
    ] as const) {
      await server.database.db.execute(sql`
        insert into evaluations (interaction_id, agent_id, evaluator_id, form_id, form_version_id, method, phase,
          status, local_date)
        values (${interaction ?? null}, ${agent.id}, ${qa}, ${form.id}, ${form.formVersionId}, ${method}, 'after',
          ${status}, ${date}::date)`);
    }
    const body = await run(date);
    assert.equal(body.summary.created, 1, 'two checks are done already (the draft does not count)');
    assert.ok(!body.assignments.some((a) => a.interaction_id === evaluated));
  });

  it('raises a CSR to their override, adds extra checks for agent rules and quantitative rules', async () => {
    const date = '2026-10-16';
    const team = await buildTeam(server.database.db);
    const queue = await buildQueue(server.database.db);
    const overridden = await agentWith(date, 10);
    const newHire = await agentWith(date, 10, { hireDate: '2026-10-01' });
    const veteran = await agentWith(date, 10, { hireDate: '2020-01-01' });
    const teamMember = await agentWith(date, 10, { teamId: team.id });
    // Four billing calls by the veteran for the queue rule.
    const billing: number[] = [];
    for (let i = 0; i < 4; i++) {
      billing.push(
        (
          await buildInteraction(server.database.db, {
            agentId: veteran.id,
            startedAt: local(date, `15:0${i}`),
            queueId: queue.id,
          })
        ).id,
      );
    }
    await usePlan(await inspectors(2), {
      config: {
        agent_overrides: [{ agent_id: overridden.id, daily_min: 5, reason: 'weak last month' }],
        strategies: {
          random: { enabled: true },
          targeted: [{ id: 'nh', enabled: true, kind: 'new_hire', within_days: 30, extra: 2 }],
          quantitative: [
            { id: 'tm', enabled: true, scope: 'team', team_id: team.id, extra: 1 },
            { id: 'qq', enabled: true, scope: 'queue', queue_id: queue.id, count: 2 },
          ],
        },
      },
    });
    const body = await run(date);
    const per = countBy(body.assignments, (a) => a.agent_id);
    assert.equal(per.get(overridden.id), 5, 'override 5 beats the plan’s 3');
    assert.equal(per.get(newHire.id), 5, '3 + 2 for a new hire');
    assert.equal(per.get(teamMember.id), 4, '3 + 1 for the team');
    const vet = body.assignments.filter((a) => a.agent_id === veteran.id);
    const queuePicks = body.assignments.filter(
      (a) => a.strategy === 'quantitative' && a.rule === `queue:${queue.id}`,
    );
    assert.equal(queuePicks.length, 2, 'two billing calls a day, center-wide');
    assert.ok(queuePicks.every((a) => billing.includes(a.interaction_id)));
    assert.equal(vet.length, 5, 'the veteran: quota 3 plus the 2 billing calls');
    assert.equal(
      vet.filter((a) => a.strategy === 'random').length,
      3,
      'the queue picks come on top of the quota',
    );
    const hireExtras = body.assignments.filter((a) => a.agent_id === newHire.id && a.strategy === 'targeted');
    assert.deepEqual(
      hireExtras.map((a) => a.rule),
      ['new_hire:30', 'new_hire:30'],
    );
    assert.equal(
      body.assignments.filter((a) => a.agent_id === teamMember.id && a.rule === `team:${team.id}`).length,
      1,
    );

    const again = await run(date);
    assert.equal(again.summary.created, 0, 'extras and queue counts top up too');
  });

  it('reserves picks for targeted interaction rules (queue, long calls) before random', async () => {
    const date = '2026-10-19';
    const queue = await buildQueue(server.database.db);
    const agent = await agentWith(date, 10);
    const inQueue: number[] = [];
    for (let i = 0; i < 3; i++)
      inQueue.push(
        (
          await buildInteraction(server.database.db, {
            agentId: agent.id,
            startedAt: local(date, `16:0${i}`),
            queueId: queue.id,
          })
        ).id,
      );
    const long = (
      await buildInteraction(server.database.db, {
        agentId: agent.id,
        startedAt: local(date, '17:00'),
        durationS: 1800,
      })
    ).id;
    await usePlan(await inspectors(1), {
      daily_min: 4,
      config: {
        strategies: {
          random: { enabled: true },
          targeted: [
            { id: 'q', enabled: true, kind: 'queue', queue_id: queue.id, picks: 2 },
            { id: 'long', enabled: true, kind: 'duration_above', seconds: 900, picks: 1 },
            { id: 'off', enabled: false, kind: 'direction', direction: 'outbound', picks: 4 },
          ],
          quantitative: [],
        },
      },
    });
    const body = await run(date);
    assert.equal(body.assignments.length, 4);
    const byRule = countBy(body.assignments, (a) => a.rule);
    assert.equal(byRule.get(`queue:${queue.id}`), 2);
    assert.equal(byRule.get('duration_above:900'), 1);
    assert.equal(byRule.get(null), 1, 'random fills the rest');
    assert.ok(
      body.assignments
        .filter((a) => a.rule === `queue:${queue.id}`)
        .every((a) => inQueue.includes(a.interaction_id)),
    );
    assert.equal(body.assignments.find((a) => a.rule === 'duration_above:900')?.interaction_id, long);
  });

  it('adds checks for CSRs weak last month and picks repeat contacts by the same customer', async () => {
    const date = '2026-11-10';
    const [qa] = await inspectors(1);
    assert.ok(qa);
    const weak = await agentWith(date, 10);
    const fatal = await agentWith(date, 10);
    const good = await agentWith(date, 10);
    const caller = await agentWith(date, 6);
    // Last month (October): weak averaged 70 against a pass mark of 80; fatal scored 100 four times
    // and had one fatal error (counted as 0: average 80, not below); good scored 90. A November
    // evaluation does not count as last month.
    const form = await buildForm(server.database.db, { passMark: 80 });
    const evaluate = (agent: number, score: number, isFatal: boolean, day: string) =>
      server.database.db.execute(sql`
        insert into evaluations (agent_id, evaluator_id, form_id, form_version_id, method, phase, status, local_date,
          score, fatal, passed)
        values (${agent}, ${qa}, ${form.id}, ${form.formVersionId}, 'on_site', 'after', 'acknowledged', ${day}::date,
          ${score}, ${isFatal}, ${!isFatal && score >= 80})`);
    await evaluate(weak.id, 70, false, '2026-10-12');
    for (const day of ['2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09'])
      await evaluate(fatal.id, 100, false, day);
    await evaluate(fatal.id, 0, true, '2026-10-14');
    await evaluate(good.id, 90, false, '2026-10-15');
    await evaluate(good.id, 10, false, '2026-11-02');
    // The caller's customer 13800000001 rang on 8 November and again today.
    const previous = await buildInteraction(server.database.db, {
      agentId: caller.id,
      startedAt: local('2026-11-08', '09:00'),
      customerRef: '13800000001',
    });
    const repeat = await buildInteraction(server.database.db, {
      agentId: caller.id,
      startedAt: local(date, '16:00'),
      customerRef: '13800000001',
    });
    await usePlan([qa], {
      config: {
        strategies: {
          random: { enabled: true },
          targeted: [
            { id: 'rc', enabled: true, kind: 'repeat_contact', within_days: 7, picks: 1 },
            { id: 'bp', enabled: true, kind: 'below_pass_mark', extra: 2 },
            { id: 'fl', enabled: true, kind: 'fatal_last_month', extra: 1 },
          ],
          quantitative: [],
        },
      },
    });
    const body = await run(date);
    const per = countBy(body.assignments, (a) => a.agent_id);
    assert.equal(per.get(weak.id), 5, 'below the pass mark last month: 3 + 2');
    assert.equal(per.get(fatal.id), 4, 'a fatal error last month: 3 + 1');
    assert.equal(per.get(good.id), 3);
    assert.deepEqual(
      body.assignments.filter((a) => a.agent_id === weak.id && a.strategy === 'targeted').map((a) => a.rule),
      ['below_pass_mark', 'below_pass_mark'],
    );
    const repeats = body.assignments.filter((a) => a.rule === 'repeat_contact:7');
    assert.deepEqual(
      repeats.map((a) => a.interaction_id),
      [repeat.id],
      'only the contact whose customer rang within 7 days before',
    );
    assert.ok(
      !body.assignments.some((a) => a.interaction_id === previous.id),
      'the earlier call is another day',
    );
  });

  it('records the run and one audit entry with its summary; GET /sampling/runs lists it', async () => {
    const date = '2026-10-20';
    await usePlan(await inspectors(1));
    await agentWith(date, 3);
    const mark = await lastAuditId(server.database.db);
    const body = await run(date);
    const entries = (await auditSince(server.database.db, mark)).filter((e) => e.action === 'sampling.run');
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.entity_id, String(body.run.id));
    assert.equal((entries[0]?.after as { summary: Summary }).summary.created, 3);
    const runs = await server.request('GET', `/api/v1/sampling/runs?from=${date}&to=${date}`, { as: lead });
    assert.equal(runs.status, 200);
    assert.equal(runs.body.total, 1);
    const [listed] = runs.body.items as { id: number; trigger: string; created: number; status: string }[];
    assert.deepEqual(
      [listed?.id, listed?.trigger, listed?.created, listed?.status],
      [body.run.id, 'manual', 3, 'done'],
    );
  });

  it('refuses CSRs and inspectors (403) and a bad date (400)', async () => {
    const agent = await buildUser(server.database.db, { roles: ['agent'] });
    const qa = await buildUser(server.database.db, { roles: ['qa'] });
    for (const as of [agent.id, qa.id]) {
      const res = await server.request('POST', '/api/v1/sampling/run', { as, body: { date: '2026-10-21' } });
      assert.equal(res.status, 403);
    }
    const bad = await server.request('POST', '/api/v1/sampling/run', {
      as: lead,
      body: { date: '2026-02-30' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error?.code, 'validation_failed');
  });
});
