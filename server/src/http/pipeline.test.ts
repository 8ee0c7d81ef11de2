import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  request,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ServerType, serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { LIMITS } from '../../../shared/limits.ts';
import { type BuiltUser, buildUser } from '../../test/factories.ts';
import { type TestServer, getTestServer } from '../../test/server.ts';
import { queryRows } from '../db/client.ts';
import { readEnv } from '../env.ts';
import { configureActorCache } from '../modules/auth/actor-cache.ts';
import { UI_ABILITIES } from '../modules/auth/session.routes.ts';
import type { AppEnv } from './app-env.ts';
import { handleError } from './on-error.ts';
import { isUnder, requestPipeline } from './pipeline.ts';
import { saveUpload } from './stream-upload.ts';
import { readUploadText } from './upload.ts';

type Answer = { status: number; headers: IncomingHttpHeaders; text: string };

/**
 * A POST whose body is written in 64 KiB chunks without a Content-Length (chunked), as slowly as
 * the server reads it. `send(n)` writes until n bytes are sent or the answer has come; the
 * request is ended only by `end()`, so an answer before it was given without the whole body.
 */
function chunkedUpload(base: string, urlPath: string, headers: Record<string, string>) {
  const req = request(`${base}${urlPath}`, {
    method: 'POST',
    headers: { ...headers, 'transfer-encoding': 'chunked' },
    agent: false,
  });
  let sent = 0;
  let answered = false;
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    // The server answers and closes before it read the whole body.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
    });
  });
  answer.catch(() => undefined);
  const chunk = Buffer.from('a,b,c\n'.repeat((64 * 1024) / 6 + 1).slice(0, 64 * 1024));
  return {
    answer,
    get sent() {
      return sent;
    },
    async send(bytes: number): Promise<void> {
      while (sent < bytes && !answered && !req.destroyed) {
        const ok = req.write(chunk);
        sent += chunk.length;
        if (!ok) await Promise.race([once(req, 'drain'), answer]);
        // Lets the answer in between writes.
        else await new Promise((resolve) => setImmediate(resolve));
      }
    },
    end(): void {
      if (!req.destroyed) req.end();
    },
    destroy(): void {
      req.destroy();
    },
  };
}

/**
 * How many bytes the server had read from each request's connection when it began to answer
 * (the last request's figure). This, not what the client managed to write, shows whether the
 * server stopped reading at its limit: the kernel buffers tens of MiB of a loopback connection
 * (tcp_rmem may allow 32 MiB) that the server never reads.
 */
function readWhenAnswered(server: ServerType): () => number {
  let read = -1;
  (server as Server).prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((...args: Parameters<typeof writeHead>) => {
      read = req.socket.bytesRead;
      return writeHead(...args);
    }) as typeof writeHead;
  });
  return () => read;
}

/** The answer, or a failure when it does not come within `ms` (the server waits for the body). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const MiB = 1024 * 1024;

const oversize = JSON.stringify({ name: 'x'.repeat(LIMITS.jsonBodyBytes + 10) });

describe('request pipeline', () => {
  let server: TestServer;
  let http: ServerType;
  let base: string;
  let admin: BuiltUser;
  let agent: BuiltUser;

  before(async () => {
    server = await getTestServer();
    // As main.ts runs it: /me is then answered from the cached actor.
    configureActorCache(5);
    http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => http.once('listening', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    admin = await buildUser(server.database.db, { roles: ['admin'] });
    agent = await buildUser(server.database.db, { roles: ['agent'] });
  });
  after(async () => {
    configureActorCache(0);
    await new Promise((resolve) => http.close(resolve));
    await server.close();
  });

  /**
   * Over a real Node HTTP server, as @hono/node-server serves the app in production; a connection
   * per request (the server may close one after refusing an oversize body unread).
   */
  function viaNode(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = request(`${base}${path}`, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      });
      // The server may answer 413 and close before it read the whole body.
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
      });
      req.end(body);
    });
  }

  it('puts exactly one nosniff header on every answer over Node: success, 401, 404, 413, docs', async () => {
    const cookie = await server.sessionCookie(admin.id);
    const answers = [
      [await viaNode('GET', '/api/v1/me', { cookie }), 200],
      [await viaNode('GET', '/api/v1/health'), 200],
      [await viaNode('GET', '/api/v1/me'), 401],
      [await viaNode('GET', '/api/v1/no-such-thing', { cookie }), 404],
      [await viaNode('POST', '/api/v1/teams', { cookie, 'content-type': 'application/json' }, oversize), 413],
      [await viaNode('GET', '/api/openapi.json'), 200],
    ] as const;
    for (const [res, status] of answers) {
      assert.equal(res.status, status, res.text.slice(0, 200));
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    }
  });

  it('reads a JSON body up to the limit, declared or chunked, and refuses one over it either way (413)', async () => {
    const cookie = await server.sessionCookie(admin.id);
    const json = { cookie, 'content-type': 'application/json' };
    const chunked = { ...json, 'transfer-encoding': 'chunked' };
    /** A team's JSON padded with spaces to exactly `bytes` (JSON allows them; the name stays short). */
    const padded = (name: string, bytes: number) => {
      const head = JSON.stringify({ name });
      return `${head.slice(0, -1)}${' '.repeat(bytes - head.length)}}`;
    };
    const limit = LIMITS.jsonBodyBytes;
    const atLimit = await viaNode('POST', '/api/v1/teams', json, padded('Team at the limit', limit));
    assert.equal(atLimit.status, 201, atLimit.text.slice(0, 200));
    assert.equal((JSON.parse(atLimit.text) as { name: string }).name, 'Team at the limit');
    const chunkedAtLimit = await viaNode('POST', '/api/v1/teams', chunked, padded('Team chunked', limit));
    assert.equal(chunkedAtLimit.status, 201, chunkedAtLimit.text.slice(0, 200));
    for (const headers of [json, chunked]) {
      const over = await viaNode('POST', '/api/v1/teams', headers, padded('Team over the limit', limit + 1));
      assert.equal(over.status, 413, over.text.slice(0, 200));
      assert.equal((JSON.parse(over.text) as { error: { code: string } }).error.code, 'payload_too_large');
    }
    const [stored] = await queryRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from teams where name = 'Team over the limit'`,
    );
    assert.equal(stored?.n, 0);
  });

  it('puts nosniff on in-process answers too (app.request), error answers included', async () => {
    const cookie = await server.sessionCookie(admin.id);
    const ok = await server.request('GET', '/api/v1/me', { headers: { cookie } });
    const unauthenticated = await server.request('GET', '/api/v1/me');
    const missing = await server.request('GET', '/api/v1/no-such-thing', { headers: { cookie } });
    const tooLarge = await server.request('POST', '/api/v1/teams', {
      // fetch's Request carries no Content-Length; a client over HTTP always sends one with a body.
      headers: { cookie, 'content-type': 'application/json', 'content-length': String(oversize.length) },
      rawBody: oversize,
    });
    assert.deepEqual(
      [ok, unauthenticated, missing, tooLarge].map((r) => [
        r.status,
        r.headers.get('x-content-type-options'),
      ]),
      [
        [200, 'nosniff'],
        [401, 'nosniff'],
        [404, 'nosniff'],
        [413, 'nosniff'],
      ],
    );
    assert.equal(unauthenticated.body.error?.code, 'unauthenticated');
    assert.equal(tooLarge.body.error?.code, 'payload_too_large');
  });

  it('still refuses cross-site cookie writes and unknown tokens over Node', async () => {
    const cookie = await server.sessionCookie(admin.id);
    const crossSite = await viaNode(
      'POST',
      '/api/v1/teams',
      { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      JSON.stringify({ name: 'Cross-site team' }),
    );
    assert.equal(crossSite.status, 403);
    assert.equal(
      (JSON.parse(crossSite.text) as { error: { code: string } }).error.code,
      'cross_site_request',
    );
    const badToken = await viaNode('GET', '/api/v1/me', { authorization: 'Bearer not-a-token' });
    assert.equal(badToken.status, 401);
  });

  it('answers /me from the cached actor, and a role change shows at once', async () => {
    const cookie = await server.sessionCookie(agent.id);
    const first = await viaNode('GET', '/api/v1/me', { cookie });
    const again = await viaNode('GET', '/api/v1/me', { cookie });
    assert.equal(first.headers['content-type'], 'application/json');
    assert.equal(again.text, first.text);
    const me = JSON.parse(first.text) as { roles: string[]; abilities: Record<string, boolean> };
    assert.deepEqual(Object.keys(me), [
      'id',
      'username',
      'display_name',
      'roles',
      'team_id',
      'team_name',
      'timezone',
      'abilities',
    ]);
    assert.deepEqual(Object.keys(me.abilities), [...UI_ABILITIES]);
    assert.equal(me.abilities['users.create'], false);

    const read = await server.request('GET', `/api/v1/users/${agent.id}`, { as: admin.id });
    const patched = await server.request('PATCH', `/api/v1/users/${agent.id}`, {
      as: admin.id,
      body: { version: read.body.version, roles: ['agent', 'admin'] },
    });
    assert.equal(patched.status, 200, patched.text);
    const after = JSON.parse((await viaNode('GET', '/api/v1/me', { cookie })).text) as typeof me;
    assert.deepEqual(after.roles, ['agent', 'admin']);
    assert.equal(after.abilities['users.create'], true);
  });
});

describe('upload bodies without a Content-Length (chunked)', () => {
  let server: TestServer;
  let http: ServerType;
  let base: string;
  let admin: BuiltUser;
  let agent: BuiltUser;
  let uploadDir: string;
  /** The app's data directory, where recording uploads are spooled (recordings/incoming). */
  let dataDir: string;
  /** An app with the production pipeline and two upload routes with a 1 MiB limit. */
  let probeHttp: ServerType;
  let probeBase: string;
  const PROBE_LIMIT = MiB;
  /** Bytes each server had read of the last request when it answered. */
  let readByApp: () => number;
  let readByProbe: () => number;

  before(async () => {
    dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zhijian-pipeline-data-'));
    server = await getTestServer({ env: { dataDir } });
    http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(http, 'listening');
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    readByApp = readWhenAnswered(http);
    admin = await buildUser(server.database.db, { roles: ['admin'] });
    agent = await buildUser(server.database.db, { roles: ['agent'] });

    uploadDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zhijian-pipeline-'));
    const deps = {
      db: server.database.db,
      env: readEnv({}),
      dbKind: server.database.kind,
      pool: server.database.pool,
    };
    const probe = new Hono<AppEnv>();
    probe.onError(handleError);
    probe.use(
      '*',
      requestPipeline(deps, {
        uploadLimit: (p) => (p.startsWith('/api/v1/probe/') ? PROBE_LIMIT : undefined),
        jsonBodyBytes: LIMITS.jsonBodyBytes,
        onError: handleError,
      }),
    );
    probe.post('/api/v1/probe/file', async (c) => {
      const saved = await saveUpload(c, uploadDir, PROBE_LIMIT);
      await fs.promises.rm(saved.path);
      return c.json({ bytes: saved.bytes });
    });
    probe.post('/api/v1/probe/text', async (c) =>
      c.json({ chars: (await readUploadText(c, PROBE_LIMIT)).text.length }),
    );
    probeHttp = serve({ fetch: probe.fetch, port: 0, hostname: '127.0.0.1' });
    await once(probeHttp, 'listening');
    readByProbe = readWhenAnswered(probeHttp);
    probeBase = `http://127.0.0.1:${(probeHttp.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => probeHttp.close(resolve));
    await new Promise((resolve) => http.close(resolve));
    await server.close();
    await fs.promises.rm(uploadDir, { recursive: true, force: true });
    await fs.promises.rm(dataDir, { recursive: true, force: true });
  });

  function errorCode(answer: Answer): string {
    return (JSON.parse(answer.text) as { error: { code: string } }).error.code;
  }

  it('reaches a streamed upload route while the body is still coming (not buffered first)', async () => {
    const cookie = await server.sessionCookie(admin.id);
    const upload = chunkedUpload(probeBase, '/api/v1/probe/file', { cookie, 'content-type': 'text/csv' });
    await upload.send(512 * 1024);
    // The route writes what came so far to its file before the request has ended.
    const deadline = Date.now() + 10_000;
    let onDisk = 0;
    while (onDisk < 512 * 1024 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const files = await fs.promises.readdir(uploadDir);
      const sizes = await Promise.all(
        files.map((f) =>
          fs.promises.stat(path.join(uploadDir, f)).then(
            (s) => s.size,
            () => 0,
          ),
        ),
      );
      onDisk = Math.max(0, ...sizes);
    }
    assert.equal(onDisk, 512 * 1024, 'the first 512 KiB are on disk before the body ends');
    upload.end();
    const answer = await within(upload.answer, 10_000, 'the upload');
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(JSON.parse(answer.text), { bytes: 512 * 1024 });
  });

  it('refuses 50 MB sent to a 1 MiB upload route with 413 after about 1 MiB (saveUpload, raw and multipart)', async () => {
    const cookie = await server.sessionCookie(admin.id);
    for (const type of ['text/csv', 'multipart/form-data; boundary=xyz']) {
      const upload = chunkedUpload(probeBase, '/api/v1/probe/file', { cookie, 'content-type': type });
      void upload.send(50 * MiB);
      const answer = await within(upload.answer, 20_000, type);
      upload.destroy();
      assert.equal(answer.status, 413, answer.text);
      assert.equal(errorCode(answer), 'payload_too_large');
      assert.ok(readByProbe() < 8 * MiB, `answered after reading ${readByProbe()} bytes (${type})`);
    }
  });

  it('refuses 50 MB sent to a 1 MiB text upload route with 413 after about 1 MiB (readUploadText)', async () => {
    const cookie = await server.sessionCookie(admin.id);
    const upload = chunkedUpload(probeBase, '/api/v1/probe/text', { cookie, 'content-type': 'text/csv' });
    void upload.send(50 * MiB);
    const answer = await within(upload.answer, 20_000, 'text upload');
    upload.destroy();
    assert.equal(answer.status, 413, answer.text);
    assert.equal(errorCode(answer), 'payload_too_large');
    assert.ok(readByProbe() < 8 * MiB, `answered after reading ${readByProbe()} bytes`);

    const small = chunkedUpload(probeBase, '/api/v1/probe/text', { cookie, 'content-type': 'text/csv' });
    await small.send(256 * 1024);
    small.end();
    const ok = await within(small.answer, 10_000, 'small text upload');
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(JSON.parse(ok.text), { chars: 256 * 1024 });
  });

  it('answers an unauthenticated (or unauthorized) chunked upload 401 (403) without waiting for the body', async () => {
    const agentCookie = await server.sessionCookie(agent.id);
    for (const [route, headers, status, code] of [
      ['/api/v1/interactions/import', {}, 401, 'unauthenticated'],
      ['/api/v1/interactions/import', { cookie: agentCookie }, 403, 'forbidden'],
      ['/api/v1/users/import', {}, 401, 'unauthenticated'],
      ['/api/v1/users/import', { cookie: agentCookie }, 403, 'forbidden'],
      ['/api/v1/shifts/import', { cookie: agentCookie }, 403, 'forbidden'],
      ['/api/v1/interactions/1/recording', { cookie: agentCookie }, 403, 'forbidden'],
    ] as const) {
      const upload = chunkedUpload(base, route, {
        ...headers,
        'content-type': 'text/csv',
      });
      await upload.send(256 * 1024);
      // Not ended: an answer now was given without the body.
      const answer = await within(upload.answer, 10_000, `${route} as ${code}`);
      upload.destroy();
      assert.equal(answer.status, status, answer.text);
      assert.equal(errorCode(answer), code);
      assert.equal(answer.headers['x-content-type-options'], 'nosniff');
    }
  });

  it('answers a recording upload for an unknown interaction 404 without reading the body', async () => {
    const cookie = await server.sessionCookie(admin.id);
    const upload = chunkedUpload(base, '/api/v1/interactions/999999999/recording?filename=a.wav', {
      cookie,
      'content-type': 'audio/wav',
    });
    let answer: Answer;
    let spooled: string[];
    try {
      await upload.send(256 * 1024);
      // Not ended: an answer now was given without the body, and nothing was spooled.
      answer = await within(upload.answer, 10_000, 'a recording for an unknown interaction');
      spooled = await fs.promises
        .readdir(path.join(dataDir, 'recordings', 'incoming'))
        .catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
    } finally {
      // Also when no answer came: an open upload would keep the server from closing.
      upload.destroy();
    }
    assert.equal(answer.status, 404, answer.text);
    assert.equal(errorCode(answer), 'not_found');
    assert.deepEqual(spooled, []);
  });

  it('refuses the real import, user and roster uploads over their limits with 413 in the error shape', async () => {
    const cookie = await server.sessionCookie(admin.id);
    // A declared length over the 2 GB import limit: refused before anything is read.
    const declared = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${base}/api/v1/interactions/import`,
        {
          method: 'POST',
          headers: { cookie, 'content-type': 'text/csv', 'content-length': String(3 * 1024 * MiB) },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
      });
      req.write('external_id\n');
    });
    assert.equal(declared.status, 413, declared.text);
    assert.equal((JSON.parse(declared.text) as { error: { code: string } }).error.code, 'payload_too_large');

    for (const [route, limit] of [
      ['/api/v1/users/import', LIMITS.userImportBytes],
      ['/api/v1/shifts/import', LIMITS.rosterImportBytes],
    ] as const) {
      const upload = chunkedUpload(base, route, { cookie, 'content-type': 'text/csv' });
      void upload.send(limit + 50 * MiB);
      const answer = await within(upload.answer, 30_000, route);
      upload.destroy();
      assert.equal(answer.status, 413, `${route}: ${answer.text}`);
      assert.equal(errorCode(answer), 'payload_too_large');
      assert.ok(readByApp() < limit + 8 * MiB, `${route} answered after reading ${readByApp()} bytes`);
    }
  });
});

describe('isUnder', () => {
  it('matches the prefix itself and what is below it, as Hono `prefix/*` does', () => {
    assert.ok(isUnder('/api/v1', '/api/v1'));
    assert.ok(isUnder('/api/v1/', '/api/v1'));
    assert.ok(isUnder('/api/v1/me', '/api/v1'));
    assert.ok(!isUnder('/api/v1x', '/api/v1'));
    assert.ok(!isUnder('/api//v1/me', '/api/v1'));
    assert.ok(!isUnder('/apix', '/api'));
  });
});
