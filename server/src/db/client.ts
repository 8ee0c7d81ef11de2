import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { acquireDataDirLock } from './lock-file.ts';

export type Schema = typeof schema;
/** The database handle every repository takes; the same type for PGlite and node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The node-postgres pool on a server (for COPY); null on PGlite. */
  pool: pg.Pool | null;
  /** Human-readable description for the start-up banner (never includes a password). */
  description: string;
  close: () => Promise<void>;
};

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Arbitrary constant: the advisory-lock key that serializes migrations across processes. */
const MIGRATION_LOCK_KEY = 7_246_001;

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}

export type OpenOptions =
  | { kind: 'pglite'; dataDir: string | null; lock?: boolean }
  | { kind: 'postgres'; url: string; poolSize?: number };

/**
 * Opens the database and brings its schema up to date. PGlite lives in `<dataDir>/pgdata`
 * (in memory when dataDir is null, for tests); a server is reached through a node-postgres pool.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'pglite') {
    const release =
      options.dataDir && options.lock !== false ? acquireDataDirLock(options.dataDir) : () => {};
    try {
      const client = options.dataDir ? new PGlite(path.join(options.dataDir, 'pgdata')) : new PGlite();
      await client.waitReady;
      const db = drizzlePglite(client, { schema });
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
      return {
        db: db as unknown as Db,
        kind: 'pglite',
        pool: null,
        description: options.dataDir
          ? `embedded PostgreSQL (PGlite) in ${path.join(options.dataDir, 'pgdata')}`
          : 'embedded PostgreSQL (PGlite) in memory',
        close: async () => {
          try {
            await client.close();
          } finally {
            release();
          }
        },
      };
    } catch (err) {
      release();
      throw err;
    }
  }

  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 20 });
  pool.on('error', () => {
    /* an idle client died (server restart); the pool replaces it */
  });
  try {
    await migrateWithLock(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const db = drizzlePg(pool, { schema });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    pool,
    description: `PostgreSQL server at ${redactUrl(options.url)}`,
    close: () => pool.end(),
  };
}

/** Runs migrations on one connection holding an advisory lock, so concurrent starts migrate once. */
async function migrateWithLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** True when the error is PostgreSQL's unique violation (23505). */
export function isUniqueViolation(err: unknown): boolean {
  return pgErrorCode(err) === '23505';
}

export function isForeignKeyViolation(err: unknown): boolean {
  return pgErrorCode(err) === '23503';
}

/**
 * Whether the database itself refused the statement (an error with a SQLSTATE): then a statement
 * outside a transaction was rolled back. A lost connection has none — it may have committed.
 */
export function isDatabaseRefusal(err: unknown): boolean {
  return pgErrorCode(err) !== undefined;
}

function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/**
 * Runs raw SQL and answers its rows. Both drivers answer `{ rows }`; drizzle's shared type does
 * not say so, hence this one narrow cast.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const raw: unknown = await db.execute(query);
  return (raw as { rows: T[] }).rows;
}
