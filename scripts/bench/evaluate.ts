/**
 * `npm run bench:evaluate` — inspectors submitting evaluations under load (issue 4).
 *
 * 100 concurrent inspectors (role qa, one session each) post `POST /api/v1/evaluations` with the 30
 * answers of a 30-item form (five categories, three fatal items) and `submit: true`, each request
 * on a fresh interaction, for --duration seconds after a warm-up, against our server running as a
 * child process on a scratch PostgreSQL database. The center (CSRs, teams, inspectors) and the
 * contacts come from the shared generator (server/src/generator); the form is made through the API.
 * Beside it, in the same run, the baseline: a bare
 * insert of the same rows the API writes per evaluation (one `evaluations` row and 30
 * `evaluation_answers` rows, in one transaction) by the same number of concurrent workers through a
 * node-postgres pool of the server's size (20), on the same database, for the same duration.
 *
 * A second baseline writes every row the API writes (the evaluation with its answer tally, answers,
 * revision, inbox message, two audit entries) in one prepared statement, with the server paused.
 * Then ours once more, open loop: evaluations arrive at a fixed rate (--open-rate, default half of
 * ours' closed-loop rate) and latency counts from when each was due — what an inspector feels at
 * that load, where the closed loop measures the most the server can do (and its latency is
 * about 100 / throughput by Little's law).
 *
 * Only 2xx answers count; any other answer or socket error fails the run. Latency is measured per
 * request (per transaction for the baseline) from send to the last byte, including any wait for a
 * pooled connection. The goal (issue 4): p99 < 100 ms and ours ≥ 50% of the baseline rate.
 *
 * Both run after a warm-up each and a fresh ANALYZE, so plans are made from statistics that know
 * the evaluations table (as a database in use has them), not from the seed's empty one.
 *
 * Options: --duration=60 (seconds per measurement) --warmup=5 --rounds=1 --connections=100
 *          --agents=50 --max-rate=3000 (evaluations/s the pre-created interactions must cover)
 *          --seed=4 (the generator's seed) --open-rate=50% (evaluations/s, or a share of ours' closed-loop rate)
 *          --cpu-prof=DIR (run the server under `node --cpu-prof`, profiles into DIR)
 *          --activity (sample pg_stat_activity every 100 ms during each measurement and print what
 *          the connections were doing: where the time goes inside the database)
 * PostgreSQL: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test (loopback only); a scratch
 * database zhijian_bench_eval_<pid> is created for the run and dropped after it. Everything stays on
 * 127.0.0.1 and stops by itself.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  type Child,
  cleanUp,
  guardRun,
  option,
  postgresBaseUrl,
  startServer,
  stopChild,
  withScratchDatabase,
  procCpuSeconds,
} from './lib.ts';
import type { Db } from '../../server/src/db/client.ts';
import {
  generateCenter,
  insertCenter,
  interactionRows,
  perAgentPerDayFor,
} from '../../server/src/generator/index.ts';
import { canonicalJson } from '../../server/src/modules/audit/audit.hash.ts';
import { hashPassword } from '../../server/src/modules/auth/password.ts';
import { answersInBrief } from '../../server/src/modules/evaluations/evaluation.audit.ts';
import { type AnswerResult, type ScoringItem, scoreAnswers } from '../../shared/scoring.ts';

const DURATION_S = Number(option('duration', '60'));
const WARMUP_S = Number(option('warmup', '5'));
const ROUNDS = Number(option('rounds', '1'));
const CONNECTIONS = Number(option('connections', '100'));
const INSPECTORS = CONNECTIONS;
const AGENTS = Number(option('agents', '50'));
const MAX_RATE = Number(option('max-rate', '3000'));
const SEED = Number(option('seed', '4'));
/** The month the generated contacts fall in. */
const MONTH = '2026-11';
const CPU_PROF = option('cpu-prof', '');
/** The open-loop measurement's arrival rate: a number (evaluations/s), or a share of ours' closed-loop rate (`50%`). */
const OPEN_RATE = option('open-rate', '50%');
const ACTIVITY = process.argv.includes('--activity');
/** The server's pool size (server/src/db/client.ts); the baseline uses the same. */
const POOL_SIZE = 20;
const ITEMS_PER_SECTION = 6;
const SECTIONS = [
  { title: '业务知识 Knowledge', category: 'knowledge' },
  { title: '沟通技巧 Communication', category: 'communication' },
  { title: '服务态度 Attitude', category: 'attitude' },
  { title: '规范用语 Phrasing', category: 'phrasing' },
  { title: '业务流程 Process', category: 'process' },
] as const;
/** Points per item within a section (sum 20, so the form totals 100). */
const POINTS = [5, 5, 3, 3, 2, 2] as const;
/** Hard bound on the whole run; past it everything is killed and the run fails. */
const WATCHDOG_MS = (5 * 60 + ROUNDS * 2 * (WARMUP_S + DURATION_S) * 1.5) * 1000;

// ---------------------------------------------------------------------------------------------
// Clean-up on every way out

guardRun('bench:evaluate', WATCHDOG_MS);

const say = (line: string) => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Server child process

// ---------------------------------------------------------------------------------------------
// HTTP client (keep-alive, one socket per worker)

/**
 * Replaced before each phase: a socket left idle through the other phase would meet the server's
 * keep-alive timeout (5 s) just as it is reused, and the request would fail with "socket hang up".
 */
let agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS, maxFreeSockets: CONNECTIONS });
function freshAgent(): void {
  agent.destroy();
  agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS, maxFreeSockets: CONNECTIONS });
}

type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders };

function request(
  port: number,
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: {
          ...headers,
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${urlPath} timed out after 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function signIn(port: number, username: string, password: string): Promise<string> {
  const res = await request(port, 'POST', '/api/v1/session', {}, JSON.stringify({ username, password }));
  if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}: ${res.body}`);
  const setCookie = res.headers['set-cookie'] ?? [];
  const cookie = setCookie.map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('zhijian_session='));
  if (!cookie) throw new Error(`sign-in of ${username} set no session cookie`);
  return cookie;
}

// ---------------------------------------------------------------------------------------------
// Scratch database and data

type FormItem = ScoringItem & { allow_na: boolean };
type Form = { id: number; versionId: number; passMark: number; items: FormItem[] };
type Target = { id: number; agentId: number };

/** A 30-item form through the API (as admin): five sections, one per category, three fatal items. */
async function createForm(port: number, cookie: string): Promise<Form> {
  const body = {
    name: 'bench:evaluate 30 items',
    pass_mark: 80,
    sections: SECTIONS.map((s, si) => ({
      title: s.title,
      items: POINTS.map((points, ii) => ({
        text: `${s.title} item ${ii + 1}`,
        category: s.category,
        points,
        fatal: ii === 0 && si % 2 === 0,
        allow_na: ii !== 0,
      })),
    })),
  };
  const res = await request(port, 'POST', '/api/v1/forms', { cookie }, JSON.stringify(body));
  if (res.status !== 201) throw new Error(`POST /api/v1/forms answered ${res.status}: ${res.body}`);
  const form = JSON.parse(res.body) as {
    id: number;
    sections: {
      items: { id: number; points: number; fatal: boolean; category: string; allow_na: boolean }[];
    }[];
  };
  const items = form.sections.flatMap((s) => s.items);
  if (items.length !== SECTIONS.length * ITEMS_PER_SECTION) throw new Error('the form lost items');
  return { id: form.id, versionId: 0, passMark: 80, items };
}

/**
 * The shared generator's center (server/src/generator: CSRs with Chinese names in teams, queues, the
 * inspectors, a QA lead), written with insertCenter, and its interactions (no transcripts) loaded
 * with COPY: the API is measured, not the set-up. Ours and the two baselines take every third one.
 */
async function seed(
  client: pg.Client,
  form: Form,
  password: string,
  interactionsPerPool: number,
): Promise<{
  inspectors: { id: number; username: string }[];
  ours: Target[];
  bare: Target[];
  bareAll: Target[];
}> {
  const center = generateCenter({
    seed: SEED,
    agents: AGENTS,
    teams: Math.max(1, Math.ceil(AGENTS / 15)),
    queues: 4,
    inspectors: INSPECTORS,
  });
  const db = drizzle(client) as unknown as Db;
  const seeded = await insertCenter(db, center, await hashPassword(password));
  const wanted = interactionsPerPool * 3;
  const rows = interactionRows({
    seed: SEED,
    center,
    month: MONTH,
    perAgentPerDay: perAgentPerDayFor(wanted, AGENTS, 30),
    transcriptShare: 0,
    limit: wanted,
  });
  const text = (v: string | null) => (v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, ' '));
  function* lines(): Generator<string> {
    let chunk = '';
    for (const r of rows) {
      chunk +=
        `${text(r.external_id)}\t${seeded.userIdByUsername.get(r.agent) ?? 0}\t${r.started_at}\t` +
        `${Math.round(r.duration_s)}\t${r.channel}\t${r.direction}\t${seeded.queueIdByCode.get(r.queue) ?? '\\N'}\t` +
        `${text(r.customer_ref)}\t${text(r.recording_url)}\t${text(r.external_id)}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(
    Readable.from(lines()),
    client.query(
      copyFrom(
        `copy interactions (external_id, agent_id, started_at, duration_s, channel, direction, queue_id,
           customer_ref, recording_url, content_hash) from stdin`,
      ),
    ),
  );
  const targets = (
    await client.query<{ id: string; agent_id: number }>(`select id, agent_id from interactions order by id`)
  ).rows.map((r) => ({ id: Number(r.id), agentId: r.agent_id }));
  if (targets.length < wanted)
    throw new Error(`the generator gave ${targets.length} interactions, not ${wanted}`);
  const [version] = (
    await client.query<{ id: number }>(
      `select v.id from forms f join form_versions v on v.form_id = f.id and v.version = f.current_version
       where f.id = $1`,
      [form.id],
    )
  ).rows;
  if (!version) throw new Error('no form version');
  form.versionId = version.id;
  await client.query('analyze');
  const inspectors = center.inspectors.map((p) => {
    const id = seeded.userIdByUsername.get(p.username);
    if (id === undefined) throw new Error(`inspector ${p.username} was not written`);
    return { id, username: p.username };
  });
  return {
    inspectors,
    ours: targets.filter((_, i) => i % 3 === 0),
    bare: targets.filter((_, i) => i % 3 === 1),
    bareAll: targets.filter((_, i) => i % 3 === 2),
  };
}

/** Hands out each interaction once; running out fails the run (raise --max-rate). */
function allocator(targets: Target[], label: string): () => Target {
  let next = 0;
  return () => {
    const t = targets[next++];
    if (!t) throw new Error(`${label}: ran out of fresh interactions; raise --max-rate`);
    return t;
  };
}

/** Mostly passes, some fails and N/A, now and then a fatal fail — a plausible mix. */
function randomAnswers(
  items: FormItem[],
): { item_id: number; result: AnswerResult; comment: string | null }[] {
  return items.map((item) => {
    const r = Math.random();
    const result: AnswerResult = item.fatal
      ? r < 0.02
        ? 'fail'
        : 'pass'
      : r < 0.1
        ? 'fail'
        : r < 0.15 && item.allow_na
          ? 'na'
          : 'pass';
    return { item_id: item.id, result, comment: result === 'fail' ? '未按规范操作，需改进' : null };
  });
}

/**
 * The server answers a create from what its transaction wrote rather than reading the detail
 * back; check once, with pinned comments, that the answer is what a read of it gives.
 */
async function checkAnswerMatchesRead(port: number, cookie: string, form: Form, target?: Target) {
  if (!target) throw new Error('no interaction for the check');
  const body = JSON.stringify({
    interaction_id: target.id,
    form_id: form.id,
    method: 'recording_review',
    answers: randomAnswers(form.items).reverse(),
    marks: [
      { at_s: 12.5, text: '开场白' },
      // The bench's contacts have no transcripts, so no comment can be pinned to a turn.
      { at_s: 30, item_id: form.items[1]?.id ?? null, text: '未核实身份' },
    ],
    negatives: '未核实身份',
    submit: true,
  });
  const created = await request(port, 'POST', '/api/v1/evaluations', { cookie }, body);
  if (created.status !== 201) throw new Error(`check: POST answered ${created.status}: ${created.body}`);
  const { id } = JSON.parse(created.body) as { id: number };
  const read = await request(port, 'GET', `/api/v1/evaluations/${id}`, { cookie });
  if (read.status !== 200) throw new Error(`check: GET answered ${read.status}: ${read.body}`);
  const sorted = (text: string) => canonicalJson(JSON.parse(text));
  if (sorted(created.body) !== sorted(read.body)) {
    throw new Error(`check: the create answer differs from a read:\n${created.body}\n${read.body}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Load: WORKERS concurrent loops for a fixed time

type Figures = { ok: number; seconds: number; rate: number; p50: number; p99: number; max: number };

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** A measurement's figures since `start`; any failure fails the run. */
function figuresOf(start: number, latencies: number[], failures: string[]): Figures {
  const elapsed = (performance.now() - start) / 1000;
  if (failures.length > 0) {
    throw new Error(`${failures.length} failed request(s) under load; first: ${failures[0]?.slice(0, 500)}`);
  }
  const sorted = Float64Array.from(latencies).sort();
  return {
    ok: sorted.length,
    seconds: elapsed,
    rate: sorted.length / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

async function drive(seconds: number, once: (worker: number) => Promise<void>): Promise<Figures> {
  freshAgent();
  const latencies: number[] = [];
  const failures: string[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  const worker = async (w: number) => {
    while (performance.now() < end && failures.length === 0) {
      const t0 = performance.now();
      try {
        await once(w);
        latencies.push(performance.now() - t0);
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => worker(w)));
  return figuresOf(start, latencies, failures);
}

/**
 * Open loop: evaluations arrive at a fixed rate whatever the server does (inspectors do not wait
 * for each other), from the CONNECTIONS inspectors in turn, at most one request in flight per
 * inspector; latency counts from the moment a request was due, so time spent queued behind a busy
 * inspector or a slow server counts too (no coordinated omission). What a user feels at a given
 * load, where the closed loop above measures the most the server can do.
 */
async function driveOpen(
  seconds: number,
  rate: number,
  once: (worker: number) => Promise<void>,
): Promise<Figures> {
  freshAgent();
  const latencies: number[] = [];
  const failures: string[] = [];
  const start = performance.now();
  const total = Math.max(1, Math.round(seconds * rate));
  const busy: Promise<void>[] = Array.from({ length: CONNECTIONS }, () => Promise.resolve());
  const all: Promise<void>[] = [];
  for (let i = 0; i < total && failures.length === 0; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const w = i % CONNECTIONS;
    const run = (busy[w] ?? Promise.resolve()).then(async () => {
      try {
        await once(w);
        latencies.push(performance.now() - due);
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
    });
    busy[w] = run;
    all.push(run);
  }
  await Promise.all(all);
  return figuresOf(start, latencies, failures);
}

/** Ours: POST /api/v1/evaluations, 30 answers, submit. */
function ourRequest(port: number, cookies: string[], form: Form, next: () => Target) {
  return async (w: number) => {
    const target = next();
    const body = JSON.stringify({
      interaction_id: target.id,
      form_id: form.id,
      method: 'recording_review',
      phase: 'after',
      answers: randomAnswers(form.items),
      positives: '语气亲切，耐心解答',
      submit: true,
    });
    const res = await request(port, 'POST', '/api/v1/evaluations', { cookie: cookies[w] ?? '' }, body);
    if (res.status < 200 || res.status > 299) {
      throw new Error(`POST /api/v1/evaluations answered ${res.status}: ${res.body}`);
    }
  };
}

/** The baseline: the same rows, straight through a pool of the server's size, one transaction each. */
function bareInsert(pool: pg.Pool, form: Form, inspectors: number[], next: () => Target) {
  return async (w: number) => {
    const target = next();
    const answers = randomAnswers(form.items);
    const score = scoreAnswers(form.items, answers, form.passMark);
    const client = await pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ id: string }>(
        `insert into evaluations (interaction_id, agent_id, evaluator_id, form_id, form_version_id, method, phase,
           status, local_date, score, fatal, passed, positives, submitted_at, ack_due_at)
         values ($1, $2, $3, $4, $5, 'recording_review', 'after', 'submitted', current_date, $6, $7, $8, $9,
           now(), now() + interval '3 days')
         returning id`,
        [
          target.id,
          target.agentId,
          inspectors[w],
          form.id,
          form.versionId,
          score.score,
          score.fatal,
          score.passed,
          '语气亲切，耐心解答',
        ],
      );
      const id = rows[0]?.id;
      if (id === undefined) throw new Error('evaluation insert returned nothing');
      await client.query(
        `insert into evaluation_answers (evaluation_id, revision, item_id, result, comment)
         select $1, 1, x.item_id, x.result, x.comment
         from unnest($2::int[], $3::text[], $4::text[]) as x(item_id, result, comment)`,
        [id, answers.map((a) => a.item_id), answers.map((a) => a.result), answers.map((a) => a.comment)],
      );
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
}

/**
 * The baseline of every row the API writes per submitted evaluation, in the cheapest form the
 * database offers: one statement (its own transaction), prepared once per connection (a named
 * statement, as the server's write is), writing the evaluation with its answer tally, the 30
 * answers, the revision record, the CSR's inbox message and the two audit entries (create with the
 * answers in brief, submit) as the API stores them. What it leaves out is the API's own work:
 * HTTP, checks, scoring, the creation context read and sealing the audit entries into the chain
 * (the server is stopped while this runs, so its sealer does not seal these entries; the bench
 * deletes them before the server continues).
 */
const BARE_ALL_ACTOR = 'bench-bare-all-rows';

function bareInsertAllRows(pool: pg.Pool, form: Form, inspectors: number[], next: () => Target) {
  const statement = `with created as (
       insert into evaluations (interaction_id, agent_id, evaluator_id, form_id, form_version_id, method, phase,
         status, local_date, score, fatal, passed, failed_item_ids, na_item_ids, positives, submitted_at, ack_due_at)
       values ($1, $2, $3, $4, $5, 'recording_review', 'after', 'submitted', current_date, $6, $7, $8, $9::int[],
         $10::int[], $11, now(), now() + interval '3 days')
       returning id, revision, score, fatal, passed, evaluator_id, agent_id),
     answers as (
       insert into evaluation_answers (evaluation_id, revision, item_id, result, comment)
       select c.id, c.revision, x.item_id, x.result, x.comment
       from created c, unnest($12::int[], $13::text[], $14::text[]) as x(item_id, result, comment)),
     revision as (
       insert into evaluation_revisions (evaluation_id, revision, score, fatal, passed, created_by)
       select id, revision, score, fatal, passed, evaluator_id from created),
     inbox as (
       insert into notifications (user_id, kind, entity_type, entity_id, data)
       select agent_id, 'evaluation_submitted', 'evaluation', id::text, $15::jsonb from created)
     insert into audit_log (at, actor_id, actor_username, action, entity_type, entity_id, before, after, ip)
     select now(), $3, $16, x.action, 'evaluation', c.id::text, null, x.after, '127.0.0.1'
     from created c, unnest(array['evaluation.create', 'evaluation.submit'], array[$17::jsonb, $15::jsonb]) as x(action, after)`;
  return async (w: number) => {
    const target = next();
    const answers = randomAnswers(form.items);
    const score = scoreAnswers(form.items, answers, form.passMark);
    const inspector = inspectors[w] ?? 0;
    const positives = '语气亲切，耐心解答';
    const created = {
      interaction_id: target.id,
      form_id: form.id,
      method: 'recording_review',
      phase: 'after',
      answers: answersInBrief(answers),
      positives,
      submit: true,
      score: score.score,
      fatal: score.fatal,
      passed: score.passed,
    };
    await pool.query({
      name: 'bench_bare_all_rows',
      text: statement,
      values: [
        target.id,
        target.agentId,
        inspector,
        form.id,
        form.versionId,
        score.score,
        score.fatal,
        score.passed,
        `{${score.failed_item_ids.join(',')}}`,
        `{${score.na_item_ids.join(',')}}`,
        positives,
        answers.map((a) => a.item_id),
        answers.map((a) => a.result),
        answers.map((a) => a.comment),
        JSON.stringify({ score: score.score }),
        BARE_ALL_ACTOR,
        JSON.stringify(created),
      ],
    });
  };
}

// ---------------------------------------------------------------------------------------------
// CPU spent per evaluation, by process (Linux /proc): a figure the machine's load does not skew

type CpuSnapshot = { server: number | null; generator: number; database: Map<number, number> };

/** The server child, this process (the load generator) and the backends connected to the bench database. */
async function cpuSnapshot(client: pg.Client, serverPid: number | undefined): Promise<CpuSnapshot> {
  const { rows } = await client.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
       and backend_type = 'client backend'`,
  );
  const database = new Map<number, number>();
  for (const { pid } of rows) {
    const cpu = procCpuSeconds(pid);
    if (cpu !== null) database.set(pid, cpu);
  }
  const own = process.cpuUsage();
  return { server: procCpuSeconds(serverPid), generator: (own.user + own.system) / 1e6, database };
}

/** Milliseconds of CPU per evaluation between two snapshots, per process kind. */
function cpuPerEvaluation(
  before: CpuSnapshot,
  after: CpuSnapshot,
  count: number,
  withServer: boolean,
): string {
  let database = 0;
  for (const [pid, cpu] of after.database) database += cpu - (before.database.get(pid) ?? 0);
  const ms = (seconds: number) => ((seconds * 1000) / Math.max(1, count)).toFixed(2);
  const server =
    withServer && before.server !== null && after.server !== null
      ? `server ${ms(after.server - before.server)} ms, `
      : '';
  return (
    `  CPU per evaluation: ${server}load generator ${ms(after.generator - before.generator)} ms, ` +
    `database backends ${ms(database)} ms`
  );
}

// ---------------------------------------------------------------------------------------------
// What the database connections are doing (--activity)

/**
 * Samples pg_stat_activity of the bench database every 100 ms until stopped; answers the share of
 * connection-samples per (wait event, state, statement) — e.g. 'Lock:advisory active select
 * pg_advisory_xact_lock' or 'Client:ClientRead idle in transaction' (waiting for the app).
 */
function sampleActivity(client: pg.Client): () => Promise<string> {
  const tally = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await client.query<{ what: string }>(
        `select coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '-') || ' ' || state || ' ' ||
           left(regexp_replace(query, '\\s+', ' ', 'g'), 48) as what
         from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
           and backend_type = 'client backend'`,
      );
      samples += rows.length;
      for (const r of rows) tally.set(r.what, (tally.get(r.what) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return [...tally]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([what, n]) => `    ${lpad(((100 * n) / Math.max(1, samples)).toFixed(0), 3)}%  ${what}`)
      .join('\n');
  };
}

// ---------------------------------------------------------------------------------------------
// Output

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

function line(label: string, f: Figures, extra = ''): string {
  return (
    `${pad(label, 44)} ${lpad(f.rate.toFixed(0), 6)} eval/s  p50 ${lpad(f.p50.toFixed(0), 4)} ms  ` +
    `p99 ${lpad(f.p99.toFixed(0), 4)} ms  max ${lpad(f.max.toFixed(0), 5)} ms  (${f.ok} in ${f.seconds.toFixed(1)} s)${extra}`
  );
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  say(
    `bench:evaluate — ${new Date().toISOString()}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.type()} ${os.release()}\n` +
      `${CONNECTIONS} concurrent inspectors/workers, ${WARMUP_S} s warm-up, ${ROUNDS} round(s) of ${DURATION_S} s, ` +
      `pool ${POOL_SIZE}, on 127.0.0.1; load average at the start: ${os.loadavg()[0]?.toFixed(1) ?? '?'}`,
  );
  const baseUrl = postgresBaseUrl('bench:evaluate');
  const perPool = Math.ceil(MAX_RATE * (WARMUP_S + DURATION_S) * ROUNDS);
  const ours: Figures[] = [];
  const bare: Figures[] = [];
  const bareAll: Figures[] = [];
  const opens: Figures[] = [];
  const ratios: number[] = [];
  const ratiosAll: number[] = [];
  await withScratchDatabase(baseUrl, 'eval', async (url) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-bench-eval-'));
    const password = randomBytes(12).toString('base64url');
    const client = new pg.Client({ connectionString: url });
    let server: Child | null = null;
    let pool: pg.Pool | null = null;
    try {
      server = await startServer(
        {
          ...process.env,
          PORT: '0',
          DATABASE_URL: url,
          ZHIJIAN_DATA_DIR: dataDir,
          ZHIJIAN_ADMIN_PASSWORD: password,
          LOG_LEVEL: 'warn',
        },
        CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : [],
      );
      const port = server.port;
      const started = server;
      serverState = () =>
        `server ${started.proc.exitCode === null && started.proc.signalCode === null ? 'running' : `exited (${started.proc.exitCode ?? started.proc.signalCode})`}; its last output:\n${started.output().slice(-3000)}`;
      await client.connect();
      const adminCookie = await signIn(port, 'admin', password);
      const form = await createForm(port, adminCookie);
      const t0 = performance.now();
      const data = await seed(client, form, password, perPool);
      const cookies: string[] = [];
      for (let i = 0; i < data.inspectors.length; i += 4) {
        cookies.push(
          ...(await Promise.all(
            data.inspectors.slice(i, i + 4).map((u) => signIn(port, u.username, password)),
          )),
        );
      }
      say(
        `set-up: form ${form.id} (30 items, 3 fatal, 5 categories), ${AGENTS} CSRs, ${INSPECTORS} inspectors ` +
          `signed in, ${perPool * 3} interactions, in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
      );
      await checkAnswerMatchesRead(port, cookies[0] ?? '', form, data.ours.pop());
      pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
      const nextOurs = allocator(data.ours, 'ours');
      const nextBare = allocator(data.bare, 'baseline');
      const inspectorIds = data.inspectors.map((u) => u.id);
      const runOurs = ourRequest(port, cookies, form, nextOurs);
      const runBare = bareInsert(pool, form, inspectorIds, nextBare);
      const runBareAll = bareInsertAllRows(
        pool,
        form,
        inspectorIds,
        allocator(data.bareAll, 'baseline (all rows)'),
      );
      const proc = server.proc;
      /** Runs `fn` with the server stopped (SIGSTOP), then deletes the unsealed entries of the all-rows baseline. */
      const serverPaused = async <T>(fn: () => Promise<T>): Promise<T> => {
        await new Promise((resolve) => setTimeout(resolve, 1500)); // the sealer's last pass
        proc.kill('SIGSTOP');
        try {
          return await fn();
        } finally {
          await client.query(`delete from audit_log where actor_username = $1 and seq is null`, [
            BARE_ALL_ACTOR,
          ]);
          proc.kill('SIGCONT');
        }
      };
      await drive(WARMUP_S, runOurs);
      await drive(WARMUP_S, runBare);
      await serverPaused(() => drive(WARMUP_S, runBareAll));
      // Statistics as a database in use has them: the seed's ANALYZE saw no evaluations, and plans
      // made from that (the foreign-key checks' among them) scan the growing tables end to end.
      await client.query('analyze');
      for (let round = 1; round <= ROUNDS; round++) {
        const serverPid = server.proc.pid;
        let activity = ACTIVITY ? sampleActivity(client) : null;
        let cpu = await cpuSnapshot(client, serverPid);
        const o = await drive(DURATION_S, runOurs);
        say(line(`round ${round}: ours POST /api/v1/evaluations`, o));
        say(cpuPerEvaluation(cpu, await cpuSnapshot(client, serverPid), o.ok, true));
        if (activity) say(`  database connections (share of samples):\n${await activity()}`);
        const rate = OPEN_RATE.endsWith('%')
          ? (o.rate * Number(OPEN_RATE.slice(0, -1))) / 100
          : Number(OPEN_RATE);
        const open = await driveOpen(DURATION_S, rate, runOurs);
        say(line(`round ${round}: ours, open loop at ${rate.toFixed(0)}/s`, open));
        opens.push(open);
        activity = ACTIVITY ? sampleActivity(client) : null;
        cpu = await cpuSnapshot(client, serverPid);
        const b = await drive(DURATION_S, runBare);
        say(line(`round ${round}: bare insert (1 + 30 rows, 1 tx)`, b));
        say(cpuPerEvaluation(cpu, await cpuSnapshot(client, serverPid), b.ok, false));
        if (activity) say(`  database connections (share of samples):\n${await activity()}`);
        activity = ACTIVITY ? sampleActivity(client) : null;
        const a = await serverPaused(async () => {
          const before = await cpuSnapshot(client, serverPid);
          const figures = await drive(DURATION_S, runBareAll);
          say(line(`round ${round}: bare insert, all rows (1 statement)`, figures));
          say(cpuPerEvaluation(before, await cpuSnapshot(client, serverPid), figures.ok, false));
          return figures;
        });
        if (activity) say(`  database connections (share of samples):\n${await activity()}`);
        ours.push(o);
        bare.push(b);
        bareAll.push(a);
        ratios.push(o.rate / b.rate);
        ratiosAll.push(o.rate / a.rate);
      }
      const counts = (
        await client.query<{ evaluations: string; answers: string; audit: string; notifications: string }>(
          `select (select count(*) from evaluations) as evaluations,
             (select count(*) from evaluation_answers) as answers,
             (select count(*) from audit_log where entity_type = 'evaluation') as audit,
             (select count(*) from notifications) as notifications`,
        )
      ).rows[0];
      say(
        `\nrows written: ${counts?.evaluations} evaluations, ${counts?.answers} answers, ` +
          `${counts?.audit} evaluation audit entries, ${counts?.notifications} notifications`,
      );
    } finally {
      await pool?.end();
      await client.end().catch(() => undefined);
      if (server) {
        const code = await stopChild(server);
        if (code !== 0) process.stderr.write(`warning: the server exited with ${code}\n${server.output()}\n`);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
  agent.destroy();

  const pick = (all: Figures[]) => {
    const m = median(all.map((f) => f.rate));
    return all.reduce((best, f) => (Math.abs(f.rate - m) < Math.abs(best.rate - m) ? f : best));
  };
  const o = pick(ours);
  const b = pick(bare);
  const a = pick(bareAll);
  const ratio = median(ratios);
  const ratioAll = median(ratiosAll);
  const met = ratioAll >= 0.5 && o.p99 < 100;
  say(
    `\nSummary (median round of ${ROUNDS}; load average at the end: ${os.loadavg()[0]?.toFixed(1) ?? '?'})\n` +
      `${line('ours: POST /api/v1/evaluations, submit', o)}\n` +
      `${line('baseline: every row the API writes', a)}\n` +
      `${line('baseline: evaluation + answers only', b)}\n` +
      `ours/baseline (every row the API writes): ${(ratioAll * 100).toFixed(0)}%  (goal ≥ 50%)\n` +
      `ours/baseline (evaluation + answers only): ${(ratio * 100).toFixed(0)}%\n` +
      `ours p99: ${o.p99.toFixed(0)} ms (goal < 100 ms; the bare inserts' p99: ${a.p99.toFixed(0)} / ${b.p99.toFixed(0)} ms)` +
      `; open loop at ${pick(opens).rate.toFixed(0)}/s: p50 ${pick(opens).p50.toFixed(0)} ms, p99 ${pick(opens).p99.toFixed(0)} ms` +
      `  → ${met ? 'goal met' : 'goal NOT met'}`,
  );
}

/** The server's state and last output, for a failed run. */
let serverState: (() => string) | null = null;

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:evaluate failed: ${err instanceof Error ? err.message : String(err)}\n`);
    if (serverState) process.stderr.write(`${serverState()}\n`);
    cleanUp();
    process.exit(1);
  },
);
