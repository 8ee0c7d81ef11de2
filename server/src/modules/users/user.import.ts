import { queryRows } from '../../db/client.ts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { ROWS_PER_TURN, readCsvTable, yieldToEventLoop } from '../../http/csv-table.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize, can } from '../../policies/engine.ts';
import {
  ZCreateUserRequest,
  type TCreateUserRequest,
  type TUserImportResult,
} from '../../../../shared/schemas/user.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/password.ts';
import { createUser } from './user.service.ts';

/** Columns of the user import; `roles` and `queues` take several values separated by `|`, `;` or `,`. */
export const USER_IMPORT_COLUMNS = [
  'username',
  'display_name',
  'password',
  'roles',
  'team',
  'hire_date',
  'queues',
] as const;
const REQUIRED = ['username', 'display_name', 'password', 'roles'] as const;

type Candidate = { row: number; input: TCreateUserRequest };

const splitList = (value: string | undefined) =>
  (value ?? '')
    .split(/[|;,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Bulk-creates users from CSV. Each bad row is reported with its line number and a reason; every
 * good row is created (each in its own savepoint, with its audit entry), all in one transaction.
 * The file is read and checked with turns of the event loop in between (see `readCsvTable`).
 */
export async function importUsers(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  csvText: string,
): Promise<Omit<TUserImportResult, 'encoding'>> {
  authorize(actor, 'users.import');
  const { header, records } = await readCsvTable(csvText, {
    required: REQUIRED,
    expected: `expected columns: ${USER_IMPORT_COLUMNS.join(',')}`,
  });
  const col = (cells: string[], name: string) => {
    const i = header.indexOf(name);
    return i >= 0 ? cells[i]?.trim() : undefined;
  };
  const teams = await queryRows<{ id: number; key: string }>(
    db,
    sql`select id, lower(name) as key from teams`,
  );
  const teamByName = new Map(teams.map((t) => [t.key, t.id]));
  const queues = await queryRows<{ id: number; key: string }>(
    db,
    sql`select id, lower(code) as key from queues`,
  );
  const queueByCode = new Map(queues.map((q) => [q.key, q.id]));

  const rejected: TUserImportResult['rejected'] = [];
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const [i, { row, cells }] of records.entries()) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToEventLoop();
    if (cells.length !== header.length) {
      rejected.push({ row, reason: `expected ${header.length} cells, found ${cells.length}` });
      continue;
    }
    const teamName = col(cells, 'team');
    const teamId = teamName ? teamByName.get(teamName.toLowerCase()) : undefined;
    if (teamName && teamId === undefined) {
      rejected.push({ row, reason: `unknown team "${teamName}"` });
      continue;
    }
    const queueCodes = splitList(col(cells, 'queues'));
    const unknownQueue = queueCodes.find((q) => !queueByCode.has(q.toLowerCase()));
    if (unknownQueue) {
      rejected.push({ row, reason: `unknown queue "${unknownQueue}"` });
      continue;
    }
    const parsed = ZCreateUserRequest.safeParse({
      username: col(cells, 'username'),
      display_name: col(cells, 'display_name'),
      password: col(cells, 'password'),
      roles: splitList(col(cells, 'roles')),
      team_id: teamId ?? null,
      hire_date: col(cells, 'hire_date') || null,
      queue_ids: queueCodes.map((q) => queueByCode.get(q.toLowerCase()) ?? 0),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejected.push({ row, reason: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}` });
      continue;
    }
    const key = parsed.data.username.toLowerCase();
    if (seen.has(key)) {
      rejected.push({ row, reason: `username "${parsed.data.username}" appears earlier in the file` });
      continue;
    }
    if (parsed.data.roles.includes('admin') && !can(actor, 'users.grant_admin')) {
      rejected.push({ row, reason: 'only an administrator may grant the admin role' });
      continue;
    }
    seen.add(key);
    candidates.push({ row, input: parsed.data });
  }

  // argon2 is the slow part: hash a few rows at a time on libuv's thread pool.
  const hashes: string[] = [];
  for (let i = 0; i < candidates.length; i += 8) {
    hashes.push(
      ...(await Promise.all(candidates.slice(i, i + 8).map((c) => hashPassword(c.input.password)))),
    );
  }

  let imported = 0;
  await db.transaction(async (tx) => {
    for (const [i, candidate] of candidates.entries()) {
      try {
        await createUser(tx, { actor, ctx, input: candidate.input, passwordHash: hashes[i] });
        imported++;
      } catch (err) {
        if (err instanceof AppError) rejected.push({ row: candidate.row, reason: err.message });
        else throw err;
      }
    }
  });
  rejected.sort((a, b) => a.row - b.row);
  return { imported, rejected };
}
