import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase, queryRows } from '../../db/client.ts';
import '../../policies/index.ts';
import { testDatabaseUrl } from '../../../test/test-db.ts';
import { createImport, importResult, runImport } from './import.service.ts';

const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '../../../..');
const ROWS = 40_000;
const BATCH = 1000;

/**
 * The child: opens the database, runs the import of FILE (import IMPORT_ID) in batches of BATCH
 * rows, and says `committed` once two batches are in; the parent then kills it with SIGKILL.
 */
const CHILD = `
const { openDatabase } = await import(${JSON.stringify(path.join(HERE, '../../db/client.ts'))});
await import(${JSON.stringify(path.join(HERE, '../../policies/index.ts'))});
const { runImport } = await import(${JSON.stringify(path.join(HERE, 'import.service.ts'))});
const { sql } = await import('drizzle-orm');
const env = process.env;
const database = env.KILL_URL
  ? await openDatabase({ kind: 'postgres', url: env.KILL_URL, poolSize: 4 })
  : await openDatabase({ kind: 'pglite', dataDir: env.KILL_DIR });
const id = Number(env.IMPORT_ID);
const watch = setInterval(async () => {
  const { rows } = await database.db.execute(sql\`select rows_read from interaction_imports where id = \${id}\`);
  if (Number(rows[0]?.rows_read) >= ${2 * BATCH}) {
    clearInterval(watch);
    process.stdout.write('committed\\n');
  }
}, 20);
const upload = { path: env.FILE, filename: 'kill.csv', format: 'csv', bytes: Number(env.BYTES), source: 'api' };
await runImport({ db: database.db, pool: database.pool, timezone: 'Asia/Shanghai', limits: { rows: ${BATCH} } }, id, upload,
  { actorId: null, actorUsername: null, ip: null });
process.stdout.write('finished\\n');
`;

type Opened = { database: Database; childEnv: Record<string, string>; cleanUp: () => Promise<void> };

/** A database the child can open too: a scratch PostgreSQL database, or PGlite in a directory. */
async function openShared(dir: string): Promise<Opened> {
  const url = testDatabaseUrl();
  if (!url) {
    const dataDir = path.join(dir, 'data');
    return {
      database: await openDatabase({ kind: 'pglite', dataDir }),
      childEnv: { KILL_DIR: dataDir },
      cleanUp: () => Promise.resolve(),
    };
  }
  const name = `zhijian_kill_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    database: await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: 4 }),
    childEnv: { KILL_URL: u.toString() },
    cleanUp: async () => {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

describe('interaction import killed midway', () => {
  it('leaves whole batches only, in file order; the same file then finishes it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-import-kill-'));
    let shared = await openShared(dir);
    let child: ChildProcess | null = null;
    let open = true;
    try {
      let { db } = shared.database;
      const [, lead] = await queryRows<{ id: number }>(
        db,
        sql`insert into users (username, display_name, password_hash, roles)
            values ('kill.agent', 'K', 'x', '{agent}'), ('kill.lead', 'L', 'x', '{qa_lead}') returning id`,
      );
      const lines = [
        'external_id,agent,started_at,duration_s,channel,direction,queue,customer_ref,recording_url,transcript',
      ];
      for (let i = 0; i < ROWS; i++)
        lines.push(`K-${i},kill.agent,2026-11-02 10:00,${i % 900},call,inbound,,139${i},,`);
      const text = lines.join('\n') + '\n';
      const file = path.join(dir, 'kill.csv');
      fs.writeFileSync(file, text);
      const [imp] = await queryRows<{ id: number }>(
        db,
        sql`insert into interaction_imports (status, source, format, bytes_total) values ('queued', 'api', 'csv', ${text.length}) returning id`,
      );
      const importId = imp?.id ?? 0;
      if (shared.database.kind === 'pglite') {
        await shared.database.close(); // one process at a time
        open = false;
      }

      const running = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
        cwd: ROOT,
        env: {
          ...process.env,
          ...shared.childEnv,
          IMPORT_ID: String(importId),
          FILE: file,
          BYTES: String(text.length),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = running;
      let output = '';
      running.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        running.on('exit', (code, signal) => resolve(signal ?? code)),
      );
      await new Promise<void>((resolve, reject) => {
        running.stdout.on('data', (d: Buffer) => {
          const said = d.toString();
          if (said.includes('committed')) {
            running.kill('SIGKILL');
            resolve();
          } else if (said.includes('finished')) reject(new Error('the import finished before it was killed'));
        });
        running.on('exit', () => reject(new Error(`the child stopped by itself: ${output.slice(-2000)}`)));
      });
      assert.equal(await exited, 'SIGKILL');

      if (!open) {
        shared = {
          ...shared,
          database: await openDatabase({ kind: 'pglite', dataDir: shared.childEnv.KILL_DIR ?? '' }),
        };
        open = true;
      }
      db = shared.database.db;
      const [state] = await queryRows<{
        status: string;
        imported: number;
        rows_read: number;
        n: number;
        last: number;
        batches: number;
      }>(
        db,
        sql`select i.status, i.imported, i.rows_read,
              (select count(*)::int from interactions where external_id like 'K-%') as n,
              (select max(substr(external_id, 3)::int) from interactions where external_id like 'K-%') as last,
              (select count(*)::int from audit_log where action = 'interaction.import_batch' and entity_id = ${String(importId)}) as batches
            from interaction_imports i where i.id = ${importId}`,
      );
      assert.ok(state, 'the import is there');
      assert.equal(state.status, 'running', 'shown as interrupted once its heartbeat is old');
      assert.ok(state.n >= 2 * BATCH && state.n < ROWS, `${state.n} rows were committed`);
      assert.equal(state.n % BATCH, 0, 'whole batches only');
      assert.deepEqual(
        [state.imported, state.rows_read, state.last, state.batches],
        [state.n, state.n, state.n - 1, state.n / BATCH],
      );

      // Uploading the same file again finishes the work: what was kept counts as unchanged.
      const upload = {
        path: file,
        filename: 'kill.csv',
        format: 'csv' as const,
        bytes: text.length,
        source: 'api',
      };
      const actor = {
        id: lead?.id ?? 0,
        username: 'kill.lead',
        display_name: 'L',
        roles: ['qa_lead' as const],
        team_id: null,
        team_name: null,
        led_team_ids: [],
        via: 'session' as const,
      };
      const again = await createImport(db, actor, upload);
      await runImport({ db, pool: shared.database.pool, timezone: 'Asia/Shanghai' }, again, upload, {
        actorId: null,
        actorUsername: null,
        ip: null,
      });
      const result = await importResult(db, again);
      assert.deepEqual(
        [result.imported, result.unchanged, result.rejected_total],
        [ROWS - state.n, state.n, 0],
      );
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (open) await shared.database.close();
      await shared.cleanUp();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
