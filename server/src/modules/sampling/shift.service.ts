import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { ROWS_PER_TURN, readCsvTable, yieldToEventLoop } from '../../http/csv-table.ts';
import { encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import { scopeWhere } from '../../policies/scope.ts';
import { isCalendarDate } from '../../../../shared/time.ts';
import {
  ROSTER_COLUMNS,
  SAMPLING_LIMITS,
  type TShift,
  type TShiftImportResult,
} from '../../../../shared/schemas/sampling.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { shiftScope } from './sampling.policy.ts';

type Rejection = TShiftImportResult['rejected'][number];
type Good = { row: number; agent_id: number; date: string; shift: string | null };

/** `2026-11-02` or `2026/11/2` → `2026-11-02`, or null. */
function readDate(text: string): string | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (!m) return null;
  const date = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

/**
 * Roster rows written per statement: one statement for a whole 20 MB roster built (and the
 * database parsed) its JSON of 800,000 rows at once, without a turn of the event loop.
 */
const WRITE_BATCH_ROWS = 10_000;

/**
 * Imports the roster (CSV `agent,date[,shift]`; `agent` is a username). Bad rows are reported with
 * their line (header = 1) and a code; good rows are upserted by agent + date, with one audit entry,
 * in one transaction.
 *
 * A roster may have 800,000 rows (20 MB): the file is parsed, checked and written in slices with
 * turns of the event loop between them, so the process keeps serving other requests meanwhile.
 */
export async function importShifts(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  text: string,
): Promise<Omit<TShiftImportResult, 'encoding'>> {
  authorize(actor, 'shifts.manage');
  const { header, records } = await readCsvTable(text, {
    required: ['agent', 'date'],
    expected: `expected columns: ${ROSTER_COLUMNS.join(',')} (shift optional)`,
  });
  const col = (cells: string[], name: string) => {
    const i = header.indexOf(name);
    return i >= 0 ? (cells[i]?.trim() ?? '') : '';
  };
  const nameSet = new Set<string>();
  for (const [i, { cells }] of records.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToEventLoop();
    const name = col(cells, 'agent').toLowerCase();
    if (name) nameSet.add(name);
  }
  const names = [...nameSet];
  const users = await queryRows<{ id: number; key: string; active: boolean; agent: boolean }>(
    db,
    sql`select id, lower(username) as key, active, 'agent' = any(roles) as agent from users
        where lower(username) in (select jsonb_array_elements_text(${JSON.stringify(names)}::jsonb))`,
  );
  const byName = new Map(users.map((u) => [u.key, u]));
  const rejected: Rejection[] = [];
  const good: Good[] = [];
  const seen = new Map<string, number>();
  const agents = new Set<number>();
  let from: string | undefined;
  let to: string | undefined;
  const reject = (row: number, code: string, reason: string) => rejected.push({ row, code, reason });
  for (const [i, { row, cells }] of records.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToEventLoop();
    if (cells.length > header.length) {
      reject(row, 'bad_row', `expected ${header.length} cells, found ${cells.length}`);
      continue;
    }
    const name = col(cells, 'agent');
    const user = byName.get(name.toLowerCase());
    if (!name) reject(row, 'missing_agent', 'agent is empty');
    else if (!user) reject(row, 'unknown_agent', `unknown user "${name}"`);
    else if (!user.agent) reject(row, 'not_agent', `"${name}" is not a CSR (role agent)`);
    else if (!user.active) reject(row, 'inactive_agent', `"${name}" is deactivated`);
    if (!user?.agent || !user.active) continue;
    const date = readDate(col(cells, 'date'));
    if (!date) {
      reject(row, 'bad_date', `date "${col(cells, 'date')}" is not a date YYYY-MM-DD`);
      continue;
    }
    const shift = col(cells, 'shift') || null;
    if (shift && shift.length > SAMPLING_LIMITS.shiftNameMax) {
      reject(row, 'bad_shift', `shift is longer than ${SAMPLING_LIMITS.shiftNameMax} characters`);
      continue;
    }
    const key = `${user.id}:${date}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      reject(row, 'duplicate_row', `${name} on ${date} appears earlier in the file (line ${earlier})`);
      continue;
    }
    seen.set(key, row);
    good.push({ row, agent_id: user.id, date, shift });
    agents.add(user.id);
    if (from === undefined || date < from) from = date;
    if (to === undefined || date > to) to = date;
  }
  // Rejections are collected in file order already.
  if (good.length === 0) return { imported: 0, updated: 0, unchanged: 0, rejected };

  return db.transaction(async (tx) => {
    let imported = 0;
    let updated = 0;
    // Batches hold distinct agent + date pairs (duplicates were rejected above), so writing them one
    // after the other counts as one statement over the whole file would.
    for (let at = 0; at < good.length; at += WRITE_BATCH_ROWS) {
      const batch = good.slice(at, at + WRITE_BATCH_ROWS);
      const payload = JSON.stringify(batch.map(({ agent_id, date, shift }) => ({ agent_id, date, shift })));
      const [counts] = await queryRows<{ inserted: number; updated: number }>(
        tx,
        sql`with input as (
              select * from jsonb_to_recordset(${payload}::jsonb) as v(agent_id int, date date, shift text)),
            written as (
              insert into shifts (agent_id, date, shift, created_by)
              select agent_id, date, shift, ${actor.id} from input
              on conflict (agent_id, date) do update set shift = excluded.shift
                where shifts.shift is distinct from excluded.shift
              returning (xmax = 0) as inserted)
            select count(*) filter (where inserted)::int as inserted,
              count(*) filter (where not inserted)::int as updated
            from written`,
      );
      imported += counts?.inserted ?? 0;
      updated += counts?.updated ?? 0;
      await yieldToEventLoop();
    }
    const result = { imported, updated, unchanged: good.length - imported - updated, rejected };
    await recordAudit(tx, ctx, {
      action: 'shifts.import',
      entityType: 'roster',
      entityId: null,
      after: {
        imported,
        updated,
        unchanged: result.unchanged,
        rejected: rejected.length,
        from,
        to,
        agents: agents.size,
      },
    });
    return result;
  });
}

type ShiftRow = Omit<TShift, 'id'> & { id: string | number };

const SELECT_SHIFT = sql`
  select s.id, s.agent_id, u.username, u.display_name, u.team_id, s.date::text as date, s.shift
  from shifts s join users u on u.id = s.agent_id`;

function filters(actor: Actor, q: { from: string; to: string; team_id?: number; agent_id?: number }) {
  return sql`s.date >= ${q.from}::date and s.date <= ${q.to}::date
    and ${q.team_id ? sql`u.team_id = ${q.team_id}` : sql`true`}
    and ${q.agent_id ? sql`s.agent_id = ${q.agent_id}` : sql`true`}
    and ${scopeWhere(actor, shiftScope(actor), { ownerId: sql`s.agent_id`, teamId: sql`u.team_id` })}`;
}

/** The roster rows between two dates, in the caller's scope (own, team, all). */
export async function listShifts(
  db: Db,
  actor: Actor,
  q: { from: string; to: string; team_id?: number; agent_id?: number; limit: number; cursor?: string },
): Promise<{ items: TShift[]; total: number; next_cursor: string | null }> {
  authorize(actor, 'shifts.list');
  const where = filters(actor, q);
  const page = keyset({ expr: sql`s.date`, type: 'date' }, sql`s.id`, 'asc', q.cursor);
  const rows = await queryRows<ShiftRow>(
    db,
    sql`${SELECT_SHIFT} where ${where} and ${page.after} order by ${page.orderBy} limit ${q.limit + 1}`,
  );
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from shifts s join users u on u.id = s.agent_id where ${where}`,
  );
  const p = pageOf(rows, q.limit, (r) => encodeCursor(r.date, Number(r.id)));
  return {
    items: p.items.map((r) => ({ ...r, id: Number(r.id) })),
    total: count?.n ?? 0,
    next_cursor: p.next_cursor,
  };
}

/** Per day between two dates: how many CSRs the roster has on shift (for the calendar). */
export async function shiftDays(
  db: Db,
  actor: Actor,
  q: { from: string; to: string; team_id?: number },
): Promise<{ date: string; on_shift: number }[]> {
  authorize(actor, 'shifts.list');
  return queryRows<{ date: string; on_shift: number }>(
    db,
    sql`select s.date::text as date, count(*)::int as on_shift
        from shifts s join users u on u.id = s.agent_id
        where ${filters(actor, q)} group by s.date order by s.date`,
  );
}

export async function deleteShift(db: Db, actor: Actor, ctx: AuditContext, id: number): Promise<void> {
  authorize(actor, 'shifts.manage');
  await db.transaction(async (tx) => {
    const [row] = await queryRows<ShiftRow>(tx, sql`${SELECT_SHIFT} where s.id = ${id} for update of s`);
    if (!row || !can(actor, 'shifts.read', { agent_id: row.agent_id, team_id: row.team_id }))
      throw notFound('shift');
    await tx.execute(sql`delete from shifts where id = ${id}`);
    await recordAudit(tx, ctx, {
      action: 'shifts.delete',
      entityType: 'shift',
      entityId: id,
      before: { ...row, id: Number(row.id) },
    });
  });
}
