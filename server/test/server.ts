import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { type Env, readEnv } from '../src/env.ts';
import { sessions } from '../src/db/schema/index.ts';
import { newSecret, sha256Hex } from '../src/modules/auth/secret.ts';
import { SESSION_COOKIE } from '../src/http/authenticate.ts';
import { setLogLevel } from '../src/logger.ts';
import { openTestDatabase } from './test-db.ts';

export type TestServer = {
  database: Database;
  app: ReturnType<typeof buildApp>;
  /** Calls the API in-process. `as` signs the request in with a session for that user id. */
  request: (method: string, path: string, options?: RequestOptions) => Promise<TestResponse>;
  /** A session cookie header value for a user, without going through the password check. */
  sessionCookie: (userId: number) => Promise<string>;
  close: () => Promise<void>;
};

export type RequestOptions = {
  as?: number;
  token?: string;
  body?: unknown;
  rawBody?: string | Uint8Array<ArrayBuffer>;
  /** A multipart body (the content type with its boundary is set by fetch). */
  form?: FormData;
  headers?: Record<string, string>;
};

export type TestResponse = {
  status: number;
  headers: Headers;
  // Tests read fields freely and assert on them; a typed client is not worth it here.
  body: Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } };
  text: string;
};

export type TestServerOptions = {
  /** Configuration overrides, e.g. `{ trustProxy: true }`. */
  env?: Partial<Env>;
  /** Use this database instead of opening a fresh one (a second app on the same data). */
  database?: Database;
};

/** One app on one fresh database per test file (PGlite in memory, or a cloned PostgreSQL database). */
export async function getTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  setLogLevel('silent');
  const database = options.database ?? (await openTestDatabase());
  const env: Env = { ...readEnv({}), timezone: 'Asia/Shanghai', ...options.env };
  const app = buildApp(
    { db: database.db, env, dbKind: database.kind, pool: database.pool },
    { serveWeb: false },
  );
  const cookies = new Map<number, string>();

  async function sessionCookie(userId: number): Promise<string> {
    const cached = cookies.get(userId);
    if (cached) return cached;
    const secret = newSecret();
    await database.db.insert(sessions).values({
      id: sha256Hex(secret),
      user_id: userId,
      expires_at: new Date(Date.now() + 3600_000),
    });
    const cookie = `${SESSION_COOKIE}=${secret}`;
    cookies.set(userId, cookie);
    return cookie;
  }

  async function request(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as !== undefined) headers.cookie = await sessionCookie(options.as);
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array<ArrayBuffer> | FormData | undefined;
    if (options.form !== undefined) body = options.form;
    else if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: TestResponse['body'];
    try {
      parsed = text ? (JSON.parse(text) as TestResponse['body']) : {};
    } catch {
      parsed = {};
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  return {
    database,
    app,
    request,
    sessionCookie,
    close: () => (options.database ? Promise.resolve() : database.close()),
  };
}

/**
 * A dispute that waits for the QA lead's review (B10–B12): the CSR raises it on the evaluation and
 * their team leader forwards it. Answers the dispute's id; fails the test if either step is refused.
 */
export async function disputeForwardedToReview(
  server: TestServer,
  dispute: { evaluationId: number; agentId: number; leaderId: number; reason: string; itemIds?: number[] },
): Promise<number> {
  const raised = await server.request('POST', `/api/v1/evaluations/${dispute.evaluationId}/disputes`, {
    as: dispute.agentId,
    body: { reason: dispute.reason, ...(dispute.itemIds ? { item_ids: dispute.itemIds } : {}) },
  });
  if (raised.status !== 201) throw new Error(`raising the dispute: ${raised.status} ${raised.text}`);
  const disputeId = raised.body.id as number;
  const forwarded = await server.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
    as: dispute.leaderId,
    body: { uphold: false },
  });
  if (forwarded.status !== 200)
    throw new Error(`forwarding the dispute: ${forwarded.status} ${forwarded.text}`);
  return disputeId;
}
