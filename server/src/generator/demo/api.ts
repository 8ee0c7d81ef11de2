import { sql } from 'drizzle-orm';
import { buildApp } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { sessions } from '../../db/schema/index.ts';
import type { Env } from '../../env.ts';
import { SESSION_COOKIE } from '../../http/authenticate.ts';
import { newSecret, sha256Hex } from '../../modules/auth/secret.ts';

/**
 * The demo's people act through the real API, in process: the same routes, validation, policies,
 * services and audit entries as a browser or an integration would get. Each person gets a session
 * made for the purpose (not a sign-in: sign-ins would only crowd the trail); `close` removes them.
 */
export type DemoApi = {
  /** Calls the API as `userId` (session cookie) or with an API token; throws on a non-2xx answer. */
  call: <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: {
      as?: number;
      token?: string;
      body?: unknown;
      raw?: { contentType: string; data: string | Uint8Array<ArrayBuffer> };
      ip?: string;
    },
  ) => Promise<T>;
  close: () => Promise<void>;
};

export class DemoApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} answered ${status}: ${body.slice(0, 500)}`);
  }
}

export function demoApi(database: Database, env: Env): DemoApi {
  const app = buildApp(
    { db: database.db, env: { ...env, trustProxy: true }, dbKind: database.kind, pool: database.pool },
    { serveWeb: false },
  );
  const cookies = new Map<number, string>();
  const made: string[] = [];

  async function cookieOf(userId: number): Promise<string> {
    const known = cookies.get(userId);
    if (known) return known;
    const secret = newSecret();
    const id = sha256Hex(secret);
    await database.db
      .insert(sessions)
      .values({ id, user_id: userId, expires_at: new Date(Date.now() + 3_600_000) });
    made.push(id);
    const cookie = `${SESSION_COOKIE}=${secret}`;
    cookies.set(userId, cookie);
    return cookie;
  }

  return {
    async call<T>(
      method: string,
      path: string,
      options: {
        as?: number;
        token?: string;
        body?: unknown;
        raw?: { contentType: string; data: string | Uint8Array<ArrayBuffer> };
        ip?: string;
      },
    ): Promise<T> {
      const headers: Record<string, string> = { 'x-forwarded-for': options.ip ?? '10.20.0.10' };
      if (options.as !== undefined) headers.cookie = await cookieOf(options.as);
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | Uint8Array<ArrayBuffer> | undefined;
      if (options.raw) {
        body = options.raw.data;
        headers['content-type'] = options.raw.contentType;
      } else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const res = await app.request(`/api/v1${path}`, { method, headers, body });
      const text = await res.text();
      if (res.status >= 300) throw new DemoApiError(res.status, text, `${method} ${path}`);
      return (text ? JSON.parse(text) : {}) as T;
    },
    async close() {
      for (const id of made) await database.db.execute(sql`delete from sessions where id = ${id}`);
      made.length = 0;
      cookies.clear();
    },
  };
}
