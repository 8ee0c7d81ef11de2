import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { MIGRATIONS_FOLDER } from '../../db/client.ts';
import { testDatabaseUrl } from '../../../test/test-db.ts';

const MIGRATION = '20261127082041_interactions_import_id_without_fk';

type Journal = { entries: { tag: string }[] };

/** A copy of the migrations folder that stops just before `tag`. */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-migrations-'));
  fs.cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const file = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(file, 'utf8')) as Journal;
  const at = journal.entries.findIndex((e) => e.tag === tag);
  assert.ok(at > 0, `${tag} is in the journal`);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(file, JSON.stringify(journal));
  return dir;
}

type Runner = { query: (text: string) => Promise<{ rows: Record<string, unknown>[] }> };

/** Rows written with the schema before the migration: an import and interactions pointing to it. */
async function seed(run: Runner): Promise<void> {
  await run.query(
    `insert into users (username, display_name, password_hash, roles) values ('mig.agent', 'M', 'x', '{agent}')`,
  );
  await run.query(`insert into interaction_imports (status, source, format) values ('done', 'api', 'csv')`);
  await run.query(`insert into interactions (external_id, agent_id, started_at, duration_s, channel, direction,
      content_hash, import_id)
    select 'MIG-' || g, (select id from users where username = 'mig.agent'), now(), 60, 'call', 'inbound', 'h',
      (select max(id) from interaction_imports)
    from generate_series(1, 500) g`);
}

async function after(run: Runner): Promise<void> {
  const [state] = (
    await run.query(`select
      (select count(*)::int from pg_constraint where conname = 'interactions_import_id_interaction_imports_id_fk') as fk,
      (select count(*)::int from interactions where import_id = (select max(id) from interaction_imports)) as rows`)
  ).rows;
  assert.deepEqual(state, { fk: 0, rows: 500 }, 'the key is gone and the rows keep their import');
}

describe(`migration ${MIGRATION}`, () => {
  it('applies over existing interactions (on the test database kind)', async () => {
    const before = migrationsBefore(MIGRATION);
    try {
      const url = testDatabaseUrl();
      if (!url) {
        const client = new PGlite();
        try {
          const db = drizzlePglite(client);
          await migratePglite(db, { migrationsFolder: before });
          await seed(client);
          await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
          await after(client);
        } finally {
          await client.close();
        }
        return;
      }
      const name = `zhijian_migration_${process.pid}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`drop database if exists "${name}" with (force)`);
        await admin.query(`create database "${name}"`);
        const u = new URL(url);
        u.pathname = `/${name}`;
        // One client, not a pool: a pool's end() resolves before its sockets have closed, and the
        // forced drop below then hits a closing connection whose error nobody listens to.
        const client = new pg.Client({ connectionString: u.toString() });
        await client.connect();
        try {
          const db = drizzlePg(client);
          await migratePg(db, { migrationsFolder: before });
          await seed(client);
          await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
          await after(client);
          await db.execute(sql`select 1`);
        } finally {
          await client.end();
        }
      } finally {
        await admin.query(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
    } finally {
      fs.rmSync(before, { recursive: true, force: true });
    }
  });
});
