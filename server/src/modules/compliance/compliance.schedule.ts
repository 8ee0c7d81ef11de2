import { Cron } from 'croner';
import type { Db } from '../../db/client.ts';
import { logger } from '../../logger.ts';
import { formatLocalDateTime } from '../../../../shared/time.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import { saveProposal } from './compliance.proposal.ts';

/** The scheduled proposal appears in the audit trail as made by the scheduler. */
const SCHEDULER_CONTEXT: AuditContext = { actorId: null, actorUsername: 'scheduler', ip: null };

/** From this local hour of a month's first days on, the month's targeted plan is proposed. */
const PROPOSE_FROM_HOUR = 6;
/** A month whose plan was not proposed by its 7th day (server down, say) is left to the QA lead. */
const PROPOSE_UNTIL_DAY = 7;

/**
 * One tick of the monthly proposal (clause 4.3): in the first days of a month, from 06:00 local
 * time, propose the month's targeted plan from last month's results — unless the month has any plan
 * already (proposed, active or discarded: the QA lead's decisions stand). `saveProposal` checks that
 * under an advisory lock, so several app processes ticking together propose once.
 * @returns the proposed plan's id, or null when nothing was due.
 */
export async function proposalTick(db: Db, timezone: string, now = new Date()): Promise<number | null> {
  const local = formatLocalDateTime(now, timezone); // YYYY-MM-DD HH:mm
  const day = Number(local.slice(8, 10));
  const hour = Number(local.slice(11, 13));
  if (day > PROPOSE_UNTIL_DAY || hour < PROPOSE_FROM_HOUR) return null;
  const plan = await saveProposal(db, SCHEDULER_CONTEXT, {
    month: local.slice(0, 7),
    replace: false,
    trigger: 'schedule',
    createdBy: null,
    quiet: true,
    now,
  });
  if (plan) logger.info('monthly targeted plan proposed', { month: plan.month, plan_id: plan.id });
  return plan?.id ?? null;
}

/** Starts the monthly proposal: a croner job ticks every ten minutes (`protect`: no overlap). */
export function startProposalScheduler(db: Db, timezone: string): { stop: () => void } {
  const job = new Cron(
    '0 */10 * * * *',
    { protect: true, unref: true, name: 'monthly-proposal' },
    async () => {
      try {
        await proposalTick(db, timezone);
      } catch (err) {
        logger.error('monthly proposal tick failed', { err: String(err) });
      }
    },
  );
  return { stop: () => job.stop() };
}
