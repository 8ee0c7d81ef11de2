/**
 * A test call (拨测) is scored against a scenario (clause 3): it is submitted with one, and every
 * reader of the evaluation sees the scenario's caller script and expected answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { type BuiltUser, buildForm, buildTeamWithMembers, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type Detail = {
  id: number;
  status: string;
  version: number;
  test_call_scenario_id: number | null;
  test_call_scenario: { id: number; title: string; caller_script: string; expected_answer: string } | null;
};

describe('test-call evaluations', () => {
  let server: TestServer;
  let qa: BuiltUser;
  let lead: BuiltUser;
  let agent: BuiltUser;
  let form: { id: number; itemIds: number[] };
  let scenario: NonNullable<Detail['test_call_scenario']>;

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    agent = (await buildTeamWithMembers(db, 1)).agents[0] as BuiltUser;
    qa = await buildUser(db, { roles: ['qa'] });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    form = await buildForm(db);
    const res = await server.request('POST', '/api/v1/test-call-scenarios', {
      as: lead.id,
      body: {
        title: '查询话费',
        caller_script: '我这个月话费多少？',
        expected_answer: '核实身份后告知余额。',
      },
    });
    assert.equal(res.status, 201, res.text);
    const body = res.body as unknown as typeof scenario & { id: number };
    scenario = {
      id: body.id,
      title: body.title,
      caller_script: body.caller_script,
      expected_answer: body.expected_answer,
    };
  });
  after(() => server.close());

  const body = (extra: Record<string, unknown>) => ({
    agent_id: agent.id,
    form_id: form.id,
    method: 'test_call',
    phase: 'before',
    answers: form.itemIds.map((item_id) => ({ item_id, result: 'pass' })),
    ...extra,
  });
  const count = async () =>
    (
      await queryRows<{ n: number }>(
        server.database.db,
        sql`select count(*)::int as n from evaluations where agent_id = ${agent.id}`,
      )
    )[0]?.n;

  it('is submitted only with its scenario (400 on test_call_scenario_id, nothing stored)', async () => {
    const before = await count();
    const bare = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: body({ submit: true }),
    });
    assert.equal(bare.status, 400, bare.text);
    assert.equal(bare.body.error?.code, 'validation_failed');
    assert.deepEqual(
      (bare.body.error?.details as { path: string[] }[]).map((d) => d.path),
      [['test_call_scenario_id']],
    );
    const explicitNull = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: body({ submit: true, test_call_scenario_id: null }),
    });
    assert.equal(explicitNull.status, 400, explicitNull.text);
    assert.equal(await count(), before, 'nothing stored');

    // A draft may wait for the scenario; submitting it without one is refused the same way.
    const draft = await server.request('POST', '/api/v1/evaluations', { as: qa.id, body: body({}) });
    assert.equal(draft.status, 201, draft.text);
    const d = draft.body as unknown as Detail;
    assert.equal(d.test_call_scenario, null);
    const submitBare = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: { version: d.version, answers: body({}).answers, submit: true },
    });
    assert.equal(submitBare.status, 400, submitBare.text);
    const stillDraft = await server.request('GET', `/api/v1/evaluations/${d.id}`, { as: qa.id });
    assert.equal((stillDraft.body as unknown as Detail).status, 'draft');
    // Saved with the scenario, then submitted without naming it again: it keeps the saved one.
    const saved = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: { version: d.version, answers: body({}).answers, test_call_scenario_id: scenario.id },
    });
    assert.equal(saved.status, 200, saved.text);
    const submitted = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: { version: (saved.body as unknown as Detail).version, answers: body({}).answers, submit: true },
    });
    assert.equal(submitted.status, 200, submitted.text);
    assert.equal((submitted.body as unknown as Detail).status, 'submitted');
    assert.deepEqual((submitted.body as unknown as Detail).test_call_scenario, scenario);
  });

  it('shows the scenario in the detail, on create as on every read (the CSR too)', async () => {
    const created = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: body({ submit: true, test_call_scenario_id: scenario.id }),
    });
    assert.equal(created.status, 201, created.text);
    const e = created.body as unknown as Detail;
    assert.deepEqual(e.test_call_scenario, scenario);
    const read = await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: agent.id });
    assert.equal(read.status, 200);
    assert.deepEqual((read.body as unknown as Detail).test_call_scenario, scenario);
    // Other methods refer to none.
    const onSite = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: body({ method: 'on_site', submit: true }),
    });
    assert.equal(onSite.status, 201, onSite.text);
    assert.equal((onSite.body as unknown as Detail).test_call_scenario, null);
  });
});
