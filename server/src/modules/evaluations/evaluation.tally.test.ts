/**
 * The answer tally on `evaluations` (failed_item_ids, na_item_ids): written from the shared scoring
 * in the same transaction as every write of answers — create, draft save, submit, dispute
 * correction — and equal to what the migration's backfill computes from the stored answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { tallyBackfillStatement } from '../../db/tally-backfill.ts';
import {
  type BuiltUser,
  buildForm,
  buildInteraction,
  buildTeamWithMembers,
  buildUser,
} from '../../../test/factories.ts';
import { type TestServer, getTestServer, disputeForwardedToReview } from '../../../test/server.ts';

type Tally = { revision: number; failed_item_ids: number[]; na_item_ids: number[] };

describe('evaluation answer tally', () => {
  let server: TestServer;
  let qa: BuiltUser;
  let lead: BuiltUser;
  let team: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let agent: BuiltUser;
  let items: number[];
  let formId: number;

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    team = await buildTeamWithMembers(db, 1);
    agent = team.agents[0] as BuiltUser;
    qa = await buildUser(db, { roles: ['qa'] });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    const form = await buildForm(db, {
      sections: [
        [
          { text: 'Greeting', category: 'phrasing', points: 10 },
          { text: 'Correct answer', category: 'knowledge', points: 10 },
          { text: 'Asks for other needs', category: 'phrasing', points: 10 },
          { text: 'Closing', category: 'phrasing', points: 10 },
        ],
      ],
    });
    formId = form.id;
    items = form.itemIds;
  });
  after(() => server.close());

  const tallyOf = async (id: number): Promise<Tally> => {
    const [row] = await queryRows<Tally>(
      server.database.db,
      sql`select revision, failed_item_ids, na_item_ids from evaluations where id = ${id}`,
    );
    assert.ok(row);
    return row;
  };
  const answers = (results: string[]) => results.map((result, i) => ({ item_id: items[i] ?? 0, result }));

  async function create(results: string[], submit: boolean): Promise<{ id: number; version: number }> {
    const interaction = await buildInteraction(server.database.db, {
      agentId: agent.id,
      startedAt: '2026-10-05T02:00:00Z',
    });
    const res = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        interaction_id: interaction.id,
        form_id: formId,
        method: 'recording_review',
        answers: answers(results),
        submit,
      },
    });
    assert.equal(res.status, 201, res.text);
    return { id: res.body.id as number, version: res.body.version as number };
  }

  it('a new evaluation stores its failed and N/A items; a draft counts unanswered items as N/A', async () => {
    const e = await create(['pass', 'fail', 'na', 'fail'], true);
    assert.deepEqual(await tallyOf(e.id), {
      revision: 1,
      failed_item_ids: [items[1], items[3]],
      na_item_ids: [items[2]],
    });
    const draft = await create(['fail'], false);
    assert.deepEqual(await tallyOf(draft.id), {
      revision: 1,
      failed_item_ids: [items[0]],
      na_item_ids: [items[1], items[2], items[3]],
    });
  });

  it('saving and submitting a draft rewrites the tally with the answers', async () => {
    const draft = await create(['fail', 'fail'], false);
    const saved = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
      as: qa.id,
      body: { version: draft.version, answers: answers(['pass', 'na', 'fail']), submit: false },
    });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(await tallyOf(draft.id), {
      revision: 1,
      failed_item_ids: [items[2]],
      na_item_ids: [items[1], items[3]],
    });
    const submitted = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
      as: qa.id,
      body: { version: saved.body.version, answers: answers(['pass', 'pass', 'pass', 'fail']), submit: true },
    });
    assert.equal(submitted.status, 200, submitted.text);
    assert.deepEqual(await tallyOf(draft.id), { revision: 1, failed_item_ids: [items[3]], na_item_ids: [] });
  });

  it('a dispute correction stores the tally of the corrected revision; a refused write leaves it alone', async () => {
    const e = await create(['fail', 'fail', 'pass', 'pass'], true);
    const disputeId = await disputeForwardedToReview(server, {
      evaluationId: e.id,
      agentId: agent.id,
      leaderId: team.leader.id,
      reason: '开场白已说',
      itemIds: items.slice(0, 1),
    });
    // Invalid corrected answers (an item twice): 400, and nothing changes.
    const refused = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: lead.id,
      body: {
        uphold: false,
        corrected_answers: [
          ...answers(['pass', 'fail', 'na', 'pass']),
          { item_id: items[0], result: 'pass' },
        ],
      },
    });
    assert.equal(refused.status, 400, refused.text);
    assert.deepEqual(await tallyOf(e.id), {
      revision: 1,
      failed_item_ids: [items[0], items[1]],
      na_item_ids: [],
    });
    const corrected = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: lead.id,
      body: { uphold: false, note: '更正', corrected_answers: answers(['pass', 'fail', 'na', 'pass']) },
    });
    assert.equal(corrected.status, 200, corrected.text);
    assert.deepEqual(await tallyOf(e.id), {
      revision: 2,
      failed_item_ids: [items[1]],
      na_item_ids: [items[2]],
    });
  });

  it("the migration's backfill computes from the stored answers what the writes stored", async () => {
    const db = server.database.db;
    const written = await queryRows<Tally & { id: number }>(
      db,
      sql`select id::int, revision, failed_item_ids, na_item_ids from evaluations order by id`,
    );
    assert.equal(written.length, 4);
    assert.ok(written.some((r) => r.failed_item_ids.length > 0 && r.na_item_ids.length > 0));
    await db.execute(sql`update evaluations set failed_item_ids = '{}', na_item_ids = '{9999}'`);
    await db.execute(sql.raw(tallyBackfillStatement()));
    const backfilled = await queryRows<Tally & { id: number }>(
      db,
      sql`select id::int, revision, failed_item_ids, na_item_ids from evaluations order by id`,
    );
    assert.deepEqual(backfilled, written);
  });
});
