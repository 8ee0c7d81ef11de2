/**
 * The period report counts answers through the evaluations' answer tallies (failed_item_ids,
 * na_item_ids): a dispute correction changes the report by rewriting the tally with the corrected
 * revision, a draft never counts (its tally is there but it is not submitted), and the answer rows
 * themselves are not read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { TPeriodReport } from '../../../../shared/schemas/reports.ts';
import { type BuiltUser, buildForm, buildTeamWithMembers, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer, disputeForwardedToReview } from '../../../test/server.ts';
import { type FormDef, type Result, makeEvaluation } from './report.fixtures.ts';

describe('period report through the answer tallies', () => {
  let server: TestServer;
  let qa: BuiltUser;
  let lead: BuiltUser;
  let team: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let agent: BuiltUser;
  let form: FormDef;

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    team = await buildTeamWithMembers(db, 1);
    agent = team.agents[0] as BuiltUser;
    qa = await buildUser(db, { roles: ['qa'] });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    const f = await buildForm(db, {
      passMark: 80,
      sections: [
        [
          { text: '准确解答业务问题', category: 'knowledge', points: 10 },
          { text: '使用标准开场白', category: 'phrasing', points: 10 },
          { text: '使用标准结束语', category: 'phrasing', points: 10 },
        ],
      ],
    });
    form = {
      id: f.id,
      passMark: 80,
      items: [
        { id: f.itemIds[0] ?? 0, category: 'knowledge', points: 10, fatal: false },
        { id: f.itemIds[1] ?? 0, category: 'phrasing', points: 10, fatal: false },
        { id: f.itemIds[2] ?? 0, category: 'phrasing', points: 10, fatal: false },
      ],
    };
  });
  after(() => server.close());

  const monthly = async (): Promise<TPeriodReport> => {
    const res = await server.request('GET', '/api/v1/reports/monthly?month=2026-10', { as: lead.id });
    assert.equal(res.status, 200, res.text);
    return res.body as unknown as TPeriodReport;
  };
  const make = (results: Result[], submit = true, day = '05') =>
    makeEvaluation(server, {
      inspectorId: qa.id,
      agentId: agent.id,
      form,
      startedAt: `2026-10-${day}T02:00:00Z`,
      results,
      submit,
    });
  const failures = (r: TPeriodReport) =>
    r.top_failed_items.map((i) => ({ item_id: i.item_id, failed: i.failed, applicable: i.applicable }));

  it('a draft never counts; submitting it does', async () => {
    await make(['pass', 'fail', 'na']);
    const before = await monthly();
    assert.equal(before.center.evaluations, 1);
    assert.deepEqual(before.center.categories, { knowledge: 1, phrasing: 0 });
    assert.deepEqual(failures(before), [{ item_id: form.items[1]?.id, failed: 1, applicable: 1 }]);

    const draft = await make(['fail', 'fail', 'fail'], false, '06');
    const withDraft = await monthly();
    assert.deepEqual(withDraft.center, before.center, 'a draft changes nothing');
    assert.deepEqual(failures(withDraft), failures(before));

    const submitted = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
      as: qa.id,
      body: {
        version: draft.version,
        answers: form.items.map((item, i) => ({ item_id: item.id, result: i === 0 ? 'fail' : 'pass' })),
        submit: true,
      },
    });
    assert.equal(submitted.status, 200, submitted.text);
    const after = await monthly();
    assert.equal(after.center.evaluations, 2);
    // knowledge: 1 pass + 1 fail; phrasing: fail + N/A, then 2 passes → 2 of 3.
    assert.deepEqual(after.center.categories, { knowledge: 0.5, phrasing: 0.6667 });
  });

  it('a dispute correction changes the report through the tally of the corrected revision', async () => {
    const e = await make(['fail', 'fail', 'fail'], true, '07');
    const before = await monthly();
    assert.equal(before.center.evaluations, 3);
    assert.deepEqual(before.center.categories, { knowledge: 0.3333, phrasing: 0.4 });
    assert.equal(before.top_failed_items.find((i) => i.item_id === form.items[2]?.id)?.failed, 1);

    const disputeId = await disputeForwardedToReview(server, {
      evaluationId: e.id,
      agentId: agent.id,
      leaderId: team.leader.id,
      reason: '结束语已说',
    });
    const corrected = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: lead.id,
      body: {
        uphold: false,
        note: '复核改判',
        corrected_answers: form.items.map((item, i) => ({
          item_id: item.id,
          result: i === 2 ? 'pass' : 'na',
        })),
      },
    });
    assert.equal(corrected.status, 200, corrected.text);

    const after = await monthly();
    assert.equal(after.center.evaluations, 3);
    // knowledge: pass, fail, (N/A) → 1 of 2; phrasing: fail, N/A, pass, pass, (N/A), pass → 3 of 4.
    assert.deepEqual(after.center.categories, { knowledge: 0.5, phrasing: 0.75 });
    assert.equal(
      after.top_failed_items.find((i) => i.item_id === form.items[2]?.id),
      undefined,
    );
    assert.deepEqual(
      failures(after).sort((a, b) => (a.item_id ?? 0) - (b.item_id ?? 0)),
      [
        { item_id: form.items[0]?.id, failed: 1, applicable: 2 },
        { item_id: form.items[1]?.id, failed: 1, applicable: 2 },
      ].sort((a, b) => (a.item_id ?? 0) - (b.item_id ?? 0)),
    );
  });

  it('reads the tallies, not the answer rows', async () => {
    const before = await monthly();
    // Answers changed behind the product's back (never done by the app) leave the report alone…
    await server.database.db.execute(sql`update evaluation_answers set result = 'fail'`);
    const untouched = await monthly();
    assert.deepEqual(untouched.center, before.center);
    assert.deepEqual(failures(untouched), failures(before));
    // …while the tally is what it counts.
    await server.database.db.execute(sql`update evaluations set failed_item_ids = '{}', na_item_ids = '{}'
      where status <> 'draft'`);
    const allPassed = await monthly();
    assert.deepEqual(allPassed.center.categories, { knowledge: 1, phrasing: 1 });
    assert.deepEqual(allPassed.top_failed_items, []);
  });
});
