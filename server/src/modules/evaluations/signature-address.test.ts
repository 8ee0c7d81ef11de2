import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { findActorById } from '../auth/actor.repo.ts';
import { confirmationDocumentOf } from './confirmation-form.ts';
import { buildForm, buildInteraction, buildTeamWithMembers, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type Signed = { ip: string | null } | null;
type Detail = { id: number; acknowledgement: Signed; countersignature: Signed };

/**
 * "Who, when, from where" of the CSR's e-signature and the team leader's countersign: the address
 * as people know it (an IPv4 client of Node's dual-stack socket is not `::ffff:1.2.3.4`), on the
 * detail, the confirmation form (PDF and XLSX) and the audit trail.
 */
describe('signature addresses', () => {
  let server: TestServer;
  /** Behind a reverse proxy, so the test chooses the caller's address (X-Forwarded-For). */
  let proxied: TestServer;
  let ids: { qa: number; agent: number; leader: number; form: number; items: number[] };

  before(async () => {
    server = await getTestServer();
    proxied = await getTestServer({ database: server.database, env: { trustProxy: true } });
    const db = server.database.db;
    const team = await buildTeamWithMembers(db, 1);
    const qa = await buildUser(db, { roles: ['qa'] });
    // E-signatures are the signer's own name.
    await db.execute(sql`update users set display_name = '李四' where id = ${team.agents[0]?.id ?? 0}`);
    await db.execute(sql`update users set display_name = '王班长' where id = ${team.leader.id}`);
    const form = await buildForm(db, {
      sections: [[{ text: 'Greeting', category: 'phrasing', points: 10 }]],
    });
    ids = {
      qa: qa.id,
      agent: team.agents[0]?.id ?? 0,
      leader: team.leader.id,
      form: form.id,
      items: form.itemIds,
    };
  });
  after(() => server.close());

  async function submitted(): Promise<number> {
    const interaction = await buildInteraction(server.database.db, { agentId: ids.agent });
    const res = await server.request('POST', '/api/v1/evaluations', {
      as: ids.qa,
      body: {
        interaction_id: interaction.id,
        form_id: ids.form,
        method: 'recording_review',
        answers: ids.items.map((item_id) => ({ item_id, result: 'pass' })),
        submit: true,
      },
    });
    assert.equal(res.status, 201, res.text);
    return (res.body as unknown as Detail).id;
  }

  async function formTexts(id: number): Promise<{ pdf: string; xlsx: string }> {
    const actor = await findActorById(server.database.db, ids.agent);
    assert.ok(actor);
    const doc = await confirmationDocumentOf(server.database.db, actor, id, 'en', 'Asia/Shanghai');
    const res = await server.app.request(`/api/v1/evaluations/${id}/confirmation.xlsx?lang=en`, {
      headers: { cookie: await server.sessionCookie(ids.agent) },
    });
    assert.equal(res.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const cells: string[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
    return { pdf: JSON.stringify(doc.content), xlsx: cells.join('|') };
  }

  it('records an IPv4-mapped caller as IPv4 and a real IPv6 caller as IPv6, everywhere', async () => {
    const id = await submitted();
    const ack = await proxied.request('POST', `/api/v1/evaluations/${id}/acknowledge`, {
      as: ids.agent,
      body: { signature: '李四' },
      headers: { 'x-forwarded-for': '::ffff:203.0.113.9, 10.0.0.1' },
    });
    assert.equal(ack.status, 200, ack.text);
    const cs = await proxied.request('POST', `/api/v1/evaluations/${id}/countersign`, {
      as: ids.leader,
      body: { signature: '王班长' },
      headers: { 'x-forwarded-for': '[2001:DB8::7]:443' },
    });
    assert.equal(cs.status, 200, cs.text);
    const detail = (await server.request('GET', `/api/v1/evaluations/${id}`, { as: ids.agent }))
      .body as unknown as Detail;
    assert.equal(detail.acknowledgement?.ip, '203.0.113.9');
    assert.equal(detail.countersignature?.ip, '2001:db8::7');
    const [stored] = await queryRows<{ ack_ip: string | null; countersign_ip: string | null }>(
      server.database.db,
      sql`select ack_ip, countersign_ip from evaluations where id = ${id}`,
    );
    assert.deepEqual(stored, { ack_ip: '203.0.113.9', countersign_ip: '2001:db8::7' });
    const audit = await queryRows<{ ip: string | null }>(
      server.database.db,
      sql`select ip from audit_log where entity_type = 'evaluation' and entity_id = ${String(id)}
          and action in ('evaluation.acknowledge', 'evaluation.countersign') order by id`,
    );
    assert.deepEqual(
      audit.map((r) => r.ip),
      ['203.0.113.9', '2001:db8::7'],
    );
    const { pdf, xlsx } = await formTexts(id);
    for (const text of [pdf, xlsx]) {
      assert.match(text, /203\.0\.113\.9/);
      assert.match(text, /2001:db8::7/);
      assert.doesNotMatch(text, /::ffff/i);
    }
  });

  it('shows a signature stored with a mapped address normalized', async () => {
    const id = await submitted();
    assert.equal(
      (
        await server.request('POST', `/api/v1/evaluations/${id}/acknowledge`, {
          as: ids.agent,
          body: { signature: '李四' },
        })
      ).status,
      200,
    );
    await server.database.db.execute(
      sql`update evaluations set ack_ip = '::ffff:198.51.100.4' where id = ${id}`,
    );
    const detail = (await server.request('GET', `/api/v1/evaluations/${id}`, { as: ids.agent }))
      .body as unknown as Detail;
    assert.equal(detail.acknowledgement?.ip, '198.51.100.4');
    const { pdf, xlsx } = await formTexts(id);
    assert.match(pdf, /198\.51\.100\.4/);
    assert.match(xlsx, /198\.51\.100\.4/);
    assert.doesNotMatch(pdf + xlsx, /::ffff/i);
  });
});
