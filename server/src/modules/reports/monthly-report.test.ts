/**
 * The monthly report's figures against an independent computation: evaluations are made through
 * the API (as inspectors do), every answer is remembered here, and the test recomputes scores,
 * averages, intervals, pass rates, fatal counts, category shares, changes, most-failed items,
 * distribution and trend by hand from those raw answers — then compares with GET /reports/monthly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { meanInterval } from '../../../../shared/statistics.ts';
import type { TPeriodReport, TStats } from '../../../../shared/schemas/reports.ts';
import { queryRows } from '../../db/client.ts';
import {
  type BuiltUser,
  buildForm,
  buildInteraction,
  buildTeamWithMembers,
  buildUser,
} from '../../../test/factories.ts';
import { type TestServer, getTestServer, disputeForwardedToReview } from '../../../test/server.ts';
import {
  type FormDef,
  type Result,
  handScore,
  makeEvaluation,
  ratio,
  seededRandom,
} from './report.fixtures.ts';

type Record = {
  id: number;
  agentId: number;
  inspectorId: number;
  form: FormDef;
  results: Result[];
  localDate: string;
};

const CATEGORY_ORDER = ['knowledge', 'communication', 'attitude', 'phrasing', 'process'];

/** The Stats of a set of evaluations, computed by hand from the remembered answers. */
function expectedStats(records: Record[], categoryKeys: string[]): TStats {
  const scored = records.map((r) => ({ ...r, ...handScore(r.form, r.results) }));
  const n = scored.length;
  const tenths = scored.reduce((s, r) => s + Math.round(r.score * 10), 0);
  const interval = meanInterval(
    scored.map((r) => r.score),
    { clamp: [0, 100] },
  );
  const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const categories: { [key: string]: number | null } = {};
  for (const key of categoryKeys) {
    let passed = 0;
    let applicable = 0;
    for (const r of scored) {
      r.form.items.forEach((item, i) => {
        if (item.category !== key || r.results[i] === 'na') return;
        applicable++;
        if (r.results[i] === 'pass') passed++;
      });
    }
    categories[key] = ratio(passed, applicable, 4);
  }
  return {
    evaluations: n,
    average_score: n === 0 ? null : ratio(tenths, 10 * n, 1),
    ci_low: round1(interval.low),
    ci_high: round1(interval.high),
    pass_rate: ratio(scored.filter((r) => r.passed).length, n, 4),
    fatal_count: scored.filter((r) => r.fatal).length,
    categories,
  };
}

const statsOnly = (s: TStats): TStats => ({
  evaluations: s.evaluations,
  average_score: s.average_score,
  ci_low: s.ci_low,
  ci_high: s.ci_high,
  pass_rate: s.pass_rate,
  fatal_count: s.fatal_count,
  categories: s.categories,
});

describe('monthly report: figures equal an independent computation from the raw evaluations', () => {
  let server: TestServer;
  let q1: BuiltUser;
  let q2: BuiltUser;
  let lead: BuiltUser;
  let t1: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let t2: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let loner: BuiltUser;
  let formF: FormDef;
  let formG: FormDef;
  const records: Record[] = [];
  let report: TPeriodReport;
  let correctedId = 0;

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    t1 = await buildTeamWithMembers(db, 2);
    t2 = await buildTeamWithMembers(db, 2); // the second member is never evaluated
    loner = await buildUser(db, { roles: ['agent'], displayName: '单飞' });
    q1 = await buildUser(db, { roles: ['qa'] });
    q2 = await buildUser(db, { roles: ['qa'] });
    lead = await buildUser(db, { roles: ['qa_lead'] });

    const f = await buildForm(db, {
      passMark: 80,
      sections: [
        [
          { text: '准确解答业务问题', category: 'knowledge', points: 10 },
          { text: '主动告知相关业务', category: 'knowledge', points: 10 },
          { text: '倾听并确认需求', category: 'communication', points: 10 },
          { text: '语气亲切耐心', category: 'attitude', points: 10 },
          { text: '使用标准开场白', category: 'phrasing', points: 10 },
          { text: '核实客户身份', category: 'process', points: 20, fatal: true },
        ],
      ],
    });
    formF = {
      id: f.id,
      passMark: 80,
      items: [
        { id: f.itemIds[0] ?? 0, category: 'knowledge', points: 10, fatal: false },
        { id: f.itemIds[1] ?? 0, category: 'knowledge', points: 10, fatal: false },
        { id: f.itemIds[2] ?? 0, category: 'communication', points: 10, fatal: false },
        { id: f.itemIds[3] ?? 0, category: 'attitude', points: 10, fatal: false },
        { id: f.itemIds[4] ?? 0, category: 'phrasing', points: 10, fatal: false },
        { id: f.itemIds[5] ?? 0, category: 'process', points: 20, fatal: true },
      ],
    };
    const g = await buildForm(db, {
      passMark: 70,
      sections: [
        [
          { text: '业务办理准确', category: 'knowledge', points: 15 },
          { text: '规范结束语', category: 'phrasing', points: 5 },
          { text: '不得顶撞客户', category: 'attitude', points: 10, fatal: true },
        ],
      ],
    });
    formG = {
      id: g.id,
      passMark: 70,
      items: [
        { id: g.itemIds[0] ?? 0, category: 'knowledge', points: 15, fatal: false },
        { id: g.itemIds[1] ?? 0, category: 'phrasing', points: 5, fatal: false },
        { id: g.itemIds[2] ?? 0, category: 'attitude', points: 10, fatal: true },
      ],
    };

    const [a1, a2] = t1.agents as [BuiltUser, BuiltUser];
    const [a3] = t2.agents as [BuiltUser];
    const agents = [a1, a2, a3, loner];
    const rnd = seededRandom(20261001);
    const randomResults = (form: FormDef): Result[] =>
      form.items.map((item) => {
        const x = rnd();
        if (item.fatal) return x < 0.06 ? 'fail' : 'pass';
        return x < 0.12 ? 'na' : x < 0.35 ? 'fail' : 'pass';
      });
    const record = async (
      agentId: number,
      inspectorId: number,
      form: FormDef,
      startedAt: string,
      results: Result[],
      localDate: string,
      extra: { submit?: boolean; positives?: string; negatives?: string } = {},
    ) => {
      const made = await makeEvaluation(server, { inspectorId, agentId, form, startedAt, results, ...extra });
      assert.equal(made.local_date, localDate, `local date of a call at ${startedAt}`);
      if (extra.submit !== false) {
        assert.equal(made.score, handScore(form, results).score, 'the server scores as SPEC §3 does');
        records.push({ id: made.id, agentId, inspectorId, form, results, localDate });
      }
      return made;
    };

    // 40 evaluations spread over September (previous) and October, 10:00 local time.
    for (let i = 0; i < 40; i++) {
      const agent = agents[i % agents.length] as BuiltUser;
      const form = i % 3 === 0 ? formG : formF;
      const month = i % 5 === 4 ? '09' : '10';
      const day = String(1 + ((i * 7) % 30)).padStart(2, '0');
      await record(
        agent.id,
        i % 2 === 0 ? q1.id : q2.id,
        form,
        `2026-${month}-${day}T02:00:00Z`,
        randomResults(form),
        `2026-${month}-${day}`,
      );
    }
    // 07:30 in Shanghai on 1 October is 23:30 UTC on 30 September: it counts for October.
    await record(
      a1.id,
      q1.id,
      formF,
      '2026-09-30T23:30:00Z',
      ['pass', 'fail', 'pass', 'pass', 'fail', 'pass'],
      '2026-10-01',
    );
    // 23:00 in Shanghai on 30 September: previous month.
    await record(
      a2.id,
      q2.id,
      formF,
      '2026-09-30T15:00:00Z',
      ['pass', 'pass', 'fail', 'pass', 'pass', 'pass'],
      '2026-09-30',
    );
    // 00:30 on 1 November in Shanghai: not October (made, but not part of the expected set).
    await makeEvaluation(server, {
      inspectorId: q1.id,
      agentId: a3.id,
      form: formF,
      startedAt: '2026-10-31T16:30:00Z',
      results: ['fail', 'fail', 'fail', 'fail', 'fail', 'pass'],
    });
    // 23:59 on 31 October: October.
    await record(a3.id, q2.id, formG, '2026-10-31T15:59:00Z', ['pass', 'fail', 'pass'], '2026-10-31');
    // A fatal error.
    await record(
      a3.id,
      q1.id,
      formF,
      '2026-10-15T03:00:00Z',
      ['pass', 'pass', 'pass', 'pass', 'pass', 'fail'],
      '2026-10-15',
    );
    // A draft never counts.
    await makeEvaluation(server, {
      inspectorId: q1.id,
      agentId: a1.id,
      form: formF,
      startedAt: '2026-10-12T02:00:00Z',
      results: ['fail', 'fail', 'fail', 'fail', 'fail', 'fail'],
      submit: false,
    });
    // An October call scored on 2 November counts for October.
    const late = await record(
      a1.id,
      q2.id,
      formF,
      '2026-10-30T06:00:00Z',
      ['pass', 'pass', 'pass', 'fail', 'pass', 'pass'],
      '2026-10-30',
    );
    await db.execute(
      sql`update evaluations set created_at = '2026-11-02T01:00:00Z', submitted_at = '2026-11-02T01:20:00Z' where id = ${late.id}`,
    );

    // A dispute the QA lead corrects: the report counts the corrected answers and score.
    const disputed = await record(
      a2.id,
      q1.id,
      formF,
      '2026-10-20T02:00:00Z',
      ['fail', 'pass', 'fail', 'pass', 'pass', 'pass'],
      '2026-10-20',
    );
    correctedId = disputed.id;
    const disputeId = await disputeForwardedToReview(server, {
      evaluationId: disputed.id,
      agentId: a2.id,
      leaderId: t1.leader.id,
      reason: '我已准确解答',
    });
    const corrected: Result[] = ['pass', 'pass', 'pass', 'pass', 'pass', 'pass'];
    const decided = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: lead.id,
      body: {
        uphold: false,
        note: '复核后改判',
        inspector_error: true,
        corrected_answers: formF.items.map((item, i) => ({ item_id: item.id, result: corrected[i] })),
      },
    });
    assert.equal(decided.status, 200, decided.text);
    const rec = records.find((r) => r.id === disputed.id);
    assert.ok(rec);
    rec.results = corrected;
    // A dispute the team leader upholds.
    const upheldOn = records.find(
      (r) => r.agentId === a1.id && r.localDate.startsWith('2026-10') && r.inspectorId === q2.id,
    );
    assert.ok(upheldOn);
    const raised2 = await server.request('POST', `/api/v1/evaluations/${upheldOn.id}/disputes`, {
      as: a1.id,
      body: { reason: '不认可' },
    });
    assert.equal(raised2.status, 201, raised2.text);
    const upheld = await server.request('POST', `/api/v1/disputes/${raised2.body.id as number}/decision`, {
      as: t1.leader.id,
      body: { uphold: true },
    });
    assert.equal(upheld.status, 200, upheld.text);

    // Sampling assignments of October for q1: two given, one done; one of November does not count.
    for (const [date, status] of [
      ['2026-10-05', 'done'],
      ['2026-10-06', 'pending'],
      ['2026-11-01', 'pending'],
    ] as const) {
      const interaction = await buildInteraction(db, { agentId: a1.id, startedAt: `${date}T02:00:00Z` });
      await db.execute(sql`insert into assignments (interaction_id, agent_id, assignee_id, date, due_date, status, strategy)
        values (${interaction.id}, ${a1.id}, ${q1.id}, ${date}::date, ${date}::date, ${status}, 'random')`);
    }

    const res = await server.request('GET', '/api/v1/reports/monthly?month=2026-10', { as: lead.id });
    assert.equal(res.status, 200, res.text);
    report = res.body as unknown as TPeriodReport;
  });
  after(() => server.close());

  const october = () => records.filter((r) => r.localDate.startsWith('2026-10'));
  const september = () => records.filter((r) => r.localDate.startsWith('2026-09'));

  it('names the period, the previous one and the categories that occur, in display order', () => {
    assert.deepEqual(report.period, {
      kind: 'monthly',
      month: '2026-10',
      part: null,
      from: '2026-10-01',
      to: '2026-10-31',
    });
    assert.deepEqual(report.previous, { from: '2026-09-01', to: '2026-09-30' });
    assert.deepEqual(
      report.categories.map((c) => c.key),
      CATEGORY_ORDER,
    );
    assert.equal(report.categories[0]?.name_zh, '业务知识');
    assert.equal(report.scope, 'all');
  });

  it('the center: submitted evaluations of October by local date, corrected score, drafts out', () => {
    const expected = expectedStats(october(), CATEGORY_ORDER);
    assert.deepEqual(statsOnly(report.center), expected);
    assert.ok(report.center.previous);
    assert.deepEqual(statsOnly(report.center.previous), expectedStats(september(), CATEGORY_ORDER));
    const prevAvg = report.center.previous.average_score ?? 0;
    assert.equal(
      report.center.change.average_score,
      Math.round(((expected.average_score ?? 0) - prevAvg) * 10) / 10,
    );
  });

  it('each CSR: the same figures, with the previous month and the change', () => {
    const listed = new Map(report.agents.map((a) => [a.agent_id, a]));
    const ids = [...t1.agents.map((a) => a.id), ...t2.agents.map((a) => a.id), loner.id];
    for (const id of ids) {
      const a = listed.get(id);
      assert.ok(a, `CSR ${id} listed`);
      const mine = (rs: Record[]) => rs.filter((r) => r.agentId === id);
      assert.deepEqual(statsOnly(a), expectedStats(mine(october()), CATEGORY_ORDER), `CSR ${a.agent}`);
      const prev = mine(september());
      if (prev.length === 0) assert.equal(a.previous, null);
      else {
        assert.ok(a.previous);
        assert.deepEqual(statsOnly(a.previous), expectedStats(prev, CATEGORY_ORDER));
        const cur = expectedStats(mine(october()), CATEGORY_ORDER);
        const pe = expectedStats(prev, CATEGORY_ORDER);
        if (cur.pass_rate !== null && pe.pass_rate !== null)
          assert.equal(a.change.pass_rate, Math.round((cur.pass_rate - pe.pass_rate) * 10_000) / 10_000);
      }
    }
    const never = listed.get(t2.agents[1]?.id ?? 0);
    assert.ok(never, 'an active CSR with no evaluation is listed');
    assert.equal(never.evaluations, 0);
    assert.equal(never.average_score, null);
    assert.equal(never.team_name, t2.team.name);
    assert.ok(!listed.has(q1.id) && !listed.has(lead.id), 'inspectors are not CSRs');
  });

  it('each team: its members’ evaluations; CSRs without a team count only for the center', () => {
    for (const t of [t1, t2]) {
      const row = report.teams.find((x) => x.team_id === t.team.id);
      assert.ok(row);
      const members = new Set(t.agents.map((a) => a.id));
      assert.deepEqual(
        statsOnly(row),
        expectedStats(
          october().filter((r) => members.has(r.agentId)),
          CATEGORY_ORDER,
        ),
      );
    }
    const sum = report.teams.reduce((s, t) => s + t.evaluations, 0);
    const lonerCount = october().filter((r) => r.agentId === loner.id).length;
    assert.ok(lonerCount > 0);
    assert.equal(sum + lonerCount, report.center.evaluations);
  });

  it('the most-failed items: failures, applicable answers, fail rate, CSRs failing, most failed first', () => {
    const byItem = new Map<number, { failed: number; applicable: number; agents: Set<number> }>();
    for (const r of october()) {
      r.form.items.forEach((item, i) => {
        const res = r.results[i];
        if (res === 'na') return;
        const t = byItem.get(item.id) ?? { failed: 0, applicable: 0, agents: new Set<number>() };
        t.applicable++;
        if (res === 'fail') {
          t.failed++;
          t.agents.add(r.agentId);
        }
        byItem.set(item.id, t);
      });
    }
    const expected = [...byItem.entries()].filter(([, t]) => t.failed > 0);
    assert.equal(report.top_failed_items.length, Math.min(10, expected.length));
    for (const item of report.top_failed_items) {
      const t = byItem.get(item.item_id);
      assert.ok(t, `item ${item.item_id}`);
      assert.equal(item.failed, t.failed);
      assert.equal(item.applicable, t.applicable);
      assert.equal(item.fail_rate, ratio(t.failed, t.applicable, 4));
      assert.equal(item.agents_failing, t.agents.size);
    }
    const counts = report.top_failed_items.map((i) => i.failed);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
    );
  });

  it('distribution and daily trend of October', () => {
    const scored = october().map((r) => handScore(r.form, r.results));
    const bucket = (s: { score: number; fatal: boolean }) =>
      s.fatal
        ? 'fatal'
        : s.score < 60
          ? '<60'
          : s.score < 70
            ? '60-69'
            : s.score < 80
              ? '70-79'
              : s.score < 90
                ? '80-89'
                : '90-100';
    for (const d of report.distribution) {
      assert.equal(d.count, scored.filter((s) => bucket(s) === d.bucket).length, d.bucket);
    }
    assert.equal(report.trend.length, 31);
    assert.equal(report.trend[0]?.date, '2026-10-01');
    assert.equal(report.trend[30]?.date, '2026-10-31');
    for (const day of report.trend) {
      const that = october().filter((r) => r.localDate === day.date);
      assert.equal(day.evaluations, that.length, day.date);
      assert.equal(day.average_score, expectedStats(that, []).average_score, day.date);
    }
  });

  it('inspector workload: evaluations, assignments given and done, disputes and overturns', () => {
    const one = report.inspectors.find((i) => i.inspector_id === q1.id);
    const two = report.inspectors.find((i) => i.inspector_id === q2.id);
    assert.ok(one && two);
    assert.equal(one.evaluations, october().filter((r) => r.inspectorId === q1.id).length);
    assert.equal(two.evaluations, october().filter((r) => r.inspectorId === q2.id).length);
    assert.deepEqual([one.assigned, one.done], [2, 1]);
    assert.deepEqual([one.disputes, one.overturned, one.inspector_errors], [1, 1, 1]);
    assert.deepEqual([two.disputes, two.overturned, two.inspector_errors], [1, 0, 0]);
    assert.equal(typeof one.avg_minutes, 'number');
  });

  it('the corrected evaluation is counted once, with the corrected answers', async () => {
    const [row] = await queryRows<{ revision: number; score: number }>(
      server.database.db,
      sql`select revision, score::float8 as score from evaluations where id = ${correctedId}`,
    );
    assert.equal(row?.revision, 2);
    assert.equal(row?.score, 100);
    const a2 = report.agents.find((a) => a.agent_id === t1.agents[1]?.id);
    assert.ok(a2);
    assert.equal(a2.evaluations, october().filter((r) => r.agentId === a2.agent_id).length);
  });
});
