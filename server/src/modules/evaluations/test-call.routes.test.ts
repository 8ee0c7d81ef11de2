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

  type Scenario = {
    id: number;
    title: string;
    queue_id: number | null;
    caller_script: string;
    expected_answer: string;
    active: boolean;
    version: number;
    used_by: number;
  };
  const audits = async (id: number) =>
    queryRows<{ action: string; before: unknown; actor_id: number | null }>(
      server.database.db,
      sql`select action, before, actor_id from audit_log
          where entity_type = 'test_call_scenario' and entity_id = ${String(id)} order by id`,
    );

  it('locks a scenario once a submitted evaluation used it: 409, nothing stored; retiring and duplicating stay', async () => {
    const made = await server.request('POST', '/api/v1/test-call-scenarios', {
      as: lead.id,
      body: { title: '办理停机', caller_script: '我要停机。', expected_answer: '核实身份后办理。' },
    });
    assert.equal(made.status, 201, made.text);
    let s = made.body as unknown as Scenario;
    assert.equal(s.used_by, 0);
    // A draft only: not signed yet, so the text may still change.
    const draft = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: body({ test_call_scenario_id: s.id }),
    });
    assert.equal(draft.status, 201, draft.text);
    const edited = await server.request('PATCH', `/api/v1/test-call-scenarios/${s.id}`, {
      as: lead.id,
      body: { version: s.version, title: '办理停机（新）' },
    });
    assert.equal(edited.status, 200, edited.text);
    s = edited.body as unknown as Scenario;
    assert.equal(s.used_by, 0);

    const submitted = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: body({ submit: true, test_call_scenario_id: s.id }),
    });
    assert.equal(submitted.status, 201, submitted.text);
    const read = await server.request('GET', `/api/v1/test-call-scenarios/${s.id}`, { as: qa.id });
    s = read.body as unknown as Scenario;
    assert.equal(s.used_by, 1);
    const listed = await server.request('GET', '/api/v1/test-call-scenarios', { as: qa.id });
    const items = (listed.body as unknown as { items: Scenario[] }).items;
    assert.equal(items.find((x) => x.id === s.id)?.used_by, 1);

    const auditsBefore = (await audits(s.id)).length;
    for (const change of [
      { caller_script: '我要停机，马上。' },
      { expected_answer: '直接办理。' },
      { title: '改名' },
      { queue_id: null, title: '改名' },
    ]) {
      const refused = await server.request('PATCH', `/api/v1/test-call-scenarios/${s.id}`, {
        as: lead.id,
        body: { version: s.version, ...change },
      });
      assert.equal(refused.status, 409, refused.text);
      assert.equal(refused.body.error?.code, 'conflict');
      assert.equal(
        refused.body.error?.message,
        'This scenario has been used by 1 submitted evaluation; duplicate it to change it.',
      );
      assert.equal((refused.body.error?.details as { reason: string }).reason, 'scenario_in_use');
    }
    const unchanged = (await server.request('GET', `/api/v1/test-call-scenarios/${s.id}`, { as: qa.id }))
      .body as unknown as Scenario;
    assert.deepEqual(unchanged, s, 'nothing stored');
    assert.equal((await audits(s.id)).length, auditsBefore, 'nothing audited');
    // The signed evaluation still shows the text it was scored against.
    const e = submitted.body as unknown as Detail;
    const detail = await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: agent.id });
    assert.equal((detail.body as unknown as Detail).test_call_scenario?.caller_script, '我要停机。');

    // Sending the same text back with a status change is no edit; retiring stays allowed.
    const retired = await server.request('PATCH', `/api/v1/test-call-scenarios/${s.id}`, {
      as: lead.id,
      body: { version: s.version, title: s.title, active: false },
    });
    assert.equal(retired.status, 200, retired.text);
    assert.equal((retired.body as unknown as Scenario).active, false);

    // Duplicating: a new active scenario with the change, editable, audited with its origin.
    const copy = await server.request('POST', `/api/v1/test-call-scenarios/${s.id}/duplicate`, {
      as: lead.id,
      body: { caller_script: '我要停机，马上。' },
    });
    assert.equal(copy.status, 201, copy.text);
    const c = copy.body as unknown as Scenario;
    assert.notEqual(c.id, s.id);
    assert.deepEqual(
      {
        title: c.title,
        caller_script: c.caller_script,
        expected_answer: c.expected_answer,
        active: c.active,
      },
      { title: s.title, caller_script: '我要停机，马上。', expected_answer: s.expected_answer, active: true },
    );
    assert.equal(c.used_by, 0);
    assert.deepEqual(await audits(c.id), [
      { action: 'test_call.duplicate', before: { duplicated_from: s.id }, actor_id: lead.id },
    ]);
    const editCopy = await server.request('PATCH', `/api/v1/test-call-scenarios/${c.id}`, {
      as: lead.id,
      body: { version: c.version, expected_answer: '核实身份，说明停机影响后办理。' },
    });
    assert.equal(editCopy.status, 200, editCopy.text);
    // Who may do it is as before: an inspector reads scenarios but neither edits nor copies them.
    const byQa = await server.request('POST', `/api/v1/test-call-scenarios/${s.id}/duplicate`, {
      as: qa.id,
      body: {},
    });
    assert.equal(byQa.status, 403, byQa.text);
    const missing = await server.request('POST', '/api/v1/test-call-scenarios/999999/duplicate', {
      as: lead.id,
      body: {},
    });
    assert.equal(missing.status, 404, missing.text);
  });
});
