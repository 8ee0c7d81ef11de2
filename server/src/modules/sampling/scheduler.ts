import { Cron } from 'croner';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { logger } from '../../logger.ts';
import { formatLocalDateTime } from '../../../../shared/time.ts';
import type { TSchedule } from '../../../../shared/schemas/sampling.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import { ensureActivePlan } from './plan.repo.ts';
import { runSamplingDay } from './run.service.ts';

/** Scheduled runs appear in the audit trail as done by the scheduler. */
const SCHEDULER_CONTEXT: AuditContext = { actorId: null, actorUsername: 'scheduler', ip: null };

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The local day a schedule samples at `now`, or null before the schedule's local time (or when
 * the schedule is off). Once the time has passed the day stays due, so a process that was down at
 * 07:00 still runs the day when it starts at 09:00.
 */
export function dueDay(schedule: TSchedule, now: Date, timezone: string): string | null {
  if (!schedule.enabled) return null;
  const local = formatLocalDateTime(now, timezone);
  const [today = '', time = ''] = local.split(' ');
  if (time < schedule.time) return null;
  return schedule.day === 'previous' ? addDays(today, -1) : today;
}

/**
 * One scheduler tick: when the active plan's schedule is due and its day has no scheduled run yet,
 * claim the day and run it. Safe in every process at once: the claim is a unique row, so exactly
 * one process runs the day. A failed run is recorded (status `failed`, with the error) so the QA
 * lead sees it in the run history and can run the day by hand.
 * @returns the day run, or null when nothing was due or another process had it.
 */
export async function schedulerTick(db: Db, timezone: string, now = new Date()): Promise<string | null> {
  const plan = await ensureActivePlan(db);
  const date = dueDay(plan.config.schedule, now, timezone);
  if (!date) return null;
  const [taken] = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from sampling_runs where date = ${date}::date and trigger = 'schedule'`,
  );
  if (taken) return null;
  try {
    const result = await runSamplingDay(db, { date, trigger: 'schedule', timezone, ctx: SCHEDULER_CONTEXT });
    if (!result) return null;
    logger.info('scheduled sampling run', {
      date,
      created: result.summary.created,
      overflow: result.summary.overflow,
    });
    return date;
  } catch (err) {
    logger.error('scheduled sampling run failed', { date, err: String(err) });
    await db.execute(sql`
      insert into sampling_runs (date, plan_id, plan_version, trigger, status, finished_at, error)
      values (${date}::date, ${plan.id}, ${plan.version}, 'schedule', 'failed', now(), ${String(err).slice(0, 500)})
      on conflict (date) where trigger = 'schedule' do nothing`);
    return null;
  }
}

/**
 * Starts the daily sampling schedule: a croner job checks every minute whether the active plan's
 * run is due (its `schedule.time`, local in ZHIJIAN_TIMEZONE), so plan changes take effect without
 * a restart and every app process can run it. `protect` keeps ticks from overlapping.
 */
export function startSamplingScheduler(db: Db, timezone: string): { stop: () => void } {
  const job = new Cron('0 * * * * *', { protect: true, unref: true, name: 'sampling-schedule' }, async () => {
    try {
      await schedulerTick(db, timezone);
    } catch (err) {
      logger.error('sampling scheduler tick failed', { err: String(err) });
    }
  });
  return { stop: () => job.stop() };
}
