import { sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { AppError, notFound, staleWrite } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type { TTestCallScenario } from '../../../../shared/schemas/evaluation.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';

type Row = Omit<TTestCallScenario, 'created_at'> & { created_at: Date | string };
const COLUMNS = sql`id, title, queue_id, caller_script, expected_answer, active, created_at, version`;
/** Evaluations past draft were scored (and signed) against the scenario's text: they fix it. */
const USED_BY = sql`(select count(*)::int from evaluations e
  where e.test_call_scenario_id = test_call_scenarios.id and e.status <> 'draft')`;
const SELECT = sql`select ${COLUMNS}, ${USED_BY} as used_by from test_call_scenarios`;
const present = (r: Row): TTestCallScenario => ({ ...r, created_at: new Date(r.created_at).toISOString() });

type Content = { title: string; queue_id?: number | null; caller_script: string; expected_answer: string };
/** The fields evaluations are scored against (everything but whether it is offered). */
const CONTENT = ['title', 'queue_id', 'caller_script', 'expected_answer'] as const;

/** 409 when a used scenario's text would change: it is duplicated instead, like a used scorecard. */
function refuseUsedEdit(before: Row, input: Partial<Content>): void {
  if (before.used_by === 0) return;
  const changed = CONTENT.filter((k) => input[k] !== undefined && input[k] !== before[k]);
  if (changed.length === 0) return;
  throw new AppError(
    'conflict',
    `This scenario has been used by ${before.used_by} submitted evaluation${before.used_by === 1 ? '' : 's'}; duplicate it to change it.`,
    { reason: 'scenario_in_use', used_by: before.used_by, fields: changed },
  );
}

async function insertScenario(tx: DbOrTx, actor: Actor, input: Content): Promise<Row> {
  const [row] = await queryRows<Row>(
    tx,
    sql`insert into test_call_scenarios (title, queue_id, caller_script, expected_answer, created_by)
        values (${input.title}, ${input.queue_id ?? null}, ${input.caller_script}, ${input.expected_answer}, ${actor.id})
        returning ${COLUMNS}, 0 as used_by`,
  );
  if (!row) throw new Error('scenario insert returned nothing');
  return row;
}

export async function listScenarios(
  db: Db,
  actor: Actor,
): Promise<{ items: TTestCallScenario[]; total: number; next_cursor: null }> {
  authorize(actor, 'test_calls.list');
  const rows = await queryRows<Row>(db, sql`${SELECT} order by active desc, id desc`);
  return { items: rows.map(present), total: rows.length, next_cursor: null };
}

export async function getScenario(db: Db, actor: Actor, id: number): Promise<TTestCallScenario> {
  authorize(actor, 'test_calls.list');
  const [row] = await queryRows<Row>(db, sql`${SELECT} where id = ${id}`);
  if (!row) throw notFound('test-call scenario');
  return present(row);
}

export async function createScenario(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  input: Content,
): Promise<TTestCallScenario> {
  authorize(actor, 'test_calls.manage');
  return db.transaction(async (tx) => {
    const row = await insertScenario(tx, actor, input);
    await recordAudit(tx, ctx, {
      action: 'test_call.create',
      entityType: 'test_call_scenario',
      entityId: row.id,
      after: row,
    });
    return present(row);
  });
}

/** A new, active copy of a scenario (any field changed on the way), to change a used one. */
export async function duplicateScenario(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: Partial<Content>,
): Promise<TTestCallScenario> {
  authorize(actor, 'test_calls.manage');
  return db.transaction(async (tx) => {
    const [source] = await queryRows<Row>(tx, sql`${SELECT} where id = ${id}`);
    if (!source) throw notFound('test-call scenario');
    const row = await insertScenario(tx, actor, {
      title: input.title ?? source.title,
      queue_id: input.queue_id === undefined ? source.queue_id : input.queue_id,
      caller_script: input.caller_script ?? source.caller_script,
      expected_answer: input.expected_answer ?? source.expected_answer,
    });
    await recordAudit(tx, ctx, {
      action: 'test_call.duplicate',
      entityType: 'test_call_scenario',
      entityId: row.id,
      before: { duplicated_from: source.id },
      after: row,
    });
    return present(row);
  });
}

export async function updateScenario(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: {
    version: number;
    title?: string;
    queue_id?: number | null;
    caller_script?: string;
    expected_answer?: string;
    active?: boolean;
  },
): Promise<TTestCallScenario> {
  authorize(actor, 'test_calls.manage');
  return db.transaction(async (tx) => {
    // Locked first: an evaluation submitted meanwhile (which shares the row) is counted below.
    const [locked] = await queryRows<{ id: number }>(
      tx,
      sql`select id from test_call_scenarios where id = ${id} for update`,
    );
    if (!locked) throw notFound('test-call scenario');
    const [before] = await queryRows<Row>(tx, sql`${SELECT} where id = ${id}`);
    if (!before) throw notFound('test-call scenario');
    if (before.version !== input.version) throw staleWrite('test-call scenario');
    refuseUsedEdit(before, input);
    const [after] = await queryRows<Row>(
      tx,
      sql`update test_call_scenarios set title = coalesce(${input.title ?? null}, title),
            queue_id = ${input.queue_id === undefined ? sql`queue_id` : input.queue_id},
            caller_script = coalesce(${input.caller_script ?? null}, caller_script),
            expected_answer = coalesce(${input.expected_answer ?? null}, expected_answer),
            active = coalesce(${input.active ?? null}::boolean, active), updated_at = now(), version = version + 1
          where id = ${id} and version = ${input.version}
          returning ${COLUMNS}, ${USED_BY} as used_by`,
    );
    if (!after) throw staleWrite('test-call scenario');
    await recordAudit(tx, ctx, {
      action: 'test_call.update',
      entityType: 'test_call_scenario',
      entityId: id,
      before,
      after,
    });
    return present(after);
  });
}
