/**
 * New evaluations written together (evaluation.write-queue.ts): evaluations created at once are
 * written by fewer statements than evaluations, each exactly as if written alone — its own answers,
 * comments, revision, inbox message and audit entries, and an answer equal to a read — and a bad one
 * fails only itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import {
  type BuiltUser,
  buildForm,
  buildInteraction,
  buildTeamWithMembers,
  buildUser,
} from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import type { NewEvaluation } from './evaluation.repo.ts';
import { evaluationWrites } from './evaluation.write-queue.ts';
import { creationContexts } from './evaluation.service.ts';

describe('evaluations written together', () => {
  let server: TestServer;
  let qa: BuiltUser;
  let agent: BuiltUser;
  let form: Awaited<ReturnType<typeof buildForm>>;

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    const team = await buildTeamWithMembers(db, 1);
    agent = team.agents[0] as BuiltUser;
    qa = await buildUser(db, { roles: ['qa'] });
    form = await buildForm(db, {
      sections: [
        [
          { text: 'Greeting', category: 'phrasing', points: 10 },
          { text: 'Correct answer', category: 'knowledge', points: 20, fatal: true },
          { text: 'Closing', category: 'phrasing', points: 10 },
        ],
      ],
    });
    // One statement at a time, so that whatever arrives while it runs is written together.
    evaluationWrites.configure(server.database.db, { concurrency: 1, maxBatch: 8 });
    creationContexts.configure(server.database.db, { concurrency: 1, maxBatch: 8 });
  });
  after(async () => {
    evaluationWrites.configure(server.database.db, { concurrency: 4, maxBatch: 32 });
    creationContexts.configure(server.database.db, { concurrency: 4, maxBatch: 32 });
    await server.close();
  });

  const interaction = (i: number) =>
    buildInteraction(server.database.db, {
      agentId: agent.id,
      startedAt: `2026-10-0${1 + (i % 9)}T02:00:00Z`,
    });

  it('writes concurrent creates in fewer statements, each as if alone', async () => {
    const contacts = await Promise.all(Array.from({ length: 20 }, (_, i) => interaction(i)));
    const before = evaluationWrites.stats(server.database.db);
    const [greeting, answer, closing] = form.itemIds as [number, number, number];
    const responses = await Promise.all(
      contacts.map((contact, i) =>
        server.request('POST', '/api/v1/evaluations', {
          as: qa.id,
          body: {
            interaction_id: contact.id,
            form_id: form.id,
            method: 'recording_review',
            answers: [
              { item_id: greeting, result: i % 3 === 0 ? 'fail' : 'pass', comment: `greeting ${i}` },
              { item_id: answer, result: i % 5 === 0 ? 'fail' : 'pass' },
              { item_id: closing, result: i % 4 === 0 ? 'na' : 'pass' },
            ],
            marks: [{ at_s: i, text: `mark ${i}` }],
            positives: `positive ${i}`,
            submit: true,
          },
        }),
      ),
    );
    const stats = evaluationWrites.stats(server.database.db);
    const statements = stats.statements - before.statements;
    const written = stats.inputs - before.inputs;
    assert.equal(written, 20);
    assert.ok(statements < written, `${written} evaluations in ${statements} statements`);
    assert.ok(stats.largest > 1);

    const ids = new Set<number>();
    for (const [i, res] of responses.entries()) {
      assert.equal(res.status, 201, res.text);
      const body = res.body as Record<string, unknown> & {
        id: number;
        answers: { comment: string | null }[];
      };
      ids.add(body.id);
      assert.equal(body.interaction_id, contacts[i]?.id);
      assert.equal(body.positives, `positive ${i}`);
      assert.equal(body.answers[0]?.comment, `greeting ${i}`);
      const expected = i % 5 === 0 ? 0 : i % 3 === 0 ? (i % 4 === 0 ? 66.7 : 75) : 100;
      assert.equal(body.score, expected, `evaluation ${i}`);
      // What a read answers (the history's time included) is what the create answered.
      const read = await server.request('GET', `/api/v1/evaluations/${body.id}`, { as: qa.id });
      assert.deepEqual(read.body, res.body);
    }
    assert.equal(ids.size, 20);

    const [counts] = await queryRows<{
      answers: number;
      marks: number;
      revisions: number;
      audits: number;
      inbox: number;
    }>(
      server.database.db,
      sql`select (select count(*)::int from evaluation_answers where evaluation_id = any(${`{${[...ids].join(',')}}`}::bigint[])) as answers,
          (select count(*)::int from evaluation_marks where evaluation_id = any(${`{${[...ids].join(',')}}`}::bigint[])) as marks,
          (select count(*)::int from evaluation_revisions where evaluation_id = any(${`{${[...ids].join(',')}}`}::bigint[])) as revisions,
          (select count(*)::int from audit_log where entity_type = 'evaluation'
             and entity_id = any(${`{${[...ids].join(',')}}`}::text[])) as audits,
          (select count(*)::int from notifications where entity_type = 'evaluation'
             and entity_id = any(${`{${[...ids].join(',')}}`}::text[])) as inbox`,
    );
    assert.deepEqual(counts, { answers: 60, marks: 20, revisions: 20, audits: 40, inbox: 20 });
  });

  it('reads the checks of concurrent creates together, each request answered on its own', async () => {
    const contacts = await Promise.all(Array.from({ length: 8 }, (_, i) => interaction(i)));
    const before = creationContexts.stats(server.database.db);
    const responses = await Promise.all(
      contacts.map((contact, i) =>
        server.request('POST', '/api/v1/evaluations', {
          as: qa.id,
          body: {
            interaction_id: i === 5 ? 999_999_999 : contact.id,
            form_id: i === 2 ? 999_999 : form.id,
            method: 'recording_review',
            answers: form.itemIds.map((item_id) => ({ item_id, result: 'pass' })),
            submit: false,
          },
        }),
      ),
    );
    const stats = creationContexts.stats(server.database.db);
    assert.ok(stats.statements - before.statements < stats.inputs - before.inputs, 'read together');
    assert.deepEqual(
      responses.map((r) => r.status),
      [201, 201, 400, 201, 201, 400, 201, 201],
    );
    assert.deepEqual(responses[2]?.body.error?.details, [{ path: ['form_id'], message: 'unknown form' }]);
    assert.deepEqual(responses[5]?.body.error?.details, [
      { path: ['interaction_id'], message: 'unknown interaction' },
    ]);
    for (const [i, res] of responses.entries()) {
      if (res.status !== 201) continue;
      assert.equal(res.body.interaction_id, contacts[i]?.id);
      assert.equal(res.body.agent_id, agent.id);
      assert.equal(res.body.status, 'draft');
    }
  });

  it('fails only the evaluation that cannot be written; the others are written alone', async () => {
    const contacts = await Promise.all(Array.from({ length: 6 }, (_, i) => interaction(i)));
    const evaluation = (interactionId: number, agentId: number): NewEvaluation => ({
      interactionId,
      agentId,
      evaluatorId: qa.id,
      formId: form.id,
      formVersionId: form.formVersionId,
      method: 'recording_review',
      phase: 'after',
      testCallScenarioId: null,
      localDate: '2026-10-01',
      score: 100,
      fatal: false,
      passed: true,
      positives: null,
      negatives: null,
      tally: { failed_item_ids: [], na_item_ids: [] },
      answers: form.itemIds.map((item_id) => ({ item_id, result: 'pass' })),
      marks: [],
      submitWindowDays: null,
      notify: null,
      audit: [],
    });
    const before = evaluationWrites.stats(server.database.db);
    const results = await Promise.allSettled(
      contacts.map((contact, i) =>
        // The fourth names a CSR who does not exist: its foreign key fails the joint statement.
        evaluationWrites.run(server.database.db, evaluation(contact.id, i === 3 ? 999_999_999 : agent.id)),
      ),
    );
    const stats = evaluationWrites.stats(server.database.db);
    assert.ok(stats.retriedAlone > before.retriedAlone, 'a joint statement failed and was written alone');
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
    );
    const stored = await queryRows<{ interaction_id: string }>(
      server.database.db,
      sql`select interaction_id from evaluations where interaction_id = any(${`{${contacts.map((c) => c.id).join(',')}}`}::bigint[])
          order by interaction_id`,
    );
    assert.deepEqual(
      stored.map((r) => Number(r.interaction_id)),
      contacts
        .filter((_, i) => i !== 3)
        .map((c) => c.id)
        .sort((a, b) => a - b),
    );
  });
});
