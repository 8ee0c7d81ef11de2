import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { type Database, type Db, openDatabase, queryRows } from '../../db/client.ts';
import { buildUser } from '../../../test/factories.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { GENESIS_HASH } from './audit.hash.ts';
import { sealAudit, startAuditSealer } from './audit.sealer.ts';
import { type AuditContext, auditInsert, recordAudit, recordAudits } from './audit.service.ts';
import { pendingSeal, verifyAuditChain } from './audit.verify.ts';
import type { AuditAction, AuditEntityType } from '../../../../shared/audit.ts';

const SYSTEM: AuditContext = { actorId: null, actorUsername: 'system', ip: null };

type Link = { id: number; seq: number | null; prev_hash: string | null; hash: string | null; action: string };

async function links(db: Db): Promise<Link[]> {
  return queryRows<Link>(
    db,
    sql`select id::int as id, seq::int as seq, prev_hash, hash, action from audit_log order by seq nulls last, id`,
  );
}

/**
 * The whole trail is one chain: every entry sealed, positions 1…n without a gap or a repeat, each
 * entry's prev_hash the hash of the one before (so no two share a predecessor: no fork), and
 * verify agrees.
 */
async function assertOneChain(db: Db): Promise<Link[]> {
  const rows = await links(db);
  assert.ok(rows.length > 0);
  let prev = GENESIS_HASH;
  rows.forEach((row, i) => {
    assert.equal(row.seq, i + 1, `entry ${row.id} (${row.action}) at position ${i + 1}`);
    assert.equal(row.prev_hash, prev, `entry ${row.id} links to its predecessor`);
    assert.ok(row.hash);
    prev = row.hash;
  });
  assert.equal(new Set(rows.map((r) => r.prev_hash)).size, rows.length, 'no two entries share a predecessor');
  const verdict = await verifyAuditChain(db);
  assert.equal(verdict.ok, true, verdict.reason ?? '');
  assert.equal(verdict.checked, rows.length);
  assert.equal(verdict.pending, 0);
  return rows;
}

/** Waits (without asserting on time) until nothing is pending; fails if that never happens. */
async function untilSealed(db: Db): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if ((await pendingSeal(db)).pending === 0) return;
    await sleep(50);
  }
  assert.fail('entries stayed unsealed for 20 s: the sealer did not run');
}

describe('audit sealing', () => {
  let server: TestServer;
  let db: Db;
  let admin: number;

  before(async () => {
    server = await getTestServer();
    db = server.database.db;
    admin = (await buildUser(db, { roles: ['admin'] })).id;
  });
  after(() => server.close());

  it('writes insert unsealed entries; sealing chains them in id order', async () => {
    await db.transaction((tx) =>
      recordAudits(tx, SYSTEM, [
        { action: 'test.first' as AuditAction, entityType: 'test' as AuditEntityType, entityId: 1 },
        {
          action: 'test.second' as AuditAction,
          entityType: 'test' as AuditEntityType,
          entityId: 2,
          after: { n: 2 },
        },
      ]),
    );
    const unsealed = await links(db);
    assert.ok(unsealed.length >= 2);
    assert.ok(
      unsealed.every((r) => r.seq === null && r.hash === null && r.prev_hash === null),
      'nothing chained in the writer',
    );
    const pending = await verifyAuditChain(db);
    assert.equal(pending.ok, true);
    assert.equal(pending.pending, unsealed.length);
    assert.equal(pending.sealer_stalled, false);
    assert.equal(await sealAudit(db), unsealed.length);
    assert.equal(await sealAudit(db), 0, 'nothing left');
    const rows = await assertOneChain(db);
    const first = rows.findIndex((r) => r.action === 'test.first');
    assert.equal(rows[first + 1]?.action, 'test.second');
  });

  it('twenty writers at once end in one unbroken chain with no gaps in seq', async () => {
    const sealer = startAuditSealer(db, { intervalMs: 5, debounceMs: 0 });
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          server.request('POST', '/api/v1/teams', { as: admin, body: { name: `Parallel ${i}` } }),
        ),
      );
      for (const res of results) assert.equal(res.status, 201, res.text);
    } finally {
      await sealer.stop();
    }
    const rows = await assertOneChain(db);
    assert.equal(rows.filter((r) => r.action === 'team.create').length, 20);
  });

  it('entries written inside another statement (auditInsert) are sealed alike, and roll back with it', async () => {
    const write = (name: string) => {
      const audit = auditInsert(SYSTEM, [
        {
          action: 'test.in_statement' as AuditAction,
          entityType: 'team',
          entityId: sql`select id from created`,
        },
      ]);
      assert.ok(audit.statement);
      return db.transaction(async (tx) => {
        const [team] = await queryRows<{ id: number }>(
          tx,
          sql`with created as (insert into teams (name) values (${name}) returning id),
                audited as (${audit.statement})
              select id from created`,
        );
        if (name === 'Rolled Back Team') throw new Error('give up');
        return team?.id;
      });
    };
    const id = await write('Statement Team');
    await assert.rejects(write('Rolled Back Team'), /give up/);
    await sealAudit(db);
    const rows = await assertOneChain(db);
    const entries = await queryRows<{ entity_id: string; at: Date }>(
      db,
      sql`select entity_id, at from audit_log where action = 'test.in_statement'`,
    );
    assert.deepEqual(
      entries.map((e) => e.entity_id),
      [String(id)],
    );
    assert.equal(rows.at(-1)?.action, 'test.in_statement');
  });

  it('an entry whose transaction rolls back never appears', async () => {
    await assert.rejects(
      db.transaction(async (tx) => {
        await recordAudit(tx, SYSTEM, {
          action: 'test.rolled_back' as AuditAction,
          entityType: 'test' as AuditEntityType,
          entityId: 1,
        });
        if (server.database.kind === 'postgres') {
          // Another connection seals while this transaction is open: the entry is not visible to it.
          assert.equal(await sealAudit(db), 0);
        }
        throw new Error('give up');
      }),
      /give up/,
    );
    await recordAudit(db, SYSTEM, {
      action: 'test.after_rollback' as AuditAction,
      entityType: 'test' as AuditEntityType,
      entityId: 2,
    });
    await sealAudit(db);
    const rows = await assertOneChain(db);
    assert.equal(rows.filter((r) => r.action === 'test.rolled_back').length, 0);
    assert.equal(rows.at(-1)?.action, 'test.after_rollback');
  });

  it('an entry committed after a later one gets the later seq (ids reserved out of order)', async () => {
    // As when a transaction takes its id first and commits last: reserve an id, let a later one
    // commit and be sealed, then commit the first.
    const [reserved] = await queryRows<{ id: number }>(
      db,
      sql`select nextval(pg_get_serial_sequence('audit_log', 'id'))::int as id`,
    );
    assert.ok(reserved);
    await recordAudit(db, SYSTEM, {
      action: 'test.committed_first' as AuditAction,
      entityType: 'test' as AuditEntityType,
      entityId: 1,
    });
    await sealAudit(db);
    await db.execute(sql`insert into audit_log (id, at, action, entity_type, actor_username)
      values (${reserved.id}, now(), 'test.committed_last', 'test', 'system')`);
    await sealAudit(db);
    const rows = await assertOneChain(db);
    const first = rows.find((r) => r.action === 'test.committed_first');
    const last = rows.find((r) => r.action === 'test.committed_last');
    assert.ok(first && last && first.seq !== null && last.seq !== null);
    assert.ok(last.id < first.id, 'the late one has the lower id');
    assert.equal(last.seq, first.seq + 1, 'and the later position');
  });

  it('with two open transactions, the one committing last is sealed last (PostgreSQL)', async (t) => {
    if (server.database.kind !== 'postgres') {
      t.skip('PGlite has one connection: two transactions cannot be open at once');
      return;
    }
    let releaseLate: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      releaseLate = resolve;
    });
    let lateWritten: () => void = () => undefined;
    const written = new Promise<void>((resolve) => {
      lateWritten = resolve;
    });
    const late = db.transaction(async (tx) => {
      await recordAudit(tx, SYSTEM, {
        action: 'test.late' as AuditAction,
        entityType: 'test' as AuditEntityType,
        entityId: 1,
      });
      lateWritten();
      await held;
    });
    await written;
    await db.transaction((tx) =>
      recordAudit(tx, SYSTEM, {
        action: 'test.early' as AuditAction,
        entityType: 'test' as AuditEntityType,
        entityId: 2,
      }),
    );
    assert.equal(await sealAudit(db), 1, 'only the committed entry is sealed');
    releaseLate();
    await late;
    assert.equal(await sealAudit(db), 1);
    const rows = await assertOneChain(db);
    const lateRow = rows.find((r) => r.action === 'test.late');
    const earlyRow = rows.find((r) => r.action === 'test.early');
    assert.ok(lateRow && earlyRow && lateRow.seq !== null && earlyRow.seq !== null);
    assert.ok(lateRow.id < earlyRow.id);
    assert.equal(lateRow.seq, earlyRow.seq + 1);
  });

  it('two sealers (two processes) on one PostgreSQL database never fork the chain', async (t) => {
    const url = server.database.pool?.options.connectionString;
    if (server.database.kind !== 'postgres' || !url) {
      t.skip('needs PostgreSQL (a PGlite directory is held by one process)');
      return;
    }
    const other: Database = await openDatabase({ kind: 'postgres', url, poolSize: 8 });
    const sealers = [
      startAuditSealer(db, { intervalMs: 3, debounceMs: 0 }),
      startAuditSealer(other.db, { intervalMs: 3, debounceMs: 0 }),
    ];
    try {
      const before = (await links(db)).length;
      // 200 transactions of 1–3 entries, half through each "process", while both seal.
      let written = 0;
      for (let round = 0; round < 10; round++) {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => {
            const target = i % 2 === 0 ? db : other.db;
            const n = 1 + (i % 3);
            written += n;
            return target.transaction(async (tx) => {
              await recordAudits(
                tx,
                SYSTEM,
                Array.from({ length: n }, (_, k) => ({
                  action: 'test.two_sealers' as AuditAction,
                  entityType: 'test' as AuditEntityType,
                  entityId: `${round}.${i}.${k}`,
                })),
              );
            });
          }),
        );
        // And explicit passes racing each other.
        await Promise.all([sealAudit(db, 7), sealAudit(other.db, 7)]);
      }
      await Promise.all(sealers.map((s) => s.stop()));
      const rows = await assertOneChain(db);
      assert.equal(rows.length, before + written);
    } finally {
      await Promise.all(sealers.map((s) => s.stop()));
      await other.close();
    }
  });

  it('the running sealer chains entries after their commit, without deadlocking a single connection', async () => {
    const sealer = startAuditSealer(db);
    try {
      await db.transaction(async (tx) => {
        await recordAudit(tx, SYSTEM, {
          action: 'test.auto' as AuditAction,
          entityType: 'test' as AuditEntityType,
          entityId: 1,
        });
        // Long enough for the prompted pass to start while this transaction is open (on PGlite
        // it queues behind it on the one connection; on PostgreSQL it sees nothing yet).
        await sleep(60);
      });
      await untilSealed(db);
    } finally {
      await sealer.stop();
    }
    const rows = await assertOneChain(db);
    assert.equal(rows.at(-1)?.action, 'test.auto');
  });

  it('stopping the sealer seals what is left', async () => {
    const sealer = startAuditSealer(db, { intervalMs: 3_600_000, debounceMs: 3_600_000 });
    await sealer.sealNow();
    await db.transaction((tx) =>
      recordAudit(tx, SYSTEM, {
        action: 'test.before_stop' as AuditAction,
        entityType: 'test' as AuditEntityType,
        entityId: 1,
      }),
    );
    assert.equal((await pendingSeal(db)).pending, 1);
    await sealer.stop();
    assert.equal((await pendingSeal(db)).pending, 0);
    await assertOneChain(db);
  });

  it('verify reports entries waiting too long as a stalled sealer, apart from the chain', async () => {
    await recordAudit(db, SYSTEM, {
      action: 'test.stale' as AuditAction,
      entityType: 'test' as AuditEntityType,
      entityId: 1,
    });
    await db.execute(sql`update audit_log set at = at - interval '5 minutes' where action = 'test.stale'`);
    const res = await server.request('GET', '/api/v1/audit/verify', { as: admin });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.ok, true, 'the sealed chain itself is intact');
    assert.equal(res.body.pending, 1);
    assert.equal(res.body.sealer_stalled, true);
    assert.equal(typeof res.body.oldest_pending_at, 'string');
    await sealAudit(db);
    const after = await verifyAuditChain(db);
    assert.equal(after.pending, 0);
    assert.equal(after.sealer_stalled, false);
    assert.equal(after.oldest_pending_at, null);
  });

  it('the audit list shows pending entries without a position or hash, sealed ones with them', async () => {
    const team = await server.request('POST', '/api/v1/teams', {
      as: admin,
      body: { name: 'Listed Pending' },
    });
    assert.equal(team.status, 201);
    const list = async () =>
      (
        (await server.request('GET', '/api/v1/audit?limit=1&action=team.create', { as: admin })).body as {
          items: { entity_id: string; seq: number | null; hash: string | null }[];
        }
      ).items[0];
    const pending = await list();
    assert.equal(pending?.entity_id, String(team.body.id));
    assert.equal(pending?.seq, null);
    assert.equal(pending?.hash, null);
    await sealAudit(db);
    const sealed = await list();
    assert.equal(typeof sealed?.seq, 'number');
    assert.match(sealed?.hash ?? '', /^[0-9a-f]{64}$/);
  });
});
