/**
 * `npm run bench:sampling` — the daily sampling run (issue 5) on a month of a 500-CSR center:
 * 1,500,000 interactions over October 2026 (each CSR on shift about 22 days, ~136 contacts a
 * shift), on PostgreSQL, beside the bare query that only selects the same number of random
 * interactions per on-shift CSR for that day, in the same run.
 *
 * Data: the generator's center (server/src/generator: 500 CSRs, 12 teams, 20 inspectors and the
 * QA lead) written with insertCenter; its interactions (no transcripts) loaded with COPY; a roster
 * with one row per CSR and day worked (so the run reads the roster, as in a center that has one).
 * The plan is the default one: 3 a day per on-shift CSR, random, every `qa` user, capacity 60.
 *
 * Measured, per day of the month in order, alternating which goes first:
 * - baseline: `row_number() over (partition by agent_id order by random())` over the day's
 *   contacts of the roster's CSRs, keeping 3 per CSR — selecting, not writing;
 * - the run: runSamplingDay in process (the whole transaction: plan, on-shift CSRs and what they
 *   have, the pick SELECT, placement with the inspectors, the INSERT of the assignments, the run
 *   row, the audit entry, commit);
 * - a second reference, not the goal's: the bare pick written as assignments (INSERT … SELECT,
 *   rolled back) — what writing ~1,000 rows into an indexed table with foreign keys costs alone;
 * - a third, not the goal's either: the bare per-CSR top-N pick — the same selection method the run
 *   uses (a LATERAL `order by random() limit 3` per on-shift CSR), selected only — so the run can be
 *   read beside its own way of picking as well as beside the goal's bare query.
 * Beside wall time, CPU time (Linux /proc, which the machine's load does not skew): the database
 * backends of the bench database and this process, summed over the month for the run and for the
 * bare query.
 * "One day" is the median over the month's days; "a month" is the sum of the 31 days; the ratio the
 * goal reads is the median of the per-day ratios (each day's run beside that day's bare query).
 * Then a re-run of every day (top-up: creates nothing) for the idempotent path.
 * Goal: a day's run < 500 ms and ≤ 3× the bare query.
 *
 * Options: --rows=1500000 --agents=500 --seed=1
 *          --keep=<name>: load into a new database of that name and keep it (for EXPLAIN); no timing.
 *          --use=<name>: measure on a database kept earlier (its assignments and runs are removed first).
 * PostgreSQL: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; a scratch database
 * zhijian_bench_sampling_<pid> is created and dropped. Everything stays on 127.0.0.1.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'drizzle-orm';
import { guardRun, procCpuSeconds, option, postgresBaseUrl, withScratchDatabase } from './lib.ts';
import { type Db, openDatabase, queryRows } from '../../server/src/db/client.ts';
import { setLogLevel } from '../../server/src/logger.ts';
import {
  WORKDAY_SHARE,
  generateCenter,
  insertCenter,
  interactionRows,
} from '../../server/src/generator/index.ts';
import { runSamplingDay } from '../../server/src/modules/sampling/run.service.ts';
import { localDayRange } from '../../shared/time.ts';

const ROWS = Number(option('rows', '1500000'));
const AGENTS = Number(option('agents', '500'));
const SEED = Number(option('seed', '1'));
const MONTH = '2026-10';
const DAYS = 31;
const TZ = 'Asia/Shanghai';
const QUOTA = 3;
const KEEP = option('keep', '');
const USE = option('use', '');

guardRun('bench:sampling', 60 * 60 * 1000);
setLogLevel('silent');
const say = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const dayOf = (d: number) => `${MONTH}-${String(d + 1).padStart(2, '0')}`;

/** Loads the center and its interactions; answers the number of interactions. */
async function load(url: string, db: Db): Promise<number> {
  const center = generateCenter({ seed: SEED, agents: AGENTS, teams: 12, queues: 6, inspectors: 20 });
  const seeded = await insertCenter(db, center, 'not-a-real-hash');
  const perDay = Math.round(ROWS / (AGENTS * DAYS * WORKDAY_SHARE));
  const rows = interactionRows({
    seed: SEED,
    center,
    month: MONTH,
    perAgentPerDay: perDay,
    transcriptShare: 0,
  });
  const esc = (v: string | null) => (v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, ' '));
  let count = 0;
  function* lines(): Generator<string> {
    let chunk = '';
    for (const r of rows) {
      count++;
      chunk += `${esc(r.external_id)}\t${seeded.userIdByUsername.get(r.agent) ?? 0}\t${r.started_at}\t${Math.round(
        r.duration_s,
      )}\t${r.channel}\t${r.direction}\t${seeded.queueIdByCode.get(r.queue) ?? '\\N'}\t${esc(r.customer_ref)}\t${esc(
        r.recording_url,
      )}\t${count}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    const copy = client.query(
      copyFrom(
        `copy interactions (external_id, agent_id, started_at, duration_s, channel, direction, queue_id,
           customer_ref, recording_url, content_hash) from stdin`,
      ),
    );
    await pipeline(Readable.from(lines()), copy);
    say(`  loaded ${fmt(count)} interactions with COPY in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await client.query(`insert into shifts (agent_id, date, shift)
      select distinct agent_id, (started_at at time zone '${TZ}')::date, null from interactions`);
    await client.query('analyze');
  } finally {
    await client.end();
  }
  return count;
}

/** The bare query: 3 random contacts per on-shift CSR of the day, selected only. */
async function bare(db: Db, date: string): Promise<number> {
  const { start, end } = localDayRange(date, TZ);
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
          select i.id, row_number() over (partition by i.agent_id order by random()) as rn
          from interactions i join shifts s on s.agent_id = i.agent_id and s.date = ${date}::date
          where i.started_at >= ${start.toISOString()}::timestamptz and i.started_at < ${end.toISOString()}::timestamptz) x
        where rn <= ${QUOTA}`,
  );
  return row?.n ?? 0;
}

/**
 * A second reference: the bare pick written as assignments (INSERT … SELECT with the same random
 * pick, indexes and foreign keys), in a transaction that is rolled back — what writing the picks
 * costs by itself, without any of the run's logic.
 */
async function bareWrite(db: Db, date: string): Promise<void> {
  const { start, end } = localDayRange(date, TZ);
  await db
    .transaction(async (tx) => {
      await tx.execute(
        sql`insert into assignments (interaction_id, agent_id, date, due_date, status, strategy)
            select id, agent_id, ${date}::date, ${date}::date + 2, 'pending', 'random' from (
              select i.id, i.agent_id, row_number() over (partition by i.agent_id order by random()) as rn
              from interactions i join shifts s on s.agent_id = i.agent_id and s.date = ${date}::date
              where i.started_at >= ${start.toISOString()}::timestamptz
                and i.started_at < ${end.toISOString()}::timestamptz) x
            where rn <= ${QUOTA}`,
      );
      throw new RollBack();
    })
    .catch((err: unknown) => {
      if (!(err instanceof RollBack)) throw err;
    });
}

class RollBack extends Error {}

/** The per-CSR top-N pick the run uses (a LATERAL per on-shift CSR), selected only. */
async function bareTopN(db: Db, date: string): Promise<number> {
  const { start, end } = localDayRange(date, TZ);
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from shifts s cross join lateral (
          select i.id from interactions i
          where i.agent_id = s.agent_id and i.started_at >= ${start.toISOString()}::timestamptz
            and i.started_at < ${end.toISOString()}::timestamptz
          order by random() limit ${QUOTA}) p
        where s.date = ${date}::date`,
  );
  return row?.n ?? 0;
}

/**
 * CPU spent by the bench database's backends (all but the watcher's own) and by this process
 * while `fn` runs, in ms. The pool's connections stay open, so the same backends are read before
 * and after.
 */
async function cpuOf<T>(
  watch: pg.Client,
  fn: () => Promise<T>,
): Promise<{ db: number; node: number; value: T }> {
  const backends = async () => {
    const { rows } = await watch.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
         and backend_type = 'client backend'`,
    );
    return new Map(rows.map((r) => [r.pid, (procCpuSeconds(r.pid) ?? 0) * 1000]));
  };
  const before = await backends();
  const node0 = process.cpuUsage();
  const value = await fn();
  const node1 = process.cpuUsage(node0);
  const after = await backends();
  let db = 0;
  for (const [pid, ms] of after) db += ms - (before.get(pid) ?? 0);
  return { db, node: (node1.user + node1.system) / 1000, value };
}

async function run(db: Db, date: string): Promise<{ created: number; overflow: number; onShift: number }> {
  const result = await runSamplingDay(db, {
    date,
    trigger: 'manual',
    timezone: TZ,
    ctx: { actorId: null, actorUsername: 'bench', ip: null },
  });
  if (!result) throw new Error('no run');
  return {
    created: result.summary.created,
    overflow: result.summary.overflow,
    onShift: result.summary.on_shift,
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

/** `--keep=<name>`: load into a new database and keep it, for looking at plans by hand. */
async function loadAndKeep(base: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('--keep takes a database name [a-z0-9_]');
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  try {
    await load(url.toString(), database.db);
    say(`  kept: ${url.toString()}`);
  } finally {
    await database.close();
  }
}

/** The month of runs beside the bare query, day by day; prints the table. */
async function measure(db: Db, url: string): Promise<void> {
  const watch = new pg.Client({ connectionString: url });
  await watch.connect();
  try {
    await measureWith(db, watch);
  } finally {
    await watch.end();
  }
}

async function measureWith(db: Db, watch: pg.Client): Promise<void> {
  const [stats] = await queryRows<{
    days: number;
    per_shift: number;
    per_agent_days: number;
    interactions: number;
  }>(
    db,
    sql`select count(distinct date)::int as days,
          (select count(*) from interactions)::float8 / count(*) as per_shift,
          count(*)::float8 / count(distinct agent_id) as per_agent_days,
          (select count(*)::int from interactions) as interactions
        from shifts`,
  );
  say(
    `  roster: ${stats?.days} days, ${stats?.per_agent_days.toFixed(1)} shift days per CSR, ` +
      `${stats?.per_shift.toFixed(0)} contacts per shift; ${fmt(stats?.interactions ?? 0)} interactions`,
  );
  // Warm-up: one bare query and one run, then the run's rows are removed.
  await bare(db, dayOf(14));
  await run(db, dayOf(14));
  await db.execute(sql`delete from assignments`);
  await db.execute(sql`delete from sampling_runs`);

  const bareMs: number[] = [];
  const writeMs: number[] = [];
  const topNMs: number[] = [];
  const runMs: number[] = [];
  const cpu = { bareDb: 0, bareNode: 0, runDb: 0, runNode: 0 };
  let created = 0;
  let overflow = 0;
  let picks = 0;
  let topNPicks = 0;
  const measureBare = async (date: string) => {
    const { db: dbMs, node, value } = await cpuOf(watch, () => timed(() => bare(db, date)));
    bareMs.push(value[0]);
    picks += value[1];
    cpu.bareDb += dbMs;
    cpu.bareNode += node;
  };
  const measureRun = async (date: string) => {
    const { db: dbMs, node, value } = await cpuOf(watch, () => timed(() => run(db, date)));
    runMs.push(value[0]);
    created += value[1].created;
    overflow += value[1].overflow;
    cpu.runDb += dbMs;
    cpu.runNode += node;
  };
  for (let d = 0; d < DAYS; d++) {
    const date = dayOf(d);
    writeMs.push((await timed(() => bareWrite(db, date)))[0]);
    const [t, n] = await timed(() => bareTopN(db, date));
    topNMs.push(t);
    topNPicks += n;
    if (d % 2 === 0) {
      await measureBare(date);
      await measureRun(date);
    } else {
      await measureRun(date);
      await measureBare(date);
    }
  }
  const topUp: number[] = [];
  let topUpCreated = 0;
  for (let d = 0; d < DAYS; d++) {
    const [r, res] = await timed(() => run(db, dayOf(d)));
    topUp.push(r);
    topUpCreated += res.created;
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const dayRun = median(runMs);
  const dayBare = median(bareMs);
  say('');
  say('                         run (ours)      bare query     ratio');
  say(
    `  one day (median)       ${ms(dayRun).padEnd(15)} ${ms(dayBare).padEnd(14)} ${(dayRun / dayBare).toFixed(2)}×`,
  );
  say(`  slowest day            ${ms(Math.max(...runMs)).padEnd(15)} ${ms(Math.max(...bareMs)).padEnd(14)}`);
  say(
    `  the month (31 runs)    ${ms(sum(runMs)).padEnd(15)} ${ms(sum(bareMs)).padEnd(14)} ${(sum(runMs) / sum(bareMs)).toFixed(2)}×`,
  );
  say(
    `  re-run of each day (top-up) median ${ms(median(topUp))}, month ${ms(sum(topUp))}, created ${topUpCreated}`,
  );
  say(
    `  bare pick written (INSERT, rolled back): one day ${ms(median(writeMs))}, the month ${ms(sum(writeMs))}`,
  );
  say(
    `  bare per-CSR top-N pick (selected only): one day ${ms(median(topNMs))}, the month ${ms(sum(topNMs))}, picked ${fmt(topNPicks)}`,
  );
  say(
    `  CPU over the month: database backends — run ${ms(cpu.runDb)}, bare query ${ms(cpu.bareDb)} ` +
      `(${(cpu.runDb / Math.max(cpu.bareDb, 1)).toFixed(2)}×); this process — run ${ms(cpu.runNode)}, bare query ${ms(cpu.bareNode)}; ` +
      `both — ${((cpu.runDb + cpu.runNode) / Math.max(cpu.bareDb + cpu.bareNode, 1)).toFixed(2)}×`,
  );
  // The machine is shared: a ratio of two figures taken the same moment is steadier than one of
  // two medians taken minutes apart.
  const perDay = runMs.map((r, i) => r / (bareMs[i] ?? r));
  const perDayWrite = runMs.map((r, i) => r / (writeMs[i] ?? r));
  const perDayTopN = runMs.map((r, i) => r / (topNMs[i] ?? r));
  say(
    `  median of the days' ratios: run ÷ bare query ${median(perDay).toFixed(2)}×, run ÷ bare pick written ${median(perDayWrite).toFixed(2)}×, ` +
      `run ÷ bare top-N pick ${median(perDayTopN).toFixed(2)}×`,
  );
  say(
    `  load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
  );
  say('');
  say(`  checks created ${fmt(created)} (bare query selected ${fmt(picks)}), overflow ${fmt(overflow)}`);
  const goal = dayRun < 500 && median(perDay) <= 3;
  say(`  goal (a day < 500 ms and ≤ 3× the bare query): ${goal ? 'met' : 'NOT met'}`);
}

async function main(): Promise<void> {
  const base = postgresBaseUrl('bench:sampling');
  if (KEEP) return loadAndKeep(base, KEEP);
  say(`bench:sampling — ${fmt(ROWS)} interactions, ${AGENTS} CSRs, ${MONTH} (${DAYS} days), PostgreSQL`);
  if (USE) {
    if (!/^[a-z0-9_]+$/.test(USE)) throw new Error('--use takes a database name [a-z0-9_]');
    const url = new URL(base);
    url.pathname = `/${USE}`;
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
    try {
      await database.db.execute(sql`delete from assignments`);
      await database.db.execute(sql`delete from sampling_runs`);
      await database.db.execute(sql`vacuum analyze assignments`);
      await measure(database.db, url.toString());
    } finally {
      await database.close();
    }
    return;
  }
  await withScratchDatabase(base, 'sampling', async (url) => {
    const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
    try {
      await load(url, database.db);
      await measure(database.db, url);
    } finally {
      await database.close();
    }
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      `bench:sampling failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
