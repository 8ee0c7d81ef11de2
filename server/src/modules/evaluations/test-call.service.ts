import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { notFound, staleWrite } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type { TTestCallScenario } from '../../../../shared/schemas/evaluation.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';

type Row = Omit<TTestCallScenario, 'created_at'> & { created_at: Date | string };
const SELECT = sql`select id, title, queue_id, caller_script, expected_answer, active, created_at, version from test_call_scenarios`;
const present = (r: Row): TTestCallScenario => ({ ...r, created_at: new Date(r.created_at).toISOString() });

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
  input: { title: string; queue_id?: number | null; caller_script: string; expected_answer: string },
): Promise<TTestCallScenario> {
  authorize(actor, 'test_calls.manage');
  return db.transaction(async (tx) => {
    const [row] = await queryRows<Row>(
      tx,
      sql`insert into test_call_scenarios (title, queue_id, caller_script, expected_answer, created_by)
          values (${input.title}, ${input.queue_id ?? null}, ${input.caller_script}, ${input.expected_answer}, ${actor.id})
          returning id, title, queue_id, caller_script, expected_answer, active, created_at, version`,
    );
    if (!row) throw new Error('scenario insert returned nothing');
    await recordAudit(tx, ctx, {
      action: 'test_call.create',
      entityType: 'test_call_scenario',
      entityId: row.id,
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
    const [before] = await queryRows<Row>(tx, sql`${SELECT} where id = ${id}`);
    if (!before) throw notFound('test-call scenario');
    const [after] = await queryRows<Row>(
      tx,
      sql`update test_call_scenarios set title = coalesce(${input.title ?? null}, title),
            queue_id = ${input.queue_id === undefined ? sql`queue_id` : input.queue_id},
            caller_script = coalesce(${input.caller_script ?? null}, caller_script),
            expected_answer = coalesce(${input.expected_answer ?? null}, expected_answer),
            active = coalesce(${input.active ?? null}::boolean, active), updated_at = now(), version = version + 1
          where id = ${id} and version = ${input.version}
          returning id, title, queue_id, caller_script, expected_answer, active, created_at, version`,
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
