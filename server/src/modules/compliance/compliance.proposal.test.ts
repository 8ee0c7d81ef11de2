/**
 * The monthly targeted plan (clause 4.3) proposed for 2026-11 from October's results, and the
 * comparison of October with November. Scorecard: Greets (10), Verifies identity (20, fatal),
 * Explains fee (10); pass mark 80. October, by hand:
 *
 * | CSR | checks (queue: score)                               | avg   | pass rate | fatal | weak because            |
 * |-----|-----------------------------------------------------|-------|-----------|-------|-------------------------|
 * | W1  | Q1: 75 (fee), 75 (fee)                              | 75    | 0         | 0     | below pass mark, rate   |
 * | W2  | Q2: 100 ×5, 0 (identity, fatal)                     | 83.3  | 5/6       | 1     | fatal rate 1/6 > 3 %    |
 * | W3  | Q1: 100, 100, 75 (fee); Q2: 75 (greets), 100        | 90    | 3/5       | 0     | pass rate               |
 * | N1  | Q2: 75 (greets) — hired 2026-10-15                  | 75    | 0         | 0     | below pass mark, rate   |
 * | S1  | Q2: 100, 100, 100 (the last corrected from 75)      | 100   | 1         | 0     | —                       |
 *
 * Item fails: fee 3 (all Q1), greets 2 (Q2; S1's retracted fail does not count), identity 1.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { type TGeneratedNote, ZPlanConfig, generatedNoteText } from '../../../../shared/schemas/sampling.ts';
import {
  PROPOSAL_DEFAULTS,
  type TComparison,
  type TMonthlyPlan,
} from '../../../../shared/schemas/compliance.ts';
import {
  type BuiltUser,
  buildForm,
  buildInteraction,
  buildQueue,
  buildTeam,
  buildUser,
} from '../../../test/factories.ts';
import { auditSince, lastAuditId } from '../../../test/db-helpers.ts';
import { generateCenter } from '../../generator/center.ts';
import { answersFor, scoreFor } from '../../generator/demo/answers.ts';
import { type FormSeed, formSections } from '../../generator/demo/forms.ts';
import { createRng } from '../../generator/random.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { appendGenerated, saveProposal, weakReasons } from './compliance.proposal.ts';

type Result = 'pass' | 'fail' | 'na';

describe('monthly targeted plan', () => {
  let server: TestServer;
  let lead: BuiltUser, qa: BuiltUser, agentUser: BuiltUser;
  let w1: BuiltUser, w2: BuiltUser, w3: BuiltUser, n1: BuiltUser, s1: BuiltUser;
  let q1: { id: number; code: string }, q2: { id: number; code: string };
  let form: { id: number; formVersionId: number; itemIds: number[] };
  let greets: number, identity: number, fee: number;

  /** A submitted check of `agent` on a contact of `queue` on `day` (local), answers per item. */
  async function check(
    agent: BuiltUser,
    day: string,
    queue: { id: number },
    fails: number[],
    options: { retracted?: number[] } = {},
  ) {
    const db = server.database.db;
    const interaction = await buildInteraction(db, {
      agentId: agent.id,
      queueId: queue.id,
      startedAt: `${day}T02:00:00Z`,
    });
    const fatal = fails.includes(identity);
    const score = fatal ? 0 : 100 - 25 * fails.length;
    const revision = options.retracted ? 2 : 1;
    const [e] = await queryRows<{ id: number }>(
      db,
      sql`insert into evaluations (interaction_id, agent_id, evaluator_id, form_id, form_version_id, method, phase,
            status, local_date, revision, score, fatal, passed)
          values (${interaction.id}, ${agent.id}, ${qa.id}, ${form.id}, ${form.formVersionId}, 'recording_review',
            'after', 'submitted', ${day}::date, ${revision}, ${score}, ${fatal}, ${!fatal && score >= 80})
          returning id`,
    );
    const answer = async (rev: number, failed: number[]) => {
      for (const item of form.itemIds) {
        const result: Result = failed.includes(item) ? 'fail' : 'pass';
        await db.execute(sql`insert into evaluation_answers (evaluation_id, revision, item_id, result)
          values (${e?.id}, ${rev}, ${item}, ${result})`);
      }
    };
    if (options.retracted) await answer(1, options.retracted);
    await answer(revision, fails);
  }

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    const team = await buildTeam(db, { name: 'Proposal team' });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    qa = await buildUser(db, { roles: ['qa'] });
    const mk = (name: string, hireDate: string | null = null) =>
      buildUser(db, { teamId: team.id, displayName: name, hireDate });
    w1 = await mk('W1');
    w2 = await mk('W2');
    w3 = await mk('W3');
    n1 = await mk('N1', '2026-10-15');
    s1 = await mk('S1', '2020-01-01');
    agentUser = w1;
    q1 = await buildQueue(db, { code: 'billing', name: 'Billing' });
    q2 = await buildQueue(db, { code: 'broadband', name: 'Broadband' });
    form = await buildForm(db, {
      passMark: 80,
      sections: [
        [
          { text: 'Greets', category: 'phrasing', points: 10 },
          { text: 'Verifies identity', category: 'process', points: 20, fatal: true },
          { text: 'Explains fee', category: 'knowledge', points: 10 },
        ],
      ],
    });
    [greets, identity, fee] = form.itemIds as [number, number, number];

    await check(w1, '2026-10-05', q1, [fee]);
    await check(w1, '2026-10-06', q1, [fee]);
    for (let k = 0; k < 5; k++) await check(w2, `2026-10-1${k}`, q2, []);
    await check(w2, '2026-10-20', q2, [identity]);
    await check(w3, '2026-10-07', q1, []);
    await check(w3, '2026-10-08', q1, []);
    await check(w3, '2026-10-09', q1, [fee]);
    await check(w3, '2026-10-10', q2, [greets]);
    await check(w3, '2026-10-11', q2, []);
    await check(n1, '2026-10-21', q2, [greets]);
    await check(s1, '2026-10-02', q2, []);
    await check(s1, '2026-10-03', q2, []);
    await check(s1, '2026-10-04', q2, [], { retracted: [greets] });
    // November, for the comparison: W1 passes twice, S1 fails the fee once.
    await check(w1, '2026-11-03', q1, []);
    await check(w1, '2026-11-04', q1, []);
    await check(s1, '2026-11-05', q2, [fee]);
  });
  after(() => server.close());

  let proposed: TMonthlyPlan;

  it('proposes higher quotas for last month’s weak CSRs, with their figures', async () => {
    const auditFrom = await lastAuditId(server.database.db);
    const res = await server.request('POST', '/api/v1/compliance/proposals', {
      as: lead.id,
      body: { month: '2026-11', top_items: 2 },
    });
    assert.equal(res.status, 201, res.text);
    proposed = res.body as unknown as TMonthlyPlan;
    assert.equal(proposed.status, 'proposed');
    assert.equal(proposed.month, '2026-11');
    const p = proposed.proposal;
    assert.ok(p);
    assert.equal(p.based_on, '2026-10');
    const byName = Object.fromEntries(p.agents.map((a) => [a.display_name, a]));
    assert.deepEqual(Object.keys(byName).sort(), ['N1', 'W1', 'W2', 'W3']);
    assert.deepEqual(byName.W1?.reasons, ['below_pass_mark', 'low_pass_rate']);
    assert.deepEqual(byName.W2?.reasons, ['fatal_errors']);
    assert.equal(p.thresholds.max_fatal_rate, PROPOSAL_DEFAULTS.max_fatal_rate);
    assert.deepEqual(byName.W3?.reasons, ['low_pass_rate']);
    assert.equal(byName.W1?.score.mean, 75);
    assert.equal(byName.W1?.score.n, 2);
    assert.equal(byName.W1?.pass_mark, 80);
    assert.ok(Math.abs((byName.W2?.score.mean ?? 0) - 500 / 6) < 1e-9);
    assert.equal(byName.W2?.fatal_count, 1);
    assert.ok(Math.abs((byName.W3?.pass_rate ?? 0) - 0.6) < 1e-9);
    assert.deepEqual([byName.W1?.daily_min_before, byName.W1?.daily_min_after], [3, 5]);

    const audit = await auditSince(server.database.db, auditFrom);
    // The fresh install's default plan is made first (and audited), then the proposal.
    assert.deepEqual(
      audit.map((x) => x.action),
      ['sampling_plan.create_default', 'sampling_plan.propose'],
    );
    assert.equal(audit[1]?.entity_id, String(proposed.id));
    assert.equal(p.base_plan.name, 'Default plan');
  });

  it('targets the most-failed items and their queues, and new hires', async () => {
    const p = proposed.proposal;
    assert.ok(p);
    assert.deepEqual(
      p.items.map((i) => [i.text, i.fails, i.answered, i.queue]),
      [
        ['Explains fee', 3, 17, 'Billing'],
        ['Greets', 2, 17, 'Broadband'],
      ],
    );
    const queues = Object.fromEntries(p.queues.map((q) => [q.code, q]));
    assert.deepEqual(queues.billing?.reasons, ['failed_items', 'low_pass_rate']);
    assert.equal(queues.billing?.score.mean, 85);
    assert.equal(queues.billing?.item_fails, 3);
    assert.deepEqual(queues.broadband?.reasons, ['failed_items', 'low_pass_rate']);
    assert.deepEqual(
      p.new_hires.agents.map((a) => a.display_name),
      ['N1'],
    );

    const [row] = await queryRows<{ config: unknown }>(
      server.database.db,
      sql`select config from sampling_plans where id = ${proposed.id}`,
    );
    const config = ZPlanConfig.parse(row?.config);
    assert.deepEqual(
      config.agent_overrides.map((o) => [o.agent_id, o.daily_min]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)),
      [w1, w2, w3, n1].map((u) => [u.id, 5]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)),
    );
    assert.match(
      config.agent_overrides.find((o) => o.agent_id === w2.id)?.reason ?? '',
      /fatal_errors .*fatal 1\/6\)/,
    );
    // The generated notes are stored as data beside the (editable) text, which the app shows in
    // the user's language while it is unedited.
    const w2Override = config.agent_overrides.find((o) => o.agent_id === w2.id);
    assert.deepEqual(w2Override?.generated, [
      {
        kind: 'weak_agent',
        month: '2026-10',
        reasons: ['fatal_errors'],
        average: 83.3,
        pass_mark: 80,
        evaluations: 6,
        fatal: 1,
      },
    ]);
    assert.equal(w2Override?.reason, generatedNoteText(w2Override?.generated ?? []));
    const rules = config.strategies.targeted;
    const billingRule = rules.find((r) => r.kind === 'queue' && r.queue_id === q1.id);
    assert.deepEqual(billingRule?.generated, [
      { kind: 'weak_queue', month: '2026-10', reasons: ['failed_items', 'low_pass_rate'] },
    ]);
    assert.equal(billingRule?.note, generatedNoteText(billingRule?.generated ?? []));
    const hireRule = rules.find((r) => r.kind === 'new_hire');
    assert.deepEqual(hireRule?.generated, [{ kind: 'new_hires', count: 1, since: '2026-08-03' }]);
    assert.equal(hireRule?.note, generatedNoteText(hireRule?.generated ?? []));
    assert.deepEqual(
      rules.filter((r) => r.kind === 'queue').map((r) => (r.kind === 'queue' ? r.queue_id : 0)),
      [q1.id, q2.id],
    );
    assert.ok(rules.some((r) => r.kind === 'new_hire' && r.within_days === 90));
  });

  it('keeps one open proposal a month: 409, or replace archives the old one', async () => {
    const again = await server.request('POST', '/api/v1/compliance/proposals', {
      as: lead.id,
      body: { month: '2026-11' },
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error?.code, 'conflict');
    const replaced = await server.request('POST', '/api/v1/compliance/proposals', {
      as: lead.id,
      body: { month: '2026-11', replace: true, top_items: 2 },
    });
    assert.equal(replaced.status, 201, replaced.text);
    const list = await server.request('GET', '/api/v1/compliance/proposals?month=2026-11', { as: lead.id });
    assert.deepEqual(
      (list.body.items as TMonthlyPlan[]).map((x) => [x.id, x.status]),
      [
        [replaced.body.id, 'proposed'],
        [proposed.id, 'archived'],
      ],
    );
    proposed = replaced.body as unknown as TMonthlyPlan;
    // The scheduled run never proposes over a month that has a plan.
    const quiet = await saveProposal(
      server.database.db,
      { actorId: null, actorUsername: 'scheduler', ip: null },
      { month: '2026-11', replace: false, trigger: 'schedule', createdBy: null, quiet: true },
    );
    assert.equal(quiet, null);
  });

  it('marks a CSR weak for fatal errors only above the request’s fatal-rate threshold', async () => {
    // W2: 1 fatal check in 6. At the threshold (1/6) W2 is not weak, nor above it; below it W2 is.
    const propose = async (max_fatal_rate: number) => {
      const res = await server.request('POST', '/api/v1/compliance/proposals', {
        as: lead.id,
        body: { month: '2026-11', replace: true, top_items: 2, max_fatal_rate },
      });
      assert.equal(res.status, 201, res.text);
      return res.body as unknown as TMonthlyPlan;
    };
    const names = (plan: TMonthlyPlan) => (plan.proposal?.agents ?? []).map((a) => a.display_name).sort();
    const at = await propose(1 / 6);
    assert.equal(at.proposal?.thresholds.max_fatal_rate, 1 / 6);
    assert.deepEqual(names(at), ['N1', 'W1', 'W3']);
    assert.deepEqual(names(await propose(0.2)), ['N1', 'W1', 'W3']);
    const below = await propose(0.1);
    assert.deepEqual(names(below), ['N1', 'W1', 'W2', 'W3']);
    assert.deepEqual(below.proposal?.agents.find((a) => a.display_name === 'W2')?.reasons, ['fatal_errors']);
    proposed = below;

    for (const bad of [-0.01, 1.5, '0.1']) {
      const res = await server.request('POST', '/api/v1/compliance/proposals', {
        as: lead.id,
        body: { month: '2026-11', replace: true, max_fatal_rate: bad },
      });
      assert.equal(res.status, 400, String(bad));
      assert.equal(res.body.error?.code, 'validation_failed');
      assert.deepEqual((res.body.error?.details as { path: string[] }[])[0]?.path, ['max_fatal_rate']);
    }
  });

  it('is the QA lead’s to propose: a CSR or an inspector gets 403, a bad month 400', async () => {
    for (const who of [agentUser, qa]) {
      const res = await server.request('POST', '/api/v1/compliance/proposals', {
        as: who.id,
        body: { month: '2026-12' },
      });
      assert.equal(res.status, 403);
    }
    const bad = await server.request('POST', '/api/v1/compliance/proposals', {
      as: lead.id,
      body: { month: '2026-1' },
    });
    assert.equal(bad.status, 400);
  });

  it('once activated, the board applies the higher quotas', async () => {
    const res = await server.request('POST', `/api/v1/sampling/plans/${proposed.id}/activate`, {
      as: lead.id,
      body: {},
    });
    assert.equal(res.status, 200, res.text);
    const board = await server.request('GET', '/api/v1/compliance?month=2026-11', { as: lead.id });
    const rows = board.body.agents as { agent_id: number; daily_quota: number }[];
    assert.equal(rows.find((r) => r.agent_id === w1.id)?.daily_quota, 5);
    assert.equal(rows.find((r) => r.agent_id === s1.id)?.daily_quota, 3);
  });

  it('compares last month with this month for what the plan targeted', async () => {
    const res = await server.request('GET', '/api/v1/compliance/comparison?month=2026-11', { as: lead.id });
    assert.equal(res.status, 200, res.text);
    const cmp = res.body as unknown as TComparison;
    assert.equal(cmp.plan?.id, proposed.id);
    const w1Row = cmp.agents.find((a) => a.agent_id === w1.id);
    assert.deepEqual(
      [
        w1Row?.before.score.mean,
        w1Row?.before.score.n,
        w1Row?.after.score.mean,
        w1Row?.after.score.n,
        w1Row?.change,
      ],
      [75, 2, 100, 2, 25],
    );
    assert.deepEqual([w1Row?.before.pass_rate, w1Row?.after.pass_rate], [0, 1]);
    const w2Row = cmp.agents.find((a) => a.agent_id === w2.id);
    assert.deepEqual([w2Row?.after.score.n, w2Row?.change], [0, null]);
    const feeRow = cmp.items.find((i) => i.text === 'Explains fee');
    assert.deepEqual([feeRow?.before.fails, feeRow?.before.answered], [3, 17]);
    assert.deepEqual([feeRow?.after.fails, feeRow?.after.answered], [1, 3]);
    assert.ok(Math.abs((feeRow?.change ?? 0) - (1 / 3 - 3 / 17)) < 1e-9);
    // The yardstick: S1 alone was not targeted (100, 100, 100 → 75).
    assert.deepEqual(
      [
        cmp.others.agents_before,
        cmp.others.before.score.mean,
        cmp.others.after.score.mean,
        cmp.others.change,
      ],
      [1, 100, 75, -25],
    );
    const billing = cmp.queues.find((q) => q.queue_id === q1.id);
    assert.deepEqual([billing?.before.score.mean, billing?.after.score.mean], [85, 100]);
  });
});

describe('the fatal-error criterion of weak CSRs', () => {
  const row = (n: number, fatal: number) => ({ n, fatal, passed: n, mean: 95, pass_mark: 80 });
  const th = (max_fatal_rate: number) => ({ min_pass_rate: 0.8, max_fatal_rate });

  it('marks a CSR weak when the share of fatal checks is above the threshold, not at or below it', () => {
    assert.deepEqual(weakReasons(row(100, 3), th(0.04)), []);
    assert.deepEqual(weakReasons(row(100, 4), th(0.04)), []);
    assert.deepEqual(weakReasons(row(100, 5), th(0.04)), ['fatal_errors']);
    assert.deepEqual(weakReasons(row(90, 1), th(0)), ['fatal_errors']);
    assert.deepEqual(weakReasons(row(90, 0), th(0)), []);
    // The other reasons are unchanged and come first.
    assert.deepEqual(weakReasons({ ...row(10, 1), passed: 7, mean: 70 }, th(0.04)), [
      'below_pass_mark',
      'low_pass_rate',
      'fatal_errors',
    ]);
  });

  it('by default targets a minority of a demo month’s CSRs (any fatal error targeted most)', () => {
    // A month of the demo generator: 40 CSRs as the demo makes them, 100 checks each on their
    // queue's scorecard, answered as the demo answers them (skill = discipline, the improving
    // third starting 0.14 lower, as in the demo's first month).
    for (const seed of [1, 2, 3, 4, 5]) {
      const center = generateCenter({ seed, agents: 40 });
      const rng = createRng(seed * 7);
      const formOf = (queue: string): FormSeed => {
        const specs = formSections(queue).flatMap((sec) => sec.items);
        return {
          id: 1,
          version: 1,
          versionId: 1,
          passMark: 80,
          items: specs.map((spec, i) => ({ id: i + 1, spec })),
        };
      };
      const rows = center.agents.map((a) => {
        const improves = rng.chance(0.35);
        const form = formOf(a.queues[0] ?? 'billing');
        const r = { n: 0, passed: 0, fatal: 0, mean: 0, pass_mark: 80 };
        let sum = 0;
        for (let k = 0; k < 100; k++) {
          const drift = improves ? -0.14 + 0.13 * (k / 100) : 0;
          const skill = Math.min(0.99, Math.max(0.3, a.discipline + drift + rng.normal(0, 0.04)));
          const scored = scoreFor(form, answersFor(rng, form, skill, null));
          r.n++;
          sum += scored.score;
          if (scored.passed) r.passed++;
          if (scored.fatal) r.fatal++;
        }
        return { ...r, mean: sum / r.n };
      });
      const count = (max_fatal_rate: number, reason?: 'fatal_errors') =>
        rows.filter((r) => {
          const reasons = weakReasons(r, { min_pass_rate: PROPOSAL_DEFAULTS.min_pass_rate, max_fatal_rate });
          return reason ? reasons.includes(reason) : reasons.length > 0;
        }).length;
      assert.ok(count(0, 'fatal_errors') > 20, `seed ${seed}: any fatal error marks most`);
      const byFatal = count(PROPOSAL_DEFAULTS.max_fatal_rate, 'fatal_errors');
      assert.ok(byFatal >= 1 && byFatal <= 8, `seed ${seed}: ${byFatal} of 40 for fatal errors`);
      const weak = count(PROPOSAL_DEFAULTS.max_fatal_rate);
      assert.ok(weak < 20, `seed ${seed}: ${weak} of 40 weak`);
    }
  });
});

describe('generated override reasons', () => {
  const oct: TGeneratedNote = {
    kind: 'weak_agent',
    month: '2026-10',
    reasons: ['below_pass_mark', 'fatal_errors'],
    average: 72.5,
    pass_mark: 80,
    evaluations: 12,
    fatal: 2,
  };
  const sep: TGeneratedNote = { ...oct, month: '2026-09', reasons: ['low_pass_rate'] };

  it('a new override: the text of the note, and the note as data', () => {
    const r = appendGenerated(undefined, oct);
    assert.deepEqual(r.generated, [oct]);
    assert.equal(
      r.reason,
      '2026-10: below_pass_mark, fatal_errors (avg 72.5 / pass mark 80.0, n=12, fatal 2/12)',
    );
  });

  it('an override still as generated last month keeps both months as data', () => {
    const before = { agent_id: 1, daily_min: 5, reason: generatedNoteText([sep]), generated: [sep] };
    const r = appendGenerated(before, oct);
    assert.deepEqual(r.generated, [sep, oct]);
    assert.equal(r.reason, generatedNoteText([sep, oct]));
  });

  it('a reason someone wrote or edited stays as written, this month’s note follows it', () => {
    const typed = appendGenerated({ agent_id: 1, daily_min: 5, reason: '试用期延长' }, oct);
    assert.deepEqual(typed.generated, [oct]);
    assert.equal(typed.reason, `试用期延长; ${generatedNoteText([oct])}`);
    const edited = appendGenerated(
      { agent_id: 1, daily_min: 5, reason: '9 月致命错误', generated: [sep] },
      oct,
    );
    assert.deepEqual(edited.generated, [oct], 'the edited earlier note is text only');
    assert.equal(edited.reason, `9 月致命错误; ${generatedNoteText([oct])}`);
  });
});
