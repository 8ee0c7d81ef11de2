/**
 * Dispute fairness and follow-through: a correction that changes nothing is refused (it would
 * count an overturn against the inspector), a QA lead does not review their own evaluation (4.2),
 * every dispute step tells the people involved, signing or disputing clears the CSR's messages
 * about the evaluation, and a late signature is shown as late.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  type BuiltUser,
  buildForm,
  buildInteraction,
  buildTeamWithMembers,
  buildUser,
} from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type Detail = {
  id: number;
  status: string;
  score: number;
  revision: number;
  acknowledged_late: boolean;
  ack_due_at: string | null;
  answers: { item_id: number; result: string; comment: string | null }[];
  marks: {
    id: number;
    at_s: number | null;
    turn_index: number | null;
    item_id: number | null;
    text: string;
  }[];
  disputes: { id: number; status: string; inspector_error: boolean | null }[];
  abilities: Record<string, boolean>;
};
type Message = { kind: string; entity_id: string; read_at: string | null; data: Record<string, unknown> };

describe('dispute fairness and notifications', () => {
  let server: TestServer;
  let qa: BuiltUser;
  let lead: BuiltUser;
  let otherLead: BuiltUser;
  let leader: BuiltUser;
  let agent: BuiltUser;
  let form: { id: number; itemIds: number[] };

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    const team = await buildTeamWithMembers(db, 1);
    leader = team.leader;
    agent = team.agents[0] as BuiltUser;
    qa = await buildUser(db, { roles: ['qa'] });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    otherLead = await buildUser(db, { roles: ['qa_lead'] });
    await db.execute(sql`update users set display_name = '李四' where id = ${agent.id}`);
    form = await buildForm(db, {
      passMark: 80,
      sections: [
        [
          { text: 'Greeting', category: 'phrasing', points: 10 },
          { text: 'Correct answer', category: 'knowledge', points: 10 },
        ],
      ],
    });
  });
  after(() => server.close());

  async function submitted(evaluator = qa.id): Promise<Detail> {
    const interaction = await buildInteraction(server.database.db, { agentId: agent.id });
    const res = await server.request('POST', '/api/v1/evaluations', {
      as: evaluator,
      body: {
        interaction_id: interaction.id,
        form_id: form.id,
        method: 'recording_review',
        answers: [
          { item_id: form.itemIds[0], result: 'pass', comment: '问候得体' },
          { item_id: form.itemIds[1], result: 'fail', comment: '答错了' },
        ],
        marks: [{ at_s: 12, text: '这里答错' }],
        positives: '语气亲切',
        submit: true,
      },
    });
    assert.equal(res.status, 201, res.text);
    return res.body as unknown as Detail;
  }

  async function raise(e: Detail): Promise<number> {
    const res = await server.request('POST', `/api/v1/evaluations/${e.id}/disputes`, {
      as: agent.id,
      body: { reason: '我答对了' },
    });
    assert.equal(res.status, 201, res.text);
    return res.body.id as number;
  }

  const decide = (as: number, disputeId: number, body: Record<string, unknown>) =>
    server.request('POST', `/api/v1/disputes/${disputeId}/decision`, { as, body });

  async function forwarded(e: Detail): Promise<number> {
    const id = await raise(e);
    const res = await decide(leader.id, id, { uphold: false });
    assert.equal(res.status, 200, res.text);
    return id;
  }

  const detail = async (id: number, as: number) =>
    (await server.request('GET', `/api/v1/evaluations/${id}`, { as })).body as unknown as Detail;

  /** The user's messages about one evaluation, oldest first. */
  async function messages(userId: number, evaluationId: number): Promise<Message[]> {
    const res = await server.request('GET', '/api/v1/notifications?limit=200', { as: userId });
    assert.equal(res.status, 200, res.text);
    return (res.body.items as Message[]).filter((m) => m.entity_id === String(evaluationId)).reverse();
  }
  const kinds = async (userId: number, evaluationId: number) =>
    (await messages(userId, evaluationId)).map(
      (m) => `${m.kind}:${typeof m.data.audience === 'string' ? m.data.audience : ''}`,
    );

  it('refuses a correction that changes nothing (400) and keeps the dispute open', async () => {
    const e = await submitted();
    const disputeId = await forwarded(e);
    const same = e.answers.map((a) => ({ item_id: a.item_id, result: a.result, comment: a.comment }));
    const unchanged = await decide(lead.id, disputeId, { uphold: false, corrected_answers: same });
    assert.equal(unchanged.status, 400, unchanged.text);
    assert.equal(unchanged.body.error?.code, 'validation_failed');
    assert.match(unchanged.body.error?.message, /changes nothing.*uphold/);
    // The same remarks and pinned comments sent back as they are change nothing either.
    const sameRemarks = await decide(lead.id, disputeId, {
      uphold: false,
      corrected_answers: same,
      corrected_positives: '语气亲切',
      corrected_negatives: null,
      corrected_marks: e.marks.map((m) => ({ id: m.id, at_s: m.at_s, text: m.text })),
      inspector_error: true,
    });
    assert.equal(sameRemarks.status, 400, sameRemarks.text);
    const still = await detail(e.id, lead.id);
    assert.equal(still.revision, 1, 'no new revision');
    assert.equal(still.disputes[0]?.status, 'qa_review');
    assert.deepEqual(
      (await messages(qa.id, e.id)).filter((m) => m.kind === 'dispute_corrected'),
      [],
      'nobody is told "87.5 → 87.5"',
    );
    // A changed comment alone is a correction (the score stays).
    const comment = await decide(lead.id, disputeId, {
      uphold: false,
      corrected_answers: same.map((a, i) => (i === 1 ? { ...a, comment: '答案不完整' } : a)),
      inspector_error: false,
    });
    assert.equal(comment.status, 200, comment.text);
    assert.equal(comment.body.status, 'corrected');
    assert.equal((await detail(e.id, lead.id)).revision, 2);
  });

  it('refuses (403) the review by the QA lead who scored the evaluation; another QA lead reviews', async () => {
    const e = await submitted(lead.id);
    const disputeId = await forwarded(e);
    const own = await detail(e.id, lead.id);
    assert.equal(own.abilities.review, false);
    assert.equal(own.abilities.review_own_evaluation, true, 'the page says why');
    const refused = await decide(lead.id, disputeId, { uphold: true });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.error?.code, 'forbidden');
    assert.match(refused.body.error?.message, /another QA lead must review/);
    const other = await detail(e.id, otherLead.id);
    assert.equal(other.abilities.review, true);
    assert.equal(other.abilities.review_own_evaluation, false);
    const upheld = await decide(otherLead.id, disputeId, { uphold: true });
    assert.equal(upheld.status, 200, upheld.text);
  });

  it('tells the people involved at every step', async () => {
    // Raised → the team leader and the inspector; forwarded → the QA leads, the CSR and the
    // inspector; the QA lead upholds → the CSR, the inspector and the team leader.
    const e = await submitted();
    const disputeId = await forwarded(e);
    assert.deepEqual(await kinds(leader.id, e.id), ['dispute_raised:']);
    assert.deepEqual(await kinds(qa.id, e.id), ['dispute_raised:inspector', 'dispute_forwarded:inspector']);
    assert.ok((await kinds(otherLead.id, e.id)).includes('dispute_forwarded:'));
    assert.deepEqual((await kinds(agent.id, e.id)).slice(1), ['dispute_forwarded:agent']);
    assert.equal((await decide(lead.id, disputeId, { uphold: true })).status, 200);
    assert.deepEqual((await kinds(agent.id, e.id)).slice(-1), ['dispute_upheld:']);
    assert.deepEqual((await kinds(qa.id, e.id)).slice(-1), ['dispute_upheld:inspector']);
    assert.deepEqual((await kinds(leader.id, e.id)).slice(-1), ['dispute_upheld:team_leader']);

    // The team leader upholds → the CSR and the inspector.
    const e2 = await submitted();
    const d2 = await raise(e2);
    assert.equal((await decide(leader.id, d2, { uphold: true })).status, 200);
    assert.deepEqual((await kinds(agent.id, e2.id)).slice(-1), ['dispute_upheld:']);
    assert.deepEqual(await kinds(qa.id, e2.id), ['dispute_raised:inspector', 'dispute_upheld:inspector']);

    // The QA lead corrects → the CSR, the inspector and the team leader.
    const e3 = await submitted();
    const d3 = await forwarded(e3);
    const corrected = await decide(lead.id, d3, {
      uphold: false,
      corrected_answers: e3.answers.map((a) => ({ item_id: a.item_id, result: 'pass' })),
      inspector_error: true,
    });
    assert.equal(corrected.status, 200, corrected.text);
    for (const who of [agent.id, qa.id, leader.id])
      assert.deepEqual((await kinds(who, e3.id)).slice(-1), ['dispute_corrected:'], String(who));
  });

  it("signing or disputing marks the CSR's messages about that evaluation read", async () => {
    const signed = await submitted();
    const other = await submitted();
    assert.ok((await messages(agent.id, signed.id)).some((m) => m.kind === 'evaluation_submitted'));
    const ack = await server.request('POST', `/api/v1/evaluations/${signed.id}/acknowledge`, {
      as: agent.id,
      body: { signature: '李四' },
    });
    assert.equal(ack.status, 200, ack.text);
    assert.deepEqual(
      (await messages(agent.id, signed.id)).filter((m) => m.read_at === null),
      [],
      'the signed evaluation no longer waits',
    );
    assert.ok(
      (await messages(agent.id, other.id)).some((m) => m.read_at === null),
      'messages about other evaluations stay unread',
    );
    await raise(other);
    assert.deepEqual(
      (await messages(agent.id, other.id)).filter((m) => m.read_at === null),
      [],
      'a disputed evaluation no longer waits for confirmation',
    );
    // The team leader's message about the signature is theirs to read.
    assert.ok((await messages(leader.id, signed.id)).some((m) => m.read_at === null));
  });

  it('marks a signature after the deadline as late', async () => {
    const onTime = await submitted();
    const late = await submitted();
    await server.database.db.execute(
      sql`update evaluations set ack_due_at = now() - interval '1 day' where id = ${late.id}`,
    );
    for (const e of [onTime, late]) {
      const ack = await server.request('POST', `/api/v1/evaluations/${e.id}/acknowledge`, {
        as: agent.id,
        body: { signature: '李四' },
      });
      assert.equal(ack.status, 200, ack.text);
    }
    assert.equal((await detail(onTime.id, agent.id)).acknowledged_late, false);
    const seen = await detail(late.id, agent.id);
    assert.equal(seen.acknowledged_late, true);
    assert.ok(seen.ack_due_at, 'with the deadline it missed');
    const list = await server.request('GET', `/api/v1/evaluations?agent_id=${agent.id}&limit=100`, {
      as: lead.id,
    });
    const byId = new Map(
      (list.body.items as { id: number; acknowledged_late: boolean }[]).map((i) => [i.id, i]),
    );
    assert.equal(byId.get(late.id)?.acknowledged_late, true);
    assert.equal(byId.get(onTime.id)?.acknowledged_late, false);
  });
});
