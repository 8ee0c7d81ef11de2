/**
 * `npm run bench:import` — import of 1,000,000 interactions (and 100,000 with transcripts) through
 * the real import path, beside a raw COPY of the same file (SPEC §6, issue 3).
 *
 * The generator (server/src/generator) writes the CSV files. For each database, a migrated database
 * gets the admin and a 500-agent center (direct SQL), then a server child process (as `npm start`
 * runs it) takes `POST /api/v1/interactions/import` with the file streamed as `text/csv`: a first
 * import, a re-import of the same file (all unchanged) and the transcript file. The baseline is
 * `COPY … FROM` the same file into a bare table (text columns, no index, no constraint) on the same
 * database: psql `\copy` on PostgreSQL, `COPY … FROM '/dev/blob'` on PGlite (the file as a Blob).
 * The baseline runs before and after the server, and its mean is the reference. Peak RSS is the
 * server's VmHWM, reset before each import (/proc/<pid>/clear_refs).
 *
 * CPU time is measured beside wall time, because the machine is shared: the server process's
 * (utime + stime from /proc), and on PostgreSQL the database's — every backend of the scratch
 * database, sampled while the import runs, and the COPY's backend. CPU seconds per row do not
 * depend on how many other processes wait for the cores; wall time does.
 *
 * The file is sent with its Content-Length, as browsers and `curl --data-binary @file` send it;
 * `--upload=chunked` sends it chunked (no length) instead.
 *
 * Options: --rows=1000000 --transcript-rows=100000 --agents=500 --db=postgres,pglite --seed=1
 *          --reimport=true --upload=length|chunked
 * PostgreSQL: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; a scratch database
 * zhijian_bench_import_<pid> is created and dropped. Files live in a temporary directory, removed
 * at the end. Everything stays on 127.0.0.1 and stops by itself.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  type Child,
  cleanUp,
  guardRun,
  onCleanUp,
  option,
  postgresBaseUrl,
  startServer,
  stopChild,
  withScratchDatabase,
  procCpuSeconds,
} from './lib.ts';
import { ensureFirstAdmin } from '../../server/src/bootstrap.ts';
import { openDatabase } from '../../server/src/db/client.ts';
import {
  type Center,
  generateCenter,
  insertCenter,
  interactionRows,
  perAgentPerDayFor,
  writeInteractionsCsv,
} from '../../server/src/generator/index.ts';

const ROWS = Number(option('rows', '1000000'));
const TRANSCRIPT_ROWS = Number(option('transcript-rows', '100000'));
const AGENTS = Number(option('agents', '500'));
const SEED = Number(option('seed', '1'));
const DATABASES = option('db', 'postgres,pglite').split(',');
const REIMPORT = option('reimport', 'true') !== 'false';
const UPLOAD = option('upload', 'length');
if (UPLOAD !== 'length' && UPLOAD !== 'chunked')
  throw new Error(`--upload is length or chunked, not ${UPLOAD}`);
const MONTH = '2026-10';
const DAYS = 31;
/** Hard bound on the whole run; past it everything is killed and the run fails. */
const WATCHDOG_MS = 90 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Clean-up on every way out

guardRun('bench:import', WATCHDOG_MS);

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
const fmt = (n: number) => n.toLocaleString('en-US');
const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;
const copyText = (c: { ms: number; dbCpu: number | null } | undefined) =>
  c ? `${seconds(c.ms)} s${c.dbCpu === null ? '' : ` (database CPU ${c.dbCpu.toFixed(1)} s)`}` : '?';

// ---------------------------------------------------------------------------------------------
// Server child process

function procStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0), so the next reading is this step's peak. */
function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * CPU of the PostgreSQL backends of one database: sample() reads every backend's CPU (they come
 * and go with the pool); used() is the CPU they spent since start(), as far as sampled.
 */
class BackendCpu {
  private first = new Map<number, number>();
  private last = new Map<number, number>();
  constructor(
    private readonly client: pg.Client,
    private readonly database: string,
  ) {}
  async start(): Promise<void> {
    this.first = new Map();
    this.last = new Map();
    await this.sample();
    this.first = new Map(this.last);
  }
  async sample(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number }>(
      "select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid()",
      [this.database],
    );
    for (const { pid } of rows) {
      const cpu = procCpuSeconds(pid);
      if (cpu !== null) this.last.set(pid, cpu);
    }
  }
  used(): number {
    let total = 0;
    for (const [pid, cpu] of this.last) total += cpu - (this.first.get(pid) ?? 0);
    return total;
  }
}

async function signIn(base: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('zhijian_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie;
}

type ImportAnswer = {
  imported: number;
  updated: number;
  unchanged: number;
  rejected_total: number;
  rejected: { row: number; reason: string }[];
};

/**
 * POSTs the file as a streamed text/csv body (never in memory), with its Content-Length or, with
 * --upload=chunked, without; answers the parsed JSON.
 */
function postImport(port: number, cookie: string, file: string): Promise<ImportAnswer> {
  const length: Record<string, string> =
    UPLOAD === 'length' ? { 'content-length': String(fs.statSync(file).size) } : {};
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/v1/interactions/import?filename=${encodeURIComponent(path.basename(file))}`,
        headers: { 'content-type': 'text/csv; charset=utf-8', cookie, ...length },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(new Error(`import answered ${res.statusCode}: ${body.slice(0, 500)}`));
            return;
          }
          resolve(JSON.parse(body) as ImportAnswer);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    fs.createReadStream(file).on('error', reject).pipe(req);
  });
}

type Measured = {
  ms: number;
  peakKb: number;
  answer: ImportAnswer;
  /** CPU seconds of the server process, and of the database's backends (PostgreSQL only). */
  serverCpu: number;
  dbCpu: number | null;
};

async function timedImport(
  server: Child,
  cookie: string,
  file: string,
  backends: BackendCpu | null,
): Promise<Measured> {
  const pid = server.proc.pid ?? 0;
  const exact = resetPeak(pid);
  let sampled = procStatusKb(pid, 'VmRSS');
  let ticks = 0;
  let sampling: Promise<void> = Promise.resolve();
  await backends?.start();
  const sampler = setInterval(() => {
    try {
      sampled = Math.max(sampled, procStatusKb(pid, 'VmRSS'));
    } catch {
      /* the process is gone; the import will fail */
    }
    // Backends every 500 ms: a pool connection may close (and its backend go) during the import.
    if (backends && ++ticks % 5 === 0)
      sampling = sampling.then(() => backends.sample()).catch(() => undefined);
  }, 100);
  const cpuBefore = procCpuSeconds(pid) ?? 0;
  const started = performance.now();
  try {
    const answer = await postImport(server.port, cookie, file);
    const ms = performance.now() - started;
    const serverCpu = (procCpuSeconds(pid) ?? 0) - cpuBefore;
    await sampling;
    await backends?.sample();
    const peakKb = exact ? Math.max(procStatusKb(pid, 'VmHWM'), sampled) : sampled;
    return { ms, peakKb, answer, serverCpu, dbCpu: backends ? backends.used() : null };
  } finally {
    clearInterval(sampler);
  }
}

// ---------------------------------------------------------------------------------------------
// Baseline: COPY into a bare table

const BARE_TABLE = `create table bench_copy_raw (external_id text, agent text, started_at text, duration_s text,
  channel text, direction text, queue text, customer_ref text, recording_url text, transcript text)`;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 1 << 20, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

type Copied = { ms: number; dbCpu: number | null };

/**
 * psql `\copy`, timed from start to exit. Its backend's CPU is sampled every 10 ms while it
 * runs; the last sample can miss up to 10 ms of it (in the baseline's favour).
 */
async function copyPostgres(url: string, file: string): Promise<Copied> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop table if exists bench_copy_raw');
    await client.query(BARE_TABLE);
    const marker = `bench_copy_${process.pid}_${Date.now()}`;
    let backendPid: number | null = null;
    let backendCpu: number | null = null;
    let copying = true;
    const watch = (async () => {
      while (copying) {
        if (backendPid === null) {
          const { rows } = await client.query<{ pid: number }>(
            'select pid from pg_stat_activity where application_name = $1',
            [marker],
          );
          backendPid = rows[0]?.pid ?? null;
        }
        if (backendPid !== null) backendCpu = procCpuSeconds(backendPid) ?? backendCpu;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const started = performance.now();
    const out = await run(
      'psql',
      [
        url,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `\\copy bench_copy_raw from '${file.replace(/'/g, "''")}' with (format csv, header true)`,
      ],
      { PGAPPNAME: marker },
    );
    const ms = performance.now() - started;
    copying = false;
    await watch;
    const copied = Number(/COPY (\d+)/.exec(out)?.[1] ?? -1);
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from bench_copy_raw');
    if (copied !== rows[0]?.n) throw new Error(`COPY reported ${copied} rows, the table has ${rows[0]?.n}`);
    await client.query('drop table bench_copy_raw');
    return { ms, dbCpu: backendCpu };
  } finally {
    await client.end();
  }
}

async function copyPglite(dataDir: string, file: string): Promise<Copied> {
  const db = new PGlite(path.join(dataDir, 'pgdata'));
  try {
    await db.waitReady;
    await db.exec('drop table if exists bench_copy_raw');
    await db.exec(BARE_TABLE);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const blob = await fs.openAsBlob(file);
    await db.query(`copy bench_copy_raw from '/dev/blob' with (format csv, header true)`, [], { blob });
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    await db.exec('drop table bench_copy_raw');
    // PGlite runs in this process: its COPY's CPU is this process's.
    return { ms, dbCpu: (used.user + used.system) / 1e6 };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// One database

type Files = { main: string; mainRows: number; transcripts: string; transcriptRows: number; dir: string };

type Result = {
  db: string;
  file: string;
  rows: number;
  oursMs: number;
  copy: Copied[];
  peakKb: number;
  serverCpu: number;
  dbCpu: number | null;
  counts: string;
};

async function prepare(
  kind: 'postgres' | 'pglite',
  url: string | null,
  dataDir: string,
  password: string,
  center: Center,
): Promise<void> {
  const database =
    kind === 'postgres' && url
      ? await openDatabase({ kind: 'postgres', url, poolSize: 2 })
      : await openDatabase({ kind: 'pglite', dataDir });
  try {
    await ensureFirstAdmin(database.db, password);
    await database.db.transaction((tx) => insertCenter(tx, center, '!no-login'));
  } finally {
    await database.close();
  }
}

async function benchDatabase(
  kind: 'postgres' | 'pglite',
  url: string | null,
  files: Files,
  center: Center,
): Promise<Result[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-bench-import-data-'));
  onCleanUp(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const password = randomBytes(12).toString('base64url');
  await prepare(kind, url, dataDir, password, center);
  const copy = (file: string) =>
    kind === 'postgres' && url ? copyPostgres(url, file) : copyPglite(dataDir, file);

  const copyMain = [await copy(files.main)];
  const copyTranscripts = [await copy(files.transcripts)];
  say(
    `  ${kind}: COPY ${fmt(files.mainRows)} rows ${copyText(copyMain[0])}; ` +
      `${fmt(files.transcriptRows)} with transcripts ${copyText(copyTranscripts[0])}`,
  );

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    ZHIJIAN_DATA_DIR: dataDir,
    ZHIJIAN_ADMIN_PASSWORD: password,
    LOG_LEVEL: 'warn',
  };
  if (url) env.DATABASE_URL = url;
  else delete env.DATABASE_URL;
  const server = await startServer(env);
  const measured: { label: string; file: string; rows: number; m: Measured }[] = [];
  const monitor = url ? new pg.Client({ connectionString: url }) : null;
  await monitor?.connect();
  const backends = monitor && url ? new BackendCpu(monitor, new URL(url).pathname.slice(1)) : null;
  try {
    const cookie = await signIn(`http://127.0.0.1:${server.port}`, password);
    const step = async (label: string, file: string, rows: number, expect: Partial<ImportAnswer>) => {
      const m = await timedImport(server, cookie, file, backends);
      const a = m.answer;
      say(
        `  ${kind}: ${label}: ${seconds(m.ms)} s, ${fmt(rate(rows, m.ms))} rows/s, peak RSS ${mib(m.peakKb)}, ` +
          `CPU server ${m.serverCpu.toFixed(1)} s${m.dbCpu === null ? '' : `, database ${m.dbCpu.toFixed(1)} s`} ` +
          `(imported ${fmt(a.imported)}, updated ${fmt(a.updated)}, unchanged ${fmt(a.unchanged)}, rejected ${fmt(a.rejected_total)})`,
      );
      for (const [key, value] of Object.entries(expect)) {
        if (a[key as keyof ImportAnswer] !== value) {
          throw new Error(
            `${label}: expected ${key} = ${JSON.stringify(value)}, got ${JSON.stringify(a[key as keyof ImportAnswer])}; ` +
              `first rejections: ${JSON.stringify(a.rejected.slice(0, 3))}`,
          );
        }
      }
      measured.push({ label, file, rows, m });
    };
    await step('import', files.main, files.mainRows, { imported: files.mainRows, rejected_total: 0 });
    if (REIMPORT) {
      await step('re-import (unchanged)', files.main, files.mainRows, {
        unchanged: files.mainRows,
        imported: 0,
        updated: 0,
      });
    }
    await step('import with transcripts', files.transcripts, files.transcriptRows, {
      imported: files.transcriptRows,
      rejected_total: 0,
    });
  } finally {
    await monitor?.end();
    const code = await stopChild(server);
    if (code !== 0) process.stderr.write(`warning: the server exited with ${code}\n${server.output()}\n`);
  }

  copyMain.push(await copy(files.main));
  copyTranscripts.push(await copy(files.transcripts));
  say(`  ${kind}: COPY again: ${copyText(copyMain[1])}; with transcripts ${copyText(copyTranscripts[1])}`);
  fs.rmSync(dataDir, { recursive: true, force: true });

  return measured.map(({ label, file, rows, m }) => ({
    db: kind,
    file: label,
    rows,
    oursMs: m.ms,
    copy: file === files.main ? copyMain : copyTranscripts,
    peakKb: m.peakKb,
    serverCpu: m.serverCpu,
    dbCpu: m.dbCpu,
    counts: `${fmt(m.answer.imported)}/${fmt(m.answer.updated)}/${fmt(m.answer.unchanged)}/${fmt(m.answer.rejected_total)}`,
  }));
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL scratch database

// ---------------------------------------------------------------------------------------------

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main(): Promise<void> {
  const cpus = os.cpus();
  say(
    `bench:import — ${new Date().toISOString()}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.type()} ${os.release()}\n` +
      `${fmt(ROWS)} rows and ${fmt(TRANSCRIPT_ROWS)} with transcripts, ${AGENTS} agents, seed ${SEED}; ` +
      `load average at the start: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-bench-import-'));
  onCleanUp(() => fs.rmSync(dir, { recursive: true, force: true }));
  const center = generateCenter({
    seed: SEED,
    agents: AGENTS,
    teams: Math.max(1, Math.round(AGENTS / 40)),
    queues: 6,
  });

  let started = performance.now();
  const main = path.join(dir, 'interactions.csv');
  const mainWritten = await writeInteractionsCsv(
    main,
    interactionRows({
      seed: SEED,
      center,
      month: MONTH,
      days: DAYS,
      perAgentPerDay: perAgentPerDayFor(ROWS, AGENTS, DAYS),
      transcriptShare: 0,
      limit: ROWS,
    }),
  );
  const transcripts = path.join(dir, 'interactions-transcripts.csv');
  const transcriptsWritten = await writeInteractionsCsv(
    transcripts,
    interactionRows({
      seed: SEED,
      center,
      month: MONTH,
      days: DAYS,
      perAgentPerDay: perAgentPerDayFor(TRANSCRIPT_ROWS, AGENTS, DAYS),
      transcriptShare: 1,
      channels: { call: 0.85, chat: 0.15, email: 0 },
      limit: TRANSCRIPT_ROWS,
      idPrefix: 'TRX',
    }),
  );
  if (mainWritten.rows !== ROWS || transcriptsWritten.rows !== TRANSCRIPT_ROWS) {
    throw new Error(`the generator gave ${mainWritten.rows} and ${transcriptsWritten.rows} rows`);
  }
  say(
    `Generated ${fmt(ROWS)} rows (${(mainWritten.bytes / 2 ** 20).toFixed(0)} MiB) and ${fmt(TRANSCRIPT_ROWS)} with ` +
      `transcripts (${(transcriptsWritten.bytes / 2 ** 20).toFixed(0)} MiB) in ${seconds(performance.now() - started)} s\n`,
  );
  const files: Files = { main, mainRows: ROWS, transcripts, transcriptRows: TRANSCRIPT_ROWS, dir };

  const results: Result[] = [];
  for (const db of DATABASES) {
    started = performance.now();
    if (db === 'postgres') {
      results.push(
        ...(await withScratchDatabase(postgresBaseUrl('bench:import'), 'import', (url) =>
          benchDatabase('postgres', url, files, center),
        )),
      );
    } else if (db === 'pglite') {
      results.push(...(await benchDatabase('pglite', null, files, center)));
    } else throw new Error(`unknown --db ${db} (postgres, pglite)`);
    say(`  ${db} done in ${seconds(performance.now() - started)} s\n`);
  }

  say(
    `Summary (ours = POST /api/v1/interactions/import with the file as a streamed text/csv body ` +
      `(${UPLOAD === 'length' ? 'with its Content-Length' : 'chunked'}), timed from the first byte sent to the answer; ` +
      `COPY = mean of the runs before and after into a bare table; CPU in µs per row: ours = server process + ` +
      `database backends, COPY = its backend; CPU ratio = COPY's CPU / ours). Load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  say(
    `${pad('database', 9)} ${pad('file', 24)} ${lpad('rows', 9)} ${lpad('ours rows/s', 12)} ${lpad('COPY rows/s', 12)} ` +
      `${lpad('ours/COPY', 9)} ${lpad('peak RSS', 9)} ${lpad('ours CPU', 9)} ${lpad('COPY CPU', 9)} ${lpad('CPU ratio', 9)}  ` +
      `imported/updated/unchanged/rejected`,
  );
  for (const r of results) {
    const copyMs = mean(r.copy.map((c) => c.ms));
    const copyCpus = r.copy.flatMap((c) => (c.dbCpu === null ? [] : [c.dbCpu]));
    const oursCpu = r.serverCpu + (r.dbCpu ?? 0);
    const perRow = (cpu: number) => `${((cpu / r.rows) * 1e6).toFixed(1)}`;
    const copyCpu = copyCpus.length > 0 ? mean(copyCpus) : null;
    say(
      `${pad(r.db, 9)} ${pad(r.file, 24)} ${lpad(fmt(r.rows), 9)} ${lpad(fmt(rate(r.rows, r.oursMs)), 12)} ` +
        `${lpad(fmt(rate(r.rows, copyMs)), 12)} ${lpad(`${((copyMs / r.oursMs) * 100).toFixed(0)}%`, 9)} ` +
        `${lpad(mib(r.peakKb), 9)} ${lpad(perRow(oursCpu), 9)} ${lpad(copyCpu === null ? '–' : perRow(copyCpu), 9)} ` +
        `${lpad(copyCpu === null ? '–' : `${((copyCpu / oursCpu) * 100).toFixed(0)}%`, 9)}  ${r.counts}`,
    );
  }
}

main().then(
  () => {
    cleanUp();
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`bench:import failed: ${err instanceof Error ? err.message : String(err)}\n`);
    cleanUp();
    process.exit(1);
  },
);
