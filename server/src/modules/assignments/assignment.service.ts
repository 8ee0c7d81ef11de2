import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import { type SortKey, encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import { scopeWhere } from '../../policies/scope.ts';
import {
  type TAssignment,
  type TAssignmentSummary,
  type TInspectorLoad,
  type TListAssignmentsQuery,
  parseStatusList,
} from '../../../../shared/schemas/assignments.ts';
import { localDateOf, localDayRange } from '../../../../shared/time.ts';
import { assignmentScope } from './assignment.policy.ts';
import { type AssignmentRow, presentAssignment } from './assignment.presenter.ts';
import {
  countAssignments,
  findAssignmentRows,
  findAssignmentsByIds,
  inspectorLoadCounts,
  summaryCounts,
} from './assignment.repo.ts';

export type AssignmentDeps = { db: Db; timezone: string };

type Page<T> = { items: T[]; total: number; next_cursor: string | null };

/** Today's local date in the center (due dates and overdue compare with it). */
export function centerToday(timezone: string): string {
  return localDateOf(new Date(), timezone);
}

/** The caller's scope: an inspector's own queue, or everyone's for the QA lead and admin. */
function scopeOf(actor: Actor): SQL {
  return scopeWhere(actor, assignmentScope(actor), { ownerId: sql`a.assignee_id`, teamId: sql`null::int` });
}

function listWhere(actor: Actor, q: TListAssignmentsQuery, today: string): SQL {
  const parts: SQL[] = [scopeOf(actor)];
  if (q.mine) parts.push(sql`a.assignee_id = ${actor.id}`);
  if (q.assignee_id) parts.push(sql`a.assignee_id = ${q.assignee_id}`);
  if (q.agent_id) parts.push(sql`a.agent_id = ${q.agent_id}`);
  if (q.team_id) parts.push(sql`ag.team_id = ${q.team_id}`);
  if (q.queue_id) parts.push(sql`i.queue_id = ${q.queue_id}`);
  if (q.interaction_id) parts.push(sql`a.interaction_id = ${q.interaction_id}`);
  const statuses = parseStatusList(q.status);
  if (statuses.length > 0) parts.push(sql`a.status in ${statuses}`);
  if (q.strategy) parts.push(sql`a.strategy = ${q.strategy}`);
  if (q.from) parts.push(sql`a.date >= ${q.from}::date`);
  if (q.to) parts.push(sql`a.date <= ${q.to}::date`);
  if (q.due_from) parts.push(sql`a.due_date >= ${q.due_from}::date`);
  if (q.due_to) parts.push(sql`a.due_date <= ${q.due_to}::date`);
  if (q.overdue !== undefined) {
    const overdue = sql`(a.status in ('pending', 'unassigned') and a.due_date < ${today}::date)`;
    parts.push(q.overdue ? overdue : sql`not ${overdue}`);
  }
  return sql.join(parts, sql` and `);
}

const SORT_KEYS: Record<TListAssignmentsQuery['sort'], SortKey> = {
  due_date: { expr: sql`a.due_date`, type: 'date' },
  date: { expr: sql`a.date`, type: 'date' },
  started_at: { expr: sql`i.started_at`, type: 'timestamptz' },
  id: { expr: sql`a.id`, type: 'bigint' },
};

function cursorValue(sort: TListAssignmentsQuery['sort'], row: AssignmentRow): string | number {
  switch (sort) {
    case 'due_date':
      return row.due_date;
    case 'date':
      return row.date;
    case 'started_at':
      return new Date(row.started_at).toISOString();
    case 'id':
      return Number(row.id);
  }
}

/**
 * A page of the caller's work queue (an inspector) or of everyone's (QA lead, admin), filtered
 * and keyset-paginated like GET /interactions.
 */
export async function listAssignments(
  deps: AssignmentDeps,
  actor: Actor,
  query: TListAssignmentsQuery,
): Promise<Page<TAssignment>> {
  authorize(actor, 'assignments.list');
  for (const [from, to, field] of [
    [query.from, query.to, 'from'],
    [query.due_from, query.due_to, 'due_from'],
  ] as const) {
    if (from && to && from > to) {
      throw new AppError('validation_failed', `${field} is after its end date.`, [
        { path: [field], message: 'after the end date' },
      ]);
    }
  }
  const today = centerToday(deps.timezone);
  const where = listWhere(actor, query, today);
  const page = keyset(SORT_KEYS[query.sort], sql`a.id`, query.order, query.cursor);
  const rows = await findAssignmentRows(deps.db, {
    viewerId: actor.id,
    today,
    where,
    after: page.after,
    orderBy: page.orderBy,
    limit: query.limit + 1,
    joinAgent: query.team_id !== undefined,
    joinInteraction: query.sort === 'started_at' || query.queue_id !== undefined,
  });
  const total = await countAssignments(deps.db, where, {
    joinAgent: query.team_id !== undefined,
    joinInteraction: query.queue_id !== undefined,
  });
  const p = pageOf(rows, query.limit, (r) => encodeCursor(cursorValue(query.sort, r), Number(r.id)));
  return { items: p.items.map(presentAssignment), total, next_cursor: p.next_cursor };
}

/** One assignment; someone else's is not found for an inspector (404, not 403). */
export async function getAssignment(deps: AssignmentDeps, actor: Actor, id: number): Promise<TAssignment> {
  authorize(actor, 'assignments.list');
  const [row] = await findAssignmentsByIds(deps.db, actor.id, centerToday(deps.timezone), [id]);
  if (!row || !can(actor, 'assignments.read', row)) throw notFound('assignment');
  return presentAssignment(row);
}

/** Assignments by id as the caller sees them (after a change), in id order. */
export async function assignmentsByIds(
  deps: AssignmentDeps,
  actor: Actor,
  ids: number[],
): Promise<TAssignment[]> {
  const rows = await findAssignmentsByIds(deps.db, actor.id, centerToday(deps.timezone), ids);
  return rows.filter((r) => can(actor, 'assignments.read', r)).map(presentAssignment);
}

/** The counts above a queue: to do, due today, overdue, done today, waiting for an inspector. */
export async function assignmentSummary(
  deps: AssignmentDeps,
  actor: Actor,
  options: { mine?: boolean },
): Promise<TAssignmentSummary> {
  authorize(actor, 'assignments.list');
  const today = centerToday(deps.timezone);
  const dayStart = localDayRange(today, deps.timezone).start.toISOString();
  const mine = options.mine ? sql`a.assignee_id = ${actor.id}` : sql`true`;
  const [row] = await queryRows<Omit<TAssignmentSummary, 'today'>>(
    deps.db,
    summaryCounts({ where: sql`${scopeOf(actor)} and ${mine}`, today, dayStart }),
  );
  return {
    today,
    pending: row?.pending ?? 0,
    due_today: row?.due_today ?? 0,
    overdue: row?.overdue ?? 0,
    done_today: row?.done_today ?? 0,
    unassigned: row?.unassigned ?? 0,
  };
}

/**
 * Every active inspector with their open work, for the QA lead placing or moving assignments.
 * The whole list in one page (a center has tens, not thousands, of inspectors).
 */
export async function inspectorLoads(deps: AssignmentDeps, actor: Actor): Promise<Page<TInspectorLoad>> {
  authorize(actor, 'assignments.manage');
  const today = centerToday(deps.timezone);
  const dayStart = localDayRange(today, deps.timezone).start.toISOString();
  const items = await queryRows<TInspectorLoad>(deps.db, inspectorLoadCounts({ today, dayStart }));
  return { items, total: items.length, next_cursor: null };
}
