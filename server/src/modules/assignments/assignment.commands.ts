import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { AppError, notFound, staleWrite } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import {
  type AssignmentAction,
  type TAssignment,
  type TBulkReassignRequest,
  type TBulkReleaseRequest,
  type TBulkResult,
  type TReassignAssignmentRequest,
  type TReleaseAssignmentRequest,
  type TSkipAssignmentRequest,
  canAssignmentTransition,
} from '../../../../shared/schemas/assignments.ts';
import { type AuditContext, type AuditEvent, recordAudits } from '../audit/audit.service.ts';
import type { AuditAction } from '../../../../shared/audit.ts';
import { type NotificationKind, notify } from '../notifications/notification.service.ts';
import { type LockedAssignment, findUsers, lockAssignments, pendingCounts } from './assignment.repo.ts';
import { type AssignmentDeps, assignmentsByIds, getAssignment } from './assignment.service.ts';

const VERB: Record<AssignmentAction, string> = {
  skip: 'skipped',
  release: 'released',
  reassign: 'reassigned',
  complete: 'completed',
};

/** 409 for a change the status does not allow (done and skipped are final). */
export function illegalTransition(row: LockedAssignment, action: AssignmentAction): AppError {
  const when: Record<AssignmentAction, string> = {
    skip: 'while it is pending or unassigned',
    release: 'while it is pending',
    reassign: 'while it is pending or unassigned',
    complete: 'while it is pending or unassigned',
  };
  return new AppError(
    'conflict',
    `Assignment ${row.id} is ${row.status}; it can be ${VERB[action]} only ${when[action]}.`,
    { reason: 'illegal_transition', id: row.id, status: row.status, action },
  );
}

const invalid = (path: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('validation_failed', `${path}: ${message}`, [{ path: [path], message, ...extra }]);

/** Locks one assignment the caller may see; 404 otherwise (an inspector never learns of others'). */
async function lockVisible(tx: DbOrTx, actor: Actor, id: number): Promise<LockedAssignment> {
  const [row] = await lockAssignments(tx, [id]);
  if (!row || !can(actor, 'assignments.read', row)) throw notFound('assignment');
  return row;
}

function checkVersion(row: LockedAssignment, version: number | undefined): void {
  if (version !== undefined && version !== row.version) throw staleWrite('assignment');
}

/** The inspectors work may go to: active users with role qa. */
async function checkInspectors(tx: DbOrTx, actor: Actor, ids: number[]): Promise<void> {
  const users = await findUsers(tx, ids);
  const ok = new Set(users.filter((u) => can(actor, 'assignments.be_assigned', u)).map((u) => u.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length > 0) {
    throw invalid('assignee_id', `not an active inspector (role qa): ${bad.join(', ')}`, { ids: bad });
  }
}

const auditOf = (
  action: AuditAction,
  row: LockedAssignment,
  after: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): AuditEvent => ({
  action,
  entityType: 'assignment',
  entityId: row.id,
  before: { status: row.status, assignee_id: row.assignee_id, version: row.version },
  after: { ...after, version: row.version + 1, ...extra },
});

/** The assignee (or the QA lead) cannot check this contact: it leaves the queue with a reason. */
export async function skipAssignment(
  deps: AssignmentDeps,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: TSkipAssignmentRequest,
): Promise<TAssignment> {
  authorize(actor, 'assignments.skip');
  await deps.db.transaction(async (tx) => {
    const row = await lockVisible(tx, actor, id);
    authorize(actor, 'assignments.skip_record', row);
    if (!canAssignmentTransition(row.status, 'skip')) throw illegalTransition(row, 'skip');
    checkVersion(row, input.version);
    await tx.execute(sql`update assignments set status = 'skipped', skip_reason = ${input.reason},
        updated_at = now(), version = version + 1 where id = ${id}`);
    await recordAudits(tx, ctx, [
      auditOf('assignment.skip', row, {
        status: 'skipped',
        assignee_id: row.assignee_id,
        reason: input.reason,
      }),
    ]);
  });
  return getAssignment(deps, actor, id);
}

/** The QA lead takes an assignment back: it waits, unassigned, for someone to place it. */
export async function releaseAssignment(
  deps: AssignmentDeps,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: TReleaseAssignmentRequest,
): Promise<TAssignment> {
  authorize(actor, 'assignments.manage');
  await deps.db.transaction(async (tx) => {
    const row = await lockVisible(tx, actor, id);
    if (!canAssignmentTransition(row.status, 'release')) throw illegalTransition(row, 'release');
    checkVersion(row, input.version);
    await releaseRows(tx, ctx, [row]);
  });
  return getAssignment(deps, actor, id);
}

/** The QA lead gives an assignment (pending or unassigned) to another active inspector. */
export async function reassignAssignment(
  deps: AssignmentDeps,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: TReassignAssignmentRequest,
): Promise<TAssignment> {
  authorize(actor, 'assignments.manage');
  await deps.db.transaction(async (tx) => {
    const row = await lockVisible(tx, actor, id);
    if (!canAssignmentTransition(row.status, 'reassign')) throw illegalTransition(row, 'reassign');
    checkVersion(row, input.version);
    await checkInspectors(tx, actor, [input.assignee_id]);
    if (row.agent_id === input.assignee_id)
      throw invalid('assignee_id', 'an inspector cannot check their own contact');
    if (row.status === 'pending' && row.assignee_id === input.assignee_id)
      throw invalid('assignee_id', 'already assigned to this inspector');
    await reassignRows(tx, ctx, [{ row, assigneeId: input.assignee_id }]);
  });
  return getAssignment(deps, actor, id);
}

/**
 * Tells each inspector in `byInspector` (inspector → the assignment ids concerned, in order) in
 * their inbox, one message per inspector and change, inside the change's transaction. The one
 * making the change is not told of their own doing.
 */
async function tellInspectors(
  tx: DbOrTx,
  ctx: AuditContext,
  kind: NotificationKind,
  byInspector: Map<number, number[]>,
): Promise<void> {
  for (const [inspector, ids] of byInspector) {
    if (inspector === ctx.actorId || ids.length === 0) continue;
    await notify(tx, [inspector], kind, { type: 'assignment', id: ids[0] ?? 0 }, { count: ids.length, ids });
  }
}

function groupBy<T>(
  items: T[],
  key: (item: T) => number | null,
  id: (item: T) => number,
): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    out.set(k, [...(out.get(k) ?? []), id(item)]);
  }
  return out;
}

async function releaseRows(tx: DbOrTx, ctx: AuditContext, rows: LockedAssignment[]): Promise<void> {
  const ids = rows.map((r) => r.id);
  await tx.execute(sql`update assignments set status = 'unassigned', assignee_id = null,
      updated_at = now(), version = version + 1 where id in ${ids}`);
  await recordAudits(
    tx,
    ctx,
    rows.map((row) => auditOf('assignment.release', row, { status: 'unassigned', assignee_id: null })),
  );
  // The inspectors whose work was taken back.
  await tellInspectors(
    tx,
    ctx,
    'assignments_released',
    groupBy(
      rows,
      (r) => (r.status === 'pending' ? r.assignee_id : null),
      (r) => r.id,
    ),
  );
}

async function reassignRows(
  tx: DbOrTx,
  ctx: AuditContext,
  moves: { row: LockedAssignment; assigneeId: number }[],
): Promise<void> {
  if (moves.length === 0) return;
  const values = sql.join(
    moves.map((m) => sql`(${m.row.id}::bigint, ${m.assigneeId}::int)`),
    sql`, `,
  );
  await tx.execute(sql`update assignments a set assignee_id = v.assignee_id, status = 'pending',
      updated_at = now(), version = a.version + 1
    from (values ${values}) as v(id, assignee_id) where a.id = v.id`);
  await recordAudits(
    tx,
    ctx,
    moves.map((m) => auditOf('assignment.reassign', m.row, { status: 'pending', assignee_id: m.assigneeId })),
  );
  // The new inspectors get the work in their inbox; the ones who had it learn it moved on.
  await tellInspectors(
    tx,
    ctx,
    'assignments_given',
    groupBy(
      moves,
      (m) => m.assigneeId,
      (m) => m.row.id,
    ),
  );
  await tellInspectors(
    tx,
    ctx,
    'assignments_moved',
    groupBy(
      moves,
      (m) => (m.row.status === 'pending' && m.row.assignee_id !== m.assigneeId ? m.row.assignee_id : null),
      (m) => m.row.id,
    ),
  );
}

/**
 * Locks every named row and checks them all before anything changes: missing (404), in a status
 * the action does not allow (409 conflict), or changed since read (409 stale_write). All or none.
 */
async function lockForBulk(
  tx: DbOrTx,
  items: { id: number; version: number }[],
  action: AssignmentAction,
): Promise<LockedAssignment[]> {
  const ids = items.map((i) => i.id);
  if (new Set(ids).size !== ids.length) throw invalid('items', 'an assignment is listed twice');
  const rows = await lockAssignments(tx, ids);
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError('not_found', `No such assignment: ${missing.join(', ')}.`, { ids: missing });
  }
  const illegal = rows.filter((r) => !canAssignmentTransition(r.status, action));
  if (illegal.length > 0) {
    throw new AppError(
      'conflict',
      `${illegal.length} of the selected assignments can no longer be ${VERB[action]} (done, skipped${
        action === 'release' ? ' or unassigned' : ''
      }). Reload and select again.`,
      { reason: 'illegal_transition', action, rows: illegal.map((r) => ({ id: r.id, status: r.status })) },
    );
  }
  const versions = new Map(items.map((i) => [i.id, i.version]));
  const stale = rows.filter((r) => versions.get(r.id) !== r.version).map((r) => r.id);
  if (stale.length > 0) {
    throw new AppError(
      'stale_write',
      `${stale.length} of the selected assignments were changed by someone else since you loaded them. Reload and apply your change again.`,
      { ids: stale },
    );
  }
  return rows;
}

/**
 * Gives the selected assignments to one inspector, or spreads them over several: in due-date
 * order each goes to the inspector with the fewest pending (their open work counted, the rows
 * being moved not), never to the CSR themself. Rows already with the inspector chosen stay as
 * they are. All or none, every change audited.
 */
export async function bulkReassign(
  deps: AssignmentDeps,
  actor: Actor,
  ctx: AuditContext,
  input: TBulkReassignRequest,
): Promise<TBulkResult> {
  authorize(actor, 'assignments.manage');
  const targets = [...new Set(input.assignee_ids)];
  const ids = await deps.db.transaction(async (tx) => {
    await checkInspectors(tx, actor, targets);
    const rows = await lockForBulk(tx, input.items, 'reassign');
    const load = await pendingCounts(tx, targets);
    for (const r of rows) {
      if (r.status === 'pending' && r.assignee_id !== null && load.has(r.assignee_id))
        load.set(r.assignee_id, (load.get(r.assignee_id) ?? 1) - 1);
    }
    const ordered = [...rows].sort((a, b) => a.due_date.localeCompare(b.due_date) || a.id - b.id);
    const moves: { row: LockedAssignment; assigneeId: number }[] = [];
    for (const row of ordered) {
      const eligible = targets.filter((t) => t !== row.agent_id);
      if (eligible.length === 0)
        throw invalid('assignee_ids', `assignment ${row.id}: an inspector cannot check their own contact`);
      // Keep it where it is when its inspector is among the targets and not above the others.
      const keep =
        row.status === 'pending' && row.assignee_id !== null && eligible.includes(row.assignee_id)
          ? row.assignee_id
          : null;
      let best = eligible[0] as number;
      for (const t of eligible) if ((load.get(t) ?? 0) < (load.get(best) ?? 0)) best = t;
      const chosen = keep !== null && (load.get(keep) ?? 0) <= (load.get(best) ?? 0) ? keep : best;
      load.set(chosen, (load.get(chosen) ?? 0) + 1);
      if (!(row.status === 'pending' && row.assignee_id === chosen)) moves.push({ row, assigneeId: chosen });
    }
    await reassignRows(tx, ctx, moves);
    return { all: rows.map((r) => r.id), changed: moves.length };
  });
  return { updated: ids.changed, items: await assignmentsByIds(deps, actor, ids.all) };
}

/** Takes the selected pending assignments back (unassigned). All or none, each audited. */
export async function bulkRelease(
  deps: AssignmentDeps,
  actor: Actor,
  ctx: AuditContext,
  input: TBulkReleaseRequest,
): Promise<TBulkResult> {
  authorize(actor, 'assignments.manage');
  const ids = await deps.db.transaction(async (tx) => {
    const rows = await lockForBulk(tx, input.items, 'release');
    await releaseRows(tx, ctx, rows);
    return rows.map((r) => r.id);
  });
  return { updated: ids.length, items: await assignmentsByIds(deps, actor, ids) };
}
