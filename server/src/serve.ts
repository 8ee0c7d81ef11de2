import { serve } from '@hono/node-server';
import { buildApp } from './app.ts';
import type { Database } from './db/client.ts';
import type { Env } from './env.ts';
import { logger } from './logger.ts';
import { startAuditSealer } from './modules/audit/audit.sealer.ts';

/**
 * Serves the app on an open database, prints the banner (plus `extraLines`), and stops cleanly on
 * SIGTERM/SIGINT: stops accepting, closes the database (and its lock), exits 0.
 */
export function serveZhijian(database: Database, env: Env, extraLines: string[] = []): void {
  const app = buildApp({ db: database.db, env, dbKind: database.kind, pool: database.pool });
  // Chains audit entries after their writes commit: now, after every write, and every second.
  const sealer = startAuditSealer(database.db);
  const server = serve({ fetch: app.fetch, port: env.port }, (info) => {
    const lines = [
      '',
      `  Zhijian 质检 is running at http://localhost:${info.port}/`,
      `  API docs:  http://localhost:${info.port}/api/docs`,
      `  Database:  ${database.description}`,
      `  Data dir:  ${env.dataDir}${env.databaseUrl ? ' (recordings and files)' : ''}`,
      `  Time zone: ${env.timezone}`,
      ...extraLines,
    ];
    process.stdout.write(lines.join('\n') + '\n\n');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(() => {
      sealer
        .stop()
        .then(() => database.close())
        .then(() => process.exit(0))
        .catch((err: unknown) => {
          logger.error('error while closing the database', { err: String(err) });
          process.exit(1);
        });
    });
    // Idle keep-alive connections would hold close() open.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Prints why start-up failed, without a stack trace for the expected cases, and exits 1. */
export function exitOnStartFailure(err: unknown, expected: (err: unknown) => boolean): never {
  if (expected(err)) {
    process.stderr.write(`\nZhijian cannot start: ${(err as Error).message}\n\n`);
  } else {
    process.stderr.write(
      `\nZhijian cannot start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n\n`,
    );
  }
  process.exit(1);
}
