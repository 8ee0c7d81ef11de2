/**
 * The confirmation form (服务质量考核确认单, 5.5) as the CSR and the team leader download it: fatal
 * items, a test call's scenario and a dispute, read back from the PDF's text (pdftotext) and the
 * XLSX cells, in Chinese and English.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { formatLocalDateTime } from '../../../../shared/time.ts';
import { queryRows } from '../../db/client.ts';
import { findActorById } from '../auth/actor.repo.ts';
import type { Content } from 'pdfmake/interfaces';
import { renderPdf } from '../../documents/pdf.ts';
import { confirmationDocumentOf } from './confirmation-form.ts';
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
  version: number;
  disputes: { id: number; leader_decided_at: string | null; reviewed_at: string | null }[];
  test_call_scenario: { id: number; title: string; caller_script: string; expected_answer: string } | null;
};

const RED = 'FFA8071A';
const TZ = 'Asia/Shanghai';

describe('the confirmation form', () => {
  let server: TestServer;
  let qa: BuiltUser;
  let lead: BuiltUser;
  let leader: BuiltUser;
  let agent: BuiltUser;
  let form: { id: number; itemIds: number[] };
  let scenarioId: number;

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    const team = await buildTeamWithMembers(db, 1);
    leader = team.leader;
    agent = team.agents[0] as BuiltUser;
    qa = await buildUser(db, { roles: ['qa'] });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    await db.execute(sql`update users set display_name = '王丹' where id = ${agent.id}`);
    await db.execute(sql`update users set display_name = '陈班长' where id = ${leader.id}`);
    await db.execute(sql`update users set display_name = '朱组长' where id = ${lead.id}`);
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
    const scenario = await server.request('POST', '/api/v1/test-call-scenarios', {
      as: lead.id,
      body: {
        title: '询问 300M 宽带资费',
        caller_script: '300M 宽带每月多少钱？',
        expected_answer: '每月 199 元，合约 12 个月。',
      },
    });
    assert.equal(scenario.status, 201, scenario.text);
    scenarioId = scenario.body.id as number;
  });
  after(() => server.close());

  const answers = (results: string[]) =>
    form.itemIds.map((item_id, i) => ({ item_id, result: results[i] ?? 'pass' }));

  async function submitted(results: string[], extra: Record<string, unknown> = {}): Promise<Detail> {
    const interaction = await buildInteraction(server.database.db, {
      agentId: agent.id,
      startedAt: '2026-11-01T23:30:00Z',
    });
    const res = await server.request('POST', '/api/v1/evaluations', {
      as: qa.id,
      body: {
        interaction_id: interaction.id,
        form_id: form.id,
        method: 'recording_review',
        answers: answers(results),
        submit: true,
        ...extra,
      },
    });
    assert.equal(res.status, 201, res.text);
    return res.body as unknown as Detail;
  }

  async function download(id: number, ext: 'pdf' | 'xlsx', lang: 'zh' | 'en', as = agent.id) {
    const res = await server.app.request(`/api/v1/evaluations/${id}/confirmation.${ext}?lang=${lang}`, {
      headers: { cookie: await server.sessionCookie(as) },
    });
    assert.equal(res.status, 200);
    return Buffer.from(await res.arrayBuffer());
  }

  /** The PDF's text as a reader sees it, with whitespace (and so line breaks) removed. */
  async function pdfText(id: number, lang: 'zh' | 'en', as = agent.id): Promise<string> {
    const pdf = await download(id, 'pdf', lang, as);
    return execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString().replace(/\s+/g, '');
  }

  async function sheet(id: number, lang: 'zh' | 'en', as = agent.id): Promise<ExcelJS.Worksheet> {
    const wb = new ExcelJS.Workbook();
    const file = await download(id, 'xlsx', lang, as);
    await wb.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
    const ws = wb.worksheets[0];
    assert.ok(ws);
    return ws;
  }

  const cellsOf = (ws: ExcelJS.Worksheet) => {
    const out: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => out.push(cell.text)));
    return out.join('|');
  };

  const cellWith = (ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell => {
    let found: ExcelJS.Cell | undefined;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.text.includes(text)) found ??= cell;
      }),
    );
    assert.ok(found, `a cell with ${text}`);
    return found;
  };

  it('labels a passed fatal item as a fatal item; only a failed one is a fatal error, in red', async () => {
    const passed = await submitted(['pass', 'pass', 'pass']);
    const zh = await pdfText(passed.id, 'zh');
    assert.ok(zh.includes('Nocustomerdataleaked[致命项]'), zh);
    assert.ok(!zh.includes('[致命错误]'), `a passed fatal item is no fatal error: ${zh}`);
    const en = await pdfText(passed.id, 'en');
    assert.ok(en.includes('Nocustomerdataleaked[Fatalitem]'), en);
    assert.ok(!en.includes('[Fatalerror]'), en);
    const okSheet = await sheet(passed.id, 'en');
    const okItem = cellWith(okSheet, 'No customer data leaked');
    assert.equal(okItem.text, 'No customer data leaked  [Fatal item]');
    assert.notEqual(okItem.font?.color?.argb, RED, 'not red when it passed');
    const actor = await findActorById(server.database.db, agent.id);
    assert.ok(actor);
    const okDoc = JSON.stringify(
      (await confirmationDocumentOf(server.database.db, actor, passed.id, 'zh', TZ)).content,
    );
    assert.match(
      okDoc,
      /"text":"No customer data leaked {2}\[致命项\]"}/,
      'no colour on a passed fatal item',
    );

    const failed = await submitted(['pass', 'fail', 'pass']);
    const zhFailed = await pdfText(failed.id, 'zh');
    assert.ok(zhFailed.includes('Nocustomerdataleaked[致命错误]'), zhFailed);
    assert.ok(!zhFailed.includes('[致命项]'), zhFailed);
    const failedSheet = await sheet(failed.id, 'zh');
    const failedItem = cellWith(failedSheet, 'No customer data leaked');
    assert.equal(failedItem.text, 'No customer data leaked  [致命错误]');
    assert.equal(failedItem.font?.color?.argb, RED);
    const failedDoc = JSON.stringify(
      (await confirmationDocumentOf(server.database.db, actor, failed.id, 'en', TZ)).content,
    );
    assert.match(failedDoc, /"text":"No customer data leaked {2}\[Fatal error\]","color":"#a8071a"/);
  });

  it('shows a test call with its scenario: caller script and expected answer', async () => {
    const e = await submitted(['pass', 'pass', 'fail'], {
      method: 'test_call',
      phase: 'before',
      test_call_scenario_id: scenarioId,
    });
    assert.deepEqual(e.test_call_scenario, {
      id: scenarioId,
      title: '询问 300M 宽带资费',
      caller_script: '300M 宽带每月多少钱？',
      expected_answer: '每月 199 元，合约 12 个月。',
    });
    // Everyone who reads it sees what the CSR was scored against.
    for (const who of [agent, leader, lead]) {
      const read = await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: who.id });
      assert.equal(read.status, 200);
      assert.deepEqual((read.body as unknown as Detail).test_call_scenario, e.test_call_scenario);
    }
    const zh = await pdfText(e.id, 'zh');
    for (const text of [
      '拨测场景',
      '来电者话术',
      '300M宽带每月多少钱？',
      '正确答案',
      '每月199元，合约12个月。',
    ])
      assert.ok(zh.includes(text), `${text} in ${zh}`);
    const en = await pdfText(e.id, 'en', leader.id);
    for (const text of ['Test-callscenario', 'Callerscript', 'Expectedanswer', '询问300M宽带资费'])
      assert.ok(en.includes(text), `${text} in ${en}`);
    const cells = cellsOf(await sheet(e.id, 'zh'));
    assert.match(
      cells,
      /拨测场景\|场景\|询问 300M 宽带资费\|来电者话术\|300M 宽带每月多少钱？\|正确答案\|每月 199 元/,
    );

    // Another method has none, and says nothing of one.
    const review = await submitted(['pass', 'pass', 'pass']);
    assert.equal(review.test_call_scenario, null);
    assert.ok(!(await pdfText(review.id, 'zh')).includes('拨测场景'));
    assert.ok(!cellsOf(await sheet(review.id, 'en')).includes('Test-call scenario'));
  });

  it('tells the dispute: upheld by the team leader (no QA review), or forwarded and corrected', async () => {
    const e = await submitted(['pass', 'fail', 'pass']);
    const raised = await server.request('POST', `/api/v1/evaluations/${e.id}/disputes`, {
      as: agent.id,
      body: { reason: '只核对了后四位', item_ids: [form.itemIds[1]] },
    });
    assert.equal(raised.status, 201, raised.text);
    const disputeId = raised.body.id as number;
    const upheld = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
      as: leader.id,
      body: { uphold: true, note: '评价成立' },
    });
    assert.equal(upheld.status, 200, upheld.text);
    const read = (await server.request('GET', `/api/v1/evaluations/${e.id}`, { as: agent.id }))
      .body as unknown as Detail;
    const ack = await server.request('POST', `/api/v1/evaluations/${e.id}/acknowledge`, {
      as: agent.id,
      body: { signature: '王丹', version: read.version },
    });
    assert.equal(ack.status, 200, ack.text);
    const [d] = read.disputes;
    assert.ok(d?.leader_decided_at);
    const [raisedAt] = await queryRows<{ created_at: Date }>(
      server.database.db,
      sql`select created_at from disputes where id = ${disputeId}`,
    );
    assert.ok(raisedAt);
    const local = (iso: string | Date) => formatLocalDateTime(new Date(iso), TZ).replace(/\s+/g, '');

    const zh = await pdfText(e.id, 'zh');
    for (const text of [
      `申诉#${disputeId}`,
      `提出:王丹${local(raisedAt.created_at)}`,
      '理由:只核对了后四位',
      '涉及项目:Nocustomerdataleaked',
      `业务班长判断:维持原评,陈班长${local(d.leader_decided_at)}—评价成立`,
      '质量监控班长复核:未经复核（班长维持原评后结束）',
      '结果:维持原评',
    ])
      assert.ok(zh.includes(text), `${text} in ${zh}`);
    const enCells = cellsOf(await sheet(e.id, 'en'));
    assert.match(
      enCells,
      new RegExp(
        `Dispute #${disputeId}\\|Raised: 王丹 [^|]*Reason: 只核对了后四位\\nItems: No customer data leaked\\n` +
          `Team leader: Stands, 陈班长 [^|]* — 评价成立\\nQA lead review: Not needed: the team leader's decision closed it\\n` +
          'Outcome: Upheld',
      ),
    );
    assert.ok(!enCells.includes('Inspector erred'));

    // Forwarded, then corrected by the QA lead, who finds the inspector erred.
    const f = await submitted(['pass', 'fail', 'pass']);
    const second = await server.request('POST', `/api/v1/evaluations/${f.id}/disputes`, {
      as: agent.id,
      body: { reason: 'not a leak' },
    });
    const secondId = second.body.id as number;
    const forwarded = await server.request('POST', `/api/v1/disputes/${secondId}/decision`, {
      as: leader.id,
      body: { uphold: false },
    });
    assert.equal(forwarded.status, 200, forwarded.text);
    const inReview = await pdfText(f.id, 'en');
    assert.ok(inReview.includes('QAleadreview:Waiting'), inReview);
    assert.ok(inReview.includes('Outcome:InQAreview'), inReview);
    const corrected = await server.request('POST', `/api/v1/disputes/${secondId}/decision`, {
      as: lead.id,
      body: { uphold: false, note: '核对后四位不算泄露', corrected_answers: answers([]) },
    });
    assert.equal(corrected.status, 200, corrected.text);
    const reviewedAt = corrected.body.reviewed_at as string;
    const en = await pdfText(f.id, 'en');
    for (const text of [
      `Dispute#${secondId}`,
      'Teamleader:Forwardedtoreview,陈班长',
      `QAleadreview:Corrected,朱组长${local(reviewedAt)}—核对后四位不算泄露;Inspectorerred:Yes`,
      'Outcome:Corrected',
    ])
      assert.ok(en.includes(text), `${text} in ${en}`);

    // An evaluation never disputed says nothing of disputes.
    const quiet = await submitted(['pass', 'pass', 'pass']);
    assert.ok(!(await pdfText(quiet.id, 'en')).includes('Dispute#'));
    assert.ok(!cellsOf(await sheet(quiet.id, 'zh')).includes('申诉 #'));
  });

  it('keeps the signatures on the page of the score, however long what comes before', async () => {
    const e = await submitted(['pass', 'fail', 'pass']);
    const actor = await findActorById(server.database.db, agent.id);
    assert.ok(actor);
    for (const [lang, score, signature] of [
      ['zh', '得分', '客服代表签字'],
      ['en', 'Score', 'CSR signature'],
    ] as const) {
      const doc = await confirmationDocumentOf(server.database.db, actor, e.id, lang, TZ);
      const content = doc.content as Content[];
      // Longer forms, simulated by space above the title: wherever the page break falls, the
      // signature block is never alone on a page without the score summary.
      const seen = new Set<number>();
      for (let pad = 0; pad <= 560; pad += 40) {
        // pdfmake marks the nodes it laid out: each rendering gets its own copy.
        const padded: Content[] = [{ text: ' ', margin: [0, pad, 0, 0] }, ...structuredClone(content)];
        const pdf = await renderPdf({ ...doc, content: padded });
        const pages = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString().split('\f');
        const withSignature = pages.filter((p) => p.includes(signature));
        assert.equal(withSignature.length, 1, `${lang} +${pad}pt`);
        assert.ok(withSignature[0]?.includes(score), `${lang} +${pad}pt: signatures without the score`);
        seen.add(pages.filter((p) => p.trim()).length);
      }
      assert.deepEqual([...seen].sort(), [1, 2], `${lang}: the sweep crossed a page break`);
    }
  });

  it('names the XLSX sheet shortly in both languages (Excel allows 31 characters)', async () => {
    const e = await submitted(['pass', 'pass', 'pass']);
    assert.equal((await sheet(e.id, 'en')).name, 'Confirmation');
    assert.equal((await sheet(e.id, 'zh')).name, '确认单');
  });
});
