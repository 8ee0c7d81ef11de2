import { Cron } from 'croner';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { logger } from '../../logger.ts';
import { type AuditContext, recordAudits } from '../audit/audit.service.ts';
import { notify } from '../notifications/notification.service.ts';

/** The notices appear in the audit trail as the scheduler's doing. */
const SCHEDULER_CONTEXT: AuditContext = { actorId: null, actorUsername: 'scheduler', ip: null };

/** At most this many evaluation ids travel in one digest message (the count says how many in all). */
const MAX_IDS_IN_DIGEST = 100;

type Claimed = {
  evaluation_id: number | string;
  agent_name: string;
  ack_due_at: Date | string;
  team_leader_ids: number[];
};

export type OverdueTickResult = { evaluations: number; messages: number };

/**
 * One tick of the overdue job (SPEC: confirmations not signed in time are flagged to the team
 * leader): every submitted evaluation whose confirmation deadline (`ack_due_at`) has passed
 * unsigned, not announced before, is announced to the CSR's team leader(s) — the active leader of
 * the CSR's active team, holding the team_leader role (who sees the team's evaluations). Each
 * leader gets one message per tick: `evaluation_overdue` naming the evaluation when it is one,
 * `evaluations_overdue` with the count (and the ids) when several, so a morning with thirty overdue
 * is one line in the inbox, not thirty.
 *
 * Once per evaluation, across ticks and processes: the evaluation's row in
 * `evaluation_overdue_notices` is the claim (primary key; `on conflict do nothing`). Two processes
 * ticking together both try to insert; the second waits for the first's transaction and inserts
 * nothing, so it announces nothing. An evaluation of a team without a leader is left unclaimed
 * and is announced when the team gets one. Notices, messages and audit entries are written in one
 * transaction: all or none.
 */
export async function overdueTick(db: Db, now = new Date()): Promise<OverdueTickResult> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const claimed = await queryRows<Claimed>(
      tx,
      sql`
      with due as (
        select e.id, a.display_name as agent_name, e.ack_due_at,
          (select array_agg(l.id order by l.id) from teams t join users l on l.id = t.leader_id
            where t.id = a.team_id and t.active and l.active and 'team_leader' = any(l.roles)) as leaders
        from evaluations e join users a on a.id = e.agent_id
        where e.status = 'submitted' and e.ack_due_at < ${at}::timestamptz
          and not exists (select 1 from evaluation_overdue_notices n where n.evaluation_id = e.id)
      ), claimed as (
        insert into evaluation_overdue_notices (evaluation_id, team_leader_ids, notified_at)
        select id, leaders, ${at}::timestamptz from due where leaders is not null
        on conflict (evaluation_id) do nothing
        returning evaluation_id, team_leader_ids
      )
      select c.evaluation_id, c.team_leader_ids, d.agent_name, d.ack_due_at
      from claimed c join due d on d.id = c.evaluation_id
      order by d.ack_due_at, c.evaluation_id`,
    );
    if (claimed.length === 0) return { evaluations: 0, messages: 0 };

    const byLeader = new Map<number, Claimed[]>();
    for (const row of claimed) {
      for (const leader of row.team_leader_ids) byLeader.set(leader, [...(byLeader.get(leader) ?? []), row]);
    }
    for (const [leader, rows] of byLeader) {
      const first = rows[0]!;
      const id = Number(first.evaluation_id);
      if (rows.length === 1) {
        await notify(
          tx,
          [leader],
          'evaluation_overdue',
          { type: 'evaluation', id },
          { agent_name: first.agent_name },
        );
      } else {
        await notify(
          tx,
          [leader],
          'evaluations_overdue',
          { type: 'evaluation', id },
          { count: rows.length, ids: rows.slice(0, MAX_IDS_IN_DIGEST).map((r) => Number(r.evaluation_id)) },
        );
      }
    }
    await recordAudits(
      tx,
      SCHEDULER_CONTEXT,
      claimed.map((row) => ({
        action: 'evaluation.overdue_notify',
        entityType: 'evaluation',
        entityId: Number(row.evaluation_id),
        after: {
          ack_due_at: new Date(row.ack_due_at).toISOString(),
          team_leader_ids: row.team_leader_ids,
        },
      })),
    );
    return { evaluations: claimed.length, messages: byLeader.size };
  });
}

/**
 * Starts the overdue job: a croner job ticks every five minutes in every app process (`protect`:
 * no overlap within a process; the claim rows make it once across processes), so a leader hears
 * of an overdue confirmation within minutes of its deadline, and a process that was down catches up.
 */
export function startOverdueScheduler(db: Db): { stop: () => void } {
  const job = new Cron(
    '0 */5 * * * *',
    { protect: true, unref: true, name: 'overdue-confirmations' },
    async () => {
      try {
        const result = await overdueTick(db);
        if (result.evaluations > 0) logger.info('overdue confirmations announced', result);
      } catch (err) {
        logger.error('overdue confirmations tick failed', { err: String(err) });
      }
    },
  );
  return { stop: () => job.stop() };
}
