import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { AssignmentStatus } from '../../../../shared/schemas/assignments.ts';
import type { AssignmentRow } from './assignment.presenter.ts';

/**
 * An assignment with what the queue shows beside it: the CSR, the inspector, the contact, the
 * caller's own draft of it (to continue) and the evaluation that completed it. `today` is the
 * center's local date (overdue = still open and due before it).
 */
function selectAssignments(viewerId: number, today: string): SQL {
  return sql`
  select a.id, a.interaction_id, a.agent_id, a.assignee_id, a.date::text as date, a.due_date::text as due_date,
    a.status, a.strategy, a.rule, a.evaluation_id, a.skip_reason, a.completed_at,
    (a.status in ('pending', 'unassigned') and a.due_date < ${today}::date) as overdue,
    ag.display_name as agent_name, ag.username as agent_username, ag.team_id, t.name as team_name,
    asg.display_name as assignee_name, asg.username as assignee_username,
    i.external_id, i.started_at, i.duration_s, i.channel, i.direction, q.code as queue, q.name as queue_name,
    (select d.id from evaluations d
      where d.interaction_id = a.interaction_id and d.status = 'draft' and d.evaluator_id = ${viewerId}
      order by d.id desc limit 1) as draft_evaluation_id,
    ev.score as evaluation_score, ev.fatal as evaluation_fatal, ev.passed as evaluation_passed,
    a.created_at, a.updated_at, a.version
  from assignments a
    join interactions i on i.id = a.interaction_id
    join users ag on ag.id = a.agent_id
    left join teams t on t.id = ag.team_id
    left join users asg on asg.id = a.assignee_id
    left join queues q on q.id = i.queue_id
    left join evaluations ev on ev.id = a.evaluation_id`;
}

/**
 * One page: the ids are chosen first on the assignments alone (joining the CSR only for a team
 * filter, the contact only to sort by its start or filter by its queue), then only those rows are
 * joined for display.
 */
export async function findAssignmentRows(
  db: DbOrTx,
  page: {
    viewerId: number;
    today: string;
    where: SQL;
    after: SQL;
    orderBy: SQL;
    limit: number;
    joinAgent: boolean;
    joinInteraction: boolean;
  },
): Promise<AssignmentRow[]> {
  const agent = page.joinAgent ? sql`join users ag on ag.id = a.agent_id` : sql``;
  const interaction = page.joinInteraction ? sql`join interactions i on i.id = a.interaction_id` : sql``;
  return queryRows<AssignmentRow>(
    db,
    sql`${selectAssignments(page.viewerId, page.today)}
        where a.id in (select a.id from assignments a ${agent} ${interaction}
          where ${page.where} and ${page.after} order by ${page.orderBy} limit ${page.limit})
        order by ${page.orderBy}`,
  );
}

/**
 * Counts matching rows. The filters read only the assignment and, for a team, the CSR, for a queue
 * the contact: without those filters nothing is joined, so counting a long history stays an index
 * or table scan.
 */
export async function countAssignments(
  db: DbOrTx,
  where: SQL,
  joins: { joinAgent: boolean; joinInteraction: boolean },
): Promise<number> {
  const agent = joins.joinAgent ? sql`join users ag on ag.id = a.agent_id` : sql``;
  const interaction = joins.joinInteraction ? sql`join interactions i on i.id = a.interaction_id` : sql``;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from assignments a ${agent} ${interaction} where ${where}`,
  );
  return row?.n ?? 0;
}

export async function findAssignmentsByIds(
  db: DbOrTx,
  viewerId: number,
  today: string,
  ids: number[],
): Promise<AssignmentRow[]> {
  if (ids.length === 0) return [];
  return queryRows<AssignmentRow>(
    db,
    sql`${selectAssignments(viewerId, today)} where a.id in ${ids} order by a.id`,
  );
}

/** The bare row, locked for the rest of the transaction (state changes read it first). */
export type LockedAssignment = {
  id: number;
  interaction_id: number;
  agent_id: number;
  assignee_id: number | null;
  status: AssignmentStatus;
  version: number;
  due_date: string;
};

export async function lockAssignments(tx: DbOrTx, ids: number[]): Promise<LockedAssignment[]> {
  if (ids.length === 0) return [];
  // In id order, so two bulk changes over overlapping rows cannot deadlock.
  return queryRows<LockedAssignment>(
    tx,
    sql`select id::int as id, interaction_id::int as interaction_id, agent_id, assignee_id, status, version,
          due_date::text as due_date
        from assignments where id in ${ids} order by id for update`,
  );
}

/** The open assignment of a contact (at most one: assignments are unique per interaction), locked. */
export async function lockOpenAssignmentOfInteraction(
  tx: DbOrTx,
  interactionId: number,
): Promise<LockedAssignment | null> {
  const [row] = await queryRows<LockedAssignment>(
    tx,
    sql`select id::int as id, interaction_id::int as interaction_id, agent_id, assignee_id, status, version,
          due_date::text as due_date
        from assignments where interaction_id = ${interactionId} and status in ('pending', 'unassigned')
        for update`,
  );
  return row ?? null;
}

export type InspectorRow = {
  id: number;
  username: string;
  display_name: string;
  roles: string[];
  active: boolean;
};

export async function findUsers(db: DbOrTx, ids: number[]): Promise<InspectorRow[]> {
  if (ids.length === 0) return [];
  return queryRows<InspectorRow>(
    db,
    sql`select id, username, display_name, roles, active from users where id in ${ids}`,
  );
}

/** Pending work per inspector (for spreading a bulk reassign evenly). */
export async function pendingCounts(db: DbOrTx, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ assignee_id: number; n: number }>(
    db,
    sql`select assignee_id, count(*)::int as n from assignments
        where status = 'pending' and assignee_id in ${ids} group by assignee_id`,
  );
  return new Map(rows.map((r) => [r.assignee_id, r.n]));
}

/**
 * The queue's counts over the assignments `where` allows (alias `a`): open ones (pending,
 * unassigned; due today, overdue) and those done since `dayStart` (the local day's start, ISO).
 * Both halves of the filter have an index (status; completed_at of done rows), so the statement
 * reads the open and today's done rows, not every assignment ever done.
 */
export function summaryCounts(q: { where: SQL; today: string; dayStart: string }): SQL {
  return sql`select
      count(*) filter (where a.status = 'pending')::int as pending,
      count(*) filter (where a.status = 'pending' and a.due_date = ${q.today}::date)::int as due_today,
      count(*) filter (where a.status in ('pending', 'unassigned') and a.due_date < ${q.today}::date)::int as overdue,
      count(*) filter (where a.status = 'done' and a.completed_at >= ${q.dayStart}::timestamptz)::int as done_today,
      count(*) filter (where a.status = 'unassigned')::int as unassigned
    from assignments a
    where ${q.where}
      and (a.status in ('pending', 'unassigned')
        or (a.status = 'done' and a.completed_at >= ${q.dayStart}::timestamptz))`;
}

/** Every active inspector with their pending work and what they did since `dayStart` (see above). */
export function inspectorLoadCounts(q: { today: string; dayStart: string }): SQL {
  return sql`select u.id, u.username, u.display_name,
      count(a.id) filter (where a.status = 'pending')::int as pending,
      count(a.id) filter (where a.status = 'pending' and a.due_date = ${q.today}::date)::int as due_today,
      count(a.id) filter (where a.status = 'pending' and a.due_date < ${q.today}::date)::int as overdue,
      count(a.id) filter (where a.status = 'done')::int as done_today
    from users u
      left join assignments a on a.assignee_id = u.id
        and (a.status = 'pending' or (a.status = 'done' and a.completed_at >= ${q.dayStart}::timestamptz))
    where u.active and 'qa' = any(u.roles)
    group by u.id, u.username, u.display_name
    order by u.display_name, u.id`;
}
