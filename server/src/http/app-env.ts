import type pg from 'pg';
import type { Db } from '../db/client.ts';
import type { Env } from '../env.ts';
import type { Actor } from '../policies/actor.ts';

/** What every request handler can reach. */
export type Deps = {
  db: Db;
  env: Env;
  dbKind: 'pglite' | 'postgres';
  /** node-postgres pool when on a server (bulk COPY); null on PGlite. */
  pool: pg.Pool | null;
};

export type AppEnv = {
  Variables: {
    deps: Deps;
    ip: string | null;
    /** Null only on the few public routes. */
    actor: Actor | null;
    authVia: 'session' | 'token' | null;
  };
};
