/**
 * An e-signature (5.5) is the signer's own name: the CSR's acknowledgement and the team leader's
 * countersignature refuse another name (400 on `signature`, nothing stored).
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
  acknowledgement: { signature: string | null } | null;
  countersignature: { signature: string | null } | null;
};

describe('e-signatures', () => {
  let server: TestServer;
  let qa: BuiltUser;
  let leader: BuiltUser;
  let agent: BuiltUser;
  let dotted: BuiltUser;
  let form: { id: number; itemIds: number[] };

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    const team = await buildTeamWithMembers(db, 2);
    leader = team.leader;
    agent = team.agents[0] as BuiltUser;
    dotted = team.agents[1] as BuiltUser;
    qa = await buildUser(db, { roles: ['qa'] });
    await db.execute(sql`update users set display_name = '王丹' where id = ${agent.id}`);
    await db.execute(sql`update users set display_name = 'Chen Fanyan' where id = ${leader.id}`);
    // A transcribed name stored with the standard middle dot (U+00B7).
    await db.execute(sql`update users set display_name = '阿依古丽·买买提' where id = ${dotted.id}`);
    form = await buildForm(db);
  });
  after(() => server.close());

  const submitted = async (agentId: number) => {
    const created = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        agent_id: agentId,
        form_id: form.id,
        method: 'on_site',
        answers: form.itemIds.map((item_id) => ({ item_id, result: 'pass' })),
        submit: true,
      },
    });
    assert.equal(created.status, 201, created.text);
    return created.body as unknown as Detail;
  };

  const auditCount = async (id: number) =>
    (
      await queryRows<{ n: number }>(
        server.database.db,
        sql`select count(*)::int as n from audit_log where entity_type = 'evaluation' and entity_id = ${String(id)}`,
      )
    )[0]?.n;

  it("refuses a name that is not the signer's own, for the CSR and the team leader", async () => {
    const { id } = await submitted(agent.id);
    const audits = await auditCount(id);

    const forged = await server.request('POST', `/api/v1/evaluations/${id}/acknowledge`, {
      as: agent.id,
      body: { signature: '张三' },
    });
    assert.equal(forged.status, 400, forged.text);
    assert.equal(forged.body.error?.code, 'validation_failed');
    assert.match(forged.body.error?.message, /signature: must be your own name as registered \(王丹\)/);
    assert.deepEqual(
      (forged.body.error?.details as { path: string[] }[]).map((d) => d.path),
      [['signature']],
    );
    const unchanged = (await server.request('GET', `/api/v1/evaluations/${id}`, { as: agent.id }))
      .body as unknown as Detail;
    assert.equal(unchanged.status, 'submitted', 'nothing stored');
    assert.equal(unchanged.acknowledgement, null);
    assert.equal(await auditCount(id), audits, 'nothing audited');

    // Their own name with spaces around it (trimmed), or in another case and spacing (stored as typed).
    const signed = await server.request('POST', `/api/v1/evaluations/${id}/acknowledge`, {
      as: agent.id,
      body: { signature: ' 王丹 ' },
    });
    assert.equal(signed.status, 200, signed.text);
    assert.equal((signed.body as unknown as Detail).acknowledgement?.signature, '王丹');

    const wrongLeader = await server.request('POST', `/api/v1/evaluations/${id}/countersign`, {
      as: leader.id,
      body: { signature: '王丹' },
    });
    assert.equal(wrongLeader.status, 400, wrongLeader.text);
    assert.match(wrongLeader.body.error?.message as string, /\(Chen Fanyan\)/);
    const cosigned = await server.request('POST', `/api/v1/evaluations/${id}/countersign`, {
      as: leader.id,
      body: { signature: 'chen  fanyan' },
    });
    assert.equal(cosigned.status, 200, cosigned.text);
    const done = cosigned.body as unknown as Detail;
    assert.equal(done.status, 'countersigned');
    assert.equal(done.countersignature?.signature, 'chen  fanyan');
  });

  it('takes a name typed with another middle dot than the stored one (the input method decides which)', async () => {
    const { id } = await submitted(dotted.id);
    // U+30FB, as a Japanese-style or full-width input method types it, with spaces around it.
    const signed = await server.request('POST', `/api/v1/evaluations/${id}/acknowledge`, {
      as: dotted.id,
      body: { signature: '阿依古丽 ・ 买买提' },
    });
    assert.equal(signed.status, 200, signed.text);
    assert.equal((signed.body as unknown as Detail).acknowledgement?.signature, '阿依古丽 ・ 买买提');
    const dropped = await submitted(dotted.id);
    const refused = await server.request('POST', `/api/v1/evaluations/${dropped.id}/acknowledge`, {
      as: dotted.id,
      body: { signature: '阿依古丽买买提' },
    });
    assert.equal(refused.status, 400, 'the dot itself is not left out');
  });
});
