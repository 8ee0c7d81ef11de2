/**
 * The accuracy drill-down (B15–B16): `GET /api/v1/disputes?evaluator_id&month&outcome` lists
 * exactly the disputes behind each figure of `GET /api/v1/reports/inspector-accuracy` — the same
 * center-local month, the same outcomes — so the list's length equals the figure it was opened
 * from; bad filter values answer 400; the filters narrow the caller's scope and never widen it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type BuiltUser,
  buildForm,
  buildInteraction,
  buildTeamWithMembers,
  buildUser,
} from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type Page = {
  items: {
    id: number;
    evaluation_id: number;
    evaluator_id: number;
    status: string;
    inspector_error: boolean | null;
  }[];
  total: number;
  next_cursor: string | null;
};
type Accuracy = {
  evaluator_id: number;
  evaluations: number;
  disputed: number;
  overturned: number;
  inspector_errors: number;
};
/** How the dispute of a seeded evaluation ends (null: not disputed). */
type Ending =
  | null
  | 'with_leader'
  | 'in_review'
  | 'leader_upheld'
  | 'corrected'
  | 'corrected_no_error'
  | 'upheld_with_error'
  | 'upheld';

describe('inspector accuracy drill-down on the disputes list', () => {
  let server: TestServer;
  let qaA: BuiltUser;
  let qaB: BuiltUser;
  let lead: BuiltUser;
  let mine: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let theirs: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let form: { id: number; itemIds: number[] };

  async function seed(
    inspector: BuiltUser,
    agent: BuiltUser,
    leader: BuiltUser,
    startedAt: string,
    ending: Ending,
    submit = true,
  ): Promise<number> {
    const interaction = await buildInteraction(server.database.db, { agentId: agent.id, startedAt });
    const created = await server.request('POST', '/api/v1/evaluations', {
      as: inspector.id,
      body: {
        interaction_id: interaction.id,
        form_id: form.id,
        method: 'recording_review',
        answers: form.itemIds.map((item_id) => ({ item_id, result: 'fail' })),
        submit,
      },
    });
    assert.equal(created.status, 201, created.text);
    const id = created.body.id as number;
    if (ending === null) return id;
    const raised = await server.request('POST', `/api/v1/evaluations/${id}/disputes`, {
      as: agent.id,
      body: { reason: 'r' },
    });
    assert.equal(raised.status, 201, raised.text);
    const disputeId = raised.body.id as number;
    const decide = async (as: number, body: Record<string, unknown>) => {
      const res = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, { as, body });
      assert.equal(res.status, 200, res.text);
    };
    if (ending === 'with_leader') return id;
    if (ending === 'leader_upheld') {
      await decide(leader.id, { uphold: true });
      return id;
    }
    await decide(leader.id, { uphold: false });
    const pass = form.itemIds.map((item_id) => ({ item_id, result: 'pass' }));
    if (ending === 'corrected') await decide(lead.id, { uphold: false, corrected_answers: pass });
    if (ending === 'corrected_no_error')
      await decide(lead.id, { uphold: false, corrected_answers: pass, inspector_error: false });
    if (ending === 'upheld_with_error') await decide(lead.id, { uphold: true, inspector_error: true });
    if (ending === 'upheld') await decide(lead.id, { uphold: true });
    return id;
  }

  const list = async (query: string, as = lead.id): Promise<Page> => {
    const res = await server.request('GET', `/api/v1/disputes?limit=1000&${query}`, { as });
    assert.equal(res.status, 200, res.text);
    return res.body as unknown as Page;
  };

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    mine = await buildTeamWithMembers(db, 2);
    theirs = await buildTeamWithMembers(db, 1);
    qaA = await buildUser(db, { roles: ['qa'] });
    qaB = await buildUser(db, { roles: ['qa'] });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    form = await buildForm(db);
    const [a1, a2] = mine.agents as [BuiltUser, BuiltUser];
    const [o1] = theirs.agents as [BuiltUser];
    const L = mine.leader;
    // November in Shanghai runs from 2026-10-31T16:00Z to 2026-11-30T16:00Z.
    await seed(qaA, a1, L, '2026-10-31T16:30:00Z', 'corrected'); // 1 Nov 00:30 local
    await seed(qaA, a2, L, '2026-11-15T02:00:00Z', 'corrected_no_error');
    await seed(qaA, a1, L, '2026-11-20T02:00:00Z', 'upheld_with_error');
    await seed(qaA, a2, L, '2026-11-21T02:00:00Z', 'leader_upheld');
    await seed(qaA, a1, L, '2026-11-22T02:00:00Z', 'with_leader');
    await seed(qaA, a2, L, '2026-11-23T02:00:00Z', null);
    await seed(qaA, a1, L, '2026-11-30T15:59:00Z', 'in_review'); // 30 Nov 23:59 local
    await seed(qaA, a2, L, '2026-11-25T02:00:00Z', 'upheld');
    await seed(qaA, a1, L, '2026-11-30T16:30:00Z', 'corrected'); // 1 Dec local
    await seed(qaA, a2, L, '2026-10-31T15:30:00Z', 'corrected'); // 31 Oct local
    await seed(qaA, a1, L, '2026-11-12T02:00:00Z', null, false); // a draft counts nowhere
    await seed(qaB, o1, theirs.leader, '2026-11-10T02:00:00Z', 'corrected');
    await seed(qaB, o1, theirs.leader, '2026-11-11T02:00:00Z', null);
  });
  after(() => server.close());

  it('lists, per inspector and month, as many disputes as the accuracy figures count', async () => {
    for (const month of ['2026-10', '2026-11', '2026-12']) {
      const res = await server.request('GET', `/api/v1/reports/inspector-accuracy?month=${month}`, {
        as: lead.id,
      });
      assert.equal(res.status, 200, res.text);
      const rows = res.body.items as Accuracy[];
      assert.ok(rows.length > 0, month);
      for (const row of rows) {
        const base = `evaluator_id=${row.evaluator_id}&month=${month}`;
        const disputed = await list(base);
        const overturned = await list(`${base}&outcome=overturned`);
        const errors = await list(`${base}&outcome=inspector_error`);
        const what = `${month} inspector ${row.evaluator_id}`;
        assert.equal(disputed.items.length, row.disputed, `${what}: disputed`);
        assert.equal(disputed.total, row.disputed, `${what}: disputed total`);
        assert.equal(overturned.items.length, row.overturned, `${what}: overturned`);
        assert.equal(overturned.total, row.overturned, `${what}: overturned total`);
        assert.equal(errors.items.length, row.inspector_errors, `${what}: inspector errors`);
        assert.equal(errors.total, row.inspector_errors, `${what}: inspector errors total`);
        assert.ok(disputed.items.every((d) => d.evaluator_id === row.evaluator_id));
        assert.ok(overturned.items.every((d) => d.status === 'corrected'));
        assert.ok(errors.items.every((d) => d.inspector_error === true));
      }
    }
    // The seeded month's figures themselves, so equal-but-wrong (both 0) cannot pass.
    const nov = await server.request('GET', '/api/v1/reports/inspector-accuracy?month=2026-11', {
      as: lead.id,
    });
    const a = (nov.body.items as Accuracy[]).find((r) => r.evaluator_id === qaA.id);
    assert.deepEqual(
      a && [a.evaluations, a.disputed, a.overturned, a.inspector_errors],
      [8, 7, 2, 2],
      'qaA in November: 8 submitted, 7 disputed, 2 corrected, 2 judged inspector errors',
    );
    const dec = await list(`evaluator_id=${qaA.id}&month=2026-12`);
    assert.equal(dec.total, 1, 'the call at 00:30 on 1 December (local) counts in December');
    const open = await list(`evaluator_id=${qaA.id}&month=2026-11&open=true`);
    assert.deepEqual(open.items.map((d) => d.status).sort(), ['qa_review', 'team_leader']);
  });

  it('pages the filtered list with a cursor, total across pages', async () => {
    const all = await list(`evaluator_id=${qaA.id}&month=2026-11`);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await server.request(
        'GET',
        `/api/v1/disputes?evaluator_id=${qaA.id}&month=2026-11&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { as: lead.id },
      );
      assert.equal(res.status, 200, res.text);
      const page = res.body as unknown as Page;
      assert.equal(page.total, 7);
      assert.ok(page.items.length <= 3);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.items.map((d) => d.id),
    );
    assert.deepEqual(
      seen,
      [...seen].sort((x, y) => y - x),
      'newest first',
    );
  });

  it('answers 400 with the field for bad filter values', async () => {
    const bad: [string, string][] = [
      ['evaluator_id=abc', 'evaluator_id'],
      ['evaluator_id=0', 'evaluator_id'],
      ['evaluator_id=1.5', 'evaluator_id'],
      ['month=2026-13', 'month'],
      ['month=2026-1', 'month'],
      ['month=november', 'month'],
      ['outcome=upheld', 'outcome'],
      ['outcome=', 'outcome'],
    ];
    for (const [query, field] of bad) {
      const res = await server.request('GET', `/api/v1/disputes?${query}`, { as: lead.id });
      assert.equal(res.status, 400, query);
      assert.equal(res.body.error?.code, 'validation_failed', query);
      const details = res.body.error?.details as { path: (string | number)[] }[];
      assert.deepEqual(details[0]?.path, [field], query);
    }
    const cursor = await server.request('GET', '/api/v1/disputes?month=2026-11&cursor=x', { as: lead.id });
    assert.equal(cursor.status, 400);
    assert.deepEqual(cursor.body.error?.details, [{ path: ['cursor'], message: 'invalid cursor' }]);
  });

  it('narrows the caller’s scope and never widens it', async () => {
    const nov = (qa: BuiltUser) => `evaluator_id=${qa.id}&month=2026-11`;
    // The team leader of `mine` sees qaA's disputes of their team; qaB's are of another team.
    assert.equal((await list(nov(qaA), mine.leader.id)).total, 7);
    assert.equal((await list(nov(qaB), mine.leader.id)).total, 0);
    assert.equal((await list(nov(qaB), theirs.leader.id)).total, 1);
    assert.equal((await list(nov(qaA), theirs.leader.id)).total, 0);
    // A CSR sees only their own.
    const [a1] = mine.agents as [BuiltUser];
    const own = await list(nov(qaA), a1.id);
    assert.equal(own.total, 4);
    const ownOverturned = await list(`${nov(qaA)}&outcome=overturned`, a1.id);
    assert.equal(ownOverturned.total, 1);
    // The inspector sees the center's disputes, theirs and others'.
    assert.equal((await list(nov(qaB), qaA.id)).total, 1);
  });
});
