import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { findActorById } from '../auth/actor.repo.ts';
import { confirmationDocumentOf } from './confirmation-form.ts';
import {
  type BuiltUser,
  buildForm,
  buildInteraction,
  buildTeamWithMembers,
  buildUser,
} from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type Item = { id: number };
type Detail = {
  id: number;
  status: string;
  score: number | null;
  fatal: boolean;
  passed: boolean;
  version: number;
  revision: number;
  local_date: string;
  overdue: boolean;
  answers: { item_id: number; result: string; comment: string | null }[];
  revisions: { revision: number; score: number; retracted_at: string | null }[];
  disputes: { id: number; status: string; inspector_error: boolean | null }[];
  abilities: Record<string, boolean>;
  marks: { at_s: number | null; text: string }[];
  acknowledgement: { who: number; signature: string | null; ip: string | null } | null;
  countersignature: { who: number } | null;
  history: { action: string }[];
};

describe('evaluations, confirmation and disputes', () => {
  let server: TestServer;
  let qa: BuiltUser;
  let otherQa: BuiltUser;
  let lead: BuiltUser;
  let leader: BuiltUser;
  let agent: BuiltUser;
  let teammate: BuiltUser;
  let outsider: BuiltUser;
  let outsiderLeader: BuiltUser;
  let form: { id: number; itemIds: number[] };

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    const team = await buildTeamWithMembers(db, 2);
    leader = team.leader;
    [agent, teammate] = team.agents as [BuiltUser, BuiltUser];
    const other = await buildTeamWithMembers(db, 1);
    outsider = other.agents[0] as BuiltUser;
    outsiderLeader = other.leader;
    qa = await buildUser(db, { roles: ['qa'] });
    otherQa = await buildUser(db, { roles: ['qa'] });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    // E-signatures are the signer's own name.
    await db.execute(sql`update users set display_name = '李四' where id = ${agent.id}`);
    await db.execute(sql`update users set display_name = '王班长' where id = ${leader.id}`);
    // 10 (phrasing) + 20 fatal (process) + 10 (knowledge)
    form = await buildForm(db, {
      passMark: 80,
      sections: [
        [
          { text: 'Greeting', category: 'phrasing', points: 10 },
          { text: 'No customer data leaked', category: 'process', points: 20, fatal: true },
          { text: 'Correct answer', category: 'knowledge', points: 10 },
        ],
      ],
    });
  });
  after(() => server.close());

  /** A five-turn transcript (turns 0–4), for comments pinned to a turn. */
  const fiveTurns = Array.from({ length: 5 }, (_, i) => ({
    speaker: i % 2 === 0 ? ('agent' as const) : ('customer' as const),
    start_s: i * 10,
    end_s: i * 10 + 8,
    text: `第 ${i + 1} 句`,
  }));

  const answers = (results: string[]) =>
    form.itemIds.map((item_id, i) => ({ item_id, result: results[i] ?? 'pass' }));

  async function submitted(results = ['pass', 'fail', 'pass'], agentId = agent.id): Promise<Detail> {
    const interaction = await buildInteraction(server.database.db, {
      agentId,
      startedAt: '2026-11-01T23:30:00Z', // 07:30 on 2 Nov in Shanghai
    });
    const res = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        interaction_id: interaction.id,
        form_id: form.id,
        method: 'recording_review',
        answers: answers(results),
        marks: [{ at_s: 42.5, text: 'leak here' }],
        positives: '语气亲切',
        negatives: '泄露客户信息',
        submit: true,
      },
    });
    assert.equal(res.status, 201, res.text);
    return res.body as unknown as Detail;
  }

  it('scores on the server: a fatal fail gives 0, fatal, not passed, on the local date of the call', async () => {
    const e = await submitted();
    assert.equal(e.status, 'submitted');
    assert.equal(e.score, 0);
    assert.equal(e.fatal, true);
    assert.equal(e.passed, false);
    assert.equal(e.local_date, '2026-11-02');
    assert.equal(e.marks[0]?.at_s, 42.5);
    const ok = await submitted(['pass', 'pass', 'fail']);
    assert.equal(ok.score, 75);
    assert.equal(ok.passed, false);
  });

  it('rejects answers that do not match the form version exactly (400 with paths)', async () => {
    const interaction = await buildInteraction(server.database.db, { agentId: agent.id });
    const base = {
      interaction_id: interaction.id,
      form_id: form.id,
      method: 'recording_review',
      submit: true,
    };
    const [a, b] = form.itemIds as [number, number, number];
    const cases = [
      { answers: [{ item_id: a, result: 'pass' }], why: 'missing' },
      { answers: [...answers([]), { item_id: a, result: 'fail' }], why: 'duplicate' },
      { answers: [...answers([]).slice(0, 2), { item_id: 999999, result: 'pass' }], why: 'unknown' },
    ];
    for (const c of cases) {
      const res = await server.request('POST', '/api/v1/evaluations', {
        as: qa.id,
        body: { ...base, answers: c.answers },
      });
      assert.equal(res.status, 400, c.why);
      assert.equal(res.body.error?.code, 'validation_failed', c.why);
      assert.ok(Array.isArray(res.body.error?.details), c.why);
    }
    const [{ n }] = (await queryRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from evaluations where interaction_id = ${interaction.id}`,
    )) as [{ n: number }];
    assert.equal(n, 0, 'nothing stored half');
    void b;
  });

  it('refuses a pinned comment on an item of another form, on create and on a draft save (400, nothing stored)', async () => {
    const other = await buildForm(server.database.db, {
      passMark: 60,
      sections: [[{ text: 'Other form item', category: 'process', points: 10 }]],
    });
    const foreignItem = other.itemIds[0] as number;
    const interaction = await buildInteraction(server.database.db, { agentId: agent.id });
    const base = { interaction_id: interaction.id, form_id: form.id, method: 'recording_review' };
    const marks = [
      { at_s: 3, item_id: form.itemIds[0], text: 'on this form' },
      { at_s: 5, item_id: foreignItem, text: 'on another form' },
    ];
    const created = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: { ...base, answers: answers([]), marks, submit: true },
    });
    assert.equal(created.status, 400, created.text);
    assert.deepEqual(created.body.error?.details, [
      { path: ['marks', 1, 'item_id'], message: `item ${foreignItem} is not on the form version` },
    ]);
    const [{ n }] = (await queryRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from evaluations where interaction_id = ${interaction.id}`,
    )) as [{ n: number }];
    assert.equal(n, 0, 'nothing stored half');

    const draft = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: { ...base, answers: answers([]), marks: marks.slice(0, 1) },
    });
    assert.equal(draft.status, 201, draft.text);
    const d = draft.body as unknown as Detail;
    const save = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: { version: d.version, answers: answers([]), marks, submit: false },
    });
    assert.equal(save.status, 400, save.text);
    assert.deepEqual(
      (save.body.error?.details as { path: unknown[] }[]).map((x) => x.path),
      [['marks', 1, 'item_id']],
    );
    const now = (await server.request('GET', `/api/v1/evaluations/${d.id}`, { as: qa.id }))
      .body as unknown as Detail;
    assert.deepEqual(
      now.marks.map((m) => m.text),
      ['on this form'],
    );
  });

  it('refuses a pinned comment on a transcript turn the contact does not have, on create and on a draft save (400)', async () => {
    const withTranscript = await buildInteraction(server.database.db, {
      agentId: agent.id,
      transcript: fiveTurns,
    });
    const withoutTranscript = await buildInteraction(server.database.db, { agentId: agent.id });
    const create = (interactionId: number, marks: Record<string, unknown>[], submit = true) =>
      server.request('POST', '/api/v1/evaluations', {
        as: qa.id,
        body: {
          interaction_id: interactionId,
          form_id: form.id,
          method: 'recording_review',
          answers: answers([]),
          marks,
          submit,
        },
      });
    const beyond = await create(withTranscript.id, [
      { turn_index: 4, text: 'last turn' },
      { turn_index: 5, text: 'no such turn' },
    ]);
    assert.equal(beyond.status, 400, beyond.text);
    assert.deepEqual(beyond.body.error?.details, [
      { path: ['marks', 1, 'turn_index'], message: 'turn 5 is not in the transcript (turns 0–4)' },
    ]);
    const none = await create(withoutTranscript.id, [{ turn_index: 0, text: 'no transcript' }]);
    assert.equal(none.status, 400, none.text);
    assert.deepEqual(none.body.error?.details, [
      { path: ['marks', 0, 'turn_index'], message: 'turn 0: the contact has no transcript' },
    ]);
    const [{ n }] = (await queryRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from evaluations where interaction_id in (${withTranscript.id}, ${withoutTranscript.id})`,
    )) as [{ n: number }];
    assert.equal(n, 0, 'nothing stored half');

    const draft = await create(withTranscript.id, [{ turn_index: 4, text: 'last turn' }], false);
    assert.equal(draft.status, 201, draft.text);
    const d = draft.body as unknown as Detail;
    const save = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: {
        version: d.version,
        answers: answers([]),
        marks: [{ turn_index: 7, text: 'moved away' }],
        submit: false,
      },
    });
    assert.equal(save.status, 400, save.text);
    assert.deepEqual(
      (save.body.error?.details as { path: unknown[] }[]).map((x) => x.path),
      [['marks', 0, 'turn_index']],
    );
    const now = (await server.request('GET', `/api/v1/evaluations/${d.id}`, { as: qa.id }))
      .body as unknown as Detail;
    assert.deepEqual(
      now.marks.map((m) => m.text),
      ['last turn'],
    );

    // A re-import shortens the transcript to two turns: the comment already on turn 4 does not stop
    // the autosave, a new one on a turn that is no longer there does.
    await server.database.db.execute(
      sql`update interactions set transcript = ${JSON.stringify(fiveTurns.slice(0, 2))}::jsonb
          where id = ${withTranscript.id}`,
    );
    const keep = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: {
        version: d.version,
        answers: answers([]),
        marks: [{ turn_index: 4, text: 'last turn, reworded' }],
        submit: false,
      },
    });
    assert.equal(keep.status, 200, keep.text);
    const fresh = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: {
        version: d.version + 1,
        answers: answers([]),
        marks: [
          { turn_index: 4, text: 'last turn, reworded' },
          { turn_index: 3, text: 'gone since the re-import' },
        ],
        submit: false,
      },
    });
    assert.equal(fresh.status, 400, fresh.text);
    assert.deepEqual(fresh.body.error?.details, [
      { path: ['marks', 1, 'turn_index'], message: 'turn 3 is not in the transcript (turns 0–1)' },
    ]);
  });

  it('keeps drafts private to their inspector, and a stale draft save gets 409', async () => {
    const interaction = await buildInteraction(server.database.db, { agentId: agent.id });
    const created = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        interaction_id: interaction.id,
        form_id: form.id,
        method: 'recording_review',
        answers: answers(['pass']).slice(0, 1),
      },
    });
    assert.equal(created.status, 201, created.text);
    const draft = created.body as unknown as Detail;
    assert.equal(draft.status, 'draft');
    for (const viewer of [agent, otherQa, leader]) {
      const res = await server.request('GET', `/api/v1/evaluations/${draft.id}`, { as: viewer.id });
      assert.equal(res.status, 404, `draft hidden from ${viewer.username}`);
    }
    assert.equal(
      (await server.request('GET', `/api/v1/evaluations/${draft.id}`, { as: lead.id })).status,
      200,
    );
    // another inspector may not edit it
    const foreign = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
      as: otherQa.id,
      body: { version: draft.version, answers: answers([]), submit: false },
    });
    assert.equal(foreign.status, 404);
    const saved = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
      as: qa.id,
      body: { version: draft.version, answers: answers(['pass', 'pass']).slice(0, 2), submit: false },
    });
    assert.equal(saved.status, 200, saved.text);
    const stale = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
      as: qa.id,
      body: { version: draft.version, answers: answers([]), submit: true },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error?.code, 'stale_write');
    const ack = await server.request('POST', `/api/v1/evaluations/${draft.id}/acknowledge`, {
      as: agent.id,
      body: { signature: 'x' },
    });
    assert.equal(ack.status, 404, 'a draft is invisible to the CSR, so it cannot be acknowledged');
    const submit = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
      as: qa.id,
      body: { version: (saved.body as unknown as Detail).version, answers: answers([]), submit: true },
    });
    assert.equal(submit.status, 200, submit.text);
    assert.equal((submit.body as unknown as Detail).status, 'submitted');
    const again = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
      as: qa.id,
      body: { version: (submit.body as unknown as Detail).version, answers: answers([]), submit: true },
    });
    assert.equal(again.status, 409, 'a submitted evaluation changes only through the dispute chain');
  });

  it('gives a draft that answers no item no score yet (not 100), in the detail, the list and the row', async () => {
    const interaction = await buildInteraction(server.database.db, { agentId: agent.id });
    const created = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        interaction_id: interaction.id,
        form_id: form.id,
        method: 'recording_review',
        answers: [],
        marks: [{ at_s: 3, text: 'opening' }],
      },
    });
    assert.equal(created.status, 201, created.text);
    const draft = created.body as unknown as Detail;
    assert.equal(draft.score, null);
    assert.equal(draft.passed, false);
    const stored = async () =>
      (
        await queryRows<{ score: number | null; passed: boolean }>(
          server.database.db,
          sql`select score, passed from evaluations where id = ${draft.id}`,
        )
      )[0];
    assert.deepEqual(await stored(), { score: null, passed: false });
    const listed = async () => {
      const list = await server.request('GET', `/api/v1/evaluations?status=draft&limit=1000`, { as: qa.id });
      return (list.body.items as { id: number; score: number | null; passed: boolean }[]).find(
        (i) => i.id === draft.id,
      );
    };
    const inList = await listed();
    assert.equal(inList?.score, null);
    assert.equal(inList.passed, false);
    // One item answered: the provisional total of the answers so far.
    const one = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
      as: qa.id,
      body: { version: draft.version, answers: answers(['pass']).slice(0, 1), submit: false },
    });
    assert.equal(one.status, 200, one.text);
    assert.equal((one.body as unknown as Detail).score, 100);
    assert.equal((one.body as unknown as Detail).passed, true);
    // The answer taken back: not scored again.
    const none = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
      as: qa.id,
      body: { version: (one.body as unknown as Detail).version, answers: [], submit: false },
    });
    assert.equal(none.status, 200, none.text);
    assert.equal((none.body as unknown as Detail).score, null);
    assert.deepEqual(await stored(), { score: null, passed: false });
    // A draft stored with 100 before this rule is shown unscored too.
    await server.database.db.execute(
      sql`update evaluations set score = 100, passed = true where id = ${draft.id}`,
    );
    const old = await server.request('GET', `/api/v1/evaluations/${draft.id}`, { as: qa.id });
    assert.equal((old.body as unknown as Detail).score, null);
    assert.equal((await listed())?.score, null);
    // Submitted, every item answered: scored.
    const submit = await server.request('PATCH', `/api/v1/evaluations/${draft.id}`, {
      as: qa.id,
      body: {
        version: (none.body as unknown as Detail).version,
        answers: answers(['pass', 'pass', 'fail']),
        submit: true,
      },
    });
    assert.equal(submit.status, 200, submit.text);
    assert.equal((submit.body as unknown as Detail).score, 75);
  });

  it("lists a CSR's day as the compliance board counts it: drafts=false leaves drafts out", async () => {
    const csr = (await buildTeamWithMembers(server.database.db, 1)).agents[0] as BuiltUser;
    const onDay = await submitted(['pass', 'pass', 'pass'], csr.id); // local date 2026-11-02
    const nextDay = await buildInteraction(server.database.db, {
      agentId: csr.id,
      startedAt: '2026-11-02T16:30:00Z', // 00:30 on 3 Nov in Shanghai
    });
    const later = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        interaction_id: nextDay.id,
        form_id: form.id,
        method: 'recording_review',
        answers: answers([]),
        submit: true,
      },
    });
    assert.equal(later.status, 201, later.text);
    const draftContact = await buildInteraction(server.database.db, {
      agentId: csr.id,
      startedAt: '2026-11-02T02:00:00Z',
    });
    const draft = await server.request('POST', '/api/v1/evaluations', {
      as: lead.id,
      body: { interaction_id: draftContact.id, form_id: form.id, method: 'recording_review', answers: [] },
    });
    assert.equal(draft.status, 201, draft.text);

    const ids = async (query: string) => {
      const res = await server.request('GET', `/api/v1/evaluations?agent_id=${csr.id}&${query}`, {
        as: lead.id,
      });
      assert.equal(res.status, 200, res.text);
      const page = res.body as unknown as { items: { id: number }[]; total: number };
      assert.equal(page.total, page.items.length);
      return page.items.map((e) => e.id).sort((a, b) => a - b);
    };
    const day = 'from=2026-11-02&to=2026-11-02';
    assert.deepEqual(
      await ids(day),
      [onDay.id, (draft.body as unknown as Detail).id].sort((a, b) => a - b),
    );
    assert.deepEqual(await ids(`${day}&drafts=false`), [onDay.id]);
    assert.deepEqual(await ids('from=2026-11-03&to=2026-11-03&drafts=false'), [
      (later.body as unknown as Detail).id,
    ]);

    // The board's day for that CSR counts exactly those.
    const board = await server.request('GET', `/api/v1/compliance/agents/${csr.id}?month=2026-11`, {
      as: lead.id,
    });
    assert.equal(board.status, 200, board.text);
    const days = board.body.days as { date: string; checks: number }[];
    assert.equal(days.find((d) => d.date === '2026-11-02')?.checks, 1);
    assert.equal(days.find((d) => d.date === '2026-11-03')?.checks, 1);

    const bad = await server.request('GET', '/api/v1/evaluations?drafts=maybe', { as: lead.id });
    assert.equal(bad.status, 400);
  });

  it('scopes reads: the CSR sees own, the team leader the team, others get 404', async () => {
    const e = await submitted();
    assert.equal((await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: agent.id })).status, 200);
    assert.equal((await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: leader.id })).status, 200);
    assert.equal(
      (await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: teammate.id })).status,
      404,
    );
    assert.equal(
      (await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: outsiderLeader.id })).status,
      404,
    );
    const mine = await server.request('GET', '/api/v1/evaluations?mine=true&limit=1000', { as: agent.id });
    const items = mine.body.items as { agent_id: number; status: string }[];
    assert.ok(items.length > 0);
    assert.ok(items.every((i) => i.agent_id === agent.id && i.status !== 'draft'));
    const teamList = await server.request('GET', '/api/v1/evaluations?limit=1000', { as: outsiderLeader.id });
    assert.ok(
      (teamList.body.items as { agent_id: number }[]).every(
        (i) => i.agent_id === outsider.id || i.agent_id === outsiderLeader.id,
      ),
    );
    const notMine = await server.request('POST', `/api/v1/evaluations/${e.id}/acknowledge`, {
      as: teammate.id,
      body: { signature: 'x' },
    });
    assert.equal(notMine.status, 404);
  });

  it('walks the confirmation: CSR signs, team leader countersigns; illegal moves get 409', async () => {
    const e = await submitted(['pass', 'pass', 'pass']);
    const early = await server.request('POST', `/api/v1/evaluations/${e.id}/countersign`, {
      as: leader.id,
      body: { signature: 'Leader' },
    });
    assert.equal(early.status, 409, 'countersign before the CSR signed');
    const byOtherLeader = await server.request('POST', `/api/v1/evaluations/${e.id}/acknowledge`, {
      as: leader.id,
      body: { signature: 'Leader' },
    });
    assert.equal(byOtherLeader.status, 403, 'only the CSR acknowledges');
    const ack = await server.request('POST', `/api/v1/evaluations/${e.id}/acknowledge`, {
      as: agent.id,
      body: { signature: '李四' },
      headers: { 'user-agent': 'test-browser' },
    });
    assert.equal(ack.status, 200, ack.text);
    const signed = ack.body as unknown as Detail;
    assert.equal(signed.status, 'acknowledged');
    assert.equal(signed.acknowledgement?.who, agent.id);
    assert.equal(signed.acknowledgement?.signature, '李四');
    const twice = await server.request('POST', `/api/v1/evaluations/${e.id}/acknowledge`, {
      as: agent.id,
      body: { signature: 'again' },
    });
    assert.equal(twice.status, 409);
    const dispute = await server.request('POST', `/api/v1/evaluations/${e.id}/disputes`, {
      as: agent.id,
      body: { reason: 'late' },
    });
    assert.equal(dispute.status, 409, 'no dispute after acknowledging');
    const cs = await server.request('POST', `/api/v1/evaluations/${e.id}/countersign`, {
      as: leader.id,
      body: { signature: '王班长' },
    });
    assert.equal(cs.status, 200, cs.text);
    assert.equal((cs.body as unknown as Detail).status, 'countersigned');
    const pdf = await server.request('GET', `/api/v1/evaluations/${e.id}/confirmation.pdf`, { as: agent.id });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.ok(pdf.text.startsWith('%PDF'));
    const actor = await findActorById(server.database.db, agent.id);
    assert.ok(actor);
    const doc = await confirmationDocumentOf(server.database.db, actor, e.id, 'zh', 'Asia/Shanghai');
    const docText = JSON.stringify(doc.content);
    assert.match(docText, /服务质量考核确认单/);
    assert.match(docText, /客服代表签字[\s\S]*李四[\s\S]*班长签字[\s\S]*王班长/, 'both signatures');
    const tables = (Array.isArray(doc.content) ? doc.content : [doc.content]).flatMap((c) =>
      typeof c === 'object' && c !== null && 'table' in c ? [c.table] : [],
    );
    const items = tables.find((table) => table?.widths?.length === 6);
    assert.ok(items, 'the items table');
    assert.ok(
      Array.isArray(items.widths) && items.widths.every((w) => w !== 'auto'),
      `no 'auto' column, which pdfmake squeezes to one CJK character (合/格): ${JSON.stringify(items.widths)}`,
    );
    const xlsx = await server.app.request(`/api/v1/evaluations/${e.id}/confirmation.xlsx?lang=zh`, {
      headers: { cookie: await server.sessionCookie(agent.id) },
    });
    assert.equal(xlsx.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const text: string[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((cell) => text.push(cell.text)));
    const joined = text.join('|');
    assert.match(joined, /服务质量考核确认单/);
    assert.match(joined, /李四/);
    assert.match(joined, /王班长/);
    assert.match(joined, /语气亲切/);
  });

  it('runs the dispute chain B10–B16 and records the inspector error', async () => {
    const e = await submitted();
    assert.equal(e.score, 0);
    const raised = await server.request('POST', `/api/v1/evaluations/${e.id}/disputes`, {
      as: agent.id,
      body: { reason: '只核对了后四位', item_ids: [form.itemIds[1]] },
    });
    assert.equal(raised.status, 201, raised.text);
    const disputeId = raised.body.id as number;
    const second = await server.request('POST', `/api/v1/evaluations/${e.id}/disputes`, {
      as: agent.id,
      body: { reason: 'again' },
    });
    assert.equal(second.status, 409, 'one open dispute per evaluation');
    assert.deepEqual(
      second.body.error?.details,
      { reason: 'transition', status: 'disputed', action: 'dispute' },
      'the browser translates it',
    );
    const ackWhileDisputed = await server.request('POST', `/api/v1/evaluations/${e.id}/acknowledge`, {
      as: agent.id,
      body: { signature: 'x' },
    });
    assert.equal(ackWhileDisputed.status, 409);
    assert.deepEqual(ackWhileDisputed.body.error?.details, {
      reason: 'transition',
      status: 'disputed',
      action: 'acknowledge',
    });
    assert.match(ackWhileDisputed.body.error?.message, /under dispute/);
    const inbox = await server.request('GET', '/api/v1/notifications', { as: leader.id });
    assert.ok((inbox.body.items as { kind: string }[]).some((n) => n.kind === 'dispute_raised'));
    const wrongLeader = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: outsiderLeader.id,
      body: { uphold: true },
    });
    assert.equal(wrongLeader.status, 404, "another team's leader cannot see it");
    const qaTooEarly = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: lead.id,
      body: { uphold: true },
    });
    assert.equal(qaTooEarly.status, 409, 'the team leader decides first: a state to wait for');
    assert.deepEqual(qaTooEarly.body.error?.details, { reason: 'dispute_with_leader' });
    assert.match(qaTooEarly.body.error?.message, /still with the CSR's team leader/);
    const otherRole = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: qa.id,
      body: { uphold: true },
    });
    assert.equal(otherRole.status, 403, 'an inspector never decides');
    const forwarded = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: leader.id,
      body: { uphold: false, note: '请复核' },
    });
    assert.equal(forwarded.status, 200, forwarded.text);
    assert.equal(forwarded.body.status, 'qa_review');
    const leaderAgain = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: leader.id,
      body: { uphold: true },
    });
    assert.equal(leaderAgain.status, 409, "the team leader's step is done");
    assert.deepEqual(leaderAgain.body.error?.details, { reason: 'dispute_in_review' });
    const noAnswers = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: lead.id,
      body: { uphold: false },
    });
    assert.equal(noAnswers.status, 400);
    const corrected = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: lead.id,
      body: {
        uphold: false,
        note: '核对后四位不算泄露',
        corrected_answers: answers(['pass', 'pass', 'pass']),
      },
    });
    assert.equal(corrected.status, 200, corrected.text);
    assert.equal(corrected.body.status, 'corrected');
    assert.equal(corrected.body.inspector_error, true);
    const closed = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: lead.id,
      body: { uphold: true },
    });
    assert.equal(closed.status, 409, 'a closed dispute cannot be decided again');
    assert.deepEqual(closed.body.error?.details, { reason: 'dispute_closed', dispute_status: 'corrected' });
    const seen = (await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: agent.id }))
      .body as unknown as Detail;
    assert.equal(seen.score, 100);
    assert.equal(seen.fatal, false);
    assert.equal(seen.revision, 2);
    assert.equal(seen.status, 'submitted', 'the CSR is asked to confirm the corrected evaluation');
    assert.deepEqual(
      seen.revisions.map((r) => [r.revision, r.score, r.retracted_at !== null]),
      [
        [2, 100, false],
        [1, 0, true],
      ],
    );
    assert.ok(seen.history.some((h) => h.action === 'dispute.review_correct'));
    // The confirmation form the CSR signs shows what the correction changed, in both documents.
    const agentActor = await findActorById(server.database.db, agent.id);
    assert.ok(agentActor);
    const corrDoc = JSON.stringify(
      (await confirmationDocumentOf(server.database.db, agentActor, e.id, 'zh', 'Asia/Shanghai')).content,
    );
    assert.match(corrDoc, /修订记录/);
    assert.match(corrDoc, /修订 2: 100\.0, [^,]+, 现行 — 核对后四位不算泄露/);
    assert.match(corrDoc, /修订 1: 0\.0 \(致命错误\), [^,]+, 已撤销 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const corrXlsx = await server.app.request(`/api/v1/evaluations/${e.id}/confirmation.xlsx?lang=en`, {
      headers: { cookie: await server.sessionCookie(agent.id) },
    });
    const corrBook = new ExcelJS.Workbook();
    await corrBook.xlsx.load(await corrXlsx.arrayBuffer());
    const corrCells: string[] = [];
    corrBook.worksheets[0]?.eachRow((row) => row.eachCell((cell) => corrCells.push(cell.text)));
    assert.match(
      corrCells.join('|'),
      /Revisions\|Revision 2: 100\.0, .*current[\s\S]*Revision 1: 0\.0 \(Fatal error\), .*retracted/,
    );
    assert.equal(seen.abilities.dispute, false, 'the decision on a dispute stands');
    const again = await server.request('POST', `/api/v1/evaluations/${e.id}/disputes`, {
      as: agent.id,
      body: { reason: 'once more' },
    });
    assert.equal(again.status, 409);
    assert.deepEqual(again.body.error?.details, { reason: 'already_disputed' });
    const accuracy = await server.request('GET', '/api/v1/reports/inspector-accuracy?month=2026-11', {
      as: lead.id,
    });
    const row = (
      accuracy.body.items as {
        evaluator_id: number;
        overturned: number;
        inspector_errors: number;
        error_rate: number;
        evaluations: number;
      }[]
    ).find((r) => r.evaluator_id === qa.id);
    assert.ok(row);
    assert.ok(row.overturned >= 1);
    assert.ok(row.inspector_errors >= 1);
    assert.equal(row.error_rate, row.inspector_errors / row.evaluations);
    assert.equal(
      (await server.request('GET', '/api/v1/reports/inspector-accuracy?month=2026-11', { as: agent.id }))
        .status,
      403,
    );
  });

  it('corrects the remarks and pinned comments with the answers; the retracted revision keeps its own', async () => {
    type Mark = {
      id: number;
      at_s: number | null;
      turn_index: number | null;
      item_id: number | null;
      text: string;
    };
    type Answer = Detail['answers'][number];
    type Revision = {
      revision: number;
      positives: string | null;
      negatives: string | null;
      marks: Mark[];
      answers: Answer[];
    };
    type Seen = Omit<Detail, 'marks' | 'revisions'> & {
      positives: string | null;
      negatives: string | null;
      marks: Mark[];
      revisions: (Revision & { retracted_at: string | null })[];
      disputes: { id: number; status: string; inspector_error: boolean | null }[];
    };
    const interaction = await buildInteraction(server.database.db, {
      agentId: agent.id,
      transcript: fiveTurns,
    });
    const leakItem = form.itemIds[1] as number;
    const created = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        interaction_id: interaction.id,
        form_id: form.id,
        method: 'recording_review',
        answers: answers(['pass', 'fail', 'pass']).map((a, i) =>
          i === 1
            ? { ...a, comment: '念出了客户的完整手机号' }
            : i === 0
              ? { ...a, comment: '开场白规范' }
              : a,
        ),
        marks: [
          { at_s: 42.5, item_id: leakItem, text: '此处泄露了客户手机号' },
          { turn_index: 3, text: '解释清楚' },
          { at_s: 80, text: '结束语规范' },
        ],
        positives: '语气亲切',
        negatives: '泄露客户信息',
        submit: true,
      },
    });
    assert.equal(created.status, 201, created.text);
    const e = created.body as unknown as Seen;
    const [leak, closing, turn] = e.marks as [Mark, Mark, Mark]; // by moment, turns last
    assert.equal(leak.text, '此处泄露了客户手机号');
    const raised = await server.request('POST', `/api/v1/evaluations/${e.id}/disputes`, {
      as: agent.id,
      body: { reason: '只念了后四位', item_ids: [leakItem] },
    });
    const disputeId = raised.body.id as number;
    const decide = (as: number, body: Record<string, unknown>) =>
      server.request('POST', `/api/v1/disputes/${disputeId}/decision`, { as, body });
    const read = async () =>
      (await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: lead.id })).body as unknown as Seen;
    const unchanged = async (why: string) => {
      const now = await read();
      assert.equal(now.revision, 1, why);
      assert.equal(now.positives, '语气亲切', why);
      assert.equal(now.negatives, '泄露客户信息', why);
      assert.deepEqual(now.marks, e.marks, why);
      assert.deepEqual(
        now.revisions.map((r) => [r.revision, r.negatives, r.marks.length]),
        [[1, '泄露客户信息', 3]],
        why,
      );
      return now;
    };

    // The team leader upholds or forwards; correcting is the QA lead's.
    const byLeader = await decide(leader.id, {
      uphold: false,
      corrected_negatives: null,
      corrected_marks: [],
    });
    assert.equal(byLeader.status, 400, byLeader.text);
    assert.match(byLeader.body.error?.message ?? '', /Only the QA lead corrects/);
    assert.deepEqual(
      (byLeader.body.error?.details as { path: unknown[] }[]).map((d) => d.path),
      [['corrected_negatives'], ['corrected_marks']],
    );
    assert.equal((await unchanged('refused for the team leader')).disputes[0]?.status, 'team_leader');
    assert.equal((await decide(leader.id, { uphold: false })).status, 200);

    // Upholding keeps the evaluation as it is.
    const upholdWith = await decide(lead.id, { uphold: true, corrected_positives: '改过的表扬' });
    assert.equal(upholdWith.status, 400, upholdWith.text);
    assert.match(upholdWith.body.error?.message ?? '', /only with a correction/);
    assert.deepEqual(upholdWith.body.error?.details, [
      { path: ['corrected_positives'], message: 'not allowed at this step' },
    ]);
    const upholdWithAnswers = await decide(lead.id, {
      uphold: true,
      corrected_answers: answers(['pass', 'pass', 'pass']),
    });
    assert.equal(upholdWithAnswers.status, 400, upholdWithAnswers.text);
    assert.deepEqual(upholdWithAnswers.body.error?.details, [
      { path: ['corrected_answers'], message: 'not allowed at this step' },
    ]);
    await unchanged('refused: answers sent with uphold');

    // Pinned comments are checked as the inspector's are, and against this evaluation; nothing is stored half.
    const corrected = answers(['pass', 'pass', 'pass']);
    const invalid: [Record<string, unknown>, (string | number)[]][] = [
      [{ corrected_marks: [{ id: turn.id, text: '   ' }] }, ['corrected_marks', 0, 'text']],
      [{ corrected_marks: [{ at_s: -1, text: 'x' }] }, ['corrected_marks', 0, 'at_s']],
      [{ corrected_positives: 'x'.repeat(4001) }, ['corrected_positives']],
      [{ corrected_marks: [{ text: 'x' }, { id: 999_999_999, text: 'y' }] }, ['corrected_marks', 1, 'id']],
      [
        {
          corrected_marks: [
            { id: leak.id, text: 'a' },
            { id: leak.id, text: 'b' },
          ],
        },
        ['corrected_marks', 1, 'id'],
      ],
      [{ corrected_marks: [{ item_id: 999_999, text: 'x' }] }, ['corrected_marks', 0, 'item_id']],
      // A turn the contact's transcript (turns 0–4) does not have, new or moved.
      [{ corrected_marks: [{ turn_index: 5, text: 'x' }] }, ['corrected_marks', 0, 'turn_index']],
      [
        {
          corrected_marks: [
            { id: closing.id, at_s: 80, text: '结束语规范' },
            { id: turn.id, turn_index: 99, text: 'y' },
          ],
        },
        ['corrected_marks', 1, 'turn_index'],
      ],
    ];
    for (const [fields, path] of invalid) {
      const res = await decide(lead.id, {
        uphold: false,
        corrected_answers: corrected,
        corrected_positives: '改过的表扬',
        ...fields,
      });
      assert.equal(res.status, 400, `${JSON.stringify(fields)}: ${res.text}`);
      assert.deepEqual((res.body.error?.details as { path: unknown[] }[])[0]?.path, path);
      await unchanged(JSON.stringify(fields));
    }
    // A correction that fails on its answers stores none of its remarks either.
    const badAnswers = await decide(lead.id, {
      uphold: false,
      corrected_answers: [{ item_id: 999_999, result: 'pass' }],
      corrected_positives: '改过的表扬',
      corrected_marks: [],
    });
    assert.equal(badAnswers.status, 400, badAnswers.text);
    assert.equal((await unchanged('bad answers')).disputes[0]?.status, 'qa_review');

    // The correction: praise kept (omitted), criticism cleared, the leak comment removed, one edited, one kept, one added.
    // The answers as the form sends them: the flipped item without the inspector's comment (the form
    // sets it aside), the unchanged item with its comment kept.
    const ok = await decide(lead.id, {
      uphold: false,
      note: '只念了后四位，不算泄露',
      corrected_answers: corrected.map((a, i) =>
        i === 1 ? { ...a, comment: null } : i === 0 ? { ...a, comment: '开场白规范' } : a,
      ),
      corrected_negatives: null,
      corrected_marks: [
        { id: turn.id, turn_index: 3, text: '解释清楚，核实了身份' },
        { id: closing.id, at_s: 80, text: '结束语规范' },
        { at_s: 42.5, item_id: leakItem, text: '只念了后四位，符合规范' },
      ],
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.status, 'corrected');
    const seen = await read();
    assert.equal(seen.revision, 2);
    assert.equal(seen.score, 100);
    assert.equal(seen.positives, '语气亲切', 'omitted: unchanged');
    assert.equal(seen.negatives, null);
    assert.deepEqual(
      seen.marks.map((m) => [m.at_s, m.turn_index, m.item_id, m.text]),
      [
        [42.5, null, leakItem, '只念了后四位，符合规范'],
        [80, null, null, '结束语规范'],
        [null, 3, null, '解释清楚，核实了身份'],
      ],
    );
    assert.ok(
      seen.marks.every((m) => m.id !== leak.id),
      'the removed comment is gone',
    );
    assert.equal(
      seen.marks.find((m) => m.text === '结束语规范')?.id,
      closing.id,
      'a kept comment keeps its id',
    );
    assert.equal(seen.marks.find((m) => m.turn_index === 3)?.id, turn.id, 'an edited comment keeps its id');
    // Each revision shows its own remarks and comments: the new one the corrected, the retracted one the old.
    const [current, retracted] = seen.revisions as [Seen['revisions'][number], Seen['revisions'][number]];
    assert.equal(current.revision, 2);
    assert.equal(current.retracted_at, null);
    assert.equal(current.negatives, null);
    assert.deepEqual(current.marks, seen.marks);
    assert.equal(retracted.revision, 1);
    assert.notEqual(retracted.retracted_at, null);
    assert.equal(retracted.positives, '语气亲切');
    assert.equal(retracted.negatives, '泄露客户信息');
    assert.deepEqual(retracted.marks, e.marks);
    // The server stores the answers' comments as sent; the retracted revision keeps the inspector's.
    const byItem = (r: { answers: Answer[] }) => r.answers.map((a) => [a.result, a.comment]);
    const inspectors = [
      ['pass', '开场白规范'],
      ['fail', '念出了客户的完整手机号'],
      ['pass', null],
    ];
    assert.deepEqual(byItem(e), inspectors);
    assert.deepEqual(byItem(seen), [
      ['pass', '开场白规范'],
      ['pass', null],
      ['pass', null],
    ]);
    assert.deepEqual(byItem(current), byItem(seen));
    assert.deepEqual(byItem(retracted), inspectors);
    // The CSR sees the same history.
    const agentSees = (await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: agent.id }))
      .body as unknown as Seen;
    assert.deepEqual(agentSees.revisions, seen.revisions);

    // The audit entry of the correction records what changed, in brief.
    const [entry] = await queryRows<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      server.database.db,
      sql`select before, after from audit_log where entity_type = 'evaluation' and entity_id = ${String(e.id)}
          and action = 'dispute.review_correct'`,
    );
    assert.ok(entry);
    assert.equal(entry.before.negatives, '泄露客户信息');
    assert.equal(entry.after.negatives, null);
    assert.ok(!('positives' in entry.after), 'unchanged praise is not listed');
    assert.equal(entry.before.marks, 3);
    assert.deepEqual(entry.after.marks, {
      count: 3,
      removed: [{ id: leak.id, text: '此处泄露了客户手机号' }],
      edited: [{ id: turn.id, before: '解释清楚', after: '解释清楚，核实了身份' }],
      added: [{ at_s: 42.5, turn_index: null, item_id: leakItem, text: '只念了后四位，符合规范' }],
    });

    // The confirmation form the CSR signs shows the corrected remarks, in both documents.
    const agentActor = await findActorById(server.database.db, agent.id);
    assert.ok(agentActor);
    const doc = JSON.stringify(
      (await confirmationDocumentOf(server.database.db, agentActor, e.id, 'zh', 'Asia/Shanghai')).content,
    );
    assert.match(doc, /语气亲切/);
    assert.doesNotMatch(doc, /泄露客户信息/);
    assert.match(doc, /修订 2: 100\.0, [^,]+, 现行 — 只念了后四位，不算泄露/);
    assert.match(doc, /修订 1: 0\.0 \(致命错误\), [^,]+, 已撤销/);
    const xlsx = await server.app.request(`/api/v1/evaluations/${e.id}/confirmation.xlsx?lang=en`, {
      headers: { cookie: await server.sessionCookie(agent.id) },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const cells: string[] = [];
    book.worksheets[0]?.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
    const text = cells.join('|');
    assert.match(text, /Praise\|语气亲切/);
    assert.doesNotMatch(text, /泄露客户信息/);
    assert.match(text, /Revision 2: 100\.0, .*current[\s\S]*Revision 1: 0\.0 \(Fatal error\), .*retracted/);

    // A revision retracted before corrections could change the remarks (nothing kept) shows the next one's.
    await server.database.db.execute(
      sql`update evaluation_revisions set positives = null, negatives = null, marks = null where evaluation_id = ${e.id}`,
    );
    const legacy = await read();
    assert.deepEqual(
      legacy.revisions.map((r) => [r.revision, r.positives, r.negatives, r.marks]),
      [
        [2, '语气亲切', null, seen.marks],
        [1, '语气亲切', null, seen.marks],
      ],
    );
  });

  it('lets the team leader uphold, sending it back to the CSR', async () => {
    const e = await submitted();
    const raised = await server.request('POST', `/api/v1/evaluations/${e.id}/disputes`, {
      as: agent.id,
      body: { reason: 'no' },
    });
    const stale = await server.request('POST', `/api/v1/disputes/${raised.body.id as number}/decision`, {
      as: leader.id,
      body: { uphold: true, version: 99 },
    });
    assert.equal(stale.status, 409);
    const upheld = await server.request('POST', `/api/v1/disputes/${raised.body.id as number}/decision`, {
      as: leader.id,
      body: { uphold: true, note: '评价成立' },
    });
    assert.equal(upheld.status, 200, upheld.text);
    assert.equal(upheld.body.status, 'upheld');
    const seen = (await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: agent.id }))
      .body as unknown as Detail;
    assert.equal(seen.status, 'submitted');
    assert.equal(seen.score, 0);
    assert.equal(seen.abilities.acknowledge, true);
  });

  it('refuses disputes after the confirmation window and flags the evaluation overdue', async () => {
    const e = await submitted();
    await server.database.db.execute(
      sql`update evaluations set ack_due_at = now() - interval '1 hour' where id = ${e.id}`,
    );
    const late = await server.request('POST', `/api/v1/evaluations/${e.id}/disputes`, {
      as: agent.id,
      body: { reason: 'late' },
    });
    assert.equal(late.status, 409);
    const overdue = await server.request('GET', '/api/v1/evaluations?overdue=true&limit=1000', {
      as: leader.id,
    });
    assert.ok((overdue.body.items as Item[]).some((i) => i.id === e.id));
  });

  it('lets only QA create evaluations, and on-site checks need a CSR but no interaction', async () => {
    for (const who of [agent, leader]) {
      const res = await server.request('POST', '/api/v1/evaluations', {
        as: who.id,
        body: {
          agent_id: teammate.id,
          form_id: form.id,
          method: 'on_site',
          answers: answers([]),
          submit: true,
        },
      });
      assert.equal(res.status, 403);
    }
    const noAgent = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: { form_id: form.id, method: 'on_site', answers: answers([]), submit: true },
    });
    assert.equal(noAgent.status, 400);
    const review = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        agent_id: teammate.id,
        form_id: form.id,
        method: 'recording_review',
        answers: answers([]),
        submit: true,
      },
    });
    assert.equal(review.status, 400, 'a recording review needs the interaction');
    const onSite = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        agent_id: teammate.id,
        form_id: form.id,
        method: 'on_site',
        phase: 'during',
        answers: answers([]),
        submit: true,
      },
    });
    assert.equal(onSite.status, 201, onSite.text);
    assert.equal((onSite.body as unknown as Detail).score, 100);
  });

  it('answers a create exactly as a read of it answers, draft or submitted', async () => {
    for (const submit of [false, true]) {
      const interaction = await buildInteraction(server.database.db, {
        agentId: agent.id,
        transcript: fiveTurns,
      });
      const [first, second, third] = form.itemIds as [number, number, number];
      const created = await server.request('POST', '/api/v1/evaluations', {
        as: qa.id,
        body: {
          interaction_id: interaction.id,
          form_id: form.id,
          method: 'recording_review',
          phase: 'during',
          // Not in form order: the answer lists them in the form's order, as a read does.
          answers: [
            { item_id: third, result: 'fail', comment: '答非所问' },
            { item_id: first, result: 'pass' },
            { item_id: second, result: 'pass', comment: null },
          ],
          marks: [
            { turn_index: 3, item_id: third, text: '这里' },
            { at_s: 12.25, text: 'greeting' },
          ],
          positives: '语气亲切',
          submit,
        },
      });
      assert.equal(created.status, 201, created.text);
      const read = await server.request('GET', `/api/v1/evaluations/${String(created.body.id)}`, {
        as: qa.id,
      });
      assert.equal(read.status, 200, read.text);
      assert.deepEqual(created.body, read.body, submit ? 'submitted' : 'draft');
    }
  });

  it("scores against the form's current version, through in-place edits and new versions", async () => {
    const db = server.database.db;
    const f = await buildForm(db, { sections: [[{ text: 'A', category: 'phrasing', points: 10 }]] });
    const [itemA] = f.itemIds as [number];
    const post = async (itemIds: number[]) => {
      const interaction = await buildInteraction(db, { agentId: agent.id });
      return server.request('POST', '/api/v1/evaluations', {
        as: qa.id,
        body: {
          interaction_id: interaction.id,
          form_id: f.id,
          method: 'recording_review',
          answers: itemIds.map((item_id) => ({ item_id, result: 'pass' })),
          submit: true,
        },
      });
    };
    const edit = async (texts: string[]) => {
      const before = await server.request('GET', `/api/v1/forms/${f.id}`, { as: lead.id });
      assert.equal(before.status, 200, before.text);
      const res = await server.request('PUT', `/api/v1/forms/${f.id}`, {
        as: lead.id,
        body: {
          name: 'Edited',
          pass_mark: 80,
          sections: [
            { title: 'S', items: texts.map((text) => ({ text, category: 'phrasing', points: 10 })) },
          ],
          version: before.body.version,
        },
      });
      assert.equal(res.status, 200, res.text);
      const body = res.body as unknown as {
        current_version: number;
        sections: { items: { id: number }[] }[];
      };
      return {
        version: body.current_version,
        itemIds: body.sections.flatMap((s) => s.items.map((i) => i.id)),
      };
    };
    // Not used yet: a refused evaluation reads the items but uses nothing, and the edit is in place.
    assert.equal((await post([itemA, 999999])).status, 400);
    const inPlace = await edit(['B', 'C']);
    assert.equal(inPlace.version, 1);
    assert.equal((await post([itemA])).status, 400, 'the replaced item is gone');
    const first = await post(inPlace.itemIds);
    assert.equal(first.status, 201, first.text);
    // Used now: its items are fixed (read once, then known), and an edit makes version 2.
    assert.equal((await post(inPlace.itemIds)).status, 201);
    assert.equal((await post([...inPlace.itemIds, itemA])).status, 400);
    const v2 = await edit(['D']);
    assert.equal(v2.version, 2);
    const onV2 = await post(v2.itemIds);
    assert.equal(onV2.status, 201, onV2.text);
    assert.equal(onV2.body.form_version, 2);
    assert.equal((await post(inPlace.itemIds)).status, 400, 'version 1 is no longer current');
  });

  it('writes every step to the audit trail', async () => {
    const e = await submitted();
    const rows = await queryRows<{ action: string; after: Record<string, unknown> }>(
      server.database.db,
      sql`select action, after from audit_log where entity_type = 'evaluation' and entity_id = ${String(e.id)} order by id`,
    );
    assert.deepEqual(
      rows.map((r) => r.action),
      ['evaluation.create', 'evaluation.submit'],
    );
    // What was submitted, every answer with its comment (by result and item id), and the score.
    const [first, second, third] = form.itemIds as [number, number, number];
    const created = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        interaction_id: (await buildInteraction(server.database.db, { agentId: agent.id })).id,
        form_id: form.id,
        method: 'recording_review',
        answers: [
          { item_id: first, result: 'na', comment: '' },
          { item_id: second, result: 'pass' },
          { item_id: third, result: 'fail', comment: '答非所问' },
        ],
        positives: '语气亲切',
        submit: true,
      },
    });
    assert.equal(created.status, 201, created.text);
    const [entry] = await queryRows<{ after: Record<string, unknown> }>(
      server.database.db,
      sql`select after from audit_log where entity_type = 'evaluation' and entity_id = ${String(created.body.id)}
          and action = 'evaluation.create'`,
    );
    assert.deepEqual(entry?.after, {
      interaction_id: created.body.interaction_id,
      form_id: form.id,
      method: 'recording_review',
      answers: { pass: [second], fail: [third], na: [first], comments: { [first]: '', [third]: '答非所问' } },
      positives: '语气亲切',
      submit: true,
      score: 66.7,
      fatal: false,
      passed: false,
    });
  });

  /** A draft of a fresh contact of `agent` by `inspector` (one item answered). */
  async function draftOf(
    inspectorId: number,
    interactionId?: number,
  ): Promise<Detail & { interaction_id: number }> {
    const contact = interactionId ?? (await buildInteraction(server.database.db, { agentId: agent.id })).id;
    const res = await server.request('POST', '/api/v1/evaluations', {
      as: inspectorId,
      body: {
        interaction_id: contact,
        form_id: form.id,
        method: 'recording_review',
        answers: answers(['pass']).slice(0, 1),
        submit: false,
      },
    });
    assert.equal(res.status, 201, res.text);
    return res.body as unknown as Detail & { interaction_id: number };
  }

  it('refuses a second draft of the same contact by the same inspector (409 naming it); others may evaluate it', async () => {
    const first = await draftOf(qa.id);
    const contact = first.interaction_id;
    for (const submit of [false, true]) {
      const again = await server.request('POST', '/api/v1/evaluations', {
        as: qa.id,
        body: { interaction_id: contact, form_id: form.id, method: 'on_site', answers: answers([]), submit },
      });
      assert.equal(again.status, 409, again.text);
      const error = again.body.error as { code: string; message: string; details: { draft_id: number } };
      assert.equal(error.code, 'duplicate');
      assert.equal(error.details.draft_id, first.id);
      assert.match(error.message, new RegExp(`evaluation ${first.id}`));
    }
    const [count] = await queryRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from evaluations where interaction_id = ${contact}`,
    );
    assert.equal(count?.n, 1, 'nothing written by the refused creates');
    // Another inspector may score the same contact (draft or submitted), and a submitted evaluation
    // does not count as a draft: once the first is submitted, its inspector may start another.
    await draftOf(otherQa.id, contact);
    const byLead = await server.request('POST', '/api/v1/evaluations', {
      as: lead.id,
      body: {
        interaction_id: contact,
        form_id: form.id,
        method: 'recording_review',
        answers: answers([]),
        submit: true,
      },
    });
    assert.equal(byLead.status, 201, byLead.text);
    const submit = await server.request('PATCH', `/api/v1/evaluations/${first.id}`, {
      as: qa.id,
      body: { version: first.version, answers: answers([]), submit: true },
    });
    assert.equal(submit.status, 200, submit.text);
    await draftOf(qa.id, contact);
  });

  it('discards a draft: own inspector only, drafts only, with the version read; answers and comments go, audited', async () => {
    const d = await draftOf(qa.id);
    const saved = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: {
        version: d.version,
        answers: answers(['pass', 'fail']).slice(0, 2),
        marks: [{ at_s: 3, text: 'here' }],
        positives: '热情',
        submit: false,
      },
    });
    assert.equal(saved.status, 200, saved.text);
    const version = saved.body.version as number;
    const discard = (as: number, v: number | string = version, id = d.id) =>
      server.request('DELETE', `/api/v1/evaluations/${id}?version=${v}`, { as });
    // Another inspector does not see it (404); the QA lead sees it but it is not theirs (403);
    // a CSR is refused at the gate (403); a stale version gets 409; a missing one 400.
    assert.equal((await discard(otherQa.id)).status, 404);
    assert.equal((await discard(lead.id)).status, 403);
    assert.equal((await discard(agent.id)).status, 403);
    const stale = await discard(qa.id, d.version);
    assert.equal(stale.status, 409);
    assert.equal((stale.body.error as { code: string }).code, 'stale_write');
    const noVersion = await server.request('DELETE', `/api/v1/evaluations/${d.id}`, { as: qa.id });
    assert.equal(noVersion.status, 400);
    const ok = await discard(qa.id);
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await server.request('GET', `/api/v1/evaluations/${d.id}`, { as: qa.id })).status, 404);
    assert.equal((await discard(qa.id)).status, 404, 'gone');
    const db = server.database.db;
    const [left] = await queryRows<{ answers: number; marks: number }>(
      db,
      sql`select (select count(*)::int from evaluation_answers where evaluation_id = ${d.id}) as answers,
                 (select count(*)::int from evaluation_marks where evaluation_id = ${d.id}) as marks`,
    );
    assert.deepEqual(left, { answers: 0, marks: 0 });
    const audits = await queryRows<{ action: string; actor_id: number; before: Record<string, unknown> }>(
      db,
      sql`select action, actor_id, before from audit_log where entity_type = 'evaluation' and entity_id = ${String(d.id)} order by id`,
    );
    const last = audits.at(-1);
    assert.equal(last?.action, 'evaluation.discard');
    assert.equal(last?.actor_id, qa.id);
    assert.equal(last?.before.interaction_id, d.interaction_id);
    assert.deepEqual(last?.before.answers, { pass: [form.itemIds[0]], fail: [form.itemIds[1]], na: [] });
    assert.equal(last?.before.marks, 1);
    // Discarded, the contact can be started afresh.
    await draftOf(qa.id, d.interaction_id);
    // A submitted evaluation is not discarded (409), and stays.
    const e = await submitted(['pass', 'pass', 'pass']);
    const refused = await discard(qa.id, e.version, e.id);
    assert.equal(refused.status, 409);
    assert.equal((refused.body.error as { code: string }).code, 'conflict');
    assert.equal((await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: qa.id })).status, 200);
  });

  it("changes a draft's method and phase; recording review needs a contact, and only a test call keeps a scenario", async () => {
    const d = await draftOf(qa.id);
    const changed = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: {
        version: d.version,
        method: 'side_by_side',
        phase: 'during',
        answers: answers([]),
        submit: false,
      },
    });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.method, 'side_by_side');
    assert.equal(changed.body.phase, 'during');
    // To a test call: submitting still needs the scenario (400), which a draft may wait for.
    const toTestCall = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: {
        version: changed.body.version as number,
        method: 'test_call',
        answers: answers([]),
        submit: true,
      },
    });
    assert.equal(toTestCall.status, 400, toTestCall.text);
    const [scenario] = await queryRows<{ id: number }>(
      server.database.db,
      sql`insert into test_call_scenarios (title, caller_script, expected_answer) values ('s', 'q', 'a') returning id`,
    );
    const withScenario = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: {
        version: changed.body.version as number,
        method: 'test_call',
        test_call_scenario_id: scenario?.id,
        answers: answers([]),
        submit: false,
      },
    });
    assert.equal(withScenario.status, 200, withScenario.text);
    assert.equal(withScenario.body.test_call_scenario_id, scenario?.id);
    // Back to recording review: the scenario goes with the test call.
    const back = await server.request('PATCH', `/api/v1/evaluations/${d.id}`, {
      as: qa.id,
      body: {
        version: withScenario.body.version as number,
        method: 'recording_review',
        answers: answers([]),
        submit: false,
      },
    });
    assert.equal(back.status, 200, back.text);
    assert.equal(back.body.method, 'recording_review');
    assert.equal(back.body.test_call_scenario_id, null);
    // An evaluation without a contact cannot become a recording review.
    const onSite = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: { agent_id: agent.id, form_id: form.id, method: 'on_site', answers: answers([]), submit: false },
    });
    assert.equal(onSite.status, 201, onSite.text);
    const refused = await server.request('PATCH', `/api/v1/evaluations/${onSite.body.id as number}`, {
      as: qa.id,
      body: {
        version: onSite.body.version as number,
        method: 'recording_review',
        answers: answers([]),
        submit: false,
      },
    });
    assert.equal(refused.status, 400, refused.text);
    // A submitted evaluation's method does not change (409, as any edit).
    const e = await submitted(['pass', 'pass', 'pass']);
    const late = await server.request('PATCH', `/api/v1/evaluations/${e.id}`, {
      as: qa.id,
      body: {
        version: e.version,
        method: 'on_site',
        answers: answers(['pass', 'pass', 'pass']),
        submit: false,
      },
    });
    assert.equal(late.status, 409);
  });

  it('takes the confirmation window from the policy settings', async () => {
    const settings = await server.request('GET', '/api/v1/settings', { as: agent.id });
    assert.equal(settings.body.confirmation_window_days, 3);
    const denied = await server.request('PATCH', '/api/v1/settings', {
      as: qa.id,
      body: { confirmation_window_days: 5, version: settings.body.version },
    });
    assert.equal(denied.status, 403);
    const changed = await server.request('PATCH', '/api/v1/settings', {
      as: lead.id,
      body: { confirmation_window_days: 5, version: settings.body.version },
    });
    assert.equal(changed.status, 200, changed.text);
    const stale = await server.request('PATCH', '/api/v1/settings', {
      as: lead.id,
      body: { confirmation_window_days: 7, version: settings.body.version },
    });
    assert.equal(stale.status, 409);
    const e = await submitted(['pass', 'pass', 'pass']);
    const [row] = await queryRows<{ days: number }>(
      server.database.db,
      sql`select round(extract(epoch from (ack_due_at - submitted_at)) / 86400)::int as days from evaluations where id = ${e.id}`,
    );
    assert.equal(row?.days, 5);
  });
});
