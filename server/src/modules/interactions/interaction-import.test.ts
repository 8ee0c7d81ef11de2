import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.ts';
import { auditSince, lastAuditId } from '../../../test/db-helpers.ts';
import { type BuiltUser, buildForm, buildQueue, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';

type Rejected = { row: number; code: string; reason: string; details?: unknown };
type ImportAnswer = {
  import_id: number;
  status: string;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: Rejected[];
  rejected_total: number;
};
type ImportRecord = {
  id: number;
  status: string;
  filename: string | null;
  format: string;
  created_by: number | null;
  progress: number;
  rows_read: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
  error_code: string | null;
  error_details: unknown;
};
type Detail = {
  id: number;
  external_id: string;
  agent_id: number;
  started_at: string;
  local_date: string;
  duration_s: number;
  channel: string;
  direction: string;
  queue: string | null;
  customer_ref: string | null;
  recording_url: string | null;
  has_transcript: boolean;
  transcript: { speaker: string; start_s: number; end_s: number; text: string }[] | null;
  import_id: number | null;
};

const HEADER =
  'external_id,agent,started_at,duration_s,channel,direction,queue,customer_ref,recording_url,transcript';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TRANSCRIPT = [
  { speaker: 'agent', start_s: 0, end_s: 2.5, text: '您好，请问有什么可以帮您？' },
  { speaker: 'customer', start_s: 2.5, end_s: 6, text: 'My card, it was "blocked"\nyesterday' },
];

/** One CSV cell, quoted when it must be. */
function cell(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

type RowValues = {
  external_id: string;
  agent: string;
  started_at?: string;
  duration_s?: string | number;
  channel?: string;
  direction?: string;
  queue?: string;
  customer_ref?: string;
  recording_url?: string;
  transcript?: string;
};

function line(v: RowValues): string {
  return [
    v.external_id,
    v.agent,
    v.started_at ?? '2026-11-02T09:30:00+08:00',
    v.duration_s ?? 120,
    v.channel ?? 'call',
    v.direction ?? 'inbound',
    v.queue ?? '',
    v.customer_ref ?? '',
    v.recording_url ?? '',
    v.transcript ?? '',
  ]
    .map(cell)
    .join(',');
}

/** The line (from 1) on which `marker` first appears in `text`: the oracle for row numbers. */
function lineOf(text: string, marker: string): number {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `${marker} is in the file`);
  return text.slice(0, at).split('\n').length;
}

const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';
const asAnswer = (body: unknown) => body as ImportAnswer;
const rowsOf = (a: ImportAnswer) => a.rejected.map((r) => [r.row, r.code]);

describe('interaction import', () => {
  let server: TestServer;
  let dataDir: string;
  let lead: BuiltUser;
  let qa: BuiltUser;
  let agent: BuiltUser;
  let agent2: BuiltUser;
  let queueCode: string;
  let seq = 0;
  /** A fresh external-id prefix per test, so tests do not see each other's rows. */
  const prefix = () => `T${++seq}-`;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-import-'));
    server = await getTestServer({ env: { dataDir } });
    const db = server.database.db;
    lead = await buildUser(db, { roles: ['qa_lead'] });
    qa = await buildUser(db, { roles: ['qa'] });
    agent = await buildUser(db, { username: 'Imp.Agent1' });
    agent2 = await buildUser(db, { username: 'imp.agent2' });
    queueCode = (await buildQueue(db, { code: 'Sales' })).code;
  });
  after(async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function importCsv(text: string, query = ''): ReturnType<TestServer['request']> {
    return server.request('POST', `/api/v1/interactions/import${query}`, {
      as: lead.id,
      rawBody: text,
      headers: { 'content-type': 'text/csv' },
    });
  }

  async function countWith(p: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from interactions where external_id like ${`${p}%`}`,
    );
    return row?.n ?? -1;
  }

  async function detail(externalId: string): Promise<Detail> {
    const list = await server.request(
      'GET',
      `/api/v1/interactions?external_id=${encodeURIComponent(externalId)}`,
      { as: qa.id },
    );
    assert.equal(list.status, 200, list.text);
    const items = list.body.items as { id: number }[];
    assert.equal(items.length, 1, `one interaction ${externalId}`);
    const res = await server.request('GET', `/api/v1/interactions/${items[0]?.id}`, { as: qa.id });
    assert.equal(res.status, 200, res.text);
    return res.body as unknown as Detail;
  }

  describe('formats and upserts', () => {
    it('imports text/csv, then re-importing changes nothing and a changed row counts as updated', async () => {
      const p = prefix();
      const rows = [
        line({
          external_id: `${p}1`,
          agent: 'imp.agent1',
          queue: 'sales',
          customer_ref: '13812345678',
          transcript: JSON.stringify(TRANSCRIPT),
        }),
        line({ external_id: `${p}2`, agent: 'IMP.AGENT2', channel: 'Chat', direction: 'outbound' }),
        line({ external_id: `${p}3`, agent: agent.username, duration_s: 0, channel: '', direction: '' }),
      ];
      const first = await importCsv(csv(...rows));
      assert.equal(first.status, 200, first.text);
      assert.deepEqual(
        { ...asAnswer(first.body), import_id: 0 },
        {
          import_id: 0,
          status: 'done',
          imported: 3,
          updated: 0,
          unchanged: 0,
          rejected: [],
          rejected_total: 0,
          encoding: 'utf-8',
        },
      );
      assert.equal(await countWith(p), 3);

      const one = await detail(`${p}1`);
      assert.equal(one.agent_id, agent.id);
      assert.equal(one.started_at, '2026-11-02T01:30:00.000Z');
      assert.equal(one.local_date, '2026-11-02');
      assert.equal(one.queue, queueCode);
      assert.equal(one.customer_ref, '13812345678');
      assert.deepEqual(one.transcript, TRANSCRIPT);
      assert.equal(one.import_id, asAnswer(first.body).import_id);
      const two = await detail(`${p}2`);
      assert.equal(two.agent_id, agent2.id, 'usernames match in any letter case');
      assert.equal(two.channel, 'chat');
      assert.equal(two.direction, 'outbound');
      const three = await detail(`${p}3`);
      assert.deepEqual([three.channel, three.direction, three.duration_s], ['call', 'inbound', 0]);

      const again = await importCsv(csv(...rows));
      assert.equal(again.status, 200, again.text);
      assert.deepEqual(
        [asAnswer(again.body).imported, asAnswer(again.body).updated, asAnswer(again.body).unchanged],
        [0, 0, 3],
      );
      assert.equal(await countWith(p), 3, 'nothing duplicated');
      assert.equal((await detail(`${p}1`)).import_id, asAnswer(first.body).import_id, 'untouched row');

      const changed = [
        rows[0],
        line({ external_id: `${p}2`, agent: 'imp.agent2', duration_s: 300 }),
        rows[2],
      ];
      const third = await importCsv(csv(...(changed as string[])));
      assert.deepEqual(
        [asAnswer(third.body).imported, asAnswer(third.body).updated, asAnswer(third.body).unchanged],
        [0, 1, 2],
      );
      assert.equal(await countWith(p), 3);
      const updated = await detail(`${p}2`);
      assert.equal(updated.duration_s, 300);
      assert.equal(updated.channel, 'call');
      assert.equal(updated.import_id, asAnswer(third.body).import_id);
    });

    it('reads a multipart CSV file and keeps its file name in the history', async () => {
      const p = prefix();
      const form = new FormData();
      form.append(
        'file',
        new Blob([`\uFEFF${csv(line({ external_id: `${p}1`, agent: 'imp.agent1' }))}`], { type: 'text/csv' }),
        '十一月 calls.csv',
      );
      const res = await server.request('POST', '/api/v1/interactions/import', { as: lead.id, form });
      assert.equal(res.status, 200, res.text);
      assert.equal(asAnswer(res.body).imported, 1);
      const record = await server.request('GET', `/api/v1/imports/${asAnswer(res.body).import_id}`, {
        as: lead.id,
      });
      assert.equal(record.status, 200);
      const imp = record.body as unknown as ImportRecord;
      assert.equal(imp.filename, '十一月 calls.csv');
      assert.equal(imp.format, 'csv');
      assert.equal(imp.status, 'done');
      assert.equal(imp.progress, 1);
      assert.equal(imp.created_by, lead.id);
    });

    it('reads an XLSX workbook (multipart and raw), with sheet row numbers and date cells in the center zone', async () => {
      const p = prefix();
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('calls');
      sheet.addRow(HEADER.split(','));
      sheet.addRow([`${p}1`, 'imp.agent1', '2026-11-02 07:30', 60, 'call', 'inbound', 'sales', '', '', '']);
      // A date cell carries wall time; 09:30 in Asia/Shanghai is 01:30Z.
      sheet.addRow([`${p}2`, 'imp.agent2', new Date(Date.UTC(2026, 10, 2, 9, 30)), 90, 'email', 'outbound']);
      sheet.addRow([`${p}3`, 'nobody', '2026-11-02 08:00', 60, 'call', 'inbound']);
      sheet.addRow([
        `${p}4`,
        'imp.agent1',
        '2026-11-02T10:00:00Z',
        45,
        'chat',
        'inbound',
        '',
        '',
        '',
        JSON.stringify(TRANSCRIPT),
      ]);
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

      const form = new FormData();
      form.append('file', new Blob([buffer], { type: XLSX_TYPE }), 'calls.xlsx');
      const res = await server.request('POST', '/api/v1/interactions/import', { as: lead.id, form });
      assert.equal(res.status, 200, res.text);
      const answer = asAnswer(res.body);
      assert.deepEqual([answer.imported, answer.updated, answer.unchanged], [3, 0, 0]);
      assert.deepEqual(rowsOf(answer), [[4, 'unknown_agent']]);
      assert.equal((await detail(`${p}1`)).started_at, '2026-11-01T23:30:00.000Z');
      const dated = await detail(`${p}2`);
      assert.equal(dated.started_at, '2026-11-02T01:30:00.000Z');
      assert.equal(dated.channel, 'email');
      assert.deepEqual((await detail(`${p}4`)).transcript, TRANSCRIPT);

      const raw = await server.request('POST', '/api/v1/interactions/import', {
        as: lead.id,
        rawBody: new Uint8Array(buffer),
        headers: { 'content-type': XLSX_TYPE },
      });
      assert.equal(raw.status, 200, raw.text);
      assert.deepEqual(
        [asAnswer(raw.body).imported, asAnswer(raw.body).unchanged, asAnswer(raw.body).rejected_total],
        [0, 3, 1],
      );
      assert.equal(await countWith(p), 3);
    });

    it('reads a JSON array (numbers, a transcript as an array), numbering rows from 1', async () => {
      const p = prefix();
      const body = [
        {
          external_id: `${p}1`,
          agent: 'imp.agent1',
          started_at: '2026-11-02T09:30:00+08:00',
          duration_s: 61,
          channel: 'call',
          direction: 'inbound',
          queue: 'SALES',
          customer_ref: '13912345678',
          transcript: TRANSCRIPT,
        },
        { external_id: `${p}2`, agent: 'imp.agent2', started_at: 'soon', duration_s: 5, channel: 'call' },
        'not an object',
        {
          external_id: `${p}3`,
          agent: 'imp.agent2',
          started_at: '2026-11-02 12:00',
          duration_s: 5,
          channel: 'call',
        },
      ];
      const res = await server.request('POST', '/api/v1/interactions/import', { as: lead.id, body });
      assert.equal(res.status, 200, res.text);
      const answer = asAnswer(res.body);
      assert.equal(answer.imported, 2);
      assert.deepEqual(rowsOf(answer), [
        [2, 'bad_time'],
        [3, 'bad_row'],
      ]);
      const one = await detail(`${p}1`);
      assert.equal(one.duration_s, 61);
      assert.deepEqual(one.transcript, TRANSCRIPT);
      assert.equal(one.queue, queueCode);

      const again = await server.request('POST', '/api/v1/interactions/import', { as: lead.id, body });
      assert.deepEqual([asAnswer(again.body).imported, asAnswer(again.body).unchanged], [0, 2]);
      assert.equal(await countWith(p), 2);
    });
  });

  describe('row numbers and rejections', () => {
    it('numbers rows as lines of the file, across quoted cells with line breaks (LF and CRLF)', async () => {
      for (const eol of ['\n', '\r\n']) {
        const p = prefix();
        const text =
          [
            HEADER,
            line({
              external_id: `${p}1`,
              agent: 'imp.agent1',
              customer_ref: `two${eol}line${eol}ref`,
            }), // lines 2–4
            line({ external_id: `${p}2`, agent: 'ghost' }), // line 5
            '', // line 6: empty
            line({
              external_id: `${p}3`,
              agent: 'imp.agent1',
              transcript: JSON.stringify(TRANSCRIPT, null, 1).replace(/\n/g, eol),
            }), // lines 7–20
            line({ external_id: `${p}4`, agent: 'imp.agent1', duration_s: -1 }), // line 21
          ].join(eol) + eol;
        assert.equal(lineOf(text, `${p}4,`), 21);
        const res = await importCsv(text);
        assert.equal(res.status, 200, res.text);
        const answer = asAnswer(res.body);
        assert.equal(answer.imported, 2, JSON.stringify(eol));
        assert.deepEqual(
          rowsOf(answer),
          [
            [5, 'unknown_agent'],
            [21, 'bad_duration'],
          ],
          `line numbers with ${JSON.stringify(eol)} line ends`,
        );
        assert.equal((await detail(`${p}1`)).customer_ref, `two${eol}line${eol}ref`);
      }
    });

    it('rejects every kind of bad row with a reason a person understands, keeping the good rows', async () => {
      const p = prefix();
      const good = (n: number, extra: Partial<RowValues> = {}) =>
        line({ external_id: `${p}good${n}`, agent: 'imp.agent1', ...extra });
      const bad = (n: number, extra: Partial<RowValues>) =>
        line({ external_id: `${p}bad${n}`, agent: 'imp.agent1', ...extra });
      const lines = [
        good(1, { started_at: '2026-11-02 07:30' }), // 2
        bad(1, { agent: 'no.such.user' }), // 3
        bad(2, { started_at: '2026-13-45 10:00' }), // 4
        bad(3, { started_at: 'yesterday at noon' }), // 5
        bad(4, { duration_s: -5 }), // 6
        bad(5, { duration_s: 86_401 }), // 7
        bad(6, { duration_s: 'long' }), // 8
        bad(7, { transcript: '[{"speaker": "agent", "text": "unclosed' }), // 9
        bad(8, { transcript: JSON.stringify([{ speaker: 'bot', start_s: 0, end_s: 1, text: 'hi' }]) }), // 10
        bad(9, { transcript: JSON.stringify({ speaker: 'agent' }) }), // 11
        line({ external_id: `${p}${'x'.repeat(200)}`, agent: 'imp.agent1' }), // 12
        bad(11, { customer_ref: '1'.repeat(101) }), // 13
        bad(12, { channel: 'fax' }), // 14
        bad(13, { direction: 'sideways' }), // 15
        bad(14, { queue: 'no-such-queue' }), // 16
        `${p}bad15,imp.agent1,2026-11-02 10:00,60`, // 17: too few cells
        `${good(99)},extra`, // 18: too many cells
        `${p}bad16,imp.agent1,2026-11-02 10:00,60,call,inbound,,"138"x,,`, // 19: stray closing quote
        `${p}bad17,imp.agent1,2026-11-02 10:00,60,call,inbound,,13"8,,`, // 20: quote inside a bare cell
        good(2, { started_at: '2026-11-02T07:30:00+08:00', duration_s: 86_400 }), // 21
        bad(18, { agent: '' }), // 22
        bad(19, { recording_url: 'javascript:alert(1)' }), // 23
        good(3, { recording_url: 'https://pbx.example.com/rec/1.wav' }), // 24
      ];
      const res = await importCsv(csv(...lines));
      assert.equal(res.status, 200, res.text);
      const answer = asAnswer(res.body);
      assert.deepEqual(rowsOf(answer), [
        [3, 'unknown_agent'],
        [4, 'bad_time'],
        [5, 'bad_time'],
        [6, 'bad_duration'],
        [7, 'bad_duration'],
        [8, 'bad_duration'],
        [9, 'bad_transcript'],
        [10, 'bad_transcript'],
        [11, 'bad_transcript'],
        [12, 'too_long'],
        [13, 'too_long'],
        [14, 'bad_channel'],
        [15, 'bad_direction'],
        [16, 'unknown_queue'],
        [17, 'bad_cells'],
        [18, 'bad_cells'],
        [19, 'bad_csv'],
        [20, 'bad_csv'],
        [22, 'missing_agent'],
        [23, 'bad_recording_url'],
      ]);
      assert.equal(answer.rejected_total, 20);
      assert.equal(answer.imported, 3);
      assert.equal(await countWith(p), 3);
      assert.equal(await countWith(`${p}bad`), 0);

      const reason = (row: number) => answer.rejected.find((r) => r.row === row)?.reason ?? '';
      assert.match(reason(3), /unknown agent "no\.such\.user"/);
      assert.match(reason(4), /is not a date and time/);
      assert.match(reason(6), /negative/);
      assert.match(reason(7), /longer than a day/);
      assert.match(reason(9), /not valid JSON/);
      // A bad transcript is explained in words, with what exactly is wrong for the UI's language.
      assert.equal(reason(10), 'transcript turn 1: speaker must be "agent" or "customer"');
      const details = (row: number) => answer.rejected.find((r) => r.row === row)?.details;
      assert.deepEqual(details(10), { problem: 'bad_speaker', turn: 1, field: 'speaker' });
      assert.equal(reason(11), 'transcript must be a list of turns, each {speaker, start_s, end_s, text}');
      assert.deepEqual(details(11), { problem: 'not_a_list', turn: null, field: null });
      assert.equal(details(3), null, 'other reasons have no details');
      const fileOf = async (lang: string) =>
        Buffer.from(
          await (
            await server.app.request(`/api/v1/imports/${answer.import_id}/rejections.csv${lang}`, {
              headers: { cookie: await server.sessionCookie(lead.id) },
            })
          ).arrayBuffer(),
        ).toString('utf8');
      const plain = (await fileOf('')).split('\n').find((l) => l.startsWith('10,'));
      assert.match(plain ?? '', /,"\{""problem"":""bad_speaker"",""turn"":1,""field"":""speaker""\}"$/);
      const zh = (await fileOf('?lang=zh')).split('\n').find((l) => l.startsWith(`${p}bad8,`));
      assert.ok(zh?.includes(',10,"转写第 1 轮：说话人（speaker）必须是 ""agent"" 或 ""customer""。'), zh);
      assert.match(reason(12), /external_id is longer than 200/);
      assert.match(reason(13), /customer_ref is longer than 100/);
      // A cell too long: which column and its limit, for the UI's language.
      assert.deepEqual(details(13), {
        problem: 'too_long',
        field: 'customer_ref',
        limit: 100,
        unit: 'characters',
      });
      const zhLong = (await fileOf('?lang=zh')).split('\n').find((l) => l.startsWith(`${p}bad11,`));
      assert.ok(zhLong?.includes(',13,客户（customer_ref）超过 100 个字符。,'), zhLong);
      const plainLong = (await fileOf('')).split('\n').find((l) => l.startsWith('13,'));
      assert.ok(
        plainLong?.endsWith(
          ',"{""problem"":""too_long"",""field"":""customer_ref"",""limit"":100,""unit"":""characters""}"',
        ),
        plainLong,
      );
      assert.match(reason(14), /unknown channel "fax"/);
      assert.match(reason(16), /unknown queue "no-such-queue"/);
      assert.match(reason(17), /expected 10 cells, found 4/);
      const raws = await queryRows<{ row: number; raw: string | null }>(
        server.database.db,
        sql`select row, raw from interaction_import_rejections where import_id = ${answer.import_id} and row in (17, 18) order by row`,
      );
      assert.deepEqual(
        raws.map((r) => [r.row, r.raw]),
        [
          [17, JSON.stringify([`${p}bad15`, 'imp.agent1', '2026-11-02 10:00', '60'])],
          [18, JSON.stringify([...good(99).split(','), 'extra'])],
        ],
        'a row with the wrong number of cells still shows its content',
      );
      assert.match(reason(19), /quote/);

      // Without an offset the time is wall time in Asia/Shanghai: 07:30 local is 23:30Z the day before.
      const local = await detail(`${p}good1`);
      assert.equal(local.started_at, '2026-11-01T23:30:00.000Z');
      assert.equal(local.local_date, '2026-11-02');
      const offset = await detail(`${p}good2`);
      assert.equal(offset.started_at, '2026-11-01T23:30:00.000Z');
      assert.equal(offset.duration_s, 86_400, 'exactly a day is allowed');
      assert.equal((await detail(`${p}good3`)).recording_url, 'https://pbx.example.com/rec/1.wav');
    });

    it('an unclosed quote is reported on the line where it opens', async () => {
      const p = prefix();
      const res = await importCsv(
        csv(
          line({ external_id: `${p}1`, agent: 'imp.agent1' }),
          `${p}2,imp.agent1,2026-11-02 10:00,60,call,inbound,,"13812345678,,`,
          line({ external_id: `${p}3`, agent: 'imp.agent1' }),
        ),
      );
      assert.equal(res.status, 200, res.text);
      const answer = asAnswer(res.body);
      assert.equal(answer.imported, 1);
      assert.deepEqual(rowsOf(answer), [[3, 'bad_csv']]);
      assert.match(answer.rejected[0]?.reason ?? '', /never closed/);
    });

    it('a file with no valid row stores no interaction', async () => {
      const p = prefix();
      const res = await importCsv(
        csv(line({ external_id: `${p}1`, agent: 'ghost' }), line({ external_id: `${p}2`, agent: 'ghost' })),
      );
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(
        [asAnswer(res.body).imported, asAnswer(res.body).updated, asAnswer(res.body).rejected_total],
        [0, 0, 2],
      );
      assert.equal(await countWith(p), 0);
    });

    it('keeps the later of two lines with the same external_id and reports the earlier as superseded', async () => {
      const p = prefix();
      const res = await importCsv(
        csv(
          line({ external_id: `${p}1`, agent: 'imp.agent1', duration_s: 10 }),
          line({ external_id: `${p}2`, agent: 'imp.agent1' }),
          line({ external_id: `${p}1`, agent: 'imp.agent2', duration_s: 20 }),
        ),
      );
      assert.equal(res.status, 200, res.text);
      const answer = asAnswer(res.body);
      assert.equal(answer.imported, 2);
      assert.deepEqual(rowsOf(answer), [[2, 'superseded']]);
      assert.match(answer.rejected[0]?.reason ?? '', /line 4/);
      const kept = await detail(`${p}1`);
      assert.deepEqual([kept.agent_id, kept.duration_s], [agent2.id, 20]);
      assert.equal(await countWith(p), 2);
    });
  });

  describe('files refused as a whole', () => {
    it('refuses a file without a required column with 400 and stores nothing', async () => {
      const p = prefix();
      const before = await lastAuditId(server.database.db);
      const res = await importCsv(
        `external_id,agent,duration_s,channel\n${p}1,imp.agent1,60,call\n`, // no started_at
      );
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.error?.code, 'validation_failed');
      assert.match(res.body.error?.message ?? '', /started_at/);
      // Which columns are missing, as data, for a client to say it in its language.
      assert.deepEqual(res.body.error?.details, [
        {
          path: ['file'],
          message:
            'expected a header row with external_id,agent,started_at,duration_s,channel,direction,queue,customer_ref,recording_url,transcript',
          problem: 'missing_columns',
          columns: ['started_at'],
        },
      ]);
      assert.equal(await countWith(p), 0);
      assert.deepEqual(
        (await auditSince(server.database.db, before)).map((a) => a.action),
        [],
        'no batch was written',
      );
    });

    it('refuses an empty body, an empty file and a JSON body that is not an array', async () => {
      const empty = await importCsv('');
      assert.equal(empty.status, 400, empty.text);
      assert.equal(empty.body.error?.code, 'validation_failed');
      assert.deepEqual(empty.body.error?.details, [{ path: ['file'], message: 'empty', problem: 'empty' }]);
      const none = await server.request('POST', '/api/v1/interactions/import', {
        as: lead.id,
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(none.status, 400, none.text);
      const object = await server.request('POST', '/api/v1/interactions/import', {
        as: lead.id,
        body: { external_id: 'x' },
      });
      assert.equal(object.status, 400, object.text);
      const broken = await server.request('POST', '/api/v1/interactions/import', {
        as: lead.id,
        rawBody: '[{"external_id": ',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(broken.status, 400, broken.text);
      assert.equal(broken.body.error?.code, 'malformed_json');
    });

    it('answers 415 for a content type it does not read', async () => {
      const res = await server.request('POST', '/api/v1/interactions/import', {
        as: lead.id,
        rawBody: '%PDF-1.4',
        headers: { 'content-type': 'application/pdf' },
      });
      assert.equal(res.status, 415, res.text);
      assert.equal(res.body.error?.code, 'unsupported_media_type');
      const form = new FormData();
      form.append('file', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'calls.pdf');
      const multipart = await server.request('POST', '/api/v1/interactions/import', { as: lead.id, form });
      assert.equal(multipart.status, 415, multipart.text);
      assert.deepEqual(fs.readdirSync(path.join(dataDir, 'imports')), [], 'uploads are cleaned up');
    });

    it('lets only admin and qa_lead import', async () => {
      const res = await server.request('POST', '/api/v1/interactions/import', {
        as: qa.id,
        rawBody: csv(line({ external_id: 'forbidden-1', agent: 'imp.agent1' })),
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(res.status, 403);
      assert.equal(await countWith('forbidden-'), 0);
    });
  });

  describe('file encodings', () => {
    /** GBK bytes of the characters used here (Node has no GBK encoder; checked by the decoder). */
    const GBK: Record<string, number[]> = {
      测: [0xb2, 0xe2],
      试: [0xca, 0xd4],
      客: [0xbf, 0xcd],
      户: [0xbb, 0xa7],
      您: [0xc4, 0xfa],
      好: [0xba, 0xc3],
    };
    const gbk = (text: string) => {
      const bytes = Buffer.from([...text].flatMap((ch) => GBK[ch] ?? [...Buffer.from(ch)]));
      assert.equal(new TextDecoder('gb18030', { fatal: true }).decode(bytes), text);
      return Uint8Array.from(bytes);
    };
    const importBytes = (bytes: Uint8Array<ArrayBuffer>, query = '') =>
      server.request('POST', `/api/v1/interactions/import${query}`, {
        as: lead.id,
        rawBody: bytes,
        headers: { 'content-type': 'text/csv' },
      });

    it('reads a GBK file (Excel\'s "CSV" in Chinese) as GB18030 and says so in the answer and the history', async () => {
      const p = prefix();
      await buildQueue(server.database.db, { code: '测试' });
      const transcript = JSON.stringify([{ speaker: 'agent', start_s: 0, end_s: 1, text: '您好客户' }]);
      const file = csv(
        line({
          external_id: `${p}1`,
          agent: 'imp.agent1',
          queue: '测试',
          customer_ref: '客户 13800001234',
          transcript,
        }),
      );
      const res = await importBytes(gbk(file), '?filename=gbk.csv');
      assert.equal(res.status, 200, res.text);
      const answer = res.body as ImportAnswer & { encoding: string };
      assert.deepEqual([answer.imported, answer.rejected_total, answer.encoding], [1, 0, 'gb18030']);
      const stored = await detail(`${p}1`);
      assert.equal(stored.customer_ref, '客户 13800001234');
      assert.equal(stored.queue, '测试');
      assert.equal(stored.transcript?.[0]?.text, '您好客户');
      const record = await server.request('GET', `/api/v1/imports/${answer.import_id}`, { as: lead.id });
      assert.equal(record.body.encoding, 'gb18030');
      // A UTF-8 file says utf-8.
      const utf8 = await importCsv(csv(line({ external_id: `${p}2`, agent: 'imp.agent1', queue: '测试' })));
      assert.equal((utf8.body as { encoding: string }).encoding, 'utf-8');
    });

    it('reads a GBK file whose first 64 KB are plain ASCII as GB18030 (the first non-ASCII bytes decide)', async () => {
      const p = prefix();
      const ascii = Array.from({ length: 900 }, (_, i) =>
        line({ external_id: `${p}a${i}`, agent: 'imp.agent1', customer_ref: `plain ascii row ${i}` }),
      );
      const file = csv(
        ...ascii,
        line({ external_id: `${p}zh`, agent: 'imp.agent1', customer_ref: '客户您好' }),
      );
      assert.ok(file.indexOf('客') > 64 * 1024, 'the Chinese row starts after the first 64 KB');
      const res = await importBytes(gbk(file));
      assert.equal(res.status, 200, res.text);
      const answer = res.body as ImportAnswer & { encoding: string };
      assert.deepEqual([answer.imported, answer.rejected_total, answer.encoding], [901, 0, 'gb18030']);
      assert.equal((await detail(`${p}zh`)).customer_ref, '客户您好');
      // Bytes that are neither, after 64 KB of ASCII: refused, naming the file's line.
      const bad = Buffer.concat([Buffer.from(csv(...ascii)), Buffer.from([0xff, 0xfe, 0x0a])]);
      const refused = await importBytes(Uint8Array.from(bad));
      assert.equal(refused.status, 400, refused.text);
      const issue = (refused.body.error as { details: { problem: string; line?: number }[] }).details[0];
      assert.deepEqual([issue?.problem, issue?.line], ['not_utf8', 902]);
    });

    it('refuses a file that is neither UTF-8 nor GB18030 with a file problem, storing nothing', async () => {
      const p = prefix();
      const bytes = Buffer.concat([
        Buffer.from(csv(line({ external_id: `${p}1`, agent: 'imp.agent1' }))),
        Buffer.from([0xff, 0xfe, 0x0a]),
      ]);
      const res = await importBytes(Uint8Array.from(bytes));
      assert.equal(res.status, 400, res.text);
      const issue = (res.body.error as { details: { problem: string; line?: number }[] }).details[0];
      assert.deepEqual([issue?.problem, issue?.line], ['not_utf8', 3]);
      assert.equal(await countWith(p), 0);
    });
  });

  describe('rejected rows file', () => {
    it('can be fixed and imported again: the import columns, the cells whole, formula-like cells round-trip', async () => {
      const p = prefix();
      const transcript = JSON.stringify([
        { speaker: 'customer', start_s: 0, end_s: 2, text: '=HYPERLINK("x"), "quoted", 逗号,\nnew line' },
      ]);
      const long = 'x'.repeat(3 * 1024 * 1024);
      const lines = [
        line({ external_id: `${p}1`, agent: 'imp.agent1' }), // 2: good
        line({ external_id: `${p}2`, agent: 'nobody', customer_ref: '=1+2', queue: queueCode, transcript }), // 3
        line({ external_id: `${p}3`, agent: 'imp.agent1', duration_s: '-5', customer_ref: '+8613800001234' }), // 4
        line({ external_id: `${p}4`, agent: 'imp.agent1', customer_ref: '@home', transcript: `"${long}` }), // 5
      ];
      const first = asAnswer((await importCsv(csv(...lines))).body);
      assert.deepEqual(rowsOf(first), [
        [3, 'unknown_agent'],
        [4, 'bad_duration'],
        [5, 'too_long'],
      ]);
      const res = await server.app.request(`/api/v1/imports/${first.import_id}/rejections.csv?lang=en`, {
        headers: { cookie: await server.sessionCookie(lead.id) },
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM for Excel');
      const text = bytes.toString('utf8');
      assert.ok(text.startsWith(`\ufeff${HEADER},line,reason,detail\n`), text.slice(0, 200));
      // Formula-like cells are guarded for spreadsheets with an apostrophe.
      assert.ok(text.includes(`,'=1+2,`), 'the formula guard');
      assert.ok(text.includes(`,'-5,`), 'the formula guard');
      assert.ok(text.includes(`,'+8613800001234,`), 'the formula guard');
      // A cell too large to keep whole is cut (so it is rejected again as it is), and the row says so.
      assert.match(
        text,
        /transcript: too large to keep whole, so only its start is in this file; copy it from line 5 of the original file/,
      );
      assert.ok(text.length < 2.2 * 1024 * 1024, 'the 3 MB cell is cut at 2 MB');
      // The person fixes the agent and the duration, as in a spreadsheet, and imports the file again.
      const fixed = text.replace(',nobody,', ',imp.agent1,').replace(",'-5,", ',60,');
      const again = await importCsv(fixed);
      assert.equal(again.status, 200, again.text);
      const answer = asAnswer(again.body);
      assert.equal(answer.imported, 2, JSON.stringify(answer.rejected));
      // The row with the cut transcript is rejected again (its line in the fixed file).
      assert.deepEqual(rowsOf(answer), [[4, 'too_long']]);
      const fixedRow = await detail(`${p}2`);
      assert.equal(fixedRow.customer_ref, '=1+2', 'the apostrophe is taken off again');
      assert.equal(fixedRow.queue, queueCode);
      assert.deepEqual(fixedRow.transcript, JSON.parse(transcript));
      assert.equal((await detail(`${p}3`)).customer_ref, '+8613800001234');
    });
    it('keeps XLSX date cells and serials as the import read them: fixed and imported as CSV, the same times', async () => {
      const p = prefix();
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('calls');
      sheet.addRow(HEADER.split(','));
      const date = new Date(Date.UTC(2026, 10, 2, 9, 30)); // wall time 09:30 in the center zone
      sheet.addRow([`${p}1`, 'imp.agent1', date, 60, 'call', 'inbound']);
      sheet.addRow([`${p}2`, 'nobody', date, 60, 'call', 'inbound']);
      sheet.addRow([`${p}3`, 'imp.agent1', 45000.5, 60, 'call', 'inbound']);
      sheet.addRow([`${p}4`, 'nobody', 45000.5, 60, 'call', 'inbound']);
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      const first = await server.request('POST', '/api/v1/interactions/import', {
        as: lead.id,
        rawBody: new Uint8Array(buffer),
        headers: { 'content-type': XLSX_TYPE },
      });
      assert.equal(first.status, 200, first.text);
      assert.deepEqual(rowsOf(asAnswer(first.body)), [
        [3, 'unknown_agent'],
        [5, 'unknown_agent'],
      ]);
      for (const lang of ['zh', 'en']) {
        const res = await server.app.request(
          `/api/v1/imports/${asAnswer(first.body).import_id}/rejections.csv?lang=${lang}`,
          { headers: { cookie: await server.sessionCookie(lead.id) } },
        );
        const fixed = (await res.text()).replaceAll(',nobody,', ',imp.agent1,');
        const again = await importCsv(fixed);
        assert.equal(again.status, 200, again.text);
        assert.equal(asAnswer(again.body).rejected_total, 0, JSON.stringify(asAnswer(again.body).rejected));
        assert.equal((await detail(`${p}2`)).started_at, (await detail(`${p}1`)).started_at, lang);
        assert.equal((await detail(`${p}4`)).started_at, (await detail(`${p}3`)).started_at, lang);
      }
      assert.equal((await detail(`${p}2`)).started_at, '2026-11-02T01:30:00.000Z');
    });
  });

  describe('hostile input', () => {
    it('stores SQL-looking text, quotes, commas and line breaks verbatim', async () => {
      const p = prefix();
      const sqlText = `'); drop table interactions; --`;
      const quoted = `say "hi", then\nleave \\N\ttab`;
      const transcript = [
        { speaker: 'customer', start_s: 0, end_s: 1, text: `${sqlText} ${quoted} \\ \u2028 😀` },
      ];
      const text = csv(
        line({ external_id: `${p}1`, agent: 'imp.agent1', customer_ref: sqlText }),
        line({
          external_id: `${p}2`,
          agent: 'imp.agent1',
          customer_ref: quoted,
          transcript: JSON.stringify(transcript),
        }), // lines 3–4
        line({ external_id: `${p}3'--`, agent: `imp.agent1' or '1'='1` }), // line 5
      );
      assert.equal(lineOf(text, `${p}3'--`), 5);
      const res = await importCsv(text);
      assert.equal(res.status, 200, res.text);
      assert.equal(asAnswer(res.body).imported, 2);
      assert.deepEqual(rowsOf(asAnswer(res.body)), [[5, 'unknown_agent']]);
      assert.equal((await detail(`${p}1`)).customer_ref, sqlText);
      const two = await detail(`${p}2`);
      assert.equal(two.customer_ref, quoted);
      assert.deepEqual(two.transcript, transcript);
      const again = await importCsv(
        csv(
          line({ external_id: `${p}1`, agent: 'imp.agent1', customer_ref: sqlText }),
          line({
            external_id: `${p}2`,
            agent: 'imp.agent1',
            customer_ref: quoted,
            transcript: JSON.stringify(transcript),
          }),
        ),
      );
      assert.equal(asAnswer(again.body).unchanged, 2, 'escaping round-trips exactly');
    });

    it('rejects a NUL character or broken Unicode by row instead of failing the batch', async () => {
      const p = prefix();
      const res = await importCsv(
        csv(
          line({ external_id: `${p}1`, agent: 'imp.agent1', customer_ref: 'abc\u0000def' }),
          line({
            external_id: `${p}2`,
            agent: 'imp.agent1',
            transcript: JSON.stringify([{ speaker: 'agent', start_s: 0, end_s: 1, text: 'nul \u0000 here' }]),
          }),
          line({ external_id: `${p}3`, agent: 'imp.agent1' }),
        ),
      );
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(rowsOf(asAnswer(res.body)), [
        [2, 'bad_text'],
        [3, 'bad_text'],
      ]);
      assert.equal(asAnswer(res.body).imported, 1);
      const json = await server.request('POST', '/api/v1/interactions/import', {
        as: lead.id,
        rawBody: `[{"external_id":"${p}4","agent":"imp.agent1","started_at":"2026-11-02 10:00","duration_s":1,"channel":"call","customer_ref":"\\ud800"},
          {"external_id":"${p}5","agent":"imp.agent1","started_at":"2026-11-02 10:00","duration_s":1,"channel":"call",
           "transcript":[{"speaker":"agent","start_s":0,"end_s":1,"text":"\\u0000"}]}]`,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(json.status, 200, json.text);
      assert.deepEqual(rowsOf(asAnswer(json.body)), [
        [1, 'bad_text'],
        [2, 'bad_text'],
      ]);
      assert.equal(await countWith(p), 1);
    });

    it('rejects a 10 MB line as too long, imports the rows after it and keeps answering', async () => {
      const p = prefix();
      const huge = JSON.stringify([
        { speaker: 'agent', start_s: 0, end_s: 1, text: 'x'.repeat(10 * 1024 * 1024) },
      ]);
      const res = await importCsv(
        csv(
          line({ external_id: `${p}1`, agent: 'imp.agent1' }),
          line({ external_id: `${p}2`, agent: 'imp.agent1', transcript: huge }),
          line({ external_id: `${p}3`, agent: 'imp.agent1' }),
        ),
      );
      assert.equal(res.status, 200, res.text.slice(0, 500));
      assert.ok(res.text.length < 10_000, 'the answer does not echo the line');
      const answer = asAnswer(res.body);
      assert.deepEqual(rowsOf(answer), [[3, 'too_long']]);
      assert.match(answer.rejected[0]?.reason ?? '', /transcript is larger than 1 MB/);
      assert.equal(answer.imported, 2);
      assert.equal(await countWith(p), 2);
      const health = await server.request('GET', '/api/v1/health');
      assert.equal(health.status, 200);
    });
  });

  describe('background imports and history', () => {
    async function waitDone(id: number): Promise<ImportRecord> {
      for (let i = 0; i < 2000; i++) {
        const res = await server.request('GET', `/api/v1/imports/${id}`, { as: lead.id });
        assert.equal(res.status, 200, res.text);
        const imp = res.body as unknown as ImportRecord;
        if (imp.status !== 'queued' && imp.status !== 'running') return imp;
        await tick();
      }
      assert.fail('the import did not finish');
    }

    it('answers 202 at once, then reports progress and counts; lists history; serves the rejected rows as CSV', async () => {
      const p = prefix();
      const lines = [
        line({ external_id: `${p}1`, agent: 'imp.agent1' }),
        line({ external_id: `${p}2`, agent: 'ghost, "the" one' }),
        line({ external_id: `${p}3`, agent: 'imp.agent1', started_at: 'never' }),
        line({ external_id: `${p}4`, agent: 'imp.agent2' }),
      ];
      const res = await importCsv(csv(...lines), '?async=true&filename=november.csv');
      assert.equal(res.status, 202, res.text);
      const accepted = res.body as unknown as ImportRecord;
      assert.ok(Number.isInteger(accepted.id));
      assert.ok(['queued', 'running', 'done'].includes(accepted.status));
      const done = await waitDone(accepted.id);
      assert.equal(done.status, 'done', done.error ?? '');
      assert.deepEqual(
        [done.imported, done.updated, done.unchanged, done.rejected, done.rows_read, done.progress],
        [2, 0, 0, 2, 4, 1],
      );
      assert.equal(done.filename, 'november.csv');
      assert.equal(await countWith(p), 2);

      const second = await importCsv(csv(lines[0] as string), '?async=1');
      assert.equal(second.status, 202);
      const secondId = (second.body as unknown as ImportRecord).id;
      assert.equal((await waitDone(secondId)).unchanged, 1);

      const history = await server.request('GET', '/api/v1/imports?limit=2', { as: lead.id });
      assert.equal(history.status, 200);
      const items = history.body.items as ImportRecord[];
      assert.deepEqual(
        items.map((i) => i.id),
        [secondId, accepted.id],
        'newest first',
      );
      assert.ok((history.body.total as number) >= 2);
      assert.ok(history.body.next_cursor, 'more pages');
      const next = await server.request(
        'GET',
        `/api/v1/imports?limit=2&cursor=${encodeURIComponent(history.body.next_cursor as string)}`,
        { as: lead.id },
      );
      const older = (next.body.items as ImportRecord[]).map((i) => i.id);
      assert.ok(older.every((id) => id < accepted.id));

      // Read the bytes: Response.text() drops a BOM.
      const file = await server.app.request(`/api/v1/imports/${accepted.id}/rejections.csv`, {
        headers: { cookie: await server.sessionCookie(lead.id) },
      });
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(file.headers.get('content-disposition') ?? '', /attachment/);
      const bytes = Buffer.from(await file.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM for Excel');
      const text = bytes.subarray(3).toString('utf8');
      assert.ok(text.startsWith('row,code,reason,raw,details\n'), 'the header');
      const records = text.trim().split('\n');
      assert.equal(records.length, 3);
      assert.match(records[1] ?? '', /^3,unknown_agent,"unknown agent ""ghost, ""the"" one"" /);
      assert.match(records[2] ?? '', /^4,bad_time,/);
      assert.ok(records[1]?.includes(`""external_id"":""${p}2""`), 'the raw row, quoted');

      // For people: the import's columns with the row as read, then the line and the reason in their
      // language (the exact reason kept), so the file can be fixed and imported again.
      for (const [lang, extra, explanation] of [
        ['zh', '行号,原因,原因（原文）', '坐席不存在（没有该用户名的在职用户）。'],
        ['en', 'line,reason,detail', 'Unknown agent (no active user with this username).'],
      ] as const) {
        const localized = await server.app.request(
          `/api/v1/imports/${accepted.id}/rejections.csv?lang=${lang}`,
          {
            headers: { cookie: await server.sessionCookie(lead.id) },
          },
        );
        assert.equal(localized.status, 200);
        const lines = Buffer.from(await localized.arrayBuffer())
          .subarray(3)
          .toString('utf8')
          .trim()
          .split('\n');
        assert.equal(lines[0], `${HEADER},${extra}`);
        assert.ok(
          lines[1]?.startsWith(
            `${p}2,"ghost, ""the"" one",2026-11-02T09:30:00+08:00,120,call,inbound,,,,,3,${explanation},"unknown agent ""ghost`,
          ),
          lines[1],
        );
        assert.equal(lines.length, 3);
      }
      const badLang = await server.request('GET', `/api/v1/imports/${accepted.id}/rejections.csv?lang=fr`, {
        as: lead.id,
      });
      assert.equal(badLang.status, 400);

      assert.equal((await server.request('GET', '/api/v1/imports/999999', { as: lead.id })).status, 404);
      assert.equal(
        (await server.request('GET', '/api/v1/imports/999999/rejections.csv', { as: lead.id })).status,
        404,
      );
    });

    it('keeps why a background import failed as an error code and details (a binary file, a broken workbook)', async () => {
      const binary = await importCsv(
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x0a, 0x01]).toString('latin1'),
        '?async=true&filename=calls.csv',
      );
      assert.equal(binary.status, 202, binary.text);
      const failed = await waitDone((binary.body as unknown as ImportRecord).id);
      assert.equal(failed.status, 'failed');
      assert.match(failed.error ?? '', /^The file lacks the column\(s\): external_id, agent, started_at/);
      assert.equal(failed.error_code, 'validation_failed');
      assert.deepEqual(
        (failed.error_details as { problem: string; columns: string[] }[]).map((d) => [d.problem, d.columns]),
        [['missing_columns', ['external_id', 'agent', 'started_at', 'duration_s', 'channel']]],
      );
      const workbook = await server.request('POST', '/api/v1/interactions/import?async=true', {
        as: lead.id,
        rawBody: 'not a zip at all',
        headers: { 'content-type': XLSX_TYPE },
      });
      assert.equal(workbook.status, 202, workbook.text);
      const unreadable = await waitDone((workbook.body as unknown as ImportRecord).id);
      assert.deepEqual(
        [
          unreadable.status,
          unreadable.error_code,
          (unreadable.error_details as { problem: string }[])[0]?.problem,
        ],
        ['failed', 'validation_failed', 'unreadable_xlsx'],
      );
      const done = await importCsv(
        csv(line({ external_id: `${prefix()}1`, agent: 'imp.agent1' })),
        '?async=1',
      );
      const ok = await waitDone((done.body as unknown as ImportRecord).id);
      assert.deepEqual([ok.status, ok.error, ok.error_code, ok.error_details], ['done', null, null, null]);
    });

    it('shows a running import whose heartbeat stopped as interrupted', async () => {
      const [row] = await queryRows<{ id: number }>(
        server.database.db,
        sql`insert into interaction_imports (created_by, status, source, format, heartbeat_at)
            values (${lead.id}, 'running', 'api', 'csv', now() - interval '1 hour') returning id`,
      );
      const fresh = await queryRows<{ id: number }>(
        server.database.db,
        sql`insert into interaction_imports (created_by, status, source, format, heartbeat_at)
            values (${lead.id}, 'running', 'api', 'csv', now()) returning id`,
      );
      const stale = await server.request('GET', `/api/v1/imports/${row?.id}`, { as: lead.id });
      assert.equal((stale.body as unknown as ImportRecord).status, 'interrupted');
      assert.match((stale.body as unknown as ImportRecord).error ?? '', /Upload the file again/);
      const running = await server.request('GET', `/api/v1/imports/${fresh[0]?.id}`, { as: lead.id });
      assert.equal((running.body as unknown as ImportRecord).status, 'running');
      const list = await server.request('GET', '/api/v1/imports?limit=5', { as: lead.id });
      const listed = (list.body.items as ImportRecord[]).find((i) => i.id === row?.id);
      assert.equal(listed?.status, 'interrupted');
    });
  });

  describe('audit', () => {
    it('writes an interaction.import_batch entry per batch with its counts', async () => {
      const p = prefix();
      const before = await lastAuditId(server.database.db);
      const res = await importCsv(
        csv(
          line({ external_id: `${p}1`, agent: 'imp.agent1' }),
          line({ external_id: `${p}2`, agent: 'ghost' }),
        ),
      );
      const id = asAnswer(res.body).import_id;
      const entries = await auditSince(server.database.db, before);
      assert.deepEqual(
        entries.map((e) => [e.action, e.entity_type, e.entity_id, e.actor_id]),
        [['interaction.import_batch', 'interaction_import', String(id), lead.id]],
      );
      assert.deepEqual(entries[0]?.after, {
        imported: 1,
        updated: 0,
        unchanged: 0,
        rejected: 1,
        first_line: 2,
        last_line: 2,
      });
    });

    it('a batch that fails in the database leaves no interactions, rejections or audit entry', async () => {
      const p = prefix();
      const db = server.database.db;
      await db.execute(sql`create or replace function zj_test_refuse() returns trigger language plpgsql as $$
        begin
          if new.external_id like '%-boom' then raise exception 'refused by test trigger'; end if;
          return new;
        end $$`);
      await db.execute(
        sql`create trigger zj_test_refuse before insert on interactions for each row execute function zj_test_refuse()`,
      );
      try {
        const before = await lastAuditId(db);
        const res = await importCsv(
          csv(
            line({ external_id: `${p}1`, agent: 'imp.agent1' }),
            line({ external_id: `${p}2`, agent: 'ghost' }),
            line({ external_id: `${p}3-boom`, agent: 'imp.agent1' }),
          ),
        );
        assert.equal(res.status, 500, res.text);
        assert.equal(res.body.error?.code, 'internal_error');
        assert.doesNotMatch(res.text, /refused by test trigger|zj_test/);
        assert.equal(await countWith(p), 0);
        assert.deepEqual(await auditSince(db, before), []);
        const [imp] = await queryRows<{ id: number; status: string; imported: number; rejected: number }>(
          db,
          sql`select id, status, imported, rejected from interaction_imports order by id desc limit 1`,
        );
        assert.deepEqual([imp?.status, imp?.imported, imp?.rejected], ['failed', 0, 0]);
        const [rejections] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from interaction_import_rejections where import_id = ${imp?.id ?? 0}`,
        );
        assert.equal(rejections?.n, 0);
      } finally {
        await db.execute(sql`drop trigger zj_test_refuse on interactions`);
        await db.execute(sql`drop function zj_test_refuse()`);
      }
    });
  });

  describe('evidence: contacts that evaluations cite', () => {
    /** An evaluation of the interaction by the QA, a draft or submitted. */
    async function evaluate(externalId: string, submit: boolean): Promise<{ id: number; version: number }> {
      const form = await buildForm(server.database.db);
      const res = await server.request('POST', '/api/v1/evaluations', {
        as: qa.id,
        body: {
          interaction_id: (await detail(externalId)).id,
          form_id: form.id,
          method: 'recording_review',
          answers: form.itemIds.map((item_id) => ({ item_id, result: 'pass' })),
          submit,
        },
      });
      assert.equal(res.status, 201, res.text);
      return res.body as unknown as { id: number; version: number };
    }

    /** The stored row as it is, with what an update would change (import_id, updated_at, hash). */
    async function stored(externalId: string): Promise<Record<string, unknown>> {
      const [row] = await queryRows<Record<string, unknown>>(
        server.database.db,
        sql`select id, agent_id, started_at::text, duration_s, channel, direction, queue_id, customer_ref,
              recording_url, transcript::text, content_hash, import_id, updated_at::text
            from interactions where external_id = ${externalId}`,
      );
      assert.ok(row, externalId);
      return row;
    }

    const rejectionsFile = async (importId: number, query: string) =>
      Buffer.from(
        await (
          await server.app.request(`/api/v1/imports/${importId}/rejections.csv${query}`, {
            headers: { cookie: await server.sessionCookie(lead.id) },
          })
        ).arrayBuffer(),
      ).toString('utf8');

    it('rejects a changed row of a contact a submitted evaluation cites (evidence_cited), keeps the contact; identical and other rows as usual', async () => {
      const p = prefix();
      const first = [
        line({ external_id: `${p}cited`, agent: 'imp.agent1', transcript: JSON.stringify(TRANSCRIPT) }),
        line({ external_id: `${p}same`, agent: 'imp.agent1' }),
        line({ external_id: `${p}free`, agent: 'imp.agent1' }),
      ];
      assert.deepEqual(asAnswer((await importCsv(csv(...first))).body).imported, 3);
      const cited = await evaluate(`${p}cited`, true);
      await evaluate(`${p}same`, true);
      const before = await stored(`${p}cited`);
      const sameBefore = await stored(`${p}same`);

      const changed = [
        line({
          external_id: `${p}cited`,
          agent: 'imp.agent2',
          started_at: '2026-11-03 10:00',
          duration_s: 999,
          queue: queueCode,
          customer_ref: '13900000000',
          recording_url: 'https://rec.example.com/other.wav',
        }), // 2
        first[1] as string, // 3: identical
        line({ external_id: `${p}free`, agent: 'imp.agent1', duration_s: 77 }), // 4: not cited
        line({ external_id: `${p}new`, agent: 'imp.agent2' }), // 5: new
      ];
      const auditAt = await lastAuditId(server.database.db);
      const res = await importCsv(csv(...changed));
      assert.equal(res.status, 200, res.text);
      const answer = asAnswer(res.body);
      assert.deepEqual(
        [answer.imported, answer.updated, answer.unchanged, answer.rejected_total],
        [1, 1, 1, 1],
      );
      assert.deepEqual(rowsOf(answer), [[2, 'evidence_cited']]);
      const [rejection] = answer.rejected;
      assert.deepEqual(rejection?.details, { problem: 'cited', evaluations: [cited.id] });
      assert.match(
        rejection?.reason ?? '',
        new RegExp(`cited as evidence by submitted evaluation ${cited.id}:`),
      );

      assert.deepEqual(await stored(`${p}cited`), before, 'the cited contact is exactly as it was');
      assert.deepEqual(await stored(`${p}same`), sameBefore);
      assert.equal((await detail(`${p}free`)).duration_s, 77);
      assert.equal(await countWith(p), 4);
      // Audited as every batch, the held row among the rejected.
      const audit = await auditSince(server.database.db, auditAt);
      assert.deepEqual(
        audit.map((a) => [a.action, (a.after as { rejected?: number } | null)?.rejected]),
        [['interaction.import_batch', 1]],
      );

      // The rejected-rows files: for API clients with the code and details, for people in both
      // languages with the row's cells, naming the evaluation.
      const plain = await rejectionsFile(answer.import_id, '');
      assert.ok(plain.includes(`2,evidence_cited,`), plain);
      assert.ok(plain.includes(`"{""problem"":""cited"",""evaluations"":[${cited.id}]}"`), plain);
      const zh = await rejectionsFile(answer.import_id, '?lang=zh');
      assert.ok(zh.includes(`已提交的质检评估引用了该通话作为证据`), zh);
      assert.ok(zh.includes(`（评估 #${cited.id}）`), zh);
      const en = await rejectionsFile(answer.import_id, '?lang=en');
      assert.ok(en.includes(`A submitted evaluation cites this contact as evidence`), en);
      assert.ok(en.includes(`(evaluation #${cited.id})`), en);
      // Its cells are the row as imported (the agent's username, the time in the center zone), so
      // the file imports again: still held, and once the evaluation is gone it would apply.
      assert.ok(
        en.includes(
          `${p}cited,imp.agent2,2026-11-03T10:00:00+08:00,999,call,inbound,${queueCode},13900000000,https://rec.example.com/other.wav,,2,`,
        ),
        en,
      );
      const again = asAnswer((await importCsv(en)).body);
      assert.deepEqual(rowsOf(again), [[2, 'evidence_cited']]);
      assert.deepEqual(await stored(`${p}cited`), before);
      // (The evaluation no longer of this contact, as if it had never been made.)
      await server.database.db.execute(
        sql`update evaluations set interaction_id = null where id = ${cited.id}`,
      );
      const applied = asAnswer((await importCsv(en)).body);
      assert.deepEqual([applied.updated, applied.rejected_total], [1, 0]);
      const moved = await detail(`${p}cited`);
      assert.deepEqual(
        [
          moved.agent_id,
          moved.started_at,
          moved.duration_s,
          moved.queue,
          moved.customer_ref,
          moved.transcript,
        ],
        [agent2.id, '2026-11-03T02:00:00.000Z', 999, queueCode, '13900000000', null],
      );
    });

    it('holds a cited contact in JSON and XLSX imports too', async () => {
      const p = prefix();
      const body = [
        { external_id: `${p}1`, agent: 'imp.agent1', started_at: '2026-11-02 09:00', duration_s: 60 },
        { external_id: `${p}2`, agent: 'imp.agent1', started_at: '2026-11-02 09:05', duration_s: 60 },
      ];
      const res = await server.request('POST', '/api/v1/interactions/import', { as: lead.id, body });
      assert.equal(asAnswer(res.body).imported, 2, res.text);
      const cited = await evaluate(`${p}1`, true);
      const before = await stored(`${p}1`);

      const json = await server.request('POST', '/api/v1/interactions/import', {
        as: lead.id,
        body: [{ ...body[0], duration_s: 61 }, body[1]],
      });
      const fromJson = asAnswer(json.body);
      assert.deepEqual(rowsOf(fromJson), [[1, 'evidence_cited']]);
      assert.deepEqual([fromJson.updated, fromJson.unchanged], [0, 1]);
      assert.deepEqual(fromJson.rejected[0]?.details, { problem: 'cited', evaluations: [cited.id] });

      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('calls');
      sheet.addRow(HEADER.split(','));
      sheet.addRow([`${p}2`, 'imp.agent1', '2026-11-02 09:05', 62, 'call', 'inbound']);
      sheet.addRow([`${p}1`, 'imp.agent2', '2026-11-02 09:00', 60, 'call', 'inbound']);
      const xlsx = await server.request('POST', '/api/v1/interactions/import', {
        as: lead.id,
        rawBody: new Uint8Array(Buffer.from(await workbook.xlsx.writeBuffer())),
        headers: { 'content-type': XLSX_TYPE },
      });
      const fromXlsx = asAnswer(xlsx.body);
      assert.deepEqual(rowsOf(fromXlsx), [[3, 'evidence_cited']]);
      assert.deepEqual([fromXlsx.updated, fromXlsx.unchanged], [1, 0]);
      assert.deepEqual(await stored(`${p}1`), before);
      assert.equal((await detail(`${p}2`)).duration_s, 62);
    });

    it('a contact with only drafts: another agent is rejected (evaluated_agent_changed), other changes apply', async () => {
      const p = prefix();
      const row = { external_id: `${p}1`, agent: 'imp.agent1' };
      assert.equal(asAnswer((await importCsv(csv(line(row)))).body).imported, 1);
      const draft = await evaluate(`${p}1`, false);
      const before = await stored(`${p}1`);

      const moved = asAnswer((await importCsv(csv(line({ ...row, agent: 'imp.agent2' })))).body);
      assert.deepEqual(rowsOf(moved), [[2, 'evaluated_agent_changed']]);
      assert.deepEqual([moved.updated, moved.unchanged], [0, 0]);
      assert.deepEqual(moved.rejected[0]?.details, { problem: 'cited', evaluations: [draft.id] });
      assert.match(
        moved.rejected[0]?.reason ?? '',
        new RegExp(`draft evaluation ${draft.id} of its stored agent`),
      );
      assert.deepEqual(await stored(`${p}1`), before);
      const zh = await rejectionsFile(moved.import_id, '?lang=zh');
      assert.ok(zh.includes(`导入不能更换坐席`), zh);

      const longer = asAnswer(
        (await importCsv(csv(line({ ...row, duration_s: 300, customer_ref: 'c-9' })))).body,
      );
      assert.deepEqual([longer.updated, longer.rejected_total], [1, 0]);
      const after = await detail(`${p}1`);
      assert.deepEqual([after.agent_id, after.duration_s, after.customer_ref], [agent.id, 300, 'c-9']);
    });
  });
});
