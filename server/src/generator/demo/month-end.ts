import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { proposalTick } from '../../modules/compliance/compliance.schedule.ts';
import type { TSamplingPlan } from '../../../../shared/schemas/sampling.ts';
import type { Db } from '../../db/client.ts';
import type { DemoApi } from './api.ts';
import { addDays } from './calendar.ts';
import type { DemoTrail } from './trail.ts';
import type { World } from './world.ts';

/**
 * The turn of the month (clauses 4.3 and 4.9): early on the 1st the scheduler proposes the month's
 * targeted sampling plan from last month's results and the QA lead activates it after reading it;
 * on the 3rd she writes last month's QA work summary from the month's figures.
 */
export function monthEnd(db: Db, api: DemoApi, trail: DemoTrail, world: World, month: string) {
  const { cal } = world;
  const lead = { as: world.lead.id, ip: world.lead.ip };
  const first = `${month}-01`;
  const previous = addDays(first, -1).slice(0, 7);
  return async (date: string): Promise<void> => {
    if (date === first) {
      // 06:00 on the 1st the scheduler proposes the month's plan (the real tick, at the story's clock);
      // the QA lead reads it and activates it in the afternoon.
      const proposedAt = cal.at(first, 6.05);
      const activateAt = cal.at(first, 15.7);
      if (activateAt.getTime() > cal.now.getTime()) return;
      const id = await trail.act(proposedAt, () => proposalTick(db, cal.timezone, proposedAt));
      if (id === null) return;
      await trail.act(activateAt, async () => {
        const plan = await api.call<TSamplingPlan>('GET', `/sampling/plans/${id}`, lead);
        await api.call('POST', `/sampling/plans/${id}/activate`, {
          ...lead,
          body: { version: plan.version },
        });
      });
    }
    if (date === addDays(first, 2)) {
      const at = cal.at(date, 16.2);
      if (at.getTime() > cal.now.getTime()) return;
      const text = await summaryText(db, previous);
      await trail.act(at, () =>
        api.call('PUT', `/reports/qa-summary/${previous}`, { ...lead, body: { ...text, version: 0 } }),
      );
    }
  };
}

/**
 * Next month's targeted plan, proposed from this month's results so far and left for the QA lead to
 * review (the monthly plan page opens on the coming month).
 */
export async function proposeNextMonth(api: DemoApi, trail: DemoTrail, world: World): Promise<void> {
  const { cal } = world;
  const today = cal.today;
  const next = addDays(`${today.slice(0, 7)}-01`, 32).slice(0, 7);
  const late = cal.at(today, 10.5);
  const at = late.getTime() <= cal.now.getTime() ? late : cal.at(addDays(today, -1), 16.5);
  await trail.act(at, () =>
    api.call('POST', '/compliance/proposals', {
      as: world.lead.id,
      ip: world.lead.ip,
      body: { month: next },
    }),
  );
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** The QA lead's findings and measures for a month, written from the month's figures. */
async function summaryText(db: Db, month: string): Promise<{ findings: string; measures: string }> {
  const from = `${month}-01`;
  const to = addDays(`${addDays(from, 32).slice(0, 7)}-01`, -1);
  const [totals] = await queryRows<{
    n: number;
    agents: number;
    avg: number | null;
    pass_rate: number | null;
    fatal: number;
    disputes: number;
    corrected: number;
  }>(
    db,
    sql`select count(*)::int as n, count(distinct agent_id)::int as agents, round(avg(score), 1)::float8 as avg,
          (count(*) filter (where passed))::float8 / nullif(count(*), 0) as pass_rate,
          (count(*) filter (where fatal))::int as fatal,
          (select count(*)::int from disputes d join evaluations x on x.id = d.evaluation_id
            where x.local_date between ${from}::date and ${to}::date) as disputes,
          (select count(*)::int from disputes d join evaluations x on x.id = d.evaluation_id
            where x.local_date between ${from}::date and ${to}::date and d.status = 'corrected') as corrected
        from evaluations where status <> 'draft' and local_date between ${from}::date and ${to}::date`,
  );
  const items = await queryRows<{ text: string; failed: number; rate: number }>(
    db,
    sql`select max(fi.text) as text, count(*) filter (where a.result = 'fail')::int as failed,
          (count(*) filter (where a.result = 'fail'))::float8 / nullif(count(*) filter (where a.result <> 'na'), 0) as rate
        from evaluations e join evaluation_answers a on a.evaluation_id = e.id and a.revision = e.revision
          join form_items fi on fi.id = a.item_id
        where e.status <> 'draft' and e.local_date between ${from}::date and ${to}::date
        group by fi.item_key order by 2 desc limit 3`,
  );
  const [y, m] = month.split('-');
  const top = items.map((i) => `“${i.text}”未通过 ${i.failed} 次（${pct(i.rate)}）`).join('；');
  const t = totals ?? { n: 0, agents: 0, avg: null, pass_rate: null, fatal: 0, disputes: 0, corrected: 0 };
  return {
    findings:
      `${y}年${Number(m)}月共完成质检 ${t.n} 次，覆盖客服 ${t.agents} 人，平均分 ${t.avg ?? '—'}，合格率 ${pct(t.pass_rate)}，` +
      `致命错误 ${t.fatal} 次。集中问题：${top || '无'}。收到申诉 ${t.disputes} 起，其中复核更正 ${t.corrected} 起，` +
      `已计入质检员准确率考核。`,
    measures: [
      `1. 针对${items[0] ? `“${items[0].text}”` : '集中问题'}向培训组提交培训需求，本月第二周完成专项培训，质检组跟踪培训后两周的通过率。`,
      '2. 上月出现致命错误的客服本月每日加抽 1 次，班长每周复盘一次。',
      '3. 每周一召开质检校准会，统一“违规承诺”“复述确认”的判定口径，降低申诉更正率。',
      '4. 知识库采编员更新资费、退费与补偿政策条目，并同步至现场辅导。',
    ].join('\n'),
  };
}
