/**
 * Real server processes (`node --import tsx server/src/main.ts`), as an operator runs them:
 * start-up banner, clean SIGTERM, the PGlite data-directory lock, and several processes sharing
 * one PostgreSQL database (SPEC §6 "Scale out").
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'multi-process-test-password';
const START_TIMEOUT_MS = 240_000;

type Server = {
  proc: ChildProcess;
  pid: number;
  base: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
};

const running = new Set<ChildProcess>();
const tempDirs: string[] = [];

function killAll(): void {
  for (const proc of running) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
}
process.on('exit', killAll);
after(() => {
  killAll();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-mp-'));
  tempDirs.push(dir);
  return dir;
}

/** Spawns a server with PORT=0; `ready` resolves once it printed its URL and /health answers. */
function spawnServer(options: { dataDir: string; databaseUrl?: string; env?: Record<string, string> }): {
  proc: ChildProcess;
  ready: Promise<Server>;
  exited: Promise<number | null>;
  stderr: () => string;
} {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    ZHIJIAN_DATA_DIR: options.dataDir,
    ZHIJIAN_ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  let out = '';
  let err = '';
  proc.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    proc.on('exit', (code) => {
      running.delete(proc);
      resolve(code);
    });
  });
  const ready = (async (): Promise<Server> => {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`server exited (${proc.exitCode ?? proc.signalCode}) before it was ready:\n${err}`);
      }
      const port = /running at http:\/\/localhost:(\d+)\//.exec(out)?.[1];
      if (port) {
        const base = `http://127.0.0.1:${port}`;
        const health = await fetch(`${base}/api/v1/health`).catch(() => null);
        if (health?.status === 200) {
          await health.arrayBuffer();
          return { proc, pid: proc.pid ?? 0, base, stdout: () => out, stderr: () => err, exited };
        }
      }
      await sleep(100);
    }
    proc.kill('SIGKILL');
    throw new Error(`server not ready within ${START_TIMEOUT_MS / 1000} s:\n${out}\n${err}`);
  })();
  ready.catch(() => undefined); // a caller that expects the start to fail awaits `exited` instead
  return { proc, ready, exited, stderr: () => err };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM, and the exit code (SIGKILL after 15 s, answering null). */
async function stop(server: Server): Promise<number | null> {
  if (server.proc.exitCode !== null) return server.proc.exitCode;
  const force = setTimeout(() => server.proc.kill('SIGKILL'), 15_000);
  server.proc.kill('SIGTERM');
  const code = await server.exited;
  clearTimeout(force);
  return code;
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  assert.equal(res.status, 200, await res.text());
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('zhijian_session='));
  assert.ok(cookie, 'sign-in sets the session cookie');
  return cookie;
}

async function meStatus(base: string, cookie: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
  await res.arrayBuffer();
  return res.status;
}

describe('server processes on one PGlite directory', () => {
  // One directory for the whole block: only the first start pays for creating the database.
  const dataDir = tempDir();

  it('prints URL, database and data directory, and stops cleanly on SIGTERM', async () => {
    const server = await spawnServer({ dataDir }).ready;
    const banner = server.stdout();
    assert.match(banner, /Zhijian 质检 is running at http:\/\/localhost:\d+\//);
    assert.match(
      banner,
      new RegExp(`Database: +embedded PostgreSQL \\(PGlite\\) in ${escapeRegExp(dataDir)}`),
    );
    assert.match(banner, new RegExp(`Data dir: +${escapeRegExp(dataDir)}`));
    assert.ok(fs.existsSync(path.join(dataDir, 'zhijian.lock')));

    assert.equal(await stop(server), 0, `exit code after SIGTERM; stderr:\n${server.stderr()}`);
    assert.equal(fs.existsSync(path.join(dataDir, 'zhijian.lock')), false, 'the lock file is removed');
  });

  it('refuses a second process on the same directory, naming it and the holder; restarts after', async () => {
    const first = await spawnServer({ dataDir }).ready;
    const cookie = await signIn(first.base);

    const second = spawnServer({ dataDir });
    const code = await second.exited;
    assert.notEqual(code, 0);
    assert.match(second.stderr(), /Zhijian cannot start/);
    assert.ok(second.stderr().includes(dataDir), `stderr names the directory:\n${second.stderr()}`);
    assert.ok(second.stderr().includes(`pid ${first.pid}`), `stderr names the holder:\n${second.stderr()}`);
    assert.equal(await meStatus(first.base, cookie), 200, 'the first process is unharmed');

    assert.equal(await stop(first), 0);
    assert.equal(fs.existsSync(path.join(dataDir, 'zhijian.lock')), false);

    const third = await spawnServer({ dataDir }).ready;
    assert.equal(await meStatus(third.base, cookie), 200, 'the session outlived the restart');
    assert.equal(await stop(third), 0);
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('exit', resolve));
    assert.ok(dead.pid);
    fs.writeFileSync(path.join(dataDir, 'zhijian.lock'), String(dead.pid));

    const server = await spawnServer({ dataDir }).ready;
    assert.equal(fs.readFileSync(path.join(dataDir, 'zhijian.lock'), 'utf8').trim(), String(server.pid));
    assert.equal(await stop(server), 0);
  });
});

const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

describe(
  'two server processes on one PostgreSQL database',
  { skip: !postgresUrl && 'no DATABASE_URL' },
  () => {
    const name = `zhijian_mp_${process.pid}_${randomBytes(4).toString('hex')}`;
    const adminUrl = postgresUrl ?? '';
    const databaseUrl = (() => {
      if (!postgresUrl) return '';
      const u = new URL(postgresUrl);
      u.pathname = `/${name}`;
      return u.toString();
    })();

    async function admin(query: string): Promise<void> {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(query);
      } finally {
        await client.end();
      }
    }
    after(async () => {
      killAll();
      if (postgresUrl) await admin(`drop database if exists "${name}" with (force)`);
    });

    it('start together on an empty database, share sessions, and honour sign-out within the cache TTL', async () => {
      await admin(`create database "${name}"`);
      const cacheSeconds = 3;
      const env = { ZHIJIAN_AUTH_CACHE_SECONDS: String(cacheSeconds) };
      // Started at once: both race for the migrations (advisory lock) and the first admin.
      const [a, b] = await Promise.all([
        spawnServer({ dataDir: tempDir(), databaseUrl, env }).ready,
        spawnServer({ dataDir: tempDir(), databaseUrl, env }).ready,
      ]);
      for (const server of [a, b]) {
        assert.match(server.stdout(), /Database: +PostgreSQL server at postgres:\/\//);
        assert.doesNotMatch(server.stderr(), /error/i);
      }

      const cookie = await signIn(a.base);
      assert.equal(await meStatus(a.base, cookie), 200);
      assert.equal(await meStatus(b.base, cookie), 200, 'a session made on A works on B');

      const out = await fetch(`${a.base}/api/v1/session`, { method: 'DELETE', headers: { cookie } });
      assert.equal(out.status, 200);
      const signedOutAt = Date.now();
      assert.equal(await meStatus(a.base, cookie), 401, 'A forgets the session at once');

      // B cached the session a moment ago; it must give it up within the TTL.
      let status = 200;
      while (status === 200 && Date.now() - signedOutAt < (cacheSeconds + 5) * 1000) {
        await sleep(200);
        status = await meStatus(b.base, cookie);
      }
      assert.equal(status, 401, 'B refuses the signed-out session');
      assert.ok(
        Date.now() - signedOutAt <= (cacheSeconds + 1.5) * 1000,
        `B refused it within the ${cacheSeconds} s cache TTL (took ${Date.now() - signedOutAt} ms)`,
      );

      assert.equal(await stop(a), 0, `A's exit code; stderr:\n${a.stderr()}`);
      assert.equal(await stop(b), 0, `B's exit code; stderr:\n${b.stderr()}`);
    });
  },
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
