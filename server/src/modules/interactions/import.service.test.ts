import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { Actor } from '../../policies/actor.ts';
import { auditSince, lastAuditId } from '../../../test/db-helpers.ts';
import { type BuiltUser, buildForm, buildQueue, buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { type BatchLimits, createImport, importResult, runImport } from './import.service.ts';

const HEADER =
  'external_id,agent,started_at,duration_s,channel,direction,queue,customer_ref,recording_url,transcript';

/**
 * runImport itself, with small batches, on the test database (PGlite, or PostgreSQL with COPY
 * when DATABASE_URL is set): a file written and committed in many batches, in file order, one
 * batch committing while the next is read; a batch failing midway.
 */
describe('interaction import in batches', () => {
  let server: TestServer;
  let dir: string;
  let admin: BuiltUser;
  let actor: Actor;
  let agent: BuiltUser;
  let seq = 0;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-import-batches-'));
    server = await getTestServer();
    const db = server.database.db;
    admin = await buildUser(db, { roles: ['admin'] });
    actor = {
      id: admin.id,
      username: admin.username,
      display_name: admin.username,
      roles: ['admin'],
      team_id: null,
      team_name: null,
      led_team_ids: [],
      via: 'session',
    };
    agent = await buildUser(db, { username: `batch.agent.${Date.now()}` });
    await buildQueue(db, { code: 'BatchQ' });
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Imports `text` as a CSV upload with the given batch limits; answers the import id. */
  async function run(text: string, limits: Partial<BatchLimits>): Promise<number> {
    const file = path.join(dir, `upload-${++seq}.csv`);
    fs.writeFileSync(file, text);
    const upload = {
      path: file,
      filename: 'batches.csv',
      format: 'csv' as const,
      bytes: Buffer.byteLength(text),
      source: 'api',
    };
    const { db, pool } = server.database;
    const id = await createImport(db, actor, upload);
    await runImport({ db, pool, timezone: 'Asia/Shanghai', limits }, id, upload, {
      actorId: admin.id,
      actorUsername: admin.username,
      ip: null,
    });
    return id;
  }

  const countWith = async (prefix: string) =>
    (
      await queryRows<{ n: number }>(
        server.database.db,
        sql`select count(*)::int as n from interactions where external_id like ${`${prefix}%`}`,
      )
    )[0]?.n;

  it('writes a 12,000-row file in batches, in file order, with every rejection on its line; a re-import changes nothing', async () => {
    const p = `B${Date.now()}-`;
    const lines = [HEADER];
    const expectedRejected: [number, string][] = [];
    const line = (n: number) => lines.length + 1 + n * 0; // the line the next pushed row will have
    for (let i = 0; i < 12_000; i++) {
      const at = line(i);
      if (i % 997 === 500) {
        lines.push(`${p}${i},nobody,2026-11-02 10:00,60,call,inbound,,,,`);
        expectedRejected.push([at, 'unknown_agent']);
      } else if (i % 1499 === 7) {
        lines.push(`${p}${i},${agent.username},not a time,60,call,inbound,,,,`);
        expectedRejected.push([at, 'bad_time']);
      } else if (i === 4321 || i === 4324) {
        // The same contact three times in one batch: the last line is kept, each earlier one names
        // the line that replaces it.
        lines.push(`${p}dup,${agent.username},2026-11-02 10:00,${i},call,inbound,batchq,,,`);
        expectedRejected.push([at, 'superseded']);
      } else if (i === 4330) {
        lines.push(`${p}dup,${agent.username},2026-11-02 10:00,${i},call,inbound,batchq,,,`);
      } else {
        const transcript =
          i % 250 === 0
            ? JSON.stringify([{ speaker: 'agent', start_s: 0, end_s: 1, text: `第${i}行, "ok"` }])
            : '';
        const cell = transcript ? `"${transcript.replace(/"/g, '""')}"` : '';
        lines.push(
          `${p}${i},${agent.username},2026-11-02T${String(8 + (i % 10)).padStart(2, '0')}:00:00+08:00,${i % 600},call,inbound,batchq,138${String(i).padStart(8, '0')},,${cell}`,
        );
      }
    }
    const text = lines.join('\n') + '\n';
    const good = 12_000 - expectedRejected.length;
    const beforeAudit = await lastAuditId(server.database.db);

    const id = await run(text, { rows: 1000, rejections: 1000 });
    const first = await importResult(server.database.db, id);
    assert.equal(first.status, 'done');
    assert.deepEqual(
      [first.imported, first.updated, first.unchanged, first.rejected_total],
      [good, 0, 0, expectedRejected.length],
    );
    assert.deepEqual(
      first.rejected.map((r) => [r.row, r.code]),
      expectedRejected.sort((a, b) => a[0] - b[0]),
    );
    assert.equal(await countWith(p), good);

    // One audit entry per batch, their line spans in file order and never overlapping, adding up.
    const entries = (await auditSince(server.database.db, beforeAudit)).filter(
      (e) => e.action === 'interaction.import_batch',
    );
    assert.ok(entries.length >= 12, `${entries.length} batches`);
    const spans = entries.map(
      (e) => e.after as { imported: number; rejected: number; first_line: number; last_line: number },
    );
    for (let i = 1; i < spans.length; i++) {
      assert.ok((spans[i]?.first_line ?? 0) > (spans[i - 1]?.last_line ?? 0), 'batches commit in file order');
    }
    assert.equal(
      spans.reduce((s, e) => s + e.imported, 0),
      good,
    );
    assert.equal(
      spans.reduce((s, e) => s + e.rejected, 0),
      expectedRejected.length,
    );

    const [dup] = await queryRows<{ duration_s: number }>(
      server.database.db,
      sql`select duration_s from interactions where external_id = ${`${p}dup`}`,
    );
    assert.equal(dup?.duration_s, 4330, 'the last line won');
    assert.deepEqual(
      first.rejected.filter((r) => r.code === 'superseded').map((r) => [r.row, r.reason]),
      [
        [4323, `external_id "${p}dup" appears again on line 4326; that line is kept`],
        [4326, `external_id "${p}dup" appears again on line 4332; that line is kept`],
      ],
    );
    const [withTranscript] = await queryRows<{
      transcript: unknown;
      customer_ref: string;
      import_id: number;
    }>(
      server.database.db,
      sql`select transcript, customer_ref, import_id from interactions where external_id = ${`${p}11750`}`,
    );
    assert.deepEqual(withTranscript, {
      transcript: [{ speaker: 'agent', start_s: 0, end_s: 1, text: '第11750行, "ok"' }],
      customer_ref: '13800011750',
      import_id: id,
    });

    const again = await importResult(server.database.db, await run(text, { rows: 700, rejections: 1000 }));
    assert.deepEqual(
      [again.imported, again.updated, again.unchanged, again.rejected_total],
      [0, 0, good, expectedRejected.length],
    );
    assert.equal(await countWith(p), good);
  });

  it('after a batch of only new rows the next skips the unchanged-row probe, and still counts and keeps stored rows as they are', async () => {
    const p = `P${Date.now()}-`;
    const row = (id: string, duration: number) =>
      `${p}${id},${agent.username},2026-11-02 10:00,${duration},call,inbound,,,,`;
    const stored = [HEADER];
    for (let i = 0; i < 500; i++) stored.push(row(`old${i}`, 60));
    const first = await run(stored.join('\n'), { rows: 1000 });

    // Batch 1: 1,000 new rows (the probe finds nothing, so batch 2 goes without it); batch 2: the
    // 500 stored rows, 250 unchanged and 250 changed, and 500 new ones.
    const lines = [HEADER];
    for (let i = 0; i < 1000; i++) lines.push(row(`new${i}`, 1));
    for (let i = 0; i < 500; i++) lines.push(row(`old${i}`, i < 250 ? 60 : 61));
    for (let i = 1000; i < 1500; i++) lines.push(row(`new${i}`, 1));
    const id = await run(lines.join('\n'), { rows: 1000 });
    const answer = await importResult(server.database.db, id);
    assert.deepEqual([answer.imported, answer.updated, answer.unchanged], [1500, 250, 250]);
    const byImport = await queryRows<{ import_id: number; n: number }>(
      server.database.db,
      sql`select import_id, count(*)::int as n from interactions where external_id like ${`${p}old%`}
          group by import_id order by import_id`,
    );
    assert.deepEqual(
      byImport.map((r) => [r.import_id, r.n]),
      [
        [first, 250],
        [id, 250],
      ],
      'unchanged rows keep the import that wrote them',
    );
  });

  it('holds changed rows of cited contacts in every path of the writer (plain INSERT given up, probe, superseded lines), each batch whole', async () => {
    const p = `E${Date.now()}-`;
    const db = server.database.db;
    const other = await buildUser(db, { username: `batch.other.${Date.now()}` });
    const row = (id: string, who: string, duration: number) =>
      `${p}${id},${who},2026-11-02 10:00,${duration},call,inbound,,,,`;
    await run([HEADER, ...['a1', 'a2', 'a3', 'a4'].map((id) => row(id, agent.username, 60))].join('\n'), {
      rows: 1000,
    });
    const form = await buildForm(db);
    const evaluation = async (externalId: string, status: 'submitted' | 'draft') => {
      const [made] = await queryRows<{ id: number }>(
        db,
        sql`insert into evaluations (interaction_id, agent_id, evaluator_id, form_id, form_version_id, method, phase,
              status, local_date)
            select i.id, i.agent_id, ${admin.id}, ${form.id}, ${form.formVersionId}, 'recording_review', 'after',
              ${status}, '2026-11-02'
            from interactions i where i.external_id = ${`${p}${externalId}`}
            returning id::int as id`,
      );
      return made?.id ?? 0;
    };
    const submitted = await evaluation('a2', 'submitted');
    const draft = await evaluation('a3', 'draft');
    const storedRows = () =>
      queryRows<Record<string, unknown>>(
        db,
        sql`select external_id, agent_id, duration_s, content_hash, import_id, updated_at::text
            from interactions where external_id like ${`${p}%`} order by external_id`,
      );
    const before = await storedRows();

    // Batches of two rows. 1: new rows only (so batch 2 is first tried as a plain INSERT); 2: the
    // cited a2 changed, and a new row (the INSERT meets a2 and the batch is upserted); 3: the
    // drafted a3 given another agent twice (the first line superseded, the second held); 4: a4
    // changed (not cited: updated) and a1 unchanged.
    const lines = [
      HEADER,
      row('n1', agent.username, 1), // 2
      row('n2', agent.username, 1), // 3
      row('a2', agent.username, 61), // 4
      row('n3', agent.username, 1), // 5
      row('a3', other.username, 60), // 6
      row('a3', other.username, 62), // 7
      row('a4', agent.username, 61), // 8
      row('a1', agent.username, 60), // 9
    ];
    const auditAt = await lastAuditId(db);
    const id = await run(lines.join('\n'), { rows: 2 });
    const answer = await importResult(db, id);
    assert.deepEqual(
      [answer.imported, answer.updated, answer.unchanged, answer.rejected_total],
      [3, 1, 1, 3],
    );
    assert.deepEqual(
      answer.rejected.map((r) => [r.row, r.code, r.details]),
      [
        [4, 'evidence_cited', { problem: 'cited', evaluations: [submitted] }],
        [6, 'superseded', null],
        [7, 'evaluated_agent_changed', { problem: 'cited', evaluations: [draft] }],
      ],
    );
    const after = await storedRows();
    const byId = (rows: Record<string, unknown>[], externalId: string) =>
      rows.find((r) => r.external_id === `${p}${externalId}`);
    for (const held of ['a1', 'a2', 'a3']) assert.deepEqual(byId(after, held), byId(before, held), held);
    assert.equal(byId(after, 'a4')?.duration_s, 61);
    assert.equal(after.length, 7);
    // One audit entry per batch, the held rows among its rejected.
    const audit = (await auditSince(db, auditAt)).filter((e) => e.action === 'interaction.import_batch');
    assert.deepEqual(
      audit.map((a) => {
        const counts = a.after as { imported: number; updated: number; unchanged: number; rejected: number };
        return [counts.imported, counts.updated, counts.unchanged, counts.rejected];
      }),
      [
        [2, 0, 0, 0],
        [1, 0, 0, 1],
        [0, 0, 0, 2],
        [0, 1, 1, 0],
      ],
    );
  });

  it('two imports of overlapping files at once (ids in opposite orders) both finish, and every id is written once', async () => {
    const p = `C${Date.now()}-`;
    const row = (i: number, duration: number) =>
      `${p}${i},${agent.username},2026-11-02 10:00,${duration},call,inbound,,,,`;
    // A: ids 0–2999 ascending; B: ids 4499–1500 descending, the shared 1,500 with another duration.
    const a = [HEADER];
    for (let i = 0; i < 3000; i++) a.push(row(i, 60));
    const b = [HEADER];
    for (let i = 4499; i >= 1500; i--) b.push(row(i, 61));
    const [first, second] = await Promise.all([
      run(a.join('\n'), { rows: 400 }),
      run(b.join('\n'), { rows: 400 }),
    ]);
    const answers = [
      await importResult(server.database.db, first),
      await importResult(server.database.db, second),
    ];
    for (const answer of answers) {
      assert.equal(answer.status, 'done');
      assert.equal(answer.rejected_total, 0);
      assert.equal(answer.imported + answer.updated + answer.unchanged, 3000);
    }
    // Each shared id was inserted by one import and updated by the other.
    assert.equal(answers[0]!.imported + answers[1]!.imported, 4500);
    assert.equal(answers[0]!.updated + answers[1]!.updated, 1500);
    assert.equal(answers[0]!.unchanged + answers[1]!.unchanged, 0);
    const [stored] = await queryRows<{ n: number; ids: number }>(
      server.database.db,
      sql`select count(*)::int as n, count(distinct external_id)::int as ids from interactions
          where external_id like ${`${p}%`}`,
    );
    assert.deepEqual([stored?.n, stored?.ids], [4500, 4500]);

    // Both again, at once: nothing new; only the shared ids can change (each file sets its duration).
    const again = await Promise.all([run(a.join('\n'), { rows: 400 }), run(b.join('\n'), { rows: 400 })]);
    for (const id of again) {
      const answer = await importResult(server.database.db, id);
      assert.deepEqual([answer.status, answer.imported, answer.rejected_total], ['done', 0, 0]);
      assert.ok(answer.updated <= 1500, `re-import updated ${answer.updated} rows`);
    }
    const [after] = await queryRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from interactions where external_id like ${`${p}%`}`,
    );
    assert.equal(after?.n, 4500);
  });

  it('a batch failing midway keeps the batches before, leaves nothing of it or of the batch being read, and gives back its connections', async () => {
    const p = `F${Date.now()}-`;
    const { db, pool } = server.database;
    const lines = [HEADER];
    for (let i = 0; i < 5000; i++) {
      lines.push(
        `${p}${i}${i === 2500 ? '-boom' : ''},${agent.username},2026-11-02 10:00,60,call,inbound,,,,`,
      );
    }
    await db.execute(sql`create or replace function zj_test_refuse_batch() returns trigger language plpgsql as $$
      begin
        if new.external_id like '%-boom' then raise exception 'refused by test trigger'; end if;
        return new;
      end $$`);
    await db.execute(
      sql`create trigger zj_test_refuse_batch before insert on interactions for each row execute function zj_test_refuse_batch()`,
    );
    try {
      const beforeAudit = await lastAuditId(db);
      await assert.rejects(run(lines.join('\n'), { rows: 1000 }), (err: Error) =>
        /refused by test trigger/.test(`${err.message} ${String(err.cause)}`),
      );
      const [imp] = await queryRows<{ status: string; imported: number; rows_read: number }>(
        db,
        sql`select status, imported, rows_read from interaction_imports order by id desc limit 1`,
      );
      // Rows 0–1999 were in the first two batches; row 2500 is in the third.
      assert.deepEqual([imp?.status, imp?.imported, imp?.rows_read], ['failed', 2000, 2000]);
      assert.equal(await countWith(p), 2000);
      const [last] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from interactions where external_id in (${`${p}1999`}, ${`${p}2000`}, ${`${p}3000`})`,
      );
      assert.equal(last?.n, 1, 'the third batch and the one after it left nothing');
      assert.equal(
        (await auditSince(db, beforeAudit)).filter((e) => e.action === 'interaction.import_batch').length,
        2,
      );
    } finally {
      await db.execute(sql`drop trigger zj_test_refuse_batch on interactions`);
      await db.execute(sql`drop function zj_test_refuse_batch()`);
    }
    if (pool) {
      assert.equal(pool.totalCount - pool.idleCount, 0, 'no connection is left checked out');
    }
    // The same file imports afterwards: the first two batches are unchanged, the rest new.
    const again = await importResult(db, await run(lines.join('\n'), { rows: 1000 }));
    assert.deepEqual([again.imported, again.unchanged, again.rejected_total], [3000, 2000, 0]);
  });
});
