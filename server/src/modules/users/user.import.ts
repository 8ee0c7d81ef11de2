import { queryRows } from '../../db/client.ts';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
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

function parseCsv(text: string): { header: string[]; records: { row: number; cells: string[] }[] } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new AppError('validation_failed', `The CSV cannot be read${line ? ` (near line ${line})` : ''}.`, [
      { path: ['file'], message: (err as Error).message.slice(0, 200) },
    ]);
  }
  const [head, ...rest] = rows;
  if (!head)
    throw new AppError('validation_failed', 'The CSV is empty.', [{ path: ['file'], message: 'empty' }]);
  const header = head.record.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new AppError('validation_failed', `The CSV lacks the column(s): ${missing.join(', ')}.`, [
      { path: ['file'], message: `expected columns: ${USER_IMPORT_COLUMNS.join(',')}` },
    ]);
  }
  return { header, records: rest.map((r) => ({ row: r.info.lines, cells: r.record })) };
}

/**
 * Bulk-creates users from CSV. Each bad row is reported with its line number and a reason; every
 * good row is created (each in its own savepoint, with its audit entry), all in one transaction.
 */
export async function importUsers(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  csvText: string,
): Promise<TUserImportResult> {
  authorize(actor, 'users.import');
  const { header, records } = parseCsv(csvText);
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
  for (const { row, cells } of records) {
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
