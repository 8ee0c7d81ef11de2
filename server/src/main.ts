import { serve } from '@hono/node-server';
import { buildApp } from './app.ts';
import { ensureFirstAdmin } from './bootstrap.ts';
import { openDatabase } from './db/client.ts';
import { DataDirLockedError } from './db/lock-file.ts';
import { ConfigError, readEnv } from './env.ts';
import { configureActorCache } from './modules/auth/actor-cache.ts';
import { logger, setLogLevel } from './logger.ts';

async function main(): Promise<void> {
  const env = readEnv();
  setLogLevel(env.logLevel);
  configureActorCache(env.authCacheSeconds);
  const database = env.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: env.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: env.dataDir });

  const firstAdmin = await ensureFirstAdmin(database.db, env.adminPassword);
  const app = buildApp({ db: database.db, env, dbKind: database.kind, pool: database.pool });

  const server = serve({ fetch: app.fetch, port: env.port }, (info) => {
    const lines = [
      '',
      `  Zhijian 质检 is running at http://localhost:${info.port}/`,
      `  API docs:  http://localhost:${info.port}/api/docs`,
      `  Database:  ${database.description}`,
      `  Data dir:  ${env.dataDir}${env.databaseUrl ? ' (recordings and files)' : ''}`,
      `  Time zone: ${env.timezone}`,
    ];
    if (firstAdmin) {
      lines.push(
        firstAdmin.generatedPassword
          ? `  First start: sign in as "admin" with password ${firstAdmin.generatedPassword}  (shown once; change it after signing in)`
          : '  First start: sign in as "admin" with the password in ZHIJIAN_ADMIN_PASSWORD',
      );
    }
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
      database
        .close()
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

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    process.stderr.write(`\nZhijian cannot start: ${err.message}\n\n`);
  } else {
    process.stderr.write(
      `\nZhijian cannot start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n\n`,
    );
  }
  process.exit(1);
});
