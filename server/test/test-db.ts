import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Database, MIGRATIONS_FOLDER, openDatabase } from '../src/db/client.ts';

/** The server tests use when DATABASE_URL / TEST_DATABASE_URL is set; PGlite in memory otherwise. */
export function testDatabaseUrl(): string | null {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;
}

/** Arbitrary constant: serializes template creation between test processes. */
const TEMPLATE_LOCK = 7_246_003;

function migrationsFingerprint(): string {
  const h = createHash('sha256');
  for (const file of fs.readdirSync(MIGRATIONS_FOLDER).sort()) {
    if (file.endsWith('.sql')) h.update(file).update(fs.readFileSync(path.join(MIGRATIONS_FOLDER, file)));
  }
  return h.digest('hex').slice(0, 12);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, migrated database for one test file. On PostgreSQL it is cloned from a template that
 * is migrated once per migration set (`CREATE DATABASE … TEMPLATE`), and dropped on close.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = testDatabaseUrl();
  if (!url) return openDatabase({ kind: 'pglite', dataDir: null });

  const template = `zhijian_tpl_${migrationsFingerprint()}`;
  const name = `zhijian_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount === 0) {
        await admin.query(`create database "${template}"`);
        const migrated = await openDatabase({
          kind: 'postgres',
          url: withDatabase(url, template),
          poolSize: 1,
        });
        await migrated.close();
      }
      await admin.query(`create database "${name}" template "${template}"`);
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ kind: 'postgres', url: withDatabase(url, name), poolSize: 10 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
