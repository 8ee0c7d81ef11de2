import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { schedulerTick } from '../../modules/sampling/scheduler.ts';
import type { TPlanConfig, TSamplingPlan } from '../../../../shared/schemas/sampling.ts';
import type { Rng } from '../random.ts';
import type { DemoApi } from './api.ts';
import { addDays } from './calendar.ts';
import type { DaySampler } from './days.ts';
import { workItem } from './days.ts';
import type { DemoTrail } from './trail.ts';
import type { Contact, World } from './world.ts';

/**
 * Sampling as the center runs it: the QA lead sets up the standing plan (clause 3: three checks a
 * day per CSR on shift, 4.5: twenty a month; targeted rules for new hires, last month's fatal
 * errors, long calls and repeat contacts; a fixed share of complaints), HR imports each month's
 * roster, and every morning at 07:00 the scheduler samples the day before (the real scheduler tick,
 * at the story's clock). Inspectors then work through their queues; a few contacts are skipped.
 */

const SKIP_REASONS = ['录音文件损坏，无法播放', '通话时长过短，无有效内容', '客户误拨，非业务来电'];

/** The standing plan's settings (everything else as the default plan has it). */
function standingPlan(world: World, queues: Map<string, number>): { name: string; config: TPlanConfig } {
  const complaints = queues.get('complaints');
  return {
    name: '中心质检抽样计划',
    config: {
      inspectors: {
        mode: 'listed',
        default_capacity: 50,
        listed: [
          ...world.inspectors.map((p) => ({ user_id: p.id, capacity: 50 })),
          { user_id: world.lead.id, capacity: 10 },
        ],
      },
      agent_overrides: [],
      strategies: {
        random: { enabled: true },
        targeted: [
          {
            id: 'new-hire',
            kind: 'new_hire',
            within_days: 90,
            extra: 1,
            enabled: true,
            note: '试用期新员工加抽',
          },
          {
            id: 'fatal',
            kind: 'fatal_last_month',
            extra: 1,
            enabled: true,
            note: '上月出现致命错误的客服加抽',
          },
          {
            id: 'long',
            kind: 'duration_above',
            seconds: 600,
            picks: 1,
            enabled: true,
            note: '长通话优先抽查',
          },
          { id: 'repeat', kind: 'repeat_contact', within_days: 3, picks: 1, enabled: true, note: '重复来电' },
        ],
        quantitative: complaints
          ? [
              {
                id: 'complaints',
                scope: 'queue',
                queue_id: complaints,
                count: 6,
                enabled: true,
                note: '投诉热线每日定量抽查',
              },
            ]
          : [],
      },
      schedule: { enabled: true, time: '07:00', day: 'previous' },
      due_days: 2,
    },
  };
}

/** The QA lead turns the default plan into the center's standing plan. */
export async function setUpSampling(
  api: DemoApi,
  trail: DemoTrail,
  world: World,
  queues: Map<string, number>,
  at: Date,
): Promise<void> {
  const lead = { as: world.lead.id, ip: world.lead.ip };
  await trail.act(at, async () => {
    const plan = await api.call<TSamplingPlan>('GET', '/sampling/plans/active', lead);
    await api.call('PATCH', `/sampling/plans/${plan.id}`, {
      ...lead,
      body: { version: plan.version, daily_min: 3, monthly_min: 20, ...standingPlan(world, queues) },
    });
  });
}

/**
 * HR's roster for a month (who works which day, early or late shift), imported some days before
 * the month starts. Past days follow who handled contacts; days to come follow each CSR's pattern.
 */
export async function importRoster(
  api: DemoApi,
  trail: DemoTrail,
  world: World,
  hr: { id: number; ip: string },
  month: string,
): Promise<void> {
  const first = `${month}-01`;
  const lines = ['agent,date,shift'];
  for (let date = first; date.startsWith(month); date = addDays(date, 1)) {
    for (const agent of world.agents.values()) {
      if (world.worksOn(agent.username, date))
        lines.push(`${agent.username},${date},${agent.agent.shift === 'early' ? '早班' : '晚班'}`);
    }
  }
  const at = world.cal.at(addDays(first, -5), 15.3);
  if (at.getTime() > world.cal.now.getTime()) return;
  await trail.act(at, () =>
    api.call('POST', '/shifts/import', {
      as: hr.id,
      ip: hr.ip,
      raw: { contentType: 'text/csv', data: lines.join('\n') + '\n' },
    }),
  );
}

/** Each morning's scheduled run (07:00, the day before), then that day's queue as work items. */
export function scheduledSampler(
  db: Db,
  api: DemoApi,
  trail: DemoTrail,
  world: World,
  rng: Rng,
  contacts: Map<number, Contact>,
): DaySampler {
  return async (date) => {
    const at = world.cal.at(addDays(date, 1), 7);
    if (at.getTime() > world.cal.now.getTime()) return [];
    await trail.act(at, () => schedulerTick(db, world.cal.timezone, at));
    const rows = await queryRows<{
      id: number;
      interaction_id: number;
      assignee_id: number | null;
      version: number;
    }>(
      db,
      sql`select id::int as id, interaction_id::int as interaction_id, assignee_id, version from assignments
          where date = ${date}::date and status in ('pending', 'unassigned') order by id`,
    );
    const inspectors = new Map([...world.inspectors, world.lead].map((p) => [p.id, p]));
    const items = [];
    for (const row of rows) {
      const contact = contacts.get(row.interaction_id);
      const agent = contact ? world.agents.get(contact.agent) : undefined;
      const inspector = inspectors.get(row.assignee_id ?? world.lead.id) ?? world.lead;
      if (!contact || !agent) continue;
      // Now and then a recording cannot be checked; the inspector skips it with the reason.
      if (rng.chance(0.006)) {
        const skipAt = world.cal.later(rng, at, 0.05, 1, [9, 18], (d) => world.officeDay(inspector.id, d));
        if (skipAt)
          await trail.act(skipAt, () =>
            api.call('POST', `/assignments/${row.id}/skip`, {
              as: inspector.id,
              ip: inspector.ip,
              body: { reason: rng.pick(SKIP_REASONS), version: row.version },
            }),
          );
        continue;
      }
      items.push(workItem(world, agent, inspector, contact, 'recording_review', date, row.id));
    }
    return items;
  };
}
