import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client.ts';
import type { Center, GeneratedPerson } from './center.ts';

export type SeededCenter = {
  queueIdByCode: Map<string, number>;
  teamIds: number[];
  userIdByUsername: Map<string, number>;
};

type UserSeed = {
  username: string;
  display_name: string;
  roles: string[];
  team_id: number | null;
  hire_date: string;
};

/**
 * Writes a generated center straight into the database (queues, teams, users with their roles and
 * queues, team leaders), in a few set-based statements: for benchmarks, the demo and test
 * factories, not an audited change. Every user gets `passwordHash` (hash it once, with
 * hashPassword, when the accounts must sign in). Run it inside a transaction to make it all-or-nothing.
 */
export async function insertCenter(db: DbOrTx, center: Center, passwordHash: string): Promise<SeededCenter> {
  const queueRows = await queryRows<{ id: number; code: string }>(
    db,
    sql`insert into queues (code, name)
        select code, name from jsonb_to_recordset(${JSON.stringify(center.queues)}::jsonb) as x(code text, name text)
        returning id, code`,
  );
  const queueIdByCode = new Map(queueRows.map((q) => [q.code, q.id]));

  const teamIds: number[] = [];
  for (const team of center.teams) {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into teams (name) values (${team.name}) returning id`,
    );
    if (!row) throw new Error('team insert returned nothing');
    teamIds.push(row.id);
  }
  const userIdByUsername = await insertPeople(db, center, passwordHash, { queueIdByCode, teamIds });
  return { queueIdByCode, teamIds, userIdByUsername };
}

/**
 * Writes the people of a generated center whose queues and teams exist already (`teamIds` in the
 * order of `center.teams`): team leaders (made leaders of their teams), CSRs with their queues,
 * inspectors and the QA lead. Answers their ids by username. With `setLeaders: false` the teams'
 * leaders are left for the caller to set (the demo does it through the API, as an admin would).
 */
export async function insertPeople(
  db: DbOrTx,
  center: Center,
  passwordHash: string,
  ids: { queueIdByCode: Map<string, number>; teamIds: number[]; setLeaders?: boolean },
): Promise<Map<string, number>> {
  const { queueIdByCode, teamIds } = ids;
  const person = (p: GeneratedPerson, roles: string[], team: number | null): UserSeed => ({
    username: p.username,
    display_name: p.displayName,
    roles,
    team_id: team,
    hire_date: p.hireDate,
  });
  const seeds: UserSeed[] = [
    ...center.teams.map((t, i) => person(t.leader, ['team_leader'], teamIds[i] ?? null)),
    ...center.agents.map((a) => person(a, ['agent'], teamIds[a.team] ?? null)),
    ...center.inspectors.map((p) => person(p, ['qa'], null)),
    person(center.qaLead, ['qa_lead', 'qa'], null),
  ];
  const userRows = await queryRows<{ id: number; username: string }>(
    db,
    sql`insert into users (username, display_name, password_hash, roles, team_id, hire_date)
        select username, display_name, ${passwordHash}, array(select jsonb_array_elements_text(roles)), team_id, hire_date::date
        from jsonb_to_recordset(${JSON.stringify(seeds)}::jsonb)
          as x(username text, display_name text, roles jsonb, team_id int, hire_date text)
        returning id, username`,
  );
  const userIdByUsername = new Map(userRows.map((u) => [u.username, u.id]));

  for (const [i, team] of center.teams.entries()) {
    if (ids.setLeaders === false) break;
    await db.execute(
      sql`update teams set leader_id = ${userIdByUsername.get(team.leader.username) ?? null} where id = ${teamIds[i] ?? 0}`,
    );
  }
  const memberships = center.agents.flatMap((a) =>
    a.queues.map((code) => ({
      user_id: userIdByUsername.get(a.username),
      queue_id: queueIdByCode.get(code),
    })),
  );
  if (memberships.length > 0) {
    await db.execute(
      sql`insert into user_queues (user_id, queue_id)
          select user_id, queue_id from jsonb_to_recordset(${JSON.stringify(memberships)}::jsonb) as x(user_id int, queue_id int)`,
    );
  }
  return userIdByUsername;
}
