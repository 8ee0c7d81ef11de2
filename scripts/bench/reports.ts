/**
 * `npm run bench:reports` — the monthly report over a month of a 500-CSR center (issue 6):
 * 30,000 submitted evaluations × 30 items in the month and as many in the month before (the report
 * compares with it), on PostgreSQL and on PGlite, beside hand-written GROUP BYs over the same
 * tables in the same run.
 *
 * Data, from the shared generator (server/src/generator): its center (500 CSRs with Chinese names,
 * teams, inspectors) through insertCenter and its interactions (interactionRows, about four
 * contacts per CSR and working day) through insertInteractions; then set-based SQL: three 30-item
 * scorecards (five categories, two fatal items each), an evaluation and a (done) sampling
 * assignment for 30,000 of each month's contacts, 30 answers per evaluation (CSRs differ in how
 * often they fail), the score computed from the answers as SPEC §3 says, 1% drafts, 0.5% corrected
 * by a dispute (a second revision of the answers), and the evaluations' answer tallies written by
 * the migration's backfill statement (the test evaluation.tally.test.ts holds it equal to what
 * the product writes).
 *
 * Measured, alternating, after one warm-up each:
 * - baseline: the hand-written GROUP BY over the answers (evaluations ⋈ current-revision answers ⋈
 *   items, by CSR × period × category, over both months) — what issue 6 compares with;
 * - second reference: the hand-written GROUP BY of the same figures over the answer tallies
 *   (evaluations' failed/N/A item lists ⋈ items) — the least any report reading the tallies does;
 * - the report service (periodReport, in process: all its statements and the assembly);
 * - the API: GET /api/v1/reports/monthly through the app in process (auth, scope, JSON);
 * - the documents: format=xlsx (goal < 2 s) and format=pdf through the same API.
 * Goals on PostgreSQL: report < 300 ms and ≤ 1.5× the baseline; XLSX < 2 s.
 *
 * Options: --agents=500 --evaluations=30000 --runs=7 --db=postgres,pglite --month=2026-10
 * PostgreSQL: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; a scratch database
 * zhijian_bench_reports_<pid> is created and dropped. PGlite lives in a temporary directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { guardRun, procCpuSeconds, onCleanUp, option, postgresBaseUrl, withScratchDatabase } from './lib.ts';
import { type Database, type Db, openDatabase, queryRows } from '../../server/src/db/client.ts';
import {
  generateCenter,
  insertCenter,
  insertInteractions,
  interactionRows,
} from '../../server/src/generator/index.ts';
import { tallyBackfillStatement } from '../../server/src/db/tally-backfill.ts';
import { periodReport } from '../../server/src/modules/reports/period-report.service.ts';
import { renderDocument } from '../../server/src/modules/reports/report.documents.ts';
import { getTestServer } from '../../server/test/server.ts';
import type { Actor } from '../../server/src/policies/actor.ts';
import { monthRange, shiftMonth } from '../../shared/reports/periods.ts';

const ITEMS: [string, string, number, boolean][] = [
  ['使用标准开场白并自报工号', 'phrasing', 3, false],
  ['准确核实客户身份信息', 'process', 4, true],
  ['耐心倾听，不打断客户', 'communication', 3, false],
  ['准确理解并复述客户需求', 'communication', 4, false],
  ['业务解答准确无误', 'knowledge', 4, false],
  ['主动告知相关资费与优惠', 'knowledge', 3, false],
  ['语气亲切，态度热情', 'attitude', 3, false],
  ['不推诿、不敷衍客户', 'attitude', 3, false],
  ['不得与客户争吵或辱骂客户', 'attitude', 4, true],
  ['使用规范礼貌用语', 'phrasing', 3, false],
  ['等待前征询客户同意', 'phrasing', 3, false],
  ['按流程受理并记录工单', 'process', 4, false],
  ['正确使用知识库查询', 'knowledge', 3, false],
  ['解答完整，无遗漏信息', 'knowledge', 4, false],
  ['控制通话节奏，重点清晰', 'communication', 3, false],
  ['安抚客户情绪得当', 'communication', 3, false],
  ['投诉按规定升级处理', 'process', 4, false],
  ['准确告知办理时限', 'knowledge', 3, false],
  ['不使用服务禁语', 'phrasing', 4, false],
  ['主动确认问题是否解决', 'communication', 3, false],
  ['语速适中，吐字清晰', 'communication', 3, false],
  ['保持专注，无冷场', 'attitude', 3, false],
  ['业务推荐符合客户需求', 'knowledge', 3, false],
  ['系统操作规范无误', 'process', 3, false],
  ['如实记录客户诉求', 'process', 3, false],
  ['政策解释准确', 'knowledge', 4, false],
  ['结束前询问其他需求', 'phrasing', 3, false],
  ['使用标准结束语', 'phrasing', 3, false],
  ['服务热情贯穿始终', 'attitude', 3, false],
  ['保护客户隐私信息', 'process', 4, false],
];

/** Writes the benchmark's center and two months of evaluations. Answers the QA lead's id. */
export async function seedReportData(
  db: Db,
  options: { agents: number; evaluations: number; month: string; seed: number },
): Promise<{ leadId: number }> {
  const center = generateCenter({
    seed: options.seed,
    agents: options.agents,
    teams: Math.max(1, Math.round(options.agents / 25)),
    queues: 3,
    inspectors: Math.max(2, Math.round(options.agents / 20)),
    asOf: `${options.month}-01`,
  });
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(${(options.seed % 1000) / 1000})`);
    const seeded = await insertCenter(tx, center, 'bench-no-login');
    for (const queue of center.queues) {
      const queueId = seeded.queueIdByCode.get(queue.code);
      await tx.execute(sql`with f as (insert into forms (name) values (${`${queue.name}质检标准`}) returning id),
          v as (insert into form_versions (form_id, version, pass_mark, used_at) select id, 1, 80, now() from f returning id, form_id),
          q as (insert into form_queues (form_id, queue_id) select form_id, ${queueId} from v),
          s as (insert into form_sections (form_version_id, position, title) select id, 0, '服务质量' from v returning id, form_version_id)
        insert into form_items (form_version_id, section_id, position, item_key, text, category_key, points, fatal, allow_na)
        select s.form_version_id, s.id, x.ord - 1, ${queue.code} || '-' || x.ord, x.text, x.category, x.points, x.fatal, not x.fatal
        from s, jsonb_to_recordset(${JSON.stringify(ITEMS.map(([text, category, points, fatal], i) => ({ text, category, points, fatal, ord: i + 1 })))}::jsonb)
          as x(text text, category text, points numeric, fatal boolean, ord int)`);
    }
    const months = [shiftMonth(options.month, -1), options.month];
    const ids = { agents: seeded.userIdByUsername, queues: seeded.queueIdByCode };
    for (const month of months) {
      const days = Number(monthRange(month).to.slice(8));
      const evaluations = Math.round(options.evaluations * 1.01);
      // The month's contacts from the generator: ~4 per CSR and working day (more than are checked).
      const prefix = `B${month.replace('-', '')}-`;
      await insertInteractions(
        tx,
        interactionRows({
          seed: options.seed,
          center,
          month,
          perAgentPerDay: Math.max(1, Math.ceil((1.3 * evaluations) / (options.agents * days * (5 / 7)))),
          transcriptShare: 0,
          idPrefix: prefix,
        }),
        ids,
      );
      // 1.01 × evaluations of them checked (1% stay drafts), picked evenly by a hash of the id; the
      // form of the contact's queue; inspectors in turn.
      await tx.execute(sql`
        with ins as (select id, row_number() over (order by id) - 1 as n, count(*) over () as total from users where 'qa' = any(roles)),
        it as (
          select i.id, i.agent_id, i.started_at, (i.started_at at time zone 'Asia/Shanghai')::date as local_date,
            fv.id as version_id, fv.form_id, row_number() over (order by md5(i.external_id)) - 1 as g
          from interactions i
            join form_queues fq on fq.queue_id = i.queue_id
            join form_versions fv on fv.form_id = fq.form_id
          where i.external_id like ${`${prefix}%`}
          order by md5(i.external_id)
          limit ${evaluations}
        )
        insert into evaluations (interaction_id, agent_id, evaluator_id, form_id, form_version_id, method, phase, status,
          local_date, revision, score, fatal, passed, positives, negatives, submitted_at, created_at)
        select it.id, it.agent_id, ins.id, it.form_id, it.version_id,
          (array['recording_review','recording_review','recording_review','test_call','side_by_side','on_site'])[1 + it.g % 6],
          'after', case when it.g % 101 = 100 then 'draft' else 'acknowledged' end,
          it.local_date, 1, 0, false, false,
          case when it.g % 7 = 0 then '开场白规范，耐心解答客户疑问' end,
          case when it.g % 9 = 0 then '未主动确认问题是否解决' end,
          case when it.g % 101 = 100 then null else it.started_at + interval '8 hours' end,
          it.started_at + interval '7 hours 50 minutes'
        from it join ins on ins.n = it.g % ins.total`);
    }
    // 30 answers per evaluation; each CSR fails non-fatal items 4–25% of the time, fatal items 1%.
    await tx.execute(sql`
      insert into evaluation_answers (evaluation_id, revision, item_id, result)
      select id, 1, item_id,
        case when fatal then case when r < 0.01 then 'fail' else 'pass' end
             when r < 0.05 then 'na' when r < 0.09 + (agent_id % 12) * 0.015 then 'fail' else 'pass' end
      from (select e.id, e.agent_id, fi.id as item_id, fi.fatal, random() as r
            from evaluations e join form_items fi on fi.form_version_id = e.form_version_id) x`);
    // 0.5% corrected by a dispute: a second revision where the failed non-fatal items pass.
    await tx.execute(sql`
      with c as (select id, evaluator_id, agent_id from evaluations where status <> 'draft' and id % 200 = 7),
      d as (insert into disputes (evaluation_id, raised_by, reason, status, reviewer_decision, inspector_error, evaluator_id, closed_at)
            select id, agent_id, '认为评分有误', 'corrected', 'corrected', true, evaluator_id, now() from c),
      a as (insert into evaluation_answers (evaluation_id, revision, item_id, result)
            select x.evaluation_id, 2, x.item_id, case when x.result = 'fail' and not fi.fatal then 'pass' else x.result end
            from evaluation_answers x join c on c.id = x.evaluation_id join form_items fi on fi.id = x.item_id)
      update evaluations set revision = 2 where id in (select id from c)`);
    await tx.execute(sql`
      update evaluations e set score = s.score, fatal = s.fatal, passed = not s.fatal and s.score >= 80
      from (
        select a.evaluation_id, bool_or(fi.fatal and a.result = 'fail') as fatal,
          case when bool_or(fi.fatal and a.result = 'fail') then 0
               else coalesce(round(100 * sum(fi.points) filter (where a.result = 'pass')
                    / nullif(sum(fi.points) filter (where a.result <> 'na'), 0), 1), 100) end as score
        from evaluations ev join evaluation_answers a on a.evaluation_id = ev.id and a.revision = ev.revision
          join form_items fi on fi.id = a.item_id
        group by a.evaluation_id
      ) s where s.evaluation_id = e.id`);
    // The answer tallies of the current revisions, by the migration's backfill statement.
    await tx.execute(sql.raw(tallyBackfillStatement()));
    await tx.execute(sql`
      insert into assignments (interaction_id, agent_id, assignee_id, date, due_date, status, strategy, evaluation_id, completed_at)
      select e.interaction_id, e.agent_id, e.evaluator_id, e.local_date, e.local_date,
        case when e.status = 'draft' then 'pending' else 'done' end, 'random', e.id, e.submitted_at
      from evaluations e`);
  });
  await db.execute(sql`analyze`);
  const [lead] = await queryRows<{ id: number }>(
    db,
    sql`select id from users where 'qa_lead' = any(roles) limit 1`,
  );
  if (!lead) throw new Error('no QA lead seeded');
  return { leadId: lead.id };
}

/** The baseline: one hand-written GROUP BY over the same tables and both periods. */
function bareQuery(db: Db, month: string) {
  const { from, to } = monthRange(month);
  const prevFrom = monthRange(shiftMonth(month, -1)).from;
  return queryRows<{ agent_id: number }>(
    db,
    sql`select e.agent_id, e.local_date >= ${from}::date as cur, fi.category_key,
          count(*) filter (where a.result = 'pass') as passed, count(*) filter (where a.result = 'fail') as failed
        from evaluations e
          join evaluation_answers a on a.evaluation_id = e.id and a.revision = e.revision
          join form_items fi on fi.id = a.item_id
        where e.status <> 'draft' and e.local_date between ${prevFrom}::date and ${to}::date
        group by 1, 2, 3`,
  );
}

/**
 * The second reference: the same figures (CSR × period × category, passed and failed) by hand from
 * the evaluations' answer tallies instead of the answers: evaluations per CSR, period and form
 * version, the failed and N/A items unnested and counted, every other item of the version passed.
 */
function bareTallyQuery(db: Db, month: string) {
  const { from, to } = monthRange(month);
  const prevFrom = monthRange(shiftMonth(month, -1)).from;
  return queryRows<{ agent_id: number }>(
    db,
    sql`with ev as materialized (
          select agent_id, local_date >= ${from}::date as cur, form_version_id, failed_item_ids, na_item_ids
          from evaluations where status <> 'draft' and local_date between ${prevFrom}::date and ${to}::date
        ),
        n as (select agent_id, cur, form_version_id, count(*) as n from ev group by 1, 2, 3),
        f as (select agent_id, cur, unnest(failed_item_ids) as item_id from ev),
        na as (select agent_id, cur, unnest(na_item_ids) as item_id from ev),
        marked as (
          select f.agent_id, f.cur, fi.category_key, count(*) as failed, 0 as na
            from f join form_items fi on fi.id = f.item_id group by 1, 2, 3
          union all
          select na.agent_id, na.cur, fi.category_key, 0, count(*)
            from na join form_items fi on fi.id = na.item_id group by 1, 2, 3
        ),
        items as (
          select n.agent_id, n.cur, fi.category_key, sum(n.n) as answered
          from n join form_items fi on fi.form_version_id = n.form_version_id group by 1, 2, 3
        )
        select i.agent_id, i.cur, i.category_key,
          i.answered - coalesce(sum(m.failed), 0) - coalesce(sum(m.na), 0) as passed, coalesce(sum(m.failed), 0) as failed
        from items i left join marked m on m.agent_id = i.agent_id and m.cur = i.cur and m.category_key = i.category_key
        group by i.agent_id, i.cur, i.category_key, i.answered`,
  );
}

/** A document through the in-process app, as bytes. */
async function fetchBinary(
  server: Awaited<ReturnType<typeof getTestServer>>,
  url: string,
  userId: number,
): Promise<Buffer> {
  const res = await server.app.request(url, { headers: { cookie: await server.sessionCookie(userId) } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

type Result = {
  db: string;
  bare: number;
  bareTally: number;
  service: number;
  api: number;
  xlsx: number;
  pdf: number;
  renderXlsx: number;
  renderPdf: number;
  seedS: number;
  /** CPU per run (ms): the database's (PostgreSQL backends, no parallel workers) or the process's (PGlite). */
  cpu: { bare: number; bareTally: number; service: number } | null;
};

/** CPU seconds of all client backends of the bench database but the watcher's own; null without /proc. */
async function backendsCpu(watcher: pg.Client): Promise<number | null> {
  const { rows } = await watcher.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
       and backend_type = 'client backend'`,
  );
  let total = 0;
  for (const { pid } of rows) {
    const cpu = procCpuSeconds(pid);
    if (cpu === null) return null;
    total += cpu;
  }
  return total;
}

/**
 * Database CPU per run on PostgreSQL, a figure the machine's load does not skew: the same three
 * measurements on a second pool whose sessions run without parallel workers (their CPU would be
 * spent in short-lived processes /proc cannot follow), summed over the bench database's backends.
 */
async function databaseCpu(url: string, month: string, actor: Actor, runs: number) {
  const serialUrl = new URL(url);
  serialUrl.searchParams.set('options', '-c max_parallel_workers_per_gather=0');
  const serial = await openDatabase({ kind: 'postgres', url: serialUrl.toString(), poolSize: 10 });
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  try {
    const deps = { db: serial.db, timezone: 'Asia/Shanghai' };
    const measures: [keyof NonNullable<Result['cpu']>, () => Promise<unknown>][] = [
      ['bare', () => bareQuery(serial.db, month)],
      ['bareTally', () => bareTallyQuery(serial.db, month)],
      ['service', () => periodReport(deps, actor, { kind: 'monthly', month })],
    ];
    const cpu = { bare: [] as number[], bareTally: [] as number[], service: [] as number[] };
    for (const [, run] of measures) await run(); // warm-up: every pooled connection planned once
    for (let i = 0; i < runs; i++) {
      for (const [name, run] of measures) {
        const before = await backendsCpu(watcher);
        await run();
        const after = await backendsCpu(watcher);
        if (before === null || after === null) return null;
        cpu[name].push((after - before) * 1000);
      }
    }
    return { bare: median(cpu.bare), bareTally: median(cpu.bareTally), service: median(cpu.service) };
  } finally {
    await watcher.end();
    await serial.close();
  }
}

async function benchDatabase(
  name: string,
  database: Database,
  runs: number,
  postgresUrl: string | null,
): Promise<Result> {
  const say = (line: string) => process.stdout.write(`[${name}] ${line}\n`);
  const AGENTS = Number(option('agents', '500'));
  const EVALUATIONS = Number(option('evaluations', '30000'));
  const MONTH = option('month', '2026-10');
  const t0 = performance.now();
  const { leadId } = await seedReportData(database.db, {
    agents: AGENTS,
    evaluations: EVALUATIONS,
    month: MONTH,
    seed: 1,
  });
  const seedS = (performance.now() - t0) / 1000;
  const [counts] = await queryRows<{ evaluations: number; answers: number; interactions: number }>(
    database.db,
    sql`select (select count(*) from evaluations where status <> 'draft' and local_date between ${monthRange(MONTH).from}::date and ${monthRange(MONTH).to}::date)::int as evaluations,
               (select count(*) from evaluation_answers)::int as answers,
               (select count(*) from interactions)::int as interactions`,
  );
  say(
    `seeded in ${seedS.toFixed(0)} s: ${counts?.evaluations} submitted evaluations in ${MONTH}, ${counts?.answers} answers and ${counts?.interactions} generated contacts in all`,
  );

  const server = await getTestServer({ database });
  const [actor] = await queryRows<Actor>(
    database.db,
    sql`select id, username, display_name, roles, team_id, null as team_name, '{}'::int[] as led_team_ids, 'session' as via from users where id = ${leadId}`,
  );
  if (!actor) throw new Error('no actor');
  const deps = { db: database.db, timezone: 'Asia/Shanghai' };
  const url = `/api/v1/reports/monthly?month=${MONTH}`;
  // Warm-up (plans, caches, the API's session) and checks: both references count the same, and the
  // API answers the service's figures.
  const fromAnswers = await bareQuery(database.db, MONTH);
  const fromTallies = await bareTallyQuery(database.db, MONTH);
  const keyed = (rows: { agent_id: number }[]) =>
    rows
      .map((r) => JSON.stringify(Object.values(r).map((v) => String(v))))
      .sort()
      .join('\n');
  if (keyed(fromAnswers) !== keyed(fromTallies))
    throw new Error('the GROUP BY over the answers and over the tallies disagree');
  const fromService = await periodReport(deps, actor, { kind: 'monthly', month: MONTH });
  const fromApi = await server.request('GET', url, { as: leadId });
  if (fromApi.status !== 200)
    throw new Error(`API answered ${fromApi.status}: ${fromApi.text.slice(0, 200)}`);
  const apiCenter = (fromApi.body as { center: { average_score: number } }).center;
  if (apiCenter.average_score !== fromService.center.average_score)
    throw new Error('API and service disagree');
  say(
    `center: ${fromService.center.evaluations} evaluations, average ${fromService.center.average_score}, ${fromService.agents.length} CSRs, ${fromService.teams.length} teams`,
  );

  const t = {
    bare: [] as number[],
    bareTally: [] as number[],
    service: [] as number[],
    serviceCpu: [] as number[],
    api: [] as number[],
    xlsx: [] as number[],
    pdf: [] as number[],
    renderXlsx: [] as number[],
    renderPdf: [] as number[],
  };
  for (let i = 0; i < runs; i++) {
    t.bare.push((await timed(() => bareQuery(database.db, MONTH)))[0]);
    t.bareTally.push((await timed(() => bareTallyQuery(database.db, MONTH)))[0]);
    const cpu0 = process.cpuUsage();
    t.service.push((await timed(() => periodReport(deps, actor, { kind: 'monthly', month: MONTH })))[0]);
    const cpu1 = process.cpuUsage(cpu0);
    t.serviceCpu.push((cpu1.user + cpu1.system) / 1000);
    t.api.push((await timed(() => server.request('GET', url, { as: leadId })))[0]);
  }
  const save = option('save', '');
  if (save) {
    fs.mkdirSync(save, { recursive: true });
    for (const lang of ['zh-CN', 'en']) {
      for (const format of ['xlsx', 'pdf']) {
        const res = await fetchBinary(server, `${url}&format=${format}&lang=${lang}`, leadId);
        fs.writeFileSync(path.join(save, `${name}-monthly-${MONTH}.${lang}.${format}`), res);
      }
    }
    say(`documents saved in ${save}`);
  }
  for (let i = 0; i < Math.max(1, Math.ceil(runs / 2)); i++) {
    const [ms, res] = await timed(() => server.request('GET', `${url}&format=xlsx`, { as: leadId }));
    if (res.status !== 200) throw new Error(`xlsx: ${res.status}`);
    t.xlsx.push(ms);
    const [pdfMs, pdf] = await timed(() => server.request('GET', `${url}&format=pdf`, { as: leadId }));
    if (pdf.status !== 200) throw new Error(`pdf: ${pdf.status}`);
    t.pdf.push(pdfMs);
    // The documents alone, from the computed JSON (no SQL).
    t.renderXlsx.push(
      (
        await timed(() =>
          renderDocument({ kind: 'period', report: fromService, summary: null }, 'xlsx', 'zh'),
        )
      )[0],
    );
    t.renderPdf.push(
      (
        await timed(() => renderDocument({ kind: 'period', report: fromService, summary: null }, 'pdf', 'zh'))
      )[0],
    );
  }
  const r: Result = {
    db: name,
    bare: median(t.bare),
    bareTally: median(t.bareTally),
    service: median(t.service),
    api: median(t.api),
    xlsx: median(t.xlsx),
    pdf: median(t.pdf),
    renderXlsx: median(t.renderXlsx),
    renderPdf: median(t.renderPdf),
    seedS,
    cpu: null,
  };
  if (postgresUrl) {
    r.cpu = await databaseCpu(postgresUrl, MONTH, actor, runs);
  } else {
    // PGlite runs in this process: its CPU is the process's.
    const cpuOf = async (fn: () => Promise<unknown>) => {
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const c0 = process.cpuUsage();
        await fn();
        const c1 = process.cpuUsage(c0);
        xs.push((c1.user + c1.system) / 1000);
      }
      return median(xs);
    };
    r.cpu = {
      bare: await cpuOf(() => bareQuery(database.db, MONTH)),
      bareTally: await cpuOf(() => bareTallyQuery(database.db, MONTH)),
      service: median(t.serviceCpu),
    };
  }
  if (r.cpu) {
    say(
      `CPU per run (${postgresUrl ? 'database backends, no parallel workers' : 'process'}): bare ${r.cpu.bare.toFixed(0)} | bare tally ${r.cpu.bareTally.toFixed(0)} | service ${r.cpu.service.toFixed(0)} ms`,
    );
  }
  say(
    `runs: bare ${t.bare.map((x) => x.toFixed(0)).join(' ')} | bare tally ${t.bareTally.map((x) => x.toFixed(0)).join(' ')} | service ${t.service.map((x) => x.toFixed(0)).join(' ')} | api ${t.api.map((x) => x.toFixed(0)).join(' ')} ms`,
  );
  say(
    `xlsx ${t.xlsx.map((x) => x.toFixed(0)).join(' ')} | pdf ${t.pdf.map((x) => x.toFixed(0)).join(' ')} ms`,
  );
  return r;
}

async function main(): Promise<void> {
  guardRun('bench:reports', 60 * 60 * 1000);
  const runs = Number(option('runs', '7'));
  const results: Result[] = [];
  for (const db of option('db', 'postgres,pglite').split(',')) {
    if (db === 'postgres') {
      await withScratchDatabase(postgresBaseUrl('bench:reports'), 'reports', async (url) => {
        const database = await openDatabase({ kind: 'postgres', url, poolSize: 10 });
        try {
          results.push(await benchDatabase('postgres', database, runs, url));
        } finally {
          await database.close();
        }
      });
    } else if (db === 'pglite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-bench-reports-'));
      onCleanUp(() => fs.rmSync(dir, { recursive: true, force: true }));
      const database = await openDatabase({ kind: 'pglite', dataDir: dir });
      try {
        results.push(await benchDatabase('pglite', database, Math.max(3, Math.ceil(runs / 2)), null));
      } finally {
        await database.close();
      }
    } else throw new Error(`unknown --db ${db} (postgres, pglite)`);
  }
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  process.stdout.write(
    '\nmedians | bare GROUP BY over answers | bare GROUP BY over tallies | report (service) | × bare (answers) | × bare (tallies) | report (API) | XLSX (API) | PDF (API) | XLSX render | PDF render\n',
  );
  for (const r of results) {
    process.stdout.write(
      `${r.db} | ${ms(r.bare)} | ${ms(r.bareTally)} | ${ms(r.service)} | ${(r.service / r.bare).toFixed(2)} | ${(r.service / r.bareTally).toFixed(2)} | ${ms(r.api)} | ${ms(r.xlsx)} | ${ms(r.pdf)} | ${ms(r.renderXlsx)} | ${ms(r.renderPdf)}\n`,
    );
    if (r.cpu) {
      process.stdout.write(
        `${r.db} CPU per run | bare over answers ${ms(r.cpu.bare)} | bare over tallies ${ms(r.cpu.bareTally)} | report ${ms(r.cpu.service)} | × bare (answers) ${(r.cpu.service / r.cpu.bare).toFixed(2)} | × bare (tallies) ${(r.cpu.service / r.cpu.bareTally).toFixed(2)}\n`,
      );
    }
    if (r.db === 'postgres') {
      const ok = (b: boolean) => (b ? 'met' : 'NOT met');
      process.stdout.write(
        `goals on PostgreSQL: report < 300 ms ${ok(r.service < 300)}; ≤ 1.5× bare ${ok(r.service <= 1.5 * r.bare)}; XLSX < 2 s ${ok(r.xlsx < 2000)}\n`,
      );
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
