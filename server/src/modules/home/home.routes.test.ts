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
import type { TFailedItems } from '../../../../shared/schemas/home.ts';

type Result = 'pass' | 'fail' | 'na';

describe('GET /api/v1/home/failed-items', () => {
  let server: TestServer;
  let qa: BuiltUser;
  let lead: BuiltUser;
  let leader: BuiltUser;
  let agents: BuiltUser[];
  let editor: BuiltUser;
  /** knowledge A, knowledge B, phrasing */
  let items: [number, number, number];
  let formId: number;

  /** A submitted (or draft) evaluation of `agent`'s call at `at` with answers for A, B, phrasing. */
  async function evaluate(agent: BuiltUser, at: string, results: [Result, Result, Result], submit = true) {
    const interaction = await buildInteraction(server.database.db, { agentId: agent.id, startedAt: at });
    const res = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        interaction_id: interaction.id,
        form_id: formId,
        method: 'recording_review',
        answers: items.map((item_id, i) => ({
          item_id,
          result: results[i],
          comment: results[i] === 'fail' ? `comment ${at}` : undefined,
        })),
        submit,
      },
    });
    assert.equal(res.status, 201, res.text);
    return res.body as { id: number };
  }

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    const team = await buildTeamWithMembers(db, 3);
    leader = team.leader;
    agents = team.agents;
    qa = await buildUser(db, { roles: ['qa'] });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    editor = await buildUser(db, { roles: ['kb_editor'] });
    const form = await buildForm(db, {
      sections: [
        [
          { text: 'Explains the tariff', category: 'knowledge', points: 10 },
          { text: 'Knows the repair times', category: 'knowledge', points: 10 },
          { text: 'Greets the customer', category: 'phrasing', points: 10 },
        ],
      ],
    });
    formId = form.id;
    items = form.itemIds as [number, number, number];
    const [a0, a1, a2] = agents as [BuiltUser, BuiltUser, BuiltUser];
    // November (local dates; 01:30 UTC is 09:30 in Asia/Shanghai).
    await evaluate(a0, '2026-11-02T01:30:00Z', ['fail', 'pass', 'fail']);
    await evaluate(a1, '2026-11-03T01:30:00Z', ['fail', 'fail', 'pass']);
    await evaluate(a1, '2026-11-04T01:30:00Z', ['fail', 'na', 'pass']);
    await evaluate(a2, '2026-11-05T01:30:00Z', ['pass', 'fail', 'pass']);
    // A draft never counts; nor does a day outside both spans.
    await evaluate(a2, '2026-11-06T01:30:00Z', ['fail', 'fail', 'fail'], false);
    await evaluate(a2, '2026-08-01T01:30:00Z', ['fail', 'fail', 'fail']);
    // October: A failed once in two.
    await evaluate(a0, '2026-10-10T01:30:00Z', ['fail', 'pass', 'pass']);
    await evaluate(a2, '2026-10-11T01:30:00Z', ['pass', 'pass', 'pass']);
    // 15 Nov at 23:30 UTC is 16 Nov locally: outside a span ending on the 15th.
    await evaluate(a0, '2026-11-15T23:30:00Z', ['fail', 'fail', 'fail']);
  });
  after(() => server.close());

  const get = (as: number, query: string) =>
    server.request('GET', `/api/v1/home/failed-items?${query}`, { as });

  it('counts the failures of the span by local date, with the span before and the latest comments', async () => {
    const res = await get(editor.id, 'from=2026-11-01&to=2026-11-15&category=knowledge');
    assert.equal(res.status, 200, res.text);
    const body = res.body as unknown as TFailedItems;
    assert.deepEqual(body.previous, { from: '2026-10-17', to: '2026-10-31' });
    assert.equal(body.category, 'knowledge');
    assert.deepEqual(
      body.items.map((i) => [i.item_id, i.failed, i.applicable, i.fail_rate, i.agents_failing]),
      [
        [items[0], 3, 4, 0.75, 2],
        [items[1], 2, 3, 0.6667, 2],
      ],
    );
    const first = body.items[0];
    assert.deepEqual(first?.previous, { failed: 0, applicable: 0, fail_rate: null });
    assert.deepEqual(
      first?.comments.map((c) => c.local_date),
      ['2026-11-04', '2026-11-03', '2026-11-02'],
    );
    assert.equal(first?.comments[0]?.comment, 'comment 2026-11-04T01:30:00Z');
    assert.equal(first?.forms.length, 1);
  });

  it('compares with the span before and leaves other categories out only when asked', async () => {
    const res = await get(editor.id, 'from=2026-10-21&to=2026-11-15&limit=5');
    const body = res.body as unknown as TFailedItems;
    assert.deepEqual(body.previous, { from: '2026-09-25', to: '2026-10-20' });
    const a = body.items.find((i) => i.item_id === items[0]);
    assert.deepEqual(a?.previous, { failed: 1, applicable: 2, fail_rate: 0.5 });
    assert.ok(body.items.some((i) => i.category === 'phrasing'));
  });

  it('follows a QA-lead correction: the current revision counts', async () => {
    const a0 = agents[0] as BuiltUser;
    const evaluation = await evaluate(a0, '2026-12-01T01:30:00Z', ['fail', 'pass', 'pass']);
    const dispute = await server.request('POST', `/api/v1/evaluations/${evaluation.id}/disputes`, {
      as: a0.id,
      body: { reason: 'The tariff was explained correctly.' },
    });
    assert.equal(dispute.status, 201, dispute.text);
    const id = (dispute.body as { id: number }).id;
    const forward = await server.request('POST', `/api/v1/disputes/${id}/decision`, {
      as: leader.id,
      body: { uphold: false, note: 'please review' },
    });
    assert.equal(forward.status, 200, forward.text);
    const before = (await get(editor.id, 'from=2026-12-01&to=2026-12-01')).body as unknown as TFailedItems;
    assert.equal(before.items[0]?.failed, 1);
    const correct = await server.request('POST', `/api/v1/disputes/${id}/decision`, {
      as: lead.id,
      body: {
        uphold: false,
        note: 'correct',
        corrected_answers: items.map((item_id) => ({ item_id, result: 'pass' })),
      },
    });
    assert.equal(correct.status, 200, correct.text);
    const after = (await get(editor.id, 'from=2026-12-01&to=2026-12-01')).body as unknown as TFailedItems;
    assert.deepEqual(after.items, []);
  });

  it('is refused to CSRs, team leaders and HR, and refuses a span that runs backwards', async () => {
    const hr = await buildUser(server.database.db, { roles: ['hr'] });
    for (const user of [agents[0] as BuiltUser, leader, hr]) {
      assert.equal((await get(user.id, 'from=2026-11-01&to=2026-11-30')).status, 403);
    }
    const backwards = await get(editor.id, 'from=2026-11-30&to=2026-11-01');
    assert.equal(backwards.status, 400);
    assert.equal(backwards.body.error?.code, 'validation_failed');
    assert.equal((await get(editor.id, 'from=2026-11-01&to=2026-11-30&category=Bad!')).status, 400);
    assert.equal(
      (await server.request('GET', '/api/v1/home/failed-items?from=2026-11-01&to=2026-11-30')).status,
      401,
    );
  });
});
