import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { MIGRATIONS_FOLDER } from '../src/db/client.ts';
import { testDatabaseUrl } from './test-db.ts';

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

export type MigrationRunner = { query: (text: string) => Promise<{ rows: Record<string, unknown>[] }> };

/**
 * Checks a migration over existing data, on the test database kind (PGlite in memory, or a scratch
 * database on the PostgreSQL server of TEST_DATABASE_URL/DATABASE_URL): migrates to just before
 * `tag`, runs `seed` (rows written with the schema of then), migrates to the end and runs `check`.
 */
export async function checkMigration(
  tag: string,
  seed: (run: MigrationRunner) => Promise<void>,
  check: (run: MigrationRunner) => Promise<void>,
): Promise<void> {
  const before = migrationsBefore(tag);
  try {
    const url = testDatabaseUrl();
    if (!url) {
      const client = new PGlite();
      try {
        const db = drizzlePglite(client);
        await migratePglite(db, { migrationsFolder: before });
        await seed(client);
        await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
        await check(client);
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
        await check(client);
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
}
