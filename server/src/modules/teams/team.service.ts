import { sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { teams } from '../../db/schema/index.ts';
import { AppError, duplicate, notFound, staleWrite } from '../../errors.ts';
import { encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import type { Actor } from '../../policies/actor.ts';
import { authorize } from '../../policies/engine.ts';
import type { TCreateTeamRequest, TTeam, TUpdateTeamRequest } from '../../../../shared/schemas/team.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { forgetAllActors } from '../auth/actor-cache.ts';

type TeamRow = {
  id: number;
  name: string;
  leader_id: number | null;
  leader_name: string | null;
  member_count: number;
  active: boolean;
  created_at: Date | string;
  version: number;
};

const SELECT_TEAM = sql`
  select t.id, t.name, t.leader_id, l.display_name as leader_name, t.active, t.created_at, t.version,
    (select count(*)::int from users m where m.team_id = t.id and m.active) as member_count
  from teams t left join users l on l.id = t.leader_id`;

function present(row: TeamRow): TTeam {
  return {
    id: row.id,
    name: row.name,
    leader_id: row.leader_id,
    leader_name: row.leader_name,
    member_count: row.member_count,
    active: row.active,
    created_at: new Date(row.created_at).toISOString(),
    version: row.version,
  };
}

async function findTeam(db: DbOrTx, id: number): Promise<TeamRow | null> {
  const r = await queryRows<TeamRow>(db, sql`${SELECT_TEAM} where t.id = ${id}`);
  return r[0] ?? null;
}

export async function listTeams(
  db: Db,
  actor: Actor,
  query: { q?: string; limit: number; cursor?: string },
): Promise<{ items: TTeam[]; total: number; next_cursor: string | null }> {
  authorize(actor, 'teams.list');
  const where = query.q ? sql`t.name ilike ${`%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}` : sql`true`;
  const page = keyset({ expr: sql`lower(t.name)`, type: 'text' }, sql`t.id`, 'asc', query.cursor);
  const rows = await queryRows<TeamRow>(
    db,
    sql`${SELECT_TEAM} where ${where} and ${page.after} order by ${page.orderBy} limit ${query.limit + 1}`,
  );
  const count = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from teams t where ${where}`,
  );
  const p = pageOf(rows, query.limit, (r) => encodeCursor(r.name.toLowerCase(), r.id));
  return { items: p.items.map(present), total: count[0]?.n ?? 0, next_cursor: p.next_cursor };
}

export async function getTeam(db: Db, actor: Actor, id: number): Promise<TTeam> {
  authorize(actor, 'teams.read');
  const row = await findTeam(db, id);
  if (!row) throw notFound('team');
  return present(row);
}

/** A leader must be an active user with the team_leader role. */
async function assertLeader(tx: DbOrTx, leaderId: number | null | undefined): Promise<void> {
  if (!leaderId) return;
  const r = await queryRows<{ ok: boolean }>(
    tx,
    sql`select active and 'team_leader' = any(roles) as ok from users where id = ${leaderId}`,
  );
  if (!r[0]?.ok) {
    throw new AppError('validation_failed', 'The leader must be an active user with the team_leader role.', [
      { path: ['leader_id'], message: 'not an active team leader' },
    ]);
  }
}

function nameTaken(name: string): AppError {
  return duplicate(`A team named "${name}" exists already.`, [{ path: ['name'], message: 'taken' }]);
}

export async function createTeam(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  input: TCreateTeamRequest,
): Promise<TTeam> {
  authorize(actor, 'teams.create');
  try {
    const team = await db.transaction(async (tx) => {
      await assertLeader(tx, input.leader_id);
      const [created] = await tx
        .insert(teams)
        .values({ name: input.name, leader_id: input.leader_id ?? null })
        .returning({ id: teams.id });
      const row = created && (await findTeam(tx, created.id));
      if (!row) throw new Error('created team vanished');
      const team = present(row);
      await recordAudit(tx, ctx, {
        action: 'team.create',
        entityType: 'team',
        entityId: team.id,
        after: team,
      });
      return team;
    });
    forgetAllActors(); // members' team name and the leader's scope come from teams
    return team;
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function updateTeam(
  db: Db,
  actor: Actor,
  ctx: AuditContext,
  id: number,
  input: TUpdateTeamRequest,
): Promise<TTeam> {
  authorize(actor, 'teams.update');
  try {
    const team = await db.transaction(async (tx) => {
      const before = await findTeam(tx, id);
      if (!before) throw notFound('team');
      await assertLeader(tx, input.leader_id);
      const updated = await tx
        .update(teams)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.leader_id !== undefined && { leader_id: input.leader_id }),
          ...(input.active !== undefined && { active: input.active }),
          updated_at: new Date(),
          version: sql`${teams.version} + 1`,
        })
        .where(sql`${teams.id} = ${id} and ${teams.version} = ${input.version}`)
        .returning({ id: teams.id });
      if (updated.length === 0) throw staleWrite('team');
      const row = await findTeam(tx, id);
      if (!row) throw new Error('updated team vanished');
      const team = present(row);
      await recordAudit(tx, ctx, {
        action: 'team.update',
        entityType: 'team',
        entityId: id,
        before: present(before),
        after: team,
      });
      return team;
    });
    forgetAllActors(); // members' team name and the leader's scope come from teams
    return team;
  } catch (err) {
    if (isUniqueViolation(err) && input.name) throw nameTaken(input.name);
    throw err;
  }
}
