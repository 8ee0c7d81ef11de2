/**
 * `npm run bench:api` — API throughput under concurrent users (SPEC §6, issue "Foundation").
 *
 * Measures an authenticated `GET /api/v1/me` (session cookie, and Bearer token) under 50 concurrent
 * connections with autocannon, beside a bare Hono handler measured in the same run, on PGlite and on
 * PostgreSQL, with the in-process auth cache off and on. Servers run in child processes so the load
 * generator (this process) does not share their event loop. Everything stays on 127.0.0.1 and stops
 * by itself.
 *
 * Beside req/s, each measurement reports what the machine's load does not skew (Linux /proc): the
 * server process's CPU per request, and on PostgreSQL the CPU of the bench database's backends per
 * request and how many backends (connections) were opened during it — with the auth cache on, a
 * request should not reach the database at all.
 *
 * The center is the shared generator's (server/src/generator, issue 7) at the benchmarks' scale:
 * 500 CSRs in teams with their leaders, queues, inspectors and a QA lead, written with insertCenter
 * before the server starts. The requests are a CSR's of that center (their session, and an API
 * token the administrator made for them), so the actor lookup resolves a real team; `--as=admin`
 * measures the administrator instead (no team), as the figures before the center was added did.
 *
 * Options: --duration=6 (seconds per measurement) --rounds=3 --warmup=3 --connections=50
 *          --db=pglite,postgres --cache=off,on --agents=500 --as=csr|admin
 * PostgreSQL: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; a scratch database
 * zhijian_bench_<pid> is created for the run and dropped after it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { ensureFirstAdmin } from '../../server/src/bootstrap.ts';
import { openDatabase, queryRows } from '../../server/src/db/client.ts';
import { generateCenter, insertCenter } from '../../server/src/generator/index.ts';
import {
  type Child,
  cleanUp,
  guardRun,
  option,
  postgresBaseUrl,
  serverNodeFlags,
  startChild,
  stopChild,
  withScratchDatabase,
  procCpuSeconds,
} from './lib.ts';

const DURATION_S = Number(option('duration', '6'));
const WARMUP_S = Number(option('warmup', '3'));
const CONNECTIONS = Number(option('connections', '50'));
const DATABASES = option('db', 'pglite,postgres').split(',');
const CACHE_MODES = option('cache', 'off,on').split(',');
const ROUNDS = Number(option('rounds', '3'));
const AGENTS = Number(option('agents', '500'));
const AS = option('as', 'csr');
const SEED = 2026;
/** Hard bound on the whole run; past it everything is killed and the run fails. */
const WATCHDOG_MS = 20 * 60 * 1000;

type Figures = {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  /** CPU of the server process per request (µs); null where /proc cannot tell. */
  serverUs: number | null;
  /** PostgreSQL only: CPU of the bench database's backends per request (µs), and backends opened. */
  databaseUs: number | null;
  databaseConnections: number | null;
};
type Row = {
  db: string;
  variant: string;
  figures: Figures;
  /** Median of ours/bare req/s of neighbouring measurements; null for the bare handler. */
  ratio: number | null;
  /** Median of bare/ours server CPU per request of neighbouring measurements. */
  cpuRatio: number | null;
};

// ---------------------------------------------------------------------------------------------
// Child processes

guardRun('bench:api', WATCHDOG_MS);

// ---------------------------------------------------------------------------------------------
// Load

/** The backends connected to the bench database (PostgreSQL), by pid, with their CPU seconds. */
async function backendCpu(client: pg.Client | null): Promise<Map<number, number> | null> {
  if (!client) return null;
  const { rows } = await client.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
       and backend_type = 'client backend'`,
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) cpu.set(pid, procCpuSeconds(pid) ?? 0);
  return cpu;
}

/** What a measurement watches besides the answers: the server process, and the database if any. */
type Watch = { serverPid: number | undefined; database: pg.Client | null };

async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  watch: Watch,
): Promise<Figures> {
  const backendsBefore = await backendCpu(watch.database);
  const serverBefore = procCpuSeconds(watch.serverPid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  const serverAfter = procCpuSeconds(watch.serverPid);
  const backendsAfter = await backendCpu(watch.database);
  const total = Math.max(1, result.requests.total);
  let databaseUs: number | null = null;
  let databaseConnections: number | null = null;
  if (backendsBefore && backendsAfter) {
    let cpu = 0;
    databaseConnections = 0;
    for (const [pid, after] of backendsAfter) {
      const before = backendsBefore.get(pid);
      if (before === undefined) databaseConnections++;
      cpu += after - (before ?? 0);
    }
    databaseUs = (cpu * 1e6) / total;
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    serverUs:
      serverBefore !== null && serverAfter !== null ? ((serverAfter - serverBefore) * 1e6) / total : null,
    databaseUs,
    databaseConnections,
  };
}

function assertClean(url: string, figures: Figures): Figures {
  if (figures.non2xx > 0 || figures.errors > 0) {
    throw new Error(`${url}: ${figures.non2xx} non-2xx answers and ${figures.errors} errors under load`);
  }
  return figures;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** The round whose req/s is the median one (so req/s and its latencies come from one measurement). */
function medianFigures(all: Figures[]): Figures {
  const m = median(all.map((f) => f.rps));
  return all.reduce((best, f) => (Math.abs(f.rps - m) < Math.abs(best.rps - m) ? f : best));
}

// ---------------------------------------------------------------------------------------------
// Our server

type Credentials = { cookie: string; token: string };

/**
 * The shared generator's center, written before the server starts (the administrator first, as
 * on a first start, then the center with the administrator's password hash for everyone). Answers
 * the username the requests are made as.
 */
async function seedCenter(dataDir: string, databaseUrl: string | null, password: string): Promise<string> {
  const database = await openDatabase(
    databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dataDir },
  );
  try {
    await ensureFirstAdmin(database.db, password);
    const [admin] = await queryRows<{ password_hash: string }>(
      database.db,
      sql`select password_hash from users where username = 'admin'`,
    );
    const center = generateCenter({
      seed: SEED,
      agents: AGENTS,
      teams: Math.max(1, Math.ceil(AGENTS / 15)),
      queues: 4,
      inspectors: Math.max(1, Math.ceil(AGENTS / 40)),
    });
    await database.db.transaction((tx) => insertCenter(tx, center, admin?.password_hash ?? ''));
    const csr = center.agents.find((a) => !a.probation) ?? center.agents[0];
    return AS === 'admin' || !csr ? 'admin' : csr.username;
  } finally {
    await database.close();
  }
}

async function signInAs(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('zhijian_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie;
}

/** A session of `username` and an API token the administrator made for them. */
async function signIn(base: string, username: string, password: string): Promise<Credentials> {
  const admin = await signInAs(base, 'admin', password);
  const cookie = username === 'admin' ? admin : await signInAs(base, username, password);
  const me = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
  const { id } = (await me.json()) as { id: number };
  const created = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({ name: `bench ${new Date().toISOString()}`, user_id: id }),
  });
  if (created.status !== 201) throw new Error(`token creation answered ${created.status}`);
  const { token } = (await created.json()) as { token: string };
  const tries: Record<string, string>[] = [{ cookie }, { authorization: `Bearer ${token}` }];
  for (const headers of tries) {
    const check = await fetch(`${base}/api/v1/me`, { headers });
    if (check.status !== 200) throw new Error(`GET /api/v1/me answered ${check.status}`);
    const body = (await check.json()) as { username: string };
    if (body.username !== username)
      throw new Error(`GET /api/v1/me answered ${body.username}, not ${username}`);
  }
  return { cookie, token };
}

function ourEnv(
  dataDir: string,
  databaseUrl: string | null,
  cache: string,
  password: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    ZHIJIAN_DATA_DIR: dataDir,
    ZHIJIAN_ADMIN_PASSWORD: password,
    ZHIJIAN_AUTH_CACHE_SECONDS: cache === 'off' ? '0' : '',
    LOG_LEVEL: 'warn',
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

type Series = {
  variant: string;
  url: string;
  headers: Record<string, string>;
  watch: Watch;
  runs: Figures[];
  ratios: number[];
  cpuRatios: number[];
};

function series(variant: string, url: string, headers: Record<string, string>, watch: Watch): Series {
  return { variant, url, headers, watch, runs: [], ratios: [], cpuRatios: [] };
}

async function run(s: Series): Promise<Figures> {
  const figures = assertClean(s.url, await load(s.url, s.headers, DURATION_S, s.watch));
  s.runs.push(figures);
  return figures;
}

/**
 * The machine is shared and noisy, so the bare handler and ours are measured in alternation,
 * ROUNDS times per server; each figure is the median run, and ours/bare is the median of the
 * ratios of neighbouring measurements.
 */
async function benchDatabase(db: string, databaseUrl: string | null, bare: Child): Promise<Row[]> {
  const bareSeries = series(
    'bare Hono GET /',
    `http://127.0.0.1:${bare.port}/`,
    {},
    {
      serverPid: bare.proc.pid,
      database: null,
    },
  );
  const ours: Series[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-bench-'));
  const password = randomBytes(12).toString('base64url');
  // Watches the bench database's backends (PostgreSQL); PGlite runs inside the server process.
  const watcher = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : null;
  try {
    await watcher?.connect();
    const username = await seedCenter(dataDir, databaseUrl, password);
    process.stdout.write(
      `  ${db}: a center of ${AGENTS} CSRs from the shared generator; requests as ${username}\n`,
    );
    for (const cache of CACHE_MODES) {
      const server = await startChild({
        name: `zhijian (${db}, cache ${cache})`,
        script: 'server/src/main.ts',
        nodeArgs: serverNodeFlags(),
        env: ourEnv(dataDir, databaseUrl, cache, password),
        ready: /running at http:\/\/localhost:(\d+)\//,
        timeoutMs: 60_000,
      });
      try {
        const me = `http://127.0.0.1:${server.port}/api/v1/me`;
        const { cookie, token } = await signIn(`http://127.0.0.1:${server.port}`, username, password);
        const watch: Watch = { serverPid: server.proc.pid, database: watcher };
        const mine = [
          series(`GET /api/v1/me, cookie, cache ${cache}`, me, { cookie }, watch),
          series(`GET /api/v1/me, Bearer, cache ${cache}`, me, { authorization: `Bearer ${token}` }, watch),
        ];
        ours.push(...mine);
        for (const s of [bareSeries, ...mine]) await load(s.url, s.headers, WARMUP_S, s.watch);
        for (let round = 1; round <= ROUNDS; round++) {
          const bareNow = await run(bareSeries);
          const line = [`bare ${bareNow.rps.toFixed(0)} (${us(bareNow.serverUs)})`];
          for (const s of mine) {
            const figures = await run(s);
            s.ratios.push(figures.rps / bareNow.rps);
            if (bareNow.serverUs !== null && figures.serverUs)
              s.cpuRatios.push(bareNow.serverUs / figures.serverUs);
            line.push(
              `${s.variant.split(', ')[1] ?? ''} ${figures.rps.toFixed(0)} (${us(figures.serverUs)})`,
            );
          }
          process.stdout.write(
            `  ${db}, cache ${cache}, round ${round}/${ROUNDS}: ${line.join(' · ')} req/s (server CPU per request)\n`,
          );
        }
      } finally {
        const code = await stopChild(server, 10_000);
        if (code !== 0)
          process.stderr.write(`warning: ${server.name} exited with ${code}\n${server.output()}\n`);
      }
    }
  } finally {
    await watcher?.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return [
    {
      db,
      variant: bareSeries.variant,
      figures: medianFigures(bareSeries.runs),
      ratio: null,
      cpuRatio: null,
    },
    ...ours.map((s) => ({
      db,
      variant: s.variant,
      figures: medianFigures(s.runs),
      ratio: median(s.ratios),
      cpuRatio: s.cpuRatios.length ? median(s.cpuRatios) : null,
    })),
  ];
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL scratch database

// ---------------------------------------------------------------------------------------------
// Output

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

const us = (value: number | null) => (value === null ? '? µs' : `${value.toFixed(1)} µs`);
const percent = (value: number) => `${(value * 100).toFixed(0)}%`;

function report(row: Row | undefined): void {
  if (!row) return;
  const f = row.figures;
  const database =
    f.databaseUs === null ? '' : `  db ${us(f.databaseUs)}, ${f.databaseConnections ?? '?'} new conn.`;
  process.stdout.write(
    `${pad(row.db, 10)} ${pad(row.variant, 36)} ${lpad(f.rps.toFixed(0), 8)} req/s  ` +
      `p50 ${lpad(f.p50.toFixed(0), 3)} ms  p99 ${lpad(f.p99.toFixed(0), 3)} ms  ` +
      `CPU ${lpad(us(f.serverUs), 8)}` +
      (row.ratio === null ? '' : `  ours/bare ${percent(row.ratio)}`) +
      (row.cpuRatio === null ? '' : ` (CPU ${percent(row.cpuRatio)})`) +
      database +
      '\n',
  );
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  process.stdout.write(
    `bench:api — ${new Date().toISOString()}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.type()} ${os.release()}\n` +
      `${CONNECTIONS} connections, ${WARMUP_S} s warm-up, ${ROUNDS} rounds of ${DURATION_S} s per measurement, ` +
      `on 127.0.0.1; load average at the start: ${os.loadavg()[0]?.toFixed(1) ?? '?'}\n\n`,
  );
  const bare = await startChild({
    name: 'bare Hono server',
    script: 'scripts/bench/bare-server.ts',
    env: { ...process.env, PORT: '0' },
    ready: /listening (\d+)/,
    timeoutMs: 60_000,
  });
  const rows: Row[] = [];
  try {
    for (const db of DATABASES) {
      if (db === 'pglite') rows.push(...(await benchDatabase('pglite', null, bare)));
      else if (db === 'postgres') {
        const baseUrl = postgresBaseUrl('bench:api');
        rows.push(
          ...(await withScratchDatabase(baseUrl, 'api', (url) => benchDatabase('postgres', url, bare))),
        );
      } else throw new Error(`unknown --db ${db} (pglite, postgres)`);
    }
  } finally {
    await stopChild(bare, 10_000);
  }

  process.stdout.write(
    `\nSummary, medians of ${ROUNDS} rounds (ours/bare; the goal is ≥ 50% on PostgreSQL). ` +
      `Load average at the end: ${os.loadavg()[0]?.toFixed(1) ?? '?'}\n` +
      'CPU: the server process per request; ours/bare (CPU): the bare handler CPU per request over ours. ' +
      'db: the bench database backends per request, and backends opened during the measurement.\n',
  );
  for (const row of rows) report(row);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:api failed: ${err instanceof Error ? err.message : String(err)}\n`);
    cleanUp();
    process.exit(1);
  },
);
