import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { ensureFirstAdmin } from '../../bootstrap.ts';
import { type Database, queryRows } from '../../db/client.ts';
import { readEnv } from '../../env.ts';
import { verifyAuditChain } from '../../modules/audit/audit.verify.ts';
import { setLogLevel } from '../../logger.ts';
import { openTestDatabase } from '../../../test/test-db.ts';
import { type DemoSummary, seedDemoCenter } from './index.ts';

/**
 * A small demo center (eight CSRs) on a fixed "now": the month of work it leaves behind must look
 * like a real center's — timestamps in the past and in working hours, the audit trail sealed and
 * intact, imports with rejected rows, tokens, drafts, every dispute state, assignments done by the
 * evaluations.
 */
describe('the demo center', () => {
  let database: Database;
  let summary: DemoSummary;
  const now = new Date('2026-11-20T06:30:00Z'); // 14:30 in Asia/Shanghai
  const q = <T>(text: string) => queryRows<T>(database.db, sql.raw(text));

  before(async () => {
    setLogLevel('silent');
    database = await openTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-demo-test-'));
    const runStart = new Date();
    await ensureFirstAdmin(database.db, 'demo-test-password');
    summary = await seedDemoCenter(
      database,
      { ...readEnv({}), dataDir, timezone: 'Asia/Shanghai' },
      'not-a-login',
      { agents: 8, perAgentPerDay: 4, now, timezone: 'Asia/Shanghai', runStart },
    );
  });
  after(() => database.close());

  it('leaves a sealed, intact audit trail in the order of time, with the work of the month', async () => {
    const [chain] = await q<{ n: number; unsealed: number; disorder: number }>(
      `select count(*)::int as n, (count(*) filter (where seq is null))::int as unsealed,
         (select count(*)::int from (select at < lag(at) over (order by seq) as back from audit_log) x where back) as disorder
       from audit_log`,
    );
    assert.equal(chain?.unsealed, 0);
    assert.equal(chain?.disorder, 0);
    assert.equal(chain?.n, summary.auditEntries);
    const verdict = await verifyAuditChain(database.db);
    assert.ok(verdict.ok, verdict.reason ?? '');
    assert.equal(verdict.checked, summary.auditEntries);
    // The demo's evaluation entries have the live service's shape (the answers in brief).
    const [shapes] = await q<{ brief: number; other: number }>(
      `select count(*) filter (where jsonb_typeof(after->'answers') = 'object' and after->'answers' ? 'pass')::int as brief,
              count(*) filter (where not (jsonb_typeof(after->'answers') = 'object' and after->'answers' ? 'pass'))::int as other
         from audit_log where action = 'evaluation.create'`,
    );
    assert.ok((shapes?.brief ?? 0) > 0, 'evaluation.create entries exist');
    assert.equal(shapes?.other, 0, 'every evaluation.create entry records its answers in brief');
    const actions = new Set(
      (await q<{ action: string }>(`select distinct action from audit_log`)).map((r) => r.action),
    );
    for (const action of [
      'queue.create',
      'team.create',
      'user.create',
      'form.create',
      'form.update',
      'settings.update',
      'token.create',
      'token.revoke',
      'interaction.import_batch',
      'shifts.import',
      'sampling.run',
      'evaluation.create',
      'evaluation.submit',
      'evaluation.acknowledge',
      'evaluation.countersign',
      'assignment.complete',
      'dispute.create',
    ])
      assert.ok(actions.has(action), `no ${action} in the trail`);
  });

  it('dates everything before now, from the setup weeks before the period', async () => {
    const [late] = await q<{ n: number }>(
      `select (select count(*) from audit_log where at > '${now.toISOString()}')::int
        + (select count(*) from evaluations where created_at > '${now.toISOString()}' or submitted_at > '${now.toISOString()}'
             or acknowledged_at > '${now.toISOString()}' or countersigned_at > '${now.toISOString()}')::int
        + (select count(*) from disputes where created_at > '${now.toISOString()}')::int
        + (select count(*) from interaction_imports where created_at > '${now.toISOString()}')::int
        + (select count(*) from forms where created_at > '${now.toISOString()}')::int
        + (select count(*) from users where created_at > '${now.toISOString()}')::int as n`,
    );
    assert.equal(late?.n, 0);
    const [first] = await q<{ at: string }>(`select min(at)::text as at from audit_log`);
    assert.ok((first?.at ?? '') < '2026-10-01', `the trail starts ${first?.at}`);
  });

  it('has CSRs raise disputes on their shift and staff decide in office hours', async () => {
    const hours = await q<{ h: number }>(
      `select extract(hour from created_at at time zone 'Asia/Shanghai')::int as h from disputes
       union all select extract(hour from leader_decided_at at time zone 'Asia/Shanghai')::int from disputes
         where leader_decided_at is not null`,
    );
    assert.ok(hours.length > 0);
    assert.ok(
      hours.every((r) => r.h >= 8 && r.h < 22),
      JSON.stringify(hours),
    );
    const states = new Set(
      (await q<{ status: string }>(`select distinct status from disputes`)).map((r) => r.status),
    );
    assert.ok(states.has('upheld') || states.has('corrected'), [...states].join());
  });

  it('has imports with rejected rows, a correction, and the integration tokens', async () => {
    const imports = await q<{ rejected: number; updated: number; source: string }>(
      `select rejected, updated, source from interaction_imports order by id`,
    );
    assert.ok(imports.length >= 4);
    assert.ok(imports.some((i) => i.rejected === 5));
    assert.ok(imports.some((i) => i.updated === 2));
    const tokens = await q<{ revoked: boolean; days: number | null }>(
      `select revoked_at is not null as revoked, extract(day from expires_at - created_at)::int as days from api_tokens`,
    );
    assert.equal(tokens.length, 3);
    assert.equal(tokens.filter((t) => t.revoked).length, 1);
    // The BI token's year runs from when it was made in the story, not from the demo run.
    assert.deepEqual(
      tokens.map((t) => t.days).filter((d) => d !== null),
      [365],
    );
  });

  it('keeps drafts in progress for the QA lead and inspectors, and emails with a handling time', async () => {
    const drafts = await q<{ lead: boolean }>(
      `select 'qa_lead' = any(u.roles) as lead from evaluations e join users u on u.id = e.evaluator_id
       where e.status = 'draft'`,
    );
    assert.ok(drafts.filter((d) => d.lead).length >= 1, 'no QA-lead draft');
    assert.ok(drafts.filter((d) => !d.lead).length >= 1, 'no inspector draft');
    const [email] = await q<{ min: number }>(
      `select min(duration_s)::int as min from interactions where channel = 'email'`,
    );
    assert.ok((email?.min ?? 0) >= 180);
  });

  it('completes the sampled assignments with the evaluations, leaving the recent ones open', async () => {
    const [a] = await q<{ done: number; linked: number; open: number }>(
      `select (count(*) filter (where status = 'done'))::int as done,
         (count(*) filter (where status = 'done' and evaluation_id is not null))::int as linked,
         (count(*) filter (where status in ('pending', 'unassigned')))::int as open
       from assignments`,
    );
    assert.ok((a?.done ?? 0) > 100);
    assert.equal(a?.linked, a?.done);
    assert.ok((a?.open ?? 0) > 0);
    const [plans] = await q<{ n: number; monthly: number }>(
      `select count(*)::int as n, (count(*) filter (where month = '2026-11' and status = 'active'))::int as monthly
       from sampling_plans`,
    );
    assert.equal(plans?.monthly, 1);
    const [proposed] = await q<{ n: number }>(
      `select count(*)::int as n from sampling_plans where month = '2026-12' and status = 'proposed'`,
    );
    assert.equal(proposed?.n, 1);
    const [summaryText] = await q<{ findings: string }>(
      `select findings from qa_monthly_summaries where month = '2026-10'`,
    );
    assert.match(summaryText?.findings ?? '', /2026年10月共完成质检 \d+ 次/);
  });

  it('keeps every foreign key (the bulk rows are copied with the key triggers off on PGlite)', async () => {
    const keys = await q<{ child: string; parent: string; cols: string[]; refs: string[] }>(
      `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
         array(select quote_ident(a.attname) from unnest(c.conkey) with ordinality k(n, i)
           join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as cols,
         array(select quote_ident(a.attname) from unnest(c.confkey) with ordinality k(n, i)
           join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as refs
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where c.contype = 'f' and n.nspname = 'public'`,
    );
    assert.ok(keys.some((k) => k.child === 'evaluation_answers'));
    const broken: string[] = [];
    for (const k of keys) {
      const on = k.cols.map((c, i) => `p.${k.refs[i] ?? ''} = x.${c}`).join(' and ');
      const present = k.cols.map((c) => `x.${c} is not null`).join(' and ');
      const [row] = await q<{ n: number }>(
        `select count(*)::int as n from ${k.child} x where ${present}
           and not exists (select 1 from ${k.parent} p where ${on})`,
      );
      if ((row?.n ?? 0) > 0) broken.push(`${k.child}(${k.cols.join()}) → ${k.parent}: ${row?.n}`);
    }
    assert.deepEqual(broken, []);
  });
});
