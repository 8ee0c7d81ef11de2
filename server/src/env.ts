import path from 'node:path';

/** Configuration from the environment (SPEC §5). Read once at start-up. */
export type Env = {
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  adminPassword: string | null;
  timezone: string;
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  trustProxy: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /**
   * How long a process may reuse a resolved session or token without asking the database; also
   * how long another process may still accept a session signed out elsewhere. 0 = no cache.
   */
  authCacheSeconds: number;
};

export class ConfigError extends Error {}

function parseTimezone(value: string | undefined): string {
  const tz = value?.trim() || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new ConfigError(`ZHIJIAN_TIMEZONE "${tz}" is not a known IANA time zone (e.g. Asia/Shanghai)`);
  }
  return tz;
}

function parsePort(value: string | undefined): number {
  if (!value) return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT "${value}" is not a port number`);
  }
  return port;
}

function parseAuthCacheSeconds(value: string | undefined): number {
  if (!value?.trim()) return 5;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 60) {
    throw new ConfigError(`ZHIJIAN_AUTH_CACHE_SECONDS "${value}" must be a whole number from 0 to 60`);
  }
  return seconds;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const level = source.LOG_LEVEL ?? 'info';
  const logLevel = (['debug', 'info', 'warn', 'error', 'silent'] as const).find((l) => l === level) ?? 'info';
  return {
    port: parsePort(source.PORT),
    dataDir: path.resolve(source.ZHIJIAN_DATA_DIR?.trim() || './data'),
    databaseUrl: source.DATABASE_URL?.trim() || null,
    adminPassword: source.ZHIJIAN_ADMIN_PASSWORD || null,
    timezone: parseTimezone(source.ZHIJIAN_TIMEZONE),
    trustProxy: source.ZHIJIAN_TRUST_PROXY === '1' || source.ZHIJIAN_TRUST_PROXY === 'true',
    logLevel,
    authCacheSeconds: parseAuthCacheSeconds(source.ZHIJIAN_AUTH_CACHE_SECONDS),
  };
}
