import { ensureFirstAdmin } from './bootstrap.ts';
import { openDatabase } from './db/client.ts';
import { DataDirLockedError } from './db/lock-file.ts';
import { ConfigError, readEnv } from './env.ts';
import { setLogLevel } from './logger.ts';
import { configureActorCache } from './modules/auth/actor-cache.ts';
import { startSamplingScheduler } from './modules/sampling/scheduler.ts';
import { startOverdueScheduler } from './modules/evaluations/overdue.schedule.ts';
import { startProposalScheduler } from './modules/compliance/compliance.schedule.ts';
import { exitOnStartFailure, serveZhijian } from './serve.ts';

async function main(): Promise<void> {
  const env = readEnv();
  setLogLevel(env.logLevel);
  configureActorCache(env.authCacheSeconds);
  const database = env.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: env.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: env.dataDir });

  const firstAdmin = await ensureFirstAdmin(database.db, env.adminPassword);
  const lines: string[] = [];
  if (firstAdmin) {
    lines.push(
      firstAdmin.generatedPassword
        ? `  First start: sign in as "admin" with password ${firstAdmin.generatedPassword}  (shown once; change it after signing in)`
        : '  First start: sign in as "admin" with the password in ZHIJIAN_ADMIN_PASSWORD',
    );
  }
  serveZhijian(database, env, lines);
  // The daily sampling run at the active plan's local time; once across processes (a claimed day).
  startSamplingScheduler(database.db, env.timezone);
  startProposalScheduler(database.db, env.timezone);
  startOverdueScheduler(database.db);
}

main().catch((err: unknown) =>
  exitOnStartFailure(err, (e) => e instanceof ConfigError || e instanceof DataDirLockedError),
);
