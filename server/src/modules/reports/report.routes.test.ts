/**
 * Reports through the API: 10-day parts, the daily bulletin's order and contents, KPI ranks (ties)
 * and CSV/XLSX, role scope, the QA summary (optimistic, audited), my quality, bad input, and the
 * documents (XLSX numbers equal the JSON; PDFs in both languages).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type {
  TDailyBulletin,
  TKpiReport,
  TMyQuality,
  TPeriodReport,
  TQaSummary,
} from '../../../../shared/schemas/reports.ts';
import { roundHalfUp } from '../../../../shared/reports/rounding.ts';
import { queryRows } from '../../db/client.ts';
import { type BuiltUser, buildForm, buildTeamWithMembers, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { type FormDef, type Result, makeEvaluation } from './report.fixtures.ts';
import { dailyBulletinPdf } from './report.pdf.ts';
import { displayWidth } from './report.xlsx.ts';

const CATS = [
  'knowledge',
  'knowledge',
  'knowledge',
  'communication',
  'communication',
  'attitude',
  'attitude',
  'phrasing',
  'phrasing',
  'process',
];
/** `n` failed non-fatal items (score 100 − 10n), or the fatal item failed. */
const fails = (n: number, fatal = false): Result[] =>
  CATS.map((_, i) => (i === 9 ? (fatal ? 'fail' : 'pass') : i < n ? 'fail' : 'pass'));

async function binary(
  server: TestServer,
  url: string,
  as: number,
): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await server.app.request(url, { headers: { cookie: await server.sessionCookie(as) } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

describe('reports API', () => {
  let server: TestServer;
  let form: FormDef;
  let q: BuiltUser;
  let lead: BuiltUser;
  let admin: BuiltUser;
  let hr: BuiltUser;
  let editor: BuiltUser;
  let t: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let u: Awaited<ReturnType<typeof buildTeamWithMembers>>;
  let a1: BuiltUser, a2: BuiltUser, a3: BuiltUser, a4: BuiltUser, b1: BuiltUser, tricky: BuiltUser;

  const ev = (
    agent: BuiltUser,
    startedAt: string,
    results: Result[],
    extra: { positives?: string; negatives?: string } = {},
  ) => makeEvaluation(server, { inspectorId: q.id, agentId: agent.id, form, startedAt, results, ...extra });

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    t = await buildTeamWithMembers(db, 4);
    u = await buildTeamWithMembers(db, 1);
    [a1, a2, a3, a4] = t.agents as [BuiltUser, BuiltUser, BuiltUser, BuiltUser];
    b1 = u.agents[0] as BuiltUser;
    tricky = await buildUser(db, {
      roles: ['agent'],
      teamId: u.team.id,
      displayName: '=HYPERLINK("http://x","y")',
    });
    q = await buildUser(db, { roles: ['qa'], displayName: '质检员甲' });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    admin = await buildUser(db, { roles: ['admin'] });
    hr = await buildUser(db, { roles: ['hr'] });
    editor = await buildUser(db, { roles: ['kb_editor'] });
    const built = await buildForm(db, {
      passMark: 80,
      sections: [
        CATS.map((category, i) => ({ text: `考核项${i + 1}`, category, points: 10, fatal: i === 9 })),
      ],
    });
    form = {
      id: built.id,
      passMark: 80,
      items: built.itemIds.map((id, i) => ({
        id,
        category: CATS[i] ?? 'knowledge',
        points: 10,
        fatal: i === 9,
      })),
    };

    // October, 10:00 local. KPI: a1 90, a2 90, a3 80 (+ a4 never), b1 70; tricky 100.
    await ev(a1, '2026-10-21T02:00:00Z', fails(1), { positives: '耐心细致，客户满意', negatives: '' });
    await ev(a2, '2026-10-21T03:00:00Z', fails(1), { negatives: '未使用标准结束语' });
    await ev(a3, '2026-10-21T04:00:00Z', fails(2));
    await ev(b1, '2026-10-21T05:00:00Z', fails(3));
    await ev(tricky, '2026-10-11T02:00:00Z', fails(0));
    // 10-day boundaries: the 10th (part 1), the 20th (part 2), the 31st at 23:59 local (part 3).
    await ev(a1, '2026-10-10T02:00:00Z', fails(0));
    await ev(a1, '2026-10-20T02:00:00Z', fails(0));
    await ev(a1, '2026-10-31T15:59:00Z', fails(0));
    // September, part 3 (the previous part of October's part 1).
    await ev(a2, '2026-09-25T02:00:00Z', fails(4));
    // A fatal error on 21 October, and another agent's to order.
    await ev(a3, '2026-10-21T06:00:00Z', fails(0, true), { negatives: '未核实客户身份' });
    await ev(b1, '2026-10-21T07:00:00Z', fails(5));
  });
  after(() => server.close());

  const get = async <T>(url: string, as: number) => {
    const res = await server.request('GET', url, { as });
    assert.equal(res.status, 200, `${url}: ${res.text}`);
    return res.body as unknown as T;
  };

  describe('10-day report', () => {
    it('part 3 of a 31-day month runs 21–31 and compares with 11–20', async () => {
      const r = await get<TPeriodReport>('/api/v1/reports/ten-day?month=2026-10&part=3', lead.id);
      assert.deepEqual(r.period, {
        kind: 'ten_day',
        month: '2026-10',
        part: 3,
        from: '2026-10-21',
        to: '2026-10-31',
      });
      assert.deepEqual(r.previous, { from: '2026-10-11', to: '2026-10-20' });
      assert.equal(r.trend.length, 11);
      assert.equal(r.center.evaluations, 7, 'six on the 21st and one at 23:59 on the 31st');
      assert.equal(r.center.previous?.evaluations, 2, 'the 11th and the 20th');
    });
    it('part 1 counts the 10th and compares with part 3 of the previous month', async () => {
      const r = await get<TPeriodReport>('/api/v1/reports/ten-day?month=2026-10&part=1', lead.id);
      assert.deepEqual(r.previous, { from: '2026-09-21', to: '2026-09-30' });
      assert.equal(r.center.evaluations, 1);
      assert.equal(r.center.previous?.evaluations, 1);
      assert.equal(r.center.previous?.average_score, 60);
    });
    it('part 3 of February ends on the 28th', async () => {
      const r = await get<TPeriodReport>('/api/v1/reports/ten-day?month=2026-02&part=3', lead.id);
      assert.equal(r.period.to, '2026-02-28');
      assert.equal(r.trend.length, 8);
      assert.equal(r.center.evaluations, 0);
      assert.equal(r.center.average_score, null);
      assert.equal(r.center.previous, null);
    });
  });

  it('answers 400 for a bad month, part, date or format', async () => {
    for (const url of [
      '/api/v1/reports/monthly?month=2026-13',
      '/api/v1/reports/monthly?month=202610',
      '/api/v1/reports/monthly',
      '/api/v1/reports/monthly?month=2026-10&format=doc',
      '/api/v1/reports/ten-day?month=2026-10&part=4',
      '/api/v1/reports/ten-day?month=2026-10',
      '/api/v1/reports/daily?date=2026-02-30',
      '/api/v1/reports/kpi?month=2026-1',
      '/api/v1/reports/qa-summary?month=x',
      '/api/v1/reports/my-quality?agent_id=abc',
    ]) {
      const res = await server.request('GET', url, { as: admin.id });
      assert.equal(res.status, 400, url);
      assert.equal(res.body.error?.code, 'validation_failed', url);
    }
  });

  describe('daily bulletin', () => {
    it('groups by team, fatal first then by score ascending, with failed items, praise and criticism', async () => {
      const b = await get<TDailyBulletin>('/api/v1/reports/daily?date=2026-10-21', lead.id);
      assert.equal(b.totals.evaluations, 6);
      assert.equal(b.totals.agents_checked, 4);
      assert.equal(b.totals.fatal_count, 1);
      assert.equal(b.totals.average_score, 63.3, '(90 + 90 + 80 + 70 + 0 + 50) / 6');
      assert.equal(b.totals.positives, 1);
      assert.equal(b.totals.negatives, 2, 'an empty remark is not criticism');
      const names = b.teams.map((x) => x.team_id);
      assert.deepEqual(new Set(names), new Set([t.team.id, u.team.id]));
      const mine = b.teams.find((x) => x.team_id === t.team.id);
      assert.ok(mine);
      assert.deepEqual(
        mine.rows.map((r) => [r.agent_id, r.score, r.fatal]),
        [
          [a3.id, 0, true],
          [a3.id, 80, false],
          [a1.id, 90, false],
          [a2.id, 90, false],
        ],
      );
      const fatal = mine.rows[0];
      assert.ok(fatal);
      assert.deepEqual(
        fatal.failed_items.map((i) => [i.text, i.fatal]),
        [['考核项10', true]],
      );
      assert.equal(fatal.negatives, '未核实客户身份');
      const praised = mine.rows.find((r) => r.agent_id === a1.id);
      assert.equal(praised?.positives, '耐心细致，客户满意');
      assert.deepEqual(
        praised?.failed_items.map((i) => i.text),
        ['考核项1'],
      );
      assert.equal(praised?.evaluator, '质检员甲');
      assert.equal(mine.evaluations, 4);
      assert.equal(mine.fatal_count, 1);
      const theirs = b.teams.find((x) => x.team_id === u.team.id);
      assert.deepEqual(
        theirs?.rows.map((r) => r.score),
        [50, 70],
      );
    });
    it('a CSR sees only their own rows; the team leader their team', async () => {
      const own = await get<TDailyBulletin>('/api/v1/reports/daily?date=2026-10-21', a3.id);
      assert.equal(own.scope, 'own');
      assert.deepEqual(
        own.teams.flatMap((x) => x.rows.map((r) => r.agent_id)),
        [a3.id, a3.id],
      );
      assert.equal(own.totals.evaluations, 2);
      const team = await get<TDailyBulletin>('/api/v1/reports/daily?date=2026-10-21', t.leader.id);
      assert.deepEqual(
        team.teams.map((x) => x.team_id),
        [t.team.id],
      );
      assert.equal(team.totals.evaluations, 4);
    });
  });

  describe('KPI', () => {
    it('ranks CSRs in their team by average (ties share a rank) and lists the unevaluated', async () => {
      const k = await get<TKpiReport>('/api/v1/reports/kpi?month=2026-10', hr.id);
      const row = (id: number) => k.rows.find((r) => r.agent_id === id);
      // a1: 90, 100, 100, 100 → 97.5; a2: 90 → 90; a3: 80 and fatal 0 → 40.
      assert.deepEqual(
        [row(a1.id)?.average_score, row(a1.id)?.rank_in_team, row(a1.id)?.team_size],
        [97.5, 1, 3],
      );
      assert.deepEqual([row(a2.id)?.average_score, row(a2.id)?.rank_in_team], [90, 2]);
      assert.deepEqual(
        [row(a3.id)?.average_score, row(a3.id)?.rank_in_team, row(a3.id)?.fatal_count],
        [40, 3, 1],
      );
      assert.deepEqual(
        [row(a4.id)?.evaluations, row(a4.id)?.average_score, row(a4.id)?.rank_in_team],
        [0, null, null],
      );
      assert.equal(row(a3.id)?.pass_rate, 0.5);
      // b1: 70 and 50 → 60; tricky: 100 → ties are tested below with equal averages.
      assert.deepEqual([row(b1.id)?.average_score, row(b1.id)?.rank_in_team], [60, 2]);
      assert.deepEqual([row(tricky.id)?.average_score, row(tricky.id)?.rank_in_team], [100, 1]);
    });
    it('equal averages share a rank and the next rank is skipped (1, 1, 3)', async () => {
      const db = server.database.db;
      const team = await buildTeamWithMembers(db, 3);
      const [x, y, z] = team.agents as [BuiltUser, BuiltUser, BuiltUser];
      await ev(x, '2026-10-05T02:00:00Z', fails(1));
      await ev(y, '2026-10-06T02:00:00Z', fails(1));
      await ev(z, '2026-10-07T02:00:00Z', fails(2));
      const k = await get<TKpiReport>('/api/v1/reports/kpi?month=2026-10', hr.id);
      const ranks = [x, y, z].map((p) => k.rows.find((r) => r.agent_id === p.id)?.rank_in_team);
      assert.deepEqual(ranks, [1, 1, 3]);
      const mine = await get<TKpiReport>('/api/v1/reports/kpi?month=2026-10', team.leader.id);
      assert.deepEqual(
        mine.rows.map((r) => r.agent_id).sort(),
        [x.id, y.id, z.id].sort(),
        'a team leader sees their team only',
      );
      assert.deepEqual(
        mine.rows.map((r) => r.rank_in_team),
        [1, 1, 3],
      );
    });
    it('CSV: one header row, plain numbers, formula cells guarded; XLSX: the same numbers', async () => {
      const csv = await binary(server, '/api/v1/reports/kpi?month=2026-10&format=csv&lang=en', hr.id);
      assert.equal(csv.status, 200);
      assert.match(csv.type, /text\/csv/);
      const text = csv.body.toString('utf8').replace(/^\uFEFF/, '');
      const lines = text.trim().split('\r\n');
      assert.equal(
        lines[0],
        'Month,Username,CSR,Team,Evaluations,Average score,Fatal errors,Pass rate,Rank in team,Ranked in team',
      );
      const json = await get<TKpiReport>('/api/v1/reports/kpi?month=2026-10', hr.id);
      assert.equal(lines.length, json.rows.length + 1);
      const a3line = lines.find((l) => l.includes(`,${a3.username},`));
      assert.equal(a3line, `2026-10,${a3.username},${a3.username},${t.team.name},2,40,1,0.5,3,3`);
      const trickyLine = lines.find((l) => l.includes(tricky.username));
      assert.ok(trickyLine?.includes(`"'=HYPERLINK(""http://x"",""y"")"`), trickyLine);

      const xlsx = await binary(server, '/api/v1/reports/kpi?month=2026-10&format=xlsx', hr.id);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      assert.ok(ws);
      assert.equal(ws.getRow(1).getCell(2).value, '工号');
      assert.equal(ws.rowCount, json.rows.length + 1);
      json.rows.forEach((r, i) => {
        const cells = ws.getRow(i + 2);
        assert.equal(cells.getCell(2).value, r.agent);
        assert.equal(cells.getCell(5).value, r.evaluations);
        assert.equal(cells.getCell(6).value ?? null, r.average_score);
        assert.equal(cells.getCell(8).value ?? null, r.pass_rate);
        assert.equal(cells.getCell(9).value ?? null, r.rank_in_team);
      });
      assert.equal(ws.getRow(2).getCell(8).numFmt, '0.0%');
      // Every header fits its column (班组参评人数 is 12 characters wide; the column was 10).
      ws.getRow(1).eachCell((cell, col) => {
        const header = typeof cell.value === 'string' ? cell.value : '';
        assert.ok(header, `header of column ${col}`);
        assert.ok(
          (ws.getColumn(col).width ?? 0) >= displayWidth(header),
          `${header}: ${ws.getColumn(col).width}`,
        );
      });
      assert.equal(displayWidth('班组参评人数'), 12);
      assert.equal(displayWidth('Ranked in team'), 14);
    });
    it('is refused to QA inspectors and CSRs', async () => {
      for (const who of [q, a1, editor]) {
        const res = await server.request('GET', '/api/v1/reports/kpi?month=2026-10', { as: who.id });
        assert.equal(res.status, 403);
      }
    });
  });

  describe('scope of the period reports', () => {
    it('a CSR sees themself only, no teams, no inspectors, and the whole center for comparison', async () => {
      const all = await get<TPeriodReport>('/api/v1/reports/monthly?month=2026-10', lead.id);
      const own = await get<TPeriodReport>('/api/v1/reports/monthly?month=2026-10', a1.id);
      assert.equal(own.scope, 'own');
      assert.deepEqual(
        own.agents.map((a) => a.agent_id),
        [a1.id],
      );
      assert.deepEqual(own.teams, []);
      assert.deepEqual(own.inspectors, []);
      assert.deepEqual(own.center, all.center);
      assert.equal(
        own.distribution.reduce((s, d) => s + d.count, 0),
        own.agents[0]?.evaluations,
      );
      assert.ok(all.inspectors.some((i) => i.inspector_id === q.id));
    });
    it('a team leader sees their team’s CSRs and their team only', async () => {
      const r = await get<TPeriodReport>('/api/v1/reports/monthly?month=2026-10', t.leader.id);
      assert.equal(r.scope, 'team');
      assert.deepEqual(new Set(r.agents.map((a) => a.agent_id)), new Set([a1.id, a2.id, a3.id, a4.id]));
      assert.deepEqual(
        r.teams.map((x) => x.team_id),
        [t.team.id],
      );
      assert.deepEqual(r.inspectors, []);
    });
    it('a knowledge-base editor may not read reports', async () => {
      for (const url of [
        '/api/v1/reports/monthly?month=2026-10',
        '/api/v1/reports/daily?date=2026-10-21',
        '/api/v1/reports/my-quality?agent_id=' + a1.id,
      ]) {
        const res = await server.request('GET', url, { as: editor.id });
        assert.equal(res.status, 403, url);
      }
    });
  });

  describe('my quality', () => {
    it('a CSR sees their trend, categories against team and center, and recent evaluations', async () => {
      const m = await get<TMyQuality>('/api/v1/reports/my-quality?month=2026-10&months=3', a1.id);
      assert.equal(m.agent.agent_id, a1.id);
      assert.deepEqual(
        m.trend.map((x) => x.month),
        ['2026-08', '2026-09', '2026-10'],
      );
      assert.deepEqual(
        m.trend.map((x) => x.evaluations),
        [0, 0, 4],
      );
      assert.equal(m.trend[2]?.average_score, 97.5);
      const knowledge = m.categories.find((c) => c.key === 'knowledge');
      assert.equal(knowledge?.agent_share, 0.9167, '11 of 12 knowledge answers passed');
      assert.equal(m.recent.length, 4);
      assert.equal(m.recent[0]?.local_date, '2026-10-31');
    });
    it('others’ pages: hidden from CSRs and other team leaders (404), open to their leader and HR', async () => {
      const hidden = [
        [a1.id, a2.id],
        [u.leader.id, a1.id],
      ] as const;
      for (const [as, whom] of hidden) {
        const res = await server.request('GET', `/api/v1/reports/my-quality?agent_id=${whom}`, { as });
        assert.equal(res.status, 404);
      }
      await get(`/api/v1/reports/my-quality?agent_id=${a2.id}`, t.leader.id);
      await get(`/api/v1/reports/my-quality?agent_id=${b1.id}`, hr.id);
      const noAgent = await server.request('GET', '/api/v1/reports/my-quality', { as: hr.id });
      assert.equal(noAgent.status, 400);
      const notCsr = await server.request('GET', `/api/v1/reports/my-quality?agent_id=${q.id}`, {
        as: hr.id,
      });
      assert.equal(notCsr.status, 404);
    });
  });

  describe('QA monthly summary', () => {
    it('saves with optimistic versions, answers 409 on a stale one, audits the change', async () => {
      const first = await get<TQaSummary>('/api/v1/reports/qa-summary?month=2026-10', q.id);
      assert.equal(first.text.version, 0);
      assert.ok(first.inspectors.some((i) => i.inspector_id === q.id && i.evaluations > 0));
      const body = { findings: '开场白不规范问题集中', measures: '组织规范用语专项培训', version: 0 };
      const saved = await server.request('PUT', '/api/v1/reports/qa-summary/2026-10', { as: lead.id, body });
      assert.equal(saved.status, 200, saved.text);
      const s = saved.body as unknown as TQaSummary;
      assert.equal(s.text.version, 1);
      assert.equal(s.text.findings, body.findings);
      assert.ok(s.text.updated_by_name);
      const stale = await server.request('PUT', '/api/v1/reports/qa-summary/2026-10', { as: admin.id, body });
      assert.equal(stale.status, 409);
      const [audit] = await queryRows<{ action: string; entity_id: string }>(
        server.database.db,
        sql`select action, entity_id from audit_log where action = 'qa_summary.update' order by id desc limit 1`,
      );
      assert.deepEqual(audit, { action: 'qa_summary.update', entity_id: '2026-10' });
      const refused = await server.request('PUT', '/api/v1/reports/qa-summary/2026-10', {
        as: q.id,
        body: { ...body, version: 1 },
      });
      assert.equal(refused.status, 403);
      const bad = await server.request('PUT', '/api/v1/reports/qa-summary/2026-1x', { as: lead.id, body });
      assert.equal(bad.status, 400);
    });
  });

  describe('documents', () => {
    it('the monthly XLSX holds the JSON’s numbers, sheet by sheet', async () => {
      const json = await get<TPeriodReport>('/api/v1/reports/monthly?month=2026-10', lead.id);
      const file = await binary(server, '/api/v1/reports/monthly?month=2026-10&format=xlsx', lead.id);
      assert.equal(file.status, 200);
      assert.match(file.type, /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.body as unknown as ArrayBuffer);
      assert.deepEqual(
        wb.worksheets.map((w) => w.name),
        [
          '概览',
          '客服代表',
          '班组',
          '分项分析',
          '高频失分项',
          '质检员工作量与准确率',
          '分数分布',
          '每日趋势',
        ],
      );
      const agents = wb.getWorksheet('客服代表');
      assert.ok(agents);
      assert.equal(agents.views[0]?.state, 'frozen');
      assert.equal((agents.views[0] as { ySplit?: number }).ySplit, 1, 'the header row is frozen');
      const header = (agents.getRow(1).values as unknown[]).slice(1);
      assert.deepEqual(header.slice(0, 9), [
        '工号',
        '客服代表',
        '班组',
        '质检数',
        '平均分',
        '95%区间下限',
        '95%区间上限',
        '合格率',
        '致命错误数',
      ]);
      assert.equal(agents.rowCount, json.agents.length + 1);
      json.agents.forEach((a, i) => {
        const row = agents.getRow(i + 2);
        const v = (c: number) => row.getCell(c).value ?? null;
        assert.deepEqual(
          [v(1), v(4), v(5), v(6), v(7), v(8), v(9)],
          [a.agent, a.evaluations, a.average_score, a.ci_low, a.ci_high, a.pass_rate, a.fatal_count],
          a.agent,
        );
        json.categories.forEach((c, k) =>
          assert.equal(v(10 + k), a.categories[c.key] ?? null, `${a.agent} ${c.key}`),
        );
      });
      assert.equal(agents.getRow(2).getCell(5).numFmt, '0.0');
      assert.equal(agents.getRow(2).getCell(8).numFmt, '0.0%');
      const summary = wb.getWorksheet('概览');
      assert.equal(summary?.getRow(2).getCell(2).value, json.center.evaluations);
      assert.equal(summary?.getRow(3).getCell(2).value, json.center.average_score);
      const teams = wb.getWorksheet('班组');
      json.teams.forEach((x, i) =>
        assert.equal(teams?.getRow(i + 2).getCell(3).value ?? null, x.average_score),
      );
      const trend = wb.getWorksheet('每日趋势');
      assert.equal(trend?.rowCount, 32);
      // A change of the pass rate is in percentage points, as on the page (5.1 个百分点), never
      // "+5.1%" (which reads as a relative change): the cell holds the number of points.
      const points = (v: number | null) => (v === null ? null : roundHalfUp(v * 100, 2));
      const zhPp = '+0.0" 个百分点";-0.0" 个百分点";0.0" 个百分点"';
      assert.ok(json.center.change.pass_rate, 'the fixture has a pass-rate change against September');
      assert.equal(summary?.getRow(6).getCell(1).value, '合格率');
      assert.equal(summary?.getRow(6).getCell(4).value, points(json.center.change.pass_rate));
      assert.equal(summary?.getRow(6).getCell(4).numFmt, zhPp);
      const ppCol = 13 + json.categories.length;
      assert.equal(agents.getRow(1).getCell(ppCol).value, '合格率变化');
      assert.ok(
        json.agents.some((a) => a.change.pass_rate),
        'some CSR’s pass rate changed',
      );
      json.agents.forEach((a, i) => {
        const cell = agents.getRow(i + 2).getCell(ppCol);
        assert.equal(cell.value ?? null, points(a.change.pass_rate), a.agent);
        assert.equal(cell.numFmt, zhPp, a.agent);
      });
      json.teams.forEach((x, i) => {
        const cell = teams?.getRow(i + 2).getCell(11 + json.categories.length);
        assert.equal(cell?.value ?? null, points(x.change.pass_rate), x.team_name);
        assert.equal(cell?.numFmt, zhPp);
      });
      const en = await binary(server, '/api/v1/reports/monthly?month=2026-10&format=xlsx&lang=en', lead.id);
      const wbEn = new ExcelJS.Workbook();
      await wbEn.xlsx.load(en.body as unknown as ArrayBuffer);
      assert.equal(wbEn.worksheets[1]?.name, 'CSRs');
      assert.equal(wbEn.worksheets[0]?.getRow(6).getCell(4).numFmt, '+0.0" pp";-0.0" pp";0.0" pp"');
      assert.equal(wbEn.worksheets[1]?.getRow(2).getCell(ppCol).numFmt, '+0.0" pp";-0.0" pp";0.0" pp"');
    });

    it('PDFs of the monthly, 10-day and daily reports in both languages', async () => {
      await server.request('PUT', '/api/v1/reports/qa-summary/2026-09', {
        as: lead.id,
        body: { findings: 'x', measures: 'y', version: 0 },
      });
      for (const url of [
        '/api/v1/reports/monthly?month=2026-10&format=pdf',
        '/api/v1/reports/monthly?month=2026-10&format=pdf&lang=en',
        '/api/v1/reports/ten-day?month=2026-10&part=3&format=pdf',
        '/api/v1/reports/daily?date=2026-10-21&format=pdf&lang=en-US',
        '/api/v1/reports/daily?date=2026-10-21&format=pdf&lang=zh-CN',
        '/api/v1/reports/monthly?month=2026-02&format=pdf',
      ]) {
        const pdf = await binary(server, url, lead.id);
        assert.equal(pdf.status, 200, url);
        assert.equal(pdf.type, 'application/pdf');
        assert.equal(pdf.body.subarray(0, 5).toString('latin1'), '%PDF-', url);
        const pages = pdf.body.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
        assert.ok(pages >= 1, `${url}: ${pages} pages`);
      }
      // The daily bulletin's short columns keep their words whole when the remarks are long
      // (pdfmake shrank 'auto' columns for them and broke 录音监控 as 录音监/控).
      const bulletin = await get<TDailyBulletin>('/api/v1/reports/daily?date=2026-10-21', lead.id);
      const long = '客户多次询问套餐资费，坐席未能准确解释优惠规则，且未主动核实客户身份。'.repeat(3);
      for (const team of bulletin.teams)
        for (const row of team.rows) Object.assign(row, { positives: long, negatives: long });
      const daily = await dailyBulletinPdf(bulletin, 'zh', 'Asia/Shanghai');
      if (process.env.REPORT_PDF_OUT) {
        fs.writeFileSync(process.env.REPORT_PDF_OUT, daily);
        const en = await dailyBulletinPdf(bulletin, 'en', 'Asia/Shanghai');
        fs.writeFileSync(process.env.REPORT_PDF_OUT.replace(/\.pdf$/, '-en.pdf'), en);
      }
      const dailyText = execFileSync('pdftotext', ['-layout', '-', '-'], { input: daily }).toString();
      assert.ok(dailyText.includes('录音监控'), dailyText);
      // The pass-rate change reads in percentage points in the document's language, never "+5.1%".
      const json = await get<TPeriodReport>('/api/v1/reports/monthly?month=2026-10', lead.id);
      const change = json.center.change.pass_rate;
      assert.ok(change, 'the fixture has a pass-rate change against September');
      const pp = `${change > 0 ? '+' : ''}${roundHalfUp(change * 100, 1).toFixed(1)}`;
      for (const [lang, unit] of [
        ['zh-CN', '个百分点'],
        ['en', 'pp'],
      ] as const) {
        const pdf = await binary(
          server,
          `/api/v1/reports/monthly?month=2026-10&format=pdf&lang=${lang}`,
          lead.id,
        );
        const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf.body }).toString();
        assert.ok(text.includes(`${pp} ${unit}`), `${lang}: ${pp} ${unit} in\n${text}`);
        assert.doesNotMatch(text, /[+-]\d+\.\d%/, `${lang}: no signed percentage`);
      }
      const res = await server.app.request('/api/v1/reports/monthly?month=2026-10&format=pdf', {
        headers: { cookie: await server.sessionCookie(lead.id) },
      });
      assert.match(
        res.headers.get('content-disposition') ?? '',
        /attachment; filename="monthly-2026-10.pdf"/,
      );
    });
  });
});
