import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../src/db/schema/index.ts';
import { type Database, type Db, MIGRATIONS_FOLDER, openDatabase } from '../src/db/client.ts';

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
  if (!url) return openPgliteFromTemplate();

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

/**
 * PGlite's initdb costs seconds per test file; loading a dump of an already migrated data dir
 * costs a fraction. The dump is kept in the OS temp dir per migration set and written atomically
 * (a rename), so parallel test processes share it.
 */
async function openPgliteFromTemplate(): Promise<Database> {
  const template = pgliteTemplateFile();
  const client = fs.existsSync(template)
    ? new PGlite({ loadDataDir: new Blob([fs.readFileSync(template)]) })
    : new PGlite();
  await client.waitReady;
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }); // a no-op on a loaded template
  if (!fs.existsSync(template)) {
    const dump = await client.dumpDataDir('none');
    const tmp = `${template}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, template);
  }
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    pool: null,
    description: 'embedded PostgreSQL (PGlite) in memory, from the test template',
    close: () => client.close(),
  };
}

function pgliteTemplateFile(): string {
  return path.join(os.tmpdir(), `zhijian-pglite-tpl-${migrationsFingerprint()}.tar`);
}

/**
 * Lays a migrated PGlite data dir under `<dataDir>/pgdata` (where the app looks for it) from the
 * template, for tests of scripts that open a data dir themselves; `fill` may write to it first.
 */
export async function seedPgliteDataDir(dataDir: string, fill?: (db: Db) => Promise<void>): Promise<void> {
  if (!fs.existsSync(pgliteTemplateFile())) await (await openPgliteFromTemplate()).close();
  const client = new PGlite(path.join(dataDir, 'pgdata'), {
    loadDataDir: new Blob([fs.readFileSync(pgliteTemplateFile())]),
  });
  try {
    await client.waitReady;
    if (fill) await fill(drizzle(client, { schema }));
  } finally {
    await client.close();
  }
}
