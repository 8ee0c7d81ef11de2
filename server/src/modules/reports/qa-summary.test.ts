/**
 * The QA team's monthly summary (4.9): per inspector, its accuracy figures equal those of
 * `GET /api/v1/reports/inspector-accuracy` for every inspector of a generated month (the same
 * query), and `format=xlsx|pdf` gives the summary as documents (numbers in the cells, the findings
 * and measures with who last edited them in center time, Chinese and English), authorized as the JSON.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { TQaSummary } from '../../../../shared/schemas/reports.ts';
import { formatLocalDateTime } from '../../../../shared/time.ts';
import {
  type BuiltUser,
  buildForm,
  buildInteraction,
  buildTeamWithMembers,
  buildUser,
} from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type Accuracy = {
  evaluator_id: number;
  evaluations: number;
  disputed: number;
  overturned: number;
  inspector_errors: number;
  error_rate: number;
};
/** How the dispute of a seeded evaluation ends (null: not disputed). */
type Ending = null | 'with_leader' | 'leader_upheld' | 'in_review' | 'corrected' | 'upheld_with_error';

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();

describe('QA monthly summary: accuracy and documents', () => {
  let server: TestServer;
  let qaA: BuiltUser;
  let qaB: BuiltUser;
  let qaIdle: BuiltUser;
  let lead: BuiltUser;
  let team: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let form: { id: number; itemIds: number[] };

  async function seed(inspector: BuiltUser, startedAt: string, ending: Ending, n = 0): Promise<void> {
    const agent = team.agents[n % team.agents.length] as BuiltUser;
    const interaction = await buildInteraction(server.database.db, { agentId: agent.id, startedAt });
    const created = await server.request('POST', '/api/v1/evaluations', {
      as: inspector.id,
      body: {
        interaction_id: interaction.id,
        form_id: form.id,
        method: 'recording_review',
        answers: form.itemIds.map((item_id) => ({ item_id, result: 'fail' })),
        submit: true,
      },
    });
    assert.equal(created.status, 201, created.text);
    if (ending === null) return;
    const raised = await server.request('POST', `/api/v1/evaluations/${created.body.id as number}/disputes`, {
      as: agent.id,
      body: { reason: '评分有误' },
    });
    assert.equal(raised.status, 201, raised.text);
    const decide = async (as: number, body: Record<string, unknown>) => {
      const res = await server.request('POST', `/api/v1/disputes/${raised.body.id as number}/decision`, {
        as,
        body,
      });
      assert.equal(res.status, 200, res.text);
    };
    if (ending === 'with_leader') return;
    if (ending === 'leader_upheld') return decide(team.leader.id, { uphold: true });
    await decide(team.leader.id, { uphold: false });
    const pass = form.itemIds.map((item_id) => ({ item_id, result: 'pass' }));
    if (ending === 'corrected') await decide(lead.id, { uphold: false, corrected_answers: pass });
    if (ending === 'upheld_with_error') await decide(lead.id, { uphold: true, inspector_error: true });
  }

  const get = async <T>(url: string, as = lead.id): Promise<T> => {
    const res = await server.request('GET', url, { as });
    assert.equal(res.status, 200, `${url}: ${res.text}`);
    return res.body as unknown as T;
  };

  async function download(url: string, as = lead.id) {
    const res = await server.app.request(url, { headers: { cookie: await server.sessionCookie(as) } });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      disposition: res.headers.get('content-disposition') ?? '',
      body: Buffer.from(await res.arrayBuffer()),
    };
  }

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    team = await buildTeamWithMembers(db, 3);
    qaA = await buildUser(db, { roles: ['qa'], displayName: '质检员甲' });
    qaB = await buildUser(db, { roles: ['qa'], displayName: '质检员乙' });
    qaIdle = await buildUser(db, { roles: ['qa'], displayName: '质检员丙' });
    lead = await buildUser(db, { roles: ['qa_lead'], displayName: '质检班长' });
    form = await buildForm(db);
    // November in Shanghai runs from 2026-10-31T16:00Z to 2026-11-30T16:00Z.
    const endings: Ending[] = ['corrected', 'upheld_with_error', 'leader_upheld', 'with_leader', null];
    for (let i = 0; i < 9; i++) {
      const ending = endings[i % endings.length] ?? null;
      await seed(qaA, `2026-11-${String(2 + i).padStart(2, '0')}T02:00:00Z`, ending, i);
    }
    await seed(qaA, '2026-10-31T16:30:00Z', 'in_review'); // 1 Nov 00:30 local
    await seed(qaA, '2026-10-31T15:30:00Z', 'corrected'); // 31 Oct local
    await seed(qaA, '2026-11-30T16:30:00Z', 'upheld_with_error'); // 1 Dec local
    await seed(qaB, '2026-11-12T02:00:00Z', 'corrected', 1);
    await seed(qaB, '2026-11-13T02:00:00Z', null, 2);
    await seed(qaB, '2026-11-30T15:59:00Z', 'upheld_with_error', 0); // 30 Nov 23:59 local
  });
  after(() => server.close());

  it('shows, for every inspector of a month, the inspector-accuracy report’s figures', async () => {
    for (const month of ['2026-10', '2026-11', '2026-12']) {
      const accuracy = (await get<{ items: Accuracy[] }>(`/api/v1/reports/inspector-accuracy?month=${month}`))
        .items;
      const summary = await get<TQaSummary>(`/api/v1/reports/qa-summary?month=${month}`);
      assert.ok(accuracy.length > 0, month);
      for (const acc of accuracy) {
        const row = summary.inspectors.find((i) => i.inspector_id === acc.evaluator_id);
        assert.ok(row, `${month}: inspector ${acc.evaluator_id} is in the summary`);
        assert.deepEqual(
          [row.evaluations, row.disputes, row.overturned, row.inspector_errors, row.error_rate],
          [acc.evaluations, acc.disputed, acc.overturned, acc.inspector_errors, acc.error_rate],
          `${month}: ${row.display_name}`,
        );
      }
      // Inspectors the accuracy report does not list made no evaluation that month.
      for (const row of summary.inspectors.filter(
        (i) => !accuracy.some((a) => a.evaluator_id === i.inspector_id),
      )) {
        assert.deepEqual(
          [row.evaluations, row.disputes, row.overturned, row.inspector_errors, row.error_rate],
          [0, 0, 0, 0, null],
          `${month}: ${row.display_name}`,
        );
      }
    }
    // The generated November by hand, so equal-but-wrong (both 0) cannot pass.
    const nov = await get<TQaSummary>('/api/v1/reports/qa-summary?month=2026-11');
    const figures = (u: BuiltUser) => {
      const r = nov.inspectors.find((i) => i.inspector_id === u.id);
      return r && [r.evaluations, r.disputes, r.overturned, r.inspector_errors, r.error_rate];
    };
    // qaA: 9 on 2–10 Nov (8 disputed, 2 corrected, 2 upheld as
    // inspector errors — a correction counts as an inspector error unless the lead says otherwise) and the one at 00:30 on 1 Nov in review.
    assert.deepEqual(figures(qaA), [10, 9, 2, 4, 0.4]);
    assert.deepEqual(figures(qaB), [3, 2, 1, 2, 2 / 3]);
    assert.deepEqual(figures(qaIdle), [0, 0, 0, 0, null]);
  });

  it('gives the summary as XLSX: the findings, who last edited them, and the inspectors as numbers', async () => {
    const body = {
      findings: '开场白不规范问题集中。\n第二行：夜班录音质量差',
      measures:
        '组织规范用语专项培训\n1. 下月对宽带一组加抽录音，每人每周不少于 5 次，重点核查开场白与身份核实环节的执行情况；' +
        '\n2. 每周三下午开展一次质检校准，统一致命项的判定口径。',
      version: 0,
    };
    const saved = await server.request('PUT', '/api/v1/reports/qa-summary/2026-11', { as: lead.id, body });
    assert.equal(saved.status, 200, saved.text);
    const json = await get<TQaSummary>('/api/v1/reports/qa-summary?month=2026-11');
    assert.ok(json.text.updated_at);
    const editedAt = formatLocalDateTime(new Date(json.text.updated_at), json.timezone);

    const file = await download('/api/v1/reports/qa-summary?month=2026-11&format=xlsx');
    assert.equal(file.status, 200);
    assert.equal(file.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(file.disposition, /^attachment; filename="qa-summary-2026-11.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['总结与措施', '质检员工作量与准确率'],
    );
    const text = wb.getWorksheet('总结与措施');
    const pairs = [2, 3, 4, 5, 6, 7].map((r) => [
      text?.getRow(r).getCell(1).value,
      text?.getRow(r).getCell(2).value,
    ]);
    assert.deepEqual(pairs, [
      ['主要问题与发现', body.findings],
      ['改进措施', body.measures],
      ['最后编辑人', '质检班长'],
      ['最后编辑时间', editedAt],
      ['生成时间', formatLocalDateTime(new Date(json.generated_at), json.timezone)],
      ['时区', json.timezone],
    ]);

    const sheet = wb.getWorksheet('质检员工作量与准确率');
    assert.ok(sheet);
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
      '工号',
      '质检员',
      '质检数',
      '分配数',
      '完成数',
      '平均用时（分钟）',
      '被申诉',
      '被推翻',
      '质检员差错',
      '差错率',
    ]);
    assert.equal(sheet.rowCount, json.inspectors.length + 1);
    json.inspectors.forEach((i, n) => {
      const row = sheet.getRow(n + 2);
      const v = (c: number) => row.getCell(c).value ?? null;
      assert.deepEqual(
        [v(1), v(2), v(3), v(4), v(5), v(6), v(7), v(8), v(9), v(10)],
        [
          i.username,
          i.display_name,
          i.evaluations,
          i.assigned,
          i.done,
          i.avg_minutes,
          i.disputes,
          i.overturned,
          i.inspector_errors,
          i.error_rate,
        ],
        i.display_name,
      );
      assert.equal(row.getCell(3).numFmt, '0');
      assert.equal(row.getCell(6).numFmt, '0.0');
      assert.equal(row.getCell(10).numFmt, '0.0%');
    });
    assert.ok(json.inspectors.some((i) => typeof i.error_rate === 'number' && i.error_rate > 0));

    const en = await download('/api/v1/reports/qa-summary?month=2026-11&format=xlsx&lang=en');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.body as unknown as ArrayBuffer);
    assert.deepEqual(
      wbEn.worksheets.map((w) => w.name),
      ['Findings and measures', 'Inspector workload and accuracy'],
    );
    assert.equal(wbEn.worksheets[0]?.getRow(4).getCell(1).value, 'Last edited by');
    assert.equal(wbEn.worksheets[1]?.getRow(1).getCell(10).value, 'Error rate');
  });

  it('gives the summary as PDF in Chinese and English, with the text and who last edited it', async () => {
    const json = await get<TQaSummary>('/api/v1/reports/qa-summary?month=2026-11');
    assert.ok(json.text.updated_at, 'saved by the previous test');
    const editedAt = formatLocalDateTime(new Date(json.text.updated_at), json.timezone);
    const zh = await download('/api/v1/reports/qa-summary?month=2026-11&format=pdf&lang=zh-CN');
    const enPdf = await download('/api/v1/reports/qa-summary?month=2026-11&format=pdf&lang=en');
    if (process.env.REPORT_PDF_OUT) {
      fs.writeFileSync(process.env.REPORT_PDF_OUT.replace(/\.pdf$/, '-qa-summary.pdf'), zh.body);
      fs.writeFileSync(process.env.REPORT_PDF_OUT.replace(/\.pdf$/, '-qa-summary-en.pdf'), enPdf.body);
    }
    assert.equal(zh.status, 200);
    assert.equal(zh.type, 'application/pdf');
    assert.match(zh.disposition, /^attachment; filename="qa-summary-2026-11.pdf"$/);
    const text = pdfText(zh.body);
    for (const words of [
      '质检组月度工作总结 2026-11',
      '质检员工作量',
      '被申诉',
      '差错率',
      '主要问题与发现',
      '开场白不规范问题集中',
      '改进措施',
      '组织规范用语专项培训',
      `最后编辑：质检班长，${editedAt}`,
      '质检员甲',
      '40.0%',
      '66.7%',
    ])
      assert.ok(text.includes(words), `${words} in\n${text}`);

    const en = pdfText(enPdf.body);
    for (const words of [
      'QA Team Monthly Work Summary 2026-11',
      'Error rate',
      'Findings',
      'Improvement measures',
      `Last edited: 质检班长, ${editedAt}`,
    ])
      assert.ok(en.includes(words), `${words} in\n${en}`);

    // A month nobody wrote yet says so.
    const empty = pdfText((await download('/api/v1/reports/qa-summary?month=2026-12&format=pdf')).body);
    assert.ok(empty.includes('（尚未填写）'), empty);
  });

  it('documents are authorized as the JSON; a bad format is a 400', async () => {
    const url = (format: string) => `/api/v1/reports/qa-summary?month=2026-11&format=${format}`;
    assert.equal((await download(url('pdf'), qaA.id)).status, 200);
    for (const who of [team.leader, team.agents[0] as BuiltUser]) {
      for (const format of ['json', 'xlsx', 'pdf']) {
        const res = await download(url(format), who.id);
        assert.equal(res.status, 403, `${who.id} ${format}`);
        assert.match(res.type, /json/);
      }
    }
    const bad = await server.request('GET', url('csv'), { as: lead.id });
    assert.equal(bad.status, 400);
    const details = bad.body.error?.details as { path: (string | number)[] }[];
    assert.deepEqual(details[0]?.path, ['format']);
  });
});
